import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Disagreement, Entry, Support } from '../../pipeline/ledger/lib/schema.ts';
import { openDb } from '../../pipeline/store/db.ts';
import { loadLedgerRows, saveLedger } from '../../pipeline/store/ledger.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function db() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'store-ledger-'));
  dirs.push(dir);
  return openDb(path.join(dir, 'ledger.sqlite'));
}

function support(docId: string, claimId: string): Support {
  return {
    docId,
    claimId,
    quote: 'The authority approved the terminal.',
    start: 0,
    end: 36,
    published: '2026-03-10',
    relation: 'approve',
    polarity: 'affirmed',
    modality: 'asserted',
    time: { value: '2026-03', basis: 'clause' },
    period: { start: '2026-03-01', end: '2026-03-31' },
    confidence: 0.8,
  };
}

function entry(id: string, subject: string, docs: string[], topics = ['port']): Entry {
  return {
    id,
    subject,
    relation: 'approve',
    family: 'decide',
    kind: 'event',
    topics,
    object: { literal: 'second terminal' },
    polarity: 'affirmed',
    period: { start: '2026-03-01', end: '2026-03-31' },
    status: docs.length > 1 ? 'corroborated' : 'single-source',
    sourceCount: docs.length,
    summary: `${subject} approve second terminal`,
    supports: docs.map((d) => support(d, `c_${d}_${id}`)),
    disagreementIds: [],
  };
}

function disagreement(id: string, a: Entry, b: Entry): Disagreement {
  const side = (e: Entry) => ({ entryId: e.id, relation: e.relation, polarity: e.polarity, claims: e.supports });
  return { id, kind: 'date', subject: a.subject, period: null, summary: 'March or April', sides: [side(a), side(b)] };
}

const E1 = entry('e1', 'org:harbour-authority', ['a1', 'a2']);
const E2 = entry('e2', 'person:tomas-berg', ['a2'], []);
const E3 = entry('e3', 'person:maria-lindqvist', ['a3'], ['port', 'cranes']);
const V1 = { entries: [E1, E2, E3], disagreements: [disagreement('d1', E1, E3)] };

describe('saveLedger', () => {
  it('writes entries with their indexed columns, topics, one entry_sources row per supporting claim, and disagreements with their two entries', () => {
    const d = db();
    expect(saveLedger(d, V1).entries).toEqual({ added: 3, changed: 0, removed: 0, unchanged: 0 });
    expect(d.prepare('SELECT id, subject, object, period_start, status, source_count FROM ledger_entries WHERE id = ?').get('e1')).toEqual({
      id: 'e1',
      subject: 'org:harbour-authority',
      object: 'second terminal',
      period_start: '2026-03-01',
      status: 'corroborated',
      source_count: 2,
    });
    expect(d.prepare('SELECT doc_id, claim_id FROM entry_sources WHERE entry_id = ? ORDER BY doc_id').all('e1')).toEqual([
      { doc_id: 'a1', claim_id: 'c_a1_e1' },
      { doc_id: 'a2', claim_id: 'c_a2_e1' },
    ]);
    expect(d.prepare('SELECT entry_id, topic FROM entry_topics ORDER BY entry_id, topic').all()).toEqual([
      { entry_id: 'e1', topic: 'port' },
      { entry_id: 'e3', topic: 'cranes' },
      { entry_id: 'e3', topic: 'port' },
    ]);
    expect(d.prepare('SELECT kind, entry_a, entry_b FROM disagreements').all()).toEqual([{ kind: 'date', entry_a: 'e1', entry_b: 'e3' }]);
  });

  it('writes only what changed: unchanged entries stay, changed ones are replaced, missing ones go with their sources and topics', () => {
    const d = db();
    saveLedger(d, V1);
    expect(saveLedger(d, V1)).toEqual({
      entries: { added: 0, changed: 0, removed: 0, unchanged: 3 },
      disagreements: { added: 0, changed: 0, removed: 0, unchanged: 1 },
    });
    const v2 = { entries: [entry('e1', 'org:harbour-authority', ['a1']), E2, entry('e4', 'person:anne-vos', ['a4'])], disagreements: [] };
    expect(saveLedger(d, v2)).toEqual({
      entries: { added: 1, changed: 1, removed: 1, unchanged: 1 },
      disagreements: { added: 0, changed: 0, removed: 1, unchanged: 0 },
    });
    expect(d.prepare('SELECT entry_id, doc_id FROM entry_sources ORDER BY entry_id, doc_id').all()).toEqual([
      { entry_id: 'e1', doc_id: 'a1' },
      { entry_id: 'e2', doc_id: 'a2' },
      { entry_id: 'e4', doc_id: 'a4' },
    ]);
    expect(d.prepare("SELECT entry_id FROM entry_topics WHERE topic = 'cranes'").all()).toEqual([]);
    expect(loadLedgerRows(d)).toEqual({ entries: v2.entries, disagreements: [] });
  });
});
