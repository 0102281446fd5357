/**
 * Reconciling the claims of one bucket (one subject, one relation family):
 * entries (same relation, object and polarity at compatible times) and the
 * disagreements among them. Never all pairs of the corpus: buckets come from
 * keys, and within a bucket pairs are found by a time sweep.
 */
import type { Claim } from '../../core/schema.ts';
import type { Lexicon, Relation } from '../../claims/lexicon.ts';
import { familyOf } from '../../claims/lexicon.ts';
import { type DayInterval, intersect, intervalOfTime, isoOfDay, overlaps, spanDays, widen } from '../../claims/timex.ts';
import { stableId } from '../../core/ids.ts';
import { figuresConflict, measureHead } from './figures.ts';
import type { DisagreementKind, Support } from './schema.ts';

export interface ClaimRec {
  claim: Claim;
  docId: string;
  published: string | null;
  rel: Relation;
  objectKey: string;
  /** The claim's own time as days (null when unanchored). */
  base: DayInterval | null;
  /** The days it is taken to cover: base, widened for undated stances and events. */
  when: DayInterval | null;
  support: Support;
}

export interface RawEntry {
  id: string;
  subject: string;
  rel: Relation;
  objectKey: string;
  object: Claim['object'];
  polarity: 'affirmed' | 'negated';
  period: DayInterval | null;
  recs: ClaimRec[];
}

export interface RawDisagreement {
  id: string;
  kind: DisagreementKind;
  subject: string;
  period: DayInterval | null;
  sides: [{ entry: RawEntry; recs: ClaimRec[] }, { entry: RawEntry; recs: ClaimRec[] }];
}

export interface BucketResult {
  entries: RawEntry[];
  disagreements: RawDisagreement[];
}

export function bucketKey(subject: string, relationId: string): string {
  return `${subject}\u0000${familyOf(relationId)}`;
}

export function objectKeyOf(o: Claim['object']): string {
  if (!o) return '';
  if (o.actorId) return o.actorId;
  return o.literal ? `lit:${o.literal.toLowerCase()}` : '';
}

/** The period a claim is taken to cover. */
export function claimPeriod(claim: Claim, rel: Relation, published: string | null, lex: Lexicon): { base: DayInterval | null; when: DayInterval | null } {
  const base = intervalOfTime(claim.time, published);
  if (!base) return { base, when: null };
  const w = lex.file.stanceWindowDays;
  const undated = claim.time.basis === 'document' || claim.time.basis === 'narrative';
  if (rel.kind === 'stance' && undated) return { base, when: { start: base.start - w, end: base.end + w } };
  // An undated event told in an article happened before it was published, not long before (documentEventWindowDays).
  if (claim.time.basis === 'document') return { base, when: { start: base.start - lex.file.documentEventWindowDays, end: base.end } };
  return { base, when: base };
}

function byRec(a: ClaimRec, b: ClaimRec): number {
  const as = a.when?.start ?? Infinity;
  const bs = b.when?.start ?? Infinity;
  if (as !== bs) return as - bs;
  const ae = a.when?.end ?? Infinity;
  const be = b.when?.end ?? Infinity;
  if (ae !== be) return ae - be;
  return a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.claim.start - b.claim.start || (a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0);
}

/** A measured claim ("unit:head") fits an entry whose measured claims all count the same thing in the same unit. */
function headsCompatible(heads: ReadonlySet<string>, head: string | undefined): boolean {
  if (head === undefined || heads.size === 0) return true;
  const unit = (h: string) => h.slice(0, h.indexOf(':'));
  return [...heads].every((h) => unit(h) === unit(head) && (h === head || h.endsWith(':') || head.endsWith(':')));
}

function periodLabel(p: DayInterval | null): string {
  return p ? `${isoOfDay(p.start)}..${isoOfDay(p.end)}` : 'undated';
}

function docsOf(recs: readonly ClaimRec[]): Set<string> {
  return new Set(recs.map((r) => r.docId));
}

