/**
 * The adapter: ledger + documents → the view models the renderers share. It is
 * the only code that reads the ledger's fields, and it decides once which
 * anchors exist, so every link either renderer emits points at something.
 *
 * Two views: the index (ledger by topic, disagreements, timeline, a table of
 * documents) is built from the ledger and one small DocSummary per document,
 * never from the document texts, so it stays cheap at corpus scale and can be
 * rebuilt from summaries kept in the manifest; a document's page is built
 * from the document itself and its PageContext (the actor names and the
 * disagreements it shows), which is also what decides when it is re-rendered.
 */
import { sha256 } from '../../core/ids.ts';
import type { Claim, DocumentJson, Mention } from '../../core/schema.ts';
import { formatValue } from '../../ledger/index.ts';
import type { DisagreementKind, Entry, EntryStatus as LedgerStatus, Ledger, Period, Side, Support } from '../types.ts';
import { timexSortKey } from './dates.ts';
import { disagreementAnchor, docAnchor, entryAnchor, topicAnchor } from './escape.ts';
import { docPagePath, PAGE_TO_INDEX, pageClaimAnchor } from './paths.ts';
import { checkSpans, type HighlightSpan } from './spans.ts';

/** At most this many quotes per entry and per disagreement side in the index; the other sources are links. */
export const MAX_QUOTES = 5;

/**
 * At most this many single-source entries per topic, in the ledger and in the
 * timeline of the index (the first in ledger order, and the earliest dates);
 * corroborated and disputed entries are always all shown. At corpus scale most entries are single
 * claims of one document, and each is on that document's page, so the index
 * stays bounded by the number of topics and of cross-source entries.
 */
export const MAX_SINGLE_PER_TOPIC = 25;

/** At most this many timeline rows of corroborated entries per topic (disputed entries' rows are all listed). */
export const MAX_CORROBORATED_ROWS = 50;

/** At most this many further sources are linked under an entry or a side; the rest are counted. */
export const MAX_MORE_LINKS = 20;

/** A link to a disagreement, with its kind for the link text. */
export interface DisRef {
  id: string;
  href: string;
  kind: DisagreementKind;
  summary: string;
}

export type QuoteCheck = 'exact' | 'mismatch' | 'unverified';

/** What the index knows of a document: no text, only what its rows and links need. */
export interface DocSummary {
  id: string;
  /** The page, relative to the output folder. */
  page: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  publishedBasis: string;
  mentionCounts: Record<Mention['type'], number>;
  refused: number;
  /** actorId → canonical name, from this document's actor mentions (first seen). */
  actors: Record<string, string>;
  /** Actor ids its claim titles name (subject, object, attribution). */
  nameIds: string[];
  /** Every claim: its offsets, quoteHash(the text at them) (null: out of range) and whether its page has an anchor for it. */
  claims: { id: string; start: number; end: number; quoteHash: string | null; anchored: boolean }[];
}

export interface SourceView {
  docId: string;
  claimId: string | null;
  /** The exact slice of the document when the offsets line up; otherwise the ledger's quote. */
  quote: string;
  quoteCheck: QuoteCheck;
  published: string | null;
  outlet: string | null;
  title: string | null;
  /** Link targets that exist (null: no such element, so no link). */
  claimHref: string | null;
  docHref: string | null;
}

export interface EntryView {
  id: string;
  /** Set on the first topic the entry is shown under only (ids are unique). */
  anchor: string | null;
  /** Under the other topics: a link to that first row, which has the sources (and `sources` is empty here). */
  seeAlso: string | null;
  /** The ledger's one-line gloss ("Belarus released political prisoners (2015-08-22)"). */
  summary: string;
  subject: string;
  relation: string;
  object: string | null;
  polarity: 'affirmed' | 'negated';
  /** The period every support is compatible with, as text. */
  time: string | null;
  status: LedgerStatus;
  /** The first MAX_QUOTES sources, with quotes. */
  sources: SourceView[];
  /** The next MAX_MORE_LINKS sources, shown as links only. */
  more: SourceView[];
  /** Sources past those, only counted. */
  unlinked: number;
  /** Number of distinct documents supporting the entry. */
  docCount: number;
  disagreements: DisRef[];
}

export interface TopicView {
  topic: string;
  anchor: string;
  entries: EntryView[];
  counts: Record<LedgerStatus, number> & { total: number };
  /** Single-source entries past MAX_SINGLE_PER_TOPIC, not listed. */
  omitted: number;
}

