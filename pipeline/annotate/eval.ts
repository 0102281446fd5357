/**
 * Regression evaluation: the pipeline's current output against the reviewed
 * annotation files. Gold = accepted items as produced, corrected items with
 * their corrections applied, and items reviewers added; a rejected item is a
 * known false positive. Only documents with at least one decision are scored.
 *
 * Scores per mention type (date, actor, quantity), for claims and for
 * disagreements: precision, recall and F1 with strict spans (same start and
 * end) and relaxed spans (overlapping), and value agreement among the
 * relaxed matches (date: TIMEX3 value; actor: actorId; quantity: value and
 * unit; claim: subject, relation, object, value, time and polarity).
 * Disagreements have no span of their own and match by id.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../core/fs-atomic.ts';
import type { DocumentJson } from '../core/schema.ts';
import { readAnnotations } from './format.ts';
import { disagreementsInvolving, readDocument, readLedgerDisagreements, type LedgerDisagreement } from './items.ts';
import type { AnnotationFile, AnnotationItem } from './schema.ts';
import { annotatedIds } from './update.ts';

export const EVAL_TYPES = ['date', 'actor', 'quantity', 'claim', 'disagreement'] as const;
export type EvalType = (typeof EVAL_TYPES)[number];

/** What scoring needs of an item, gold or predicted. */
export interface EvalItem {
  id: string;
  type: EvalType;
  start: number;
  end: number;
  text: string;
  /** The normalised value compared for value agreement. */
  key: string;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  p: number | null;
  r: number | null;
  f1: number | null;
}

export interface TypeScores {
  gold: number;
  pred: number;
  strict: Prf;
  relaxed: Prf;
  /** Among relaxed matches: how many agree on the value. */
  value: { matched: number; agree: number; accuracy: number | null };
}

export interface ErrorEntry {
  kind: 'miss' | 'false-positive' | 'value';
  docId: string;
  type: EvalType;
  start: number;
  end: number;
  text: string;
  /** gold value (miss, value) or predicted value (false-positive). */
  key: string;
  predKey?: string;
  /** For a false positive: a reviewer rejected exactly this item before. */
  knownFalsePositive?: boolean;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp ? tp / (tp + fp) : null;
  const r = tp + fn ? tp / (tp + fn) : null;
  const f1 = p !== null && r !== null ? (p + r ? (2 * p * r) / (p + r) : 0) : null;
  return { tp, fp, fn, p, r, f1 };
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'number' ? String(Number(v)) : typeof v === 'string' ? v : JSON.stringify(v));

/** The value compared for a type, from an item's fields (produced, possibly corrected). */
export function valueKey(type: EvalType, f: Record<string, unknown>, id = ''): string {
  switch (type) {
    case 'date':
      return str(f.value);
    case 'actor':
      return str(f.actorId);
    case 'quantity':
      return `${str(f.value)}${f.upper !== undefined && f.upper !== null ? `-${str(f.upper)}` : ''} ${str(f.unit)}`;
    case 'claim': {
      const obj = f.object as { actorId?: string; literal?: string } | string | undefined;
      const val = f.value as { value?: number; unit?: string } | string | number | undefined;
      const time = f.time as { value?: string } | string | undefined;
      return [
        str(f.subject),
        str(f.relation),
        typeof obj === 'object' && obj ? str(obj.actorId ?? obj.literal) : str(obj),
        typeof val === 'object' && val ? `${str(val.value)} ${str(val.unit)}` : str(val),
        typeof time === 'object' && time ? str(time.value) : str(time),
        str(f.polarity ?? 'affirmed'),
      ].join(' | ');
    }
    case 'disagreement':
      return id;
  }
}

/** The gold reading of a reviewed item, or null when it is not gold (pending, rejected). */
export function goldOf(item: AnnotationItem): EvalItem | null {
  if (item.status !== 'accepted' && item.status !== 'corrected') return null;
  const c = item.status === 'corrected' ? (item.corrected ?? {}) : {};
  const type = (typeof c.type === 'string' ? c.type : item.type) as EvalType;
  const start = typeof c.start === 'number' ? c.start : item.start;
  const end = typeof c.end === 'number' ? c.end : item.end;
  const fields: Record<string, unknown> = { ...item.output, ...c };
  return { id: item.id, type, start, end, text: item.text, key: valueKey(type, fields, item.id) };
}

