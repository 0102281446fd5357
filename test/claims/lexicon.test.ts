import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../pipeline/claims/extract.ts';
import { compileCue, compileLexicon, CuesFileSchema, loadLexicon, RelationsFileSchema } from '../../pipeline/claims/lexicon.ts';
import { DataFileError } from '../../pipeline/core/data.ts';
import { markedDoc } from './mark.ts';

const lex = loadLexicon();

describe('relation lexicon: every example yields its relation, no counter-example does', () => {
  const cases = lex.file.relations.flatMap((r) => r.examples.map((ex, i) => ({ r, ex, i })));
  it.each(cases.map((c) => [`${c.r.id} #${c.i}: ${c.ex.text}`, c] as const))('%s', (_name, { r, ex }) => {
    const doc = markedDoc('ex', ex.text, '2020-06-01');
    const claims = extractClaims(doc, { lexicon: lex }).filter((c) => c.relation === r.id);
    expect(claims.length, `no ${r.id} claim in: ${doc.text}`).toBeGreaterThan(0);
    const c = claims[0]!;
    if (ex.subject) expect(c.subject).toBe(ex.subject);
    if (ex.object) expect(c.object?.actorId).toBe(ex.object);
    expect(c.polarity).toBe(ex.polarity ?? 'affirmed');
    if (ex.modality) expect(c.modality).toBe(ex.modality);
    expect(c.quote).toBe(doc.text.slice(c.start, c.end));
  });
  const counter = lex.file.relations.flatMap((r) => r.counterExamples.map((t) => ({ r, t })));
  it.each(counter.map((c) => [`${c.r.id}: ${c.t}`, c] as const))('not %s', (_name, { r, t }) => {
    const doc = markedDoc('cx', t, '2020-06-01');
    expect(extractClaims(doc, { lexicon: lex }).filter((c) => c.relation === r.id)).toEqual([]);
  });
});

describe('cue lists: examples match, counter-examples do not', () => {
  const lists = [
    ['negation', lex.negation, lex.cues.negation],
    ['hedge', lex.hedge, lex.cues.hedge],
    ['reporting', new RegExp(`${lex.reporting.source}|${lex.reportingAfter.source}`, 'gi'), lex.cues.reporting],
    ['prediction', lex.prediction, lex.cues.prediction],
  ] as const;
  for (const [name, re, list] of lists) {
    it.each(list.examples)(`${name} matches: %s`, (t) => {
      re.lastIndex = 0;
      expect(re.test(t)).toBe(true);
    });
    it.each(list.counterExamples.length ? list.counterExamples : ['(none)'])(`${name} does not match: %s`, (t) => {
      if (t === '(none)') return;
      re.lastIndex = 0;
      expect(re.test(t)).toBe(false);
    });
  }
});

describe('lexicon validation fails loudly', () => {
  const base = lex.file;
  it('rejects a contrary relation that is not defined', () => {
    const bad = RelationsFileSchema.parse({ ...base, relations: [{ ...base.relations[0]!, contrary: ['nope.nope'] }] });
    expect(() => compileLexicon(bad, lex.cues)).toThrow(DataFileError);
  });
  it('rejects a contrary relation of another family', () => {
    const rels = base.relations.map((r) => (r.id === 'sanctions.impose' ? { ...r, contrary: ['prisoners.release'] } : r));
    expect(() => compileLexicon({ ...base, relations: rels }, lex.cues)).toThrow(/same family/);
  });
  it('rejects a relation without examples', () => {
    expect(RelationsFileSchema.safeParse({ ...base, relations: [{ ...base.relations[0]!, examples: [] }] }).success).toBe(false);
  });
  it('rejects cue lists without examples', () => {
    expect(CuesFileSchema.safeParse({ ...lex.cues, hedge: { cues: ['may'], examples: [] } }).success).toBe(false);
  });
});

describe('compileCue', () => {
  it.each([
    ['impos* sanctions', 'the EU imposed sanctions', true],
    ['impos* sanctions', 'the EU superimposed sanctions', false],
    ['lift* ... sanctions', 'lifted long standing sanctions', true],
    ['lift* ... sanctions', 'lifted a b c d e f g sanctions', false],
    ['distanc* {self} from', 'distance himself from', true],
    ['closer to', 'closer together', false],
  ])('%s ~ %s → %s', (cue, text, want) => {
    expect(new RegExp(compileCue(cue), 'i').test(text)).toBe(want);
  });
});