export interface SideView {
  label: string | null;
  sources: SourceView[];
  more: SourceView[];
  unlinked: number;
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

/** Timeline rows show at most this many characters of a quote (cut at a space, "…" added); the whole quote is a link away. */
export const TIMELINE_QUOTE_CHARS = 120;

/** The start of a quote, cut at a space before TIMELINE_QUOTE_CHARS (never inside a surrogate pair). */
export function excerpt(q: string, max = TIMELINE_QUOTE_CHARS): string {
  if (q.length <= max) return q;
  const cut = q.lastIndexOf(' ', max);
  let end = cut > max / 2 ? cut : max;
  const c = q.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${q.slice(0, end).trimEnd()}…`;
}

export interface TimelineRow {
  /** The claim's TIMEX3 value as stated ("2015-FA"), and the day its period starts (null: undated). */
  time: string;
  date: string | null;
  summary: string;
  polarity: 'affirmed' | 'negated';
  source: SourceView;
  /** The quote as shown in the row: excerpt(quote). */
  excerpt: string;
  disagreements: DisRef[];
}

export interface TimelineView {
  topic: string;
  anchor: string;
  rows: TimelineRow[];
  /** Rows past the caps of capTimeline (the latest dates and the undated), not listed. */
  omitted: number;
}

export interface DocRowView {
  summary: DocSummary;
  /** Row id in the index's table of documents. */
  anchor: string;
  claimCount: number;
  disagreementCount: number;
}

export interface IndexView {
  topics: TopicView[];
  disagreements: DisagreementView[];
  timelines: TimelineView[];
  docs: DocRowView[];
  totals: { docs: number; entries: number; corroborated: number; disputed: number; disagreements: number };
}

/** What a document's page shows besides the document: it is part of the page's key. */
export interface PageContext {
  /** actorId → name for the ids its claim titles use. */
  names: Record<string, string>;
  /** The disagreements involving the document, with its claims in each. */
  disagreements: { id: string; kind: DisagreementKind; summary: string; claimIds: string[] }[];
}

export interface PageView {
  id: string;
  doc: DocumentJson;
  spans: HighlightSpan[];
  refused: number;
  /** The text ranges shown, one per paragraph (the whole text when there are none). */
  ranges: { start: number; end: number; kind: string }[];
  claims: { claim: Claim; anchor: string | null; summary: string; disagreements: DisRef[] }[];
  mentionCounts: Record<Mention['type'], number>;
  disagreements: DisRef[];
  indexHref: string;
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

/** The highlights of a document, checked against its text, and the ranges shown. */
function layout(
  doc: DocumentJson,
  claimTitle: (c: Claim) => string,
  mentionTitleOf: (m: Mention) => string = mentionTitle,
): { ok: HighlightSpan[]; refused: number; ranges: PageView['ranges']; anchored: Set<string> } {
  // Every span with the same fields in the same order (id undefined on mentions): one hidden class for highlight().
  const spans: HighlightSpan[] = [];
  for (const c of doc.claims) {
    spans.push({ start: c.start, end: c.end, tag: 'mark', className: `c c-${c.polarity} c-${c.modality}`, id: pageClaimAnchor(c.id), rank: 0, attrs: { title: claimTitle(c), 'data-claim': c.id } });
  }
  for (const m of doc.mentions) {
    spans.push({ start: m.start, end: m.end, tag: 'span', className: `m m-${m.type}`, id: undefined, rank: 1, attrs: { title: mentionTitleOf(m), 'data-mention': m.id } });
  }
  const checked = checkSpans(doc.text, spans);
  const ranges = (doc.paragraphs.length > 0 ? doc.paragraphs : [{ start: 0, end: doc.text.length, kind: 'paragraph' }])
    .filter((p) => p.end > p.start && p.end <= doc.text.length)
    .map((p) => ({ start: p.start, end: p.end, kind: p.kind }));
  // A claim gets an anchor only if it is highlighted and some of it is shown.
  const shown = (s: HighlightSpan): boolean => ranges.some((r) => s.start < r.end && s.end > r.start);
  const anchored = new Set(checked.ok.filter((s) => s.attrs?.['data-claim'] !== undefined && shown(s)).map((s) => s.attrs?.['data-claim'] as string));
  return { ok: checked.ok, refused: checked.refused.length, ranges, anchored };
}

function mentionCounts(doc: DocumentJson): Record<Mention['type'], number> {
  const counts = { date: 0, actor: 0, quantity: 0 };
  for (const m of doc.mentions) counts[m.type]++;
  return counts;
}

/**
 * What the index keeps of a claim's text to check a ledger quote against it
 * (the quote itself is the ledger's, so the text need not be kept).
 */
export function quoteHash(text: string): string {
  return sha256(text).slice(0, 24);
}

/** The index's view of one document. */
export function summarizeDoc(doc: DocumentJson): DocSummary {
  // Only which spans pass and which claims are shown count here: no titles.
  const { refused, anchored } = layout(doc, () => '', () => '');
  const actors: Record<string, string> = {};
  for (const m of doc.mentions) if (m.type === 'actor' && !(m.actorId in actors)) actors[m.actorId] = m.canonical;
  const nameIds = new Set<string>();
  for (const c of doc.claims) {
    nameIds.add(c.subject);
    if (c.object?.actorId) nameIds.add(c.object.actorId);
    if (c.attributedTo) nameIds.add(c.attributedTo);
  }
  const inText = (c: Claim): boolean => Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.end <= doc.text.length && c.start < c.end;
  return {
    id: doc.id,
    page: docPagePath(doc.id),
    title: doc.meta.title,
    outlet: doc.meta.outlet,
    published: doc.meta.published,
    publishedBasis: doc.meta.publishedBasis,
    mentionCounts: mentionCounts(doc),
    refused,
    actors,
    nameIds: [...nameIds].sort(),
    claims: doc.claims.map((c) => ({ id: c.id, start: c.start, end: c.end, quoteHash: inText(c) ? quoteHash(doc.text.slice(c.start, c.end)) : null, anchored: anchored.has(c.id) })),
  };
}

/** For each document id, the disagreements involving it (ledger order) and its claims in each. */
export function disagreementsByDoc(ledger: Ledger): Map<string, PageContext['disagreements']> {
  const out = new Map<string, PageContext['disagreements']>();
  for (const d of ledger.disagreements) {
    const claims = new Map<string, Set<string>>();
    for (const side of d.sides) {
      for (const s of side.claims) {
        let set = claims.get(s.docId);
        if (!set) claims.set(s.docId, (set = new Set()));
        set.add(s.claimId);
      }
    }
    for (const [docId, ids] of claims) {
      let list = out.get(docId);
      if (!list) out.set(docId, (list = []));
      list.push({ id: d.id, kind: d.kind, summary: d.summary, claimIds: [...ids].sort() });
    }
  }
  return out;
}

/** What a document's page shows besides the document. `byDoc` is disagreementsByDoc(ledger), computed once per run. */
export function pageContext(ledger: Ledger, summary: DocSummary, byDoc: Map<string, PageContext['disagreements']>): PageContext {
  const names: Record<string, string> = {};
  for (const id of summary.nameIds) names[id] = ledger.actors[id] ?? summary.actors[id] ?? id;
  return { names, disagreements: byDoc.get(summary.id) ?? [] };
}

/** A document's page: its text with highlights, claims, and links back to the index. */
export function buildPageView(doc: DocumentJson, ctx: PageContext): PageView {
  const nameOf = (id: string): string => ctx.names[id] ?? id;
  const { ok, refused, ranges, anchored } = layout(doc, (c) => claimSummary(c, nameOf));
  const ref = (d: PageContext['disagreements'][number]): DisRef => ({ id: d.id, kind: d.kind, summary: d.summary, href: `${PAGE_TO_INDEX}#${disagreementAnchor(d.id)}` });
  const byClaim = new Map<string, DisRef[]>();
  for (const d of ctx.disagreements) {
    for (const c of d.claimIds) {
      const list = byClaim.get(c) ?? [];
      list.push(ref(d));
      byClaim.set(c, list);
    }
  }
  return {
    id: doc.id,
    doc,
    spans: ok,
    refused,
    ranges,
    claims: doc.claims.map((c) => ({ claim: c, anchor: anchored.has(c.id) ? pageClaimAnchor(c.id) : null, summary: claimSummary(c, nameOf), disagreements: byClaim.get(c.id) ?? [] })),
    mentionCounts: mentionCounts(doc),
    disagreements: ctx.disagreements.map(ref),
    indexHref: PAGE_TO_INDEX,
  };
}

/** The index, from the ledger and the documents' summaries (no texts). */
export function buildIndexView(ledger: Ledger, summaries: readonly DocSummary[]): IndexView {
  const docsById = new Map(summaries.map((d) => [d.id, d]));
  // Claims by id, indexed per document on first use (most documents are never looked up in a run).
  const claimIndex = new Map<string, Map<string, DocSummary['claims'][number]>>();
  const claimOf = (docId: string, claimId: string): DocSummary['claims'][number] | undefined => {
    let m = claimIndex.get(docId);
    if (!m) {
      const d = docsById.get(docId);
      if (!d) return undefined;
      claimIndex.set(docId, (m = new Map(d.claims.map((c) => [c.id, c]))));
    }
    return m.get(claimId);
  };
  const ledgerDocs = new Map(ledger.documents.map((d) => [d.id, d]));
  const names = new Map<string, string>(Object.entries(ledger.actors));
  for (const d of summaries) for (const [id, name] of Object.entries(d.actors)) if (!names.has(id)) names.set(id, name);
  const nameOf = (id: string): string => names.get(id) ?? id;
  const objectOf = (o: { actorId?: string | undefined; literal?: string | undefined } | undefined): string | null => {
    if (!o) return null;
    if (o.actorId) return nameOf(o.actorId);
    return o.literal ?? null;
  };

  // A quote is checked against the text its claim covers in the document (its hash is in the summary).
  const source = (ref: { docId: string; claimId: string; quote: string; start?: number; end?: number; published: string | null }): SourceView => {
    const claim = claimOf(ref.docId, ref.claimId);
    const quote = ref.quote;
    let quoteCheck: QuoteCheck = 'unverified';
    if (claim && claim.quoteHash !== null) {
      const start = ref.start ?? claim.start;
      const end = ref.end ?? claim.end;
      if (start === claim.start && end === claim.end && ref.quote !== '' && quoteHash(ref.quote) === claim.quoteHash) quoteCheck = 'exact';
      else quoteCheck = 'mismatch';
    }
    return { ...link(ref), quote, quoteCheck };
  };
  // Past MAX_QUOTES a source is a link only: no quote to check; past MAX_MORE_LINKS it is only counted.
  const link = (ref: { docId: string; claimId: string; quote: string; published: string | null }): SourceView => {
    const doc = docsById.get(ref.docId);
    const claim = claimOf(ref.docId, ref.claimId);
    const info = ledgerDocs.get(ref.docId);
    return {
      docId: ref.docId,
      claimId: ref.claimId,
      quote: ref.quote,
      quoteCheck: 'unverified',
      published: ref.published ?? doc?.published ?? info?.published ?? null,
      outlet: doc?.outlet ?? info?.outlet ?? null,
      title: doc?.title ?? info?.title ?? null,
      claimHref: doc && claim?.anchored ? `${doc.page}#${pageClaimAnchor(claim.id)}` : null,
      docHref: doc ? doc.page : null,
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
    sides: [sideView(d.kind, d.sides[0], split(d.sides[0].claims, source, link), entrySummaries.get(d.sides[0].entryId)), sideView(d.kind, d.sides[1], split(d.sides[1].claims, source, link), entrySummaries.get(d.sides[1].entryId))],
  }));
  const disById = new Map(disagreements.map((d) => [d.id, d]));
  const refs = (ids: readonly string[]): DisRef[] =>
    ids.flatMap((id) => {
      const d = disById.get(id);
      return d ? [{ id, href: `#${d.anchor}`, kind: d.kind, summary: d.summary }] : [];
    });

