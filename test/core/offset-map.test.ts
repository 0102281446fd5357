import { describe, expect, it } from 'vitest';
import { OffsetMap, TextBuilder } from '../../pipeline/core/offset-map.ts';
import { stableId } from '../../pipeline/core/ids.ts';

describe('TextBuilder and OffsetMap', () => {
  const raw = 'Title\n\n  Some   words\nbroken line.';
  const b = new TextBuilder();
  b.copy(raw, 0, 5); // Title
  b.replace('\n\n', 5, 9); // "\n\n  " folded
  b.copy(raw, 9, 13); // Some
  b.replace(' ', 13, 16); // three spaces
  b.copy(raw, 16, 21); // words
  b.replace(' ', 21, 22); // the line break joined
  b.copy(raw, 22, 34); // broken line.
  const { text, offsets } = b.build();

  it('builds the text in order', () => {
    expect(text).toBe('Title\n\nSome words broken line.');
  });

  it('maps copied characters one for one', () => {
    const i = text.indexOf('words');
    expect(raw.slice(offsets.toRaw(i), offsets.toRaw(i) + 5)).toBe('words');
    const span = offsets.toRawSpan(i, text.length);
    expect(raw.slice(span.start, span.end)).toBe('words\nbroken line.');
  });

  it('maps a replaced piece to the whole raw range it stands for', () => {
    const i = text.indexOf(' words');
    expect(offsets.toRawSpan(i, i + 1)).toEqual({ start: 13, end: 16 });
  });

  it('round-trips through its segments', () => {
    const again = OffsetMap.fromSegments(offsets.toSegments());
    for (let i = 0; i <= text.length; i++) expect(again.toRaw(i)).toBe(offsets.toRaw(i));
  });

  it('refuses offsets outside the text', () => {
    expect(() => offsets.toRaw(text.length + 1)).toThrow(RangeError);
  });
});

describe('stableId', () => {
  it('is the same for the same item and differs when any part differs', () => {
    const a = stableId('doc', 'date', 3, 9, 'Friday');
    expect(stableId('doc', 'date', 3, 9, 'Friday')).toBe(a);
    expect(stableId('doc', 'date', 4, 10, 'Friday')).not.toBe(a);
    expect(stableId('doc2', 'date', 3, 9, 'Friday')).not.toBe(a);
    expect(stableId('doc', 'actor', 3, 9, 'Friday')).not.toBe(a);
  });
});
