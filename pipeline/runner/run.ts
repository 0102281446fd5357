/**
 * The batch runner (the edge where I/O lives). It plans a run against the
 * store's cache (which documents changed), extracts only those, inline or in
 * parallel worker threads, commits each document in its own transaction
 * after its JSON export is written, then runs the corpus-level steps (ledger,
 * report, annotations) when their inputs changed.
 *
 *   runPipeline(opts)  synchronous, inline in this thread (small runs, tests)
 *   runBatch(opts)     asynchronous, piscina worker threads, progress, Ctrl-C safe
 *
 * Both share planning and committing, so they write the same store and files.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import path from 'node:path';
import { Piscina } from 'piscina';
import { sha256 } from '../core/ids.ts';
import { checkStageOrder, type Stage } from '../core/stage.ts';
import { loadCorpusManifest } from '../corpus/manifest.ts';
import { docIdOf, listCorpus } from '../corpus/read.ts';
import { DOC_STAGES } from '../stages.ts';
import { acquireRunLock, type RunLock } from '../store/lock.ts';
import { Store } from '../store/db.ts';
import { documentKey, resumeFrom, stageFingerprints, stageKeys } from './cache.ts';
import { exportIsSound, writeExport } from './export.ts';
import { runCorpusSteps, runCorpusStepsWith, type CorpusStepsOptions, type CorpusStepsResult } from './corpus-steps.ts';
import { pageRenderer, type PagesResult } from './pages.ts';
import type { DocSummary, PageTask } from '../report/index.ts';
import type { DocumentJson } from '../core/schema.ts';
import { feedLedger, primeLedger } from './ledger-step.ts';
import { processDocument, type DocResult, type DocTask } from './process-doc.ts';
import { createProgress, type Progress } from './progress.ts';
import { threadCpuMs } from './cpu.ts';
import { compiledWorker } from './compiled-worker.ts';
import { CommitGroup, GROUP_DOCS, GROUP_MS } from './commit-group.ts';

export interface RunOptions {
  input: string;
  output: string;
  select?: string[];
  log?: (line: string) => void;
  /** The SQLite store (default <output>/ledger.sqlite). */
  store?: string;
  /** Run the corpus-level steps even when their inputs did not change. */
  force?: boolean;
  /** Bring this annotations folder up to date with the outputs (pipeline/annotate). */
  annotations?: string;
  /** Skip the corpus-level steps (ledger, report, annotations). */
  noCorpusSteps?: boolean;
  /** Skip the report only. */
  noReport?: boolean;
}

export interface InlineOptions extends RunOptions {
  /** Per-document stages (default pipeline/stages.ts DOC_STAGES). */
  stages?: readonly Stage[];
}

export interface BatchOptions extends RunOptions {
  /** Worker threads; 0 runs inline in this thread. Default: inline for ≤ 4 documents to extract, else one per core. */
  workers?: number;
  /**
   * Another stage list and the worker file that runs it (a module whose default export is
   * `taskHandler(stages)`); default: pipeline/stages.ts DOC_STAGES with ./worker.ts.
   * `renderPages`: the module also exports ./pages.ts renderPages, so the report's pages
   * are rendered in its threads (otherwise in the main thread).
   */
  pipeline?: { stages: readonly Stage[]; workerFile: string; renderPages?: boolean };
  /** Stop taking new documents when aborted; documents in flight finish and are committed. */
  signal?: AbortSignal;
  /** Show progress (bar on a terminal, lines otherwise). Default: true. */
  progress?: boolean;
  /** Hook called after each committed document (tests use it to interrupt a run). */
  onDocument?: (r: DocResult) => void;
}

export interface RunSummary {
  read: number;
  /** Documents with a valid export after this run (extracted now or reused from the cache). */
  written: number;
  skipped: { id: string; source: string; reasons: string[] }[];
  /** Documents whose stages ran in this run. */
  extracted: number;
  /** Documents reused from the cache. */
  cached: number;
  /** Of the extracted, those re-run from a later stage on (a later stage's version or data changed). */
  resumed: number;
  /** Documents that left the corpus and were removed from the store and out/. */
  removed: number;
  interrupted: boolean;
  runId: number;
  /** Milliseconds per stage summed over documents (wall time in the workers), plus `validate`, `export`, the main thread's `commit` and the workers' `report-pages`. */
  stageMs: Record<string, number>;
  /**
   * The same in CPU time of the thread that did the work (less sensitive to other load on the
   * machine), plus `read` and, per worker thread, `startup` (module loading); empty where the
   * OS gives no per-thread CPU time (see ./cpu.ts).
   */
  stageCpuMs: Record<string, number>;
  /** Corpus-level steps: what ran and how long it took. */
  steps: CorpusStepsResult;
  wallMs: number;
}

