/**
 * Ledger rules that must hold on any story (fixture: test/fixtures/ledger/generalise.yaml, invented sources):
 * polarity with compatible objects, undated claims only near their own time, page furniture never
 * corroborating, figures compared at their stated precision and across compatible objects, and changes
 * over time left to the timeline.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { extractClaims } from '../../pipeline/claims/extract.ts';
import { toJson } from '../../pipeline/core/doc.ts';
import { buildLedger, figuresConflict, LedgerSchema } from '../../pipeline/ledger/index.ts';
import { markedDoc } from '../claims/mark.ts';

const { docs } = YAML.parse(readFileSync(new URL('../fixtures/ledger/generalise.yaml', import.meta.url), 'utf8')) as { docs: { id: string; published: string; text: string }[] };
const ledger = buildLedger(
  docs.map((d) => {
    const doc = markedDoc(d.id, d.text, d.published);
    doc.claims = extractClaims(doc);
    return toJson(doc);
  }),
);
const sidesOf = (kind: string, relation: string) =>
  ledger.disagreements.filter((d) => d.kind === kind && d.sides[0].relation === relation).map((d) => d.sides.map((s) => s.claims.map((c) => c.docId).join('+')).sort());

describe('ledger rules that generalise', () => {
  it('validates', () => {
    expect(LedgerSchema.safeParse(ledger).success).toBe(true);
  });

  it('flags "did not request annexation" against "asked Russia to annex the region" (one object unnamed)', () => {
    expect(sidesOf('polarity', 'independence.request-annexation')).toEqual([['north-wire', 'south-blog']]);
  });

  it('lets an undated claim corroborate only an event near its publication date, and never page furniture', () => {
    const e = ledger.entries.filter((x) => x.relation === 'election.held' && x.subject === 'CHL');
    const dated = e.find((x) => x.supports.some((s) => s.docId === 'north-wire'))!;
    // east-daily (published four days later) corroborates; south-blog (nine months later) does not join.
    expect(dated.supports.map((s) => s.docId).sort()).toEqual(['east-daily', 'north-wire', 'promo-page']);
    expect(dated.status).toBe('corroborated');
    const far = e.find((x) => x.supports.some((s) => s.docId === 'south-blog'))!;
    expect(far.supports.map((s) => s.docId)).toEqual(['south-blog']);
  });

  it('does not let a promo line turn a single source into a corroborated entry', () => {
    const withoutDaily = buildLedger(
      docs
        .filter((d) => d.id !== 'east-daily')
        .map((d) => {
          const doc = markedDoc(d.id, d.text, d.published);
          doc.claims = extractClaims(doc);
          return toJson(doc);
        }),
    );
    const e = withoutDaily.entries.find((x) => x.relation === 'election.held' && x.supports.some((s) => s.docId === 'promo-page'))!;
    expect(e.sourceCount).toBe(2);
    expect(e.status).toBe('single-source');
  });

  it('compares figures at their stated precision: 62.35 vs 62.46 differ, 55.35 vs 55.3 agree', () => {
    expect(sidesOf('figure', 'election.referendum-pass')).toEqual([['north-wire', 'south-blog']]);
    expect(ledger.disagreements.some((d) => d.sides.some((s) => s.relation === 'election.win'))).toBe(false);
    expect(figuresConflict({ value: 55.35, unit: 'percent' }, { value: 55.3, unit: 'percent' })).toBe(false);
    expect(figuresConflict({ value: 40, unit: 'percent', qualifier: 'more_than' }, { value: 35, unit: 'percent' })).toBe(true);
  });

  it('compares figures of entries whose objects are compatible (one unnamed)', () => {
    expect(sidesOf('figure', 'military.presence')).toEqual([['north-wire', 'south-blog']]);
  });

  it('leaves a change over time (2019 support, 2023 opposition) to the timeline', () => {
    expect(ledger.disagreements.some((d) => d.sides.some((s) => s.relation.startsWith('support.')))).toBe(false);
    expect(ledger.timelines['support']!.map((i) => i.relation)).toEqual(['support.back', 'support.oppose']);
  });
});
