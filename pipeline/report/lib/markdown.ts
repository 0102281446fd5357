/**
 * The Markdown index: the same content as report.html (ledger by topic,
 * disagreements, timeline, table of documents), for diffing and reading in a
 * terminal or a code host. Anchors are <a id> tags so the links work on
 * renderers that keep them (GitHub does); links to documents go to their
 * HTML pages (report/docs/<id>.html#c-<claimId>).
 */
import { escapeMarkdown as md, escapeMarkdownCell as cell } from './escape.ts';
import type { DisagreementView, DisRef, EntryView, IndexView, SourceView, TimelineView, TopicView } from './view.ts';

function link(href: string | null, text: string): string {
  return href ? `[${md(text)}](${href})` : md(text);
}

function label(s: SourceView): string {
  return s.outlet ?? s.title ?? s.docId;
}

function sourceLine(s: SourceView): string {
  const parts = [link(s.docHref, label(s)), s.published ? `published ${md(s.published)}` : 'publication date unknown'];
  if (s.claimHref) parts.push(`[claim in context](${s.claimHref})`);
  if (s.quoteCheck === 'mismatch') parts.push('*quote does not match the document at its offsets*');
  if (s.quoteCheck === 'unverified') parts.push('*quote not checked against the document*');
  return parts.join(' · ');
}

function moreLine(more: readonly SourceView[], unlinked: number): string {
  if (more.length === 0) return '';
  const n = more.length + unlinked;
  const links = more.map((s) => link(s.claimHref ?? s.docHref, label(s)));
  return `${n} more source${n === 1 ? '' : 's'}: ${links.join(', ')}${unlinked > 0 ? ` and ${unlinked} other${unlinked === 1 ? '' : 's'}` : ''}\n`;
}

function disLinks(ds: readonly DisRef[]): string {
  return ds.map((d) => `[${d.kind} disagreement](${d.href})`).join(' ');
}

function quoteBlock(q: string, indent = ''): string {
  return `${indent}> ${md(q)}`;
}

function entryBlock(e: EntryView): string {
  const head = `- ${e.anchor ? `<a id="${e.anchor}"></a>` : ''}**${md(e.summary)}** — ${md(e.time ?? 'undated')} — ${e.status}, ${e.docCount} source${e.docCount === 1 ? '' : 's'}${e.disagreements.map((d) => ` · ${disLinks([d])}`).join('')}`;
  if (e.seeAlso) return `${head}\n  - sources and quotes: [under its first topic](${e.seeAlso})\n`;
  const srcs = e.sources.map((s) => `  - ${sourceLine(s)}\n\n${quoteBlock(s.quote, '    ')}\n`);
  const more = e.more.length > 0 ? [`  - ${moreLine(e.more, e.unlinked)}`] : [];
  return [head, ...srcs, ...more].join('\n');
}

/** Said under a capped list: how many single-source items are not listed, and where they are. */
function omittedNote(n: number, stem: string, one: string, many: string): string {
  if (n === 0) return '';
  return `\n*${n} more ${stem}${n === 1 ? one : many} in this topic ${n === 1 ? 'is' : 'are'} not listed here; each is highlighted on its [document's page](#documents).*\n`;
}

function topicBlock(t: TopicView): string {
  const c = t.counts;
  return `### <a id="${t.anchor}"></a>${md(t.topic)}\n\n${c.total} entr${c.total === 1 ? 'y' : 'ies'}: ${c.corroborated} corroborated, ${c['single-source']} single-source, ${c.disputed} disputed.\n\n${t.entries.map(entryBlock).join('\n')}\n${omittedNote(t.omitted, 'single-source entr', 'y', 'ies')}`;
}

function disagreementBlock(d: DisagreementView): string {
  const side = (name: string, s: DisagreementView['sides'][0]): string =>
    `**${name}${s.label ? `: ${md(s.label)}` : ''}**\n\n${s.sources.map((src) => `${quoteBlock(src.quote)}\n\n${sourceLine(src)}\n`).join('\n')}${s.more.length > 0 ? `\n${moreLine(s.more, s.unlinked)}` : ''}`;
  return `### <a id="${d.anchor}"></a>${md(d.kind)}: ${md(d.summary)}\n\n${md(d.kindLabel)}${d.period ? ` · period ${md(d.period)}` : ''} · subject ${md(d.subject)}\n\n${side('One account', d.sides[0])}\n${side('The other account', d.sides[1])}`;
}

function timelineBlock(t: TimelineView): string {
  const rows = t.rows.map(
    (r) => `| ${cell(r.time)}${r.date ? '' : ' (undated)'} | ${r.source.docHref ? `[${cell(label(r.source))}](${r.source.docHref})` : cell(r.source.docId)} | ${cell(r.source.published ?? 'unknown')} | **${cell(r.summary)}**: ${r.source.claimHref ? `[${cell(r.excerpt)}](${r.source.claimHref})` : cell(r.excerpt)} | ${disLinks(r.disagreements) || '—'} |`,
  );
  return `### ${md(t.topic)}\n\n| Date | Source | Published | Claim | Disagreement |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n${omittedNote(t.omitted, 'claim', '', 's')}`;
}

function documentsTable(v: IndexView): string {
  if (v.docs.length === 0) return 'No documents.\n';
  const rows = v.docs.map((d) => {
    const s = d.summary;
    const mentions = s.mentionCounts.date + s.mentionCounts.actor + s.mentionCounts.quantity;
    return `| <a id="${d.anchor}"></a>[${cell(s.title ?? s.id)}](${s.page}) | ${cell(s.outlet ?? '—')} | ${cell(s.published ?? 'unknown')} | ${d.claimCount} | ${mentions} | ${d.disagreementCount} |`;
  });
  return `| Document | Outlet | Published | Claims | Mentions | Disagreements |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}

export function renderIndexMarkdown(v: IndexView, opts: { title?: string } = {}): string {
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
    '## <a id="documents"></a>Documents',
    '',
    documentsTable(v),
  ];
  return `${parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
