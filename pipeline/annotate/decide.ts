/**
 * A reviewer's decision on one item (from the page, the terminal or a brat
 * import), applied to an annotation file. Pure: the caller reads and writes.
 */
import { z } from 'zod';
import type { DocumentJson } from '../core/schema.ts';
import { stableId } from '../core/ids.ts';
import { contextOf } from './items.ts';
import { FieldValueSchema, ItemTypeSchema, type AnnotationFile, type AnnotationItem, type FieldValue } from './schema.ts';

export const DecisionSchema = z
  .object({
    itemId: z.string().min(1).max(200),
    status: z.enum(['accepted', 'rejected', 'corrected', 'pending']),
    corrected: z.record(z.string().max(64), FieldValueSchema).optional(),
    note: z.string().max(4000).optional(),
    reviewer: z.string().max(200).optional(),
  })
  .strict();
export type Decision = z.infer<typeof DecisionSchema>;

export const NewItemSchema = z
  .object({
    type: z.enum(['date', 'actor', 'quantity', 'claim']),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    fields: z.record(z.string().max(64), FieldValueSchema).default({}),
    note: z.string().max(4000).optional(),
    reviewer: z.string().max(200).optional(),
  })
  .strict();
export type NewItem = z.infer<typeof NewItemSchema>;

export class DecisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionError';
  }
}

/** Check corrected fields: a span must lie in the text, a type must be a known one. */
function checkCorrected(c: Record<string, FieldValue>, textLength: number | undefined): void {
  const s = c.start;
  const e = c.end;
  for (const [k, v] of [['start', s], ['end', e]] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || (textLength !== undefined && v > textLength))) {
      throw new DecisionError(`corrected ${k} must be an offset inside the text (0..${textLength ?? '?'})`);
    }
  }
  if (c.type !== undefined && !ItemTypeSchema.safeParse(c.type).success) throw new DecisionError(`corrected type must be one of ${ItemTypeSchema.options.join(', ')}`);
}

export function applyDecision(file: AnnotationFile, d: Decision, opts: { now?: Date; textLength?: number } = {}): AnnotationItem {
  const item = file.items.find((i) => i.id === d.itemId || (i.previousIds ?? []).includes(d.itemId));
  if (!item) throw new DecisionError(`no item ${d.itemId} in the annotations of ${file.docId}`);
  if (d.status === 'corrected') {
    const merged = { ...(item.corrected ?? {}), ...(d.corrected ?? {}) };
    for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
    if (!Object.keys(merged).length) throw new DecisionError('a correction needs at least one corrected field');
    const s = typeof merged.start === 'number' ? merged.start : item.start;
    const e = typeof merged.end === 'number' ? merged.end : item.end;
    if (e < s) throw new DecisionError('corrected end is before start');
    checkCorrected(merged, opts.textLength);
    item.corrected = merged;
  } else if (d.corrected && Object.keys(d.corrected).length) {
    throw new DecisionError(`corrected fields only go with status "corrected", not "${d.status}"`);
  } else if (d.status !== 'pending') {
    // Accepting or rejecting replaces an earlier correction: the item is then right or wrong as produced.
    delete item.corrected;
  }
  item.status = d.status;
  if (d.note !== undefined) {
    if (d.note === '') delete item.note;
    else item.note = d.note;
  }
  if (d.reviewer !== undefined && d.reviewer !== '') item.reviewer = d.reviewer;
  item.reviewedAt = (opts.now ?? new Date()).toISOString();
  return item;
}

/** An item the pipeline missed, added by a reviewer (accepted, origin reviewer). */
export function addItem(file: AnnotationFile, doc: Pick<DocumentJson, 'id' | 'text'>, n: NewItem, now: Date = new Date()): AnnotationItem {
  if (n.end <= n.start || n.end > doc.text.length) throw new DecisionError(`span [${n.start}, ${n.end}) is not inside the text (length ${doc.text.length})`);
  const text = doc.text.slice(n.start, n.end);
  const id = stableId(doc.id, n.type, n.start, n.end, text);
  if (file.items.some((i) => i.id === id)) throw new DecisionError(`an item ${id} with this type and span exists already: decide on it instead`);
  const item: AnnotationItem = {
    id,
    type: n.type,
    start: n.start,
    end: n.end,
    text,
    status: 'accepted',
    origin: 'reviewer',
    latest: 'missing',
    anchor: 'exact',
    context: contextOf(doc.text, n.start, n.end),
    output: { ...n.fields },
    reviewedAt: now.toISOString(),
  };
  if (n.note) item.note = n.note;
  if (n.reviewer) item.reviewer = n.reviewer;
  file.items.push(item);
  return item;
}
