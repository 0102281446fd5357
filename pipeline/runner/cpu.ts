/**
 * CPU time of the calling thread, for per-stage timings that mean something on
 * a shared machine (wall time there counts other people's load). Node 20 has no
 * per-thread CPU clock (process.threadCpuUsage arrived in Node 23.9, and
 * process.cpuUsage sums every thread of the process), so on Linux it is read
 * from /proc/thread-self/schedstat (first field: nanoseconds on a CPU), through
 * a descriptor opened once per thread. Elsewhere it is undefined and callers
 * fall back to wall time.
 *
 * Granularity: the kernel folds a running thread's time into that counter at
 * scheduler ticks (every ~4 ms here) and when the thread sleeps, so a thread
 * reading its own clock sees a value up to one tick old. Sums over many
 * stages are right on average, but the part of a task run since the last tick
 * shows up only after the thread blocks: in a worker, between tasks (about
 * 2 ms a document on the 2,452-article benchmark). Per-stage figures are
 * therefore slightly low and the "other" remainder slightly high; totals per
 * thread are exact.
 */
import { closeSync, openSync, readSync } from 'node:fs';

let fd: number | null | undefined;
const buf = Buffer.alloc(96);

function open(): number | null {
  try {
    // thread-self resolves when opened: each worker thread loads this module afresh and opens its own.
    const f = openSync('/proc/thread-self/schedstat', 'r');
    const n = readSync(f, buf, 0, buf.length, 0);
    if (n <= 0 || !/^\d+ /.test(buf.toString('latin1', 0, n))) {
      closeSync(f);
      return null;
    }
    return f;
  } catch {
    return null;
  }
}

/** Milliseconds of CPU this thread has used since it started, or undefined where the OS does not say. */
export function threadCpuMs(): number | undefined {
  if (fd === undefined) fd = open();
  if (fd === null) return undefined;
  const n = readSync(fd, buf, 0, buf.length, 0);
  let ns = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i]!;
    if (c < 48 || c > 57) break;
    ns = ns * 10 + (c - 48);
  }
  return ns / 1e6;
}
