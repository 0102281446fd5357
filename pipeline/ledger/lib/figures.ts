/**
 * Figures as value intervals, so that qualifiers are respected: "over 40%"
 * is (40, ∞), "nearly 80" is [72, 80], "3.5-4" is [3.5, 4]. Two figures
 * conflict when they measure the same thing (same unit, compatible measure)
 * and their intervals do not meet.
 */
import type { Support } from './schema.ts';

type Value = NonNullable<Support['value']>;

export interface ValueInterval {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

/** Qualifier words (lower case) → how they bound the value; data kept next to the code that reads it. */
const LOWER_OPEN = ['over', 'more than', 'above', 'north of', 'exceeding', 'upwards of', 'in excess of', 'greater than', 'higher than'];
const LOWER_CLOSED = ['at least', 'no less than', 'not less than', 'no fewer than', 'minimum', 'a minimum of'];
const UPPER_OPEN = ['under', 'less than', 'below', 'fewer than', 'south of', 'lower than'];
const UPPER_CLOSED = ['up to', 'as much as', 'as many as', 'at most', 'no more than', 'not more than', 'a maximum of', 'maximum'];
const NEARLY = ['nearly', 'almost', 'close to', 'just under', 'approaching', 'short of', 'just shy of'];
const ABOUT = ['approx', 'about', 'around', 'approximately', 'roughly', 'some', 'an estimated', 'estimated', 'circa', 'ca.', '~', 'some estimates', 'reportedly'];

/** Exact figures in news are rounded: half a percent either way still agrees. */
const EXACT_TOLERANCE = 0.005;
const ABOUT_TOLERANCE = 0.15;
const NEARLY_TOLERANCE = 0.1;

/** Half a unit of the last digit of x as written in decimal (57.7 → 0.05, 50.35 → 0.005, 6 → 0.5). */
export function roundingHalfUnit(x: number): number {
  const a = Math.abs(x);
  if (a === 0) return 0.5;
  const str = String(a);
  if (str.includes('e')) return a * EXACT_TOLERANCE;
  const dot = str.indexOf('.');
  if (dot >= 0) return 0.5 * 10 ** -(str.length - dot - 1);
  // Trailing zeros of an integer may or may not be significant ("40%"): take the last digit.
  return 0.5;
}

export function valueInterval(v: Value): ValueInterval {
  // Qualifiers come normalised from the quantities stage (more_than, approx, …) or as words.
  const q = (v.qualifier ?? '').toLowerCase().replace(/_/g, ' ').trim();
  const x = v.value;
  if (v.upper !== undefined && v.upper >= x) return { lo: x, hi: v.upper, loOpen: false, hiOpen: false };
  if (LOWER_OPEN.includes(q)) return { lo: x, hi: Infinity, loOpen: true, hiOpen: false };
  if (LOWER_CLOSED.includes(q)) return { lo: x, hi: Infinity, loOpen: false, hiOpen: false };
  if (UPPER_OPEN.includes(q)) return { lo: -Infinity, hi: x, loOpen: false, hiOpen: true };
  if (UPPER_CLOSED.includes(q)) return { lo: -Infinity, hi: x, loOpen: false, hiOpen: false };
  if (NEARLY.includes(q)) return { lo: x * (1 - NEARLY_TOLERANCE), hi: x, loOpen: false, hiOpen: false };
  if (ABOUT.includes(q)) return { lo: x * (1 - ABOUT_TOLERANCE), hi: x * (1 + ABOUT_TOLERANCE), loOpen: false, hiOpen: false };
  // An exact figure stands for what rounds to it: half a unit of its last digit ("55.3" is 55.25–55.35 and
  // agrees with "55.35"; "50.35" and "50.46" do not meet); large numbers keep EXACT_TOLERANCE ("1,500": ±7.5).
  const t = Math.max(roundingHalfUnit(x), x >= 1000 ? Math.abs(x) * EXACT_TOLERANCE : 0);
  return { lo: x - t, hi: x + t, loOpen: false, hiOpen: false };
}

export function intervalsMeet(a: ValueInterval, b: ValueInterval): boolean {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  if (lo < hi) return true;
  if (lo > hi) return false;
  // Touching at one point: only if both ends are closed there.
  const aOpenAt = (a.lo === lo && a.loOpen) || (a.hi === hi && a.hiOpen);
  const bOpenAt = (b.lo === lo && b.loOpen) || (b.hi === hi && b.hiOpen);
  return !aOpenAt && !bOpenAt;
}

/** "political prisoners" ~ "political prisoner"; "detainees" ≠ "programs". */
export function normaliseMeasure(m: string | undefined): string | undefined {
  if (m === undefined) return undefined;
  const s = m
    .toLowerCase()
    .replace(/^(the|a|an|of)\s+/g, '')
    .replace(/[^a-z0-9 %-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!s) return undefined;
  return s
    .split(' ')
    .map((w) => (w.length > 3 && w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join(' ');
}

/** The head noun of a measure ("political prisoners" → "prisoner"): what is counted. */
export function measureHead(m: string | undefined): string | undefined {
  const n = normaliseMeasure(m);
  return n === undefined ? undefined : n.split(' ').at(-1);
}

/** Same unit and the same thing counted (head nouns agree, or one side does not say). */
export function sameMeasure(a: Value, b: Value): boolean {
  if (a.unit !== b.unit) return false;
  const ha = measureHead(a.measure);
  const hb = measureHead(b.measure);
  return ha === undefined || hb === undefined || ha === hb;
}

/** Two figures of the same measure that cannot both hold. */
export function figuresConflict(a: Value, b: Value): boolean {
  return sameMeasure(a, b) && !intervalsMeet(valueInterval(a), valueInterval(b));
}

export function formatValue(v: Value): string {
  const n = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : String(x));
  const num = v.upper !== undefined ? `${n(v.value)}–${n(v.upper)}` : n(v.value);
  const unit = v.unit === 'percent' ? '%' : v.unit === 'count' ? '' : ` ${v.unit}`;
  return `${v.qualifier ? `${v.qualifier} ` : ''}${num}${unit}${v.measure ? ` ${v.measure}` : ''}`;
}
