/**
 * Rendering (pure) and writing (incremental, atomic) the report.
 *
 * renderReport: ledger + documents → the index (report.md, report.html) and
 * one page per document. writeReport keeps <out>/report/manifest.json with,
 * per document, a hash of its content, the key of its page (the content hash
 * plus everything else the page shows: actor names from the ledger, the
 * disagreements involving it) and its summary (what the index needs of it).
 * A page is re-rendered only when its key changed or its file is missing; an
 * unchanged document is not even loaded, since its summary comes from the
 * manifest. Pages of documents that left the corpus are deleted. The index
 * is re-rendered every time, from the ledger and the summaries only.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isSoundFile, writeDerivedFile, writeFileAtomic } from '../../core/fs-atomic.ts';
import { sha256 } from '../../core/ids.ts';
import type { DocumentJson } from '../../core/schema.ts';
import type { DocSource, Ledger, ReportInput, ReportOutput, ReportPage, WriteReportResult } from '../types.ts';
import { renderIndexHtml, renderPageHtml } from './html.ts';
import { renderIndexMarkdown } from './markdown.ts';
import { DOCS_DIR, INDEX_HTML, INDEX_MD, MANIFEST } from './paths.ts';
import { buildIndexView, buildPageView, disagreementsByDoc, pageContext, summarizeDoc, type DocSummary, type PageContext } from './view.ts';

/** Bump when the pages' markup or the summaries change: every page is re-rendered once. */
export const REPORT_VERSION = '4';

