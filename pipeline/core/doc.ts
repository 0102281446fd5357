/**
 * The Doc: one article as it moves through the pipeline, like a vfile.
 * It carries the raw input, the normalised text with its offset map back to
 * raw, the typed outputs of each stage, and the messages stages left on it.
 */
import type { Claim, DocMessage, DocMeta, DocumentJson, Mention, Paragraph } from './schema.ts';
import { OffsetMap } from './offset-map.ts';

export interface Doc {
  id: string;
  /** Path of the raw file relative to the corpus folder (or a label such as "<stdin>"). */
  source: string;
  sourceHash?: string;
  /** The raw file decoded to a string. */
  raw: string;
  /** The normalised article text; "" until the normalise stage ran. */
  text: string;
  offsets: OffsetMap;
  meta: DocMeta;
  paragraphs: Paragraph[];
  mentions: Mention[];
  claims: Claim[];
  messages: DocMessage[];
  /** Stages that have run on this doc, in order (checked by the runner). */
  stages: string[];
}

export function emptyMeta(): DocMeta {
  return {
    title: null,
    authors: [],
    outlet: null,
    published: null,
    publishedBasis: 'none',
    publishedEvidence: null,
    confidence: 0,
  };
}

/** A fresh doc for a raw input; nothing normalised yet. */
export function createDoc(id: string, source: string, raw: string): Doc {
  return {
    id,
    source,
    raw,
    text: '',
    offsets: OffsetMap.identity(0),
    meta: emptyMeta(),
    paragraphs: [],
    mentions: [],
    claims: [],
    messages: [],
    stages: [],
  };
}

/**
 * A doc whose text is taken as already clean: offsets are into the input exactly.
 * Used by `claims extract` and by tests that build small documents by hand.
 */
export function createCleanDoc(id: string, text: string, published: string | null): Doc {
  const doc = createDoc(id, '<text>', text);
  doc.text = text;
  doc.offsets = OffsetMap.identity(text.length);
  doc.paragraphs = [{ start: 0, end: text.length, rawStart: 0, rawEnd: text.length, kind: 'paragraph' }];
  if (published) {
    doc.meta = { ...doc.meta, published, publishedBasis: 'manifest', publishedEvidence: null, confidence: 1 };
  }
  doc.stages.push('normalise');
  return doc;
}

export function toJson(doc: Doc): DocumentJson {
  const out: DocumentJson = {
    id: doc.id,
    source: doc.source,
    meta: doc.meta,
    text: doc.text,
    paragraphs: doc.paragraphs,
    offsetMap: doc.offsets.toSegments(),
    mentions: doc.mentions,
    claims: doc.claims,
    messages: doc.messages,
  };
  if (doc.sourceHash !== undefined) out.sourceHash = doc.sourceHash;
  return out;
}

/** Rebuild a Doc from its JSON (the raw text is not stored there; pass it when known). */
export function fromJson(json: DocumentJson, raw = ''): Doc {
  const doc: Doc = {
    id: json.id,
    source: json.source,
    raw,
    text: json.text,
    offsets: OffsetMap.fromSegments(json.offsetMap),
    meta: json.meta,
    paragraphs: json.paragraphs,
    mentions: json.mentions,
    claims: json.claims,
    messages: json.messages,
    stages: [],
  };
  if (json.sourceHash !== undefined) doc.sourceHash = json.sourceHash;
  return doc;
}
