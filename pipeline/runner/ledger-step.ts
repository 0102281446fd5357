/**
 * The ledger step: the cross-source ledger (pipeline/ledger) kept up to date
 * from the store. What it needs is persisted there per document (meta
 * columns, claims and mentions, as committed by the per-document stages), so
 * no document is re-extracted to rebuild it.
 *
 * Incremental: a LedgerIndex stays alive in this process per store, with the
 * cache key it last saw for each document. An update diffs those keys with
 * the store's, removes the documents that left or changed, adds the changed
 * and new ones, and build() reconciles only the buckets they touched. A new
 * process (or a changed claims lexicon) starts from a full load of the
 * store. Either way the result equals buildLedger over all documents
 * (test/runner/ledger-step.test.ts checks that equality).
 */
import path from 'node:path';
import { CUES_FILE, RELATIONS_FILE } from '../claims/lexicon.ts';
import { dataFilesHash } from '../core/data.ts';
import { sha256 } from '../core/ids.ts';
import type { Claim, DocumentJson } from '../core/schema.ts';
import { LEDGER_VERSION, LedgerIndex, type Ledger, type LedgerInput, type LedgerMention } from '../ledger/index.ts';
import type { Store } from '../store/db.ts';

/** The data files the ledger reads besides the documents (the claims lexicon). */
export const LEDGER_DATA_FILES = [RELATIONS_FILE, CUES_FILE];

/** Changes when the ledger's code version or its data files change. */
export function ledgerDataKey(): string {
  return sha256(`${LEDGER_VERSION}\u0000${dataFilesHash(LEDGER_DATA_FILES)}`);
}

interface DocRow {
  id: string;
  cache_key: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
}

const DOC_COLUMNS = "id, cache_key, title, outlet, published, json_extract(json, '$.meta.url') AS url";

interface ActorNameRow {
  doc_id: string;
  actor_id: string;
  value: string;
}

// The mentions table keeps an actor's id in actor_id and its canonical name in value (store/rows.ts).
const ACTOR_NAMES = "SELECT doc_id, actor_id, value FROM mentions WHERE type = 'actor' ORDER BY doc_id, rowid";
const ACTOR_NAMES_OF = "SELECT doc_id, actor_id, value FROM mentions WHERE type = 'actor' AND doc_id = ? ORDER BY rowid";

function actorName(r: ActorNameRow): LedgerMention {
  return { type: 'actor', actorId: r.actor_id, canonical: r.value };
}

function inputOf(r: DocRow, claims: Claim[], mentions: LedgerMention[]): LedgerInput {
  return { id: r.id, meta: { title: r.title, outlet: r.outlet, published: r.published, url: r.url }, claims, mentions };
}

/** Ledger inputs of every stored document, in id order (three scans; claims and mentions in their original order). */
export function loadAllLedgerInputs(store: Store): { inputs: LedgerInput[]; keys: Map<string, string> } {
  const db = store.db;
  const claims = new Map<string, Claim[]>();
  for (const r of db.prepare('SELECT doc_id, json FROM claims ORDER BY doc_id, rowid').iterate() as Iterable<{ doc_id: string; json: string }>) {
    let list = claims.get(r.doc_id);
    if (!list) claims.set(r.doc_id, (list = []));
    list.push(JSON.parse(r.json) as Claim);
  }
  // Only what the ledger reads of mentions (actor ids and names), from their columns: parsing every
  // mention's JSON was most of a full load.
  const mentions = new Map<string, LedgerMention[]>();
  for (const r of db.prepare(ACTOR_NAMES).iterate() as Iterable<ActorNameRow>) {
    let list = mentions.get(r.doc_id);
    if (!list) mentions.set(r.doc_id, (list = []));
    list.push(actorName(r));
  }
  const inputs: LedgerInput[] = [];
  const keys = new Map<string, string>();
  for (const r of db.prepare(`SELECT ${DOC_COLUMNS} FROM documents ORDER BY id`).all() as DocRow[]) {
    inputs.push(inputOf(r, claims.get(r.id) ?? [], mentions.get(r.id) ?? []));
    keys.set(r.id, r.cache_key);
  }
  return { inputs, keys };
}

