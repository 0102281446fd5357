/**
 * The HTML report: static, self-contained pages (inline CSS, no script, no
 * fonts or images). The index (report.html) holds the ledger, the
 * disagreements, the timeline and a table of documents; each document has its
 * own page (report/docs/<id>.html) with its text highlighted.
 */
import { CSS } from './css.ts';
import { escapeHtml as h } from './escape.ts';
import { highlight } from './spans.ts';
import type { DisagreementView, DisRef, DocRowView, EntryView, IndexView, PageView, SourceView, TimelineView, TopicView } from './view.ts';

const STATUS_LABEL = { corroborated: 'corroborated', 'single-source': 'single source', disputed: 'disputed' } as const;

function link(href: string | null, text: string): string {
  return href ? `<a href="${h(href)}">${h(text)}</a>` : h(text);
}

function sourceLabel(s: SourceView): string {
  return `${s.outlet ?? s.title ?? s.docId}`;
}

function sourceLine(s: SourceView): string {
  const pub = s.published ? `published ${h(s.published)}` : 'publication date unknown';
  const parts = [`${link(s.docHref, sourceLabel(s))}`, pub];
  if (s.claimHref) parts.push(`<a href="${h(s.claimHref)}">claim in context</a>`);
  else if (s.docHref === null) parts.push('<span class="note">document not in this report</span>');
  return parts.join(' · ');
}

/** The sources past the quote cap: one link each, to the claim in context when it has an anchor. */
function moreLine(more: readonly SourceView[], unlinked: number): string {
  if (more.length === 0) return '';
  const n = more.length + unlinked;
  const links = more.map((s) => link(s.claimHref ?? s.docHref, sourceLabel(s)));
  return `<p class="src more">${n} more source${n === 1 ? '' : 's'}: ${links.join(', ')}${unlinked > 0 ? ` and ${unlinked} other${unlinked === 1 ? '' : 's'}` : ''}</p>`;
}

function quoteNote(s: SourceView): string {
  if (s.quoteCheck === 'mismatch') return '<p class="note">This quote does not match the document text at its offsets.</p>';
  if (s.quoteCheck === 'unverified') return '<p class="note">Quote not checked against the document (no offsets or document).</p>';
  return '';
}

function disLinks(ds: readonly DisRef[]): string {
  return ds.map((d) => `<a class="flag" href="${h(d.href)}">${h(d.kind)} disagreement</a>`).join(' ');
}

function entryRow(e: EntryView): string {
  const sources = e.seeAlso
    ? `<p class="src">Sources and quotes: <a href="${h(e.seeAlso)}">under its first topic</a></p>`
    : `<ul class="srcs">${e.sources.map((s) => `<li>${sourceLine(s)}<blockquote>${h(s.quote)}</blockquote>${quoteNote(s)}</li>`).join('')}</ul>${moreLine(e.more, e.unlinked)}`;
  const flags = disLinks(e.disagreements);
  const parts = [e.subject, e.relation, ...(e.object ? [e.object] : []), ...(e.polarity === 'negated' ? ['negated'] : [])];
  return `<tr${e.anchor ? ` id="${h(e.anchor)}"` : ''}><td><strong>${h(e.summary)}</strong><br><span class="src">${h(parts.join(' · '))}</span></td><td class="date">${h(e.time ?? 'undated')}</td><td><span class="status status-${h(e.status)}">${STATUS_LABEL[e.status]}</span><br>${e.docCount} source${e.docCount === 1 ? '' : 's'}${flags ? `<br>${flags}` : ''}</td><td>${sources}</td></tr>`;
}

/** Said under a capped list: how many single-source items are not listed, and where they are. */
function omittedNote(n: number, stem: string, one: string, many: string): string {
  if (n === 0) return '';
  return `<p class="note">${n} more ${stem}${n === 1 ? one : many} in this topic ${n === 1 ? 'is' : 'are'} not listed here; each is highlighted on its <a href="#documents">document&#39;s page</a>.</p>`;
}

function topicSection(t: TopicView): string {
  const c = t.counts;
  return `<section id="${h(t.anchor)}" aria-labelledby="${h(t.anchor)}-h"><h3 id="${h(t.anchor)}-h">${h(t.topic)}</h3>
<p class="totals">${c.total} entr${c.total === 1 ? 'y' : 'ies'}: ${c.corroborated} corroborated, ${c['single-source']} single-source, ${c.disputed} disputed.</p>
<table><thead><tr><th scope="col">Entry</th><th scope="col">Period</th><th scope="col">Status</th><th scope="col">Sources and quotes</th></tr></thead><tbody>
${t.entries.map(entryRow).join('\n')}
</tbody></table>${omittedNote(t.omitted, 'single-source entr', 'y', 'ies')}</section>`;
}