export function predictedItems(doc: DocumentJson, disagreements: readonly LedgerDisagreement[]): EvalItem[] {
  const out: EvalItem[] = [];
  for (const m of doc.mentions) out.push({ id: m.id, type: m.type, start: m.start, end: m.end, text: m.text, key: valueKey(m.type, m as unknown as Record<string, unknown>) });
  for (const c of doc.claims) out.push({ id: c.id, type: 'claim', start: c.start, end: c.end, text: c.quote, key: valueKey('claim', c as unknown as Record<string, unknown>) });
  for (const d of disagreementsInvolving(doc, disagreements)) out.push({ id: d.id, type: 'disagreement', start: 0, end: 0, text: '', key: d.id });
  return out;
}

interface Match {
  gold: EvalItem;
  pred: EvalItem;
}

/** One-to-one matching, greedy over candidate pairs ordered by value agreement, then overlap. */
export function matchItems(gold: readonly EvalItem[], pred: readonly EvalItem[], mode: 'strict' | 'relaxed'): { matches: Match[]; misses: EvalItem[]; extras: EvalItem[] } {
  const pairs: { g: number; p: number; same: boolean; overlap: number }[] = [];
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      let ok: boolean;
      if (g.type === 'disagreement') ok = g.id === p.id;
      else if (mode === 'strict') ok = g.start === p.start && g.end === p.end;
      else ok = g.start < p.end && p.start < g.end;
      if (!ok) return;
      pairs.push({ g: gi, p: pi, same: g.key === p.key, overlap: Math.min(g.end, p.end) - Math.max(g.start, p.start) });
    });
  });
  pairs.sort((a, b) => Number(b.same) - Number(a.same) || b.overlap - a.overlap || a.g - b.g || a.p - b.p);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  const matches: Match[] = [];
  for (const x of pairs) {
    if (gUsed.has(x.g) || pUsed.has(x.p)) continue;
    gUsed.add(x.g);
    pUsed.add(x.p);
    matches.push({ gold: gold[x.g]!, pred: pred[x.p]! });
  }
  return { matches, misses: gold.filter((_, i) => !gUsed.has(i)), extras: pred.filter((_, i) => !pUsed.has(i)) };
}

/** Scores of one type, plus the errors (misses, false positives, value disagreements). */
export function scoreType(docId: string, gold: readonly EvalItem[], pred: readonly EvalItem[], rejected: readonly EvalItem[] = []): { scores: TypeScores; errors: ErrorEntry[] } {
  const strict = matchItems(gold, pred, 'strict');
  const relaxed = matchItems(gold, pred, 'relaxed');
  const agree = relaxed.matches.filter((m) => m.gold.key === m.pred.key).length;
  const errors: ErrorEntry[] = [];
  for (const g of relaxed.misses) errors.push({ kind: 'miss', docId, type: g.type, start: g.start, end: g.end, text: g.text, key: g.key });
  for (const p of relaxed.extras) {
    const known = rejected.some((r) => r.id === p.id || (r.type === p.type && r.start === p.start && r.end === p.end && r.key === p.key));
    errors.push({ kind: 'false-positive', docId, type: p.type, start: p.start, end: p.end, text: p.text, key: p.key, knownFalsePositive: known });
  }
  for (const m of relaxed.matches) {
    if (m.gold.key !== m.pred.key) errors.push({ kind: 'value', docId, type: m.gold.type, start: m.gold.start, end: m.gold.end, text: m.gold.text, key: m.gold.key, predKey: m.pred.key });
  }
  return {
    scores: {
      gold: gold.length,
      pred: pred.length,
      strict: prf(strict.matches.length, strict.extras.length, strict.misses.length),
      relaxed: prf(relaxed.matches.length, relaxed.extras.length, relaxed.misses.length),
      value: { matched: relaxed.matches.length, agree, accuracy: relaxed.matches.length ? agree / relaxed.matches.length : null },
    },
    errors,
  };
}

function addScores(a: TypeScores, b: TypeScores): TypeScores {
  const s = prf(a.strict.tp + b.strict.tp, a.strict.fp + b.strict.fp, a.strict.fn + b.strict.fn);
  const r = prf(a.relaxed.tp + b.relaxed.tp, a.relaxed.fp + b.relaxed.fp, a.relaxed.fn + b.relaxed.fn);
  const matched = a.value.matched + b.value.matched;
  const agree = a.value.agree + b.value.agree;
  return { gold: a.gold + b.gold, pred: a.pred + b.pred, strict: s, relaxed: r, value: { matched, agree, accuracy: matched ? agree / matched : null } };
}

