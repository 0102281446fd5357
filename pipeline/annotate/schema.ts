/**
 * The annotation file (`annotations/<id>.json`): one per document, every
 * mention, claim and ledger disagreement the pipeline produced (or a reviewer
 * added) as an item with a review status. Files are for people and git: see
 * format.ts for the stable, few-lines-per-item layout.
 */
import { z } from 'zod';

export const ANNOTATION_FORMAT = 'claims-annotations/1';

export const ReviewStatusSchema = z.enum(['pending', 'accepted', 'rejected', 'corrected']);
export const ItemTypeSchema = z.enum(['date', 'actor', 'quantity', 'claim', 'disagreement']);

/** A corrected field's value: what a reviewer can type. */
export const FieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const AnnotationItemSchema = z
  .object({
    /** The pipeline's stable id (pipeline/core/ids.ts); for a reviewer-added item, the same scheme. */
    id: z.string().min(1),
    type: ItemTypeSchema,
    /** [start, end) into the normalised text of the document this file was last merged with. */
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    /** text.slice(start, end) (a claim's quote; "" for a disagreement without a place here). */
    text: z.string(),
    status: ReviewStatusSchema,
    /** Fields the reviewer corrected: value, type, start, end, unit, actorId, … (status "corrected"). */
    corrected: z.record(z.string(), FieldValueSchema).optional(),
    note: z.string().optional(),
    reviewer: z.string().optional(),
    /** ISO time of the last decision. */
    reviewedAt: z.string().optional(),
    /** pipeline: produced by a run; reviewer: added by hand (a miss of the pipeline). */
    origin: z.enum(['pipeline', 'reviewer']),
    /** present: the latest run produced it; missing: it did not (the decision is kept). */
    latest: z.enum(['present', 'missing']),
    /** How the span was found at the last merge: as it was, moved by a text edit, or lost (flagged). */
    anchor: z.enum(['exact', 'moved', 'lost']),
    /** Ids this item had before a re-anchoring gave it a new one. */
    previousIds: z.array(z.string()).optional(),
    /** Up to 40 characters either side of the span: what re-anchoring searches by. */
    context: z.object({ before: z.string(), after: z.string() }),
    /** The pipeline's fields as last produced (everything but id/start/end/text/type). */
    output: z.record(z.string(), z.unknown()),
  })
  .strict()
  .refine((i) => i.end >= i.start, { message: 'end is before start', path: ['end'] })
  .refine((i) => i.status !== 'corrected' || (i.corrected !== undefined && Object.keys(i.corrected).length > 0), {
    message: 'a corrected item needs at least one corrected field',
    path: ['corrected'],
  });

export const AnnotationFileSchema = z
  .object({
    format: z.literal(ANNOTATION_FORMAT),
    docId: z.string().regex(/^[A-Za-z0-9_.-]+$/),
    source: z.string(),
    /** sha256 of the normalised text the spans point into. */
    textHash: z.string(),
    items: z.array(AnnotationItemSchema),
  })
  .strict();

export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;
export type ItemType = z.infer<typeof ItemTypeSchema>;
export type FieldValue = z.infer<typeof FieldValueSchema>;
export type AnnotationItem = z.infer<typeof AnnotationItemSchema>;
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;

export const DOC_ID_RE = /^[A-Za-z0-9_.-]+$/;

/** A document id that is safe as a file name: the pattern, and not "." or "..". */
export function isSafeDocId(id: string): boolean {
  return DOC_ID_RE.test(id) && id !== '.' && id !== '..' && id.length <= 200;
}

/** Stable item order: by start, then type, then id. */
export function compareItems(a: AnnotationItem, b: AnnotationItem): number {
  return a.start - b.start || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