/** A document to extract; `resumeFrom`: the first stage to re-run (the stored document is loaded when it is sent). */
interface Todo {
  dir: string;
  file: string;
  outDir: string;
  resumeFrom?: number;
}

interface Plan {
  store: Store;
  lock: RunLock;
  storeFile: string;
  todo: Todo[];
  keys: Map<string, { key: string; chain: [string, string][] }>;
  summary: RunSummary;
  started: number;
  log: (line: string) => void;
  /** Report summaries the workers made for the documents committed in this run (see process-doc.ts). */
  summaries: Map<string, { hash: string; summary: DocSummary }>;
  /** Documents' rows are committed a few dozen at a time (./commit-group.ts); flushed before anything reads the store as a whole. */
  group: CommitGroup;
}

export function defaultStorePath(output: string): string {
  return path.join(output, 'ledger.sqlite');
}

function exportPath(output: string, id: string): string {
  return path.join(output, 'documents', `${id}.json`);
}

/** Decide what to extract: documents whose cache key changed. Takes the run lock. */
function plan(opts: RunOptions, stages: readonly Stage[]): Plan {
  const started = performance.now();
  const log = opts.log ?? ((l: string) => console.error(l));
  checkStageOrder(stages);
  const storeFile = opts.store ?? defaultStorePath(opts.output);
  // The lock first: only the lock holder migrates and writes.
  mkdirSync(path.dirname(path.resolve(storeFile)), { recursive: true });
  const lock = acquireRunLock(storeFile);
  let store: Store;
  try {
    store = Store.open(storeFile);
  } catch (err) {
    lock.release();
    throw err;
  }
  try {
    // The reader applies the corpus manifest (pipeline/corpus/manifest.ts); its entry is part of the key.
    const manifest = loadCorpusManifest(opts.input).entries;
    const fingerprints = stageFingerprints(stages);
    const files = listCorpus(opts.input, opts.select ? { select: opts.select } : {});
    const cache = store.cacheMap();
    const summary: RunSummary = {
      read: 0,
      written: 0,
      skipped: [],
      extracted: 0,
      cached: 0,
      resumed: 0,
      removed: 0,
      interrupted: false,
      runId: 0,
      stageMs: {},
      stageCpuMs: {},
      steps: { ran: [], ms: {} },
      wallMs: 0,
    };
    const todo: Todo[] = [];
    const keys: Plan['keys'] = new Map();
    const seen = new Set<string>();
    for (const file of files) {
      summary.read++;
      const id = docIdOf(file);
      if (seen.has(id)) {
        log(`${path.join(opts.input, file)}: warning: another file already has the id "${id}"; this one is not read`);
        continue;
      }
      seen.add(id);
      const entry = manifest.get(id);
      let key: string;
      let chain: [string, string][] = [];
      try {
        const sourceHash = sha256(readFileSync(path.join(opts.input, file)));
        chain = stageKeys(stages, fingerprints, sourceHash, entry);
        key = documentKey(chain, sourceHash);
      } catch {
        // Unreadable now: the reader will say why (input/unreadable); a key that never matches retries it next run.
        key = `unreadable:${Date.now()}`;
      }
      keys.set(id, { key, chain });
      const hit = cache.get(id);
      if (hit && hit.cache_key === key) {
        if (hit.status === 'skipped') {
          summary.skipped.push({ id, source: file, reasons: JSON.parse(hit.reasons) as string[] });
          summary.cached++;
          continue;
        }
        // The export is re-made from the store when it was deleted (or emptied by an OS crash).
        const out = exportPath(opts.output, id);
        const sound = exportIsSound(out);
        const text = sound ? undefined : store.documentJsonText(id);
        if (!sound && text === undefined) {
          todo.push({ dir: opts.input, file, outDir: opts.output });
          continue;
        }
        if (text !== undefined) writeExport(out, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
        summary.cached++;
        summary.written++;
        continue;
      }
      // Changed from a later stage on only: re-run from there, on the stored document.
      const from = hit?.status === 'written' ? resumeFrom(stages, JSON.parse(hit.stage_keys) as [string, string][], chain) : undefined;
      todo.push({ dir: opts.input, file, outDir: opts.output, ...(from !== undefined ? { resumeFrom: from } : {}) });
    }
    // Documents that left the corpus (only on a whole-corpus run).
    if (!opts.select || opts.select.length === 0) {
      for (const id of cache.keys()) {
        if (seen.has(id)) continue;
        store.removeDocument(id);
        rmSync(exportPath(opts.output, id), { force: true });
        summary.removed++;
      }
    }
    // The ledger is fed as documents commit (see commit), so the ledger step at the end only reconciles.
    if (!opts.noCorpusSteps && (todo.length > 0 || summary.removed > 0)) primeLedger(store, storeFile);
    const group = new CommitGroup(store, GROUP_DOCS, GROUP_MS, (ms, cpu) => addCommitTime(summary, ms, cpu), threadCpuMs);
    return { store, lock, storeFile, todo, keys, summary, started, log, summaries: new Map(), group };
  } catch (err) {
    lock.release();
    store.close();
    throw err;
  }
}

/** The task sent to a worker: a resumed document carries its stored JSON, read only now (memory stays flat). */
function taskOf(p: Plan, t: Todo): DocTask {
  const task: DocTask = { dir: t.dir, file: t.file, outDir: t.outDir };
  if (t.resumeFrom !== undefined) {
    const json = p.store.documentJsonText(docIdOf(t.file));
    if (json !== undefined) {
      task.resume = { from: t.resumeFrom, json };
      p.summary.resumed++;
    }
  }
  return task;
}

function addCommitTime(s: RunSummary, ms: number, cpu: number | undefined): void {
  s.stageMs['commit'] = (s.stageMs['commit'] ?? 0) + ms;
  if (cpu !== undefined) s.stageCpuMs['commit'] = (s.stageCpuMs['commit'] ?? 0) + cpu;
}

/** Commit one document's result (all-or-nothing, in the open commit group), after its export file is written. */
function commit(p: Plan, r: DocResult, outDir: string): void {
  const planned = p.keys.get(r.id);
  if (planned === undefined) throw new Error(`result for a document that was not planned: ${r.id}`);
  const key = planned.key;
  for (const line of r.log) p.log(line);
  for (const [name, ms] of Object.entries(r.stageMs)) p.summary.stageMs[name] = (p.summary.stageMs[name] ?? 0) + ms;
  for (const [name, ms] of Object.entries(r.cpuMs ?? {})) p.summary.stageCpuMs[name] = (p.summary.stageCpuMs[name] ?? 0) + ms;
  p.summary.extracted++;
  const t0 = performance.now();
  const c0 = threadCpuMs();
  if (r.status === 'skipped' || !r.rows) {
    // The input went bad (emptied, truncated, binary): its earlier export in out/ is
    // kept as it was — nothing already written is lost — but it leaves the ledger.
    if (existsSync(exportPath(outDir, r.id))) p.log(`${r.source}: earlier output ${exportPath(outDir, r.id)} kept; the document is left out of this run's ledger`);
    p.group.add(() => p.store.putSkipped(r.id, key, r.reasons));
    feedLedger(p.storeFile, r.id, key, null);
    p.summary.skipped.push({ id: r.id, source: r.source, reasons: r.reasons });
  } else {
    const rows = r.rows;
    p.group.add(() => p.store.putRows(rows, key, p.summary.runId, planned.chain));
    if (r.ledger) feedLedger(p.storeFile, r.id, key, r.ledger);
    if (r.summary) p.summaries.set(r.id, { hash: key, summary: r.summary });
    p.summary.written++;
  }
  // The one serial part of extraction: the main thread's writes (and, every few dozen documents, the group's commit).
  addCommitTime(p.summary, performance.now() - t0, c0 === undefined ? undefined : threadCpuMs()! - c0);
}

function stepsOptions(p: Plan, opts: RunOptions): CorpusStepsOptions {
  return {
    store: p.store,
    storeFile: p.storeFile,
    output: opts.output,
    force: opts.force ?? false,
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
    ...(opts.noReport ? { noReport: true } : {}),
    summaries: p.summaries,
    log: p.log,
  };
}

function finish(p: Plan, opts: RunOptions, status: 'done' | 'interrupted' | 'failed'): RunSummary {
  try {
    p.group.flush();
    if (status === 'done' && !opts.noCorpusSteps) p.summary.steps = runCorpusSteps(stepsOptions(p, opts));
  } catch (err) {
    closeRun(p, 'failed');
    throw err;
  }
  return closeRun(p, status);
}

/** finish() with the report's pages rendered by `renderPages` (the worker threads). */
async function finishWith(p: Plan, opts: RunOptions, status: 'done' | 'interrupted' | 'failed', renderPages: (tasks: PageTask[]) => Promise<void>): Promise<RunSummary> {
  try {
    p.group.flush();
    if (status === 'done' && !opts.noCorpusSteps) p.summary.steps = await runCorpusStepsWith(stepsOptions(p, opts), renderPages);
  } catch (err) {
    closeRun(p, 'failed');
    throw err;
  }
  return closeRun(p, status);
}

/** Record the run, release the lock, close the store. */
function closeRun(p: Plan, status: 'done' | 'interrupted' | 'failed'): RunSummary {
  const s = p.summary;
  s.skipped.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  s.interrupted = status === 'interrupted';
  try {
    // What was committed stays committed, whatever the status: each document in the group is whole.
    p.group.flush();
    s.wallMs = performance.now() - p.started;
    recordRun(p, status, s.wallMs);
  } finally {
    p.lock.release();
    p.store.close();
  }
  return s;
}

/** The run's row in the store, from its summary (steps not yet run have no times). */
function recordRun(p: Plan, status: 'done' | 'interrupted' | 'failed', wallMs: number): void {
  const s = p.summary;
  p.store.finishRun(s.runId, {
    status,
    read: s.read,
    extracted: s.extracted,
    cached: s.cached,
    skipped: s.skipped.length,
    removed: s.removed,
    stageMs: roundAll(s.stageMs),
    stepsMs: roundAll(s.steps.ms),
    wallMs,
  });
}

function roundAll(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]));
}

