import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentSchema } from '../../pipeline/core/schema.ts';
import type { Stage } from '../../pipeline/core/stage.ts';
import { DOC_STAGES } from '../../pipeline/stages.ts';
import { runBatch, runPipeline } from '../../pipeline/runner/run.ts';
import { RunLockedError } from '../../pipeline/store/lock.ts';
import { DOC_STAGES as TEST_STAGES } from '../fixtures/runner/stages.ts';
import { FIXTURES, WORKER_FILE, exports, reportFiles, sandbox, storeContent, type Sandbox, removeSandboxes } from './helpers.ts';

const PIPELINE = { stages: TEST_STAGES, workerFile: WORKER_FILE, renderPages: true };

const quiet = { log: () => {} };

afterAll(removeSandboxes);

describe('cache: what a re-run extracts', () => {
  it('extracts everything cold, nothing warm, one edited or added article only, and all after a lexicon change', () => {
    const sb = sandbox();
    const base = { input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet };

    const cold = runPipeline(base);
    expect(cold).toMatchObject({ read: 5, written: 4, extracted: 5, cached: 0 });
    expect(cold.skipped).toEqual([{ id: 'a5', source: 'a5.txt', reasons: ['input/empty'] }]);
    const first = exports(sb.output);
    expect(Object.keys(first)).toEqual(['a1.json', 'a2.json', 'a3.json', 'a4.json']);
    for (const text of Object.values(first)) DocumentSchema.parse(JSON.parse(text));

    const warm = runPipeline(base);
    expect(warm).toMatchObject({ read: 5, written: 4, extracted: 0, cached: 5 });
    expect(warm.skipped.map((s) => s.id)).toEqual(['a5']);
    expect(exports(sb.output)).toEqual(first);

    writeFileSync(path.join(sb.input, 'a2.txt'), 'Tomas Berg resigned from the Harbour Authority on Friday.\n');
    const edited = runPipeline(base);
    expect(edited).toMatchObject({ extracted: 1, cached: 4 });
    expect(JSON.parse(exports(sb.output)['a2.json']!).text).toContain('resigned');

    writeFileSync(path.join(sb.input, 'b1.txt'), 'Maria Lindqvist opened the new terminal.\n');
    expect(runPipeline(base)).toMatchObject({ read: 6, extracted: 1, cached: 5 });

    writeFileSync(sb.lexicon, `${readFileSync(sb.lexicon, 'utf8')}statistics office\n`);
    const relexed = runPipeline(base);
    expect(relexed).toMatchObject({ extracted: 6, cached: 0 });
    const a4 = DocumentSchema.parse(JSON.parse(exports(sb.output)['a4.json']!));
    expect(a4.mentions.map((m) => m.text)).toContain('statistics office');
  });

  it('removes a document that left the corpus from the store and out/, and re-exports a deleted JSON from the store', () => {
    const sb = sandbox();
    const base = { input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet };
    runPipeline(base);
    rmSync(path.join(sb.input, 'a3.txt'));
    const before = exports(sb.output)['a1.json'];
    rmSync(path.join(sb.output, 'documents', 'a1.json'));
    const s = runPipeline(base);
    expect(s).toMatchObject({ removed: 1, extracted: 0 });
    expect(existsSync(path.join(sb.output, 'documents', 'a3.json'))).toBe(false);
    expect(exports(sb.output)['a1.json']).toEqual(before);
    expect(storeContent(sb.output).documents.map((d) => (d as { id: string }).id)).toEqual(['a1', 'a2', 'a4']);
  });

  it('uses the manifest: its dates reach the documents and a changed date re-extracts that document', () => {
    const sb = sandbox();
    const base = { input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet };
    runPipeline(base);
    const a1 = DocumentSchema.parse(JSON.parse(exports(sb.output)['a1.json']!));
    expect(a1.meta).toMatchObject({ published: '2026-03-10', publishedBasis: 'manifest' });
    expect(a1.claims[0]?.time.value).toBe('2026-03-10');
    const manifest = path.join(sb.input, 'manifest.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('2026-03-15', '2026-03-16'));
    expect(runPipeline(base)).toMatchObject({ extracted: 1, cached: 4 });
  });
});

// Worker threads start tsx and the wink model: slow on a loaded machine, hence the long timeouts.
/** The same stage list with one stage's version bumped (as a code change would). */
function bumped(stages: readonly Stage[], name: string): Stage[] {
  return stages.map((s) => (s.name === name ? { ...s, version: `${s.version}+bumped`, run: s.run.bind(s) } : s));
}

describe('re-running from the first changed stage', () => {
  it('a bumped later stage re-runs from that stage only, giving what a full run gives (test stages)', () => {
    const sb = sandbox();
    runPipeline({ input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet });
    const later = bumped(TEST_STAGES, 'test-claims');
    const s = runPipeline({ input: sb.input, output: sb.output, stages: later, ...quiet });
    // a5 was skipped (empty): it runs whole again; the four written ones resume at test-claims.
    expect(s).toMatchObject({ extracted: 5, resumed: 4 });
    expect(Object.keys(s.stageMs)).not.toContain('test-actors');
    const clean = sandbox();
    runPipeline({ input: clean.input, output: clean.output, stages: later, ...quiet });
    expect(exports(sb.output)).toEqual(exports(clean.output));
    expect(storeContent(sb.output)).toEqual(storeContent(clean.output));
    process.env['RUNNER_TEST_LEXICON'] = sb.lexicon; // sandbox() pointed it at the clean copy's lexicon
    expect(runPipeline({ input: sb.input, output: sb.output, stages: later, ...quiet })).toMatchObject({ extracted: 0, cached: 5 });
  });

  it('a bumped first stage re-runs everything', () => {
    const sb = sandbox();
    runPipeline({ input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet });
    expect(runPipeline({ input: sb.input, output: sb.output, stages: bumped(TEST_STAGES, 'test-clean'), ...quiet })).toMatchObject({ extracted: 5, resumed: 0 });
  });

  it('with the real stages on the seed articles: they are pure (a second full run gives the same documents), and resuming at a later stage equals a full run', () => {
    const seeds = path.join(FIXTURES, '..', '..', '..', 'corpus');
    const seeded = (): Sandbox => {
      const sb = sandbox();
      for (const f of readdirSync(seeds)) cpSync(path.join(seeds, f), path.join(sb.input, f));
      return sb;
    };
    const run = (sb: Sandbox, stages: readonly Stage[]) => runPipeline({ input: sb.input, output: sb.output, noReport: true, stages, ...quiet });
    // Caching, resuming and workers all assume a stage's output depends only on the document:
    // state kept across documents (a mutated module-level cache) breaks that.
    const first = seeded();
    const second = seeded();
    run(first, DOC_STAGES);
    run(second, DOC_STAGES);
    const a = exports(first.output);
    const b = exports(second.output);
    const impure = Object.keys(a).filter((f) => a[f] !== b[f]);
    expect(impure, `documents that changed on a second run in the same process (a stage keeps state across documents)`).toEqual([]);

    const name = DOC_STAGES[Math.max(1, DOC_STAGES.length - 2)]!.name;
    const later = bumped(DOC_STAGES, name);
    expect(run(first, later).resumed).toBeGreaterThan(0);
    const clean = seeded();
    run(clean, later);
    expect(exports(first.output)).toEqual(exports(clean.output));
    expect(storeContent(first.output)).toEqual(storeContent(clean.output));
  }, 300_000);
});

describe('workers', () => {
  it('gives identical exports, store content and report with 1 and 2 worker threads and inline', async () => {
    const outs: string[] = [];
    const lines: string[] = [];
    for (const workers of [1, 2, 0]) {
      const sb = sandbox();
      const s = await runBatch({ input: sb.input, output: sb.output, workers, pipeline: PIPELINE, progress: false, log: (l) => lines.push(l) });
      expect(s).toMatchObject({ read: 5, written: 4, extracted: 5 });
      outs.push(sb.output);
    }
    const [one, two, inline] = outs as [string, string, string];
    expect(exports(two)).toEqual(exports(one));
    expect(exports(inline)).toEqual(exports(one));
    expect(storeContent(two)).toEqual(storeContent(one));
    expect(storeContent(inline)).toEqual(storeContent(one));
    expect(storeContent(one).claims.length).toBeGreaterThan(0);
    // With workers the report's pages are rendered in them (runner/pages.ts), inline in this thread.
    expect(lines.filter((l) => l.startsWith('report:'))).toEqual([]);
    const pages = reportFiles(one);
    expect(Object.keys(pages).filter((f) => f.startsWith('report/docs/'))).toHaveLength(4);
    expect(reportFiles(two)).toEqual(pages);
    expect(reportFiles(inline)).toEqual(pages);
  }, 180_000);

  it('renders a page from the store when its export is gone (a document this run did not select)', async () => {
    const sb = sandbox();
    const base = { input: sb.input, output: sb.output, workers: 1, pipeline: PIPELINE, progress: false, ...quiet };
    await runBatch(base);
    const page = (id: string): string | undefined => Object.entries(reportFiles(sb.output)).find(([f]) => f.startsWith('report/docs/') && f.includes(id))?.[1];
    const before = page('a2');
    expect(before).toBeDefined();
    const pagesDir = path.join(sb.output, 'report', 'docs');
    for (const f of readdirSync(pagesDir)) if (f.includes('a2')) rmSync(path.join(pagesDir, f));
    rmSync(path.join(sb.output, 'documents', 'a2.json'));
    writeFileSync(path.join(sb.input, 'a1.txt'), 'Maria Lindqvist visited the harbour on Friday.\n');
    const s = await runBatch({ ...base, select: ['a1'] });
    expect(s.extracted).toBe(1);
    expect(existsSync(path.join(sb.output, 'documents', 'a2.json'))).toBe(false);
    expect(page('a2')).toBe(before);
  }, 180_000);

  it('renders the report pages in this thread when the worker module said it could but cannot (and says so)', async () => {
    const sb = sandbox();
    const lines: string[] = [];
    const workerFile = path.join(FIXTURES, 'worker-no-pages.ts');
    const s = await runBatch({ input: sb.input, output: sb.output, workers: 1, pipeline: { stages: TEST_STAGES, workerFile, renderPages: true }, progress: false, log: (l) => lines.push(l) });
    expect(s.steps.ran).toContain('report');
    expect(lines.some((l) => /rendering pages in worker threads failed .*; rendering 4 in the main thread/.test(l))).toBe(true);
    const clean = sandbox();
    runPipeline({ input: clean.input, output: clean.output, stages: TEST_STAGES, ...quiet });
    expect(reportFiles(sb.output)).toEqual(reportFiles(clean.output));
  }, 180_000);
});

describe('run lock', () => {
  it('refuses a second run while a live process holds the store, naming it', () => {
    const sb = sandbox();
    const base = { input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet };
    runPipeline(base);
    const lock = path.join(sb.output, 'ledger.sqlite.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), started: '2026-01-01T00:00:00Z' }));
    expect(() => runPipeline(base)).toThrow(RunLockedError);
    expect(() => runPipeline(base)).toThrow(new RegExp(`pid ${process.pid}`));
    expect(existsSync(lock)).toBe(true);
    rmSync(lock);
    expect(runPipeline(base)).toMatchObject({ cached: 5 });
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a stale lock whose process is gone', () => {
    const sb = sandbox();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const lock = path.join(sb.output, 'ledger.sqlite.lock');
    runPipeline({ input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet });
    writeFileSync(lock, JSON.stringify({ pid: Number(dead.stdout), host: os.hostname(), started: '2026-01-01T00:00:00Z' }));
    expect(runPipeline({ input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet })).toMatchObject({ cached: 5 });
    expect(existsSync(lock)).toBe(false);
  });
});

describe('interrupted run', () => {
  it('leaves store and out/ consistent, releases the lock, and a re-run finishes with the same result as one clean run', async () => {
    const sb = sandbox();
    const controller = new AbortController();
    let seen = 0;
    const s = await runBatch({
      input: sb.input,
      output: sb.output,
      workers: 1,
      pipeline: PIPELINE,
      progress: false,
      signal: controller.signal,
      onDocument: () => {
        if (++seen === 2) controller.abort();
      },
      ...quiet,
    });
    expect(s.interrupted).toBe(true);
    expect(s.extracted).toBeGreaterThanOrEqual(2);
    expect(s.extracted).toBeLessThan(5);
    expect(existsSync(path.join(sb.output, 'ledger.sqlite.lock'))).toBe(false);
    const db = new Database(path.join(sb.output, 'ledger.sqlite'), { readonly: true });
    const runs = db.prepare('SELECT status, extracted FROM runs').all();
    const stored = (db.prepare('SELECT id FROM documents ORDER BY id').all() as { id: string }[]).map((r) => `${r.id}.json`);
    db.close();
    expect(runs).toEqual([{ status: 'interrupted', extracted: s.extracted }]);
    expect(Object.keys(exports(sb.output))).toEqual(stored);

    const again = await runBatch({ input: sb.input, output: sb.output, workers: 1, pipeline: PIPELINE, progress: false, ...quiet });
    expect(again.interrupted).toBe(false);
    expect(again.extracted).toBe(5 - s.extracted);
    expect(again.cached).toBe(s.extracted);

    const clean = sandbox();
    await runBatch({ input: clean.input, output: clean.output, workers: 1, pipeline: PIPELINE, progress: false, ...quiet });
    expect(exports(sb.output)).toEqual(exports(clean.output));
    expect(storeContent(sb.output)).toEqual(storeContent(clean.output));
  }, 180_000);
});
