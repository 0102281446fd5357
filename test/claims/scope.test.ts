/**
 * Round-2 review classes, on fresh sentences of our own (other countries and stories): the claim's time taken
 * from its own clause (not a later clause's date, an announcement's date, a year inside an event's name, or a
 * "since" date carried into the next sentence); hedges, predictions and negation scoped to the cue's verb phrase;
 * coordinated subjects each acting, and an unnamed target read as the story's focal state.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../pipeline/core/schema.ts';
import { claimsHarness } from './harness.ts';

const PUB = '2023-06-12';
const { claimsOf, one } = claimsHarness('s', PUB, { 'person:rosa-quispe': 'PER', 'person:tomas-varga': 'HUN', 'person:amara-diallo': 'SEN' });

function all(marked: string, relation: string): Claim[] {
  return claimsOf(marked).filter((x) => x.relation === relation);
}

describe('the time of a claim is its own clause\'s', () => {
  it('takes the month, not the year inside the exercise\'s name', () => {
    const c = one('Steppe Eagle {2019|2019}, the largest set of drills [Kazakhstan:KAZ] has hosted, took place in {August|2019-08} and involved <3,000 troops|3000|count>.', 'military.exercise');
    expect(c.time).toMatchObject({ value: '2019-08', basis: 'clause' });
  });

  it('keeps a year glued to a name when it is the only date', () => {
    const c = one('[Kenya:KEN] took part in the Cutlass Express {2021|2021} naval exercises.', 'military.exercise');
    expect(c.time.value).toBe('2021');
  });

  it('still reads a sentence-initial "In 2018" as the time', () => {
    const c = one('In {2018|2018}, [Peru:PER] held joint exercises with [Chile:CHL].', 'military.exercise');
    expect(c.time).toMatchObject({ value: '2018', basis: 'clause' });
  });

  it('does not give an announcement\'s date to what it announced', () => {
    const c = one('The {March 3|2023-03-03} announcement that [Senegal:SEN] would host joint drills with [France:FRA] surprised its neighbours.', 'military.exercise');
    expect(c.time.value).not.toBe('2023-03-03');
  });

  it('does not take the date of a later clause', () => {
    const c = one('Though [Peru:PER] is dependent on [China:CHN] for copper sales, its president [Rosa Quispe:person:rosa-quispe] quarrelled with [Beijing:CHN] ahead of the {April 9th|2023-04-09} summit.', 'economy.dependence');
    expect(c.time.basis).toBe('document');
  });

  it('does not take another clause\'s "since" date', () => {
    const c = one('[Tomas Varga:person:tomas-varga] has led [Hungary:HUN] since {2010|2010} and is the only leader to be re-elected since the country joined the [EU:org:eu].', 'organisation.join');
    expect(c.time.value).not.toBe('2010');
  });

  it('gives a habit told in the present perfect with a gerund no single time', () => {
    const c = one('[Tomas Varga:person:tomas-varga] has kept power by holding referendums on every major reform.', 'election.referendum');
    expect(c.time).toEqual({ value: 'PAST_REF', basis: 'document' });
  });

  it('keeps the publication date for a single event in the present perfect', () => {
    const c = one('[Senegal:SEN] has joined the [African Development Fund:org:adf] board.', 'organisation.join');
    expect(c.time).toEqual({ value: PUB, basis: 'document' });
  });

  it('does not carry a "since" date into the next sentence as its time', () => {
    const c = one(
      'Since the coup of {July 2021|2021-07}, [Senegal:SEN] has drifted away from [France:FRA]. Officials in [Dakar:SEN] signed a fishing agreement with [Spain:ESP].',
      'diplomacy.agreement',
    );
    expect(c.time.value).not.toBe('2021-07');
  });
});

describe('modality and negation stay with the cue\'s own verb phrase', () => {
  it.each([
    ['"might" of a later relative clause', '[Amara Diallo:person:amara-diallo] visited [Madrid:place:madrid] in {May|2023-05}, a trip that might lead to new fishing rights.', 'diplomacy.visit', 'affirmed', 'asserted'],
    ['"will" of a coordinated verb', '[Peru:PER] hosted talks between the rival factions and will hold a vote on the plan.', 'mediation.host', 'affirmed', 'asserted'],
    ['"cannot be ruled out" after its noun cue still hedges', 'The annexation of [Transnistria:place:transnistria] by [Russia:RUS] cannot be ruled out.', 'independence.threaten', 'affirmed', 'hedged'],
    ['"without" negates the cue it governs', '[Canada:CAN] reopened its embassy in [Caracas:place:caracas] without lifting sanctions on [Venezuela:VEN].', 'sanctions.lift', 'negated', 'asserted'],
    ['resisting demands to release is no release', '[Tomas Varga:person:tomas-varga] resists [Brussels:org:eu]\'s demands to release the jailed journalists.', 'prisoners.release', 'negated', 'asserted'],
    ['"prevents X from" negates what it prevents', 'The neutrality clause in its constitution prevents [Austria:AUT] from joining [NATO:org:nato].', 'organisation.join', 'negated', 'asserted'],
    ['"not having received an invitation to join" is not joining', '[Peru:PER] was irritated at not having received an invitation to join the [OECD:org:oecd].', 'organisation.join', 'negated', 'asserted'],
  ])('%s', (_n, marked, relation, polarity, modality) => {
    const c = one(marked, relation);
    expect(c.polarity).toBe(polarity);
    expect(c.modality).toBe(modality);
  });

  it('keeps a "will" right after a cue when nothing intervenes', () => {
    // a counter-check for the scope rule: the modal is still read when it governs the cue's own phrase
    const c = one('Elections in [Senegal:SEN] will take place in {February|2024-02}.', 'election.held');
    expect(c.modality).toBe('predicted');
  });
});

describe('subjects and objects', () => {
  it('reads coordinated subjects as two actors, not as subject and object', () => {
    const cs = all('In {2019|2019} the [United Kingdom:GBR] and [Canada:CAN] imposed sanctions on [Venezuela:VEN].', 'sanctions.impose');
    expect(cs.map((c) => [c.subject, c.object?.actorId]).sort()).toEqual([
      ['CAN', 'VEN'],
      ['GBR', 'VEN'],
    ]);
    expect(new Set(cs.map((c) => c.id)).size).toBe(2);
  });

  it('still reads a joint exercise of two coordinated states as subject and object', () => {
    const c = one('[Egypt:EGY] and [Greece:GRC] held joint naval exercises in {June|2023-06}.', 'military.exercise');
    expect([c.subject, c.object?.actorId]).toEqual(['EGY', 'GRC']);
  });

  it('takes the story\'s focal state as an unnamed target of sanctions', () => {
    const c = one(
      '[Venezuela:VEN] has freed dozens of opposition activists this year. [Venezuela:VEN] also reopened its border with [Colombia:COL]. The [European Union:org:eu] is now easing sanctions.',
      'sanctions.ease',
    );
    expect(c.subject).toBe('org:eu');
    expect(c.object?.actorId).toBe('VEN');
  });

  it('reads a name qualifying the noun inside a nominal cue as its agent', () => {
    const c = one('[Cuba:CUB] freed a dozen dissidents in {March|2023-03}, a step that could lead to the lifting of [EU:org:eu] sanctions.', 'sanctions.lift');
    expect(c.subject).toBe('org:eu');
    expect(c.object?.actorId).toBe('CUB');
  });

  it('gives a fronted "In a visit to X" the main clause\'s subject, not the focal guess', () => {
    const c = one('[Mali:MLI] is short of fuel. In a recent visit to [Mali:MLI], [Amara Diallo:person:amara-diallo] discussed a pipeline.', 'diplomacy.visit');
    expect(c.subject).toBe('person:amara-diallo');
    expect(c.object?.actorId).toBe('MLI');
  });

  it('does not give a concessive "Despite the release of…" to the main clause\'s subject', () => {
    const c = one('[Cuba:CUB] faces pressure. Despite the release of political prisoners, [Amnesty International:org:amnesty] maintains that repression goes on.', 'prisoners.release');
    expect(c.subject).not.toBe('org:amnesty');
  });

  it('never makes the focal state the target of its own loans', () => {
    const c = one('[Egypt:EGY] faces a debt crisis. [Egypt:EGY] has taken fresh loans to pay its wheat bills.', 'finance.loan');
    expect(c.object?.actorId).not.toBe(c.subject);
  });
});
