import { describe, expect, it } from 'vitest';
import { extractQuantities } from '../../../pipeline/extract/quantities/index.ts';
import { expectQuantity, run, type Want } from './expect.ts';
import type { QuantityMention } from '../../../pipeline/core/schema.ts';


describe('money', () => {
  it.each<[string, Want]>([
    ['The bank approved a 2.5 billion dollar loan to the utility.', { text: '2.5 billion dollar loan', value: 2.5e9, unit: 'USD', measure: 'loan' }],
    ['Washington pledged $12 billion for the program.', { text: '$12 billion', value: 12e9, unit: 'USD' }],
    ['It received a 640 million dollar credit from Beijing.', { text: '640 million dollar credit', value: 640e6, unit: 'USD', measure: 'credit' }],
    ['The deal was worth €3bn.', { text: '€3bn', value: 3e9, unit: 'EUR' }],
    ['Revenue reached 48 billion rubles.', { text: '48 billion rubles', value: 48e9, unit: 'RUB' }],
    ['Revenue reached 48 billion roubles.', { text: '48 billion roubles', value: 48e9, unit: 'RUB' }],
    ['Salaries were paid in Belarusian rubles: 900 Belarusian rubles a month.', { text: '900 Belarusian rubles', value: 900, unit: 'BYN' }],
    ['The firm raised £45m from investors.', { text: '£45m', value: 45e6, unit: 'GBP' }],
    ['China lent 1.2 trillion yuan in total.', { text: '1.2 trillion yuan', value: 1.2e12, unit: 'CNY' }],
    ['The fine was US$5 million.', { text: 'US$5 million', value: 5e6, unit: 'USD' }],
    ['A fund of RUB 250 million was set up.', { text: 'RUB 250 million', value: 250e6, unit: 'RUB' }],
    ['It costs 300 million USD.', { text: '300 million USD', value: 300e6, unit: 'USD' }],
    ['Donors sent $7 billion in humanitarian aid.', { text: '$7 billion in humanitarian aid', value: 7e9, unit: 'USD', measure: 'humanitarian aid' }],
    ['They saved as much as $8 billion last year.', { text: 'as much as $8 billion', value: 8e9, unit: 'USD', qualifier: 'up_to' }],
    ['The contract is worth over $2.4bn.', { text: 'over $2.4bn', value: 2.4e9, unit: 'USD', qualifier: 'more_than' }],
    ['The house sold for less than a million dollars.', { text: 'less than a million dollars', value: 1e6, unit: 'USD', qualifier: 'less_than' }],
    ['A grant of five million dollars was promised.', { text: 'five million dollars', value: 5e6, unit: 'USD' }],
    ['Costs were between $3 and $4 billion.', { text: 'between $3 and $4 billion', value: 3e9, upper: 4e9, unit: 'USD' }],
    ['He siphoned off 271-million dollars.', { text: '271-million dollars', value: 271e6, unit: 'USD' }],
    ['She got a 25,000-dollar bonus.', { text: '25,000-dollar bonus', value: 25000, unit: 'USD', measure: 'bonus' }],
    ['A ticket costs one US dollar.', { text: 'one US dollar', value: 1, unit: 'USD' }],
    ['Prices are quoted in pesos: 800 pesos each.', { text: '800 pesos', value: 800, unit: 'PESO' }],
  ])('%s', (text, want) => expectQuantity(text, want));

  it('does not take a proper name after "in" as what was paid', () => {
    const [q] = run('The company invested $3 billion in Poland.');
    expect(q?.text).toBe('$3 billion');
    expect(q?.measure).toBeUndefined();
  });
});

describe('percentages', () => {
  it.each<[string, Want]>([
    ['Debt stands at 23% GDP.', { text: '23% GDP', value: 23, unit: 'percent', measure: 'GDP' }],
    ['The economy will shrink by 2.5-3 percent.', { text: '2.5-3 percent', value: 2.5, upper: 3, unit: 'percent', measure: 'economy' }],
    ['Turnout was 64 percent.', { text: '64 percent', value: 64, unit: 'percent', measure: 'Turnout' }],
    ['She won north of 70 percent of the vote.', { text: 'north of 70 percent of the vote', value: 70, unit: 'percent', qualifier: 'more_than', measure: 'vote' }],
    ['Rates rose 2 per cent.', { text: '2 per cent', value: 2, unit: 'percent', measure: 'Rates' }],
    ['Growth slowed by 0.4 percentage points.', { text: '0.4 percentage points', value: 0.4, unit: 'percentage_point', measure: 'Growth' }],
    ['Russia buys over 40% of the country’s exports.', { text: 'over 40% of the country’s exports', value: 40, unit: 'percent', qualifier: 'more_than', measure: 'country’s exports' }],
    ['Support stood at nearly 30 percent.', { text: 'nearly 30 percent', value: 30, unit: 'percent', qualifier: 'nearly', measure: 'Support' }],
    ['Inflation may reach 5 to 6 percent.', { text: '5 to 6 percent', value: 5, upper: 6, unit: 'percent', measure: 'Inflation' }],
    ['It bought a 19 percent stake in the firm.', { text: '19 percent stake', value: 19, unit: 'percent', measure: 'stake' }],
    ['The index plunged 6.6 percent following the announcement.', { text: '6.6 percent', value: 6.6, unit: 'percent', measure: 'index' }],
    ['Shares fell 3 percent following Bank Indonesia’s decision.', { text: '3 percent', value: 3, unit: 'percent', measure: 'Shares' }],
    ['Ninety percent of graduates found jobs.', { text: 'Ninety percent of graduates', value: 90, unit: 'percent', measure: 'graduates' }],
  ])('%s', (text, want) => expectQuantity(text, want));
});

