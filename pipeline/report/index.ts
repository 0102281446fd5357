/** The report: out/report.md and out/report.html (the index) and out/report/docs/<id>.html (one page per document). */
export { renderReport, writeReport, planReport, renderPageFile, arraySource, documentHash, REPORT_VERSION, type PageTask, type ReportPlan } from './lib/render.ts';
export { summarizeDoc } from './lib/view.ts';
export { readDocuments, readLedger, documentSource } from './lib/load.ts';
export { highlight, checkSpans, type HighlightSpan } from './lib/spans.ts';
export { escapeHtml, escapeMarkdown, docAnchor, disagreementAnchor } from './lib/escape.ts';
export { docFileName, docPagePath, pageClaimAnchor } from './lib/paths.ts';
export type * from './types.ts';