function emptyScores(): TypeScores {
  return { gold: 0, pred: 0, strict: prf(0, 0, 0), relaxed: prf(0, 0, 0), value: { matched: 0, agree: 0, accuracy: null } };
}

export interface DocEval {
  docId: string;
  pending: number;
  /** Predictions left out of the counts because their item is still pending. */
  unjudged: number;
  scores: Record<EvalType, TypeScores>;
}

export interface EvalResult {
  docs: DocEval[];
  overall: Record<EvalType, TypeScores>;
  /** Flat figures ("date.relaxed.f1", "claim.value.accuracy", …), null when undefined. */
  figures: Record<string, number | null>;
  errors: ErrorEntry[];
  warnings: string[];
}

/** Score one document's prediction against its annotation file. */
export function evaluateDocument(ann: AnnotationFile, doc: DocumentJson | null, disagreements: readonly LedgerDisagreement[]): { doc: DocEval; errors: ErrorEntry[] } {
  const gold = ann.items.map(goldOf).filter((g): g is EvalItem => g !== null);
  const rejected = ann.items
    .filter((i) => i.status === 'rejected')
    .map((i) => ({ id: i.id, type: i.type, start: i.start, end: i.end, text: i.text, key: valueKey(i.type, i.output, i.id) }));
  // A prediction a reviewer has not judged yet (a pending item: same id, or same
  // type and span) is left out of the counts; a prediction the annotation file
  // has never seen counts as a false positive (the gold is taken as complete).
  const pending = ann.items.filter((i) => i.status === 'pending');
  const goldSpans = new Set(gold.map((x) => `${x.type}:${x.start}:${x.end}`));
  const unjudged = (p: EvalItem): boolean =>
    pending.some((i) => i.id === p.id || (i.type === p.type && i.start === p.start && i.end === p.end && !goldSpans.has(`${p.type}:${p.start}:${p.end}`)));
  const allPred = doc ? predictedItems(doc, disagreements) : [];
  const pred = allPred.filter((p) => !unjudged(p));
  const scores = {} as Record<EvalType, TypeScores>;
  const errors: ErrorEntry[] = [];
  for (const t of EVAL_TYPES) {
    const r = scoreType(ann.docId, gold.filter((g) => g.type === t), pred.filter((p) => p.type === t), rejected.filter((x) => x.type === t));
    scores[t] = r.scores;
    errors.push(...r.errors);
  }
  return { doc: { docId: ann.docId, pending: pending.length, unjudged: allPred.length - pred.length, scores }, errors };
}

export function figuresOf(overall: Record<EvalType, TypeScores>): Record<string, number | null> {
  const f: Record<string, number | null> = {};
  for (const t of EVAL_TYPES) {
    const s = overall[t];
    for (const mode of ['strict', 'relaxed'] as const) for (const k of ['p', 'r', 'f1'] as const) f[`${t}.${mode}.${k}`] = s[mode][k];
    f[`${t}.value.accuracy`] = s.value.accuracy;
  }
  return f;
}

/** A document counts as reviewed once it holds at least one decision. */
export function isReviewed(file: AnnotationFile): boolean {
  return file.items.some((i) => i.status !== 'pending');
}

export function evaluate(outDir: string, annotationsDir: string, ids?: readonly string[]): EvalResult {
  const warnings: string[] = [];
  const ledger = readLedgerDisagreements(outDir);
  const docs: DocEval[] = [];
  const errors: ErrorEntry[] = [];
  const overall = Object.fromEntries(EVAL_TYPES.map((t) => [t, emptyScores()])) as Record<EvalType, TypeScores>;
  for (const id of ids ?? annotatedIds(annotationsDir)) {
    const { file } = readAnnotations(path.join(annotationsDir, `${id}.json`));
    if (!isReviewed(file)) continue;
    let doc: DocumentJson | null = null;
    if (existsSync(path.join(outDir, 'documents', `${id}.json`))) doc = readDocument(outDir, id);
    else warnings.push(`${id}: reviewed, but the pipeline wrote no output for it (every gold item counts as missed)`);
    const r = evaluateDocument(file, doc, ledger);
    if (r.doc.pending) warnings.push(`${id}: ${r.doc.pending} item(s) still pending review; ${r.doc.unjudged} prediction(s) on them left out of the scores`);
    docs.push(r.doc);
    errors.push(...r.errors);
    for (const t of EVAL_TYPES) overall[t] = addScores(overall[t], r.doc.scores[t]);
  }
  return { docs, overall, figures: figuresOf(overall), errors, warnings };
}

