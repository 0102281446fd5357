/**
 * Normalising a rule's captured groups and filling its value template.
 * A group's base name (before "_2") picks its normaliser: month → "02",
 * num → "24" or "X", unit → "Y", … A normaliser returning null rejects
 * the match (a lower-case "may" is not a month).
 */
import type { Tables } from './data.ts';

export type Groups = Record<string, string | undefined>;

function key(s: string): string {
  return s.toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/\.$/, '').trim();
}

/** "twenty four" → 24, "a couple of" → 2, "several" → null (vague), "12" → 12. */
export function readNumber(raw: string, t: Tables): number | 'X' | null {
  const s = key(raw).replace(/,/g, '');
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^\d+ 1\/2$/.test(s)) return Number(s.split(' ')[0]) + 0.5;
  if (s === 'other') return 2;
  if (t.vagueNumbers.includes(s)) return 'X';
  const direct = t.numberWords[s];
  if (direct !== undefined) return direct;
  // Compose words: "twenty-four", "two hundred and fifty", "a hundred".
  let total = 0;
  let current = 0;
  for (const w of s.split(/[\s-]+/)) {
    if (w === 'and') continue;
    const v = t.numberWords[w];
    if (v === undefined) return null;
    if (v === 100) current = (current || 1) * 100;
    else if (v === 1000) {
      total += (current || 1) * 1000;
      current = 0;
    } else current += v;
  }
  return total + current;
}

/** "nineteen ninety-six" → 1996, "two thousand" → 2000, "two thousand and one" → 2001. */
export function readYearWords(raw: string, t: Tables): number | null {
  const s = key(raw).replace(/^the year /, '');
  const m = /^(\S+) (.+)$/.exec(s);
  if (m && !/thousand/.test(s)) {
    const hi = readNumber(m[1]!, t);
    const lo = readNumber(m[2]!, t);
    if (typeof hi === 'number' && typeof lo === 'number' && hi >= 10 && hi < 100 && lo < 100) return hi * 100 + lo;
  }
  const n = readNumber(s, t);
  return typeof n === 'number' && n >= 1000 && n < 3000 ? n : null;
}

