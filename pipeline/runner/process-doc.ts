/**
 * One document through the per-document stages: read, run each stage (timed),
 * validate against DocumentSchema, write out/documents/<id>.json atomically (./export.ts).
 * The same function runs inline (small runs, tests) and in a piscina worker
 * thread (./worker.ts), so both paths give the same output.
 */
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { fromJson, toJson, type Doc } from '../core/doc.ts';
import { writeExport } from './export.ts';
import { formatMessage, hasFatal, message } from '../core/messages.ts';
import { DocumentSchema } from '../core/schema.ts';
import { documentRows, type DocumentRows } from '../store/rows.ts';
import { runStages, type Stage } from '../core/stage.ts';
import { docIdOf, readCorpusFile } from '../corpus/read.ts';
import { threadCpuMs } from './cpu.ts';
import type { LedgerInput } from '../ledger/index.ts';
import { ledgerInputOf } from './ledger-step.ts';
import { summarizeDoc, type DocSummary } from '../report/index.ts';

export interface DocTask {
  dir: string;
  file: string;
  outDir: string;
  /**
   * Re-run from stage `from` on, starting from the stored document (its JSON text):
   * what the stages from there on assigned is taken off first (see runner/cache.ts).
   */
  resume?: { from: number; json: string };
}

export interface DocResult {
  id: string;
  source: string;
  status: 'written' | 'skipped';
  /** ruleIds of the fatal messages, when skipped. */
  reasons: string[];
  /** Non-info messages, formatted for people. */
  log: string[];
  /** Milliseconds per stage (wall time). */
  stageMs: Record<string, number>;
  /**
   * Milliseconds of this thread's CPU per stage, where the OS gives a thread's CPU time
   * (./cpu.ts); the first document a thread runs also carries `startup`: the CPU the thread
   * spent before it (loading modules), so a run's CPU can be accounted for.
   */
  cpuMs?: Record<string, number>;
  /** The store's rows for the document, made here (in the worker) so the main thread only inserts them. */
  rows?: DocumentRows;
  /** What the ledger reads of the document (its claims, actor names, meta), so the main thread feeds the ledger as documents commit. */
  ledger?: LedgerInput;
  /** The report's summary of the document (report/lib/view.ts), so the report need not load it again. */
  summary?: DocSummary;
}

/** A worker's task function over a fixed stage list (see ./worker.ts). */
export function taskHandler(stages: readonly Stage[]): (task: DocTask) => DocResult {
  return (task) => processDocument(task, stages);
}

/**
 * A finished document as it was before stage `from`: the layers the stages
 * from there on assign (their mentions by type, the claims) and their messages
 * are taken off. Later stages only add their own layer (they replace it whole
 * and leave earlier layers' order alone), so re-running them gives what a full
 * run gives; test/runner/run.test.ts checks that against the real stages.
 */
export function rewind(doc: Doc, stages: readonly Stage[], from: number): Doc {
  const later = stages.slice(from);
  const names = new Set(later.map((s) => s.name));
  const layers = new Set(later.flatMap((s) => s.assigns));
  if (layers.has('claims')) doc.claims = [];
  doc.mentions = doc.mentions.filter((m) => !layers.has(`mentions.${m.type}`));
  doc.messages = doc.messages.filter((m) => !names.has(m.stage));
  doc.stages = stages.slice(0, from).map((s) => s.name);
  return doc;
}

/** Whether this thread has run a document yet (its first result reports the start-up CPU). */
let started = false;

export function processDocument(task: DocTask, stages: readonly Stage[]): DocResult {
  const cpu: Record<string, number> = {};
  let c0 = threadCpuMs();
  // Inline runs (the main thread) have no start-up of their own to report.
  if (!started && !isMainThread && c0 !== undefined) cpu['startup'] = c0;
  started = true;
  const lap = (name: string): void => {
    if (c0 === undefined) return;
    const c1 = threadCpuMs()!;
    cpu[name] = (cpu[name] ?? 0) + (c1 - c0);
    c0 = c1;
  };
  let doc: Doc;
  try {
    doc = readCorpusFile(task.dir, task.file);
  } catch (err) {
    const reason = `${path.join(task.dir, task.file)}: fatal input/unreadable: ${(err as Error).message}`;
    return { id: docIdOf(task.file), source: task.file, status: 'skipped', reasons: ['input/unreadable'], log: [reason], stageMs: {}, ...(c0 !== undefined ? { cpuMs: cpu } : {}) };
  }
  let toRun = stages;
  if (task.resume && !hasFatal(doc)) {
    doc = rewind(fromJson(DocumentSchema.parse(JSON.parse(task.resume.json)), doc.raw), stages, task.resume.from);
    toRun = stages.slice(task.resume.from);
  }
  lap('read');
  const stageMs: Record<string, number> = {};
  let current = doc;
  for (const s of toRun) {
    if (hasFatal(current)) break;
    const t0 = performance.now();
    current = runStages(current, [s]);
    stageMs[s.name] = performance.now() - t0;
    lap(s.name);
  }
  const log = current.messages.filter((m) => m.severity !== 'info').map((m) => formatMessage(path.join(task.dir, task.file), m));
  const base = { id: current.id, source: task.file, log, stageMs, ...(c0 !== undefined ? { cpuMs: cpu } : {}) };
  if (hasFatal(current)) {
    return { ...base, status: 'skipped', reasons: current.messages.filter((m) => m.severity === 'fatal').map((m) => m.ruleId) };
  }
  const t0 = performance.now();
  const parsed = DocumentSchema.safeParse(toJson(current));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const m = message(current, 'export/invalid', 'export', `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
    return { ...base, log: [...log, formatMessage(path.join(task.dir, task.file), m)], status: 'skipped', reasons: ['export/invalid'] };
  }
  const json = parsed.data;
  const t1 = performance.now();
  stageMs['validate'] = t1 - t0;
  lap('validate');
  writeExport(path.join(task.outDir, 'documents', `${json.id}.json`), `${JSON.stringify(json, null, 2)}\n`);
  const rows = documentRows(json);
  const ledger = ledgerInputOf(json);
  const summary = summarizeDoc(json);
  stageMs['export'] = performance.now() - t1;
  lap('export');
  return { ...base, status: 'written', reasons: [], rows, ledger, summary };
}
