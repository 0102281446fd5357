/**
 * Classes of phenomena the claims stage must handle on articles nobody has seen (fresh sentences of our own,
 * in several countries' contexts): datelines, passive voice, appositions, pronouns by gender and subject
 * position, negation scope, irrealis and predictions, typed values, dates that belong to another clause.
 */
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../pipeline/claims/extract.ts';
import { claimsHarness } from './harness.ts';
import { markedDoc } from './mark.ts';

const PUB = '2024-11-04';
const { claimsOf, one } = claimsHarness('g', PUB, { 'person:ana-vale': 'CHL', 'person:ivo-petrov': 'BGR', 'person:lena-berg': 'SWE' });

describe('subjects', () => {
  it.each([
    ['a wire dateline is never the subject', '[KYIV:UKR], Nov 4 (Reuters) - [Chile:CHL]\'s President [Ana Vale:person:ana-vale] won a second term on {Sunday|2024-11-03}.', 'election.win', 'person:ana-vale', undefined],
    ['a place is never the subject', '[Lima:place:lima] saw [Ana Vale:person:ana-vale] win the runoff on {3 November|2024-11-03}.', 'election.win', 'person:ana-vale', undefined],
    ['passive: the arrested is the object, the by-phrase the agent', '[Ivo Petrov:person:ivo-petrov] was arrested by [Romanian:ROU:adjective] police on {3 May 2021|2021-05-03}.', 'prisoners.detain', 'ROU', 'person:ivo-petrov'],
    ['passive without agent: the reporting state', '[Bulgaria:BGR] said that [Ivo Petrov:person:ivo-petrov] was detained.', 'prisoners.detain', 'BGR', 'person:ivo-petrov'],
    ['coordinated passive participles', '[Ivo Petrov:person:ivo-petrov] was arrested, released and, in {2017|2017}, sentenced to seven years in [Bulgaria:BGR].', 'prisoners.imprison', 'BGR', 'person:ivo-petrov'],
    ['an apposition takes the person, not the organisation', 'A former [IMF:org:imf] economist, [Lena Berg:person:lena-berg] was elected president in {2016|2016}.', 'election.win', 'person:lena-berg', undefined],
    ['"X, which V": the head of the relative clause', 'The talks were hailed by the [European Union:org:eu], which opened accession talks with [Albania:ALB] in {July 2022|2022-07}.', 'organisation.talks', 'ALB', 'org:eu'],
    ['"the N of X" stands for X', 'In {February 2024|2024-02}, the congress of [Abkhazia:ABK] asked [Russia:RUS] to annex the region.', 'independence.request-annexation', 'ABK', 'RUS'],
    ['"according to X, Y did": Y, not the source', 'According to the police chief, [Lena Berg:person:lena-berg], a network run by [Ivo Petrov:person:ivo-petrov] paid 5,000 voters.', 'interference.vote-buying', 'person:ivo-petrov', undefined],
    ['a compound adjective ("Moscow-friendly") is no object', '[Ana Vale:person:ana-vale] beat the [Moscow:RUS]-friendly incumbent [Ivo Petrov:person:ivo-petrov] in the runoff.', 'election.win', 'person:ana-vale', 'person:ivo-petrov'],
    ['the object after "against"', '[Ana Vale:person:ana-vale] won the runoff on {3 November|2024-11-03} with 55 percent against [Ivo Petrov:person:ivo-petrov].', 'election.win', 'person:ana-vale', 'person:ivo-petrov'],
  ])('%s', (_n, marked, relation, subject, object) => {
    const c = one(marked, relation);
    expect(c.subject).toBe(subject);
    expect(c.object?.actorId).toBe(object);
  });

  it('never resolves "she" to a person known to be male, even the nearest', () => {
    const c = one(
      '[Ana Vale:person:ana-vale], a former businesswoman, met [Mr Ivo Petrov:person:ivo-petrov] in {May 2023|2023-05}. She beat him in the runoff in {2024|2024}.',
      'election.win',
    );
    expect(c.subject).toBe('person:ana-vale');
    expect(c.object?.actorId).toBe('person:ivo-petrov');
  });

  it('prefers the previous subject to the last name for a pronoun starting a sentence', () => {
    const c = one('[Ana Vale:person:ana-vale] first won the presidency in {2016|2016}, defeating [Ivo Petrov:person:ivo-petrov]. She has since moved closer to [Peru:PER].', 'alignment.toward');
    expect(c.subject).toBe('CHL');
    expect(c.subjectBasis).toBe('anaphora');
  });

  it('"the region" prefers a state that is part of another', () => {
    const doc = markedDoc('r', '[Russia:RUS] watched [Abkhazia:ABK] closely. [Russia:RUS] said the region would ask to be annexed.', PUB);
    const c = extractClaims(doc, { isRegion: (id) => id === 'ABK' }).find((x) => x.relation === 'independence.request-annexation');
    expect(c?.subject).toBe('ABK');
  });
});

