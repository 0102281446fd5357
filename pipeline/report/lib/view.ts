/**
 * The adapter: ledger + documents → a view model both renderers share. It is
 * the only code that reads the ledger's fields, and it decides once which
 * anchors exist, so every link either renderer emits points at something.
 */
import type { Claim, DocumentJson, Mention } from '../../core/schema.ts';
import { formatValue } from '../../ledger/index.ts';
import type { DisagreementKind, EntryStatus as LedgerStatus, Ledger, Period, Side, Support } from '../types.ts';
import { compareTimex } from './dates.ts';
import { claimAnchor, disagreementAnchor, docAnchor, entryAnchor, topicAnchor } from './escape.ts';
import { checkSpans, type HighlightSpan } from './spans.ts';

/** A link to a disagreement, with its kind for the link text. */
export interface DisRef {
  id: string;
  href: string;
  kind: DisagreementKind;
}

export type QuoteCheck = 'exact' | 'mismatch' | 'unverified';

export interface SourceView {
  docId: string;
  claimId: string | null;
  /** The exact slice of the document when the offsets line up; otherwise the ledger's quote. */
  quote: string;
  quoteCheck: QuoteCheck;
  published: string | null;
  outlet: string | null;
  title: string | null;
  /** Fragment targets that exist in the HTML page (null: no such element, so no link). */
  claimHref: string | null;
  docHref: string | null;
}

export interface EntryView {
  id: string;
  /** Set on the first topic the entry is shown under only (ids are unique). */
  anchor: string | null;
  /** The ledger's one-line gloss ("Belarus released political prisoners (2015-08-22)"). */
  summary: string;
  subject: string;
  relation: string;
  object: string | null;
  polarity: 'affirmed' | 'negated';
  /** The period every support is compatible with, as text. */
  time: string | null;
  status: LedgerStatus;
  sources: SourceView[];
  /** Number of distinct documents supporting the entry. */
  docCount: number;
  disagreements: DisRef[];
}

export interface TopicView {
  topic: string;
  anchor: string;
  entries: EntryView[];
  counts: Record<LedgerStatus, number> & { total: number };
}

export interface SideView {
  label: string | null;
  sources: SourceView[];
}

export interface DisagreementView {
  id: string;
  anchor: string;
  kind: DisagreementKind;
  kindLabel: string;
  summary: string;
  period: string | null;
  subject: string;
  sides: [SideView, SideView];
}

export interface TimelineRow {
  /** The claim's TIMEX3 value as stated ("2015-FA"), and the day its period starts (null: undated). */
  time: string;
  date: string | null;
  summary: string;
  polarity: 'affirmed' | 'negated';
  source: SourceView;
  disagreements: DisRef[];
}

export interface TimelineView {
  topic: string;
  anchor: string;
  rows: TimelineRow[];
}

export interface DocView {
  id: string;
  anchor: string;
  doc: DocumentJson;
  spans: HighlightSpan[];
  refused: number;
  /** The text ranges shown, one per paragraph (the whole text when there are none). */
  ranges: { start: number; end: number; kind: string }[];
  claims: { claim: Claim; href: string | null; summary: string }[];
  mentionCounts: Record<Mention['type'], number>;
}

export interface ReportView {
  topics: TopicView[];
  disagreements: DisagreementView[];
  timelines: TimelineView[];
  docs: DocView[];
  totals: { docs: number; entries: number; corroborated: number; disputed: number; disagreements: number };
}

export const KIND_LABEL: Record<DisagreementKind, string> = {
  date: 'Dates differ',
  figure: 'Figures conflict',
  polarity: 'Affirmed and denied',
  contrary: 'Contrary accounts',
};

/** "2015-09-01 – 2015-11-30", or one day. */
export function periodText(p: Period | null | undefined): string | null {
  if (!p) return null;
  return p.start === p.end ? p.start : `${p.start} – ${p.end}`;
}

export function mentionTitle(m: Mention): string {
  switch (m.type) {
    case 'date': {
      const parts = [`date ${m.range ? `${m.range.start} – ${m.range.end}` : m.value}`, m.timexType];
      if (m.mod) parts.push(`mod ${m.mod}`);
      if (m.anchor) parts.push(`anchored: ${m.anchor}`);
      return parts.join(' · ');
    }
    case 'actor':
      return `actor ${m.canonical} · ${m.actorId} · ${m.kind}${m.office ? ` · ${m.office}` : ''}`;
    case 'quantity': {
      const v = m.upper !== undefined ? `${m.value}–${m.upper}` : `${m.value}`;
      const parts = [`quantity ${m.qualifier ? `${m.qualifier} ` : ''}${v} ${m.unit}`];
      if (m.measure) parts.push(m.measure);
      return parts.join(' · ');
    }
  }
}

