/**
 * Pass 2: anchoring underspecified values (HeidelTime's second pass).
 * Pass 1 emits values such as
 *   UNDEF-REF-D-MINUS-1      yesterday (deictic: the publication date)
 *   UNDEF-ANA-Y-PLUS-1       the following year (anaphoric: the narrative's date)
 *   UNDEF-year-02-27         Feb. 27 (the year from the reference, the tense decides)
 *   UNDEF-day-5              Friday (the tense decides past or future)
 *   UNDEF-last-04 / UNDEF-next-SU / UNDEF-this-Q3 / UNDEF-last-day-5 / UNDEF-recent-SP
 * optionally followed by a time part ("TEV", "T14:00"). Resolution is plain
 * calendar arithmetic on UTC dates; Temporal is not in Node 20, and date
 * libraries do not know ISO weeks, quarters and seasons as TIMEX3 writes them.
 */

export type Tense = 'past' | 'present' | 'future';

export interface RefDate {
  y: number;
  m?: number | undefined;
  d?: number | undefined;
}

/** "1998-01-08" → {y,m,d}; "1998-01" → {y,m}; anything else with a 4-digit year → {y}. */
export function parseRef(value: string | null | undefined): RefDate | null {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return null;
  // Every field present (unknown ones undefined): one hidden class for all references.
  return { y: Number(m[1]), m: m[2] ? Number(m[2]) : undefined, d: m[3] ? Number(m[3]) : undefined };
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

function fmtDay(dt: Date): string {
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** ISO 8601 week: [year, week]. */
export function isoWeek(dt: Date): [number, number] {
  const d = new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth(), dt.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7);
  return [d.getUTCFullYear(), week];
}

function addDays(dt: Date, n: number): Date {
  return new Date(dt.getTime() + n * 86400000);
}

/** Shift the reference by n units and write it at that unit's granularity. */
export function shift(ref: RefDate, unit: string, n: number): string | null {
  const full = ref.m !== undefined && ref.d !== undefined ? utc(ref.y, ref.m, ref.d) : null;
  switch (unit) {
    case 'D':
      return full ? fmtDay(addDays(full, n)) : null;
    case 'W':
    case 'WE': {
      if (!full) return null;
      const [y, w] = isoWeek(addDays(full, 7 * n));
      return `${y}-W${pad(w)}${unit === 'WE' ? '-WE' : ''}`;
    }
    case 'M': {
      if (ref.m === undefined) return null;
      const idx = ref.y * 12 + (ref.m - 1) + n;
      return `${pad(Math.floor(idx / 12), 4)}-${pad((idx % 12) + 1)}`;
    }
    case 'Q': {
      if (ref.m === undefined) return null;
      const idx = ref.y * 4 + Math.floor((ref.m - 1) / 3) + n;
      return `${pad(Math.floor(idx / 4), 4)}-Q${(idx % 4) + 1}`;
    }
    case 'H1':
    case 'H': {
      if (unit === 'H' && full) return fmtDay(full); // "two hours ago": the day is what we know
      if (ref.m === undefined) return null;
      const idx = ref.y * 2 + Math.floor((ref.m - 1) / 6) + n;
      return `${pad(Math.floor(idx / 2), 4)}-H${(idx % 2) + 1}`;
    }
    case 'Y':
      return pad(ref.y + n, 4);
    case 'DE':
      return String(Math.floor(ref.y / 10) + n);
    case 'CE':
      return pad(Math.floor(ref.y / 100) + n);
    default:
      return null;
  }
}

const SEASON_ORDER = ['SP', 'SU', 'FA', 'WI'];
/** The season a month falls in (December–February is winter, labelled by its December's year). */
function seasonOf(m: number): number {
  if (m >= 3 && m <= 5) return 0;
  if (m >= 6 && m <= 8) return 1;
  if (m >= 9 && m <= 11) return 2;
  return 3;
}

/** What the value is relative to: a year-less month, day, season or quarter, or a weekday. */
type Partial =
  | { kind: 'monthday'; m: number; d: number }
  | { kind: 'month'; m: number }
  | { kind: 'season'; s: number }
  | { kind: 'quarter'; q: number }
  | { kind: 'half'; h: number }
  | { kind: 'weekday'; w: number };

function parsePartial(rest: string): Partial | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{2})-(\d{2})$/.exec(rest))) return { kind: 'monthday', m: Number(m[1]), d: Number(m[2]) };
  if ((m = /^(\d{2})$/.exec(rest))) return { kind: 'month', m: Number(m[1]) };
  if ((m = /^(SP|SU|FA|WI)$/.exec(rest))) return { kind: 'season', s: SEASON_ORDER.indexOf(m[1]!) };
  if ((m = /^Q([1-4])$/.exec(rest))) return { kind: 'quarter', q: Number(m[1]) };
  if ((m = /^H([12])$/.exec(rest))) return { kind: 'half', h: Number(m[1]) };
  if ((m = /^day-([1-7])$/.exec(rest))) return { kind: 'weekday', w: Number(m[1]) };
  return null;
}

