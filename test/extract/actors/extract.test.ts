/** Actor extraction over tricky sentences of our own: each form, and near misses that must not match. */
import { describe, expect, it } from 'vitest';
import { extractActors, getActor, actorsForState, translitKey, isoDay } from '../../../pipeline/extract/actors/index.ts';
import { actorsStage } from '../../../pipeline/extract/actors/index.ts';
import { createCleanDoc } from '../../../pipeline/core/doc.ts';
import type { ActorMention, DateMention } from '../../../pipeline/core/schema.ts';
import { ActorMentionSchema } from '../../../pipeline/core/schema.ts';

function run(text: string, published: string | null = '2020-06-01', dates: DateMention[] = []): ActorMention[] {
  return extractActors({ id: 't', text }, published, dates);
}

/** A DATE mention over the first occurrence of `surface` in `text`. */
function dateIn(text: string, surface: string, value: string): DateMention {
  const start = text.indexOf(surface);
  return { id: `d${start}`, type: 'date', start, end: start + surface.length, text: surface, timexType: 'DATE', value };
}

type Want = [text: string, actorId: string, matchedBy?: ActorMention['matchedBy']];

const found: [name: string, text: string, want: Want[]][] = [
  ['full name with transliterated given name', 'Aliaksandr Lukashenka addressed parliament.', [['Aliaksandr Lukashenka', 'person:alexander-lukashenko', 'alias']]],
  ['surname with curly possessive', 'Lukashenka’s regime outlawed the party.', [['Lukashenka', 'person:alexander-lukashenko', 'alias']]],
  ['state with bare-apostrophe possessive', "Belarus' debt keeps growing.", [['Belarus', 'BLR', 'alias']]],
  ['listed variants', 'Makey met Tokaev, then Zelenskiy called.', [['Makey', 'person:vladimir-makei'], ['Tokaev', 'person:kassym-jomart-tokayev'], ['Zelenskiy', 'person:volodymyr-zelensky']]],
  ['unlisted given name joins a listed surname', 'Alyaksandr Lukashenka spoke.', [['Alyaksandr Lukashenka', 'person:alexander-lukashenko', 'alias']]],
  ['fuzzy: German and Polish spellings', 'Journalists asked Lukaschenko and Lawrow about it.', [['Lukaschenko', 'person:alexander-lukashenko', 'fuzzy'], ['Lawrow', 'person:sergey-lavrov', 'fuzzy']]],
  ['fuzzy: one edit on a long surname', 'Officials close to Nazarbajev denied it.', [['Nazarbajev', 'person:nursultan-nazarbayev', 'fuzzy']]],
  ['fuzzy: one edit beyond the folds on a long surname', 'Reporters asked Poroshenco about the truce.', [['Poroshenco', 'person:petro-poroshenko', 'fuzzy']]],
  ['historical state', 'The Soviet Union collapsed, and the USSR was gone.', [['Soviet Union', 'SUN', 'alias'], ['USSR', 'SUN', 'alias']]],
  ['metonym as subject', 'Moscow understands that Minsk has few options.', [['Moscow', 'RUS', 'metonym'], ['Minsk', 'BLR', 'metonym']]],
  ['seat of power with article', 'The Kremlin seems unmoved, and the White House agreed.', [['Kremlin', 'RUS', 'metonym'], ['White House', 'USA', 'metonym']]],
  ['possessive metonym', "Minsk's relations with Moscow soured.", [['Minsk', 'BLR', 'metonym'], ['Moscow', 'RUS', 'metonym']]],
  ['pressure from a capital is the government', 'The plan met pressure from Brussels.', [['Brussels', 'org:eu', 'metonym']]],
  ['both spellings of Kyiv', 'Kiev protested; Kyiv later relented.', [['Kiev', 'UKR', 'metonym'], ['Kyiv', 'UKR', 'metonym']]],
  ['adjective with a state head', 'Russian aggression and the Belarusian leadership were discussed.', [['Russian', 'RUS', 'adjective'], ['Belarusian', 'BLR', 'adjective']]],
  ['coordinated adjectives', 'Russian-Belarusian relations cooled.', [['Russian', 'RUS', 'adjective'], ['Belarusian', 'BLR', 'adjective']]],
  ['adjective through another adjective', 'Russian military aggression continued.', [['Russian', 'RUS', 'adjective']]],
  ['acronyms', 'The IMF, NATO and the U.S. responded.', [['IMF', 'org:imf', 'alias'], ['NATO', 'org:nato', 'alias'], ['U.S.', 'USA', 'alias']]],
  ['organisation with a state', 'The National Bank of Belarus cut rates.', [['National Bank of Belarus', 'org:national-bank-belarus', 'alias']]],
  ['unlisted person with a title', 'Opposition candidate Jan Kowal said the count was false.', [['Jan Kowal', 'person:jan-kowal', 'unlisted']]],
  ['unlisted person after a multi-word title', 'National Security Adviser Ann Bright left.', [['Ann Bright', 'person:ann-bright', 'unlisted']]],
  ['unlisted organisation by its head word', 'The Green Valley Party joined the coalition.', [['Green Valley Party', 'org:green-valley-party', 'unlisted']]],
  ['later bare surname of an unlisted person', 'Candidate Jan Kowal spoke. Police later detained Kowal at home.', [['Jan Kowal', 'person:jan-kowal'], ['Kowal', 'person:jan-kowal']]],
  ['surname that is a word, with a title', 'Prime Minister May resigned, and Mrs May left.', [['May', 'person:theresa-may', 'alias']]],
];

