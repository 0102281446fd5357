import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledWorker } from '../../pipeline/runner/compiled-worker.ts';
import { processDocument, type DocResult, type DocTask } from '../../pipeline/runner/process-doc.ts';
import { WORKER_FILE } from '../../pipeline/runner/run.ts';
import { DOC_STAGES } from '../../pipeline/stages.ts';
import { FIXTURES } from './helpers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'compiled-worker-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the compiled worker', () => {
  it('is built once into node_modules/.cache, with its data files reachable, and gives what the TypeScript stages give', async () => {
    const url = await compiledWorker(WORKER_FILE);
    expect(url).toBeDefined();
    const file = fileURLToPath(url!);
    expect(file).toContain(`${path.sep}node_modules${path.sep}.cache${path.sep}claims-pipeline${path.sep}`);
    // Unchanged sources: the same bundle again.
    expect(await compiledWorker(WORKER_FILE)).toBe(url);
    // The stages find pipeline/lang/en from the bundle's folder.
    expect(readFileSync(path.join(path.dirname(file), '..', 'lang', 'en', 'normalise', 'chrome.yaml'), 'utf8').length).toBeGreaterThan(0);

    const input = path.join(FIXTURES, 'corpus');
    const task = (outDir: string): DocTask => ({ dir: input, file: 'a1.txt', outDir });
    const pool = new Piscina<DocTask, DocResult>({ filename: url!, minThreads: 1, maxThreads: 1, execArgv: [] });
    let compiled: DocResult;
    try {
      compiled = await pool.run(task(path.join(tmp, 'compiled')));
    } finally {
      await pool.destroy();
    }
    const inline = processDocument(task(path.join(tmp, 'inline')), DOC_STAGES);
    expect(compiled.status).toBe('written');
    expect(compiled.rows).toEqual(inline.rows);
    expect(compiled.log).toEqual(inline.log);
    // The worker thread reports its start-up CPU with its first document (where the OS gives thread CPU time).
    if (compiled.cpuMs) expect(compiled.cpuMs['startup']).toBeGreaterThan(0);
    const read = (d: string) => readFileSync(path.join(tmp, d, 'documents', `${compiled.id}.json`), 'utf8');
    expect(read('compiled')).toBe(read('inline'));
  }, 120_000);

  it('is not made for a worker file outside a pipeline folder with data (the runner then keeps tsx)', async () => {
    expect(await compiledWorker(new URL('file:///nonexistent/runner/worker.ts').href)).toBeUndefined();
  });
});
