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

describe('office-holder records are consistent', () => {
  const g = gazetteer();
  const terms = new Map<string, { id: string; start: string; end: string }[]>();
  for (const p of g.people.values()) {
    for (const r of p.offices) {
      const key = `${r.state}/${r.office}`;
      terms.set(key, [...(terms.get(key) ?? []), { id: p.id, start: r.start, end: r.end ?? '9999-12-31' }]);
    }
  }
  it('every office belongs to a listed state or organisation', () => {
    for (const key of terms.keys()) expect(g.actors.has(key.split('/')[0]!), key).toBe(true);
  });
  it.each([...terms.entries()].map(([k, v]) => [k, v] as const))('%s: terms start before they end and do not overlap', (_key, list) => {
    const sorted = [...list].sort((a, b) => a.start.localeCompare(b.start));
    for (const t of sorted) expect(t.start <= t.end, `${t.id} ${t.start}–${t.end}`).toBe(true);
    for (let i = 1; i < sorted.length; i++) {
      // a handover on the same day is fine; a second holder before the first left is a data error
      expect(sorted[i]!.start >= sorted[i - 1]!.end, `${sorted[i - 1]!.id} until ${sorted[i - 1]!.end}, ${sorted[i]!.id} from ${sorted[i]!.start}`).toBe(true);
    }
  });
});
