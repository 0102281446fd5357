import path from 'node:path';
import { writeFileAtomic } from '../../core/fs-atomic.ts';
import type { DocumentJson } from '../../core/schema.ts';
import type { Ledger, ReportInput, ReportOutput } from '../types.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { buildView } from './view.ts';

/** Pure: the ledger and the documents in, the two reports out. Documents are shown in id order. */
export function renderReport(input: ReportInput, opts: { title?: string } = {}): ReportOutput {
  const docs = [...input.docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const view = buildView(input.ledger, docs);
  return { markdown: renderMarkdown(view, opts), html: renderHtml(view, opts) };
}

/** Render and write <outDir>/report.md and <outDir>/report.html atomically; returns the two paths. */
export function writeReport(outDir: string, ledger: Ledger, docs: readonly DocumentJson[]): { markdown: string; html: string } {
  const out = renderReport({ ledger, docs: [...docs] });
  const files = { markdown: path.join(outDir, 'report.md'), html: path.join(outDir, 'report.html') };
  writeFileAtomic(files.markdown, out.markdown);
  writeFileAtomic(files.html, out.html);
  return files;
}