describe('counts with their unit noun', () => {
  it.each<[string, Want]>([
    ['Police detained 45 Georgians near the border.', { text: '45 Georgians', value: 45, unit: 'count', measure: 'Georgians' }],
    ['The country holds over 2,100 political prisoners.', { text: 'over 2,100 political prisoners', value: 2100, unit: 'count', qualifier: 'more_than', measure: 'political prisoners' }],
    ['The drills involved 65,000 troops.', { text: '65,000 troops', value: 65000, unit: 'count', measure: 'troops' }],
    ['Seven political prisoners were freed.', { text: 'Seven political prisoners', value: 7, unit: 'count', measure: 'political prisoners' }],
    ['Delegates from 140 countries attended.', { text: '140 countries', value: 140, unit: 'count', measure: 'countries' }],
    ['There may be 90 other foreign fighters in the city.', { text: '90 other foreign fighters', value: 90, unit: 'count', measure: 'foreign fighters' }],
    ['Between 15 and 25 soldiers were wounded.', { text: 'Between 15 and 25 soldiers', value: 15, upper: 25, unit: 'count', measure: 'soldiers' }],
    ['Thirty-two delegates walked out.', { text: 'Thirty-two delegates', value: 32, unit: 'count', measure: 'delegates' }],
    ['twenty five nurses resigned.', { text: 'twenty five nurses', value: 25, unit: 'count', measure: 'nurses' }],
    ['A dozen ministers resigned.', { text: 'A dozen ministers', value: 12, unit: 'count', measure: 'ministers' }],
    ['Two dozen journalists were held.', { text: 'Two dozen journalists', value: 24, unit: 'count', measure: 'journalists' }],
    ['one hundred and six villages were flooded.', { text: 'one hundred and six villages', value: 106, unit: 'count', measure: 'villages' }],
    ['Hundreds of students marched.', { text: 'Hundreds of students', value: 200, upper: 999, unit: 'count', qualifier: 'approx', measure: 'students' }],
    ['Tens of thousands of people rallied.', { text: 'Tens of thousands of people', value: 20000, upper: 99999, unit: 'count', qualifier: 'approx', measure: 'people' }],
    ['Several hundred workers struck.', { text: 'Several hundred workers', value: 200, upper: 999, unit: 'count', qualifier: 'approx', measure: 'workers' }],
    ['Dozens of homes burned.', { text: 'Dozens of homes', value: 24, upper: 99, unit: 'count', qualifier: 'approx', measure: 'homes' }],
    ['At least 119 people were hurt.', { text: 'At least 119 people', value: 119, unit: 'count', qualifier: 'at_least', measure: 'people' }],
    ['Some 300 monitors were deployed.', { text: 'Some 300 monitors', value: 300, unit: 'count', qualifier: 'approx', measure: 'monitors' }],
    ['Almost 500 flights were cancelled.', { text: 'Almost 500 flights', value: 500, unit: 'count', qualifier: 'nearly', measure: 'flights' }],
    ['Fewer than 20 observers came.', { text: 'Fewer than 20 observers', value: 20, unit: 'count', qualifier: 'less_than', measure: 'observers' }],
    ['Up to 3,000 soldiers may be sent.', { text: 'Up to 3,000 soldiers', value: 3000, unit: 'count', qualifier: 'up_to', measure: 'soldiers' }],
    ['Officials extradited 12 of the detainees.', { text: '12 of the detainees', value: 12, unit: 'count', measure: 'detainees' }],
    ['A country of 9.4 million people votes today.', { text: '9.4 million people', value: 9.4e6, unit: 'count', measure: 'people' }],
    ['Half a million refugees crossed.', { text: 'Half a million refugees', value: 5e5, unit: 'count', measure: 'refugees' }],
    ['In 1999, 2000 soldiers were sent.', { text: '2000 soldiers', value: 2000, unit: 'count', measure: 'soldiers' }],
    ['The toll rose to 41.', { text: '41', value: 41, unit: 'count' }],
    ['Wounded civilians numbered 80.', { text: '80', value: 80, unit: 'count' }],
    ['They seized 12 armed vehicles.', { text: '12 armed vehicles', value: 12, unit: 'count', measure: 'armed vehicles' }],
  ])('%s', (text, want) => expectQuantity(text, want));
});

