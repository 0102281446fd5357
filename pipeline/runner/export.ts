/**
 * Writing the per-document JSON exports of a batch. Atomic like
 * core/fs-atomic.ts (temporary file in the same folder, then rename, so no
 * reader and no interrupted run ever sees half a file) but without an fsync
 * per file: on the 2,452-article benchmark the fsyncs alone cost ~3 ms per
 * document on an idle disk and ~25 ms on a busy one, more than most stages.
 * The durable record is the store (one transaction per document); an export
 * lost or emptied by an OS crash is re-made from it on the next run (see
 * `exportIsSound` and the planner in run.ts). Single files people write by
 * hand or once per run keep using writeFileAtomic.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let counter = 0;
/** Folders this thread has made: a batch writes thousands of exports into one folder (one mkdir, not one per file). */
const made = new Set<string>();

export function writeExport(file: string, text: string): void {
  const dir = path.dirname(file);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}-${counter++}`;
  try {
    try {
      writeFileSync(tmp, text);
    } catch (err) {
      // The folder went away since (removed between runs of a long-lived process): make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, text);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The export exists and is not empty (what an OS crash after an unsynced rename can leave). */
export function exportIsSound(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
