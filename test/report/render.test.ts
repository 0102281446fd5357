import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonAtomic } from '../../pipeline/core/fs-atomic.ts';
import { main } from '../../pipeline/cli/main.ts';
import { renderReport, writeReport } from '../../pipeline/report/index.ts';
import { compareTimex } from '../../pipeline/report/lib/dates.ts';
import { escapeHtml, escapeMarkdown, idPart } from '../../pipeline/report/lib/escape.ts';
import { markdownParagraph } from '../../pipeline/report/lib/markdown.ts';
import { LedgerSchema } from '../../pipeline/ledger/index.ts';
import type { Entry, Ledger, Support, TimelineItem } from '../../pipeline/report/types.ts';
import { CLAIM_IDS, DOCS, LEDGER } from '../fixtures/report/corpus.ts';

const docById = (id: string) => DOCS.find((d) => d.id === id)!;
const claimText = (docId: string, claimId: string): string => {
  const d = docById(docId);
  const c = d.claims.find((x) => x.id === claimId)!;
  return d.text.slice(c.start, c.end);
};

/** The section of a Markdown report between a heading line starting with `from` and the next heading of the same level. */
function section(markdown: string, from: string): string {
  const start = markdown.indexOf(from);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(from)![0];
  const rest = markdown.slice(start + from.length);
  const next = rest.search(new RegExp(`\\n${level} `));
  return next < 0 ? rest : rest.slice(0, next);
}

