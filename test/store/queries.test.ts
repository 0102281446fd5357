import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/runner/run.ts';
import type { Disagreement, Entry } from '../../pipeline/ledger/index.ts';
import { openDb } from '../../pipeline/store/db.ts';
import { loadLedgerRows, saveLedger } from '../../pipeline/store/ledger.ts';
import { EXAMPLE_QUERIES } from '../../pipeline/store/queries.ts';
import { DOC_STAGES as TEST_STAGES } from '../fixtures/runner/stages.ts';
import { sandbox, removeSandboxes } from '../runner/helpers.ts';

afterAll(removeSandboxes);

describe('the README example queries, on a store the pipeline wrote', () => {
  let db: Database.Database;
  beforeAll(() => {
    const sb = sandbox();
    runPipeline({ input: sb.input, output: sb.output, stages: TEST_STAGES, log: () => {} });
    // Whether the ledger flags these fixtures as disputed is the ledger's business (its rules move);
    // to test the query, add one disagreement between two of the entries it made.
    const file = path.join(sb.output, 'ledger.sqlite');
    const rw = openDb(file);
    const { entries, disagreements } = loadLedgerRows(rw);
    const impose = entries.find((e) => e.relation === 'sanctions.impose');
    const lift = entries.find((e) => e.relation === 'sanctions.lift');
    if (!impose || !lift) throw new Error('fixture ledger lacks the impose/lift entries');
    const side = (e: Entry) => ({ entryId: e.id, relation: e.relation, polarity: e.polarity, claims: e.supports });
    const added: Disagreement = { id: 'd_test', kind: 'contrary', subject: impose.subject, period: null, summary: 'imposed or lifted', sides: [side(impose), side(lift)] };
    saveLedger(rw, { entries, disagreements: [...disagreements, added] });
    rw.close();
    db = new Database(file, { readonly: true });
  });

  it('sources per entry: one row per entry; the fees two articles report have two sources, by outlet or id', () => {
    const rows = db.prepare(EXAMPLE_QUERIES.sourcesPerEntry).all() as { id: string; sources: number; outlets: string }[];
    expect(rows.length).toBe((db.prepare('SELECT COUNT(*) AS n FROM ledger_entries').get() as { n: number }).n);
    const fees = db.prepare("SELECT id FROM ledger_entries WHERE relation = 'sanctions.impose'").get() as { id: string };
    const row = rows.find((r) => r.id === fees.id);
    expect(row?.sources).toBe(2);
    expect(row?.outlets.split(',').sort()).toEqual(['a1', 'a2']);
    expect(rows.map((r) => r.sources)).toEqual([...rows.map((r) => r.sources)].sort((a, b) => b - a));
  });

  it('claims about a topic by date: every claim of the entries with that topic, dates in order', () => {
    const topic = (db.prepare("SELECT topic FROM entry_topics t JOIN ledger_entries e ON e.id = t.entry_id WHERE e.relation = 'sanctions.impose' LIMIT 1").get() as { topic: string }).topic;
    const rows = db.prepare(EXAMPLE_QUERIES.claimsOfTopicByDate).all({ topic }) as { date: string; doc_id: string; relation: string }[];
    expect(rows.map((r) => r.doc_id)).toEqual(expect.arrayContaining(['a1', 'a2']));
    expect(rows.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort());
    expect(db.prepare(EXAMPLE_QUERIES.claimsOfTopicByDate).all({ topic: 'no-such-topic' })).toEqual([]);
  });

  it('disagreements of an actor: those whose entries name the actor, none for an actor in none', () => {
    const all = db.prepare('SELECT id, entry_a, entry_b FROM disagreements').all() as { id: string; entry_a: string; entry_b: string }[];
    const subjects = db.prepare('SELECT id, subject FROM ledger_entries').all() as { id: string; subject: string }[];
    const subjectOf = new Map(subjects.map((s) => [s.id, s.subject]));
    const actor = 'test:harbour-authority';
    expect(all.length).toBeGreaterThan(0);
    const expected = all.filter((d) => subjectOf.get(d.entry_a) === actor || subjectOf.get(d.entry_b) === actor).map((d) => d.id);
    const rows = db.prepare(EXAMPLE_QUERIES.disagreementsOfActor).all({ actor }) as { id: string }[];
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(db.prepare(EXAMPLE_QUERIES.disagreementsOfActor).all({ actor: 'test:nobody' })).toEqual([]);
  });
});