interface Options {
  title?: string;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The content hash used when the caller gives whole documents. */
export function documentHash(doc: DocumentJson): string {
  return sha256(JSON.stringify(doc));
}

function pageKey(docHash: string, ctx: PageContext, opts: Options): string {
  return sha256(JSON.stringify([REPORT_VERSION, opts.title ?? null, docHash, ctx]));
}

function renderIndex(ledger: Ledger, summaries: readonly DocSummary[], opts: Options): { markdown: string; html: string } {
  const view = buildIndexView(ledger, summaries);
  return { markdown: renderIndexMarkdown(view, opts), html: renderIndexHtml(view, opts) };
}

/** Pure: the ledger and the documents in; the index (Markdown and HTML) and every document's page out, in id order. */
export function renderReport(input: ReportInput, opts: Options = {}): ReportOutput {
  const docs = [...input.docs].sort((a, b) => byId(a.id, b.id));
  const summaries = docs.map(summarizeDoc);
  const byDoc = disagreementsByDoc(input.ledger);
  const pages: ReportPage[] = docs.map((doc, i) => {
    const summary = summaries[i] as DocSummary;
    const ctx = pageContext(input.ledger, summary, byDoc);
    return { docId: doc.id, path: summary.page, key: pageKey(documentHash(doc), ctx, opts), html: renderPageHtml(buildPageView(doc, ctx), opts) };
  });
  return { ...renderIndex(input.ledger, summaries, opts), pages };
}

/** Documents given whole, as a DocSource (hashes computed from their JSON). */
export function arraySource(docs: readonly DocumentJson[]): DocSource {
  const map = new Map(docs.map((d) => [d.id, d]));
  return {
    ids: [...map.keys()],
    hash: (id) => documentHash(map.get(id) as DocumentJson),
    load: (id) => map.get(id) as DocumentJson,
  };
}

// The manifest is read back on the next run, so it is validated; anything wrong with it means a full re-render.
const CountsSchema = z.object({ date: z.number(), actor: z.number(), quantity: z.number() });
const SummarySchema = z.object({
  id: z.string(),
  page: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  published: z.string().nullable(),
  publishedBasis: z.string(),
  mentionCounts: CountsSchema,
  refused: z.number(),
  actors: z.record(z.string(), z.string()),
  nameIds: z.array(z.string()),
  claims: z.array(z.object({ id: z.string(), start: z.number(), end: z.number(), quoteHash: z.string().nullable(), anchored: z.boolean() })),
});
const ManifestSchema = z.object({
  version: z.string(),
  docs: z.record(z.string(), z.object({ hash: z.string(), key: z.string(), summary: SummarySchema })),
});
type Manifest = z.infer<typeof ManifestSchema>;

function readManifest(file: string): Manifest | null {
  if (!existsSync(file)) return null;
  try {
    const m = ManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    return m.version === REPORT_VERSION ? m : null;
  } catch {
    return null;
  }
}

/** A page to (re)render: the document, its page file, and what the ledger puts on it. */
export interface PageTask {
  id: string;
  /** The page's file (absolute, or relative to the working folder, as outDir was given). */
  file: string;
  ctx: PageContext;
  title?: string;
}

/** Render one page from its document and write it (pure apart from the write; runs in worker threads too). */
export function renderPageFile(task: PageTask, doc: DocumentJson): void {
  if (doc.id !== task.id) throw new Error(`report: document loaded for id ${task.id} has id ${doc.id}`);
  // Pages are re-made from the store whenever they are missing or empty: no fsync per page (core/fs-atomic.ts).
  writeDerivedFile(task.file, renderPageHtml(buildPageView(doc, task.ctx), task.title !== undefined ? { title: task.title } : {}));
}

/** The report with its pages decided but (when deferred) not yet rendered; finish() writes the rest. */
export interface ReportPlan {
  /** Pages still to render (empty unless pages were deferred), in id order. */
  tasks: PageTask[];
  /** Remove the pages of documents that left, render the index, write it and the manifest (last). */
  finish(): WriteReportResult;
}

/**
 * Bring <outDir>/report.md, report.html and report/docs/*.html up to date.
 * Documents come whole (an array) or as a DocSource, whose load() is called
 * only for documents whose hash differs from the manifest's (or whose page is
 * missing). Every file is written atomically; the manifest last, so a run cut
 * short re-renders what it had not recorded.
 */
export function writeReport(outDir: string, ledger: Ledger, docs: readonly DocumentJson[] | DocSource, opts: Options = {}): WriteReportResult {
  return planReport(outDir, ledger, isSource(docs) ? docs : arraySource(docs), opts, { deferPages: false }).finish();
}

/**
 * writeReport in two halves, so the pages can be rendered elsewhere (the runner
 * renders them in its worker threads while it stores the ledger): with
 * deferPages, the pages to render come back as tasks, to be done with
 * renderPageFile before finish(). A document is loaded here only when neither
 * the manifest nor source.summary has its summary.
 */
export function planReport(outDir: string, ledger: Ledger, source: DocSource, opts: Options, how: { deferPages: boolean }): ReportPlan {
  const manifestFile = path.join(outDir, MANIFEST);
  let t = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const prev = readManifest(manifestFile);
  const ms = { manifestRead: lap(), pages: 0, index: 0, write: 0 };
  const next: Manifest = { version: REPORT_VERSION, docs: {} };
  const byDoc = disagreementsByDoc(ledger);
  const ids = [...new Set(source.ids)].sort(byId);
  const summaries: DocSummary[] = [];
  const rendered: string[] = [];
  const tasks: PageTask[] = [];
  const load = (id: string): DocumentJson => {
    const doc = source.load(id);
    if (doc.id !== id) throw new Error(`report: document loaded for id ${id} has id ${doc.id}`);
    return doc;
  };

  for (const id of ids) {
    const hash = source.hash(id);
    const old = prev?.docs[id];
    let doc: DocumentJson | undefined;
    let summary: DocSummary | undefined;
    if (old && old.hash === hash) summary = old.summary;
    else summary = source.summary?.(id, hash);
    if (!summary) {
      doc = load(id);
      summary = summarizeDoc(doc);
    }
    const ctx = pageContext(ledger, summary, byDoc);
    const key = pageKey(hash, ctx, opts);
    const file = path.join(outDir, summary.page);
    if (!old || old.key !== key || old.summary.page !== summary.page || !isSoundFile(file)) {
      const task: PageTask = { id, file, ctx, ...(opts.title !== undefined ? { title: opts.title } : {}) };
      if (how.deferPages) tasks.push(task);
      else renderPageFile(task, doc ?? load(id));
      rendered.push(id);
    }
    next.docs[id] = { hash, key, summary };
    summaries.push(summary);
  }
  ms.pages = lap();

  return {
    tasks,
    finish: () => {
      lap();
      // Pages of documents that left: those in the old manifest, and any other page file in the folder.
      const removed = Object.keys(prev?.docs ?? {}).filter((id) => !(id in next.docs)).sort(byId);
      const keep = new Set(summaries.map((s) => path.basename(s.page)));
      const docsDir = path.join(outDir, DOCS_DIR);
      if (existsSync(docsDir)) {
        for (const f of readdirSync(docsDir)) if (f.endsWith('.html') && !keep.has(f)) rmSync(path.join(docsDir, f), { force: true });
      }
      ms.pages += lap();
      const index = renderIndex(ledger, summaries, opts);
      ms.index = lap();
      const files = { markdown: path.join(outDir, INDEX_MD), html: path.join(outDir, INDEX_HTML), manifest: manifestFile };
      writeFileAtomic(files.markdown, index.markdown);
      writeFileAtomic(files.html, index.html);
      writeFileAtomic(manifestFile, JSON.stringify(next));
      ms.write = lap();
      return { ...files, pagesDir: docsDir, rendered, removed, kept: ids.length - rendered.length, ms };
    },
  };
}

function isSource(docs: readonly DocumentJson[] | DocSource): docs is DocSource {
  return !Array.isArray(docs);
}
