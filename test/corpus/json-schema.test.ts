import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentJsonSchemaText, SCHEMA_FILE } from '../../pipeline/corpus/json-schema.ts';

describe('docs/schema/document.schema.json', () => {
  it('is up to date with the zod DocumentSchema (run `npm run schema` after changing pipeline/core/schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(documentJsonSchemaText());
  });
  it('describes the document fields the issue asks for', () => {
    const s = JSON.parse(documentJsonSchemaText()) as { properties: Record<string, { properties?: Record<string, unknown> }>; required: string[] };
    for (const k of ['id', 'source', 'meta', 'text', 'paragraphs', 'messages']) expect(s.required).toContain(k);
    for (const k of ['title', 'authors', 'outlet', 'published', 'publishedBasis', 'publishedEvidence', 'confidence']) expect(s.properties['meta']?.properties).toHaveProperty(k);
  });
});
