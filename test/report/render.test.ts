import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonAtomic } from '../../pipeline/core/fs-atomic.ts';
import { main } from '../../pipeline/cli/main.ts';
import { docFileName, renderReport, writeReport, type DocSource, type ReportOutput } from '../../pipeline/report/index.ts';
import { compareTimex } from '../../pipeline/report/lib/dates.ts';
import { excerpt } from '../../pipeline/report/lib/view.ts';
import { escapeHtml, escapeMarkdown, idPart } from '../../pipeline/report/lib/escape.ts';
import { LedgerSchema } from '../../pipeline/ledger/index.ts';
import type { Entry, Ledger, Support, TimelineItem } from '../../pipeline/report/types.ts';
import type { DocumentJson } from '../../pipeline/core/schema.ts';
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

const page = (out: ReportOutput, docId: string): string => {
  const p = out.pages.find((x) => x.docId === docId);
  expect(p).toBeDefined();
  return p!.html;
};
const pageHref = (docId: string, claimId?: string): string => `report/docs/${docId}.html${claimId ? `#c-${claimId}` : ''}`;

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

describe('the hand-built ledger fixture', () => {
  it('passes the ledger schema', () => {
    expect(() => LedgerSchema.parse(LEDGER)).not.toThrow();
  });
});

describe('renderReport: the Markdown index for a hand-built ledger', () => {
  const { markdown } = renderReport({ ledger: LEDGER, docs: DOCS });

  it('states totals and per-topic corroboration counts', () => {
    expect(markdown).toContain('3 documents · 9 ledger entries (1 corroborated, 8 disputed) · 4 disagreements');
    expect(section(markdown, '### <a id="topic-prisoners"></a>prisoners')).toContain('1 entry: 1 corroborated, 0 single-source, 0 disputed.');
    expect(section(markdown, '### <a id="topic-visits"></a>visits')).toContain('2 entries: 0 corroborated, 0 single-source, 2 disputed.');
  });

  it('lists the corroborated entry with its three sources, their exact quotes, publication dates and links to the claims on the document pages', () => {
    const s = section(markdown, '### <a id="topic-prisoners"></a>prisoners');
    expect(s).toContain('**Republic of Estoria released political prisoners (2021-02-14)** — 2021-02-14 — corroborated, 3 sources');
    expect(s).not.toContain('disagreement](');
    for (const [docId, claimId] of [['harbour-01', CLAIM_IDS.a.release!], ['ledger-02', CLAIM_IDS.b.release!], ['courier-03', CLAIM_IDS.c.release!]] as const) {
      expect(s).toContain(`> ${escapeMarkdown(claimText(docId, claimId))}`);
      expect(s).toContain(`[claim in context](${pageHref(docId, claimId)})`);
    }
    expect(s).toContain(`[Harbour Times](${pageHref('harbour-01')}) · published 2021-03-02`);
    expect(s).toContain(`[Northern Ledger](${pageHref('ledger-02')}) · published 2021-03-05`);
    expect(s).toContain(`[Daily Courier](${pageHref('courier-03')}) · published 2021-04-01`);
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
    expect(s).toContain(`(${pageHref(docA, claimA)})`);
    expect(s).toContain(`(${pageHref(docB, claimB)})`);
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

  it('has a table of documents linking to their pages, and none of the document texts', () => {
    const d = section(markdown, '## <a id="documents"></a>Documents');
    expect(d).toContain(`[Estoria frees prisoners &lt;b&gt;as promised&lt;/b&gt;](${pageHref('harbour-01')}) | Harbour Times | 2021-03-02 | 5 |`);
    expect(d).toContain(`[Release confirmed](${pageHref('courier-03')}) | Daily Courier | 2021-04-01 | 1 |`);
    // Text that is in no claim quote is in no index.
    expect(markdown).not.toContain('Critics called it');
  });

  it('has a target for every link: an <a id> in the index, or an id on a document page', () => {
    const out = renderReport({ ledger: LEDGER, docs: DOCS });
    const ids = new Set([...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const links = [...markdown.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(20);
    const broken = links.filter((l) => {
      if (l.startsWith('#')) return !ids.has(l.slice(1));
      const [file, frag] = l.split('#');
      const p = out.pages.find((x) => x.path === file);
      return !p || (frag !== undefined && !p.html.includes(`id="${frag}"`));
    });
    expect(broken).toEqual([]);
  });
});

describe('renderReport: the HTML index and the document pages', () => {
  const out = renderReport({ ledger: LEDGER, docs: DOCS });
  const { html } = out;
  const idsOf = (s: string): string[] => [...s.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const hrefsOf = (s: string): string[] => [...s.matchAll(/\shref="([^"]+)"/g)].map((m) => m[1]!);

  it('escapes hostile text from documents and titles, on the index and on the page', () => {
    for (const s of [html, page(out, 'harbour-01')]) {
      expect(s).not.toMatch(/<script/i);
      expect(s).not.toContain('<b>as promised');
      expect(s).toContain('Estoria frees prisoners &lt;b&gt;as promised&lt;/b&gt;');
    }
    expect(page(out, 'harbour-01')).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('is self-contained: links only to the index, the document pages and anchors; no external URLs or imports', () => {
    for (const s of [html, ...out.pages.map((p) => p.html)]) {
      expect(s).not.toMatch(/\ssrc="/);
      expect(s).not.toMatch(/@import|url\(/);
      for (const href of hrefsOf(s)) expect(href).toMatch(/^(#|report\/docs\/[A-Za-z0-9._~-]+\.html(#|$)|\.\.\/\.\.\/report\.html(#|$))/);
    }
  });

  it('gives every link a target (across pages) and every id once per page', () => {
    const pages = new Map<string, string>([['report.html', html], ...out.pages.map((p) => [p.path, p.html] as [string, string])]);
    const broken: string[] = [];
    for (const [name, s] of pages) {
      const ids = idsOf(s);
      expect(new Set(ids).size).toBe(ids.length);
      for (const href of hrefsOf(s)) {
        const [file, frag] = href.split('#') as [string, string | undefined];
        const target = file === '' ? name : path.posix.normalize(path.posix.join(path.posix.dirname(name), file));
        const t = pages.get(target);
        if (t === undefined || (frag !== undefined && !idsOf(t).includes(frag))) broken.push(`${name} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps the document texts out of the index', () => {
    expect(html).not.toContain('Critics called it');
    expect(html).not.toContain('<mark');
    for (const d of DOCS) expect(html).toContain(`href="${pageHref(d.id)}"`);
  });

  it('highlights each claim once as a <mark> with its anchor on its page, and mentions with normalised titles', () => {
    for (const d of DOCS) {
      const p = page(out, d.id);
      for (const c of d.claims) expect(p.split(`id="c-${c.id}"`).length - 1).toBe(1);
      expect(p.match(/<mark class="c[^"]*" id=/g)?.length).toBe(d.claims.length);
    }
    const p = page(out, 'harbour-01');
    expect(p).toMatch(/<span class="m m-quantity" title="quantity over 40 percent · inflation" data-mention="[^"]+">over 40%<\/span>/);
    expect(p).toMatch(/<mark class="c c-negated c-predicted" id="[^"]+" title="Republic of Estoria join the customs union · time 2021 \(clause\) · negated · predicted"/);
  });

  it('links each page back to the index and to the disagreements involving it, and no others', () => {
    const a = page(out, 'harbour-01');
    expect(a).toContain('href="../../report.html"');
    for (const d of ['d-date', 'd-figure', 'd-polarity', 'd-contrary']) expect(a).toContain(`href="../../report.html#dis-${d}"`);
    expect(a).toContain('Disagreements involving this document (4)');
    const c = page(out, 'courier-03');
    expect(c).toContain('Disagreements involving this document (0)');
    expect(c).not.toContain('#dis-');
  });
});

describe('renderReport: quotes per entry are capped, the other sources linked', () => {
  const base = DOCS[2]!;
  const many: DocumentJson[] = Array.from({ length: 8 }, (_, i) => ({ ...base, id: `wire-${i}`, meta: { ...base.meta, outlet: `Wire ${i}` }, claims: base.claims.map((c) => ({ ...c, docId: `wire-${i}` })) }));
  const supports: Support[] = many.map((d) => ({ ...s0, docId: d.id, claimId: d.claims[0]!.id, quote: d.claims[0]!.quote, start: d.claims[0]!.start, end: d.claims[0]!.end }));
  const out = renderReport({ ledger: bareLedger([{ ...bareEntry(supports), status: 'corroborated', sourceCount: 8 }]), docs: many });
  it('shows five quotes and links the other three sources to their claims', () => {
    expect(out.html.match(/<blockquote>/g)?.length).toBe(5);
    expect(out.html).toContain('3 more sources: ');
    for (const i of [5, 6, 7]) expect(out.html).toContain(`<a href="${pageHref(`wire-${i}`, base.claims[0]!.id)}">Wire ${i}</a>`);
    expect(out.markdown).toContain(`3 more sources: [Wire 5](${pageHref('wire-5', base.claims[0]!.id)})`);
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
    expect(html).not.toContain('not-in-report.html');
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
  const out = renderReport({ ledger: bareLedger([bareEntry([sup(hidden), sup(broken), sup(base.claims[0]!)])]), docs: [doc] });
  const docPage = page(out, doc.id);
  it('links the claim that is shown, and not the one outside every paragraph or past the text', () => {
    expect(out.html).toContain(`href="${pageHref(doc.id, base.claims[0]!.id)}"`);
    expect(out.html).not.toContain('#c-c_hidden');
    expect(out.html).not.toContain('#c-c_broken');
    expect(docPage).toContain(`id="c-${base.claims[0]!.id}"`);
    expect(docPage).not.toContain('id="c-c_hidden"');
    expect(docPage).not.toContain('id="c-c_broken"');
    expect(docPage).toContain('1 span did not line up with the text and is not highlighted.');
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

describe('renderReport: single-source entries are capped per topic, corroborated and disputed ones never', () => {
  const one = s0;
  const single = (i: number): Entry => ({ ...bareEntry([{ ...one }]), id: `e-single-${i}`, topics: ['floods'], summary: `single ${i}` });
  const multi: Entry = { ...bareEntry(LEDGER.entries.find((e) => e.id === 'e-release')!.supports), id: 'e-multi', topics: ['floods'], status: 'corroborated', sourceCount: 3, summary: 'multi' };
  const entries = [...Array.from({ length: 30 }, (_, i) => single(i)), multi];
  const item = LEDGER.timelines['prisoners']![0]!;
  const timeline: TimelineItem[] = entries.map((e) => ({ ...item, entryId: e.id, summary: e.summary, disagreementIds: [] }));
  const { html, markdown } = renderReport({ ledger: bareLedger(entries, { floods: timeline }), docs: DOCS });
  it('lists 25 single-source entries and the cross-source one, and says how many are not listed', () => {
    const ledger = section(markdown, '### <a id="topic-floods"></a>floods');
    expect(ledger).toContain('31 entries: 1 corroborated, 30 single-source, 0 disputed.');
    expect(ledger.match(/\*\*single \d+\*\*/g)?.length).toBe(25);
    expect(ledger).toContain('**single 24**');
    expect(ledger).not.toContain('**single 25**');
    expect(ledger).toContain('**multi**');
    expect(ledger).toContain('5 more single-source entries in this topic are not listed here');
    expect(html).toContain('5 more single-source entries in this topic are not listed here');
  });
  it('does the same in the timeline', () => {
    const t = section(section(markdown, '## Timeline'), '### floods');
    expect(t.match(/\*\*single \d+\*\*/g)?.length).toBe(25);
    expect(t).toContain('**multi**');
    expect(t).toContain('5 more claims in this topic are not listed here');
  });
});

describe('renderReport: long lists stay bounded', () => {
  const base = DOCS[2]!;
  const many: DocumentJson[] = Array.from({ length: 30 }, (_, i) => ({ ...base, id: `wire-${String(i).padStart(2, '0')}`, meta: { ...base.meta, outlet: `Wire ${i}` }, claims: base.claims.map((c) => ({ ...c, docId: `wire-${i}` })) }));
  const supports: Support[] = many.map((d) => ({ ...s0, docId: d.id, claimId: d.claims[0]!.id, quote: d.claims[0]!.quote, start: d.claims[0]!.start, end: d.claims[0]!.end }));
  const entry: Entry = { ...bareEntry(supports), topics: ['aid', 'prisoners'], status: 'corroborated', sourceCount: 30 };
  const { html, markdown } = renderReport({ ledger: bareLedger([entry]), docs: many });
  it('links 20 more sources after 5 quotes and counts the rest', () => {
    expect(html.match(/<blockquote>/g)?.length).toBe(5);
    expect(html).toContain('25 more sources: ');
    expect(html).toContain('>Wire 24</a> and 5 others</p>');
    expect(html).not.toContain('>Wire 25</a>');
  });
  it('shows an entry’s sources under its first topic only, and links there from the others', () => {
    const aid = section(markdown, '### <a id="topic-aid"></a>aid');
    const prisoners = section(markdown, '### <a id="topic-prisoners"></a>prisoners');
    expect(aid).toContain('<a id="entry-e1"></a>');
    expect(aid.match(/^ {4}> /gm)?.length).toBe(5);
    expect(prisoners).not.toContain('<a id="entry-e1"></a>');
    expect(prisoners).not.toMatch(/^ {4}> /m);
    expect(prisoners).toContain('[under its first topic](#entry-e1)');
  });
  it.each([
    ['short quote.', 'short quote.'],
    [`${'word '.repeat(40)}end`, `${'word '.repeat(24).trimEnd()}…`],
    [`${'x'.repeat(119)}😀${'y'.repeat(20)}`, `${'x'.repeat(119)}…`],
  ])('excerpt(%j) for the timeline', (q, out) => expect(excerpt(q)).toBe(out));
});

describe('renderReport is pure', () => {
  it('gives the same output for the same input, whatever the document order', () => {
    const a = renderReport({ ledger: LEDGER, docs: DOCS });
    const b = renderReport({ ledger: LEDGER, docs: [...DOCS].reverse() });
    expect(b).toEqual(a);
    expect(a.pages.map((p) => p.docId)).toEqual(['courier-03', 'harbour-01', 'ledger-02']);
  });
});

describe('document page file names', () => {
  it.each([
    ['AFP_ENG_19970401.0006', 'AFP_ENG_19970401.0006'],
    ['harbour-01', 'harbour-01'],
    ['a b', '~a.20.b'],
    ['../up', '~.2e..2e..2f.up'],
    ['.hidden', '~.2e.hidden'],
  ])('docFileName(%j) = %j', (id, file) => expect(docFileName(id)).toBe(file));
  it('keeps distinct ids distinct', () => {
    const ids = ['a b', 'a.20.b', '~a.20.b', 'a_b', 'Ä', 'a/b', 'a%2Fb'];
    expect(new Set(ids.map(docFileName)).size).toBe(ids.length);
  });
});

describe('writeReport: incremental', () => {
  const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'report-'));
  const pagePath = (dir: string, id: string): string => path.join(dir, pageHref(id));
  /** Inode and mtime: an atomic rewrite replaces the inode even within the same millisecond. */
  const stamp = (f: string): string => {
    const s = statSync(f);
    return `${s.ino}:${s.mtimeMs}`;
  };
  const stamps = (dir: string): Record<string, string> => Object.fromEntries(DOCS.map((d) => [d.id, stamp(pagePath(dir, d.id))]));
  /** A DocSource that counts its loads. */
  const counting = (docs: readonly DocumentJson[]): DocSource & { loaded: string[] } => {
    const loaded: string[] = [];
    const map = new Map(docs.map((d) => [d.id, d]));
    return { ids: [...map.keys()], hash: (id) => JSON.stringify(map.get(id)), load: (id) => (loaded.push(id), map.get(id)!), loaded };
  };

  it('writes the index and every page, byte for byte what renderReport returns', () => {
    const dir = tmp();
    const r = writeReport(dir, LEDGER, DOCS);
    const out = renderReport({ ledger: LEDGER, docs: DOCS });
    expect(readFileSync(r.markdown, 'utf8')).toBe(out.markdown);
    expect(readFileSync(r.html, 'utf8')).toBe(out.html);
    for (const p of out.pages) expect(readFileSync(path.join(dir, p.path), 'utf8')).toBe(p.html);
    expect(r.rendered).toEqual(['courier-03', 'harbour-01', 'ledger-02']);
    expect(readdirSync(r.pagesDir).sort()).toEqual(['courier-03.html', 'harbour-01.html', 'ledger-02.html']);
    expect(existsSync(r.manifest)).toBe(true);
  });

  it('re-renders nothing when nothing changed, and does not load any document', () => {
    const dir = tmp();
    writeReport(dir, LEDGER, DOCS);
    const before = stamps(dir);
    const src = counting(DOCS);
    writeReport(dir, LEDGER, counting(DOCS)); // the hashes differ from the array's: one full pass
    const again = stamps(dir);
    expect(again).not.toEqual(before);
    const r = writeReport(dir, LEDGER, src);
    expect(r.rendered).toEqual([]);
    expect(r.kept).toBe(3);
    expect(src.loaded).toEqual([]);
    expect(stamps(dir)).toEqual(again);
  });

  it('re-renders only the page of the document that changed, loading only that document', () => {
    const dir = tmp();
    writeReport(dir, LEDGER, counting(DOCS));
    const before = stamps(dir);
    const changed = DOCS.map((d) => (d.id === 'courier-03' ? { ...d, meta: { ...d.meta, authors: ['R. Vance'] } } : d));
    const src = counting(changed);
    const r = writeReport(dir, LEDGER, src);
    expect(r.rendered).toEqual(['courier-03']);
    expect(src.loaded).toEqual(['courier-03']);
    const after = stamps(dir);
    expect(after['courier-03']).not.toBe(before['courier-03']);
    expect(after['harbour-01']).toBe(before['harbour-01']);
    expect(after['ledger-02']).toBe(before['ledger-02']);
    expect(readFileSync(pagePath(dir, 'courier-03'), 'utf8')).toContain('R. Vance');
    expect(readFileSync(pagePath(dir, 'courier-03'), 'utf8')).toBe(page(renderReport({ ledger: LEDGER, docs: changed }), 'courier-03'));
  });

  it('re-renders an unchanged document’s page when a disagreement involving it appears', () => {
    const dir = tmp();
    const noDis: typeof LEDGER = { ...LEDGER, disagreements: LEDGER.disagreements.filter((d) => d.id !== 'd-date') };
    writeReport(dir, noDis, counting(DOCS));
    expect(readFileSync(pagePath(dir, 'harbour-01'), 'utf8')).not.toContain('#dis-d-date');
    const r = writeReport(dir, LEDGER, counting(DOCS));
    expect(r.rendered).toEqual(['harbour-01', 'ledger-02']);
    expect(readFileSync(pagePath(dir, 'harbour-01'), 'utf8')).toContain('href="../../report.html#dis-d-date"');
  });

  it('deletes the pages of removed documents and drops them from the index', () => {
    const dir = tmp();
    writeReport(dir, LEDGER, DOCS);
    writeFileSync(path.join(dir, 'report/docs/stray.html'), '<p>left over</p>');
    const rest = DOCS.filter((d) => d.id !== 'courier-03');
    const r = writeReport(dir, LEDGER, rest);
    expect(r.removed).toEqual(['courier-03']);
    expect(r.rendered).toEqual([]);
    expect(existsSync(pagePath(dir, 'courier-03'))).toBe(false);
    expect(readdirSync(r.pagesDir).sort()).toEqual(['harbour-01.html', 'ledger-02.html']);
    const index = readFileSync(r.html, 'utf8');
    expect(index).not.toContain(pageHref('courier-03'));
    expect(index).toContain('document not in this report');
    expect(index).toBe(renderReport({ ledger: LEDGER, docs: rest }).html);
  });

  it('re-renders every page when the manifest is missing or unreadable, or a page file is missing', () => {
    const dir = tmp();
    const first = writeReport(dir, LEDGER, DOCS);
    writeFileSync(first.manifest, '{"version": 1');
    expect(writeReport(dir, LEDGER, DOCS).rendered).toHaveLength(3);
    expect(writeReport(dir, LEDGER, DOCS).rendered).toEqual([]);
    const fileGone = pagePath(dir, 'ledger-02');
    rmSync(fileGone);
    expect(writeReport(dir, LEDGER, DOCS).rendered).toEqual(['ledger-02']);
  });

  it('`claims report --out DIR` renders from ledger.json and documents/, then only what changed', async () => {
    const dir = tmp();
    writeJsonAtomic(path.join(dir, 'ledger.json'), LEDGER);
    for (const d of DOCS) writeJsonAtomic(path.join(dir, 'documents', `${d.id}.json`), d);
    expect(await main(['node', 'claims', 'report', '--out', dir])).toBe(0);
    const out = renderReport({ ledger: LEDGER, docs: DOCS });
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe(out.markdown);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toBe(out.html);
    for (const p of out.pages) expect(readFileSync(path.join(dir, p.path), 'utf8')).toBe(p.html);
    const before = stamps(dir);
    writeJsonAtomic(path.join(dir, 'documents', 'ledger-02.json'), { ...DOCS[1]!, meta: { ...DOCS[1]!.meta, authors: ['K. Ode'] } });
    expect(await main(['node', 'claims', 'report', '--out', dir])).toBe(0);
    const after = stamps(dir);
    expect(after['ledger-02']).not.toBe(before['ledger-02']);
    expect(after['harbour-01']).toBe(before['harbour-01']);
    expect(after['courier-03']).toBe(before['courier-03']);
    const empty = tmp();
    expect(await main(['node', 'claims', 'report', '--out', empty])).toBe(2);
    expect(existsSync(path.join(empty, 'report.md'))).toBe(false);
  });
});