/** "7:15 p.m." → "19:15", "noon" → "12:00", "midnight" → "24:00", "10 pm" → "22:00". */
export function readClock(raw: string): string | null {
  const s = key(raw).replace(/\./g, '');
  if (s === 'noon' || s === 'midday') return '12:00';
  if (s === 'midnight') return '24:00';
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a m|p m)?/.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] ?? '00';
  const ampm = m[3]?.replace(' ', '');
  if (h > 24 || Number(min) > 59) return null;
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  return `${String(h).padStart(2, '0')}:${min}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Normalise one captured group by its base name. */
export function normaliseGroup(name: string, raw: string, t: Tables): string | null {
  const base = name.replace(/_\d+$/, '');
  const k = key(raw);
  switch (base) {
    case 'month': {
      // Month names are proper nouns: "may" and "march" in lower case are not months.
      if (!/^[A-Z]/.test(raw)) return null;
      return t.months[k] ?? null;
    }
    case 'weekday':
      return t.weekdays[k] ?? null;
    case 'season':
      return t.seasons[k] ?? null;
    case 'part':
      return t.partsOfDay[k] ?? null;
    case 'unit':
      return t.units[k] ?? null;
    case 'mod':
      return t.mods[k] ?? null;
    case 'ordinal':
      return t.ordinals[k] ?? null;
    case 'num': {
      const n = readNumber(raw, t);
      if (n === null) return null;
      return n === 'X' ? 'X' : String(n);
    }
    case 'year': {
      const d = k.replace(/^['’]/, '');
      if (/^\d{4}$/.test(d)) return d;
      if (/^\d{2}$/.test(d)) return (Number(d) > 30 ? '19' : '20') + d;
      return null;
    }
    case 'yearword': {
      const y = readYearWords(raw, t);
      return y === null ? null : String(y);
    }
    case 'day': {
      const d = Number(k.replace(/(st|nd|rd|th)$/, ''));
      return d >= 1 && d <= 31 ? pad2(d) : null;
    }
    case 'decade': {
      // "1990s" / "1990's" → "199"; "'90s" → "199".
      const d = k.replace(/['’]?s$/, '').replace(/^['’]/, '');
      if (/^\d{4}$/.test(d) && d.endsWith('0')) return d.slice(0, 3);
      if (/^\d0$/.test(d)) return (Number(d) > 20 ? '19' : '20') + d.slice(0, 1);
      return null;
    }
    case 'decadeword': {
      const d = t.decadeWords[k];
      return d === undefined ? null : `19${d}`;
    }
    case 'century': {
      const n = Number(k.replace(/(st|nd|rd|th)$/, ''));
      return n >= 1 && n <= 30 ? pad2(n - 1) : null;
    }
    case 'rel':
      return t.relWords[k] ?? null;
    case 'dir':
      return /^(earlier|before)$/.test(k) ? 'MINUS' : 'PLUS';
    case 'adv':
      return t.setAdverbs[k] ?? null;
    case 'half':
      return k === 'first' ? '1' : '2';
    case 'mm':
      return /^\d{1,2}$/.test(k) ? pad2(Number(k)) : null;
    case 'clock':
      return readClock(raw);
    case 'quarter': {
      const q = t.ordinals[k] ?? (/^q?([1-4])$/.test(k) ? k.replace('q', '') : undefined);
      return q ?? null;
    }
    default:
      // Context groups (cue words) are not part of the value.
      return k;
  }
}

/** A stretch of a template: literal text, then the group it names ('' at the template's end). */
interface TemplatePart {
  literal: string;
  group: string;
  optional: boolean;
}

/** Templates read into parts, once each: the same few dozen are filled for every match. */
const templateParts = new Map<string, TemplatePart[]>();

function partsOf(template: string): TemplatePart[] {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = [];
    let from = 0;
    for (const m of template.matchAll(/\{([a-z][a-z0-9_]*)(\?)?\}/g)) {
      parts.push({ literal: template.slice(from, m.index), group: m[1]!, optional: m[2] !== undefined });
      from = m.index! + m[0].length;
    }
    parts.push({ literal: template.slice(from), group: '', optional: false });
    templateParts.set(template, parts);
  }
  return parts;
}

/**
 * Fill a value template: "{year}-{month}-{day}" with the normalised groups.
 * Returns null when a group used by the template is missing or does not normalise.
 */
export function fillTemplate(template: string, groups: Groups, t: Tables): string | null {
  let out = '';
  for (const part of partsOf(template)) {
    out += part.literal;
    if (part.group === '') continue;
    const raw = groups[part.group];
    if (raw === undefined) {
      if (!part.optional) return null;
      continue;
    }
    const v = normaliseGroup(part.group, raw, t);
    if (v === null) return null;
    out += v;
  }
  return fixDuration(out);
}

/** P2H → PT2H, P30MIN → PT30M, P1.5Y stays; time units need the T. */
export function fixDuration(v: string): string {
  // "every quarter" → P1Q: a unit with no number is one of it.
  if (/^P(Y|M|W|D|Q|DE|CE|H|MIN|S)$/.test(v)) v = `P1${v.slice(1)}`;
  // Quarters are written in months, twenty-four hours as a day (TimeML's habit).
  const q = /^P(\d+)Q$/.exec(v);
  if (q && Number(q[1]) > 1) return `P${Number(q[1]) * 3}M`;
  if (v === 'P24H') return 'P1D';
  // "2 1/2 years" → P2Y6M: TimeML writes fractions in the next smaller unit.
  const f = /^P(\d+)\.5(Y|D)$/.exec(v);
  if (f) return f[2] === 'Y' ? `P${f[1]}Y6M` : `P${f[1]}DT12H`;
  const m = /^P(\d+(?:\.\d+)?|X)(H|MIN|S)$/.exec(v);
  if (m) return `PT${m[1]}${m[2] === 'MIN' ? 'M' : m[2]}`;
  return v;
}
