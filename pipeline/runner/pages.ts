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

/** A batch of pages for one worker: each page with the export file of its document. */
export interface PagesTask {
  pages: { task: PageTask; docFile: string }[];
}

/** Pages per task: small enough to balance the workers, large enough that messaging stays cheap. */
const BATCH = 40;

/** The worker's side (exported by ./worker.ts): render a batch, return how many pages it wrote. */
export function renderPages(batch: PagesTask): number {
  for (const { task, docFile } of batch.pages) renderPageFile(task, JSON.parse(readFileSync(docFile, 'utf8')) as DocumentJson);
  return batch.pages.length;
}

/**
 * The main thread's side: a renderer for runCorpusStepsWith that sends the pages to `pool`.
 * A worker module without renderPages (another stage list's worker), or any failure of the
 * workers, falls back to rendering the remaining pages in this thread, with a line in the log.
 */
export function pageRenderer(pool: Piscina, workers: number, output: string, log: (line: string) => void): (tasks: PageTask[]) => Promise<void> {
  const docFile = (id: string): string => path.join(output, 'documents', `${id}.json`);
  return async (tasks) => {
    const done = new Set<string>();
    const batches: PageTask[][] = [];
    for (let i = 0; i < tasks.length; i += BATCH) batches.push(tasks.slice(i, i + BATCH));
    try {
      // At most two batches per worker queued at a time, as for the documents.
      const inFlight = new Set<Promise<void>>();
      for (const batch of batches) {
        const job = (pool.run({ pages: batch.map((task) => ({ task, docFile: docFile(task.id) })) } satisfies PagesTask, { name: 'renderPages' }) as Promise<number>).then(() => {
          for (const t of batch) done.add(t.id);
        });
        const tracked = job.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size >= workers * 2) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } catch (err) {
      const rest = tasks.filter((t) => !done.has(t.id));
      log(`report: rendering pages in worker threads failed (${(err as Error).message}); rendering ${rest.length} in the main thread`);
      renderPages({ pages: rest.map((task) => ({ task, docFile: docFile(task.id) })) });
    }
  };
}