/** Run inline in this thread (synchronous). */
export function runPipeline(opts: InlineOptions): RunSummary {
  const stages = opts.stages ?? DOC_STAGES;
  const p = plan(opts, stages);
  p.summary.runId = p.store.startRun(path.resolve(opts.input), 0);
  try {
    for (const t of p.todo) commit(p, processDocument(taskOf(p, t), stages), opts.output);
  } catch (err) {
    closeRun(p, 'failed');
    throw err;
  }
  return finish(p, opts, 'done');
}

/** Workers to use when none is asked for: inline for a handful of documents, else one per core. */
export function autoWorkers(todo: number): number {
  return todo <= 4 ? 0 : Math.max(1, Math.min(os.availableParallelism(), todo));
}

export const WORKER_FILE = new URL('./worker.ts', import.meta.url).href;

/**
 * V8's optimising compiler (TurboFan) runs on background threads, outside any
 * stage's CPU time. With its default budget it optimises (and, as the types a
 * function sees change from article to article, deoptimises and re-optimises)
 * so much of the pipeline's code that on the 2,452-article benchmark those
 * threads used ~21 s of a 47 s cold run. A larger interrupt budget (the
 * bytecode a function must run before it is considered for optimisation)
 * leaves only the really hot functions to TurboFan: on 300 te3-silver articles
 * with 2 workers, 4 MiB cut the process's CPU by ~20% (stages ~15% slower,
 * compiler threads ~85% less). Once the largest stage functions were split
 * into small ones of stable object shapes (a compile of extractActors took
 * ~400 ms and was redone up to 16 times), a smaller budget paid: 1 MiB beat
 * 4 MiB in each of five paired cold runs over the benchmark's 2,452 articles
 * (output on tmpfs; by 0.1-0.65 s wall, 0.4-1.1 s CPU; V8's default was dearer
 * than both). V8 flags are per
 * process and read by isolates created afterwards, so this is set once, before
 * the first worker thread starts. It changes no output.
 * CLAIMS_V8_INTERRUPT_BUDGET sets another value in bytes; 0 leaves V8's default.
 */
