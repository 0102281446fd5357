/** Reading what the report is rendered from: out/ledger.json and out/documents/*.json, both validated by their schemas. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../../core/ids.ts';
import { DocumentSchema, type DocumentJson } from '../../core/schema.ts';
import { readLedger as readLedgerFile } from '../../ledger/index.ts';
import type { DocSource, Ledger } from '../types.ts';

export function readLedger(file: string): Ledger {
  return readLedgerFile(file);
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readDocuments(dir: string): DocumentJson[] {
  return jsonFiles(dir).map((f) => DocumentSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
}

/**
 * The documents of an export folder (<id>.json each) as a DocSource: the
 * hash is the file's sha256, and a file is parsed and validated only when
 * load() asks for it (its page must be re-rendered).
 */
export function documentSource(dir: string): DocSource {
  const files = new Map(jsonFiles(dir).map((f) => [path.basename(f, '.json'), path.join(dir, f)]));
  const fileOf = (id: string): string => {
    const f = files.get(id);
    if (f === undefined) throw new Error(`report: no document ${id} in ${dir}`);
    return f;
  };
  return {
    ids: [...files.keys()],
    hash: (id) => sha256(readFileSync(fileOf(id))),
    load: (id) => DocumentSchema.parse(JSON.parse(readFileSync(fileOf(id), 'utf8'))),
  };
}