describe('extractActors: finds each form', () => {
  it.each(found)('%s', (_name, text, want) => {
    const got = run(text);
    for (const [surface, id, by] of want) {
      const hit = got.find((m) => m.text === surface && m.actorId === id && (!by || m.matchedBy === by));
      expect(hit, `${surface} → ${id} ${by ?? ''} in ${JSON.stringify(got.map((m) => [m.text, m.actorId, m.matchedBy]))}`).toBeDefined();
    }
  });
});

const notActors: [name: string, text: string, surface: string][] = [
  ['detained outside a capital', 'Two activists were detained outside Minsk.', 'Minsk'],
  ['hosted in a capital', 'The talks were hosted in Minsk.', 'Minsk'],
  ['visited a capital', 'The envoy visited Minsk in March.', 'Minsk'],
  ['capital as a noun modifier', 'Flights to the Minsk airport resumed.', 'Minsk'],
  ['capital possessive of a place noun', "Moscow's streets were empty.", 'Moscow'],
  ['protests in a capital', 'Protests broke out in Minsk overnight.', 'Minsk'],
  ['travel to a capital', 'He flew to Moscow on Friday.', 'Moscow'],
  ['agreements named after a capital', 'Both sides cited the Minsk agreements.', 'Minsk'],
  ['a numbered series named after a capital', 'The Minsk II deal froze the war.', 'Minsk'],
  ['capital inside a longer name', 'The Minsk International Forum opened.', 'Minsk'],
  ['currency adjective', 'The Russian ruble fell.', 'Russian'],
  ['language adjective', 'She teaches the Russian language.', 'Russian'],
  ['nationality before a name', 'Russian Maria Ivanova won the final.', 'Russian'],
  ['opposition is not the state', 'The Belarusian opposition met in Vilnius.', 'Belarusian'],
  ['month', 'In May the vote was held.', 'May'],
  ['modal verb', 'Prices may rise.', 'may'],
  ['word-surname without a title', 'Theresa said May would be warm.', 'May'],
  ['weekday', 'On Monday, officials met.', 'Monday'],
  ['sentence-initial common word', 'However, nothing changed.', 'However'],
  ['pronoun that is an acronym in caps', 'Let us go.', 'us'],
  ['near-miss surname', 'The Putnam report was cited.', 'Putnam'],
  ['company president', 'The company president resigned.', 'president'],
  ['leader of a non-state', 'The leader of the opposition spoke.', 'leader'],
];