/** Ledger input of one stored document, or undefined. */
export function loadLedgerInput(store: Store, id: string): LedgerInput | undefined {
  const db = store.db;
  const r = db.prepare(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = ?`).get(id) as DocRow | undefined;
  if (!r) return undefined;
  const claims = (db.prepare('SELECT json FROM claims WHERE doc_id = ? ORDER BY rowid').all(id) as { json: string }[]).map((x) => JSON.parse(x.json) as Claim);
  const mentions = (db.prepare(ACTOR_NAMES_OF).all(id) as ActorNameRow[]).map(actorName);
  return inputOf(r, claims, mentions);
}

interface Live {
  dataKey: string;
  index: LedgerIndex;
  /** Document id → the cache key the index holds it at. */
  keys: Map<string, string>;
  /** What happened to the index since the last updateLedger (reported by it): a full load, documents added and removed. */
  pending: { mode: 'full' | 'incremental'; added: number; removed: number };
}

const live = new Map<string, Live>();

export interface LedgerUpdate {
  ledger: Ledger;
  mode: 'full' | 'incremental';
  /** Documents added to / removed from the index (a changed document counts in both). */
  added: number;
  removed: number;
}

/** Forget the in-process indexes (tests; or to force a full load). */
export function dropLiveLedgers(): void {
  live.clear();
}

/**
 * Load the store's ledger into this process's live index now (a no-op when it is
 * loaded already), so that a run can feed it each document as it commits
 * (`feedLedger`) and the ledger step at the end only reconciles. On a cold run
 * the store is empty and this costs nothing; the load is otherwise the one
 * updateLedger would do at the end.
 */
export function primeLedger(store: Store, storeFile: string): void {
  const at = path.resolve(storeFile);
  const dataKey = ledgerDataKey();
  const state = live.get(at);
  if (state && state.dataKey === dataKey) return;
  const loaded = loadLive(store, dataKey);
  loaded.pending = { mode: 'full', added: loaded.keys.size, removed: 0 };
  live.set(at, loaded);
}

/** A live index loaded from every stored document (nothing pending). */
function loadLive(store: Store, dataKey: string): Live {
  const { inputs, keys } = loadAllLedgerInputs(store);
  const index = new LedgerIndex();
  for (const d of inputs) index.addDocument(d);
  return { dataKey, index, keys, pending: { mode: 'incremental', added: 0, removed: 0 } };
}

/**
 * A document just committed to the store at `cacheKey` (with the ledger input the
 * worker made from it), or skipped (`input` null: it leaves the ledger). Only a
 * primed index is fed; updateLedger diffs the keys afterwards anyway, so a document
 * fed here and the store can never disagree for long.
 */
export function feedLedger(storeFile: string, id: string, cacheKey: string, input: LedgerInput | null): void {
  const state = live.get(path.resolve(storeFile));
  if (!state) return;
  if (state.keys.has(id)) state.pending.removed++; // addDocument replaces it
  if (input) {
    state.index.addDocument(input);
    state.keys.set(id, cacheKey);
    state.pending.added++;
  } else if (state.keys.has(id)) {
    state.index.removeDocument(id);
    state.keys.delete(id);
  }
}

/** A document's ledger input, as loadAllLedgerInputs reads it back from the store. */
export function ledgerInputOf(json: DocumentJson): LedgerInput {
  const mentions: LedgerMention[] = [];
  for (const m of json.mentions) if (m.type === 'actor') mentions.push({ type: 'actor', actorId: m.actorId, canonical: m.canonical });
  return { id: json.id, meta: { title: json.meta.title, outlet: json.meta.outlet, published: json.meta.published, url: json.meta.url ?? null }, claims: json.claims, mentions };
}

/** Bring the ledger up to date with the store's documents. `storeFile` names the store the live index belongs to. */
export function updateLedger(store: Store, storeFile: string): LedgerUpdate {
  const at = path.resolve(storeFile);
  const dataKey = ledgerDataKey();
  const state = live.get(at);
  if (!state || state.dataKey !== dataKey) {
    const loaded = loadLive(store, dataKey);
    live.set(at, loaded);
    return { ledger: loaded.index.build(), mode: 'full', added: loaded.keys.size, removed: 0 };
  }
  // Documents fed since (feedLedger) are at their keys already; the diff catches the rest.
  const { mode } = state.pending;
  let { added, removed } = state.pending;
  state.pending = { mode: 'incremental', added: 0, removed: 0 };
  const now = new Map((store.db.prepare('SELECT id, cache_key FROM documents').all() as { id: string; cache_key: string }[]).map((r) => [r.id, r.cache_key]));
  for (const [id, key] of state.keys) {
    if (now.get(id) === key) continue;
    state.index.removeDocument(id);
    state.keys.delete(id);
    removed++;
  }
  for (const [id, key] of now) {
    if (state.keys.get(id) === key) continue;
    const input = loadLedgerInput(store, id);
    if (!input) continue;
    state.index.addDocument(input);
    state.keys.set(id, key);
    added++;
  }
  return { ledger: state.index.build(), mode, added, removed };
}
