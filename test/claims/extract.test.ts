import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../pipeline/claims/extract.ts';
import { claimsStage } from '../../pipeline/claims/stage.ts';
import { claimsHarness } from './harness.ts';
import { markedDoc } from './mark.ts';

const PUB = '2024-03-10';
const { extract, one } = claimsHarness('t', PUB, { 'person:ana-vale': 'CHL', 'person:ivo-petrov': 'BGR', 'person:mara-lind': 'SWE' });

describe('modality', () => {
  it.each([
    ['asserted', '[Chile:CHL] lifted sanctions on [Peru:PER] in {May 2023|2023-05}.', 'sanctions.lift', undefined],
    ['reported, with the speaker', '[Ivo Petrov:person:ivo-petrov] said that [Chile:CHL] lifted sanctions on [Peru:PER].', 'sanctions.lift', 'person:ivo-petrov'],
    ['reported via "according to"', 'According to [Reuters:org:reuters], [Chile:CHL] lifted sanctions on [Peru:PER].', 'sanctions.lift', 'org:reuters'],
    ['hedged', '[Chile:CHL] may lift sanctions on [Peru:PER].', 'sanctions.lift', undefined],
    ['predicted by a future date', '[Chile:CHL] holds a presidential election in {2026|2026}.', 'election.held', undefined],
    ['predicted by "will"', '[Chile:CHL] will lift sanctions on [Peru:PER].', 'sanctions.lift', undefined],
  ])('%s', (name, marked, relation, attributedTo) => {
    const c = one(marked, relation);
    const want = name.split(/[ ,]/)[0];
    expect(c.modality).toBe(want);
    expect(c.attributedTo).toBe(attributedTo);
  });
});

describe('polarity', () => {
  it.each([
    ['not before the cue', '[Chile:CHL] did not lift sanctions on [Peru:PER].', 'sanctions.lift', 'negated'],
    ['"unlikely that"', 'It is unlikely that [Chile:CHL] is moving closer to [Peru:PER].', 'alignment.toward', 'negated'],
    ['"abandoned"', '[Chile:CHL] has abandoned all talk of integration with [Peru:PER].', 'alignment.integrate', 'negated'],
    ['passive rejection after the cue', 'A [Peruvian:PER:adjective] air base in the north was rejected by [Chile:CHL].', 'military.base', 'negated'],
    ['negation across a comma and "whose" does not reach', 'It is not [NATO:org:nato], whose delegation visited [Chile:CHL] in {April|2023-04}.', 'diplomacy.visit', 'affirmed'],
    ['"cannot be ruled out" is not a negation', 'An annexation of [Moldova:MDA] by [Romania:ROU] cannot be ruled out.', 'independence.threaten', 'affirmed'],
    ['a negation inside a parenthesis does not reach', '[Russia:RUS] (without being named) was presented as a threat to [Chilean:CHL:adjective] sovereignty.', 'independence.threaten', 'affirmed'],
  ])('%s', (_n, marked, relation, polarity) => {
    expect(one(marked, relation).polarity).toBe(polarity);
  });
});

describe('time', () => {
  it('takes the date of the clause, else of the sentence, else the narrative, else the publication date', () => {
    const { claims } = extract(
      [
        'In {2014|2014} [Chile:CHL] lifted sanctions on [Peru:PER]; [Peru:PER] released 12 prisoners.',
        'Protests spread in {June 2015|2015-06}. [Chilean:CHL:adjective] police detained 40 students.',
        '[Chile:CHL] is moving closer to [Peru:PER].',
      ].join('\n\n'),
    );
    const by = (r: string) => claims.find((c) => c.relation === r)!.time;
    expect(by('sanctions.lift')).toMatchObject({ value: '2014', basis: 'clause' });
    expect(by('prisoners.release')).toMatchObject({ value: '2014', basis: 'sentence' });
    expect(by('prisoners.detain')).toMatchObject({ value: '2015-06', basis: 'narrative' });
    expect(by('alignment.toward')).toMatchObject({ value: PUB, basis: 'document' });
    const conf = (r: string) => claims.find((c) => c.relation === r)!.confidence;
    expect(conf('sanctions.lift')).toBeGreaterThan(conf('prisoners.detain'));
    expect(conf('prisoners.detain')).toBeGreaterThan(conf('alignment.toward'));
  });
});