/** Position of the partial and of the reference on one within-year axis (month×32+day, month, season, quarter, half). */
function ordinalIn(p: Partial, ref: RefDate): { pos: number; refPos: number } | null {
  switch (p.kind) {
    case 'monthday':
      if (ref.m === undefined) return null;
      // A reference known only to the month stands for the whole month ("In March 2014 … on March 18").
      return { pos: p.m * 32 + p.d, refPos: ref.m * 32 + (ref.d ?? 31) };
    case 'month':
      if (ref.m === undefined) return null;
      return { pos: p.m, refPos: ref.m };
    case 'season':
      if (ref.m === undefined) return null;
      return { pos: p.s, refPos: seasonOf(ref.m) };
    case 'quarter':
      if (ref.m === undefined) return null;
      return { pos: p.q, refPos: Math.floor((ref.m - 1) / 3) + 1 };
    case 'half':
      if (ref.m === undefined) return null;
      return { pos: p.h, refPos: ref.m <= 6 ? 1 : 2 };
    default:
      return null;
  }
}

function writePartial(p: Partial, year: number): string {
  switch (p.kind) {
    case 'monthday':
      return `${pad(year, 4)}-${pad(p.m)}-${pad(p.d)}`;
    case 'month':
      return `${pad(year, 4)}-${pad(p.m)}`;
    case 'season':
      return `${pad(year, 4)}-${SEASON_ORDER[p.s]}`;
    case 'quarter':
      return `${pad(year, 4)}-Q${p.q}`;
    case 'half':
      return `${pad(year, 4)}-H${p.h}`;
    case 'weekday':
      return `${pad(year, 4)}-W${p.w}`;
  }
}

/** The underspecified form kept when there is no reference: XXXX-01-18, XXXX-WXX-5, XXXX. */
export function unanchored(value: string): string {
  const [date, time] = splitTime(value);
  let m: RegExpExecArray | null;
  let out: string;
  if ((m = /^UNDEF-(?:year|last|next|this|recent)-(.+?)(?:~D[1-7])?$/.exec(date))) {
    const p = parsePartial(m[1]!);
    if (p?.kind === 'weekday') out = `XXXX-WXX-${p.w}`;
    else if (p) out = writePartial(p, 0).replace(/^0000/, 'XXXX');
    else out = 'XXXX';
  } else if ((m = /^UNDEF-day-([1-7])$/.exec(date))) out = `XXXX-WXX-${m[1]}`;
  else if ((m = REL.exec(date))) {
    const { unit: u, n } = relParts(m);
    if (n === 'X') out = m[2] === 'PLUS' ? 'FUTURE_REF' : 'PAST_REF';
    else {
      out = u === 'D' ? 'XXXX-XX-XX' : u === 'W' ? 'XXXX-WXX' : u === 'M' ? 'XXXX-XX' : u === 'Q' ? 'XXXX-QX' : u === 'DE' ? 'XXX' : u === 'CE' ? 'XX' : 'XXXX';
    }
  } else out = date;
  return out + time;
}

