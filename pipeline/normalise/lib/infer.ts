/**
 * Inferring the publication date when none is stated, from the text's own evidence:
 *
 * 1. A stated time of writing ("At the moment of writing (December 2024)",
 *    "as of <date>" in a present-tense sentence) gives the date outright.
 * 2. Otherwise constraints, solved for the earliest month that meets them all:
 *    - every dated event reported as past (or in a tenseless clause) lies at or
 *      before publication: a lower bound;
 *    - every event announced as upcoming ("ahead of", "upcoming", "will … in
 *      January 2025") lies after it: an upper bound;
 *    - dates written without a year ("On July 29th", "In November") lie in the
 *      twelve months before publication, and after the latest date the writer
 *      did qualify with a year (writers spell out the year of older events and
 *      drop it for the current stretch);
 *    - (soft) a period called "last summer" / "last fall" is later than the
 *      latest year-qualified date, for the same reason; dropped if nothing fits.
 *    Before that, year-less dates the text itself dates get their year: a month or
 *    day after a year-qualified date in the same paragraph belongs to that narrative
 *    (read forward: "In October 2022 … by February" is February 2023), and a date
 *    written with its weekday ("Sunday, November 3") takes the year in which that
 *    day is that weekday, nearest the narrative's year or, in the current stretch,
 *    at or after the latest dated event. The latest year mentioned is only ever a
 *    lower bound, and inference runs only when no date is stated.
 * The answer is a month (YYYY-MM): the evidence rarely supports a day.
 */
import { nlpOf, sentenceAt, type NlpLayer, type Token } from '../../adapters/wink.ts';
import { partitionPoint } from '../../core/search.ts';
import type { Paragraph, Span } from '../../core/schema.ts';
import type { CompiledData } from './data.ts';
import { findDates, isoOf, weekdayOf, type FoundDate } from './dates.ts';

export interface Inferred {
  published: string;
  evidence: string;
  span: Span;
  confidence: number;
  rule: string;
}

type Tense = 'past' | 'upcoming' | 'unknown';

interface Ev {
  d: FoundDate;
  tense: Tense;
  sentence: Span;
}

const ym = (y: number, m: number) => y * 12 + (m - 1);
const ymIso = (v: number) => isoOf(Math.floor(v / 12), (v % 12) + 1);

const PRESENT = new Set(['is', 'are', 'am', "'s", "'re", 'has', 'have', 'does', 'do', 'remains', 'remain']);

/** Past tense or a participle, from wink's tokens (UPOS only: read from form vs lemma). */
export function isPastVerb(t: Token): boolean {
  if (t.pos !== 'VERB' && t.pos !== 'AUX') return false;
  const w = t.text.toLowerCase();
  if (w === 'was' || w === 'were' || w === 'had' || w === 'did') return true;
  if (PRESENT.has(w)) return false;
  const lemma = t.lemma.toLowerCase();
  if (w === lemma || w.endsWith('ing') || w === `${lemma}s` || w === `${lemma}es`) return false;
  if (lemma.endsWith('y') && w === `${lemma.slice(0, -1)}ies`) return false;
  return true;
}

function sentenceOf(layer: NlpLayer, text: string, pos: number): Span {
  const i = sentenceAt(layer, pos);
  const s = i >= 0 ? layer.sentences[i] : undefined;
  if (s) return { start: s.start, end: s.end };
  return { start: Math.max(0, text.lastIndexOf('\n', pos) + 1), end: text.indexOf('\n', pos) < 0 ? text.length : text.indexOf('\n', pos) };
}

function tenseOf(d: FoundDate, sent: Span, text: string, layer: NlpLayer, inEndnote: boolean, data: CompiledData): Tense {
  if (inEndnote) return 'past';
  const before = text.slice(Math.max(sent.start, d.start - 80), d.start);
  if (data.upcomingBefore.some((r) => r.test(before))) return 'upcoming';
  // the clause around the date: up to the nearest clause punctuation on each side
  const left = Math.max(sent.start, ...[',', ';', '—', '–', '('].map((c) => text.lastIndexOf(c, d.start - 1) + 1));
  const rightCands = [',', ';', '—', '–', ')'].map((c) => text.indexOf(c, d.end)).filter((i) => i >= 0 && i < sent.end);
  const right = rightCands.length ? Math.min(...rightCands) : sent.end;
  const clause = text.slice(left, right);
  if (data.futureClause.some((r) => r.test(clause))) return 'upcoming';
  const toks = tokensIn(layer, sent);
  const clauseToks = toks.filter((t) => t.start >= left && t.end <= right);
  const clauseHasVerb = clauseToks.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
  // A verbless clause ("…, in a runoff on November 3.") takes the tense of the sentence up to the date.
  if (!clauseHasVerb && data.futureClause.some((r) => r.test(text.slice(sent.start, d.start)))) return 'upcoming';
  const verbs = clauseHasVerb ? clauseToks : toks;
  if (verbs.some(isPastVerb)) return 'past';
  return 'unknown';
}

