/**
 * Writes that never leave a half-written file: write to a temporary file in
 * the same folder, fsync, then rename over the target (atomic on POSIX).
 * writeDerivedFile is the same without the fsync, for the thousands of files a
 * run re-makes from the store (per-document exports, report pages, caches).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

let counter = 0;

/** Write a temporary file beside `file` with `write`, then rename it over `file`; the temporary file never stays. */
function replaceVia(file: string, write: (tmp: string) => void): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}-${counter++}`;
  try {
    write(tmp);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  replaceVia(file, (tmp) => {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}

/** Pretty, stable JSON (2-space indent, trailing newline) for files people diff. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Folders this thread has made: a batch writes thousands of files into one folder (one mkdir, not one per file). */
const made = new Set<string>();

/**
 * Atomic like writeFileAtomic (temporary file in the same folder, then rename,
 * so no reader and no interrupted run ever sees half a file) but without an
 * fsync per file: on the 2,452-article benchmark the fsyncs alone cost ~1-3 ms
 * per file on an idle disk and ~25 ms on a busy one, more than most stages. Only
 * for files that can be re-made: an OS crash right after the rename can leave
 * such a file empty, which `isSoundFile` detects so the next run re-makes it.
 * Files people write by hand or once per run keep using writeFileAtomic.
 */
export function writeDerivedFile(file: string, text: string): void {
  const dir = path.dirname(file);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  replaceVia(file, (tmp) => {
    try {
      writeFileSync(tmp, text);
    } catch (err) {
      // The folder went away since (removed between runs of a long-lived process): make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, text);
    }
  });
}

/** The file exists and is not empty (what an OS crash after an unsynced rename can leave). */
export function isSoundFile(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