  // Entries by topic: counts over all entries, views only for those listed (see MAX_SINGLE_PER_TOPIC).
  const byTopic = new Map<string, Entry[]>();
  for (const e of ledger.entries) {
    for (const topic of e.topics.length > 0 ? e.topics : [e.family || e.relation]) {
      const list = byTopic.get(topic);
      if (list) list.push(e);
      else byTopic.set(topic, [e]);
    }
  }
  const sourcesOf = new Map<string, { sources: SourceView[]; more: SourceView[]; unlinked: number }>();
  const anchored = new Set<string>();
  const entryView = (e: Entry): EntryView => {
    let srcs = sourcesOf.get(e.id);
    if (!srcs) sourcesOf.set(e.id, (srcs = split(e.supports, source, link)));
    const first = !anchored.has(e.id);
    anchored.add(e.id);
    return {
      id: e.id,
      anchor: first ? entryAnchor(e.id) : null,
      seeAlso: first ? null : `#${entryAnchor(e.id)}`,
      summary: e.summary,
      subject: nameOf(e.subject),
      relation: e.relation,
      object: objectOf(e.object),
      polarity: e.polarity,
      time: periodText(e.period),
      status: e.status,
      sources: first ? srcs.sources : [],
      more: first ? srcs.more : [],
      unlinked: first ? srcs.unlinked : 0,
      docCount: e.sourceCount,
      disagreements: refs(e.disagreementIds),
    };
  };
  const topics: TopicView[] = [...byTopic.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([topic, all]) => {
      const counts: TopicView['counts'] = { corroborated: 0, 'single-source': 0, disputed: 0, total: all.length };
      for (const e of all) counts[e.status]++;
      const { kept, omitted } = capSingles(all, (e) => e.status === 'single-source');
      return { topic, anchor: topicAnchor(topic), entries: kept.map(entryView), counts, omitted };
    });