describe('subjects and objects', () => {
  it('resolves "he" to the last person, with lower confidence', () => {
    const { claims } = extract('[Ivo Petrov:person:ivo-petrov] arrived on Monday. He met with [Mara Lind:person:mara-lind].');
    const c = claims.find((x) => x.relation === 'diplomacy.meet')!;
    expect(c.subject).toBe('person:ivo-petrov');
    expect(c.subjectBasis).toBe('anaphora');
    expect(c.object?.actorId).toBe('person:mara-lind');
    expect(c.confidence).toBeLessThan(0.85);
  });

  it('resolves "the country" to the state most mentioned just before', () => {
    const c = one('[Peru:PER] and [Chile:CHL] talked. [Chile:CHL] voted. [Ana Vale:person:ana-vale] wants to defend the country\'s sovereignty.', 'independence.defend');
    expect(c.subject).toBe('person:ana-vale');
    expect(c.object?.actorId).toBe('CHL');
  });

  it("reads a leader's foreign-policy stance as his state's", () => {
    const c = one('[Ivo Petrov:person:ivo-petrov] is trying to distance himself from [Russia:RUS].', 'alignment.away');
    expect(c.subject).toBe('BGR');
    expect(c.object?.actorId).toBe('RUS');
  });

  it('takes the head, not the modifier, of "Chilean President Ana Vale"', () => {
    const c = one('[Chilean:CHL:adjective] President [Ana Vale:person:ana-vale] visited [Lima:PER] in {May|2023-05}.', 'diplomacy.visit');
    expect(c.subject).toBe('person:ana-vale');
    expect(c.object?.actorId).toBe('PER');
  });

  it('swaps roles for a recipient-first cue ("received a loan from")', () => {
    const c = one('[Peru:PER] received a new <500 million dollar|500000000|USD|loan> loan from [Chile:CHL].', 'finance.loan');
    expect(c.subject).toBe('CHL');
    expect(c.object?.actorId).toBe('PER');
    expect(c.value).toMatchObject({ value: 500000000, unit: 'USD' });
  });

  it('finds no claim in a question', () => {
    expect(extract('Is [Chile:CHL] moving closer to [Peru:PER]?').claims).toEqual([]);
  });

  it('leaves a claims/no-subject message when a cue has no subject', () => {
    const doc = markedDoc('t', 'The lifting of sanctions was welcomed.', null);
    expect(extractClaims(doc)).toEqual([]);
    expect(doc.messages.map((m) => m.ruleId)).toContain('claims/no-subject');
  });
});

describe('claims carry exact offsets and stable ids', () => {
  const marked = '[Chile:CHL] lifted sanctions on [Peru:PER] in {May 2023|2023-05}. [Peru:PER] freed 12 political prisoners.';
  it('quote is the text slice; the cue lies inside it; ids are stable across runs', () => {
    const a = extract(marked);
    const b = extract(marked);
    expect(a.claims.map((c) => c.id)).toEqual(b.claims.map((c) => c.id));
    expect(new Set(a.claims.map((c) => c.id)).size).toBe(a.claims.length);
    for (const c of a.claims) {
      expect(c.quote).toBe(a.text.slice(c.start, c.end));
      expect(c.cue!.start).toBeGreaterThanOrEqual(c.start);
      expect(c.cue!.end).toBeLessThanOrEqual(c.end);
      expect(c.mentionIds.length).toBeGreaterThan(0);
    }
  });
});

describe('claims stage', () => {
  it('declares its place in the pipeline and assigns claims', () => {
    expect(claimsStage.requires).toEqual(['text', 'mentions.date', 'mentions.actor', 'mentions.quantity']);
    expect(claimsStage.assigns).toEqual(['claims']);
    const doc = claimsStage.run(markedDoc('s', '[Chile:CHL] lifted sanctions on [Peru:PER].', PUB));
    expect(doc.claims.map((c) => c.relation)).toEqual(['sanctions.lift']);
  });
});

describe('reported speech without a listed speaker, and unlisted objects', () => {
  it('reads a trailing attribution ("…, officials said.") as reported, naming the speakers', () => {
    const c = one('[Peru:PER] released 15 prisoners on {13 May 2023|2023-05-13}, officials said.', 'prisoners.release');
    expect(c.modality).toBe('reported');
    expect(c.attributedTo).toBe('officials');
  });
  it('keeps the literal source of "according to" when it is no listed actor', () => {
    const c = one('[Peru:PER] received a loan from [Chile:CHL], according to the finance ministry.', 'finance.loan');
    expect(c.attributedTo).toBe('the finance ministry');
  });
  it('keeps an unlisted capitalised object as a literal', () => {
    const c = one('[Peru:PER] refused to recognise Abkhazia.', 'recognition.recognise');
    expect(c.object).toEqual({ literal: 'Abkhazia' });
    expect(c.polarity).toBe('negated');
  });
});
