import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, stableId } from '../../pipeline/core/ids.ts';

// Ids must never change with how they are computed: reviewed annotation files refer to them.
describe('ids: the digest is sha256 however it is computed', () => {
  const reference = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');
  it.each(['', 'Friday', 'Łukaszenka “quote” ’s', '\u0000 nul', 'x'.repeat(10_000)])('sha256(%j)', (s) => {
    expect(sha256(s)).toBe(reference(s));
    expect(sha256(Buffer.from(s, 'utf8'))).toBe(reference(Buffer.from(s, 'utf8')));
  });
  it('stableId hashes document, type, offsets and text', () => {
    const h = reference('doc\u0000date\u00003\u00009\u0000Friday');
    expect(stableId('doc', 'date', 3, 9, 'Friday')).toBe(`d_${h.slice(0, 16)}`);
  });
});
