/**
 * Items from the pipeline's output: every mention and claim of a document, and
 * the ledger's disagreements that involve it, in the annotation file's shape.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { sha256 } from '../core/ids.ts';
import { DocumentSchema, type DocumentJson } from '../core/schema.ts';
import { DisagreementSchema, type Disagreement, type Support } from '../ledger/lib/schema.ts';
import { ANNOTATION_FORMAT, compareItems, type AnnotationFile, type AnnotationItem, type ItemType } from './schema.ts';

export const CONTEXT_CHARS = 40;

export function contextOf(text: string, start: number, end: number): { before: string; after: string } {
  return { before: text.slice(Math.max(0, start - CONTEXT_CHARS), start), after: text.slice(end, end + CONTEXT_CHARS) };
}

/**
 * The ledger's disagreements (pipeline/ledger/lib/schema.ts). Only the
 * disagreements list is validated here, against the ledger's own schema, so
 * a change elsewhere in the ledger does not stop annotation. A disagreement
 * involves a document when one of its sides quotes a claim of it.
 */
export const LedgerDisagreementsSchema = z.looseObject({ disagreements: z.array(DisagreementSchema).default([]) });
export type LedgerDisagreement = Disagreement;

export function readLedgerDisagreements(outDir: string): LedgerDisagreement[] {
  const file = path.join(outDir, 'ledger.json');
  if (!existsSync(file)) return [];
  const parsed = LedgerDisagreementsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${file}: disagreements fail the ledger schema at ${i?.path.join('.') ?? ''}: ${i?.message ?? ''}`);
  }
  return parsed.data.disagreements;
}

/** This document's claims quoted by a disagreement, in text order. */
export function supportsIn(doc: Pick<DocumentJson, 'id'>, d: LedgerDisagreement): Support[] {
  return d.sides.flatMap((s) => s.claims.filter((c) => c.docId === doc.id)).sort((a, b) => a.start - b.start);
}

export function disagreementsInvolving(doc: Pick<DocumentJson, 'id'>, all: readonly LedgerDisagreement[]): LedgerDisagreement[] {
  return all.filter((d) => supportsIn(doc, d).length > 0);
}

function omit(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k) && v !== undefined) out[k] = v;
  return out;
}

function pipelineItem(doc: DocumentJson, id: string, type: ItemType, start: number, end: number, output: Record<string, unknown>): AnnotationItem {
  return {
    id,
    type,
    start,
    end,
    text: doc.text.slice(start, end),
    status: 'pending',
    origin: 'pipeline',
    latest: 'present',
    anchor: 'exact',
    context: contextOf(doc.text, start, end),
    output,
  };
}

/** The items a run produced for a document (all pending), in stable order. */
export function itemsFromDocument(doc: DocumentJson, disagreements: readonly LedgerDisagreement[] = []): AnnotationItem[] {
  const items: AnnotationItem[] = [];
  for (const m of doc.mentions) items.push(pipelineItem(doc, m.id, m.type, m.start, m.end, omit(m, ['id', 'type', 'start', 'end', 'text'])));
  for (const c of doc.claims) items.push(pipelineItem(doc, c.id, 'claim', c.start, c.end, omit(c, ['id', 'start', 'end', 'quote', 'docId'])));
  for (const d of disagreementsInvolving(doc, disagreements)) {
    const first = supportsIn(doc, d)[0];
    const ok = first && first.end <= doc.text.length && doc.text.slice(first.start, first.end) === first.quote;
    items.push(pipelineItem(doc, d.id, 'disagreement', ok ? first.start : 0, ok ? first.end : 0, omit(d, ['id'])));
  }
  return items.sort(compareItems);
}

export function draftFile(doc: DocumentJson, disagreements: readonly LedgerDisagreement[] = []): AnnotationFile {
  return { format: ANNOTATION_FORMAT, docId: doc.id, source: doc.source, textHash: sha256(doc.text), items: itemsFromDocument(doc, disagreements) };
}

export function readDocument(outDir: string, id: string): DocumentJson {
  const file = path.join(outDir, 'documents', `${id}.json`);
  const parsed = DocumentSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: fails the document schema: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
