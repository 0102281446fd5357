/** Reading what the report is rendered from: out/ledger.json and out/documents/*.json, both validated by their schemas. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DocumentSchema, type DocumentJson } from '../../core/schema.ts';
import { readLedger as readLedgerFile } from '../../ledger/index.ts';
import type { Ledger } from '../types.ts';

export function readLedger(file: string): Ledger {
  return readLedgerFile(file);
}

export function readDocuments(dir: string): DocumentJson[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => DocumentSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
}
