/**
 * The corpus-level steps, after the per-document stages: the cross-source
 * ledger (into the store and out/ledger.json), the report (out/report.md,
 * out/report.html, and out/report/docs/ for changed documents only) and the
 * annotation files. They run when their input
 * changed: the fingerprint of (document id, cache key) over all written
 * documents, stored in the meta table. A run that changed nothing skips them.
 */
import { updateAnnotations } from '../annotate/update.ts';
import { sha256 } from '../core/ids.ts';
import type { DocumentJson } from '../core/schema.ts';
import { buildLedger, writeLedger } from '../ledger/index.ts';
import { planReport, type DocSummary, type PageTask, type ReportPlan } from '../report/index.ts';
import { Store } from '../store/db.ts';
import { saveLedger } from '../store/ledger.ts';
import { ledgerDataKey, loadAllLedgerInputs, updateLedger, type LedgerUpdate } from './ledger-step.ts';

/** Bump when what the corpus steps write changes (forces them once). */
export const CORPUS_STEPS_VERSION = '2';

export interface CorpusStepsOptions {
  store: Store;
  storeFile: string;
  output: string;
  force: boolean;
  annotations?: string;
  /** Skip the report (out/report.md, out/report.html, out/report/docs/). */
  noReport?: boolean;
  /** Report summaries made by the workers this run (id → the cache key they were made at, and the summary). */
  summaries?: ReadonlyMap<string, { hash: string; summary: DocSummary }>;
  log: (line: string) => void;
}

export interface CorpusStepsResult {
  /** Names of the steps that ran, in order. */
  ran: string[];
  /** Milliseconds per step. */
  ms: Record<string, number>;
  /** How the ledger was brought up to date, and what changed in the store. */
  ledger?: { mode: 'full' | 'incremental'; added: number; removed: number; entries: number; disagreements: number; entriesWritten: number };
}

/** What the corpus steps read: every written document at its cache key, and the ledger's own data files. */
export function corpusFingerprint(store: Store): string {
  const rows = store.db.prepare<[], { id: string; cache_key: string }>('SELECT id, cache_key FROM documents ORDER BY id').all();
  return sha256(`${CORPUS_STEPS_VERSION}\u0000${ledgerDataKey()}\u0000${rows.map((r) => `${r.id}:${r.cache_key}`).join('\n')}`);
}

function timed<T>(res: CorpusStepsResult, name: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    res.ran.push(name);
    res.ms[name] = performance.now() - t0;
  }
}

export function runCorpusSteps(opts: CorpusStepsOptions): CorpusStepsResult {
  const steps = new CorpusSteps(opts);
  if (steps.corpusChanged) {
    const update = steps.ledger();
    const plan = steps.planReport(update, false);
    steps.storeLedger(update);
    if (plan) steps.finishReport(plan);
    steps.corpusDone();
  }
  steps.annotations();
  return steps.res;
}

/**
 * runCorpusSteps with the report's pages rendered by `renderPages` (the runner's
 * worker threads), started before the ledger is stored and exported, so the two
 * overlap. Same files and store as runCorpusSteps.
 */
export async function runCorpusStepsWith(opts: CorpusStepsOptions, renderPages: (tasks: PageTask[]) => Promise<void>): Promise<CorpusStepsResult> {
  const steps = new CorpusSteps(opts);
  if (steps.corpusChanged) {
    const update = steps.ledger();
    const plan = steps.planReport(update, true);
    // Settled into its error, so it is never an unhandled rejection while the ledger is stored.
    const pagesFailed = plan && plan.tasks.length > 0 ? renderPages(plan.tasks).then(() => undefined, (err: unknown) => err ?? new Error('rendering report pages failed')) : Promise.resolve(undefined);
    steps.storeLedger(update);
    const failure = await pagesFailed;
    if (failure !== undefined) throw failure;
    if (plan) steps.finishReport(plan);
    steps.corpusDone();
  }
  steps.annotations();
  return steps.res;
}

function summaryAt(made: { hash: string; summary: DocSummary } | undefined, hash: string): DocSummary | undefined {
  return made?.hash === hash ? made.summary : undefined;
}

