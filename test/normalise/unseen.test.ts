import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createDoc } from '../../pipeline/core/doc.ts';
import { normalise } from '../../pipeline/normalise/index.ts';
import { expectOffsetsRoundTrip } from './check.ts';

// The held-out article pastes of the unseen-story probe (test/fixtures/unseen, written by QA): no rule
// was written from them. Each must normalise to the hand-written title, authors, outlet and publication
// month of expected.yaml, from a date the page states.
const DIR = new URL('../fixtures/unseen/', import.meta.url);
interface Expected {
  title: string;
  authors: string[];
  outlet: string | null;
  published: string;
}
const expected = (YAML.parse(readFileSync(new URL('expected.yaml', DIR), 'utf8')) as { documents: Record<string, Expected> }).documents;
const files = readdirSync(DIR).filter((f) => f.endsWith('.txt'));

describe('unseen fixtures: every paste has expected facts', () => {
  it('has an expected.yaml entry for each paste', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(Object.keys(expected)).toContain(f.replace(/\.txt$/, ''));
  });
});

describe.each(files)('unseen fixture %s', (file) => {
  const id = file.replace(/\.txt$/, '');
  const e = expected[id]!;
  const doc = normalise(createDoc(id, file, readFileSync(new URL(file, DIR), 'utf8')));

  it('finds the title', () => {
    expect(doc.meta.title).toBe(e.title);
  });
  it('finds the publication month from a stated date, with evidence in the text', () => {
    expect(doc.meta.published?.slice(0, 7)).toBe(String(e.published).slice(0, 7));
    expect(doc.meta.publishedBasis).toBe('stated');
    const span = doc.meta.publishedEvidenceSpan!;
    expect(doc.text.slice(span.start, span.end)).toBe(doc.meta.publishedEvidence);
  });
  it('finds the authors and the outlet', () => {
    expect(doc.meta.authors).toEqual(e.authors);
    expect(doc.meta.outlet).toBe(e.outlet);
  });
  it('maps every character back to raw', () => {
    expectOffsetsRoundTrip(doc);
  });
});
