/**
 * `npm run bench`: the scale benchmark. Runs the whole pipeline (per-document
 * stages in worker threads, then the corpus steps) over a real news corpus
 * (default ../shared/scale/te3-silver: 2,452 articles, dates in published.tsv)
 * and prints, in one run:
 *   cold run: wall and CPU time, words/s, peak memory (RSS of the process: worker
 *             threads live in it, so their memory is counted), per-stage wall and CPU
 *             time (CPU of the thread that ran the stage), worker start-up CPU,
 *             the main thread's CPU (planning, commits, corpus steps);
 *   warm run with nothing changed; a run with one new article added (its time
 *             beyond the article's own extraction), each in wall and CPU time;
 *   the floor: one bare wink-nlp readDoc pass over the same texts on one core, in
 *             the same process, once before the cold run and once after the runs
 *             (the lower of the two is the floor; both are printed);
 *   the ratios cold / floor and floor / cold, in wall and CPU time; the ledger
 *             step's time at 25%, 50%, 100% of the corpus.
 *
 * Usage: npm run bench -- [--corpus DIR] [--workers N] [--limit N] [--json] [--keep] [--pipeline WORKER.ts] [--tmp DIR]
 * Everything is written to a temp folder (never the repo's out/) under --tmp (default: the OS's),
 * removed at the end unless --keep. Where it lives matters on some file systems: see
 * docs/scaling.md ("File creation on this machine") and the "of which system" line.
 * The code and data files (pipeline/) are snapshotted into that folder first and the snapshot is
 * what runs: the cache keys hash the data files, so a lexicon edited in the working tree during the
 * benchmark would otherwise (rightly) make the "warm" run re-extract everything. --live runs the tree.
 * The corpus's published.tsv is converted to the manifest format of pipeline/corpus/manifest.ts.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { CORPUS_EXTENSIONS } from '../pipeline/corpus/read.ts';
import type { Stage } from '../pipeline/core/stage.ts';
import type { BatchOptions, RunSummary } from '../pipeline/runner/run.ts';
import { countWords } from '../pipeline/store/db.ts';
import { threadCpuMs } from '../pipeline/runner/cpu.ts';
import { readPublished } from './lib/published.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env['BENCH_CORPUS'] ?? path.join(ROOT, '..', 'shared', 'scale', 'te3-silver') },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    // A worker module exporting DOC_STAGES and, as default, taskHandler(DOC_STAGES): benchmark another stage list.
    pipeline: { type: 'string' },
    // Benchmark pipeline/ as it is on disk during the run, not a snapshot taken at the start.
    live: { type: 'boolean', default: false },
    // Where the temp folder goes (the cold run writes ~5,000 files there).
    tmp: { type: 'string', default: os.tmpdir() },
  },
});

/** Peak RSS, sampled every 50 ms, alongside the kernel's own high-water mark (resourceUsage().maxRSS). */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout;
  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
    this.timer.unref();
  }
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  reset(): void {
    this.peak = process.memoryUsage.rss();
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** A copy of pipeline/ (code and data) with package.json and node_modules beside it, so it runs as the repo does. */
function snapshot(tmp: string): string {
  const root = path.join(tmp, 'code');
  cpSync(path.join(ROOT, 'pipeline'), path.join(root, 'pipeline'), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) cpSync(path.join(ROOT, f), path.join(root, f));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

/** How the cold run's figures that are not stages are named. */
const STEP_LABELS: Record<string, string> = {
  startup: 'worker start-up (module loading)',
  commit: 'commit (main thread)',
  'report-pages': 'report pages (workers)',
};

/** A working corpus: symlinks to the texts plus manifest.json, so the bench can add an article. */
function prepareCorpus(src: string, into: string, limit: number | undefined): { files: string[]; words: number; texts: string[] } {
  mkdirSync(into, { recursive: true });
  let files = readdirSync(src)
    .filter((f) => CORPUS_EXTENSIONS.includes(path.extname(f).toLowerCase()))
    .sort();
  if (limit !== undefined) files = files.slice(0, limit);
  const texts: string[] = [];
  let words = 0;
  for (const f of files) {
    symlinkSync(path.resolve(src, f), path.join(into, f));
    const t = readFileSync(path.join(src, f), 'utf8');
    texts.push(t);
    words += countWords(t);
  }
  const published = readPublished(src);
  const ids = new Set(files.map((f) => path.basename(f, path.extname(f))));
  writeFileSync(path.join(into, 'manifest.json'), JSON.stringify(Object.fromEntries(Object.entries(published).filter(([id]) => ids.has(id)))));
  return { files, words, texts };
}

// An invented article (not from the corpus) for the "one new article" run.
const NEW_ARTICLE = `Port authority approves second terminal after two-year dispute

ROTTERDAM, March 3, 2026 (Newswire) - The regional port authority on Tuesday approved a second container terminal, ending a two-year dispute with environmental groups over dredging in the estuary.

The project will cost 1.2 billion euros and create about 900 jobs, the authority's chairman, Pieter van Dam, told reporters. Construction is due to start in September and finish by 2029.

Environmental groups said they would appeal. "The dredging permits were issued before the impact study was complete," said Anne Vos of the Estuary Coalition, which has filed three lawsuits since 2024.

The authority said the terminal would raise annual capacity by 15 percent. Shipping volumes fell 3 percent last year, according to the national statistics office.
`;

/** The document's own extraction: its stages, validation and export (not the main thread's commit). */
function sumStages(s: RunSummary): number {
  return Object.values(s.stageMs).reduce((a, b) => a + b, 0);
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function mbOf(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}

async function main(): Promise<number> {
  const corpus = path.resolve(args.corpus);
  if (!existsSync(corpus)) {
    console.error(`bench: no corpus at ${corpus} (pass --corpus DIR or set BENCH_CORPUS)`);
    return 2;
  }
  const workers = Number(args.workers);
  const limit = args.limit === undefined ? undefined : Number(args.limit);
  const tmp = mkdtempSync(path.join(path.resolve(args.tmp), 'claims-bench-'));
  const cleanup = (): void => {
    if (!args.keep) rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const code = args.live ? ROOT : snapshot(tmp);
  const { runBatch, tuneV8 } = (await import(pathToFileURL(path.join(code, 'pipeline', 'runner', 'run.ts')).href)) as typeof import('../pipeline/runner/run.ts');
  // The runner's V8 settings, from the start: the floor passes run under the same flags as the runs.
  tuneV8();
  const { ledgerScaling } = (await import(pathToFileURL(path.join(code, 'pipeline', 'runner', 'corpus-steps.ts')).href)) as typeof import('../pipeline/runner/corpus-steps.ts');
  const input = path.join(tmp, 'corpus');
  const output = path.join(tmp, 'out');
  const rss = new RssSampler();
  // Per-document messages are counted by ruleId, not printed (thousands of lines); progress lines pass through.
  const messages = new Map<string, number>();
  const log = (l: string): void => {
    const m = / (?:info|warning|error|fatal) ([a-z]+\/[a-z0-9-]+):/.exec(l);
    if (m?.[1]) messages.set(m[1], (messages.get(m[1]) ?? 0) + 1);
    else console.error(`  ${l}`);
  };
  let pipeline: BatchOptions['pipeline'];
  if (args.pipeline) {
    const workerFile = path.resolve(args.pipeline);
    const m = (await import(pathToFileURL(workerFile).href)) as { DOC_STAGES: Stage[] };
    pipeline = { stages: m.DOC_STAGES, workerFile };
  }
  const extra = pipeline ? { pipeline, log } : { log };
  try {
    const { files, words, texts } = prepareCorpus(corpus, input, limit);
    console.error(`bench: ${files.length} articles, ${words} words, ${workers} workers, ${os.availableParallelism()} cores; temp ${tmp}${args.live ? ' (live tree)' : ' (code snapshot)'}`);

    // 0. The floor, first pass (before the runs): one bare wink-nlp readDoc pass over the same texts, one core.
    const nlp = winkNLP(model);
    const floorPass = (): { wallMs: number; cpuMs: number; tokens: number } => {
      const c = process.cpuUsage();
      const t = performance.now();
      let n = 0;
      for (const text of texts) n += nlp.readDoc(text).tokens().length();
      return { wallMs: performance.now() - t, cpuMs: cpuMs(process.cpuUsage(c)), tokens: n };
    };
    const floorBefore = floorPass();

    // 0b. The worker bundle (runner/compiled-worker.ts) is made once per version of the code and kept
    // in node_modules/.cache; the snapshot is new code, so it is made here, timed apart, and the
    // cold run measures extraction with no cached outputs, as a user's first run after the first.
    let bundleMs: number | undefined;
    if (!pipeline) {
      const { compiledWorker } = (await import(pathToFileURL(path.join(code, 'pipeline', 'runner', 'compiled-worker.ts')).href)) as typeof import('../pipeline/runner/compiled-worker.ts');
      const b0 = performance.now();
      await compiledWorker(pathToFileURL(path.join(code, 'pipeline', 'runner', 'worker.ts')).href);
      bundleMs = performance.now() - b0;
    }

    // 1. Cold run.
    rss.reset();
    // CPU time (user + system, all threads of this process: the workers are threads) is less
    // sensitive than wall time to other people's load on a shared machine; both are printed.
    let cpu0 = process.cpuUsage();
    const main0 = threadCpuMs();
    let t0 = performance.now();
    const cold = await runBatch({ input, output, workers, ...extra });
    const coldMs = performance.now() - t0;
    const coldUsage = process.cpuUsage(cpu0);
    const coldCpu = cpuMs(coldUsage);
    const coldMainCpu = main0 === undefined ? undefined : threadCpuMs()! - main0;
    rss.sample();
    const coldPeak = rss.peak;

    // 2. Warm run, nothing changed.
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    const warm = await runBatch({ input, output, workers, ...extra });
    const warmMs = performance.now() - t0;
    const warmCpu = cpuMs(process.cpuUsage(cpu0));

    // 3. One new article.
    writeFileSync(path.join(input, 'zz_bench_new_article.txt'), NEW_ARTICLE);
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    const added = await runBatch({ input, output, ...extra });
    const addedMs = performance.now() - t0;
    const addedCpu = cpuMs(process.cpuUsage(cpu0));
    const ownMs = sumStages(added) - (added.stageMs['commit'] ?? 0);

    // 4. The floor, second pass, after the runs; the floor is the lower of the two passes.
    const floorAfter = floorPass();
    const floorMs = Math.min(floorBefore.wallMs, floorAfter.wallMs);
    const floorCpu = Math.min(floorBefore.cpuMs, floorAfter.cpuMs);
    const tokens = floorAfter.tokens;

    // 5. The ledger step at 25%, 50%, 100% of the corpus (from the store, no extraction).
    const ledger = ledgerScaling(path.join(output, 'ledger.sqlite'), [0.25, 0.5, 1]);

    rss.stop();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const result = {
      corpus,
      bundleMs: bundleMs ?? null,
      articles: files.length,
      words,
      workers,
      cores: os.availableParallelism(),
      cold: {
        wallMs: coldMs,
        cpuMs: coldCpu,
        systemCpuMs: coldUsage.system / 1000,
        wordsPerSecond: words / (coldMs / 1000),
        peakRssBytes: coldPeak,
        extracted: cold.extracted,
        written: cold.written,
        skipped: cold.skipped.length,
        mainThreadCpuMs: coldMainCpu,
        stageMs: cold.stageMs,
        stageCpuMs: cold.stageCpuMs,
        stepsMs: cold.steps.ms,
      },
      warm: { wallMs: warmMs, cpuMs: warmCpu, extracted: warm.extracted, cached: warm.cached, ratioToCold: warmMs / coldMs, cpuRatioToCold: warmCpu / coldCpu, steps: warm.steps.ran },
      newArticle: { wallMs: addedMs, cpuMs: addedCpu, ownExtractionMs: ownMs, beyondMs: addedMs - ownMs, extracted: added.extracted, stepsMs: added.steps.ms },
      floor: { wallMs: floorMs, cpuMs: floorCpu, tokens, wordsPerSecond: words / (floorMs / 1000), passes: [floorBefore, floorAfter] },
      coldToFloor: coldMs / floorMs,
      coldToFloorCpu: coldCpu / floorCpu,
      floorToCold: floorMs / coldMs,
      floorToColdCpu: floorCpu / coldCpu,
      ledger,
      messages: Object.fromEntries(messages),
      peakRssBytes: Math.max(maxRss, rss.peak),
    };
    if (args.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      const row = (k: string, v: string, target = ''): void => console.log(`${k.padEnd(34)} ${v.padEnd(28)} ${target}`);
      console.log('');
      row('articles / words', `${files.length} / ${words}`);
      const cores = os.availableParallelism();
      if (bundleMs !== undefined) row('worker bundle (once per code)', fmtMs(bundleMs), 'made before the cold run: esbuild, cached in node_modules/.cache');
      row('cold run', `${fmtMs(coldMs)} wall, ${fmtMs(coldCpu)} CPU`, `${(words / (coldMs / 1000)).toFixed(0)} words/s; extracted ${cold.extracted}, skipped ${cold.skipped.length}`);
      // The kernel's share depends on the file system under --tmp as much as on the code: on a
      // journal-less ext4 where thousands of files were just deleted, creating the run's ~5,000
      // files cost up to 8 s of it (docs/scaling.md, "File creation on this machine").
      row('  of which system (kernel)', fmtMs(coldUsage.system / 1000), 'file creation and writes, page faults: see docs/scaling.md if high');
      const cpuOf = cold.stageCpuMs;
      const names = [...new Set([...Object.keys(cold.stageMs), ...Object.keys(cpuOf)])].sort((a, b) => (cpuOf[b] ?? cold.stageMs[b] ?? 0) - (cpuOf[a] ?? cold.stageMs[a] ?? 0));
      row('  per stage, summed over documents', 'wall / CPU', '(CPU of the thread that ran it)');
      for (const name of names) {
        const what = STEP_LABELS[name] ?? `stage ${name}`;
        row(`    ${what}`, `${cold.stageMs[name] === undefined ? '-' : fmtMs(cold.stageMs[name])} / ${cpuOf[name] === undefined ? '-' : fmtMs(cpuOf[name])}`);
      }
      const accounted = Object.entries(cpuOf).reduce((a, [k, v]) => a + (k === 'commit' ? 0 : v), 0);
      if (coldMainCpu !== undefined) {
        row('  main thread CPU', fmtMs(coldMainCpu), '(planning, receiving results, commits, corpus steps)');
        row('  other CPU', fmtMs(coldCpu - accounted - coldMainCpu), '(V8 compiler and GC helper threads, workers between tasks, and stage time the 4 ms thread clock shows only after a task: runner/cpu.ts)');
      }
      for (const [name, ms] of Object.entries(cold.steps.ms)) row(`  corpus step ${name}`, fmtMs(ms));
      row('peak RSS during cold run', mbOf(coldPeak), 'target < 1.5 GB (process incl. worker threads)');
      row('warm run, nothing changed', `${fmtMs(warmMs)} wall, ${fmtMs(warmCpu)} CPU`, `${((warmMs / coldMs) * 100).toFixed(1)}% of cold wall, ${((warmCpu / coldCpu) * 100).toFixed(1)}% CPU (target ≤ 5%); extracted ${warm.extracted}`);
      row('one new article', `${fmtMs(addedMs)} wall, ${fmtMs(addedCpu)} CPU`, `own extraction ${fmtMs(ownMs)}; beyond: ${fmtMs(addedMs - ownMs)} (target < 2 s)`);
      for (const [name, ms] of Object.entries(added.steps.ms)) row(`  corpus step ${name}`, fmtMs(ms));
      const reportMs = added.steps.ms['report'] ?? 0;
      row('  beyond, without the report', fmtMs(addedMs - ownMs - reportMs), '(the report re-renders its index and the pages whose ledger context changed)');
      row('floor: bare wink readDoc, 1 core', `${fmtMs(floorMs)} wall, ${fmtMs(floorCpu)} CPU`, `${(words / (floorMs / 1000)).toFixed(0)} words/s; lower of 2 passes`);
      row('  floor passes (before / after runs)', `${fmtMs(floorBefore.wallMs)} / ${fmtMs(floorAfter.wallMs)} wall`, `${fmtMs(floorBefore.cpuMs)} / ${fmtMs(floorAfter.cpuMs)} CPU`);
      row('cold / floor, wall', `${(coldMs / floorMs).toFixed(2)}×`, `target ≤ 3× on ${cores} cores; floor / cold = ${((floorMs / coldMs) * 100).toFixed(1)}%`);
      row('cold / floor, CPU', `${(coldCpu / floorCpu).toFixed(2)}×`, `floor / cold = ${((floorCpu / coldCpu) * 100).toFixed(1)}%; ÷ ${cores} cores = ${(coldCpu / floorCpu / cores).toFixed(2)}× at perfect parallelism`);
      row('ledger inputs loaded from the store', fmtMs(ledger.loadMs));
      for (const p of ledger.points) {
        row(`ledger build at ${(p.fraction * 100).toFixed(0)}% (${p.documents} docs)`, `${fmtMs(p.ms)} for ${p.claims} claims`, `${((p.ms / Math.max(p.claims, 1)) * 1000).toFixed(1)} µs/claim`);
      }
      row('peak RSS of the bench process', mbOf(result.peakRssBytes), '(includes the floor pass and ledger scaling)');
      if (messages.size > 0) {
        console.log(`messages (all runs, by ruleId): ${[...messages].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
      }
      console.log('\nNote: timings on a shared machine are noisy; run when the cores are idle for numbers to quote.');
    }
    return 0;
  } finally {
    rss.stop();
    cleanup();
  }
}

process.exitCode = await main();