function disagreementArticle(d: DisagreementView): string {
  const side = (label: string, s: DisagreementView['sides'][0]): string =>
    `<div class="side"><h4>${h(label)}${s.label ? `: ${h(s.label)}` : ''}</h4>${s.sources
      .map((src) => `<blockquote>${h(src.quote)}</blockquote>${quoteNote(src)}<p class="src">${sourceLine(src)}</p>`)
      .join('')}${moreLine(s.more, s.unlinked)}</div>`;
  return `<article class="dis" id="${h(d.anchor)}" aria-labelledby="${h(d.anchor)}-h">
<h3 id="${h(d.anchor)}-h"><span class="kind">${h(d.kind)}</span>${h(d.summary)}</h3>
<p class="totals">${h(d.kindLabel)}${d.period ? ` · period ${h(d.period)}` : ''} · subject ${h(d.subject)}</p>
<div class="sides">${side('One account', d.sides[0])}${side('The other account', d.sides[1])}</div></article>`;
}

function timelineSection(t: TimelineView): string {
  const rows = t.rows
    .map(
      (r) =>
        `<tr><td class="date">${h(r.time)}${r.date === null ? '<br><span class="src">undated</span>' : r.date.startsWith(r.time) ? '' : `<br><span class="src">from ${h(r.date)}</span>`}</td><td>${link(r.source.docHref, sourceLabel(r.source))}<br><span class="src nw">${r.source.published ? `published ${h(r.source.published)}` : 'date unknown'}</span></td><td><strong>${h(r.summary)}</strong><br>${h(r.excerpt)}${r.source.claimHref ? ` <a class="ctx" href="${h(r.source.claimHref)}">claim in context</a>` : ''}</td><td>${disLinks(r.disagreements) || '—'}</td></tr>`,
    )
    .join('\n');
  return `<section id="${h(t.anchor)}" aria-labelledby="${h(t.anchor)}-h"><h3 id="${h(t.anchor)}-h">${h(t.topic)}</h3>
<table><thead><tr><th scope="col">Date</th><th scope="col">Source</th><th scope="col">Claim</th><th scope="col">Disagreement</th></tr></thead><tbody>
${rows}
</tbody></table>${omittedNote(t.omitted, 'claim', '', 's')}</section>`;
}

function documentsTable(v: IndexView): string {
  if (v.docs.length === 0) return '<p>No documents.</p>';
  const rows = v.docs
    .map((d: DocRowView) => {
      const s = d.summary;
      const mentions = s.mentionCounts.date + s.mentionCounts.actor + s.mentionCounts.quantity;
      return `<tr id="${h(d.anchor)}"><td><a href="${h(s.page)}">${h(s.title ?? s.id)}</a><br><span class="src">${h(s.id)}</span></td><td>${h(s.outlet ?? '—')}</td><td class="date">${h(s.published ?? 'unknown')}</td><td>${d.claimCount}</td><td>${mentions}</td><td>${d.disagreementCount}</td></tr>`;
    })
    .join('\n');
  return `<table><caption>Sources (each links to its text with claims and mentions highlighted)</caption><thead><tr><th scope="col">Document</th><th scope="col">Outlet</th><th scope="col">Published</th><th scope="col">Claims</th><th scope="col">Mentions</th><th scope="col">Disagreements</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function head(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>`;
}

