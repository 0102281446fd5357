/** Every example and counter-example in pipeline/lang/en/actors/*.yaml runs as a test. */
import { describe, expect, it } from 'vitest';
import { extractActors } from '../../../pipeline/extract/actors/index.ts';
import { gazetteer } from '../../../pipeline/extract/actors/lib/gazetteer.ts';
import type { DateMention } from '../../../pipeline/core/schema.ts';

const cases = gazetteer().examples;

function datesOf(text: string, ds: { text: string; value: string }[] | undefined): DateMention[] {
  return (ds ?? []).map((d, n) => {
    const start = text.indexOf(d.text);
    return { id: `d${n}`, type: 'date', start, end: start + d.text.length, text: d.text, timexType: 'DATE', value: d.value };
  });
}

describe('actor data files: examples and counter-examples', () => {
  it('has examples in every file', () => {
    expect(new Set(cases.map((c) => c.file)).size).toBe(5);
  });
  it.each(cases.map((c) => [`${c.file} ${c.counter ? 'counter' : 'example'}: ${c.example.text}`, c] as const))('%s', (_name, c) => {
    const e = c.example;
    const found = extractActors({ id: 'ex', text: e.text }, e.published ?? null, datesOf(e.text, e.dates));
    for (const want of e.expect) {
      const hit = found.find((m) => m.text === want.text && m.actorId === want.actorId && (!want.matchedBy || m.matchedBy === want.matchedBy));
      expect(hit, `${want.text} → ${want.actorId}; found ${JSON.stringify(found.map((m) => [m.text, m.actorId, m.matchedBy]))}`).toBeDefined();
    }
    for (const not of e.absent) {
      const hit = found.find((m) => m.text === not.text && m.kind !== 'place' && (!not.actorId || m.actorId === not.actorId));
      expect(hit, `${not.text} must not be an actor`).toBeUndefined();
    }
  });
});
