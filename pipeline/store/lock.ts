/**
 * One writing run per store: an exclusive lock file next to the database
 * (`ledger.sqlite.lock`), created with O_EXCL and holding the owner's pid,
 * host and start time. A second run refuses clearly; a lock whose process is
 * gone (same host, pid not alive) is stale and taken over. SQLite's own locks
 * keep concurrent *readers* safe; this lock keeps two *runs* from interleaving
 * their cache decisions and exports.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';

export interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

export class RunLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockInfo,
  ) {
    super(
      `another run holds the store (pid ${holder.pid} on ${holder.host}, started ${holder.started}); ` +
        `wait for it to finish, or delete ${lockFile} if that process is gone`,
    );
    this.name = 'RunLockedError';
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.started === 'string') {
      return { pid: v.pid, host: v.host, started: v.started };
    }
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return undefined;
}

export interface RunLock {
  file: string;
  release(): void;
}

/** Take the run lock for `storeFile` or throw RunLockedError. */
export function acquireRunLock(storeFile: string): RunLock {
  const file = `${storeFile}.lock`;
  const me: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      // A lock from another host cannot be checked for liveness: respect it.
      if (holder && (holder.host !== me.host || pidAlive(holder.pid))) throw new RunLockedError(file, holder);
      rmSync(file, { force: true }); // stale: its process is gone
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      file,
      release() {
        if (released) return;
        released = true;
        const holder = readLock(file);
        if (holder && holder.pid === me.pid && holder.started === me.started) rmSync(file, { force: true });
      },
    };
  }
  throw new Error(`could not take the run lock ${file}`);
}
