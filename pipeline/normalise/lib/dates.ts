/**
 * A small, focused date finder for the publication date: stated datelines and
 * the evidence used to infer a date (months, days, years, seasons, "last fall").
 * It is not the TIMEX3 extractor (pipeline/extract/dates does that, anchored to
 * the date this finds): it only needs calendar positions, so it stays here to
 * keep normalise free of a dependency on a later stage.
 */
import type { CompiledData } from './data.ts';

export type DateKind = 'day' | 'month' | 'year' | 'season' | 'relative';

export interface FoundDate {
  start: number;
  end: number;
  text: string;
  kind: DateKind;
  /** Undefined when the text does not state it (an unyeared "August 9th"). */
  year?: number;
  month?: number;
  day?: number;
  /** Seasons: first and last month. */
  months?: [number, number];
  /** Day of the week written with the date ("Sunday, November 3"): 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** Relative expressions: "last" / "this" and the unit (year, month, summer…). */
  rel?: { which: 'last' | 'this'; unit: string };
}

/** Weekday stems, Sunday first ("sun" + "day"; "tues", "wednes", "thurs", "satur" take "day" too; "tue", "wed", "thu", "sat" are abbreviations). */
const WEEKDAYS = ['sun', 'mon', 'tues', 'tue', 'wednes', 'wed', 'thurs', 'thu', 'fri', 'satur', 'sat'];
const WEEKDAY_NUM: Record<string, number> = { sun: 0, mon: 1, tues: 2, tue: 2, wednes: 3, wed: 3, thurs: 4, thu: 4, fri: 5, satur: 6, sat: 6 };

