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
import { writeReport } from '../report/index.ts';
import { Store } from '../store/db.ts';
import { saveLedger } from '../store/ledger.ts';
import { ledgerDataKey, loadAllLedgerInputs, updateLedger } from './ledger-step.ts';

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
  const res: CorpusStepsResult = { ran: [], ms: {} };
  const fp = corpusFingerprint(opts.store);
  const key = 'corpus.fingerprint';
  const annotationsKey = opts.annotations ? `annotations.fingerprint:${opts.annotations}` : undefined;
  const corpusChanged = opts.force || opts.store.getMeta(key) !== fp;
  const annotationsDue = annotationsKey !== undefined && (opts.force || opts.store.getMeta(annotationsKey) !== fp);
  if (corpusChanged) {
    const update = timed(res, 'ledger', () => updateLedger(opts.store, opts.storeFile));
    const saved = timed(res, 'ledger-store', () => saveLedger(opts.store.db, update.ledger));
    timed(res, 'ledger-export', () => writeLedger(opts.output, update.ledger));
    res.ledger = {
      mode: update.mode,
      added: update.added,
      removed: update.removed,
      entries: update.ledger.entries.length,
      disagreements: update.ledger.disagreements.length,
      entriesWritten: saved.entries.added + saved.entries.changed + saved.entries.removed,
    };
    if (!opts.noReport) {
      timed(res, 'report', () => {
        // Only the documents whose page must be re-rendered are loaded; the store's cache key is their content hash.
        const rows = opts.store.db.prepare<[], { id: string; cache_key: string }>('SELECT id, cache_key FROM documents ORDER BY id').all();
        const keys = new Map(rows.map((r) => [r.id, r.cache_key]));
        writeReport(opts.output, update.ledger, {
          ids: rows.map((r) => r.id),
          hash: (id) => keys.get(id) ?? '',
          load: (id) => JSON.parse(opts.store.documentJsonText(id) ?? '{}') as DocumentJson,
        });
      });
    }
    opts.store.setMeta(key, fp);
  }
  if (annotationsDue && opts.annotations && annotationsKey) {
    const dir = opts.annotations;
    const rep = timed(res, 'annotations', () => updateAnnotations(opts.output, dir));
    for (const e of rep.errors) opts.log(`${e.file}:${e.line}: ${e.problem}`);
    opts.store.setMeta(annotationsKey, fp);
  }
  return res;
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
