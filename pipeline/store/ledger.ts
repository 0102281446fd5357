/**
 * The ledger in the store: ledger_entries (+ entry_topics, entry_sources) and
 * disagreements. Saving compares with what is stored, by id and exact JSON,
 * and writes only the rows that changed, in one transaction; so a run that
 * changed a few documents touches a few entries, and readers see the old
 * ledger or the new one, never half of each. (The whole Ledger, with its
 * documents, actors and timelines, is exported to out/ledger.json.)
 */
import type { Disagreement, Entry, Ledger } from '../ledger/lib/schema.ts';
import type { Db } from './db.ts';

export interface SaveCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/** An object reference as one text column: the actor id, else the literal. */
export function objectText(o: Entry['object']): string | null {
  return o?.actorId ?? o?.literal ?? null;
}

/** Replace the stored ledger with `ledger`, writing only what changed. */
export function saveLedger(db: Db, ledger: Pick<Ledger, 'entries' | 'disagreements'>): { entries: SaveCounts; disagreements: SaveCounts } {
  const entryPut = db.prepare(
    `INSERT INTO ledger_entries (id, subject, relation, family, kind, object, polarity, period_start, period_end, status, source_count, summary, json)
     VALUES (@id, @subject, @relation, @family, @kind, @object, @polarity, @period_start, @period_end, @status, @source_count, @summary, @json)
     ON CONFLICT(id) DO UPDATE SET subject = excluded.subject, relation = excluded.relation, family = excluded.family, kind = excluded.kind,
       object = excluded.object, polarity = excluded.polarity, period_start = excluded.period_start, period_end = excluded.period_end,
       status = excluded.status, source_count = excluded.source_count, summary = excluded.summary, json = excluded.json`,
  );
  const topicsDel = db.prepare('DELETE FROM entry_topics WHERE entry_id = ?');
  const topicPut = db.prepare('INSERT OR IGNORE INTO entry_topics (entry_id, topic) VALUES (?, ?)');
  const entryDel = db.prepare('DELETE FROM ledger_entries WHERE id = ?');
  const sourcesDel = db.prepare('DELETE FROM entry_sources WHERE entry_id = ?');
  const sourcePut = db.prepare('INSERT OR IGNORE INTO entry_sources (entry_id, doc_id, claim_id) VALUES (?, ?, ?)');
  const disPut = db.prepare(
    `INSERT INTO disagreements (id, kind, subject, summary, period_start, period_end, entry_a, entry_b, json)
     VALUES (@id, @kind, @subject, @summary, @period_start, @period_end, @entry_a, @entry_b, @json)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, subject = excluded.subject, summary = excluded.summary, period_start = excluded.period_start,
       period_end = excluded.period_end, entry_a = excluded.entry_a, entry_b = excluded.entry_b, json = excluded.json`,
  );
  const disDel = db.prepare('DELETE FROM disagreements WHERE id = ?');

  return db
    .transaction(() => ({
      entries: syncRows(db, 'ledger_entries', ledger.entries, (e, json) => {
        entryPut.run({
          id: e.id,
          subject: e.subject,
          relation: e.relation,
          family: e.family,
          kind: e.kind,
          object: objectText(e.object),
          polarity: e.polarity,
          period_start: e.period?.start ?? null,
          period_end: e.period?.end ?? null,
          status: e.status,
          source_count: e.sourceCount,
          summary: e.summary,
          json,
        });
        sourcesDel.run(e.id);
        for (const s of e.supports) sourcePut.run(e.id, s.docId, s.claimId);
        topicsDel.run(e.id);
        for (const t of e.topics) topicPut.run(e.id, t);
      }, (id) => {
        sourcesDel.run(id);
        topicsDel.run(id);
        entryDel.run(id);
      }),
      disagreements: syncRows(db, 'disagreements', ledger.disagreements, (d, json) => {
        disPut.run({
          id: d.id,
          kind: d.kind,
          subject: d.subject,
          summary: d.summary,
          period_start: d.period?.start ?? null,
          period_end: d.period?.end ?? null,
          entry_a: d.sides[0].entryId,
          entry_b: d.sides[1].entryId,
          json,
        });
      }, (id) => disDel.run(id)),
    }))
    .immediate();
}

/**
 * Bring one table's rows in line with `items`, compared by id and exact JSON:
 * `put` writes an added or changed item (with its JSON), `remove` deletes an id
 * no longer there. Call inside a transaction.
 */
function syncRows<T extends { id: string }>(
  db: Db,
  table: 'ledger_entries' | 'disagreements',
  items: readonly T[],
  put: (item: T, json: string) => void,
  remove: (id: string) => void,
): SaveCounts {
  const counts: SaveCounts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  const old = new Map((db.prepare(`SELECT id, json FROM ${table}`).all() as { id: string; json: string }[]).map((r) => [r.id, r.json]));
  const keep = new Set<string>();
  for (const item of items) {
    keep.add(item.id);
    const json = JSON.stringify(item);
    const before = old.get(item.id);
    if (before === json) {
      counts.unchanged++;
      continue;
    }
    if (before === undefined) counts.added++;
    else counts.changed++;
    put(item, json);
  }
  for (const id of old.keys()) {
    if (keep.has(id)) continue;
    remove(id);
    counts.removed++;
  }
  return counts;
}

/** The stored entries and disagreements, sorted by id (the JSON as saved). */
export function loadLedgerRows(db: Db): { entries: Entry[]; disagreements: Disagreement[] } {
  return {
    entries: (db.prepare('SELECT json FROM ledger_entries ORDER BY id').all() as { json: string }[]).map((r) => JSON.parse(r.json) as Entry),
    disagreements: (db.prepare('SELECT json FROM disagreements ORDER BY id').all() as { json: string }[]).map((r) => JSON.parse(r.json) as Disagreement),
  };
}
