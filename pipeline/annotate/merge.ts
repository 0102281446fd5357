/**
 * Merging a new run into an annotation file. Decisions on unchanged items
 * stay; an item the run no longer produces stays, marked `latest: missing`;
 * new items arrive pending; an item whose span moved because the text was
 * edited is re-anchored by its text and context (near its old offset first,
 * then anywhere by context), or flagged `anchor: lost` when it cannot be.
 *
 * With `pruneDrafts` (`claims annotate update --prune-drafts`), an item that is
 * still `pending`, came from the pipeline and carries no note is dropped when
 * the run no longer produces it: nobody wrote anything on it, and a reviewer
 * may not want stale drafts burying the reviewed items. Anything a reviewer
 * touched (a decision, a note, an added item) is never dropped.
 *
 * When an accepted item comes back at the same place with different values
 * (a new actorId, a new TIMEX3 value), the values the reviewer accepted are
 * pinned as corrections (see pinnedValues), so the gold never moves with the
 * pipeline. A claim is only paired with a fresh claim of the same relation
 * (several claims can share a sentence); a disagreement whose id changed is
 * found again by what it says (kind, subject, sides' quotes).
 */
import { sha256 } from '../core/ids.ts';
import type { DocumentJson } from '../core/schema.ts';
import { contextOf } from './items.ts';
import { ANNOTATION_FORMAT, compareItems, type AnnotationFile, type AnnotationItem, type FieldValue } from './schema.ts';

export interface Anchor {
  start: number;
  end: number;
  how: 'exact' | 'moved';
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** How many characters of stored context agree around a candidate span. */
function contextScore(text: string, start: number, end: number, ctx: { before: string; after: string }): number {
  const here = contextOf(text, start, end);
  return commonSuffix(here.before, ctx.before) + commonPrefix(here.after, ctx.after);
}

/** Near the old offset: how far a moved span may be searched for without context support. */
const NEAR = 300;
/** Characters of agreeing context that make a match trustworthy anywhere in the text. */
const MIN_CONTEXT = 12;

/**
 * Where an item's span is in `text` now, or null when it cannot be found with
 * confidence. Spaces-for-spaces is all that is assumed: the item's own text
 * must still be there, or else both its context ends must be.
 */
export function reanchor(text: string, item: Pick<AnnotationItem, 'start' | 'end' | 'text' | 'context'>): Anchor | null {
  const len = item.end - item.start;
  if (text.slice(item.start, item.end) === item.text && contextScore(text, item.start, item.end, item.context) >= Math.min(MIN_CONTEXT, item.context.before.length + item.context.after.length)) {
    return { start: item.start, end: item.end, how: 'exact' };
  }
  const available = Math.min(MIN_CONTEXT, item.context.before.length + item.context.after.length);
  const cands = occurrences(text, item.text).map((s) => ({ s, score: contextScore(text, s, s + len, item.context), dist: Math.abs(s - item.start) }));
  if (cands.length) {
    // Near the old offset first: the nearest occurrence whose context agrees at least a little.
    const near = cands.filter((c) => c.dist <= NEAR && c.score >= Math.min(4, available)).sort((a, b) => a.dist - b.dist || b.score - a.score);
    const byContext = [...cands].sort((a, b) => b.score - a.score || a.dist - b.dist);
    const best = near[0] && (near[0].score >= (byContext[0]?.score ?? 0) - 4) ? near[0] : byContext[0];
    if (best && (best.score >= available || (cands.length === 1 && best.dist <= NEAR))) {
      const second = byContext.find((c) => c !== best);
      // Two places with the same full context and the same distance: ambiguous, flag it.
      if (!(second && second.score === best.score && second.dist === best.dist)) {
        return { start: best.s, end: best.s + len, how: best.s === item.start ? 'exact' : 'moved' };
      }
    }
  }
  // The item's own text was edited: find it between its two context ends.
  const { before, after } = item.context;
  if (before.length >= MIN_CONTEXT && after.length >= MIN_CONTEXT) {
    const starts = occurrences(text, before).map((p) => p + before.length);
    let best: { start: number; end: number; dist: number } | null = null;
    for (const s of starts) {
      const e = text.indexOf(after, s);
      if (e < 0 || e - s > Math.max(3 * len, len + 40)) continue;
      const dist = Math.abs(s - item.start);
      if (!best || dist < best.dist) best = { start: s, end: e, dist };
    }
    if (best) return { start: best.start, end: best.end, how: 'moved' };
  }
  return null;
}

function touched(i: AnnotationItem): boolean {
  return i.status !== 'pending' || i.origin === 'reviewer' || i.note !== undefined || i.corrected !== undefined;
}

/** The fields whose values a reviewer vouches for when accepting an item (what eval compares). */
export const GOLD_FIELDS: Record<AnnotationItem['type'], readonly string[]> = {
  date: ['value', 'timexType', 'mod'],
  actor: ['actorId', 'kind'],
  quantity: ['value', 'upper', 'unit'],
  claim: ['subject', 'relation', 'object', 'value', 'time', 'polarity', 'modality', 'attributedTo'],
  disagreement: [],
};

const scalar = (v: unknown): FieldValue => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  const o = v as Record<string, unknown>;
  if ('unit' in o && 'value' in o) return `${String(o.value)} ${String(o.unit)}`; // a claim's value
  if ('actorId' in o || 'literal' in o) return String(o.actorId ?? o.literal); // a claim's object
  if ('value' in o) return String(o.value); // a claim's time
  return JSON.stringify(v);
};

