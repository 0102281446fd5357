/** Reading what the report is rendered from: out/ledger.json and out/documents/*.json, validated. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DocumentSchema, type DocumentJson } from '../../core/schema.ts';
import type { Ledger } from '../types.ts';

const SourceRef = z.object({
  docId: z.string(),
  claimId: z.string().optional(),
  quote: z.string(),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
  published: z.string().nullable().optional(),
  outlet: z.string().nullable().optional(),
});
const Time = z.union([z.string(), z.object({ value: z.string(), range: z.object({ start: z.string(), end: z.string() }).optional() })]);
const Side = z.object({ entryId: z.string().optional(), claims: z.array(SourceRef), label: z.string().optional() });

/** The shape of types.ts as a schema: a guard on what is read from disk (until the ledger exports its own). */
export const ReportLedgerSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      topics: z.array(z.string()).optional(),
      topic: z.string().optional(),
      subject: z.string(),
      relation: z.string(),
      object: z.union([z.string(), z.object({ actorId: z.string().optional(), literal: z.string().optional() })]).nullable().optional(),
      time: Time.nullable().optional(),
      status: z.enum(['corroborated', 'single-source', 'disputed']),
      sources: z.array(SourceRef),
    }),
  ),
  disagreements: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['date', 'figure', 'polarity', 'contrary']),
      topic: z.string().optional(),
      period: z.union([z.string(), z.object({ start: z.string(), end: z.string() })]).nullable().optional(),
      summary: z.string(),
      sides: z.tuple([Side, Side]),
    }),
  ),
  timeline: z
    .array(
      z.object({
        topic: z.string(),
        items: z.array(
          z.object({
            date: z.string(),
            docId: z.string(),
            claimId: z.string().optional(),
            entryId: z.string().optional(),
            quote: z.string(),
            start: z.number().int().nonnegative().optional(),
            end: z.number().int().nonnegative().optional(),
            published: z.string().nullable().optional(),
            disagreementIds: z.array(z.string()).optional(),
          }),
        ),
      }),
    )
    .optional(),
});

export function readLedger(file: string): Ledger {
  return ReportLedgerSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) as Ledger;
}

export function readDocuments(dir: string): DocumentJson[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => DocumentSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
}