/** Day of the week of a calendar date (0 = Sunday), proleptic Gregorian, UTC. */
export function weekdayOf(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

interface Compiled {
  res: { re: RegExp; kind: 'md' | 'dm' | 'my' | 'iso' | 'season' | 'bare-month' | 'year' | 'relative' }[];
}

const cache = new WeakMap<CompiledData, Compiled>();

function compile(d: CompiledData): Compiled {
  const hit = cache.get(d);
  if (hit) return hit;
  const names = [...d.months.keys()].sort((a, b) => b.length - a.length);
  const MON = `(?<mon>${names.join('|')})\\.?`;
  const full = names.filter((n) => n.length > 3 && n !== 'sept');
  const SEASON = `(?<season>${[...d.seasons.keys()].join('|')})`;
  const YEAR = `(?<year>(?:1[89]|20)\\d{2})`;
  const DAY = `(?<day>[0-3]?\\d)(?:st|nd|rd|th)?`;
  // A weekday written with the date ("Sunday, November 3", "Sun. 3 Nov"): evidence of the year.
  const WD = `(?:(?<wd>${WEEKDAYS.join('|')})(?:day)?\\.?,?\\s+(?:the\\s+)?)?`;
  const c: Compiled = {
    res: [
      { re: new RegExp(`\\b(?<iy>\\d{4})-(?<im>\\d{2})-(?<id>\\d{2})\\b`, 'g'), kind: 'iso' },
      { re: new RegExp(`\\b${WD}${MON}\\s+${DAY}(?!\\d)(?:,?\\s+${YEAR})?\\b`, 'gi'), kind: 'md' },
      { re: new RegExp(`\\b${WD}${DAY}\\s+(?:of\\s+)?${MON}(?:,?\\s+${YEAR})?\\b`, 'gi'), kind: 'dm' },
      { re: new RegExp(`\\b${MON}(?:\\s+of)?,?\\s+${YEAR}\\b`, 'gi'), kind: 'my' },
      { re: new RegExp(`\\b(?:(?:early|late|mid|the)[- ])?${SEASON}\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'), kind: 'season' },
      { re: new RegExp(`\\b(?<which>last|this|past)\\s+(?<unit>year|month|${[...d.seasons.keys()].join('|')})\\b`, 'gi'), kind: 'relative' },
      // A bare month name, capitalised. "May" and "March" are also words: they need a preposition before them.
      {
        re: new RegExp(`(?:\\b(?<prep>in|on|since|until|by|from|to|early|late|mid|this|last|next|upcoming|of)[- ])?\\b(?<mon>${full.map((n) => n[0]!.toUpperCase() + n.slice(1)).join('|')})\\b`, 'g'),
        kind: 'bare-month',
      },
      { re: new RegExp(`\\b${YEAR}(?:s\\b)?(?![\\d,.]\\d)`, 'g'), kind: 'year' },
    ],
  };
  cache.set(d, c);
  return c;
}

/** All dates in `text`, longest first where they overlap, in text order. */
export function findDates(text: string, data: CompiledData): FoundDate[] {
  const { res } = compile(data);
  const taken: [number, number][] = [];
  const found: FoundDate[] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);
  for (const { re, kind } of res) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const g = m.groups ?? {};
      const start = m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      let f: FoundDate | null = null;
      const month = g['mon'] ? data.months.get(g['mon'].toLowerCase()) : undefined;
      const year = g['year'] ? Number(g['year']) : undefined;
      const day = g['day'] ? Number(g['day']) : undefined;
      switch (kind) {
        case 'iso': {
          const mo = Number(g['im']);
          const dd = Number(g['id']);
          if (mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31) f = { start, end, text: m[0], kind: 'day', year: Number(g['iy']), month: mo, day: dd };
          break;
        }
        case 'md':
        case 'dm':
          if (month && day && day >= 1 && day <= 31) {
            f = { start, end, text: m[0], kind: 'day', month, day };
            if (year) f.year = year;
            const wd = g['wd'] ? WEEKDAY_NUM[g['wd'].toLowerCase()] : undefined;
            if (wd !== undefined) f.weekday = wd;
          }
          break;
        case 'my':
          if (month && year) f = { start, end, text: m[0], kind: 'month', month, year };
          break;
        case 'season': {
          const s = data.seasons.get((g['season'] ?? '').toLowerCase());
          if (s && year) f = { start, end, text: m[0], kind: 'season', year, months: s };
          break;
        }
        case 'relative': {
          const which = (g['which'] ?? '').toLowerCase() === 'this' ? 'this' : 'last';
          f = { start, end, text: m[0], kind: 'relative', rel: { which, unit: (g['unit'] ?? '').toLowerCase() } };
          break;
        }
        case 'bare-month': {
          const name = (g['mon'] ?? '').toLowerCase();
          if ((name === 'may' || name === 'march') && !g['prep']) break;
          const mo = data.months.get(name);
          if (mo) {
            // Keep only the month word as the mention; the preposition is context.
            const ms = start + m[0].length - (g['mon'] ?? '').length;
            f = { start: ms, end, text: text.slice(ms, end), kind: 'month', month: mo };
          }
          break;
        }
        case 'year':
          if (year && !/^\d{4}s$/.test(m[0])) f = { start, end, text: m[0], kind: 'year', year };
          break;
      }
      if (f) {
        found.push(f);
        taken.push([f.start, f.end]);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Parse a stated date string ("Oct 14, 2015", "3 March 2023", "2019-06-01") into ISO, as tight as stated. */
export function parseStatedDate(s: string, data: CompiledData): { iso: string; start: number; end: number } | null {
  const ds = findDates(s, data).filter((d) => d.year !== undefined && (d.kind === 'day' || d.kind === 'month'));
  const d = ds[0];
  if (!d || d.year === undefined) return null;
  return { iso: isoOf(d.year, d.month, d.kind === 'day' ? d.day : undefined), start: d.start, end: d.end };
}

export function isoOf(y: number, m?: number, d?: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  if (m === undefined) return String(y);
  if (d === undefined) return `${y}-${p(m)}`;
  return `${y}-${p(m)}-${p(d)}`;
}