/** The corpus steps, one method per step, shared by the two ways of running them. */
class CorpusSteps {
  readonly res: CorpusStepsResult = { ran: [], ms: {} };
  readonly corpusChanged: boolean;
  private readonly fp: string;
  private readonly key = 'corpus.fingerprint';
  private readonly annotationsKey: string | undefined;
  private readonly annotationsDue: boolean;
  private reportMs = 0;

  constructor(private readonly opts: CorpusStepsOptions) {
    this.fp = corpusFingerprint(opts.store);
    this.annotationsKey = opts.annotations ? `annotations.fingerprint:${opts.annotations}` : undefined;
    this.corpusChanged = opts.force || opts.store.getMeta(this.key) !== this.fp;
    this.annotationsDue = this.annotationsKey !== undefined && (opts.force || opts.store.getMeta(this.annotationsKey) !== this.fp);
  }

  ledger(): LedgerUpdate {
    return timed(this.res, 'ledger', () => updateLedger(this.opts.store, this.opts.storeFile));
  }

  /** The report's plan (pages rendered now unless deferred); undefined with noReport. */
  planReport(update: LedgerUpdate, deferPages: boolean): ReportPlan | undefined {
    if (this.opts.noReport) return undefined;
    const t0 = performance.now();
    const { store } = this.opts;
    // Only the documents whose page must be re-rendered are loaded; the store's cache key is their content hash.
    const rows = store.db.prepare<[], { id: string; cache_key: string }>('SELECT id, cache_key FROM documents ORDER BY id').all();
    const keys = new Map(rows.map((r) => [r.id, r.cache_key]));
    const summaries = this.opts.summaries;
    const plan = planReport(
      this.opts.output,
      update.ledger,
      {
        ids: rows.map((r) => r.id),
        hash: (id) => keys.get(id) ?? '',
        load: (id) => JSON.parse(store.documentJsonText(id) ?? '{}') as DocumentJson,
        ...(summaries ? { summary: (id: string, hash: string) => summaryAt(summaries.get(id), hash) } : {}),
      },
      {},
      { deferPages },
    );
    this.reportMs += performance.now() - t0;
    return plan;
  }

  storeLedger(update: LedgerUpdate): void {
    const saved = timed(this.res, 'ledger-store', () => saveLedger(this.opts.store.db, update.ledger));
    timed(this.res, 'ledger-export', () => writeLedger(this.opts.output, update.ledger));
    this.res.ledger = {
      mode: update.mode,
      added: update.added,
      removed: update.removed,
      entries: update.ledger.entries.length,
      disagreements: update.ledger.disagreements.length,
      entriesWritten: saved.entries.added + saved.entries.changed + saved.entries.removed,
    };
  }

  finishReport(plan: ReportPlan): void {
    const t0 = performance.now();
    plan.finish();
    this.res.ran.push('report');
    this.res.ms['report'] = this.reportMs + (performance.now() - t0);
  }

  corpusDone(): void {
    this.opts.store.setMeta(this.key, this.fp);
  }

  annotations(): void {
    if (!this.annotationsDue || !this.opts.annotations || !this.annotationsKey) return;
    const dir = this.opts.annotations;
    const rep = timed(this.res, 'annotations', () => updateAnnotations(this.opts.output, dir));
    for (const e of rep.errors) this.opts.log(`${e.file}:${e.line}: ${e.problem}`);
    this.opts.store.setMeta(this.annotationsKey, this.fp);
  }
}

export interface LedgerPoint {
  fraction: number;
  documents: number;
  claims: number;
  ms: number;
}

/**
 * The ledger's build time over the first 25%, 50%, 100%… of a store's
 * documents (by id), for the benchmark: a fresh buildLedger each time, from
 * inputs already loaded (loading is timed once, apart).
 */
export function ledgerScaling(storeFile: string, fractions: readonly number[]): { loadMs: number; points: LedgerPoint[] } {
  const store = Store.open(storeFile, { readonly: true });
  try {
    const t0 = performance.now();
    const { inputs } = loadAllLedgerInputs(store);
    const loadMs = performance.now() - t0;
    const points = fractions.map((fraction) => {
      const docs = inputs.slice(0, Math.round(inputs.length * fraction));
      const t = performance.now();
      buildLedger(docs);
      return { fraction, documents: docs.length, claims: docs.reduce((n, d) => n + d.claims.length, 0), ms: performance.now() - t };
    });
    return { loadMs, points };
  } finally {
    store.close();
  }
}
