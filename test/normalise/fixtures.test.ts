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
  {
    file: 'wire-grid-outage.txt',
    layout: 'news wire: timestamp line with "Updated N hours ago", agency dateline, newsletter promo, market-data disclaimer, site index',
    title: 'Chile restores power to most of capital after nationwide blackout',
    published: '2023-06-12',
    basis: 'stated',
    authors: ['Lucia Fernandez', 'Tom Hadley'],
    outlet: 'Wire Media',
    first: 'SANTIAGO, June 12 (Wire) - Chile restored electricity to most of Santiago by Monday morning',
    last: 'The blackout was the largest since February 2010, when an earthquake knocked out power across the south of the country for days.',
    absent: ['Power Lines', 'Sign up here', 'quotes delayed', 'Site Index', "Peru's copper exports", 'Editing by'],
    kinds: ['title', 'byline', 'dateline', 'paragraph'],
  },
  {
    file: 'newsletter-river-treaty.txt',
    layout: 'newsletter blog: masthead, dek without a full stop, author name without "By", "· 6 min read" date line, like/comment bar, "Thanks for reading" box, footer link row',
    title: 'The Quiet Collapse of the Narva Bridge Talks',
    published: '2022-09-08',
    basis: 'stated',
    authors: ['Kaja Tamm'],
    outlet: 'Baltic Notes',
    first: 'On Tuesday, Estonian officials told the Russian side that talks on reopening the footbridge across the Narva river would not resume this year.',
    last: 'Until then, the bridge will stay what it has been for months: a line on a map that people look at from both sides.',
    absent: ['12 Likes', 'Share this post', 'Thanks for reading', 'Subscribe for free', 'Collection notice', 'Get the app', 'Ready for more'],
    kinds: ['title', 'subtitle', 'byline', 'dateline', 'paragraph'],
  },
  {
    file: 'report-water-tariffs.txt',
    layout: 'working paper: series line and a month-only date line above the title, author label, numbered sections, notes, related publications, copyright with a year',
    title: "Paying for Water: Tariff Reform in Armenia's Irrigation Districts",
    published: '2021-09',
    basis: 'stated',
    authors: ['Narine Petrosyan'],
    outlet: 'Institute for Caucasus Policy',
    first: "Armenia's irrigation districts have tried for two decades to cover their costs from tariffs paid by farmers.",
    last: 'Repairs must come first.',
    absent: ['Working Paper No. 87', 'Download PDF', 'is a senior fellow', "Georgia's hydropower boom", 'Research | Events'],
    kinds: ['title', 'byline', 'dateline', 'heading', 'endnote'],
  },
  {
    file: 'commentary-port-lease.txt',
    layout: "commentary: today's date in the nav bar, byline with the date after a bar, an Updated line, briefing promo, bio, related-analysis rail with a question headline",
    title: "Why Sri Lanka's Port Lease Still Divides Colombo",
    published: '2024-03-03',
    basis: 'stated',
    authors: ['Ramesh Perera'],
    outlet: 'Pacific Affairs Review',
    first: 'On Thursday, the cabinet in Colombo approved a review of the lease',
    last: 'The most likely outcome is a set of new reporting rules that both sides can accept.',
    absent: ['weekly briefing', 'Related Analysis', 'Can the Maldives Escape', "India's Port Diplomacy", 'is a senior fellow', 'Privacy Policy'],
    kinds: ['title', 'subtitle', 'byline', 'paragraph'],
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
