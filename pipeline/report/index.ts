/** The report: out/report.md and out/report.html from the ledger and the documents. */
export { renderReport, writeReport } from './lib/render.ts';
export { readDocuments, readLedger } from './lib/load.ts';
export { highlight, checkSpans, type HighlightSpan } from './lib/spans.ts';
export { escapeHtml, escapeMarkdown, docAnchor, claimAnchor, disagreementAnchor } from './lib/escape.ts';
export type * from './types.ts';