export function buildView(ledger: Ledger, docs: readonly DocumentJson[]): ReportView {
  const docsById = new Map(docs.map((d) => [d.id, d]));
  const claimsById = new Map(docs.map((d) => [d.id, new Map(d.claims.map((c) => [c.id, c]))]));
  const ledgerDocs = new Map(ledger.documents.map((d) => [d.id, d]));
  const names = new Map<string, string>(Object.entries(ledger.actors));
  for (const d of docs) for (const m of d.mentions) if (m.type === 'actor' && !names.has(m.actorId)) names.set(m.actorId, m.canonical);
  const nameOf = (id: string): string => names.get(id) ?? id;
  const objectOf = (o: { actorId?: string | undefined; literal?: string | undefined } | undefined): string | null => {
    if (!o) return null;
    if (o.actorId) return nameOf(o.actorId);
    return o.literal ?? null;
  };

  // Documents first: which claim anchors will exist.
  const docViews: DocView[] = [];
  const claimHrefs = new Map<string, string>(); // docId \0 claimId → anchor
  for (const doc of docs) {
    const spans: HighlightSpan[] = [];
    for (const c of doc.claims) {
      const title = claimSummary(c, nameOf);
      spans.push({ start: c.start, end: c.end, tag: 'mark', className: `c c-${c.polarity} c-${c.modality}`, id: claimAnchor(doc.id, c.id), rank: 0, attrs: { title, 'data-claim': c.id } });
    }
    for (const m of doc.mentions) {
      spans.push({ start: m.start, end: m.end, tag: 'span', className: `m m-${m.type}`, rank: 1, attrs: { title: mentionTitle(m), 'data-mention': m.id } });
    }
    const checked = checkSpans(doc.text, spans);
    const ranges = (doc.paragraphs.length > 0 ? doc.paragraphs : [{ start: 0, end: doc.text.length, kind: 'paragraph' }])
      .filter((p) => p.end > p.start && p.end <= doc.text.length)
      .map((p) => ({ start: p.start, end: p.end, kind: p.kind }));
    // A claim gets an anchor only if it is highlighted and some of it is shown.
    const shown = (s: HighlightSpan): boolean => ranges.some((r) => s.start < r.end && s.end > r.start);
    const okClaimIds = new Set(checked.ok.filter((s) => s.attrs?.['data-claim'] !== undefined && shown(s)).map((s) => s.attrs?.['data-claim'] as string));
    const claims = doc.claims.map((c) => {
      const href = okClaimIds.has(c.id) ? claimAnchor(doc.id, c.id) : null;
      if (href) claimHrefs.set(`${doc.id}\u0000${c.id}`, href);
      return { claim: c, href, summary: claimSummary(c, nameOf) };
    });
    const mentionCounts = { date: 0, actor: 0, quantity: 0 };
    for (const m of doc.mentions) mentionCounts[m.type]++;
    docViews.push({ id: doc.id, anchor: docAnchor(doc.id), doc, spans: checked.ok, refused: checked.refused.length, ranges, claims, mentionCounts });
  }

  const source = (ref: { docId: string; claimId: string; quote: string; start?: number; end?: number; published: string | null }): SourceView => {
    const doc = docsById.get(ref.docId);
    const info = ledgerDocs.get(ref.docId);
    const claim = claimsById.get(ref.docId)?.get(ref.claimId);
    const start = ref.start ?? claim?.start;
    const end = ref.end ?? claim?.end;
    let quote = ref.quote;
    let quoteCheck: QuoteCheck = 'unverified';
    if (doc && start !== undefined && end !== undefined && start >= 0 && end <= doc.text.length && start < end) {
      const slice = doc.text.slice(start, end);
      if (slice === ref.quote || ref.quote === '') {
        quote = slice;
        quoteCheck = 'exact';
      } else {
        quoteCheck = 'mismatch';
      }
    }
    return {
      docId: ref.docId,
      claimId: ref.claimId,
      quote,
      quoteCheck,
      published: ref.published ?? doc?.meta.published ?? info?.published ?? null,
      outlet: doc?.meta.outlet ?? info?.outlet ?? null,
      title: doc?.meta.title ?? info?.title ?? null,
      claimHref: claimHrefs.get(`${ref.docId}\u0000${ref.claimId}`) ?? null,
      docHref: doc ? docAnchor(doc.id) : null,
    };
  };

  // Disagreements; a side of a polarity or contrary disagreement is labelled with its entry's gloss.
  const entrySummaries = new Map(ledger.entries.map((e) => [e.id, e.summary]));
  const disagreements: DisagreementView[] = ledger.disagreements.map((d) => ({
    id: d.id,
    anchor: disagreementAnchor(d.id),
    kind: d.kind,
    kindLabel: KIND_LABEL[d.kind],
    summary: d.summary,
    period: periodText(d.period),
    subject: nameOf(d.subject),
    sides: [sideView(d.kind, d.sides[0], source, entrySummaries.get(d.sides[0].entryId)), sideView(d.kind, d.sides[1], source, entrySummaries.get(d.sides[1].entryId))],
  }));
  const disById = new Map(disagreements.map((d) => [d.id, d]));
  const refs = (ids: readonly string[]): DisRef[] =>
    ids.flatMap((id) => {
      const d = disById.get(id);
      return d ? [{ id, href: d.anchor, kind: d.kind }] : [];
    });

  // Entries by topic.
  const topicMap = new Map<string, EntryView[]>();
  const anchored = new Set<string>();
  for (const e of ledger.entries) {
    const topics = e.topics.length > 0 ? e.topics : [e.family || e.relation];
    const sources = e.supports.map(source);
    for (const topic of topics) {
      const view: EntryView = {
        id: e.id,
        anchor: anchored.has(e.id) ? null : entryAnchor(e.id),
        summary: e.summary,
        subject: nameOf(e.subject),
        relation: e.relation,
        object: objectOf(e.object),
        polarity: e.polarity,
        time: periodText(e.period),
        status: e.status,
        sources,
        docCount: e.sourceCount,
        disagreements: refs(e.disagreementIds),
      };
      anchored.add(e.id);
      const list = topicMap.get(topic) ?? [];
      list.push(view);
      topicMap.set(topic, list);
    }
  }
  const topics: TopicView[] = [...topicMap.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([topic, entries]) => {
      const counts = { corroborated: 0, 'single-source': 0, disputed: 0, total: entries.length };
      for (const e of entries) counts[e.status]++;
      return { topic, anchor: topicAnchor(topic), entries, counts };
    });

  // Timelines: the ledger's, per topic, in date order (undated last).
  const timelines: TimelineView[] = Object.entries(ledger.timelines)
    .filter(([, items]) => items.length > 0)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([topic, items]) => ({
      topic,
      anchor: `timeline-${topicAnchor(topic)}`,
      rows: items
        .map((it) => ({
          time: it.timeValue,
          date: it.date,
          summary: it.summary,
          polarity: it.polarity,
          source: source({ docId: it.docId, claimId: it.claimId, quote: it.quote, published: it.published }),
          disagreements: refs(it.disagreementIds),
        }))
        .sort((a, b) => compareTimex(a.date ?? 'undated', b.date ?? 'undated') || (a.source.published ?? '').localeCompare(b.source.published ?? '') || a.source.docId.localeCompare(b.source.docId)),
    }));

  return {
    topics,
    disagreements,
    timelines,
    docs: docViews,
    totals: {
      docs: docs.length,
      entries: ledger.entries.length,
      corroborated: ledger.entries.filter((e) => e.status === 'corroborated').length,
      disputed: ledger.entries.filter((e) => e.status === 'disputed').length,
      disagreements: disagreements.length,
    },
  };
}

