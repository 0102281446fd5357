/** The HTML report: one static, self-contained page (inline CSS, no script). */
import { CSS } from './css.ts';
import { escapeHtml as h } from './escape.ts';
import { highlight } from './spans.ts';
import type { DisagreementView, DocView, EntryView, ReportView, SourceView, TimelineView, TopicView } from './view.ts';

const STATUS_LABEL = { corroborated: 'corroborated', 'single-source': 'single source', disputed: 'disputed' } as const;

function link(href: string | null, text: string): string {
  return href ? `<a href="#${h(href)}">${h(text)}</a>` : h(text);
}

function sourceLabel(s: SourceView): string {
  return `${s.outlet ?? s.title ?? s.docId}`;
}

function sourceLine(s: SourceView): string {
  const pub = s.published ? `published ${h(s.published)}` : 'publication date unknown';
  const parts = [`${link(s.docHref, sourceLabel(s))}`, pub];
  if (s.claimHref) parts.push(`<a href="#${h(s.claimHref)}">claim in context</a>`);
  else if (s.docHref === null) parts.push('<span class="note">document not in this report</span>');
  return parts.join(' · ');
}

function quoteNote(s: SourceView): string {
  if (s.quoteCheck === 'mismatch') return '<p class="note">This quote does not match the document text at its offsets.</p>';
  if (s.quoteCheck === 'unverified') return '<p class="note">Quote not checked against the document (no offsets or document).</p>';
  return '';
}

function entryRow(e: EntryView): string {
  const sources = e.sources
    .map((s) => `<li>${sourceLine(s)}<blockquote>${h(s.quote)}</blockquote>${quoteNote(s)}</li>`)
    .join('');
  const flags = e.disagreements.map((d) => `<a class="flag" href="#${h(d.href)}">${h(d.kind)} disagreement</a>`).join(' ');
  const parts = [e.subject, e.relation, ...(e.object ? [e.object] : []), ...(e.polarity === 'negated' ? ['negated'] : [])];
  return `<tr${e.anchor ? ` id="${h(e.anchor)}"` : ''}><td><strong>${h(e.summary)}</strong><br><span class="src">${h(parts.join(' · '))}</span></td><td class="date">${h(e.time ?? 'undated')}</td><td><span class="status status-${h(e.status)}">${STATUS_LABEL[e.status]}</span><br>${e.docCount} source${e.docCount === 1 ? '' : 's'}${flags ? `<br>${flags}` : ''}</td><td><ul class="srcs">${sources}</ul></td></tr>`;
}

function topicSection(t: TopicView): string {
  const c = t.counts;
  return `<section id="${h(t.anchor)}" aria-labelledby="${h(t.anchor)}-h"><h3 id="${h(t.anchor)}-h">${h(t.topic)}</h3>
<p class="totals">${c.total} entr${c.total === 1 ? 'y' : 'ies'}: ${c.corroborated} corroborated, ${c['single-source']} single-source, ${c.disputed} disputed.</p>
<table><thead><tr><th scope="col">Entry</th><th scope="col">Period</th><th scope="col">Status</th><th scope="col">Sources and quotes</th></tr></thead><tbody>
${t.entries.map(entryRow).join('\n')}
</tbody></table></section>`;
}

function disagreementArticle(d: DisagreementView): string {
  const side = (label: string, s: DisagreementView['sides'][0]): string =>
    `<div class="side"><h4>${h(label)}${s.label ? `: ${h(s.label)}` : ''}</h4>${s.sources
      .map((src) => `<blockquote>${h(src.quote)}</blockquote>${quoteNote(src)}<p class="src">${sourceLine(src)}</p>`)
      .join('')}</div>`;
  return `<article class="dis" id="${h(d.anchor)}" aria-labelledby="${h(d.anchor)}-h">
<h3 id="${h(d.anchor)}-h"><span class="kind">${h(d.kind)}</span>${h(d.summary)}</h3>
<p class="totals">${h(d.kindLabel)}${d.period ? ` · period ${h(d.period)}` : ''} · subject ${h(d.subject)}</p>
<div class="sides">${side('One account', d.sides[0])}${side('The other account', d.sides[1])}</div></article>`;
}

