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

/**
 * Add a name not yet in `out`. Module functions here, not closures in the per-document ones:
 * the loader (tsx, keeping names) names every closure as it is made, which costs more than the calls.
 */
function addNew(out: string[], n: string): void {
  if (!out.includes(n)) out.push(n);
}

export function authorsFrom(bylines: readonly Unit[], bios: readonly Unit[], json: readonly unknown[], data: CompiledData): string[] {
  const out: string[] = [];
  for (const u of bylines) for (const n of splitNames(u.match?.groups?.['names'] ?? u.text, data)) addNew(out, n);
  if (out.length) return out;
  for (const v of json) for (const n of jsonAuthors(v)) addNew(out, n);
  if (out.length) return out;
  for (const u of bios) {
    const n = u.match?.groups?.['name'];
    if (n) addNew(out, n);
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

const COPYRIGHT = /^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?,?\s*(?<holder>[^.|·•]+?)\s*(?:\.|\||·|•|$)/iu;

function isAuthorName(authors: readonly string[], h: string): boolean {
  return authors.some((a) => a.toLowerCase() === h.toLowerCase());
}

/**
 * The outlet: the copyright holder of the footer (cut at the first link separator, without a
 * trailing year, never the author's own name), else the publisher in page metadata, else a masthead:
 * a short name line at the top of the page that the page repeats elsewhere ("Thanks for reading …!").
 */
export function outletFrom(chrome: readonly Unit[], json: readonly unknown[], authors: readonly string[] = [], raw = ''): string | null {
  for (const u of chrome) {
    const m = COPYRIGHT.exec(u.text);
    const h = m?.groups?.['holder']?.trim().replace(/,?\s*\d{4}(?:\s*[-–]\s*\d{4})?$/u, '').trim();
    if (h && !/^all rights reserved$/i.test(h) && /\p{L}/u.test(h) && !isAuthorName(authors, h)) return h;
  }
  for (const v of json) {
    const s = jsonString(v, ['publisher', 'publisherName', 'siteName', 'site_name', 'outlet', 'source']);
    if (s) return s;
  }
  const top = chrome[0];
  if (top && top.lines.length === 1 && top.words >= 2 && top.words <= 5 && !/[.,:;!?|·•]/u.test(top.text) && /^\p{Lu}/u.test(top.text) && !isAuthorName(authors, top.text)) {
    const esc = top.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    const n = raw.match(new RegExp(`(?<![\\p{L}])${esc}(?![\\p{L}])`, 'giu'))?.length ?? 0;
    if (n >= 2) return top.text;
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

const PUBLISHED_IN_LINE = /\b(?:first |originally )?(?:published|posted)(?:\s+on)?\s*:?\s*(?<date>[^|·•]{6,60})/iu;

/** Labelled "Published …" lines first, then bare date lines (after the title before those above it), "Updated …" last. */
function rank(rule: string, beforeTitle: boolean): number {
  if (rule === 'published-on') return 0;
  if (rule === 'updated-on') return 3;
  return beforeTitle ? 2 : 1;
}

/**
 * The stated publication date: the best-ranked dateline (or byline with a date) in the head; among
 * equals, the first. `title` tells which lines stand above the headline (nav bars print today's date there).
 */
export function statedDate(datelines: readonly Unit[], data: CompiledData, bylines: readonly Unit[] = [], title: Unit | null = null): (Stated & { rank: number; at: number }) | null {
  const cands: (Stated & { rank: number; at: number })[] = [];
  const titleAt = title?.lines[0]?.start ?? -1;
  for (const u of [...datelines, ...bylines]) {
    const g = u.match?.groups?.['date'];
    if (!g || !u.match) continue;
    const at = u.lines[0]?.start ?? 0;
    // One line with both ("Updated 5 Nov 2024 · Published 4 Nov 2024"): the published date is the one.
    const pub = PUBLISHED_IN_LINE.exec(u.text);
    const pp = pub?.groups?.['date'] && pub.index > 0 ? parseStatedDate(pub.groups['date'], data) : null;
    if (pub && pp) {
      const off = u.text.lastIndexOf(pub.groups!['date']!);
      cands.push({ iso: pp.iso, unit: u, dateStart: off + pp.start, dateEnd: off + pp.end, rule: 'published-on', rank: 0, at });
      continue;
    }
    const p = parseStatedDate(g, data);
    if (!p) continue;
    const off = u.text.indexOf(g);
    cands.push({ iso: p.iso, unit: u, dateStart: off + p.start, dateEnd: off + p.end, rule: u.rule, rank: rank(u.rule, at < titleAt), at });
  }
  cands.sort((a, b) => a.rank - b.rank || a.at - b.at);
  return cands[0] ?? null;
}

/** Confidence of a stated date by the form that stated it. */
export function statedConfidence(rule: string, head: boolean): number {
  if (rule === 'updated-on') return head ? 0.85 : 0.8;
  if (rule === 'month-year-line') return head ? 0.9 : 0.85;
  return head ? 0.97 : 0.9;
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