/**
 * UNDEF-REF-<unit>-<PLUS|MINUS>-<n>, or -<last|this|next|last2|next2>, optionally ~REST
 * ("June last year": UNDEF-REF-Y-last~06 → 2018-06).
 */
const REL = /^UNDEF-(?:REF|ANA)-([A-Z0-9]+)-(?:(PLUS|MINUS)-(\d+(?:\.\d+)?|X)|(last2|next2|last|this|next))(?:~(.+))?$/;

function relParts(m: RegExpExecArray): { unit: string; n: number | 'X'; rest: string | undefined } {
  const unit = m[1]!;
  const word = m[4];
  let n: number | 'X';
  if (word) n = word === 'last' ? -1 : word === 'next' ? 1 : word === 'last2' ? -2 : word === 'next2' ? 2 : 0;
  else if (m[3] === 'X') n = 'X';
  else n = Math.round(Number(m[3])) * (m[2] === 'PLUS' ? 1 : -1); // "two and a half years ago" rounds to the unit
  return { unit, n, rest: m[5] };
}

function splitTime(value: string): [string, string] {
  const m = /^(.*?)(T(?:MO|AF|EV|NI|DT|\d{2}).*)$/.exec(value);
  return m ? [m[1]!, m[2]!] : [value, ''];
}

/**
 * Resolve an UNDEF-… value against a reference date and the tense of its
 * governing verb. Values that are not underspecified come back unchanged;
 * null when the reference lacks the granularity needed.
 */