/** What one side says, in a few words: its figures, its dates, or its relation and polarity. */
function sideView(kind: DisagreementKind, side: Side, source: (s: Support) => SourceView, entrySummary: string | undefined): SideView {
  const uniq = (xs: string[]) => [...new Set(xs)].join(' / ');
  let label: string;
  if (kind === 'figure') label = uniq(side.claims.flatMap((c) => (c.value ? [formatValue(c.value)] : [])));
  else if (kind === 'date') label = uniq(side.claims.map((c) => c.time.value));
  else label = entrySummary ?? `${side.polarity === 'negated' ? 'denies' : 'affirms'}: ${side.relation}`;
  return { label: label || null, sources: side.claims.map(source) };
}

export function claimSummary(c: Claim, nameOf: (id: string) => string): string {
  const obj = c.object ? (c.object.actorId ? nameOf(c.object.actorId) : (c.object.literal ?? '')) : '';
  const parts = [`${nameOf(c.subject)} ${c.relation}${obj ? ` ${obj}` : ''}`.trim()];
  if (c.value) parts.push(`${c.value.qualifier ? `${c.value.qualifier} ` : ''}${c.value.value}${c.value.upper !== undefined ? `–${c.value.upper}` : ''} ${c.value.unit}${c.value.measure ? ` ${c.value.measure}` : ''}`);
  parts.push(`time ${c.time.range ? `${c.time.range.start} – ${c.time.range.end}` : c.time.value} (${c.time.basis})`);
  if (c.polarity === 'negated') parts.push('negated');
  if (c.modality !== 'asserted') parts.push(c.modality);
  if (c.attributedTo) parts.push(`according to ${nameOf(c.attributedTo)}`);
  return parts.join(' · ');
}