describe('ranks and measured units', () => {
  it.each<[string, Want]>([
    ['The economy is ranked 121 in the world.', { text: 'ranked 121', value: 121, unit: 'rank' }],
    ['It ranks 45th in the index.', { text: 'ranks 45th', value: 45, unit: 'rank' }],
    ['It was ranked 150 out of 180 countries.', { text: 'ranked 150 out of 180 countries', value: 150, unit: 'rank', measure: 'countries' }],
    ['The route carries 30 bcm of gas a year.', { text: '30 bcm of gas', value: 30, unit: 'bcm', measure: 'gas' }],
    ['The town is about 40 kilometres away.', { text: 'about 40 kilometres', value: 40, unit: 'km', qualifier: 'approx' }],
    ['The party won two thirds of the seats.', { text: 'two thirds of the seats', value: 0.6667, unit: 'fraction', measure: 'seats' }],
    ['A quarter of the budget goes to defence.', { text: 'A quarter of the budget', value: 0.25, unit: 'fraction', measure: 'budget' }],
    ['Nearly half of voters stayed home.', { text: 'Nearly half of voters', value: 0.5, unit: 'fraction', qualifier: 'nearly', measure: 'voters' }],
  ])('%s', (text, want) => expectQuantity(text, want));
});

describe('not quantities', () => {
  it.each<[string, string[]]>([
    ['The deal was signed in 2013 and has held since 1991.', ['2013', '1991']],
    ['The 2018 elections were rigged.', ['2018']],
    ['Around 2014, the talks stalled.', ['2014']],
    ['Talks began on March 4 and ended on 19 November.', ['4', '19']],
    ['They met on July 22nd and again on Jan. 9.', ['22nd', '9']],
    ['A poll ran on April 8–18, 2022.', ['8', '18', '8–18']],
    ['He served for two years and then 10 days more.', ['two', '10']],
    ['It lasted nearly three decades.', ['three']],
    ['The claim is disputed.[12] Critics disagree.', ['12']],
    ['The claim is disputed.4 Critics disagree.', ['4']],
    ['See Journal of Studies 30(4), 485-492.', ['30', '4', '485-492']],
    ['This is his sixth term and the 2nd round.', ['sixth', '2nd']],
    ['Polls closed at 8 p.m. and counting began at 21:30.', ['8', '21:30']],
    ['Troops moved at 0600 GMT.', ['0600']],
    ['Call 800-555-0142 for details.', ['800-555-0142', '555', '0142']],
    ['Passengers of flight 3312 cited Resolution 1546 and Article 51 of the Charter.', ['3312', '1546', '51']],
    ['The Boeing 737 landed.', ['737']],
    ['It is one of the few options; one main reason is cost.', ['one']],
    ['One official said so.', ['One']],
    ['The two remain close, the latter two said.', ['two']],
    ['It was a two-step process with a 15-year-old witness.', ['two', '15']],
    ['The Minsk I and II accords failed.', ['I', 'II']],
    ['The region was occupied for dozens of years.', ['dozens']],
    ['She won 7-6 (5) and 6-3.', ['7-6', '(5)', '6-3']],
    ['In the first half, one goal came.', ['half', 'one']],
  ])('%s', (text, banned) => {
    const found = run(text);
    for (const q of found) {
      for (const b of banned) {
        // the banned number must not be (part of) any quantity span
        const at = text.indexOf(b);
        expect(q.start <= at && at < q.end, `"${q.text}" covers "${b}"`).toBe(false);
      }
    }
  });
});

describe('spans and ids', () => {
  it('slices text exactly and keeps ids stable across runs', () => {
    const text = 'Over 300 observers from 40 countries watched; turnout was 61 percent.';
    const a = run(text);
    const b = run(text);
    expect(a.map((q) => q.text)).toEqual(['Over 300 observers', '40 countries', '61 percent']);
    for (const q of a) expect(text.slice(q.start, q.end)).toBe(q.text);
    expect(a.map((q) => q.id)).toEqual(b.map((q) => q.id));
    expect(new Set(a.map((q) => q.id)).size).toBe(a.length);
  });

  it('gives the same phrase in another document another id', () => {
    const [a] = extractQuantities({ id: 'doc-a', text: '12 monitors came.' });
    const [b] = extractQuantities({ id: 'doc-b', text: '12 monitors came.' });
    expect(a?.id).not.toBe(b?.id);
  });

  it('keeps offsets right after astral characters (UTF-16)', () => {
    const text = '🇧🇾 Police held 27 reporters.';
    const [q] = run(text);
    expect(q?.text).toBe('27 reporters');
    expect(text.slice(q!.start, q!.end)).toBe('27 reporters');
  });
});
