import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationFileError, parseAnnotations, readAnnotations, serialiseAnnotations, writeAnnotations } from '../../pipeline/annotate/format.ts';
import { draftFile } from '../../pipeline/annotate/items.ts';
import { updateAnnotations } from '../../pipeline/annotate/update.ts';
import { storyDoc, writeDoc, STORY_ID } from '../fixtures/annotate/build.ts';

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ann-format-'));
}

describe('annotation file format', () => {
  it('round-trips and is stable whatever the input order', () => {
    const file = draftFile(storyDoc());
    const text = serialiseAnnotations(file);
    const reversed = serialiseAnnotations({ ...file, items: [...file.items].reverse() });
    expect(reversed).toBe(text);
    expect(parseAnnotations('x.json', text)).toEqual(file);
  });

  it('sorts items by start, then type, then id', () => {
    const file = draftFile(storyDoc());
    const back = parseAnnotations('x.json', serialiseAnnotations(file));
    const keys = back.items.map((i) => [i.start, i.type]);
    const sorted = [...keys].sort((a, b) => (a[0] as number) - (b[0] as number) || String(a[1]).localeCompare(String(b[1])));
    expect(keys).toEqual(sorted);
    // the claim and the actor "Norway" both start at 0: actor sorts before claim
    expect(back.items[0]!.type).toBe('actor');
    expect(back.items[1]!.type).toBe('claim');
  });

  it('takes a few lines per item, not one per key', () => {
    const file = draftFile(storyDoc());
    const lines = serialiseAnnotations(file).split('\n').length;
    expect(lines).toBeLessThanOrEqual(9 + file.items.length * 7);
  });

  const broken: [string, (t: string) => string, number, RegExp][] = [
    ['a missing comma', (t) => t.replace('"status": "pending",', '"status": "pending"'), 0, /not valid JSON/],
    ['an unknown status', (t) => t.replace('"status": "pending"', '"status": "maybe"'), 0, /items\.\d+\.status/],
    ['a negative offset', (t) => t.replace(/"start": (\d+)/, '"start": -3'), 0, /items\.0\.start/],
    ['a truncated file', (t) => t.slice(0, Math.floor(t.length / 2)), -1, /not valid JSON/],
  ];
  it.each(broken)('reports %s with the right line', (_, mangle, _unused, problem) => {
    const good = serialiseAnnotations(draftFile(storyDoc()));
    const bad = mangle(good);
    expect(bad).not.toBe(good);
    let err: unknown;
    try {
      parseAnnotations('annotations/x.json', bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AnnotationFileError);
    const e = err as AnnotationFileError;
    expect(e.message).toMatch(problem);
    expect(e.file).toBe('annotations/x.json');
    // the line of the first difference, or the line right after it (a parser notices a missing comma on the next token)
    const firstDiff = [...bad].findIndex((ch, i) => ch !== good[i]);
    const diffLine = bad.slice(0, firstDiff === -1 ? bad.length : firstDiff).split('\n').length;
    expect(e.line === diffLine || e.line === diffLine + 1 || (firstDiff === -1 && e.line >= diffLine - 1)).toBe(true);
  });

  it('names the line of a duplicated id', () => {
    const file = draftFile(storyDoc());
    const text = serialiseAnnotations(file).replace(file.items[1]!.id, file.items[0]!.id);
    expect(() => parseAnnotations('f.json', text)).toThrow(/f\.json:\d+: duplicate item id/);
  });

  it('leaves a broken file untouched on update and reports file and line', () => {
    const out = tmp();
    const ann = tmp();
    writeDoc(out, storyDoc());
    const target = path.join(ann, `${STORY_ID}.json`);
    writeAnnotations(target, draftFile(storyDoc()));
    const mangled = readFileSync(target, 'utf8').replace('"status": "pending"', '"status": "yes"');
    writeFileSync(target, mangled);
    const r = updateAnnotations(out, ann);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.file).toBe(target);
    expect(r.errors[0]!.line).toBeGreaterThan(5);
    expect(readFileSync(target, 'utf8')).toBe(mangled);
  });

  it('gives the version as the hash of the bytes', () => {
    const ann = tmp();
    const target = path.join(ann, 'a.json');
    const v = writeAnnotations(target, draftFile(storyDoc()));
    expect(readAnnotations(target).version).toBe(v);
  });
});