/** Tokens inside a span (tokens are sorted by offset: binary search, not a scan, for long texts). */
function tokensIn(layer: NlpLayer, span: Span): Token[] {
  const ts = layer.tokens;
  const out: Token[] = [];
  for (let i = partitionPoint(ts, (t) => t.start < span.start); i < ts.length && ts[i]!.end <= span.end; i++) out.push(ts[i]!);
  return out;
}

function lowerBound(d: FoundDate): number | null {
  if (d.year === undefined) return null;
  if (d.kind === 'day' || d.kind === 'month') return ym(d.year, d.month ?? 1);
  if (d.kind === 'season') return ym(d.year, d.months?.[0] ?? 1);
  if (d.kind === 'year') return ym(d.year, 1);
  return null;
}

/** The last month a dated upcoming event allows publication in. */
function upperBound(d: FoundDate): number | null {
  if (d.year === undefined) return null;
  if (d.kind === 'day') return ym(d.year, d.month ?? 1);
  if (d.kind === 'month') return ym(d.year, d.month ?? 1) - 1;
  if (d.kind === 'season') return ym(d.year, d.months?.[0] ?? 1) - 1;
  if (d.kind === 'year') return ym(d.year, 1) - 1;
  return null;
}

/** Latest occurrence of month m at or before P. */
function occurrenceAtOrBefore(m: number, P: number): number {
  const y = Math.floor(P / 12);
  const v = ym(y, m);
  return v <= P ? v : v - 12;
}

function quote(text: string, sent: Span, d: { start: number; end: number }): Span {
  if (sent.end - sent.start <= 300) return sent;
  return { start: Math.max(sent.start, d.start - 120), end: Math.min(sent.end, d.end + 120) };
}