// ---- thresholds ---------------------------------------------------------------

const FIGURE_RE = /^(date|actor|quantity|claim|disagreement)\.((strict|relaxed)\.(p|r|f1)|value\.accuracy)$/;

export const ThresholdsSchema = z
  .object({
    $comment: z.string().optional(),
    /** Figure name → the lowest value allowed. */
    min: z.record(z.string(), z.number().min(0).max(1)).superRefine((rec, ctx) => {
      for (const k of Object.keys(rec)) {
        if (!FIGURE_RE.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: `${JSON.stringify(k)} is not a figure name (e.g. "date.relaxed.f1", "actor.value.accuracy")` });
      }
    }),
  })
  .strict();
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export function readThresholds(file: string): Thresholds {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  const r = ThresholdsSchema.safeParse(raw);
  if (!r.success) throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export interface ThresholdFailure {
  figure: string;
  min: number;
  actual: number;
}

/** Figures below their threshold. A figure with no data (null: no gold of that type) is not a failure. */
export function checkThresholds(figures: Record<string, number | null>, t: Thresholds): ThresholdFailure[] {
  const out: ThresholdFailure[] = [];
  for (const [figure, min] of Object.entries(t.min).sort()) {
    const actual = figures[figure];
    if (actual !== null && actual !== undefined && actual + 1e-9 < min) out.push({ figure, min, actual });
  }
  return out;
}

// ---- history ------------------------------------------------------------------

export const HistorySchema = z.object({
  runs: z.array(z.object({ at: z.string(), figures: z.record(z.string(), z.number().nullable()), errors: z.array(z.string()) })),
});
export type History = z.infer<typeof HistorySchema>;
const HISTORY_KEEP = 50;

export function errorKey(e: ErrorEntry): string {
  const where = e.type === 'disagreement' ? e.key : `[${e.start},${e.end}) ${JSON.stringify(e.text.length > 60 ? `${e.text.slice(0, 57)}...` : e.text)}`;
  const val = e.kind === 'value' ? ` gold=${e.key} pred=${e.predKey ?? ''}` : e.type === 'disagreement' ? '' : ` ${e.key}`;
  return `${e.kind} ${e.docId} ${e.type} ${where}${val}`;
}

export interface Changes {
  previousAt: string | null;
  newErrors: string[];
  fixed: string[];
}

export function readHistory(file: string): History {
  if (!existsSync(file)) return { runs: [] };
  const r = HistorySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return r.success ? r.data : { runs: [] };
}

/** What changed since the last recorded run: new misses / false positives / value errors, and fixes. */
export function changesSince(history: History, result: EvalResult): Changes {
  const last = history.runs[history.runs.length - 1];
  const now = new Set(result.errors.map(errorKey));
  if (!last) return { previousAt: null, newErrors: [], fixed: [] };
  const before = new Set(last.errors);
  return { previousAt: last.at, newErrors: [...now].filter((e) => !before.has(e)).sort(), fixed: [...before].filter((e) => !now.has(e)).sort() };
}

export function recordRun(file: string, history: History, result: EvalResult, at: Date = new Date()): void {
  const runs = [...history.runs, { at: at.toISOString(), figures: result.figures, errors: result.errors.map(errorKey).sort() }].slice(-HISTORY_KEEP);
  writeJsonAtomic(file, { runs });
}

// ---- text report -----------------------------------------------------------------

const pct = (x: number | null): string => (x === null ? '   -' : `${(x * 100).toFixed(1).padStart(5)}`);

export function formatScores(label: string, s: Record<EvalType, TypeScores>): string[] {
  const lines = [`${label}`, '  type          gold  pred | strict P     R    F1 | relaxed P     R    F1 | value'];
  for (const t of EVAL_TYPES) {
    const x = s[t];
    if (!x.gold && !x.pred) continue;
    lines.push(
      `  ${t.padEnd(12)} ${String(x.gold).padStart(5)} ${String(x.pred).padStart(5)} |     ${pct(x.strict.p)} ${pct(x.strict.r)} ${pct(x.strict.f1)} |      ${pct(x.relaxed.p)} ${pct(x.relaxed.r)} ${pct(x.relaxed.f1)} | ${pct(x.value.accuracy)} (${x.value.agree}/${x.value.matched})`,
    );
  }
  return lines;
}
