/**
 * The piscina worker for the pipeline's own stages: one document per task.
 * Runs in a worker thread started with `--import tsx`, so it loads the
 * TypeScript sources as they are. The stage list is imported statically:
 * under tsx, a dynamic import() inside a worker thread is not transformed
 * (ERR_UNKNOWN_FILE_EXTENSION), so each stage list has its own small worker
 * file made with `taskHandler` (tests have one in test/fixtures/runner/).
 */
import { DOC_STAGES } from '../stages.ts';
import { taskHandler } from './process-doc.ts';

export default taskHandler(DOC_STAGES);
/** The report's pages, in batches (./pages.ts). */
export { renderPages } from './pages.ts';