  // Timelines: the ledger's, per topic, in date order (undated last).
  const statusOf = new Map(ledger.entries.map((e) => [e.id, e.status]));
  const timelines: TimelineView[] = Object.entries(ledger.timelines)
    .filter(([, items]) => items.length > 0)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([topic, items]) => {
      // One string key per row (date, then publication date, then document), compared by code unit.
      const sorted = items
        .map((it) => ({ it, key: `${timexSortKey(it.date ?? 'undated')}\u0000${it.published ?? ''}\u0000${it.docId}` }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map((x) => x.it);
      const { kept, omitted } = capTimeline(sorted, (it) => statusOf.get(it.entryId) ?? 'single-source');
      return {
        topic,
        anchor: `timeline-${topicAnchor(topic)}`,
        rows: kept.map((it) => ({
          time: it.timeValue,
          date: it.date,
          summary: it.summary,
          polarity: it.polarity,
          source: source({ docId: it.docId, claimId: it.claimId, quote: it.quote, published: it.published }),
          excerpt: excerpt(it.quote),
          disagreements: refs(it.disagreementIds),
        })),
        omitted,
      };
    });

  const disCount = new Map<string, number>();
  for (const [docId, list] of disagreementsByDoc(ledger)) disCount.set(docId, list.length);

  return {
    topics,
    disagreements,
    timelines,
    docs: summaries.map((s) => ({ summary: s, anchor: docAnchor(s.id), claimCount: s.claims.length, disagreementCount: disCount.get(s.id) ?? 0 })),
    totals: {
      docs: summaries.length,
      entries: ledger.entries.length,
      corroborated: ledger.entries.filter((e) => e.status === 'corroborated').length,
      disputed: ledger.entries.filter((e) => e.status === 'disputed').length,
      disagreements: disagreements.length,
    },
  };
}

/** The first MAX_QUOTES supports with their quotes checked, the next MAX_MORE_LINKS as links; the rest are counted. */
function split(supports: readonly Support[], source: (s: Support) => SourceView, link: (s: Support) => SourceView): { sources: SourceView[]; more: SourceView[]; unlinked: number } {
  return {
    sources: supports.slice(0, MAX_QUOTES).map(source),
    more: supports.slice(MAX_QUOTES, MAX_QUOTES + MAX_MORE_LINKS).map(link),
    unlinked: Math.max(0, supports.length - MAX_QUOTES - MAX_MORE_LINKS),
  };
}

/**
 * The timeline rows of a topic that the index lists, in their order: every
 * row of a disputed entry, the first MAX_CORROBORATED_ROWS rows of
 * corroborated entries and the first MAX_SINGLE_PER_TOPIC of single-source
 * ones (each claim is on its document's page, each entry in the ledger).
 */
function capTimeline<T>(items: readonly T[], status: (x: T) => LedgerStatus): { kept: T[]; omitted: number } {
  const kept: T[] = [];
  let corroborated = 0;
  let single = 0;
  for (const x of items) {
    const st = status(x);
    if (st === 'corroborated' && ++corroborated > MAX_CORROBORATED_ROWS) continue;
    if (st === 'single-source' && ++single > MAX_SINGLE_PER_TOPIC) continue;
    kept.push(x);
  }
  return { kept, omitted: items.length - kept.length };
}

/** Keep every item, except single-source ones past the first MAX_SINGLE_PER_TOPIC (order kept). */
function capSingles<T>(items: readonly T[], single: (x: T) => boolean): { kept: T[]; omitted: number } {
  const kept: T[] = [];
  let singles = 0;
  for (const x of items) {
    if (single(x) && ++singles > MAX_SINGLE_PER_TOPIC) continue;
    kept.push(x);
  }
  return { kept, omitted: items.length - kept.length };
}

/** What one side says, in a few words: its figures, its dates, or its relation and polarity. */
function sideView(kind: DisagreementKind, side: Side, sources: { sources: SourceView[]; more: SourceView[]; unlinked: number }, entrySummary: string | undefined): SideView {
  const uniq = (xs: string[]) => [...new Set(xs)].join(' / ');
  let label: string;
  if (kind === 'figure') label = uniq(side.claims.flatMap((c) => (c.value ? [formatValue(c.value)] : [])));
  else if (kind === 'date') label = uniq(side.claims.map((c) => c.time.value));
  else label = entrySummary ?? `${side.polarity === 'negated' ? 'denies' : 'affirms'}: ${side.relation}`;
  return { label: label || null, ...sources };
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
