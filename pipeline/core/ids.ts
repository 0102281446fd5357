import crypto, { createHash } from 'node:crypto';

/**
 * One-shot hashing (Node ≥ 20.12): the same digest as createHash().update().digest()
 * without a Hash object per call; ids are made for every mention of every document.
 */
const oneShot = (crypto as unknown as { hash?: (alg: string, data: string | Uint8Array, enc: 'hex') => string }).hash;
const hex = oneShot ? (data: string | Uint8Array): string => oneShot('sha256', data, 'hex') : (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * Stable id of an item: a hash of document id, type, offsets and text, so a
 * re-run that finds the same thing gives it the same id and review decisions
 * survive. 16 hex chars (64 bits) is plenty for a corpus-scale namespace.
 */
export function stableId(docId: string, type: string, start: number, end: number, text: string): string {
  const h = hex(`${docId}\u0000${type}\u0000${start}\u0000${end}\u0000${text}`);
  return `${type.slice(0, 1)}_${h.slice(0, 16)}`;
}

/** sha256 hex of any bytes or string. */
export function sha256(data: string | Uint8Array): string {
  return hex(data);
}

/** A readable slug for ids derived from names: "Aliaksandr Lukashenka" → "aliaksandr-lukashenka". */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