/**
 * A reviewed item's values that a new run changed at the same span. An
 * accepted item must not silently take the new values (the gold would move
 * with the pipeline), so they are pinned as corrections: the item becomes
 * "corrected" with the values the reviewer accepted.
 */
export function pinnedValues(old: AnnotationItem, fresh: AnnotationItem): Record<string, FieldValue> {
  const pins: Record<string, FieldValue> = {};
  if (old.status !== 'accepted' && old.status !== 'corrected') return pins;
  for (const k of GOLD_FIELDS[old.type]) {
    if (old.corrected && k in old.corrected) continue;
    const a = scalar(old.output[k]);
    if (a !== scalar(fresh.output[k])) pins[k] = a;
  }
  return pins;
}

/**
 * Of the fresh items at an old item's re-anchored span, the one it was: for a
 * claim (several can share a sentence) the same relation is required; then
 * the fewest differing values wins.
 */
function bestAt(old: AnnotationItem, cands: readonly AnnotationItem[]): AnnotationItem | undefined {
  const diff = (f: AnnotationItem): number => GOLD_FIELDS[old.type].filter((k) => scalar(old.output[k]) !== scalar(f.output[k])).length;
  const ok = old.type === 'claim' ? cands.filter((f) => scalar(f.output.relation) === scalar(old.output.relation)) : cands;
  return [...ok].sort((a, b) => diff(a) - diff(b) || (a.id < b.id ? -1 : 1))[0];
}

