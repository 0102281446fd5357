/**
 * The output schema of a document (`out/documents/<id>.json`), as zod schemas.
 * The TypeScript types of the whole pipeline are inferred from these, so the
 * schema that validates what is written and the types the code uses cannot drift.
 *
 * Spans are half-open [start, end) UTF-16 offsets into the normalised `text`.
 */
import { z } from 'zod';

export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const SeveritySchema = z.enum(['info', 'warning', 'error', 'fatal']);

/** A problem found in a document: a vfile-style message with a ruleId from the catalogue. */
export const DocMessageSchema = z.object({
  ruleId: z.string(),
  reason: z.string(),
  stage: z.string(),
  severity: SeveritySchema,
  /** [start, end) into the normalised text, when the problem has a place there. */
  place: SpanSchema.optional(),
  /** [start, end) into the raw file, when the problem is about raw input. */
  rawPlace: SpanSchema.optional(),
});

export const ParagraphKindSchema = z.enum([
  'title',
  'subtitle',
  'byline',
  'dateline',
  'heading',
  'paragraph',
  'list-item',
  'blockquote',
  'endnote',
]);

export const ParagraphSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  rawStart: z.number().int().nonnegative(),
  rawEnd: z.number().int().nonnegative(),
  kind: ParagraphKindSchema,
});

export const PublishedBasisSchema = z.enum(['stated', 'inferred', 'manifest', 'none']);

export const DocMetaSchema = z.object({
  title: z.string().nullable(),
  authors: z.array(z.string()),
  outlet: z.string().nullable(),
  url: z.string().nullable().optional(),
  /** ISO date: YYYY-MM-DD, or YYYY-MM / YYYY when only that much is supported. */
  published: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable(),
  publishedBasis: PublishedBasisSchema,
  /** The words the date was read or inferred from, sliced from the text (or the manifest). */
  publishedEvidence: z.string().nullable(),
  /** Where the evidence stands in the normalised text, when it does. */
  publishedEvidenceSpan: SpanSchema.optional(),
  /** 0..1: stated ≈ 0.95+, inferred from an explicit "at the moment of writing" ≈ 0.9, from latest events lower. */
  confidence: z.number().min(0).max(1),
});

/**
 * The offset map, compressed: each segment says that text[start, start+length)
 * came from raw[rawStart, rawStart+rawLength). When length === rawLength the
 * characters are copied one for one; otherwise the text piece replaced the raw
 * range (whitespace folded, a line break joined).
 */
export const OffsetSegmentSchema = z.tuple([
  z.number().int().nonnegative(), // start
  z.number().int().nonnegative(), // length
  z.number().int().nonnegative(), // rawStart
  z.number().int().nonnegative(), // rawLength
]);

const MentionBase = {
  /** Stable: hash of document id, type, offsets and text. */
  id: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Exactly text.slice(start, end). */
  text: z.string(),
  /** The extractor rule that produced it (for review and debugging). */
  rule: z.string().optional(),
  confidence: z.number().min(0).max(1).optional(),
};

export const TimexTypeSchema = z.enum(['DATE', 'TIME', 'DURATION', 'SET']);

export const DateMentionSchema = z.object({
  ...MentionBase,
  type: z.literal('date'),
  timexType: TimexTypeSchema,
  /** TIMEX3 value: 2015-10-14, 2015-FA, 199, P2Y, PRESENT_REF, XXXX-WXX-1 … */
  value: z.string(),
  /** TIMEX3 mod: APPROX, START, MID, END, MORE_THAN, LESS_THAN, EQUAL_OR_MORE … */
  mod: z.string().optional(),
  /** For ranges ("April 8–18, 2022", "from 2001 to 2009"): the two ends as TIMEX3 values. */
  range: z.object({ start: z.string(), end: z.string() }).optional(),
  /** SET: quant and freq, as TimeML has them. */
  quant: z.string().optional(),
  freq: z.string().optional(),
  /** What the value was anchored to: fully stated, the publication date, or the narrative's current date. */
  anchor: z.enum(['absolute', 'publication', 'narrative']).optional(),
});

export const ActorKindSchema = z.enum(['person', 'state', 'organisation', 'group', 'place']);

export const ActorMentionSchema = z.object({
  ...MentionBase,
  type: z.literal('actor'),
  /** Canonical id from the gazetteer ("BLR", "person:alexander-lukashenko"), or derived from the name when unlisted. */
  actorId: z.string(),
  /**
   * "place" marks a capital or seat used as a place ("detained outside Minsk": actorId
   * "place:minsk", matchedBy "alias"): it answers "where", never "who"; skip it for subjects.
   */
  kind: ActorKindSchema,
  canonical: z.string(),
  /** How the mention was linked: a listed alias, a fuzzy transliteration match, a metonym, an adjective, a role, or unlisted. */
  matchedBy: z.enum(['alias', 'fuzzy', 'metonym', 'adjective', 'role', 'unlisted']),
  listed: z.boolean(),
  /**
   * For role mentions ("the Belarusian leader") and titled names ("Foreign Minister
   * Vladimir Makei"): the office key (president, prime-minister, foreign-minister, …) and
   * the ISO day it was resolved at (the sentence's date, else the publication date).
   */
  office: z.string().optional(),
  resolvedAt: z.string().optional(),
});

