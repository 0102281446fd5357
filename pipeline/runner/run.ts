/**
 * The batch runner (the edge where I/O lives): reads the corpus, runs the
 * per-document stages, writes out/documents/<id>.json atomically, and reports.
 */
import path from 'node:path';
import { toJson } from '../core/doc.ts';
import { writeJsonAtomic } from '../core/fs-atomic.ts';
import { formatMessage, hasFatal } from '../core/messages.ts';
import { DocumentSchema } from '../core/schema.ts';
import { checkStageOrder, runStages } from '../core/stage.ts';
import { listCorpus, readCorpusFile } from '../corpus/read.ts';
import { DOC_STAGES } from '../stages.ts';

export interface RunOptions {
  input: string;
  output: string;
  select?: string[];
  log?: (line: string) => void;
}

export interface RunSummary {
  read: number;
  written: number;
  skipped: { id: string; source: string; reasons: string[] }[];
}

export function runPipeline(opts: RunOptions): RunSummary {
  const log = opts.log ?? ((l: string) => console.error(l));
  checkStageOrder(DOC_STAGES);
  const files = listCorpus(opts.input, opts.select ? { select: opts.select } : {});
  const summary: RunSummary = { read: 0, written: 0, skipped: [] };
  for (const file of files) {
    summary.read++;
    const doc = runStages(readCorpusFile(opts.input, file), DOC_STAGES);
    for (const m of doc.messages) if (m.severity !== 'info') log(formatMessage(path.join(opts.input, file), m));
    if (hasFatal(doc)) {
      summary.skipped.push({ id: doc.id, source: file, reasons: doc.messages.filter((m) => m.severity === 'fatal').map((m) => m.ruleId) });
      continue;
    }
    const json = DocumentSchema.parse(toJson(doc));
    writeJsonAtomic(path.join(opts.output, 'documents', `${doc.id}.json`), json);
    summary.written++;
  }
  return summary;
}
