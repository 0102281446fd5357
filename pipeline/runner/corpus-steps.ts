/**
 * The corpus-level steps, after the per-document stages: the cross-source
 * ledger (into the store and out/ledger.json), the report (out/report.md,
 * out/report.html) and the annotation files. They run when their input
 * changed: the fingerprint of (document id, cache key) over all written
 * documents, stored in the meta table. A run that changed nothing skips them.
 */
import { updateAnnotations } from '../annotate/update.ts';
import { sha256 } from '../core/ids.ts';
import type { Store } from '../store/db.ts';

/** Bump when what the corpus steps write changes (forces them once). */
export const CORPUS_STEPS_VERSION = '1';

export interface CorpusStepsOptions {
  store: Store;
  output: string;
  force: boolean;
  annotations?: string;
  log: (line: string) => void;
}

export interface CorpusStepsResult {
  /** Names of the steps that ran, in order. */
  ran: string[];
  /** Milliseconds per step. */
  ms: Record<string, number>;
}

/** What the corpus steps read: every written document at its cache key. */
export function corpusFingerprint(store: Store): string {
  const rows = store.db.prepare<[], { id: string; cache_key: string }>('SELECT id, cache_key FROM documents ORDER BY id').all();
  return sha256(`${CORPUS_STEPS_VERSION}\u0000${rows.map((r) => `${r.id}:${r.cache_key}`).join('\n')}`);
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
  const res: CorpusStepsResult = { ran: [], ms: {} };
  const fp = corpusFingerprint(opts.store);
  const key = opts.annotations ? `corpus.fingerprint:${opts.annotations}` : 'corpus.fingerprint';
  if (!opts.force && opts.store.getMeta(key) === fp) return res;
  if (opts.annotations) {
    const dir = opts.annotations;
    const rep = timed(res, 'annotations', () => updateAnnotations(opts.output, dir));
    for (const e of rep.errors) opts.log(`${e.file}:${e.line}: ${e.problem}`);
  }
  opts.store.setMeta(key, fp);
  return res;
}

export interface LedgerPoint {
  fraction: number;
  documents: number;
  claims: number;
  ms: number;
}

/**
 * The ledger step's time over the first 25%, 50%, 100%… of a store's documents
 * (by id), for the benchmark. A message instead when no ledger module is wired in.
 */
export function ledgerScaling(_storeFile: string, _fractions: readonly number[]): LedgerPoint[] | string {
  return 'no ledger module wired in yet (pipeline/ledger)';
}