export const INTERRUPT_BUDGET = 1024 * 1024;
let v8Tuned = false;

/** Apply the interrupt budget (once per process; runBatch calls it before its workers start; the benchmark before its floor pass, so both run under the same flags). */
export function tuneV8(): void {
  if (v8Tuned) return;
  v8Tuned = true;
  const asked = process.env['CLAIMS_V8_INTERRUPT_BUDGET'];
  const budget = asked === undefined || asked === '' ? INTERRUPT_BUDGET : Number(asked);
  if (!Number.isInteger(budget) || budget <= 0) return;
  // An explicit --interrupt-budget on the command line wins.
  if ([...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((a) => a.startsWith('--interrupt-budget'))) return;
  v8.setFlagsFromString(`--interrupt-budget=${budget}`);
}

/** Run with worker threads, progress and Ctrl-C safety (asynchronous). */
export async function runBatch(opts: BatchOptions): Promise<RunSummary> {
  const stages = opts.pipeline?.stages ?? DOC_STAGES;
  const p = plan(opts, stages);
  const workers = opts.workers ?? autoWorkers(p.todo.length);
  p.summary.runId = p.store.startRun(path.resolve(opts.input), workers);
  let progress: Progress | undefined;
  const plain = p.log;
  const stopProgress = (): void => {
    progress?.stop();
    p.log = plain;
  };
  let pool: Piscina<DocTask, DocResult> | undefined;
  try {
    if (p.summary.cached > 0 || p.summary.removed > 0) {
      p.log(`${p.summary.cached} unchanged (cached), ${p.todo.length} to extract, ${p.summary.removed} removed`);
    }
    if (p.todo.length > 0 && opts.progress !== false) {
      const bar = createProgress({ total: p.todo.length, log: plain });
      progress = bar;
      // Documents' messages go above the bar while it runs.
      p.log = (line) => bar.log(line);
    }
    const onResult = (r: DocResult): void => {
      commit(p, r, opts.output);
      progress?.tick(r.status);
      opts.onDocument?.(r);
    };
    if (workers <= 0) {
      for (const t of p.todo) {
        if (opts.signal?.aborted) break;
        onResult(processDocument(taskOf(p, t), stages));
        // Let a Ctrl-C handler run between documents.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } else if (p.todo.length > 0) {
      // The pipeline's own worker runs compiled to JavaScript when it can be (./compiled-worker.ts);
      // another stage list, or CLAIMS_TSX_WORKER=1, runs its TypeScript worker under tsx.
      const compiled = opts.pipeline || process.env['CLAIMS_TSX_WORKER'] === '1' ? undefined : await compiledWorker(WORKER_FILE);
      const workerFile = compiled ?? opts.pipeline?.workerFile ?? WORKER_FILE;
      tuneV8();
      pool = new Piscina<DocTask, DocResult>({
        filename: workerFile,
        minThreads: Math.min(workers, p.todo.length),
        maxThreads: workers,
        execArgv: compiled ? [] : ['--import', 'tsx'],
        // A bounded queue keeps results from piling up in memory; see the loop below.
        idleTimeout: 1_000,
      });
      // A worker that fails outside a task (e.g. cannot load a named export) must not take the process down.
      pool.on('error', (err: Error) => p.log(`worker thread error: ${err.message}`));
      const submit = pool;
      // Keep at most 2 tasks per worker in flight; stop submitting when aborted,
      // and let the documents in flight finish and commit.
      const inFlight = new Set<Promise<void>>();
      try {
        for (const t of p.todo) {
          if (opts.signal?.aborted) break;
          const job: Promise<void> = submit.run(taskOf(p, t)).then(onResult);
          const tracked = job.finally(() => inFlight.delete(tracked));
          inFlight.add(tracked);
          if (inFlight.size >= workers * 2) await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
      } finally {
        // Nothing may commit after the store closes: wait for every document in flight.
        await Promise.allSettled(inFlight);
      }
    }
  } catch (err) {
    stopProgress();
    await pool?.destroy();
    closeRun(p, 'failed');
    throw err;
  }
  stopProgress();
  const interrupted = Boolean(opts.signal?.aborted) && p.summary.extracted < p.todo.length;
  const status = interrupted ? 'interrupted' : 'done';
  if (!pool || (opts.pipeline && !opts.pipeline.renderPages)) {
    await pool?.destroy();
    return finish(p, opts, status);
  }
  try {
    // The workers stay up for the report's pages (./pages.ts).
    const load = (id: string): DocumentJson => JSON.parse(p.store.documentJsonText(id) ?? '{}') as DocumentJson;
    const pagesTime = (r: PagesResult): void => {
      const s = p.summary;
      s.stageMs['report-pages'] = (s.stageMs['report-pages'] ?? 0) + r.wallMs;
      if (r.cpuMs !== undefined) s.stageCpuMs['report-pages'] = (s.stageCpuMs['report-pages'] ?? 0) + r.cpuMs;
    };
    return await finishWith(p, opts, status, pageRenderer(pool, workers, opts.output, load, p.log, pagesTime));
  } finally {
    await pool.destroy();
  }
}

/**
 * Run `f` with Ctrl-C turned into an abort: the first SIGINT aborts the signal
 * (documents in flight finish and commit), a second one exits at once (130).
 */
export async function withSigint<T>(f: (signal: AbortSignal) => Promise<T>, log: (line: string) => void = (l) => console.error(l)): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) {
      log('claims: second Ctrl-C: exiting now (the store stays consistent; a re-run redoes the documents in flight)');
      process.exit(130);
    }
    log('claims: interrupted: finishing the documents in flight, then stopping; run again to continue');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await f(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
