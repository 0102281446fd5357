/**
 * TIMEX3 values as day intervals, for comparing claim times. Hand-written
 * because no library reads TIMEX3 values (2015-FA, 2015-Q3, 199, PRESENT_REF).
 * Days are counted from 1970-01-01 (UTC); an interval is inclusive [start, end].
 */

export interface DayInterval {
  start: number;
  end: number;
}

const DAY = 86_400_000;

export function dayOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY);
}

function lastDayOfMonth(y: number, m: number): number {
  return dayOf(y, m + 1, 1) - 1;
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

const SEASONS: Record<string, [number, number]> = { SP: [3, 5], SU: [6, 8], FA: [9, 11], WI: [12, 14] };

/** The days a TIMEX3 value covers, or null when it is not anchored (XXXX-…, PAST_REF, durations). */
export function intervalOf(value: string, published: string | null = null): DayInterval | null {
  let m: RegExpMatchArray | null;
  if (value === 'PRESENT_REF') return published ? intervalOf(published) : null;
  // Every anchored form starts with a digit (XXXX-…, PAST_REF, durations do not): none of the tests below can pass.
  const first = value.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return null;
  if ((m = value.match(/^(\d{4})-(\d{2})-(\d{2})/))) {
    const d = dayOf(+m[1]!, +m[2]!, +m[3]!);
    return { start: d, end: d };
  }
  if ((m = value.match(/^(\d{4})-W(\d{2})/))) {
    const jan4 = dayOf(+m[1]!, 1, 4);
    const weekday = (new Date(jan4 * DAY).getUTCDay() + 6) % 7;
    const start = jan4 - weekday + (+m[2]! - 1) * 7;
    return { start, end: start + 6 };
  }
  if ((m = value.match(/^(\d{4})-(\d{2})$/))) {
    const y = +m[1]!;
    const mo = +m[2]!;
    return { start: dayOf(y, mo, 1), end: lastDayOfMonth(y, mo) };
  }
  if ((m = value.match(/^(\d{4})-Q([1-4])$/))) {
    const y = +m[1]!;
    const q = +m[2]!;
    return { start: dayOf(y, (q - 1) * 3 + 1, 1), end: lastDayOfMonth(y, q * 3) };
  }
  if ((m = value.match(/^(\d{4})-H([12])$/))) {
    const y = +m[1]!;
    return m[2] === '1' ? { start: dayOf(y, 1, 1), end: lastDayOfMonth(y, 6) } : { start: dayOf(y, 7, 1), end: lastDayOfMonth(y, 12) };
  }
  if ((m = value.match(/^(\d{4})-(SP|SU|FA|WI)$/))) {
    const y = +m[1]!;
    const [a, b] = SEASONS[m[2]!]!;
    return { start: dayOf(y, a, 1), end: b > 12 ? lastDayOfMonth(y + 1, b - 12) : lastDayOfMonth(y, b) };
  }
  if ((m = value.match(/^(\d{4})$/))) {
    const y = +m[1]!;
    return { start: dayOf(y, 1, 1), end: dayOf(y, 12, 31) };
  }
  if ((m = value.match(/^(\d{3})$/))) {
    const y = +m[1]! * 10;
    return { start: dayOf(y, 1, 1), end: dayOf(y + 9, 12, 31) };
  }
  if ((m = value.match(/^(\d{2})$/))) {
    const y = +m[1]! * 100;
    return { start: dayOf(y, 1, 1), end: dayOf(y + 99, 12, 31) };
  }
  return null;
}

/** The interval of a claim time: its range when it has one, else its value. */
export function intervalOfTime(time: { value: string; range?: { start: string; end: string } | undefined }, published: string | null = null): DayInterval | null {
  if (time.range) {
    const a = intervalOf(time.range.start, published);
    const b = intervalOf(time.range.end, published);
    if (a && b && a.start <= b.end) return { start: a.start, end: b.end };
  }
  return intervalOf(time.value, published);
}

export function overlaps(a: DayInterval, b: DayInterval): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function intersect(a: DayInterval, b: DayInterval): DayInterval | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start <= end ? { start, end } : null;
}

export function widen(a: DayInterval, days: number): DayInterval {
  return { start: a.start - days, end: a.end + days };
}

/** Granularity in days (1 for a day value): smaller is more precise. */
export function spanDays(a: DayInterval): number {
  return a.end - a.start + 1;
}

/** "2015-10-14", "2015-10", "2015", or "2015-09-01..2015-11-30" for display. */
export function formatInterval(a: DayInterval): string {
  const s = isoOfDay(a.start);
  const e = isoOfDay(a.end);
  if (a.start === a.end) return s;
  if (s.endsWith('-01') && dayOf(+e.slice(0, 4), +e.slice(5, 7), 1) + 0 === dayOf(+s.slice(0, 4), +s.slice(5, 7), 1) && e === isoOfDay(lastDayOfMonth(+e.slice(0, 4), +e.slice(5, 7)))) return s.slice(0, 7);
  if (s.endsWith('-01-01') && e.endsWith('-12-31') && s.slice(0, 4) === e.slice(0, 4)) return s.slice(0, 4);
  return `${s}..${e}`;
}