/** What a disagreement says, independent of ids: kind, subject, and each side's relation and quotes. */
export function disagreementSignature(output: Record<string, unknown>): string {
  const sides = Array.isArray(output.sides) ? (output.sides as { relation?: unknown; polarity?: unknown; claims?: { docId?: unknown; quote?: unknown }[] }[]) : [];
  const parts = sides
    .map((sd) => `${String(sd.relation)}/${String(sd.polarity)}:${(sd.claims ?? []).map((c) => `${String(c.docId)}#${String(c.quote)}`).sort().join('+')}`)
    .sort();
  return `${String(output.kind)}|${String(output.subject)}|${parts.join('||')}`;
}

/** An old item's reviewer-owned fields on a freshly produced item. */
function carry(old: AnnotationItem, fresh: AnnotationItem, anchor: AnnotationItem['anchor']): AnnotationItem {
  const out: AnnotationItem = { ...fresh, status: old.status, origin: old.origin, anchor };
  if (old.corrected) out.corrected = shiftCorrected(old.corrected, fresh.start - old.start);
  const pins = old.type === fresh.type ? pinnedValues(old, fresh) : {};
  if (Object.keys(pins).length) {
    out.corrected = { ...(out.corrected ?? {}), ...pins };
    out.status = 'corrected';
  }
  if (old.note !== undefined) out.note = old.note;
  if (old.reviewer !== undefined) out.reviewer = old.reviewer;
  if (old.reviewedAt !== undefined) out.reviewedAt = old.reviewedAt;
  const prev = [...(old.previousIds ?? [])];
  if (old.id !== fresh.id && !prev.includes(old.id)) prev.push(old.id);
  if (prev.length) out.previousIds = prev.sort();
  return out;
}

function shiftCorrected(c: NonNullable<AnnotationItem['corrected']>, delta: number): NonNullable<AnnotationItem['corrected']> {
  if (!delta) return { ...c };
  const out = { ...c };
  for (const k of ['start', 'end'] as const) if (typeof out[k] === 'number') out[k] = (out[k] as number) + delta;
  return out;
}

export interface MergeStats {
  kept: number;
  added: number;
  missing: number;
  moved: number;
  lost: number;
  dropped: number;
}

/** Merge the items of a new run (`fresh`, for `doc`) into an existing annotation file. */
export function mergeAnnotations(old: AnnotationFile, doc: DocumentJson, fresh: readonly AnnotationItem[], opts: { pruneDrafts?: boolean } = {}): { file: AnnotationFile; stats: MergeStats } {
  const stats: MergeStats = { kept: 0, added: 0, missing: 0, moved: 0, lost: 0, dropped: 0 };
  const freshById = new Map(fresh.map((f) => [f.id, f]));
  const used = new Set<string>();
  const out: AnnotationItem[] = [];
  const textChanged = old.textHash !== sha256(doc.text);
  // A fresh item whose id an old item already has belongs to that item: no
  // other item may take it by re-anchoring (a reviewer's added claim on the
  // same sentence, say), or the file would hold two items with one id.
  const reserved = new Set(old.items.filter((o) => freshById.has(o.id)).map((o) => o.id));
  // Old items in order, decided ones first, so a decision wins a contested span over a draft.
  const olds = [...old.items].sort((a, b) => Number(touched(b)) - Number(touched(a)) || compareItems(a, b));
  for (const o of olds) {
    const same = freshById.get(o.id);
    if (same && !used.has(same.id)) {
      used.add(same.id);
      out.push(carry(o, same, 'exact'));
      stats.kept++;
      continue;
    }
    if (!touched(o) && opts.pruneDrafts) {
      stats.dropped++;
      continue;
    }
    if (o.type === 'disagreement') {
      // Its id is built from claim ids, which change when offsets do: find it by what it says.
      const sig = disagreementSignature(o.output);
      const g = fresh.find((f) => !used.has(f.id) && !reserved.has(f.id) && f.type === 'disagreement' && disagreementSignature(f.output) === sig);
      if (g) {
        used.add(g.id);
        out.push(carry(o, g, 'moved'));
        stats.moved++;
        continue;
      }
      out.push({ ...o, latest: 'missing' });
      stats.missing++;
      continue;
    }
    const a = reanchor(doc.text, o);
    if (!a) {
      out.push({ ...o, latest: 'missing', anchor: 'lost' });
      stats.lost++;
      continue;
    }
    const moved = a.how === 'moved' || (textChanged && a.start !== o.start);
    const g = bestAt(o, fresh.filter((f) => !used.has(f.id) && !reserved.has(f.id) && f.type === o.type && f.start === a.start && f.end === a.end));
    if (g) {
      used.add(g.id);
      out.push(carry(o, g, moved ? 'moved' : 'exact'));
      if (moved) stats.moved++;
      else stats.kept++;
      continue;
    }
    const kept: AnnotationItem = { ...o, start: a.start, end: a.end, text: doc.text.slice(a.start, a.end), context: contextOf(doc.text, a.start, a.end), latest: 'missing', anchor: moved ? 'moved' : 'exact' };
    if (o.corrected) kept.corrected = shiftCorrected(o.corrected, a.start - o.start);
    out.push(kept);
    stats.missing++;
    if (moved) stats.moved++;
  }
  for (const f of fresh) {
    if (used.has(f.id)) continue;
    if (out.some((x) => x.id === f.id)) continue; // an old missing item kept that id; never duplicate
    out.push(f);
    stats.added++;
  }
  return {
    file: { format: ANNOTATION_FORMAT, docId: doc.id, source: doc.source, textHash: sha256(doc.text), items: out.sort(compareItems) },
    stats,
  };
}