describe('extractActors: near misses are not actors', () => {
  it.each(notActors)('%s', (_name, text, surface) => {
    const got = run(text).filter((m) => m.kind !== 'place');
    expect(got.find((m) => m.text === surface || m.text.endsWith(` ${surface}`))).toBeUndefined();
  });
  it.each([
    ['a listed surname with another given name', 'Officials said Mujibur Rahmon was honoured.', 'person:emomali-rahmon'],
    ['a fuzzy surname with another given name', 'Officials said Mujibur Rahman was honoured.', 'person:emomali-rahmon'],
    ['a listed surname with another given name (Aliyev)', 'Officials said Rauf Aliyev resigned.', 'person:ilham-aliyev'],
  ])('%s is someone else', (_name, text, id) => {
    expect(run(text).filter((m) => m.actorId === id)).toEqual([]);
  });
  it.each([
    ['Michael Jordan scored again.', 'JOR', 'Michael Jordan'],
    ['Yesterday Michael Jordan scored.', 'JOR', 'Michael Jordan'],
    ['George Washington crossed the river.', 'USA', 'George Washington'],
  ])('a state or capital as a surname: %s', (text, stateId, person) => {
    const got = run(text);
    expect(got.filter((m) => m.actorId === stateId)).toEqual([]);
    expect(got.find((m) => m.kind === 'person')?.text).toBe(person);
  });
  it('a place used as a place is kept as kind place, tied to its capital id', () => {
    const m = run('Two activists were detained outside Minsk.').find((x) => x.text === 'Minsk');
    expect(m?.kind).toBe('place');
    expect(m?.actorId).toBe('place:minsk');
    expect(getActor('place:minsk')?.state).toBe('BLR');
  });
});

const roles: [name: string, text: string, published: string, date: [string, string] | null, surface: string, id: string, office: string][] = [
  ['the Russian president in 2019', 'In 2019 the Russian president met students.', '2019-12-01', ['2019', '2019'], 'the Russian president', 'person:vladimir-putin', 'president'],
  ['the Russian president in 2009', 'In 2009 the Russian president met students.', '2023-01-01', ['2009', '2009'], 'the Russian president', 'person:dmitry-medvedev', 'president'],
  ['the Russian president, publication date only', 'The Russian president met students.', '2010-03-01', null, 'The Russian president', 'person:dmitry-medvedev', 'president'],
  ['leader resolves to the state leader office', 'The Belarusian leader met students.', '2016-01-01', null, 'The Belarusian leader', 'person:alexander-lukashenko', 'president'],
  ['state possessive', "Belarus's foreign minister spoke.", '2016-01-01', null, "Belarus's foreign minister", 'person:vladimir-makei', 'foreign-minister'],
  ['of-state and then', 'The deal was signed by the then Minister of Foreign Affairs of Belarus.', '2016-01-01', null, 'the then Minister of Foreign Affairs of Belarus', 'person:vladimir-makei', 'foreign-minister'],
  ['then with a date earlier in the text', 'In March 2010 talks began. The then Minister of Foreign Affairs of Belarus led them.', '2023-01-01', ['March 2010', '2010-03'], 'The then Minister of Foreign Affairs of Belarus', 'person:sergei-martynov', 'foreign-minister'],
  ['chancellor via fallback', 'The German chancellor called.', '2018-05-01', null, 'The German chancellor', 'person:angela-merkel', 'chancellor'],
  ['British prime minister', 'The British prime minister resigned.', '2019-06-01', null, 'The British prime minister', 'person:theresa-may', 'prime-minister'],
  ['former', 'The former Ukrainian president fled.', '2014-05-01', null, 'The former Ukrainian president', 'person:viktor-yanukovych', 'president'],
  ['US secretary of state', 'The US secretary of state arrived.', '2020-02-01', null, 'The US secretary of state', 'person:mike-pompeo', 'foreign-minister'],
];

