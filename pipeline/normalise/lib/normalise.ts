import type { Doc } from '../../core/doc.ts';
import { message } from '../../core/messages.ts';
import type { DocMeta } from '../../core/schema.ts';
import type { Stage } from '../../core/stage.ts';
import { findJsonBlobs, parseBlocks } from './blocks.ts';
import { buildText } from './build.ts';
import { DATA_FILE, normaliseData, type CompiledData } from './data.ts';
import { inferPublished } from './infer.ts';
import { authorsFrom, jsonPublished, jsonTitle, outletFrom, statedConfidence, statedDate } from './meta.ts';
import { analyseStructure } from './structure.ts';

const STAGE = 'normalise';

export function normalise(doc: Doc, data: CompiledData = normaliseData()): Doc {
  const raw = doc.raw;
  const blobs = findJsonBlobs(raw);
  const blocks = parseBlocks(
    raw,
    blobs.map((b) => [b.start, b.end] as [number, number]),
  );
  const s = analyseStructure(blocks, data);
  if (s.prose === 0) {
    message(doc, 'input/no-sentences', STAGE, `${doc.source}: no sentence of running text was found (${blocks.length} blocks, all short lines, chrome or markup)`);
    return doc;
  }
  const built = buildText(raw, s.kept);
  doc.text = built.text;
  doc.offsets = built.offsets;
  doc.paragraphs = built.paragraphs;

  // Metadata: what the manifest put on doc.meta wins; detection fills the rest.
  const json = blobs.map((b) => b.value);
  const meta: DocMeta = { ...doc.meta };
  const titleP = built.paragraphs.find((p) => p.kind === 'title');
  if (meta.title === null) meta.title = titleP ? doc.text.slice(titleP.start, titleP.end) : jsonTitle(json);
  if (meta.title === null) message(doc, 'normalise/no-title', STAGE, `${doc.source}: no title line was found before the body`);
  if (meta.authors.length === 0) meta.authors = authorsFrom(s.bylines, s.bios, json, data);
  if (meta.outlet === null) meta.outlet = outletFrom(s.chrome, json, meta.authors, raw);

  if (meta.publishedBasis !== 'manifest') {
    const stated = statedDate(s.datelines, data, s.bylines, s.title);
    const para = stated ? built.paragraphs.find((p) => p.rawStart === stated.unit.lines[0]?.start) : undefined;
    const tail = stated ? null : statedDate(s.tailDatelines, data);
    const fromJson = jsonPublished(json, data);
    if (stated && para) {
      Object.assign(meta, { published: stated.iso, publishedBasis: 'stated', publishedEvidence: doc.text.slice(para.start, para.end), publishedEvidenceSpan: { start: para.start, end: para.end }, confidence: statedConfidence(stated.rule, true) });
    } else if (tail) {
      // The foot dateline is not kept in the text: the evidence is its raw line, without a span.
      Object.assign(meta, { published: tail.iso, publishedBasis: 'stated', publishedEvidence: tail.unit.text, confidence: statedConfidence(tail.rule, false) });
    } else if (fromJson) {
      Object.assign(meta, { published: fromJson, publishedBasis: 'stated', publishedEvidence: `page metadata: ${fromJson}`, confidence: 0.9 });
    } else {
      const inf = inferPublished(doc, built.paragraphs, data);
      if (inf) {
        Object.assign(meta, { published: inf.published, publishedBasis: 'inferred', publishedEvidence: inf.evidence, publishedEvidenceSpan: inf.span, confidence: inf.confidence });
        message(doc, 'normalise/published-inferred', STAGE, `publication date ${inf.published} inferred (${inf.rule}) from: ${inf.evidence.slice(0, 120)}`, { place: inf.span });
      } else {
        message(doc, 'normalise/no-published', STAGE, `${doc.source}: no publication date is stated and the text gives no dated evidence`);
      }
    }
  }
  doc.meta = meta;
  return doc;
}

export const normaliseStage: Stage = {
  name: STAGE,
  version: '1',
  requires: ['raw'],
  assigns: ['text', 'paragraphs', 'meta'],
  dataFiles: [DATA_FILE],
  run: (doc) => normalise(doc),
};