function crossDocument(a: readonly ClaimRec[], b: readonly ClaimRec[]): boolean {
  const da = docsOf(a);
  const db = docsOf(b);
  for (const x of da) for (const y of db) if (x !== y) return true;
  return false;
}

/** Claims dated in their own clause, for date comparisons (a date elsewhere in the sentence may be another event's). */
function explicitPeriod(e: RawEntry): DayInterval | null {
  let p: DayInterval | null = null;
  for (const r of e.recs) {
    if (r.claim.time.basis !== 'clause') continue;
    if (!r.base) continue;
    p = p ? intersect(p, r.base) : r.base;
    if (!p) return null;
  }
  return p;
}

/** Pairs of items whose intervals overlap, by a sweep over start times (not all pairs). */
export function overlappingPairs<T>(items: readonly T[], interval: (t: T) => DayInterval): [T, T][] {
  const sorted = items.slice().sort((a, b) => interval(a).start - interval(b).start);
  const active: T[] = [];
  const out: [T, T][] = [];
  for (const it of sorted) {
    const iv = interval(it);
    for (let k = active.length - 1; k >= 0; k--) if (interval(active[k]!).end < iv.start) active.splice(k, 1);
    for (const a of active) out.push([a, it]);
    active.push(it);
  }
  return out;
}

function disagreementId(kind: DisagreementKind, a: readonly ClaimRec[], b: readonly ClaimRec[]): string {
  const ids = [a.map((r) => r.claim.id).sort().join(','), b.map((r) => r.claim.id).sort().join(',')].sort();
  return stableId('ledger', 'disagreement', 0, 0, `${kind}|${ids[0]}|${ids[1]}`);
}

function side(entry: RawEntry, recs: ClaimRec[]): { entry: RawEntry; recs: ClaimRec[] } {
  return { entry, recs };
}

/** Order the two sides by earliest publication, then by entry id, so a disagreement reads the same however it was found. */
function ordered(kind: DisagreementKind, subject: string, period: DayInterval | null, a: { entry: RawEntry; recs: ClaimRec[] }, b: { entry: RawEntry; recs: ClaimRec[] }): RawDisagreement {
  const firstPub = (s: { recs: ClaimRec[] }) => s.recs.map((r) => r.published ?? '9999').sort()[0] ?? '9999';
  const key = (s: { entry: RawEntry; recs: ClaimRec[] }) => `${firstPub(s)}|${s.entry.id}|${s.recs.map((r) => r.claim.id).sort().join(',')}`;
  const [x, y] = key(a) <= key(b) ? [a, b] : [b, a];
  return { id: disagreementId(kind, x.recs, y.recs), kind, subject, period, sides: [x, y] };
}