function timelineSection(t: TimelineView): string {
  const rows = t.rows
    .map(
      (r) =>
        `<tr><td class="date">${h(r.time)}${r.date === null ? '<br><span class="src">undated</span>' : r.date.startsWith(r.time) ? '' : `<br><span class="src">from ${h(r.date)}</span>`}</td><td>${link(r.source.docHref, sourceLabel(r.source))}<br><span class="src nw">${r.source.published ? `published ${h(r.source.published)}` : 'date unknown'}</span></td><td><strong>${h(r.summary)}</strong><br>${h(r.source.quote)}${r.source.claimHref ? ` <a class="ctx" href="#${h(r.source.claimHref)}">claim in context</a>` : ''}</td><td>${r.disagreements.map((d) => `<a class="flag" href="#${h(d.href)}">${h(d.kind)} disagreement</a>`).join(' ') || '—'}</td></tr>`,
    )
    .join('\n');
  return `<section id="${h(t.anchor)}" aria-labelledby="${h(t.anchor)}-h"><h3 id="${h(t.anchor)}-h">${h(t.topic)}</h3>
<table><thead><tr><th scope="col">Date</th><th scope="col">Source</th><th scope="col">Claim</th><th scope="col">Disagreement</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

export function documentText(d: DocView): string {
  const used = new Set<string>();
  return d.ranges.map((p) => `<p class="k-${h(p.kind)}">${highlight(d.doc.text, d.spans, p, used)}</p>`).join('\n');
}

function documentArticle(d: DocView): string {
  const m = d.doc.meta;
  const title = m.title ?? d.id;
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
  const claimItems = d.claims.map((c) => `<li>${link(c.href, c.summary)}</li>`).join('');
  return `<article class="doc" id="${h(d.anchor)}" aria-labelledby="${h(d.anchor)}-h">
<h3 id="${h(d.anchor)}-h">${h(title)}</h3>
<dl>${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>${refused}
<div class="text">
${documentText(d)}
</div>
${d.claims.length > 0 ? `<details class="claims-list"><summary>Claims in this document (${d.claims.length})</summary><ol>${claimItems}</ol></details>` : ''}
</article>`;
}

function sourcesTable(v: ReportView): string {
  if (v.docs.length === 0) return '<p>No documents.</p>';
  const rows = v.docs
    .map((d) => `<tr><td><a href="#${h(d.anchor)}">${h(d.doc.meta.title ?? d.id)}</a></td><td>${h(d.doc.meta.outlet ?? '—')}</td><td class="date">${h(d.doc.meta.published ?? 'unknown')}</td><td>${d.claims.length}</td><td>${d.mentionCounts.date + d.mentionCounts.actor + d.mentionCounts.quantity}</td></tr>`)
    .join('\n');
  return `<table><caption>Sources</caption><thead><tr><th scope="col">Document</th><th scope="col">Outlet</th><th scope="col">Published</th><th scope="col">Claims</th><th scope="col">Mentions</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

export function renderHtml(v: ReportView, opts: { title?: string } = {}): string {
  const title = opts.title ?? 'Claims report';
  const t = v.totals;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
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
<p class="legend">Key: <mark class="c">claim</mark><mark class="c c-negated">negated claim</mark><span class="m m-date">date</span><span class="m m-actor">actor</span><span class="m m-quantity">quantity</span> Hover over a highlight for its normalised value; each document's claims are listed below its text.</p>
${sourcesTable(v)}
${v.docs.map(documentArticle).join('\n')}
</section>
</main>
<footer><p>Generated by the claims pipeline. Quotes are exact slices of each document's normalised text.</p></footer>
</body>
</html>
`;
}
