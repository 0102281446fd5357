import { describe, expect, it } from 'vitest';
import { DataFileError, validateData } from '../../../pipeline/core/data.ts';
import { extractQuantities } from '../../../pipeline/extract/quantities/index.ts';
import { LexiconSchema, buildTables, phraseTable, tables } from '../../../pipeline/extract/quantities/lib/data.ts';

const lexicon = tables().lexicon;

describe('quantities lexicon: worked examples', () => {
  const cases = Object.entries(lexicon.examples).flatMap(([group, list]) => list.map((ex) => [group, ex.text, ex] as const));
  it('has examples for every form', () => {
    expect(Object.keys(lexicon.examples).sort()).toEqual(['counts', 'fractions', 'money', 'percent', 'ranks', 'ratios', 'units']);
  });
  it.each(cases)('%s: %s', (_group, text, ex) => {
    const found = extractQuantities({ id: 'lexicon', text }).map((q) => {
      const o: Record<string, unknown> = { text: q.text, value: q.value, unit: q.unit };
      if (q.upper !== undefined) o.upper = q.upper;
      if (q.qualifier !== undefined) o.qualifier = q.qualifier;
      if (q.measure !== undefined) o.measure = q.measure;
      return o;
    });
    expect(found).toEqual(ex.expect);
  });
});

describe('quantities lexicon: counter-examples', () => {
  const cases = Object.entries(lexicon.counterExamples).flatMap(([group, list]) => list.map((ex) => [group, ex.text, ex.none] as const));
  it.each(cases)('%s: %s', (_group, text, none) => {
    const found = extractQuantities({ id: 'lexicon', text });
    for (const bad of none) {
      const at = text.indexOf(bad);
      expect(at, `"${bad}" is not in the example text`).toBeGreaterThanOrEqual(0);
      for (const q of found) expect(q.start <= at && at < q.end, `"${q.text}" covers "${bad}"`).toBe(false);
    }
  });
});

describe('quantities lexicon: loading', () => {
  it('refuses a file whose qualifier names an unknown normalised name', () => {
    const broken = { ...lexicon, qualifiers: { ...lexicon.qualifiers, 'a tad over': 'slightly_more' } };
    expect(() => validateData('lexicon.yaml', broken, LexiconSchema)).toThrow(DataFileError);
  });
  it('refuses a currency code that is not three capitals', () => {
    const broken = { ...lexicon, currencies: { ...lexicon.currencies, codes: ['usd'] } };
    expect(() => validateData('lexicon.yaml', broken, LexiconSchema)).toThrow(/codes/);
  });
  it('matches multi-word phrases longest first', () => {
    const t = phraseTable({ over: 'a', 'well over': 'b', well: 'c' });
    expect(t.byFirst.get('well')?.map((e) => e.value)).toEqual(['b', 'c']);
  });
  it('maps code aliases to the ISO code', () => {
    expect(buildTables(lexicon).codes.get('RMB')).toBe('CNY');
  });
});
