/**
 * The report's pages, rendered in the run's worker threads (the corpus steps'
 * one parallel part): the main thread plans the report (which pages changed,
 * what the ledger puts on each) and sends the pages in small batches; each
 * worker reads the document from its JSON export and writes the page. Pages
 * are independent files, so the order they are written in does not matter;
 * the report's index and manifest are written after all of them (report/lib/render.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Piscina } from 'piscina';
import type { DocumentJson } from '../core/schema.ts';
import { renderPageFile, type PageTask } from '../report/index.ts';
import { threadCpuMs } from './cpu.ts';

/** A batch of pages for one worker: each page with the export file of its document. */
export interface PagesTask {
  pages: { task: PageTask; docFile: string }[];
}

/** What a worker did with a batch: the pages whose export it could not read are left to the main thread. */
export interface PagesResult {
  rendered: number;
  unread: string[];
  /** Wall and thread CPU ms the worker spent on the batch (CPU undefined where the OS does not say). */
  wallMs: number;
  cpuMs?: number;
}

/** Pages per task: small enough to balance the workers, large enough that messaging stays cheap. */
const BATCH = 40;

/** The worker's side (exported by ./worker.ts): render a batch of pages from the documents' exports. */
export function renderPages(batch: PagesTask): PagesResult {
  const t0 = performance.now();
  const c0 = threadCpuMs();
  const unread: string[] = [];
  let rendered = 0;
  for (const { task, docFile } of batch.pages) {
    let doc: DocumentJson;
    try {
      doc = JSON.parse(readFileSync(docFile, 'utf8')) as DocumentJson;
    } catch {
      // An export deleted since (e.g. by hand, for a document this run did not select): the store has it.
      unread.push(task.id);
      continue;
    }
    renderPageFile(task, doc);
    rendered++;
  }
  const c1 = threadCpuMs();
  return { rendered, unread, wallMs: performance.now() - t0, ...(c0 !== undefined && c1 !== undefined ? { cpuMs: c1 - c0 } : {}) };
}

/**
 * The main thread's side: a renderer for runCorpusStepsWith that sends the pages to `pool`.
 * Pages a worker could not read the export of are rendered here from `load` (the store);
 * any failure of the workers (or a worker module without renderPages) leaves the remaining
 * pages to this thread too, with a line in the log.
 */
export function pageRenderer(
  pool: Piscina,
  workers: number,
  output: string,
  load: (id: string) => DocumentJson,
  log: (line: string) => void,
  /** Told the time each batch took in its worker (for the run's figures). */
  onBatch: (r: PagesResult) => void = () => {},
): (tasks: PageTask[]) => Promise<void> {
  const docFile = (id: string): string => path.join(output, 'documents', `${id}.json`);
  return async (tasks) => {
    const done = new Set<string>();
    const batches: PageTask[][] = [];
    for (let i = 0; i < tasks.length; i += BATCH) batches.push(tasks.slice(i, i + BATCH));
    try {
      // At most two batches per worker queued at a time, as for the documents.
      const inFlight = new Set<Promise<void>>();
      for (const batch of batches) {
        const job = (pool.run({ pages: batch.map((task) => ({ task, docFile: docFile(task.id) })) } satisfies PagesTask, { name: 'renderPages' }) as Promise<PagesResult>).then((r) => {
          onBatch(r);
          const unread = new Set(r.unread);
          for (const t of batch) if (!unread.has(t.id)) done.add(t.id);
        });
        const tracked = job.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size >= workers * 2) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } catch (err) {
      log(`report: rendering pages in worker threads failed (${(err as Error).message}); rendering ${tasks.filter((t) => !done.has(t.id)).length} in the main thread`);
    }
    for (const t of tasks) if (!done.has(t.id)) renderPageFile(t, load(t.id));
  };
}