export function resolve(value: string, ref: RefDate, tense: Tense): string | null {
  const [date, time] = splitTime(value);
  if (!date.startsWith('UNDEF-')) return value;
  let m: RegExpExecArray | null;
  let out: string | null = null;
  if ((m = REL.exec(date))) {
    const { unit, n, rest } = relParts(m);
    if (n === 'X') out = m[2] === 'PLUS' ? 'FUTURE_REF' : 'PAST_REF';
    else {
      out = shift(ref, unit, n);
      if (out !== null && rest) out = `${out}-${rest}`;
    }
  } else if ((m = /^UNDEF-day-([1-7])$/.exec(date))) {
    // News reports the past: only a future verb moves a bare weekday forward; the same day counts.
    out = weekday(ref, Number(m[1]), tense === 'future' ? 'next' : tense === 'present' ? 'near' : 'last0');
  } else if ((m = /^UNDEF-(?:year|this)-(\d{2})-(\d{2})~D([1-7])$/.exec(date))) {
    // "Tuesday, March 8": the year nearest the reference in which that day is that weekday.
    const [mm, dd, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (const off of [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6]) {
      const dt = utc(ref.y + off, mm, dd);
      if (dt.getUTCMonth() + 1 === mm && (dt.getUTCDay() || 7) === w) {
        out = fmtDay(dt);
        break;
      }
    }
    out ??= resolve(date.replace(/~D[1-7]$/, ''), ref, tense);
  } else if ((m = /^UNDEF-(year|last|next|this|recent)-(.+)$/.exec(date))) {
    const p = parsePartial(m[2]!);
    if (p) out = resolvePartial(p, m[1]!, ref, tense);
  }
  return out === null ? null : out + time;
}

/** A year-less partial (a month, a day, a season, a quarter, a weekday) that is "last", "next", "this", "recent" or of an unstated year. */
function resolvePartial(p: Partial, how: string, ref: RefDate, tense: Tense): string | null {
  if (p.kind === 'weekday') {
    return weekday(ref, p.w, how === 'last' || how === 'recent' ? 'last' : how === 'next' ? 'next' : tense === 'past' ? 'last' : 'thisweek');
  }
  const o = ordinalIn(p, ref);
  // "this spring", or a reference known only to the year: the reference's year.
  if (how === 'this' || !o) return writePartial(p, ref.y);
  // "last spring" is last year's even in the autumn; "last April" is the most recent April.
  if (how === 'last') return writePartial(p, o.pos < o.refPos && p.kind !== 'season' ? ref.y : ref.y - 1);
  // "this past spring": the most recent one before the reference, this year's if it is over.
  if (how === 'recent') {
    // January and February belong to the winter labelled by the year before.
    const y = p.kind === 'season' && ref.m !== undefined && ref.m <= 2 ? ref.y - 1 : ref.y;
    return writePartial(p, o.pos < o.refPos ? y : y - 1);
  }
  if (how === 'next') return writePartial(p, o.pos > o.refPos ? ref.y : ref.y + 1);
  if (p.kind === 'monthday' && ref.d === undefined && p.m === ref.m) {
    // A reference known only to the month ("2022-01"): a day in that month is in that month,
    // whatever the tense; the unknown reference day cannot put it on the other side.
    return writePartial(p, ref.y);
  }
  // year: the tense decides which side of the reference the date falls on.
  let y = ref.y;
  if (tense === 'present' && (p.kind === 'monthday' || p.kind === 'month' || p.kind === 'season')) {
    // No tense to go by: news mostly looks back, so the window runs from about eight
    // months before the reference to four months after it.
    const span = p.kind === 'monthday' ? 12 * 32 : p.kind === 'month' ? 12 : 4;
    const d = o.pos - o.refPos;
    if (d > span / 3) y -= 1;
    else if (d < (-span * 2) / 3) y += 1;
    return writePartial(p, y);
  }
  // Quarters and halves are reported after they end: the present tense reads as past.
  const t2 = tense === 'present' && (p.kind === 'quarter' || p.kind === 'half') ? 'past' : tense;
  if (t2 === 'past' && o.pos > o.refPos) y -= 1;
  else if (t2 === 'future' && o.pos < o.refPos) y += 1;
  return writePartial(p, y);
}

function weekday(ref: RefDate, w: number, how: 'last' | 'last0' | 'next' | 'near' | 'thisweek'): string | null {
  if (ref.m === undefined || ref.d === undefined) return null;
  const r = utc(ref.y, ref.m, ref.d);
  const rw = r.getUTCDay() || 7;
  let delta: number;
  if (how === 'thisweek') delta = w - rw;
  else if (how === 'last') delta = -((rw - w + 7) % 7 || 7);
  else if (how === 'last0') delta = -((rw - w + 7) % 7);
  else if (how === 'next') delta = (w - rw + 7) % 7 || 7;
  else {
    // near: the same day, else the closer of the last and the next.
    const back = (rw - w + 7) % 7;
    const fwd = (w - rw + 7) % 7;
    delta = back <= fwd ? -back : fwd;
  }
  return fmtDay(addDays(r, delta));
}

/**
 * A day-level value against a reference known only to the month or the year ("2022-01"):
 * the day cannot be computed, but "today", "yesterday", "in three days" and a weekday
 * reported in the past ("met on Monday", "last Friday") lie within a week of the reference
 * day, so nearly always in its month: the value is the reference at its own granularity
 * ("2022-01"), and the caller marks it as a guess (lower confidence). A time of day is
 * dropped (a month has none). Null when the reference has a day (resolve() does it) or the
 * value is not such a day (a future or present weekday may fall in the next month).
 */
export function resolveCoarse(value: string, ref: RefDate, tense: Tense): string | null {
  if (ref.d !== undefined) return null;
  const [date] = splitTime(value);
  const coarse = ref.m !== undefined ? `${pad(ref.y, 4)}-${pad(ref.m)}` : pad(ref.y, 4);
  const m = REL.exec(date);
  if (m) {
    const { unit, n, rest } = relParts(m);
    return unit === 'D' && n !== 'X' && Math.abs(n) <= 7 && rest === undefined ? coarse : null;
  }
  if (/^UNDEF-last-day-[1-7]$/.test(date)) return coarse;
  if (/^UNDEF-(?:day|this)-(?:day-)?[1-7]$/.test(date)) return tense === 'past' ? coarse : null;
  return null;
}
