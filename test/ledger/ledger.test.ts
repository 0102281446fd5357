import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { extractClaims } from '../../pipeline/claims/extract.ts';
import { toJson } from '../../pipeline/core/doc.ts';
import { buildLedger, LedgerIndex, LedgerSchema, overlappingPairs, type Ledger, type LedgerInput } from '../../pipeline/ledger/index.ts';
import { markedDoc } from '../claims/mark.ts';

interface FixtureDoc {
  id: string;
  published: string;
  text: string;
}

function loadFixture(name: string): LedgerInput[] {
  const { docs } = YAML.parse(readFileSync(new URL(`../fixtures/ledger/${name}`, import.meta.url), 'utf8')) as { docs: FixtureDoc[] };
  return docs.map((d) => {
    const doc = markedDoc(d.id, d.text, d.published);
    doc.claims = extractClaims(doc);
    return toJson(doc);
  });
}

const docs = loadFixture('synthetic.yaml');
const ledger = buildLedger(docs);

const entriesOf = (l: Ledger, relation: string, subject?: string) => l.entries.filter((e) => e.relation === relation && (subject === undefined || e.subject === subject));
const kinds = (l: Ledger) => l.disagreements.map((d) => d.kind).sort();

describe('ledger on a synthetic three-source story', () => {
  it('validates against its schema, with unique entry and disagreement ids', () => {
    expect(LedgerSchema.safeParse(ledger).success).toBe(true);
    expect(new Set(ledger.entries.map((e) => e.id)).size).toBe(ledger.entries.length);
    expect(new Set(ledger.disagreements.map((d) => d.id)).size).toBe(ledger.disagreements.length);
  });

  it('corroborates the same release told by two sources in different words', () => {
    const e = entriesOf(ledger, 'prisoners.release', 'GEO');
    expect(e).toHaveLength(1);
    expect(e[0]!.status).toBe('corroborated');
    expect(e[0]!.supports.map((s) => s.docId).sort()).toEqual(['alpha', 'beta']);
    expect(e[0]!.supports.every((s) => s.published !== null && s.quote.length > 0)).toBe(true);
  });

  it('flags a contrary account: closer to the West vs not shifting to the West months later', () => {
    const d = ledger.disagreements.filter((x) => x.kind === 'contrary');
    expect(d).toHaveLength(1);
    const docsOnSides = d[0]!.sides.map((s) => s.claims.map((c) => c.docId).join());
    expect(docsOnSides).toEqual(['alpha', 'beta']);
    expect(d[0]!.sides[1]!.polarity).toBe('negated');
    expect(d[0]!.summary).toMatch(/alpha.*beta/);
  });

  it('does not flag the change over time (2019 vs 2023)', () => {
    for (const d of ledger.disagreements) expect(d.sides.flatMap((s) => s.claims.map((c) => c.docId))).not.toContain('gamma');
  });

  it('flags the joining date given differently', () => {
    const d = ledger.disagreements.filter((x) => x.kind === 'date');
    expect(d).toHaveLength(1);
    expect(d[0]!.sides.map((s) => s.claims[0]!.time.value).sort()).toEqual(['2016', '2017']);
  });

  it('flags "over 40%" against "35%" of exports, not against "more than half" of imports', () => {
    const d = ledger.disagreements.filter((x) => x.kind === 'figure');
    expect(d).toHaveLength(1);
    const values = d[0]!.sides.map((s) => s.claims[0]!.value);
    expect(values.map((v) => v?.value).sort()).toEqual([35, 40]);
    expect(values.every((v) => v?.measure === 'exports')).toBe(true);
  });

  it('flags one source affirming what another denies', () => {
    const d = ledger.disagreements.filter((x) => x.kind === 'polarity');
    expect(d).toHaveLength(1);
    expect(d[0]!.sides.map((s) => s.relation)).toEqual(['sanctions.lift', 'sanctions.lift']);
    expect(d[0]!.sides.map((s) => s.polarity).sort()).toEqual(['affirmed', 'negated']);
    expect(ledger.entries.filter((e) => e.relation === 'sanctions.lift').every((e) => e.status === 'disputed')).toBe(true);
  });

  it('keeps the same number meaning different things apart (28 protesters, 28 journalists the same day, 28 programs)', () => {
    const with28 = ledger.entries.filter((e) => e.supports.some((s) => s.value?.value === 28));
    expect(with28.map((e) => e.relation).sort()).toEqual(['diplomacy.agreement', 'prisoners.detain', 'prisoners.detain']);
    for (const e of with28) expect(e.status).toBe('single-source');
    expect(ledger.disagreements.some((d) => d.sides.some((s) => s.claims.some((c) => c.value?.value === 28)))).toBe(false);
  });

  it('has exactly one disagreement of each kind', () => {
    expect(kinds(ledger)).toEqual(['contrary', 'date', 'figure', 'polarity']);
  });

  it('puts every claim on the timelines of its topics, in date order, with disagreements marked', () => {
    const t = ledger.timelines['alignment']!;
    expect(t.length).toBeGreaterThanOrEqual(4);
    const dates = t.map((i) => i.date ?? '9999');
    expect(dates).toEqual([...dates].sort());
    expect(t.some((i) => i.disagreementIds.length > 0)).toBe(true);
    expect(t.at(-1)!.docId).toBe('gamma');
  });
});

describe('LedgerIndex is incremental and order-independent', () => {
  const canonical = JSON.stringify(ledger);
  it.each([
    ['reversed', [2, 1, 0]],
    ['rotated', [1, 2, 0]],
  ])('same ledger when documents come %s', (_n, order) => {
    expect(JSON.stringify(buildLedger(order.map((i) => docs[i]!)))).toBe(canonical);
  });

  it('same ledger after removing and re-adding a document, with builds in between', () => {
    const index = new LedgerIndex();
    for (const d of docs) index.addDocument(d);
    index.build();
    index.removeDocument('beta');
    const without = index.build();
    expect(without.disagreements.map((d) => d.kind)).toEqual([]);
    expect(JSON.stringify(without)).toBe(JSON.stringify(buildLedger([docs[0]!, docs[2]!])));
    index.addDocument(docs[1]!);
    expect(JSON.stringify(index.build())).toBe(canonical);
  });

  it('replaces a document added twice instead of counting it twice', () => {
    const index = new LedgerIndex();
    for (const d of docs) index.addDocument(d);
    index.addDocument(docs[0]!);
    expect(JSON.stringify(index.build())).toBe(canonical);
  });
});

describe('overlappingPairs (the time sweep)', () => {
  it('returns exactly the overlapping pairs', () => {
    const iv = [
      { start: 0, end: 10 },
      { start: 5, end: 6 },
      { start: 11, end: 20 },
      { start: 20, end: 30 },
    ];
    const pairs = overlappingPairs(iv, (x) => x).map(([a, b]) => [iv.indexOf(a), iv.indexOf(b)].sort().join('-'));
    expect(pairs.sort()).toEqual(['0-1', '2-3']);
  });
});

describe('LedgerSchema checks references', () => {
  it('refuses a disagreement naming an entry that does not exist', () => {
    const bad = structuredClone(ledger);
    bad.disagreements[0]!.sides[0].entryId = 'e_nope';
    expect(LedgerSchema.safeParse(bad).success).toBe(false);
  });
  it('refuses duplicate entry ids', () => {
    const bad = structuredClone(ledger);
    bad.entries.push(bad.entries[0]!);
    expect(LedgerSchema.safeParse(bad).success).toBe(false);
  });
});
