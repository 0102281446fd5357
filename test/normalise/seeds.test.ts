import { describe, expect, it } from 'vitest';
import { readCorpusFile } from '../../pipeline/corpus/read.ts';
import { normalise } from '../../pipeline/normalise/index.ts';
import { bodyParagraphs, expectNoChrome, expectOffsetsRoundTrip } from './check.ts';

// The five seed articles (checked, never used to write rules): title, date, first and last body sentences.
const SEEDS = [
  {
    file: '000_b8d52b076cb6ca38.txt',
    title: 'Lukashenko’s Western Flirtation',
    published: '2015-10-14',
    basis: 'stated',
    authors: ['Maksim Samorukov'],
    first: 'At first glance there is nothing new about the fifth election of Alexander Lukashenko as president of Belarus on October 11.',
    last: "Which is why the Kremlin has nothing to fear about Lukashenko's Belarus.",
  },
  {
    file: '001_ef282dca74731969.txt',
    title: "Cornered: Lukashenka's foreign policy since Russia's invasion of Ukraine",
    published: '2024-12',
    basis: 'inferred',
    authors: ['Arkady Moshes', 'Ryhor Nizhnikau'],
    first: "Russia's invasion of Ukraine seemed to be a blessing for Belarusian ruler Aliaksandr Lukashenka.",
    last: 'Pressure on the Minsk regime coupled with a deepening of ties with Belarusian society should be the baseline of the Belarus policy of the West.',
  },
  {
    file: '002_636ac68210ef8ba6.txt',
    title: 'Belarus: A Change in Direction?',
    published: '2016-02',
    basis: 'inferred',
    authors: [],
    first: "Belarus has long been Moscow's most reliable ally in the former Soviet heartland, but recent developments have led some to wonder if the country may be re-evaluating its stance.",
    last: 'Future indicators of improving relations with Belarus include attempts at economic diversification, specifically in the energy sector, and improvements to the country’s humanitarian situation.',
  },
  {
    file: '003_cf25047e402d0a60.txt',
    title: 'Belarus is risking its independence for a Russia-centric foreign policy',
    published: '2022-01',
    basis: 'inferred',
    authors: ['Wesley Culp'],
    first: 'The Jan. 18 announcement that Belarus would participate in joint exercises with Russia at a moment of intense tension between Russia and Ukraine demonstrates how Belarusian policy has come to be effectively dominated by Russian interests.',
    last: 'In his quest to hold onto power, Alexander Lukashenko has almost entirely folded his country’s interests into that of Russia’s.',
  },
  {
    file: '004_3bedd8249bf613bf.txt',
    title: 'Is Belarus ‘Socially-Distancing’ From Russia?',
    published: '2020-08',
    basis: 'inferred',
    authors: [],
    first: 'When Secretary of State Mike Pompeo visited Belarus to ‘normalize’ relations, few would have been able to predict the lows which Belarus’ relations with Russia would sink to.',
    last: 'However, the scenario is more possible now than ever before as Lukashenko’s fear of Russia continues to build.',
  },
];

describe.each(SEEDS)('seed $file', (s) => {
  const doc = normalise(readCorpusFile('corpus', s.file));

  it('has no fatal message', () => {
    expect(doc.messages.filter((m) => m.severity === 'fatal')).toEqual([]);
  });
  it('finds the title', () => {
    expect(doc.meta.title).toBe(s.title);
    expect(doc.paragraphs[0]?.kind).toBe('title');
  });
  it('gets the publication date right to the month, with its basis and evidence from the text', () => {
    expect(doc.meta.published?.slice(0, 7)).toBe(s.published.slice(0, 7));
    if (s.published.length === 10) expect(doc.meta.published).toBe(s.published);
    expect(doc.meta.publishedBasis).toBe(s.basis);
    const span = doc.meta.publishedEvidenceSpan;
    expect(span).toBeDefined();
    if (span) expect(doc.text.slice(span.start, span.end)).toBe(doc.meta.publishedEvidence);
    expect(doc.meta.confidence).toBeGreaterThan(0.5);
  });
  it('finds the authors', () => {
    expect(doc.meta.authors).toEqual(s.authors);
  });
  it('keeps the first and last sentences of the body', () => {
    const body = bodyParagraphs(doc);
    expect(body[0]).toContain(s.first);
    expect(body[body.length - 1]).toContain(s.last);
  });
  it('leaves no web chrome', () => {
    expectNoChrome(doc);
  });
  it('maps every character back to raw', () => {
    expectOffsetsRoundTrip(doc);
  });
});
