/**
 * What the report reads: the ledger's own schema (pipeline/ledger) and the
 * documents' (pipeline/core/schema.ts). The adapter in lib/view.ts is the only
 * place that reads ledger fields, so a change in its shape is absorbed there.
 */
import type { DocumentJson } from '../core/schema.ts';
import type { Ledger } from '../ledger/index.ts';
import type { DocSummary } from './lib/view.ts';

export type { DocSummary } from './lib/view.ts';

export type {
  Disagreement,
  DisagreementKind,
  Entry,
  EntryStatus,
  Ledger,
  Period,
  Side,
  Support,
  TimelineItem,
} from '../ledger/index.ts';

export interface ReportInput {
  ledger: Ledger;
  docs: DocumentJson[];
}

/** One document's page. */
export interface ReportPage {
  docId: string;
  /** Relative to the output folder: "report/docs/<file>.html". */
  path: string;
  /** Changes exactly when the page's content may change (document content, names and disagreements it shows). */
  key: string;
  html: string;
}

export interface ReportOutput {
  /** The index, report.md. */
  markdown: string;
  /** The index, report.html. */
  html: string;
  /** One page per document, in id order. */
  pages: ReportPage[];
}

/**
 * Documents for writeReport without loading them all: their ids, a content
 * hash per id (anything that changes when the document's JSON changes, e.g.
 * the store's cache key), and a loader called only for documents whose page
 * must be re-rendered.
 */
export interface DocSource {
  ids: readonly string[];
  hash(id: string): string;
  load(id: string): DocumentJson;
  /**
   * The document's summary (lib/view.ts summarizeDoc) at this hash, made beforehand (the runner's
   * workers make it while exporting), so the document need not be loaded for it; undefined when unknown.
   */
  summary?(id: string, hash: string): DocSummary | undefined;
}

export interface WriteReportResult {
  markdown: string;
  html: string;
  manifest: string;
  /** The folder of the document pages. */
  pagesDir: string;
  /** Ids of the documents whose page was (re)written in this call. */
  rendered: string[];
  /** Ids of the documents (in the previous manifest) whose page was deleted. */
  removed: string[];
  /** Pages left as they were. */
  kept: number;
  /** Milliseconds: reading the manifest, the pages (hashes, keys, renders, deletions), rendering the index, writing index and manifest. */
  ms: { manifestRead: number; pages: number; index: number; write: number };
}
