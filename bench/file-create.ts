/**
 * `npm run bench:files -- [--dir DIR] [--files N] [--threads T]`: what creating a cold run's
 * files costs on the file system under DIR, apart from the pipeline. T worker threads write N
 * files of 13 KB (the size of an average te3-silver export) into two shared folders, each file
 * the way the runner writes exports and report pages (core/fs-atomic.ts writeDerivedFile: a
 * temporary file, then a rename), then the folder is removed. Prints wall time and the
 * process's user and system CPU.
 *
 * Why it exists: on the benchmark machine (a VM whose root file system is ext4 without a
 * journal) the same run cost 1 s or 8 s of system CPU depending on the folder it wrote to
 * (docs/scaling.md, "File creation on this machine"). Run it twice in a row on a folder to see
 * whether the folder is in that state; compare with /dev/shm.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { writeDerivedFile } from '../pipeline/core/fs-atomic.ts';

interface Job {
  dir: string;
  files: number;
  threads: number;
  thread: number;
}

if (isMainThread) {
  const { values: args } = parseArgs({
    options: {
      dir: { type: 'string', default: os.tmpdir() },
      files: { type: 'string', default: '4800' },
      threads: { type: 'string', default: '2' },
    },
  });
  const files = Number(args.files);
  const threads = Number(args.threads);
  const dir = mkdtempSync(path.join(path.resolve(args.dir), 'claims-files-'));
  for (const sub of ['documents', 'pages']) mkdirSync(path.join(dir, sub));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: threads }, (_, thread) => {
        const job: Job = { dir, files, threads, thread };
        // The worker runs this file too (TypeScript): tsx's loader is registered in it before the import.
        const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
        const w = new Worker(boot, { eval: true, workerData: job });
        return new Promise<void>((resolve, reject) => {
          w.on('error', reject);
          w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
        });
      }),
    );
    const u = process.cpuUsage(c0);
    console.log(
      `${files} files of 13 KB from ${threads} thread(s) under ${path.resolve(args.dir)}: ${(performance.now() - t0).toFixed(0)} ms wall, ` +
        `${(u.user / 1000).toFixed(0)} ms user, ${(u.system / 1000).toFixed(0)} ms system CPU (worker start-up included)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const { dir, files, threads, thread } = workerData as Job;
  const text = 'x'.repeat(13_000);
  for (let i = thread; i < files; i += threads) writeDerivedFile(path.join(dir, i % 2 === 0 ? 'documents' : 'pages', `f${i}.json`), text);
}
