import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDoc } from '../../pipeline/core/doc.ts';
import { normalise } from '../../pipeline/normalise/index.ts';
import { bodyParagraphs, expectNoChrome, expectOffsetsRoundTrip } from './check.ts';

// Article pastes of other layouts, written for these tests: the rules must hold beyond the seeds.
const FIXTURES = [
  {
    file: 'newswire-port-strike.txt',
    layout: 'news wire: nav menu, dateline, related-links rail, production credits, share bar',
    title: 'Dockworkers in Gdansk extend strike as talks with port operator stall',
    published: '2023-03-03',
    basis: 'stated',
    authors: ['Anna Kowalska', 'Piotr Nowak'],
    outlet: 'Reuters',
    first: 'Dockworkers at Poland\'s largest container terminal extended their strike on Friday after a fourth round of talks with the port operator ended without agreement, union officials said.',
    last: "Poland's infrastructure ministry said it was monitoring the situation and urged both sides to return to the table next week.",
    absent: ['Polish exports slow as Baltic freight costs climb', 'Editing by', 'Our Standards', 'Updated 2 hours ago', 'Lithuania opens new LNG berth'],
    kinds: ['title', 'byline', 'dateline'],
  },
  {
    file: 'thinktank-water-treaty.md',
    layout: 'think tank: markdown headings, bold label, footnote markers, recommendations list, notes, author bio box',
    title: 'The Mekong Water Charter at Ten: Promise and Practice',
    published: '2021-05-14',
    basis: 'stated',
    authors: ['Lan Nguyen', 'Somchai Rattana', 'Maria Ortega'],
    outlet: 'Institute for Regional Studies',
    first: 'When six riparian states signed the Mekong Water Charter in 2011, they promised to notify one another before building any dam on the main stream of the river.¹',
    last: 'Without these changes, the charter risks becoming a paper commitment that no one enforces.³',
    absent: ['Policy Brief', 'is a senior fellow', 'Drought and diplomacy', 'Home | Research', 'Facebook'],
    kinds: ['title', 'byline', 'dateline', 'heading', 'list-item', 'endnote'],
  },
  {
    file: 'blog-election-runoff.txt',
    layout: 'blog: cookie banner, site menu, share widgets, photo credit, tags, comments, login prompt',
    title: 'Why the runoff in Montenegro is closer than the polls suggest',
    published: '2018-10',
    basis: 'inferred',
    authors: [],
    outlet: 'The Balkan Dispatch',
    first: 'Few observers expected the first round to be close.',
    last: 'Younger voters, who backed the opposition by a wide margin in the first round, have historically turned out less in second rounds.',
    absent: ['diaspora vote', 'Mark my words', 'Accept all', 'THE BALKAN DISPATCH', 'Stevan Markovic', 'min read'],
    kinds: ['title', 'paragraph'],
  },
  {
    file: 'academic-explainer-sahel.txt',
    layout: 'academic explainer: tagline, search box, author label with affiliation, disclosure and partner boxes, share list, blockquote, topic list, promo footer',
    title: 'Why drought is pushing herders off the Sahel’s oldest cattle routes',
    published: '2022-06-12',
    basis: 'stated',
    authors: ['Amina Diallo'],
    outlet: null,
    first: 'For three centuries, herders have moved cattle from the dry north of the Sahel to the river valleys of the south along routes that every family knew by heart.',
    last: 'Where the posts have been maintained, clashes have fallen; where they have been removed or ignored, the old routes are disappearing within a few seasons.',
    absent: ['Leverhulme', 'provides funding', 'WhatsApp', 'Climate change', 'growing community', 'Lecturer in Geography', 'Search analysis'],
    kinds: ['title', 'dateline', 'byline', 'paragraph', 'blockquote'],
  },
];

describe.each(FIXTURES)('fixture $file ($layout)', (f) => {
  const raw = readFileSync(new URL(`../fixtures/normalise/${f.file}`, import.meta.url), 'utf8');
  const doc = normalise(createDoc(f.file.replace(/\.\w+$/, ''), f.file, raw));

  it('finds title, authors, outlet and publication date', () => {
    expect(doc.meta.title).toBe(f.title);
    expect(doc.meta.authors).toEqual(f.authors);
    expect(doc.meta.outlet).toBe(f.outlet);
    expect(doc.meta.published).toBe(f.published);
    expect(doc.meta.publishedBasis).toBe(f.basis);
  });
  it('keeps the first and last body sentences and the structure', () => {
    const body = bodyParagraphs(doc);
    expect(body[0]).toContain(f.first);
    expect(body[body.length - 1]).toContain(f.last);
    const kinds = new Set(doc.paragraphs.map((p) => p.kind));
    for (const k of f.kinds) expect(kinds).toContain(k);
  });
  it('drops the chrome', () => {
    expectNoChrome(doc);
    for (const a of f.absent) expect(doc.text).not.toContain(a);
  });
  it('maps every character back to raw', () => {
    expectOffsetsRoundTrip(doc);
  });
});

describe('broken lines are repaired without retyping', () => {
  it('joins a line broken inside a sentence, in the blog and the think-tank paste', () => {
    const blog = normalise(createDoc('b', 'b', readFileSync(new URL('../fixtures/normalise/blog-election-runoff.txt', import.meta.url), 'utf8')));
    expect(blog.text).toContain('the same promise was made in the last campaign');
    const tt = normalise(createDoc('t', 't', readFileSync(new URL('../fixtures/normalise/thinktank-water-treaty.md', import.meta.url), 'utf8')));
    expect(tt.text).toContain('and several governments signalled');
  });
});
