/**
 * The JSON Schema of out/documents/<id>.json, generated from the zod schema
 * (pipeline/core/schema.ts, the source of truth) with zod 4's toJSONSchema.
 * `npm run schema` writes docs/schema/document.schema.json; a test checks the
 * committed file is up to date.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { writeFileAtomic } from '../core/fs-atomic.ts';
import { DocumentSchema } from '../core/schema.ts';

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'schema', 'document.schema.json');

export function documentJsonSchemaText(): string {
  const schema = z.toJSONSchema(DocumentSchema, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
  const out = {
    $schema: schema['$schema'],
    $id: 'https://example.invalid/claims-pipeline/document.schema.json',
    title: 'Normalised document (out/documents/<id>.json)',
    description: 'Generated from pipeline/core/schema.ts (DocumentSchema) by `npm run schema`; do not edit by hand.',
    ...schema,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export function writeDocumentJsonSchema(file = SCHEMA_FILE): string {
  writeFileAtomic(file, documentJsonSchemaText());
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.error(`wrote ${path.relative(process.cwd(), writeDocumentJsonSchema())}`);
}