export function reconcileBucket(recs: readonly ClaimRec[], lex: Lexicon): BucketResult {
  // 1. Lanes: same relation, object and polarity.
  const lanes = new Map<string, ClaimRec[]>();
  for (const r of recs) {
    const k = `${r.rel.id}\u0000${r.objectKey}\u0000${r.claim.polarity}`;
    let lane = lanes.get(k);
    if (!lane) lanes.set(k, (lane = []));
    lane.push(r);
  }
  const entries: RawEntry[] = [];
  const laneEntries = new Map<string, RawEntry[]>();
  for (const k of [...lanes.keys()].sort()) {
    // Most precise claims first, each joining the first entry whose period it overlaps: a claim dated "2020"
    // joins the entry of "9 August 2020" rather than starting its own, whatever order the claims came in.
    const lane = lanes.get(k)!.slice().sort((a, b) => (a.when ? spanDays(a.when) : Infinity) - (b.when ? spanDays(b.when) : Infinity) || byRec(a, b));
    const out: RawEntry[] = [];
    const headsOf = new Map<RawEntry, Set<string>>();
    for (const r of lane) {
      // "28 detainees" and "28 programs" are different things: a measured claim joins only an entry counting the same thing.
      const head = r.claim.value ? `${r.claim.value.unit}:${measureHead(r.claim.value.measure) ?? ''}` : undefined;
      const fits = (e: RawEntry) =>
        headsCompatible(headsOf.get(e)!, head) &&
        ((e.period === null && r.when === null) || (e.period !== null && r.when !== null && intersect(e.period, r.when) !== null));
      let e = out.find(fits);
      if (e) {
        e.recs.push(r);
        if (e.period && r.when) e.period = intersect(e.period, r.when);
      } else {
        e = { id: '', subject: r.claim.subject, rel: r.rel, objectKey: r.objectKey, object: r.claim.object, polarity: r.claim.polarity, period: r.when, recs: [r] };
        out.push(e);
        headsOf.set(e, new Set());
      }
      if (head !== undefined) headsOf.get(e)!.add(head);
    }
    for (const e of out) e.recs.sort(byRec);
    out.sort((a, b) => byRec(a.recs[0]!, b.recs[0]!));
    for (const e of out) {
      const heads = [...headsOf.get(e)!].sort().join(',');
      e.id = stableId('ledger', 'entry', 0, 0, `${e.subject}|${e.rel.id}|${e.objectKey}|${e.polarity}|${periodLabel(e.period)}|${heads}`);
      // The object as the first support states it (mention ids differ per document).
      const o = e.recs[0]!.claim.object;
      e.object = o ? { ...(o.actorId !== undefined ? { actorId: o.actorId } : {}), ...(o.literal !== undefined ? { literal: o.literal } : {}) } : undefined;
    }
    laneEntries.set(k, out);
    entries.push(...out);
  }

  const disagreements = new Map<string, RawDisagreement>();
  const add = (d: RawDisagreement) => disagreements.set(d.id, d);
  // Predictions and guesses (low confidence) support entries but take no side in a disagreement.
  const minConf = lex.file.minDisagreementConfidence;
  // Hedges ("would probably have failed", "asked whether…") are not accounts of what happened either.
  const notPredicted = (e: RawEntry) => e.recs.filter((r) => r.claim.modality !== 'predicted' && r.claim.modality !== 'hedged' && r.claim.confidence >= minConf);

  // 2. Figures: supports of one entry whose values cannot both hold.
  for (const e of entries) {
    const withValue = notPredicted(e).filter((r) => r.claim.value);
    for (let i = 0; i < withValue.length; i++) {
      for (let j = i + 1; j < withValue.length; j++) {
        const a = withValue[i]!;
        const b = withValue[j]!;
        if (a.docId === b.docId) continue;
        if (figuresConflict(a.claim.value!, b.claim.value!)) add(ordered('figure', e.subject, e.period, side(e, [a]), side(e, [b])));
      }
    }
  }
  // …and of two entries of one relation and polarity at overlapping times whose objects are compatible (one of
  // them unnamed: "keeps 1,500 troops in Transnistria" and "keeps 1,100 troops in the region").
  const compatible = (a: RawEntry, b: RawEntry) => a.objectKey === b.objectKey || a.objectKey === '' || b.objectKey === '';
  for (const [a, b] of overlappingPairs(
    entries.filter((e) => e.period !== null),
    (e) => e.period!,
  )) {
    if (a.rel.id !== b.rel.id || a.polarity !== b.polarity || a.objectKey === b.objectKey || !compatible(a, b)) continue;
    const va = notPredicted(a).filter((r) => r.claim.value);
    const vb = notPredicted(b).filter((r) => r.claim.value);
    for (const x of va) {
      for (const y of vb) {
        if (x.docId === y.docId) continue;
        if (figuresConflict(x.claim.value!, y.claim.value!)) add(ordered('figure', a.subject, intersect(a.period!, b.period!), side(a, [x]), side(b, [y])));
      }
    }
  }

  // 3. Polarity (events) and contrary accounts (stances): entries over overlapping periods.
  const dated = entries.filter((e) => e.period !== null);
  for (const [a, b] of overlappingPairs(dated, (e) => e.period!)) {
    const objectsMatch = compatible(a, b);
    if (!objectsMatch) continue;
    // A claim missing the object its relation takes ("moves closer to …") is too vague for a contrary account; but
    // denying an event contradicts affirming it whatever its object ("did not request annexation" against "asked
    // Russia to annex the region"), so a polarity conflict needs only compatible objects.
    const vague = (e: RawEntry) => e.objectKey === '' && e.rel.roles.object !== undefined;
    let kind: DisagreementKind | null = null;
    if (a.rel.id === b.rel.id && a.polarity !== b.polarity) {
      if (a.rel.kind === 'event') kind = 'polarity';
      else if (a.objectKey === b.objectKey && !vague(a)) kind = 'contrary';
    } else if (!vague(a) && !vague(b) && a.polarity === 'affirmed' && b.polarity === 'affirmed' && (a.rel.contrary.includes(b.rel.id) || b.rel.contrary.includes(a.rel.id))) kind = 'contrary';
    if (!kind) continue;
    const sa = notPredicted(a);
    const sb = notPredicted(b);
    if (sa.length === 0 || sb.length === 0 || !crossDocument(sa, sb)) continue;
    add(ordered(kind, a.subject, intersect(a.period!, b.period!), side(a, sa), side(b, sb)));
  }

  // 4. Dates: the same event (same lane) given different explicit dates.
  const win = lex.file.dateConflictWindowDays;
  for (const lane of laneEntries.values()) {
    const evs = lane
      .filter((e) => e.rel.kind === 'event' && e.polarity === 'affirmed')
      .map((e) => ({ e, p: explicitPeriod(e) }))
      .filter((x): x is { e: RawEntry; p: DayInterval } => x.p !== null);
    if (evs.length < 2) continue;
    // Unique events (one per subject and object) conflict at any distance; lanes of them are small.
    // Others only when both are day dates within the window: found by a sweep, not all pairs.
    const pairs: [{ e: RawEntry; p: DayInterval }, { e: RawEntry; p: DayInterval }][] = [];
    if (evs[0]!.e.rel.unique) {
      for (let i = 0; i < evs.length; i++) for (let j = i + 1; j < evs.length; j++) pairs.push([evs[i]!, evs[j]!]);
    } else {
      const w = Math.max(win, evs[0]!.e.rel.eventWindowDays);
      pairs.push(...overlappingPairs(evs.filter((x) => spanDays(x.p) === 1), (x) => widen(x.p, w)));
    }
    for (const [x, y] of pairs) {
      const { e: a, p: pa } = x;
      const { e: b, p: pb } = y;
      if (overlaps(pa, pb)) continue;
      // Each side: the claims dated in their clause that exclude the other side's date ("August" fits both days: neither side).
      const explicitA = notPredicted(a).filter((r) => r.claim.time.basis === 'clause' && r.base !== null && !overlaps(r.base, pb));
      const explicitB = notPredicted(b).filter((r) => r.claim.time.basis === 'clause' && r.base !== null && !overlaps(r.base, pa));
      if (explicitA.length === 0 || explicitB.length === 0 || !crossDocument(explicitA, explicitB)) continue;
      if (!a.rel.unique) {
        const va = explicitA.find((r) => r.claim.value)?.claim.value;
        const vb = explicitB.find((r) => r.claim.value)?.claim.value;
        const gap = Math.abs(pa.start - pb.start);
        // A repeated event (two meetings a week apart) is not a conflict: one event needs the same figure on two days
        // within the window, or a relation that cannot recur that soon (eventWindowDays: an election, a visit).
        const sameFigure = va !== undefined && vb !== undefined && !figuresConflict(va, vb) && gap <= win;
        const tooSoon = a.rel.eventWindowDays > 0 && gap <= a.rel.eventWindowDays && !(va && vb && figuresConflict(va, vb));
        if (!sameFigure && !tooSoon) continue;
      }
      add(ordered('date', a.subject, { start: Math.min(pa.start, pb.start), end: Math.max(pa.end, pb.end) }, side(a, explicitA), side(b, explicitB)));
    }
  }

  return { entries, disagreements: [...disagreements.values()] };
}
