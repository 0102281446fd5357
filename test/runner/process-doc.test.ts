import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActorMention } from '../../pipeline/core/schema.ts';
import { ActorMentionSchema, DocMetaSchema, DocumentSchema } from '../../pipeline/core/schema.ts';
import type { Stage } from '../../pipeline/core/stage.ts';
import { processDocument } from '../../pipeline/runner/process-doc.ts';
import { DOC_STAGES as TEST_STAGES } from '../fixtures/runner/stages.ts';
import { removeSandboxes, sandbox } from './helpers.ts';

afterAll(removeSandboxes);

/** A last stage that adds one actor mention over the text's first word, built by `make`. */
function addingMention(make: (doc: { id: string; text: string }) => ActorMention): Stage {
  return { name: 'test-extra', version: '1', requires: ['text'], assigns: ['mentions.actor'], dataFiles: [], run: (doc) => (doc.mentions.push(make(doc)), doc) };
}

describe('processDocument: validating and writing the export', () => {
  it('skips a document that fails the schema with export/invalid, naming the field, and writes nothing', () => {
    const sb = sandbox();
    const bad = addingMention((doc) => ({ id: 'bad', type: 'actor', start: -1, end: 5, text: doc.text.slice(0, 5), actorId: 'x', kind: 'person', canonical: 'X', matchedBy: 'alias', listed: true }));
    const r = processDocument({ dir: sb.input, file: 'a1.txt', outDir: sb.output }, [...TEST_STAGES, bad]);
    expect(r).toMatchObject({ status: 'skipped', reasons: ['export/invalid'] });
    expect(r.rows).toBeUndefined();
    expect(r.log.at(-1)).toMatch(/: fatal export\/invalid: mentions\.\d+\.start: Too small: expected number to be >=0$/);
    expect(existsSync(path.join(sb.output, 'documents', 'a1.json'))).toBe(false);
  });

  it("writes keys in the schema's order whatever order the stages built them in, and the store's JSON is the export's", () => {
    const sb = sandbox();
    // Keys the other way round from ActorMentionSchema's.
    const reversed = addingMention((doc) => ({ listed: false, matchedBy: 'unlisted', canonical: 'Maria', kind: 'person', actorId: 'x:maria', type: 'actor', confidence: 0.5, rule: 'test', text: doc.text.slice(0, 5), end: 5, start: 0, id: 'reversed' }));
    const r = processDocument({ dir: sb.input, file: 'a1.txt', outDir: sb.output }, [...TEST_STAGES, reversed]);
    expect(r.status).toBe('written');
    const text = readFileSync(path.join(sb.output, 'documents', 'a1.json'), 'utf8');
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(Object.keys(DocumentSchema.shape).filter((k) => k in json));
    expect(Object.keys(json.meta)).toEqual(Object.keys(DocMetaSchema.shape).filter((k) => k in json.meta));
    const mention = json.mentions.find((m: { id: string }) => m.id === 'reversed');
    expect(Object.keys(mention)).toEqual(Object.keys(ActorMentionSchema.shape).filter((k) => k in mention));
    expect(text).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(r.rows?.doc.json).toBe(JSON.stringify(json));
    expect(r.rows?.mentions.find((m) => m['id'] === 'reversed')?.['json']).toBe(JSON.stringify(mention));
  });
});
