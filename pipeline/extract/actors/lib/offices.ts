/**
 * Office-holder resolution: "the Russian president" at a date → the person who
 * held that office then (PETRARCH-style dated actor records), and the reference
 * date a sentence talks about, from its TIMEX3 date mentions.
 */
import type { DateMention } from '../../../core/schema.ts';
import type { Gazetteer, OfficeRecord, PersonRecord } from './gazetteer.ts';

const SEASON_MONTH: Record<string, string> = { SP: '04', SU: '07', FA: '10', WI: '01', Q1: '02', Q2: '05', Q3: '08', Q4: '11', H1: '04', H2: '10' };

/**
 * A TIMEX3 value as one ISO day, for comparing with office terms. Partial values
 * take their middle: 2019 → 2019-07-01, 2019-03 → 2019-03-15, 199 → 1995-01-01,
 * 2015-FA → 2015-10-15. Values that are not calendar dates (P2Y, PRESENT_REF) give undefined.
 */
export function isoDay(value: string): string | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{4})-(\d{2})(?!\d)/.exec(value);
  if (m) return `${m[1]}-${m[2]}-15`;
  m = /^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])/.exec(value);
  if (m) return `${m[1]}-${SEASON_MONTH[m[2]!]}-15`;
  m = /^(\d{4})(?:-W\d{2})?/.exec(value);
  if (m && /^\d{4}(-W\d{2})?$/.test(value)) return `${m[1]}-07-01`;
  if (m) return `${m[1]}-07-01`;
  m = /^(\d{3})$/.exec(value);
  if (m) return `${m[1]}5-01-01`;
  return undefined;
}

export interface DateRef {
  date: string;
  from: 'sentence' | 'narrative' | 'publication';
}

/**
 * The date a span talks about: the nearest calendar date mention in its sentence;
 * for "then"/"former" roles with none there, the nearest earlier date in the text;
 * else the publication date.
 */
export function referenceDate(
  at: number,
  sentence: { start: number; end: number },
  dates: readonly DateMention[],
  published: string | null,
  lookBack: boolean,
): DateRef | undefined {
  let best: { d: string; dist: number } | undefined;
  let earlier: { d: string; pos: number } | undefined;
  for (const m of dates) {
    if (m.timexType !== 'DATE') continue;
    const v = m.range?.start ?? m.value;
    let d = isoDay(v);
    if (!d) continue;
    // "in 2009" in an article of 2009-06-01: the publication day is the more precise point in that year
    if (published && /^\d{4}(-\d{2})?$/.test(v) && published.startsWith(v)) d = isoDay(published) ?? d;
    if (m.start >= sentence.start && m.end <= sentence.end) {
      const dist = m.end <= at ? at - m.end : Math.abs(m.start - at);
      if (!best || dist < best.dist) best = { d, dist };
    } else if (m.end <= sentence.start && (!earlier || m.start > earlier.pos)) {
      earlier = { d, pos: m.start };
    }
  }
  if (best) return { date: best.d, from: 'sentence' };
  if (lookBack && earlier) return { date: earlier.d, from: 'narrative' };
  if (published) {
    const d = isoDay(published);
    if (d) return { date: d, from: 'publication' };
  }
  return undefined;
}

export interface Holder {
  person: PersonRecord;
  record: OfficeRecord;
}

function holdersOf(g: Gazetteer, state: string, office: string): Holder[] {
  const out: Holder[] = [];
  for (const p of g.people.values()) for (const r of p.offices) if (r.state === state && r.office === office) out.push({ person: p, record: r });
  return out;
}

/**
 * Who held `office` of `state` at `date` (or, with mod "former", who held it last
 * before then). Without a date, the holder with an open term. Offices not held in
 * that state fall back as roles.yaml says (prime-minister → chancellor).
 */
export function resolveOffice(
  g: Gazetteer,
  state: string,
  office: string,
  date: string | undefined,
  mod: 'then' | 'former' | 'current' | undefined,
): Holder | undefined {
  const tried = office === 'leader' ? [g.stateLeader.get(state) ?? 'president', ...(g.officeFallbacks['leader'] ?? [])] : [office, ...(g.officeFallbacks[office] ?? [])];
  for (const o of tried) {
    const all = holdersOf(g, state, o);
    if (all.length === 0) continue;
    let pick: Holder | undefined;
    if (mod === 'former') {
      const ref = date ?? '9999-12-31';
      for (const h of all) if (h.record.end && h.record.end <= ref && (!pick || h.record.end > pick.record.end!)) pick = h;
    } else if (date) {
      for (const h of all) if (h.record.start <= date && (!h.record.end || date < h.record.end) && (!pick || h.record.start > pick.record.start)) pick = h;
    } else {
      for (const h of all) if (!h.record.end && (!pick || h.record.start > pick.record.start)) pick = h;
    }
    if (pick) return pick;
    return undefined;
  }
  return undefined;
}

/** Does the person hold any office at the date (for choosing between same-surname people)? */
export function inOffice(p: PersonRecord, date: string): boolean {
  return p.offices.some((r) => r.start <= date && (!r.end || date < r.end));
}