describe('escaping', () => {
  it.each([
    ['<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    ["a & b's", 'a &amp; b&#39;s'],
  ])('escapeHtml(%j)', (input, out) => expect(escapeHtml(input)).toBe(out));
  it.each([
    ['<script>x</script>', '&lt;script&gt;x&lt;/script&gt;'],
    ['*bold* _it_ [l](u) a|b ~s~ `c`', '\\*bold\\* \\_it\\_ \\[l\\](u) a\\|b \\~s\\~ \\`c\\`'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['# not a heading', '\\# not a heading'],
    ['line\nbreak', 'line break'],
    ['over 40% in 2020.', 'over 40% in 2020.'],
  ])('escapeMarkdown(%j)', (input, out) => expect(escapeMarkdown(input)).toBe(out));
  it('idPart keeps distinct inputs distinct and fragment-safe', () => {
    const inputs = ['a b', 'a_b', 'a.b', 'a.20.b', 'a-b', 'Ä', '😀'];
    const outs = inputs.map(idPart);
    expect(new Set(outs).size).toBe(inputs.length);
    for (const o of outs) expect(o).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});

describe('timex ordering', () => {
  it('orders partial dates before fuller ones in the same period, seasons by month, unanchored last', () => {
    const values = ['PRESENT_REF', '2016', '2015-10-14', '2015-FA', '2015', '2015-03', '199'];
    expect([...values].sort(compareTimex)).toEqual(['199', '2015', '2015-03', '2015-FA', '2015-10-14', '2016', 'PRESENT_REF']);
  });
});

describe('markdownParagraph', () => {
  it('bolds claim spans, merging overlaps and keeping whitespace outside the markers', () => {
    const text = 'First one. Second *one*. Third.';
    const claims = [
      { start: 0, end: 11 },
      { start: 11, end: 24 },
      { start: 5, end: 9 },
    ];
    expect(markdownParagraph(text, 0, text.length, claims)).toBe('**First one. Second \\*one\\*.** Third.');
  });
});

describe('the hand-built ledger fixture', () => {
  it('passes the ledger schema', () => {
    expect(() => LedgerSchema.parse(LEDGER)).not.toThrow();
  });
});

describe('renderReport: markdown for a hand-built ledger', () => {
  const { markdown } = renderReport({ ledger: LEDGER, docs: DOCS });

  it('states totals and per-topic corroboration counts', () => {
    expect(markdown).toContain('3 documents · 9 ledger entries (1 corroborated, 8 disputed) · 4 disagreements');
    expect(section(markdown, '### <a id="topic-prisoners"></a>prisoners')).toContain('1 entry: 1 corroborated, 0 single-source, 0 disputed.');
    expect(section(markdown, '### <a id="topic-visits"></a>visits')).toContain('2 entries: 0 corroborated, 0 single-source, 2 disputed.');
  });

  it('lists the corroborated entry with its three sources, their exact quotes and publication dates', () => {
    const s = section(markdown, '### <a id="topic-prisoners"></a>prisoners');
    expect(s).toContain('**Republic of Estoria released political prisoners (2021-02-14)** — 2021-02-14 — corroborated, 3 sources');
    expect(s).not.toContain('disagreement](');
    for (const [docId, claimId] of [['harbour-01', CLAIM_IDS.a.release!], ['ledger-02', CLAIM_IDS.b.release!], ['courier-03', CLAIM_IDS.c.release!]] as const) {
      expect(s).toContain(`> ${escapeMarkdown(claimText(docId, claimId))}`);
      expect(s).toContain(`[claim in context](#doc-${docId}-c-${claimId})`);
    }
    expect(s).toContain('[Harbour Times](#doc-harbour-01) · published 2021-03-02');
    expect(s).toContain('[Northern Ledger](#doc-ledger-02) · published 2021-03-05');
    expect(s).toContain('[Daily Courier](#doc-courier-03) · published 2021-04-01');
  });

  it.each([
    { kind: 'date', id: 'd-date', a: ['harbour-01', CLAIM_IDS.a.visit!], b: ['ledger-02', CLAIM_IDS.b.visit!], period: 'period 2021-01-03 – 2021-01-05', labels: ['2021-01-03', '2021-01-05'] },
    { kind: 'figure', id: 'd-figure', a: ['harbour-01', CLAIM_IDS.a.inflation!], b: ['ledger-02', CLAIM_IDS.b.inflation!], period: 'period 2020-01-01 – 2020-12-31', labels: ['over 40% inflation', '35% inflation'] },
    { kind: 'polarity', id: 'd-polarity', a: ['harbour-01', CLAIM_IDS.a.join!], b: ['ledger-02', CLAIM_IDS.b.join!], period: 'period 2021-01-01 – 2021-01-31', labels: ['not: Republic of Estoria joins the customs union (2021)', 'Republic of Estoria joins the customs union (2021-01)'] },
    { kind: 'contrary', id: 'd-contrary', a: ['harbour-01', CLAIM_IDS.a.west!], b: ['ledger-02', CLAIM_IDS.b.west!], period: 'period 2015-09-01 – 2016-12-31', labels: ['Republic of Estoria moves closer to the West (2015-FA)', 'not: Republic of Estoria moves closer to the West (2016)'] },
  ])('shows the $kind disagreement with both sides, quotes, dates and claim links', ({ kind, id, a, b, period, labels }) => {
    const s = section(markdown, `### <a id="dis-${id}"></a>${kind}: `);
    expect(s).toContain(period);
    const one = s.indexOf(`**One account: ${escapeMarkdown(labels[0]!)}**`);
    const other = s.indexOf(`**The other account: ${escapeMarkdown(labels[1]!)}**`);
    expect(one).toBeGreaterThanOrEqual(0);
    expect(other).toBeGreaterThan(one);
    const [docA, claimA] = a as [string, string];
    const [docB, claimB] = b as [string, string];
    const qa = s.indexOf(`> ${escapeMarkdown(claimText(docA, claimA))}`);
    const qb = s.indexOf(`> ${escapeMarkdown(claimText(docB, claimB))}`);
    expect(qa).toBeGreaterThan(one);
    expect(qa).toBeLessThan(other);
    expect(qb).toBeGreaterThan(other);
    expect(s).toContain(`(#doc-${docA}-c-${claimA})`);
    expect(s).toContain(`(#doc-${docB}-c-${claimB})`);
    expect(s).toContain(`published ${escapeMarkdown(docById(docA).meta.published!)}`);
    expect(s).toContain(`published ${escapeMarkdown(docById(docB).meta.published!)}`);
  });

  it('orders the timeline by date within a topic and marks disputed rows', () => {
    const t = section(markdown, '## Timeline');
    const align = section(t, '### alignment');
    expect(align.indexOf('| 2015-FA |')).toBeGreaterThanOrEqual(0);
    expect(align.indexOf('| 2015-FA |')).toBeLessThan(align.indexOf('| 2016 |'));
    expect(align).toContain('[contrary disagreement](#dis-d-contrary)');
    const visits = section(t, '### visits');
    expect(visits.indexOf('| 2021-01-03 |')).toBeGreaterThanOrEqual(0);
    expect(visits.indexOf('| 2021-01-03 |')).toBeLessThan(visits.indexOf('| 2021-01-05 |'));
    expect(section(t, '### prisoners')).not.toContain('disagreement](');
  });

  it('renders each document with claims in bold and a mentions table with normalised values', () => {
    const d = section(markdown, '### <a id="doc-harbour-01"></a>');
    expect(d).toContain('**Estoria released six political prisoners on 14 February 2021, officials said.**');
    expect(d).toContain('| date | 14 February 2021 | date 2021-02-14 · DATE · anchored: absolute |');
    expect(d).toContain('| quantity | over 40% | quantity over 40 percent · inflation |');
    expect(d).not.toContain('<script>');
    expect(d).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
  });

  it('has a target for every in-page link', () => {
    const ids = new Set([...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const links = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((l) => !ids.has(l))).toEqual([]);
  });
});

describe('renderReport: HTML', () => {
  const { html } = renderReport({ ledger: LEDGER, docs: DOCS });

  it('escapes hostile text from documents and titles', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>as promised');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Estoria frees prisoners &lt;b&gt;as promised&lt;/b&gt;');
  });

  it('is self-contained: no external URLs in src or href', () => {
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('gives every link a target and every id once', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const links = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.filter((l) => !ids.includes(l))).toEqual([]);
  });

  it('highlights each claim once as a <mark> with its anchor, and mentions with normalised titles', () => {
    for (const d of DOCS) for (const c of d.claims) expect(html.split(`id="doc-${d.id}-c-${c.id}"`).length - 1).toBe(1);
    expect(html).toMatch(/<span class="m m-quantity" title="quantity over 40 percent · inflation" data-mention="[^"]+">over 40%<\/span>/);
    expect(html).toMatch(/<mark class="c c-negated c-predicted" id="[^"]+" title="Republic of Estoria join the customs union · time 2021 \(clause\) · negated · predicted"/);
  });
});

const s0 = LEDGER.entries.find((e) => e.id === 'e-release')!.supports[0]!;
const bareEntry = (supports: Support[]): Entry => ({ ...LEDGER.entries[0]!, id: 'e1', topics: [], family: 'release', status: 'single-source', disagreementIds: [], supports });
const bareLedger = (entries: Entry[], timelines: Record<string, TimelineItem[]> = {}): Ledger => ({ ...LEDGER, entries, disagreements: [], timelines });

describe('renderReport: problems in the input are shown, not hidden', () => {
  const bad = bareLedger([
    bareEntry([
      { ...s0, quote: 'Estoria released seven prisoners.', start: 0, end: 10 },
      { ...s0, docId: 'not-in-report', claimId: 'c_x', quote: 'A quote from elsewhere.' },
    ]),
  ]);
  const { markdown, html } = renderReport({ ledger: bad, docs: DOCS });
  it('flags a quote that does not match the document at its offsets, and keeps the ledger quote', () => {
    expect(html).toContain('Estoria released seven prisoners.');
    expect(html).toContain('does not match the document text at its offsets');
    expect(markdown).toContain('*quote does not match the document at its offsets*');
  });
  it('does not link to a document that is not in the report', () => {
    expect(html).not.toContain('href="#doc-not-in-report');
    expect(html).toContain('document not in this report');
  });
  it('falls back to the relation family as topic and says when nothing is dated or disputed', () => {
    expect(markdown).toContain('### <a id="topic-release"></a>release');
    expect(markdown).toContain('No disagreements were found.');
    expect(markdown).toContain('No dated claims.');
  });
});

describe('renderReport: claims that cannot be shown get no anchor and no link', () => {
  const base = DOCS[2]!;
  const hidden = { ...base.claims[0]!, id: 'c_hidden', start: 0, end: 7, quote: base.text.slice(0, 7) };
  const broken = { ...base.claims[0]!, id: 'c_broken', start: 5, end: base.text.length + 10, quote: 'x' };
  const doc = { ...base, paragraphs: base.paragraphs.slice(1), claims: [...base.claims, hidden, broken] };
  const sup = (c: { id: string; quote: string; start: number; end: number }): Support => ({ ...s0, docId: doc.id, claimId: c.id, quote: c.quote, start: c.start, end: c.end });
  const { html } = renderReport({ ledger: bareLedger([bareEntry([sup(hidden), sup(broken), sup(base.claims[0]!)])]), docs: [doc] });
  it('links the claim that is shown, and not the one outside every paragraph or past the text', () => {
    expect(html).toContain(`href="#doc-${doc.id}-c-${base.claims[0]!.id}"`);
    expect(html).not.toContain('c_hidden"');
    expect(html).not.toContain('-c-c_broken');
    expect(html).toContain('1 span did not line up with the text and is not highlighted.');
  });
});

describe('renderReport: the timeline', () => {
  const item = LEDGER.timelines['economy']![0]!;
  const ledger: Ledger = {
    ...LEDGER,
    timelines: {
      independence: [
        { ...item, date: null, period: null, timeValue: 'PRESENT_REF', disagreementIds: [] },
        { ...item, date: '2020-08-09', timeValue: '2020-08-09', disagreementIds: ['d-figure', 'no-such'] },
      ],
      empty: [],
    },
  };
  const t = section(renderReport({ ledger, docs: DOCS }).markdown, '## Timeline');
  it('renders the ledger’s topics, dated rows first and undated ones last and marked', () => {
    expect(t).toContain('### independence');
    expect(t).not.toContain('### empty');
    expect(t.indexOf('| 2020-08-09 |')).toBeGreaterThanOrEqual(0);
    expect(t.indexOf('| 2020-08-09 |')).toBeLessThan(t.indexOf('| PRESENT\\_REF (undated) |'));
  });
  it('links only disagreements that exist', () => {
    expect(t).toContain('[figure disagreement](#dis-d-figure)');
    expect(t).not.toContain('no-such');
  });
});

describe('renderReport is pure; writeReport and `claims report` write both files', () => {
  it('gives the same output for the same input, whatever the document order', () => {
    const a = renderReport({ ledger: LEDGER, docs: DOCS });
    const b = renderReport({ ledger: LEDGER, docs: [...DOCS].reverse() });
    expect(b).toEqual(a);
  });
  it('writeReport writes report.md and report.html', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-'));
    const files = writeReport(dir, LEDGER, DOCS);
    const r = renderReport({ ledger: LEDGER, docs: DOCS });
    expect(readFileSync(files.markdown, 'utf8')).toBe(r.markdown);
    expect(readFileSync(files.html, 'utf8')).toBe(r.html);
  });
  it('`claims report --out DIR` re-renders from ledger.json and documents/', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-cli-'));
    writeJsonAtomic(path.join(dir, 'ledger.json'), LEDGER);
    for (const d of DOCS) writeJsonAtomic(path.join(dir, 'documents', `${d.id}.json`), d);
    expect(await main(['node', 'claims', 'report', '--out', dir])).toBe(0);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe(renderReport({ ledger: LEDGER, docs: DOCS }).markdown);
    const empty = mkdtempSync(path.join(tmpdir(), 'report-cli-'));
    expect(await main(['node', 'claims', 'report', '--out', empty])).toBe(2);
    expect(existsSync(path.join(empty, 'report.md'))).toBe(false);
  });
});