describe('roles resolve to the office holder at the sentence date', () => {
  it.each(roles)('%s', (_name, text, published, date, surface, id, office) => {
    const dates = date ? [dateIn(text, date[0], date[1])] : [];
    const m = run(text, published, dates).find((x) => x.matchedBy === 'role');
    expect(m, JSON.stringify(run(text, published, dates).map((x) => [x.text, x.actorId]))).toBeDefined();
    expect([m!.text, m!.actorId, m!.office]).toEqual([surface, id, office]);
    expect(m!.resolvedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it('a word that names a property of every JavaScript object is not a modifier', () => {
    for (const word of ['constructor', '__proto__']) {
      const m = run(`The ${word} Ukrainian president fled.`, '2014-05-01').find((x) => x.matchedBy === 'role');
      expect(m?.text).toBe('Ukrainian president');
    }
  });
  it('a title before a name gives the name its office, with no separate role mention', () => {
    const got = run('Foreign Minister Vladimir Makei flew to Brussels.', '2015-10-14');
    expect(got.filter((m) => m.matchedBy === 'role')).toEqual([]);
    const makei = got.find((m) => m.actorId === 'person:vladimir-makei');
    expect([makei?.text, makei?.office, makei?.resolvedAt]).toEqual(['Vladimir Makei', 'foreign-minister', '2015-10-14']);
  });
  it('a state adjective before a titled name names the state; the name is the person (gold review)', () => {
    const got = run('Belarusian President Alexander Lukashenko spoke.');
    expect(got.map((m) => [m.text, m.actorId, m.matchedBy])).toEqual([
      ['Belarusian', 'BLR', 'adjective'],
      ['Alexander Lukashenko', 'person:alexander-lukashenko', 'alias'],
    ]);
  });
  it('a nationality before an untitled name is still not the state', () => {
    expect(run('Russian Maria Sharapova won.').filter((m) => m.kind === 'state')).toEqual([]);
  });
  it('same surname: the one in office at the date wins', () => {
    expect(run('Aliyev opened the pipeline.', '2000-05-01').find((m) => m.text === 'Aliyev')?.actorId).toBe('person:heydar-aliyev');
    expect(run('Aliyev opened the pipeline.', '2015-05-01').find((m) => m.text === 'Aliyev')?.actorId).toBe('person:ilham-aliyev');
  });
});

describe('mentions are well formed', () => {
  it('offsets slice to the text, ids are stable, schema holds', () => {
    const text = 'Moscow says Lukashenko and the Russian president met Jan Kowal, a candidate, outside Minsk.';
    const a = run(text);
    const b = run(text);
    expect(a.map((m) => m.id)).toEqual(b.map((m) => m.id));
    for (const m of a) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(ActorMentionSchema.safeParse(m).success).toBe(true);
      expect(m.listed).toBe(m.matchedBy !== 'unlisted');
    }
  });
  it('the stage adds mentions and an info message per unlisted actor', () => {
    const doc = createCleanDoc('s', 'Opposition candidate Jan Kowal met Lukashenko.', '2020-08-01');
    actorsStage.run(doc);
    expect(doc.mentions.map((m) => m.text)).toEqual(['Jan Kowal', 'Lukashenko']);
    expect(doc.messages.map((m) => m.ruleId)).toEqual(['extract/actor-unlisted']);
  });
  it('unlisted names are not looked for in headings when paragraphs are known', () => {
    const text = 'Golden Harbour Project\nCandidate Jan Kowal spoke.';
    const got = extractActors({ id: 'p', text, paragraphs: [{ start: 0, end: 22, kind: 'heading' }, { start: 23, end: text.length, kind: 'paragraph' }] }, null);
    expect(got.map((m) => m.text)).toEqual(['Jan Kowal']);
  });
});

describe('lookups for the claims stage', () => {
  it('getActor gives kind, canonical name and state', () => {
    expect(getActor('person:vladimir-makei')).toEqual({ id: 'person:vladimir-makei', kind: 'person', canonical: 'Vladimir Makei', state: 'BLR' });
    expect(getActor('BLR')).toEqual({ id: 'BLR', kind: 'state', canonical: 'Belarus' });
    expect(getActor('org:kgb-belarus')?.state).toBe('BLR');
    expect(getActor('person:nobody-listed')).toBeUndefined();
  });
  it('actorsForState lists the state first, then its people, organisations and places', () => {
    const list = actorsForState('BLR');
    expect(list[0]?.id).toBe('BLR');
    const ids = list.map((a) => a.id);
    expect(ids).toContain('person:alexander-lukashenko');
    expect(ids).toContain('org:national-bank-belarus');
    expect(ids).toContain('place:minsk');
    expect(ids).not.toContain('person:vladimir-putin');
  });
});

describe('transliteration keys and date anchors', () => {
  it.each([
    ['Lukashenko', 'Lukashenka'],
    ['Tokayev', 'Tokaev'],
    ['Zelenskyy', 'Zelenskiy'],
    ['Makei', 'Makey'],
    ['Lavrov', 'Lawrow'],
    ['Yevgeny', 'Evgeny'],
  ])('%s ~ %s', (a, b) => expect(translitKey(a)).toBe(translitKey(b)));
  it('keeps different names apart', () => expect(translitKey('Putin')).not.toBe(translitKey('Putnam')));
  it.each([
    ['2019', '2019-07-01'],
    ['2019-03', '2019-03-15'],
    ['2015-FA', '2015-10-15'],
    ['199', '1995-01-01'],
    ['2020-02-01', '2020-02-01'],
    ['P2Y', undefined],
  ])('isoDay(%s) = %s', (v, want) => expect(isoDay(v)).toBe(want));
});
