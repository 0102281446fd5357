import { describe, expect, it } from 'vitest';
import { createCleanDoc } from '../../../pipeline/core/doc.ts';
import type { DateMention, QuantityMention } from '../../../pipeline/core/schema.ts';
import { MentionSchema } from '../../../pipeline/core/schema.ts';
import { dropDateOverlaps, extractQuantities, quantitiesStage } from '../../../pipeline/extract/quantities/index.ts';

function dateAt(text: string, phrase: string): DateMention {
  const start = text.indexOf(phrase);
  return { id: 'd', type: 'date', start, end: start + phrase.length, text: phrase, timexType: 'DATE', value: 'XXXX' };
}

describe('quantitiesStage', () => {
  it('declares its place in the pipeline', () => {
    expect(quantitiesStage.name).toBe('quantities');
    expect(quantitiesStage.requires).toEqual(['text']);
    expect(quantitiesStage.assigns).toEqual(['mentions.quantity']);
    expect(quantitiesStage.dataFiles).toEqual(['quantities/lexicon.yaml']);
  });

  it('adds schema-valid quantity mentions and keeps other mentions', () => {
    const text = 'Over 200 protesters were held, and 15 percent of voters stayed home.';
    const doc = createCleanDoc('s1', text, '2021-05-01');
    const date = dateAt(text, 'home');
    doc.mentions.push(date);
    const out = quantitiesStage.run(doc);
    const qs = out.mentions.filter((m): m is QuantityMention => m.type === 'quantity');
    expect(qs.map((q) => [q.text, q.value, q.unit])).toEqual([
      ['Over 200 protesters', 200, 'count'],
      ['15 percent of voters', 15, 'percent'],
    ]);
    expect(out.mentions).toContain(date);
    for (const m of out.mentions) expect(MentionSchema.safeParse(m).success).toBe(true);
  });

  it('is idempotent: running twice does not duplicate quantities', () => {
    const doc = createCleanDoc('s2', 'Some 40 monitors came.', null);
    quantitiesStage.run(doc);
    quantitiesStage.run(doc);
    expect(doc.mentions.filter((m) => m.type === 'quantity')).toHaveLength(1);
  });
});

describe('dropDateOverlaps', () => {
  const text = 'There were 30 percent more cases and 12 wards closed.';
  const qs = extractQuantities({ id: 'o', text });
  it('finds both quantities on its own', () => {
    expect(qs.map((q) => q.text)).toEqual(['30 percent more cases', '12 wards']);
  });
  it('drops plain counts inside a date mention but keeps percentages', () => {
    const kept = dropDateOverlaps(qs, [dateAt(text, '12 wards closed'), dateAt(text, '30 percent more cases')]);
    expect(kept.map((q) => q.text)).toEqual(['30 percent more cases']);
  });
  it('keeps counts that only touch a date mention', () => {
    expect(dropDateOverlaps(qs, [dateAt(text, 'wards closed')]).map((q) => q.text)).toEqual(['30 percent more cases', '12 wards']);
  });
  it('keeps everything when there are no dates', () => {
    expect(dropDateOverlaps(qs, [])).toBe(qs);
  });
});
