/**
 * The schema of out/ledger.json (zod; types inferred from it).
 *
 * - documents: every source, with its publication date.
 * - entries: claims with the same subject, relation, object and polarity at
 *   compatible times, across documents; each lists its supports (one per claim:
 *   the source, the quote and its offsets, the source's publication date).
 *   status: corroborated (≥2 documents), single-source, disputed (in a disagreement).
 * - disagreements: kind (date | figure | polarity | contrary), two sides with
 *   their claims, the period concerned, a one-line summary.
 * - timelines: per topic keyword of the lexicon, every claim in time order.
 * Dates are ISO (YYYY-MM-DD); periods are inclusive.
 */
import { z } from 'zod';

export const LEDGER_VERSION = 1;

const IsoDay = z.string().regex(/^-?\d{4,}-\d{2}-\d{2}$/);
export const PeriodSchema = z.object({ start: IsoDay, end: IsoDay });

export const LedgerDocumentSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  claimCount: z.number().int().nonnegative(),
});

export const ObjectRefSchema = z.object({ actorId: z.string().optional(), literal: z.string().optional() });

export const SupportSchema = z.object({
  docId: z.string(),
  claimId: z.string(),
  /** Exactly the document's text.slice(start, end). */
  quote: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  cue: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
  published: z.string().nullable(),
  relation: z.string(),
  polarity: z.enum(['affirmed', 'negated']),
  modality: z.enum(['asserted', 'hedged', 'reported', 'predicted']),
  attributedTo: z.string().optional(),
  time: z.object({ value: z.string(), basis: z.enum(['clause', 'sentence', 'narrative', 'document']) }),
  /** The days the claim is taken to cover (stances without a date: around the publication date). */
  period: PeriodSchema.nullable(),
  value: z
    .object({ value: z.number(), upper: z.number().optional(), unit: z.string(), qualifier: z.string().optional(), measure: z.string().optional() })
    .optional(),
  confidence: z.number().min(0).max(1),
});

export const EntryStatusSchema = z.enum(['corroborated', 'single-source', 'disputed']);

export const EntrySchema = z.object({
  id: z.string(),
  subject: z.string(),
  relation: z.string(),
  family: z.string(),
  kind: z.enum(['event', 'stance']),
  topics: z.array(z.string()),
  object: ObjectRefSchema.optional(),
  polarity: z.enum(['affirmed', 'negated']),
  /** Days every support is compatible with (their intersection), or null when undated. */
  period: PeriodSchema.nullable(),
  status: EntryStatusSchema,
  /** Number of distinct documents. */
  sourceCount: z.number().int().positive(),
  summary: z.string(),
  supports: z.array(SupportSchema).min(1),
  disagreementIds: z.array(z.string()),
});

export const DisagreementKindSchema = z.enum(['date', 'figure', 'polarity', 'contrary']);

export const SideSchema = z.object({
  entryId: z.string(),
  relation: z.string(),
  polarity: z.enum(['affirmed', 'negated']),
  claims: z.array(SupportSchema).min(1),
});

export const DisagreementSchema = z.object({
  id: z.string(),
  kind: DisagreementKindSchema,
  subject: z.string(),
  /** The period both sides concern (their overlap), or the span of both dates for date disagreements. */
  period: PeriodSchema.nullable(),
  summary: z.string(),
  sides: z.tuple([SideSchema, SideSchema]),
});

export const TimelineItemSchema = z.object({
  /** Start of the claim's period (null when undated). */
  date: IsoDay.nullable(),
  period: PeriodSchema.nullable(),
  timeValue: z.string(),
  timeBasis: z.enum(['clause', 'sentence', 'narrative', 'document']),
  docId: z.string(),
  published: z.string().nullable(),
  claimId: z.string(),
  entryId: z.string(),
  subject: z.string(),
  relation: z.string(),
  object: ObjectRefSchema.optional(),
  polarity: z.enum(['affirmed', 'negated']),
  modality: z.enum(['asserted', 'hedged', 'reported', 'predicted']),
  attributedTo: z.string().optional(),
  quote: z.string(),
  summary: z.string(),
  disagreementIds: z.array(z.string()),
});

export const LedgerSchema = z
  .object({
    version: z.literal(LEDGER_VERSION),
    documents: z.array(LedgerDocumentSchema),
    /** Display names of the actor ids used (from the mentions' canonical names). */
    actors: z.record(z.string(), z.string()),
    entries: z.array(EntrySchema),
    disagreements: z.array(DisagreementSchema),
    timelines: z.record(z.string(), z.array(TimelineItemSchema)),
  })
  .superRefine((l, ctx) => {
    // References hold: ids are unique, every entry and disagreement named exists, every support's document is listed.
    const entryIds = new Set<string>();
    for (const e of l.entries) {
      if (entryIds.has(e.id)) ctx.addIssue({ code: 'custom', message: `entry id ${e.id} is not unique`, path: ['entries'] });
      entryIds.add(e.id);
    }
    const disIds = new Set(l.disagreements.map((d) => d.id));
    if (disIds.size !== l.disagreements.length) ctx.addIssue({ code: 'custom', message: 'disagreement ids are not unique', path: ['disagreements'] });
    const docIds = new Set(l.documents.map((d) => d.id));
    for (const e of l.entries) {
      for (const d of e.disagreementIds) if (!disIds.has(d)) ctx.addIssue({ code: 'custom', message: `entry ${e.id} names unknown disagreement ${d}`, path: ['entries'] });
      for (const s of e.supports) if (!docIds.has(s.docId)) ctx.addIssue({ code: 'custom', message: `entry ${e.id} cites unknown document ${s.docId}`, path: ['entries'] });
    }
    for (const d of l.disagreements) {
      for (const s of d.sides) if (!entryIds.has(s.entryId)) ctx.addIssue({ code: 'custom', message: `disagreement ${d.id} names unknown entry ${s.entryId}`, path: ['disagreements'] });
    }
  });

export type Period = z.infer<typeof PeriodSchema>;
export type LedgerDocument = z.infer<typeof LedgerDocumentSchema>;
export type Support = z.infer<typeof SupportSchema>;
export type Entry = z.infer<typeof EntrySchema>;
export type EntryStatus = z.infer<typeof EntryStatusSchema>;
export type Disagreement = z.infer<typeof DisagreementSchema>;
export type DisagreementKind = z.infer<typeof DisagreementKindSchema>;
export type Side = z.infer<typeof SideSchema>;
export type TimelineItem = z.infer<typeof TimelineItemSchema>;
export type Ledger = z.infer<typeof LedgerSchema>;