describe('polarity and modality', () => {
  it.each([
    ['negation stops at its own verb phrase', 'The [Chilean:CHL:adjective] president did not hide her anger on election night.', 'election.held', 'affirmed', 'asserted'],
    ['negation of a noun cue through its verb', 'The congress of [Abkhazia:ABK] did not request annexation.', 'independence.request-annexation', 'negated', 'asserted'],
    ['"denied" + gerund', '[Ivo Petrov:person:ivo-petrov] has denied paying voters.', 'interference.vote-buying', 'negated', 'asserted'],
    ['an embedded "whether" is hedged', 'On Sunday, voters in [Chile:CHL] were asked whether the country should join the [European Union:org:eu].', 'organisation.join', 'affirmed', 'hedged'],
    ['a conditional main clause is hedged', 'If [Ivo Petrov:person:ivo-petrov] wins, [Bulgaria:BGR] may lift sanctions on [Russia:RUS].', 'sanctions.lift', 'affirmed', 'hedged'],
    ['"predicted that … would" is predicted', 'Analysts predicted that [Chile:CHL] would lift sanctions on [Peru:PER].', 'sanctions.lift', 'affirmed', 'predicted'],
    ['"the next elections" are predicted', 'Whether the course can survive the next elections in [Chile:CHL] is another matter.', 'election.held', 'affirmed', 'predicted'],
    ['a fronted subordinate clause keeps its hedge to itself', 'When [Peru:PER] refused to pay an alleged debt, [Chile:CHL] declared a state of emergency on {October 22, 2021|2021-10-22}.', 'emergency.declare', 'affirmed', 'asserted'],
    ['a threat is not the act', '[Gazprom:org:gazprom] threatened to cut supplies to [Chile:CHL].', 'energy.cut', 'affirmed', 'hedged'],
  ])('%s', (_n, marked, relation, polarity, modality) => {
    const c = one(marked, relation);
    expect(c.polarity).toBe(polarity);
    expect(c.modality).toBe(modality);
  });

  it('keeps promo lines below any corroborating confidence', () => {
    const c = one('Get weekly news and analysis on the elections in [Chile:CHL] with our newsletter. Sign up here.', 'election.held');
    expect(c.confidence).toBeLessThanOrEqual(0.2);
  });
});

describe('values and times', () => {
  it('takes no money as a headcount, and no figure far from the cue', () => {
    const c = one('[Ivo Petrov:person:ivo-petrov] was sentenced by a [Slovak:SVK:adjective] court to nine years for taking bribes of <260 million lei|260000000|count|lei>.', 'prisoners.imprison');
    expect(c.value).toBeUndefined();
    expect(c.object?.actorId).toBe('person:ivo-petrov');
  });

  it('gives a vote share to the winner', () => {
    const c = one('[Ana Vale:person:ana-vale] beat [Ivo Petrov:person:ivo-petrov] in the {November 15, 2020|2020-11-15} runoff with <57.7 percent|57.7|percent>.', 'election.win');
    expect(c.value).toMatchObject({ value: 57.7, unit: 'percent' });
    expect(c.time).toMatchObject({ value: '2020-11-15', basis: 'clause' });
  });

  it.each([
    ['a date in a relative clause after the cue', '[Russia:RUS] keeps about <1,500|1500|count|troops|approx> troops in [Georgia:GEO], a region that broke away in {1992|1992}.', 'military.presence'],
    ['a date enclosed in a relative clause before the cue', '[Ivo Petrov:person:ivo-petrov], a businessman who was jailed in {2014|2014}, has denied paying voters.', 'interference.vote-buying'],
    ['the time of a report ("said on Monday")', '[Ana Vale:person:ana-vale] had 55 percent against [Ivo Petrov:person:ivo-petrov], the commission said on {Monday|2024-11-04}.', 'election.win'],
  ])('does not take %s', (_n, marked, relation) => {
    expect(one(marked, relation).time.basis).toBe('document');
  });

  it('reads "since <date>" of a present stance as a period up to publication', () => {
    const c = one('[Chile:CHL] has not bought gas from [Peru:PER] since {December 2022|2022-12}.', 'energy.supply');
    expect(c.time.range).toEqual({ start: '2022-12', end: PUB });
    expect(c.polarity).toBe('negated');
  });

  it('drops a relation that needs an object when it has none', () => {
    expect(claimsOf('The {2019|2019} parliamentary election left no party with a majority.').map((c) => c.relation)).not.toContain('organisation.leave');
  });
});