export function inferPublished(owner: { text: string }, paragraphs: readonly Paragraph[], data: CompiledData): Inferred | null {
  const text = owner.text;
  const layer = nlpOf(owner);
  const dates = findDates(text, data);
  const endnote = (pos: number) => paragraphs.some((p) => p.kind === 'endnote' && pos >= p.start && pos < p.end);

  // 1. A stated time of writing.
  for (const re of data.writingTime) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const cueEnd = m.index + m[0].length;
      const d = dates.find((x) => x.start >= cueEnd && x.start - cueEnd <= 60 && x.year !== undefined && x.month !== undefined);
      if (d && d.year !== undefined) {
        return {
          published: isoOf(d.year, d.month, d.kind === 'day' ? d.day : undefined),
          evidence: text.slice(m.index, d.end + (text[d.end] === ')' ? 1 : 0)),
          span: { start: m.index, end: d.end + (text[d.end] === ')' ? 1 : 0) },
          confidence: 0.9,
          rule: 'time-of-writing',
        };
      }
    }
  }

  const evs: Ev[] = dates.map((d) => {
    const sentence = sentenceOf(layer, text, d.start);
    return { d, sentence, tense: tenseOf(d, sentence, text, layer, endnote(d.start), data) };
  });

  // "as of <date>" in a present-tense sentence: the writer's now.
  for (const e of evs) {
    if (e.d.year === undefined || e.d.month === undefined || e.tense !== 'unknown') continue;
    if (!/\bas of\s*$/i.test(text.slice(Math.max(0, e.d.start - 8), e.d.start))) continue;
    const span = quote(text, e.sentence, e.d);
    return { published: isoOf(e.d.year, e.d.month), evidence: text.slice(span.start, span.end), span, confidence: 0.8, rule: 'as-of' };
  }

  // 2. Constraints. First give a year to the year-less dates the text itself dates: a month or day
  // inside a narrative (a year-qualified date earlier in the same paragraph: "In June 2019 … By
  // November, …" is November 2019, not the latest November), and a date written with its weekday
  // ("Sunday, November 3": a year in which November 3 is a Sunday, the one nearest the other evidence).
  const paraOf = (pos: number) => paragraphs.find((p) => pos >= p.start && pos < p.end);
  const resolved = new Map<Ev, { year: number; rule: string }>();
  const anchorOf = (e: Ev): FoundDate | undefined => {
    const para = paraOf(e.d.start);
    if (!para) return undefined;
    return evs
      .filter((x) => x.d.year !== undefined && x.d.kind !== 'relative' && x.d.end <= e.d.start && x.d.start >= para.start)
      .map((x) => x.d)
      .pop();
  };
  for (const e of evs) {
    const d = e.d;
    if (d.year !== undefined || d.month === undefined || d.weekday !== undefined || (d.kind !== 'day' && d.kind !== 'month')) continue;
    const a = anchorOf(e);
    if (!a || a.year === undefined) continue;
    // forward from the anchor: "In October 2022 … by February" is February 2023
    const year = a.month !== undefined && d.month < a.month ? a.year + 1 : a.year;
    resolved.set(e, { year, rule: 'narrative-month' });
  }
  const yearOf = (e: Ev) => e.d.year ?? resolved.get(e)?.year;
  let L0: number | null = null;
  for (const e of evs) {
    const y = yearOf(e);
    if (y === undefined || e.tense === 'upcoming' || e.d.kind === 'relative') continue;
    const l = lowerBound({ ...e.d, year: y });
    if (l !== null && (L0 === null || l > L0)) L0 = l;
  }
  for (const e of evs) {
    const d = e.d;
    if (d.year !== undefined || d.weekday === undefined || d.month === undefined || d.day === undefined) continue;
    const a = anchorOf(e);
    // the reference: the paragraph's narrative year, else the latest dated event (writers drop the year for the current stretch)
    const ref = a?.year !== undefined ? ym(a.year, a.month ?? 1) : L0;
    if (ref === null) continue;
    const refY = Math.floor(ref / 12);
    const cands: number[] = [];
    for (let y = refY - 7; y <= refY + 7; y++) if (weekdayOf(y, d.month, d.day) === d.weekday) cands.push(y);
    const dist = (y: number) => {
      const v = ym(y, d.month!);
      // in the current stretch a year-less date lies after the latest dated event: an earlier year is a poor fit
      return a ? Math.abs(v - ref) : v >= ref ? v - ref : (ref - v) * 3;
    };
    const best = cands.sort((x, y) => dist(x) - dist(y))[0];
    if (best !== undefined) resolved.set(e, { year: best, rule: 'weekday-date' });
  }

  let lexp: number | null = null;
  let lexpEv: Ev | null = null;
  let upper: number | null = null;
  const unyeared: Ev[] = [];
  const lastSeasons: { ev: Ev; first: number }[] = [];
  for (const e0 of evs) {
    const r = resolved.get(e0);
    const e: Ev = r ? { ...e0, d: { ...e0.d, year: r.year } } : e0;
    if (r) resolved.set(e, r);
    const d = e.d;
    if (d.kind === 'relative') {
      const s = d.rel && d.rel.which === 'last' ? data.seasons.get(d.rel.unit) : undefined;
      if (s && s[0] <= s[1] && e.tense !== 'upcoming') lastSeasons.push({ ev: e, first: s[0] });
      continue;
    }
    if (d.year === undefined) {
      if (e.tense === 'past' && d.month !== undefined) unyeared.push(e);
      continue;
    }
    if (e.tense === 'upcoming') {
      const u = upperBound(d);
      if (u !== null && (upper === null || u < upper)) upper = u;
    } else {
      const l = lowerBound(d);
      if (l !== null && (lexp === null || l > lexp)) (lexp = l), (lexpEv = e);
    }
  }
  if (lexp === null || !lexpEv) return null;
  const L = lexp;

  const fits = (P: number, soft: boolean): boolean => {
    if (upper !== null && P > upper) return false;
    for (const e of unyeared) {
      const occ = occurrenceAtOrBefore(e.d.month!, P);
      if (occ < L) return false;
    }
    if (soft) for (const s of lastSeasons) if (ym(Math.floor(P / 12) - 1, s.first) < L) return false;
    return true;
  };
  let P: number | null = null;
  let usedSoft = lastSeasons.length > 0;
  for (let c = L; c <= L + 60 && P === null; c++) if (fits(c, true)) P = c;
  if (P === null) {
    usedSoft = false;
    for (let c = L; c <= L + 60 && P === null; c++) if (fits(c, false)) P = c;
  }
  // Nothing fits (the evidence contradicts itself): fall back on the lower bound.
  if (P === null) P = L;

  // The evidence that binds: an unyeared past event resolved to P, else the year-qualified one.
  let binding: Ev = lexpEv;
  let rule = 'latest-past-event';
  const atP = unyeared.filter((e) => occurrenceAtOrBefore(e.d.month!, P!) === P).pop();
  if (P > L && atP) (binding = atP), (rule = 'latest-unyeared-event');
  else if (P > L && usedSoft && lastSeasons[0]) (binding = lastSeasons[0].ev), (rule = 'last-season');
  else if (resolved.has(binding)) rule = resolved.get(binding)!.rule;
  const span = quote(text, binding.sentence, binding.d);
  let confidence = 0.55;
  if (upper !== null && upper - P <= 1) confidence = 0.75;
  else if (rule === 'latest-unyeared-event' || rule === 'weekday-date') confidence = 0.65;
  else if (rule === 'last-season') confidence = 0.6;
  return { published: ymIso(P), evidence: text.slice(span.start, span.end), span, confidence, rule };
}