export const QuantityMentionSchema = z.object({
  ...MentionBase,
  type: z.literal('quantity'),
  value: z.number(),
  /** Upper end of a range ("3.5-4 percent", "between 20 and 30", "hundreds" = 200..999). */
  upper: z.number().optional(),
  /**
   * ISO 4217 code for money ("USD", "EUR", "RUB"; ambiguous names: "PESO", "FRANC", …), "percent",
   * "percentage_point", "fraction", "rank", a measuring unit ("km", "t", "bcm"), or "count".
   */
  unit: z.string(),
  /** Normalised: more_than, at_least, less_than, at_most, up_to, nearly, approx (see lang/en/quantities/lexicon.yaml). */
  qualifier: z.string().optional(),
  /** Noun phrase of what is counted or paid, exact text ("political prisoners", "loan", "GDP"). */
  measure: z.string().optional(),
});

export const MentionSchema = z.discriminatedUnion('type', [
  DateMentionSchema,
  ActorMentionSchema,
  QuantityMentionSchema,
]);

export const ClaimSchema = z.object({
  id: z.string(),
  docId: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Exactly text.slice(start, end): the sentence (or clause) the claim is read from. */
  quote: z.string(),
  subject: z.string(),
  relation: z.string(),
  object: z
    .object({ actorId: z.string().optional(), literal: z.string().optional(), mentionId: z.string().optional() })
    .optional(),
  value: z
    .object({
      mentionId: z.string(),
      value: z.number(),
      upper: z.number().optional(),
      unit: z.string(),
      qualifier: z.string().optional(),
      measure: z.string().optional(),
    })
    .optional(),
  time: z.object({
    mentionId: z.string().optional(),
    value: z.string(),
    range: z.object({ start: z.string(), end: z.string() }).optional(),
    /** clause: a date mention in the clause; sentence: elsewhere in the sentence; document: the publication date. */
    basis: z.enum(['clause', 'sentence', 'narrative', 'document']),
  }),
  polarity: z.enum(['affirmed', 'negated']),
  modality: z.enum(['asserted', 'hedged', 'reported', 'predicted']),
  /** Actor id (or literal) of the source the claim is attributed to in reported speech. */
  attributedTo: z.string().optional(),
  confidence: z.number().min(0).max(1),
  mentionIds: z.array(z.string()),
  /** [start, end) of the relation cue that fired ("closer to", "lifted … sanctions"). */
  cue: SpanSchema.optional(),
  /** How the subject was found: a mention in the clause, a pronoun or description resolved, or the discourse topic. */
  subjectBasis: z.enum(['mention', 'anaphora', 'discourse']).optional(),
});

/**
 * Compiled ahead of time (zod's z.compile: generated code for this one schema, the same
 * output and the same issues, since an invalid input is re-parsed by the runtime parser):
 * every document a run writes and every one the report loads is parsed by it, ~3x faster
 * than the runtime parser. The compile (~10 ms) runs once per thread at load.
 * test/core/schema.test.ts checks that it still compiles: a schema that cannot would be
 * handed back uncompiled, silently.
 */
export const DocumentSchema = z.compile(z.object({
  id: z.string(),
  /** Path of the raw file, relative to the corpus folder. */
  source: z.string(),
  /** sha256 of the raw bytes: the cache key's base, and how reviewers know the input changed. */
  sourceHash: z.string().optional(),
  meta: DocMetaSchema,
  text: z.string(),
  paragraphs: z.array(ParagraphSchema),
  offsetMap: z.array(OffsetSegmentSchema),
  mentions: z.array(MentionSchema).default([]),
  claims: z.array(ClaimSchema).default([]),
  messages: z.array(DocMessageSchema),
}));

export type Span = z.infer<typeof SpanSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type DocMessage = z.infer<typeof DocMessageSchema>;
export type Paragraph = z.infer<typeof ParagraphSchema>;
export type ParagraphKind = z.infer<typeof ParagraphKindSchema>;
export type DocMeta = z.infer<typeof DocMetaSchema>;
export type PublishedBasis = z.infer<typeof PublishedBasisSchema>;
export type OffsetSegment = z.infer<typeof OffsetSegmentSchema>;
export type DateMention = z.infer<typeof DateMentionSchema>;
export type ActorMention = z.infer<typeof ActorMentionSchema>;
export type ActorKind = z.infer<typeof ActorKindSchema>;
export type QuantityMention = z.infer<typeof QuantityMentionSchema>;
export type Mention = z.infer<typeof MentionSchema>;
export type MentionType = Mention['type'];
export type Claim = z.infer<typeof ClaimSchema>;
export type DocumentJson = z.infer<typeof DocumentSchema>;
