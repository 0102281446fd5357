/**
 * Metadata read from the structure: authors (byline, JSON metadata, bio),
 * outlet (copyright footer, JSON metadata), the stated publication date
 * (a dateline in the head, or JSON metadata).
 */
import type { CompiledData } from './data.ts';
import { parseStatedDate } from './dates.ts';
import type { Unit } from './structure.ts';

export function splitNames(names: string, data: CompiledData): string[] {
  return names
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/u)
    .map((n) =>
      n
        .split(/\s+/)
        .filter((w) => !data.honorifics.has(w.toLowerCase()))
        .join(' ')
        .trim(),
    )
    .filter((n) => n.length > 1);
}

export function authorsFrom(bylines: readonly Unit[], bios: readonly Unit[], json: readonly unknown[], data: CompiledData): string[] {
  const out: string[] = [];
  const add = (n: string) => {
    if (!out.includes(n)) out.push(n);
  };
  for (const u of bylines) for (const n of splitNames(u.match?.groups?.['names'] ?? u.text, data)) add(n);
  if (out.length) return out;
  for (const v of json) for (const n of jsonAuthors(v)) add(n);
  if (out.length) return out;
  for (const u of bios) {
    const n = u.match?.groups?.['name'];
    if (n) add(n);
  }
  return out;
}

function jsonAuthors(v: unknown): string[] {
  if (!v || typeof v !== 'object') return [];
  const o = v as Record<string, unknown>;
  const a = o['authors'] ?? o['author'] ?? o['creator'];
  const one = (x: unknown): string[] => {
    if (typeof x === 'string') return [x];
    if (x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string') return [(x as { name: string }).name];
    return [];
  };
  return Array.isArray(a) ? a.flatMap(one) : one(a);
}

function jsonString(v: unknown, keys: string[]): string | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  for (const k of keys) {
    const x = o[k];
    if (typeof x === 'string' && x.trim()) return x.trim();
    if (x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string') return (x as { name: string }).name;
  }
  return null;
}

/** A headline from page metadata, used only when the text shows no title line. */
export function jsonTitle(json: readonly unknown[]): string | null {
  for (const v of json) {
    const s = jsonString(v, ['headline', 'title']);
    if (s) return s;
  }
  return null;
}

const COPYRIGHT = /^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?,?\s*(?<holder>[^.|]+?)\s*(?:\.|\||$)/iu;

export function outletFrom(chrome: readonly Unit[], json: readonly unknown[]): string | null {
  for (const u of chrome) {
    const m = COPYRIGHT.exec(u.text);
    const h = m?.groups?.['holder']?.trim();
    if (h && !/^all rights reserved$/i.test(h) && /\p{L}/u.test(h)) return h;
  }
  for (const v of json) {
    const s = jsonString(v, ['publisher', 'publisherName', 'siteName', 'site_name', 'outlet', 'source']);
    if (s) return s;
  }
  return null;
}

export interface Stated {
  iso: string;
  /** The dateline unit and the date's position inside its text. */
  unit: Unit;
  dateStart: number;
  dateEnd: number;
  rule: string;
}

const RANK: Record<string, number> = { 'published-on': 0, 'bare-date-line': 1, 'updated-on': 2 };

/** The stated publication date: the best-ranked dateline in the head. */
export function statedDate(datelines: readonly Unit[], data: CompiledData): Stated | null {
  const cands: Stated[] = [];
  for (const u of datelines) {
    const g = u.match?.groups?.['date'];
    if (!g || !u.match) continue;
    const p = parseStatedDate(g, data);
    if (!p) continue;
    const off = u.text.indexOf(g);
    cands.push({ iso: p.iso, unit: u, dateStart: off + p.start, dateEnd: off + p.end, rule: u.rule });
  }
  cands.sort((a, b) => (RANK[a.rule] ?? 9) - (RANK[b.rule] ?? 9));
  return cands[0] ?? null;
}

export function jsonPublished(json: readonly unknown[], data: CompiledData): string | null {
  for (const v of json) {
    const s = jsonString(v, ['datePublished', 'published', 'publishedAt', 'publication_date', 'date']);
    if (!s) continue;
    const iso = /^(\d{4}-\d{2}-\d{2})/.exec(s);
    if (iso) return iso[1]!;
    const p = parseStatedDate(s, data);
    if (p) return p.iso;
  }
  return null;
}