/** The index page: report.html. Links to documents are relative (report/docs/<id>.html). */
export function renderIndexHtml(v: IndexView, opts: { title?: string } = {}): string {
  const title = opts.title ?? 'Claims report';
  const t = v.totals;
  return `${head(title)}
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>${h(title)}</h1>
<p class="totals">${t.docs} document${t.docs === 1 ? '' : 's'} · ${t.entries} ledger entr${t.entries === 1 ? 'y' : 'ies'} (${t.corroborated} corroborated, ${t.disputed} disputed) · ${t.disagreements} disagreement${t.disagreements === 1 ? '' : 's'}</p>
</header>
<nav aria-label="Contents"><ul>
<li><a href="#ledger">Ledger by topic</a></li>
<li><a href="#disagreements">Disagreements (${v.disagreements.length})</a></li>
<li><a href="#timeline">Timeline</a></li>
<li><a href="#documents">Documents (${v.docs.length})</a></li>
</ul></nav>
<main id="main">
<section id="ledger" aria-labelledby="ledger-h"><h2 id="ledger-h">Ledger by topic</h2>
${v.topics.length > 0 ? `<ul>${v.topics.map((tp) => `<li><a href="#${h(tp.anchor)}">${h(tp.topic)}</a> (${tp.counts.total}; ${tp.counts.corroborated} corroborated)</li>`).join('')}</ul>` : '<p>No ledger entries.</p>'}
${v.topics.map(topicSection).join('\n')}
</section>
<section id="disagreements" aria-labelledby="disagreements-h"><h2 id="disagreements-h">Disagreements between sources</h2>
${v.disagreements.length > 0 ? v.disagreements.map(disagreementArticle).join('\n') : '<p>No disagreements were found.</p>'}
</section>
<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>
${v.timelines.length > 0 ? v.timelines.map(timelineSection).join('\n') : '<p>No dated claims.</p>'}
</section>
<section id="documents" aria-labelledby="documents-h"><h2 id="documents-h">Documents</h2>
${documentsTable(v)}
</section>
</main>
<footer><p>Generated by the claims pipeline. Quotes are exact slices of each document's normalised text.</p></footer>
</body>
</html>
`;
}

export function documentText(d: PageView): string {
  const used = new Set<string>();
  return d.ranges.map((p) => `<p class="k-${h(p.kind)}">${highlight(d.doc.text, d.spans, p, used)}</p>`).join('\n');
}

/** A document's page: report/docs/<id>.html, with links back to the index and its disagreements. */
export function renderPageHtml(d: PageView, opts: { title?: string } = {}): string {
  const m = d.doc.meta;
  const docTitle = m.title ?? d.id;
  const reportTitle = opts.title ?? 'Claims report';
  const meta = [
    ['Document id', h(d.id)],
    ['Outlet', h(m.outlet ?? '—')],
    ['Authors', h(m.authors.join(', ') || '—')],
    ['Published', `${h(m.published ?? 'unknown')} (${h(m.publishedBasis)})`],
    ['Source file', h(d.doc.source)],
    ['Mentions', `${d.mentionCounts.date} dates, ${d.mentionCounts.actor} actors, ${d.mentionCounts.quantity} quantities`],
    ['Claims', `${d.claims.length}`],
  ];
  if (m.url) meta.splice(2, 0, ['URL', h(m.url)]);
  const refused = d.refused > 0 ? `<p class="note">${d.refused} span${d.refused === 1 ? '' : 's'} did not line up with the text and ${d.refused === 1 ? 'is' : 'are'} not highlighted.</p>` : '';
  const dis =
    d.disagreements.length > 0
      ? `<ul>${d.disagreements.map((x) => `<li><a class="flag" href="${h(x.href)}">${h(x.kind)} disagreement</a>: ${h(x.summary)}</li>`).join('')}</ul>`
      : '<p>None in the ledger.</p>';
  const claimItems = d.claims.map((c) => `<li>${link(c.anchor ? `#${c.anchor}` : null, c.summary)}${c.disagreements.length > 0 ? ` ${disLinks(c.disagreements)}` : ''}</li>`).join('');
  return `${head(`${docTitle} — ${reportTitle}`)}
<body>
<a class="skip" href="#main">Skip to the text</a>
<nav aria-label="Report"><p><a href="${h(d.indexHref)}">← ${h(reportTitle)}</a> · <a href="${h(d.indexHref)}#documents">all documents</a> · <a href="${h(d.indexHref)}#disagreements">all disagreements</a></p></nav>
<header>
<h1>${h(docTitle)}</h1>
</header>
<main id="main">
<article class="doc" aria-labelledby="text-h">
<dl>${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>${refused}
<section id="disagreements" aria-labelledby="disagreements-h"><h2 id="disagreements-h">Disagreements involving this document (${d.disagreements.length})</h2>
${dis}
</section>
<h2 id="text-h">Text</h2>
<p class="legend">Key: <mark class="c">claim</mark><mark class="c c-negated">negated claim</mark><span class="m m-date">date</span><span class="m m-actor">actor</span><span class="m m-quantity">quantity</span> Hover over a highlight for its normalised value.</p>
<div class="text">
${documentText(d)}
</div>
<section id="claims" aria-labelledby="claims-h"><h2 id="claims-h">Claims in this document (${d.claims.length})</h2>
${d.claims.length > 0 ? `<ol class="claims-list">${claimItems}</ol>` : '<p>None.</p>'}
</section>
</article>
</main>
<footer><p>Generated by the claims pipeline. Offsets are into the document's normalised text.</p></footer>
</body>
</html>
`;
}
