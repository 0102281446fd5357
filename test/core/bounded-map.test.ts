import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../pipeline/core/bounded-map.ts';

describe('BoundedMap', () => {
  it('keeps up to max entries, then empties itself before setting the next', () => {
    const m = new BoundedMap<string, number>(3);
    m.set('a', 1).set('b', 2).set('c', 3);
    expect([...m]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    m.set('d', 4);
    expect([...m]).toEqual([['d', 4]]);
    expect(m.get('a')).toBeUndefined();
  });

  it('is a Map: get, has and delete as usual, and the bound counts what is held now', () => {
    const m = new BoundedMap<string, string | null>(2);
    m.set('x', null);
    expect(m.has('x')).toBe(true);
    expect(m.get('x')).toBeNull();
    m.delete('x');
    m.set('y', 'Y').set('z', 'Z');
    expect(m.size).toBe(2);
    expect(m).toBeInstanceOf(Map);
  });
});
