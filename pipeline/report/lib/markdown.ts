/**
 * The Markdown report: the same content as the HTML page, for diffing and
 * reading in a terminal or a code host. Anchors are <a id> tags so the
 * links work on renderers that keep them (GitHub does).
 */
import { escapeMarkdown as md, escapeMarkdownCell as cell } from './escape.ts';
import type { DisagreementView, DocView, EntryView, ReportView, SourceView, TimelineView, TopicView } from './view.ts';
import { mentionTitle } from './view.ts';

function link(href: string | null, text: string): string {
  return href ? `[${md(text)}](#${href})` : md(text);
}

function sourceLine(s: SourceView): string {
  const parts = [link(s.docHref, s.outlet ?? s.title ?? s.docId), s.published ? `published ${md(s.published)}` : 'publication date unknown'];
  if (s.claimHref) parts.push(`[claim in context](#${s.claimHref})`);
  if (s.quoteCheck === 'mismatch') parts.push('*quote does not match the document at its offsets*');
  if (s.quoteCheck === 'unverified') parts.push('*quote not checked against the document*');
  return parts.join(' · ');
}

function quoteBlock(q: string, indent = ''): string {
  return `${indent}> ${md(q)}`;
}

function entryBlock(e: EntryView): string {
  const head = `- ${e.anchor ? `<a id="${e.anchor}"></a>` : ''}**${md(e.summary)}** — ${md(e.time ?? 'undated')} — ${e.status}, ${e.docCount} source${e.docCount === 1 ? '' : 's'}${e.disagreements.map((d) => ` · [${d.kind} disagreement](#${d.href})`).join('')}`;
  const srcs = e.sources.map((s) => `  - ${sourceLine(s)}\n\n${quoteBlock(s.quote, '    ')}\n`);
  return [head, ...srcs].join('\n');
}

function topicBlock(t: TopicView): string {
  const c = t.counts;
  return `### <a id="${t.anchor}"></a>${md(t.topic)}\n\n${c.total} entr${c.total === 1 ? 'y' : 'ies'}: ${c.corroborated} corroborated, ${c['single-source']} single-source, ${c.disputed} disputed.\n\n${t.entries.map(entryBlock).join('\n')}\n`;
}

function disagreementBlock(d: DisagreementView): string {
  const side = (name: string, s: DisagreementView['sides'][0]): string =>
    `**${name}${s.label ? `: ${md(s.label)}` : ''}**\n\n${s.sources.map((src) => `${quoteBlock(src.quote)}\n\n${sourceLine(src)}\n`).join('\n')}`;
  return `### <a id="${d.anchor}"></a>${md(d.kind)}: ${md(d.summary)}\n\n${md(d.kindLabel)}${d.period ? ` · period ${md(d.period)}` : ''} · subject ${md(d.subject)}\n\n${side('One account', d.sides[0])}\n${side('The other account', d.sides[1])}`;
}

function timelineBlock(t: TimelineView): string {
  const rows = t.rows.map(
    (r) => `| ${cell(r.time)}${r.date ? '' : ' (undated)'} | ${r.source.docHref ? `[${cell(r.source.outlet ?? r.source.title ?? r.source.docId)}](#${r.source.docHref})` : cell(r.source.docId)} | ${cell(r.source.published ?? 'unknown')} | **${cell(r.summary)}**: ${r.source.claimHref ? `[${cell(r.source.quote)}](#${r.source.claimHref})` : cell(r.source.quote)} | ${r.disagreements.map((d) => `[${d.kind} disagreement](#${d.href})`).join(' ') || '—'} |`,
  );
  return `### ${md(t.topic)}\n\n| Date | Source | Published | Claim | Disagreement |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}

/** A paragraph with claim sentences in bold (overlapping claims merged; whitespace kept outside the markers). */
export function markdownParagraph(text: string, start: number, end: number, claims: readonly { start: number; end: number }[]): string {
  const ivs = claims
    .map((c) => ({ start: Math.max(c.start, start), end: Math.min(c.end, end) }))
    .filter((c) => c.end > c.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const iv of ivs) {
    const last = merged[merged.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else merged.push({ ...iv });
  }
  let out = '';
  let pos = start;
  for (const iv of merged) {
    out += md(text.slice(pos, iv.start));
    const inner = text.slice(iv.start, iv.end);
    const lead = /^\s*/.exec(inner)?.[0] ?? '';
    const trail = /\s*$/.exec(inner)?.[0] ?? '';
    const core = inner.slice(lead.length, inner.length - trail.length);
    out += md(lead) + (core ? `**${md(core)}**` : '') + md(trail);
    pos = iv.end;
  }
  out += md(text.slice(pos, end));
  return out;
}

function documentBlock(d: DocView): string {
  const m = d.doc.meta;
  const text = d.doc.text;
  const claimSpans = d.claims.filter((c) => c.href !== null).map((c) => c.claim);
  const body = d.ranges.map((p) => markdownParagraph(text, p.start, p.end, claimSpans)).join('\n\n');
  const mentions = [...d.doc.mentions]
    .sort((a, b) => a.start - b.start)
    .map((mn) => `| ${mn.start}–${mn.end} | ${mn.type} | ${cell(mn.text)} | ${cell(mentionTitle(mn))} |`);
  const claims = d.claims.map((c, i) => `${i + 1}. ${c.href ? `<a id="${c.href}"></a>` : ''}${md(c.summary)}\n\n${quoteBlock(text.slice(c.claim.start, c.claim.end), '   ')}\n`);
  return [
    `### <a id="${d.anchor}"></a>${md(m.title ?? d.id)}`,
    '',
    `Document \`${d.id.replace(/`/g, '')}\` · ${md(m.outlet ?? 'outlet unknown')} · published ${md(m.published ?? 'unknown')} (${m.publishedBasis}) · ${d.mentionCounts.date} dates, ${d.mentionCounts.actor} actors, ${d.mentionCounts.quantity} quantities, ${d.claims.length} claims`,
    '',
    d.refused > 0 ? `*${d.refused} span(s) did not line up with the text and are not shown.*\n` : '',
    '#### Text (claims in bold)',
    '',
    body,
    '',
    '#### Mentions',
    '',
    mentions.length > 0 ? `| Offsets | Type | Text | Normalised |\n| --- | --- | --- | --- |\n${mentions.join('\n')}` : 'None.',
    '',
    '#### Claims',
    '',
    claims.length > 0 ? claims.join('\n') : 'None.',
    '',
  ].join('\n');
}

export function renderMarkdown(v: ReportView, opts: { title?: string } = {}): string {
  const t = v.totals;
  const parts = [
    `# ${md(opts.title ?? 'Claims report')}`,
    '',
    `${t.docs} document${t.docs === 1 ? '' : 's'} · ${t.entries} ledger entr${t.entries === 1 ? 'y' : 'ies'} (${t.corroborated} corroborated, ${t.disputed} disputed) · ${t.disagreements} disagreement${t.disagreements === 1 ? '' : 's'}`,
    '',
    '## Ledger by topic',
    '',
    v.topics.length > 0 ? v.topics.map(topicBlock).join('\n') : 'No ledger entries.\n',
    '## Disagreements between sources',
    '',
    v.disagreements.length > 0 ? v.disagreements.map(disagreementBlock).join('\n') : 'No disagreements were found.\n',
    '## Timeline',
    '',
    v.timelines.length > 0 ? v.timelines.map(timelineBlock).join('\n') : 'No dated claims.\n',
    '## Documents',
    '',
    v.docs.map(documentBlock).join('\n'),
  ];
  return `${parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
