/**
 * Escaping for the two output languages. Everything that came from a document
 * or the ledger goes through here. Hand-written: a few lines each, and the
 * libraries that would do it (hast-util-to-html, mdast-util-to-markdown) are
 * not dependencies of the project; building whole syntax trees to print a
 * string is more than the report needs.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and for quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Escape text for inline Markdown (CommonMark + GFM): backslash-escape the
 * characters that open inline markup anywhere (\\ ` * _ [ ] | ~), the ones
 * that open a block at the start of the text (#, -, +, >, "1."), and turn
 * "<", ">" and "&" into entities so no raw HTML survives a Markdown renderer.
 * Line breaks become spaces. Ordinary punctuation is left alone so the file
 * stays readable as plain text.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-]|\d+(?=[.)]))/, (_m, sp: string, c: string) => (/^\d/.test(c) ? `${sp}${c}\\` : `${sp}\\${c}`));
}

/** Escape a Markdown table cell: as inline text (which already escapes "|"). */
export function escapeMarkdownCell(s: string): string {
  return escapeMarkdown(s).trim() || ' ';
}

/**
 * An HTML id (and URL fragment) from any string: characters outside
 * [A-Za-z0-9_-] become "." followed by their code point in hex and ".",
 * so distinct inputs give distinct ids and no fragment needs percent-encoding.
 */
export function idPart(s: string): string {
  if (/^[A-Za-z0-9_-]*$/.test(s)) return s;
  return Array.from(s)
    .map((ch) => (/^[A-Za-z0-9_-]$/.test(ch) ? ch : `.${(ch.codePointAt(0) ?? 0).toString(16)}.`))
    .join('');
}

/** Anchor of a document's row in the index's table of documents. */
export function docAnchor(docId: string): string {
  return `doc-${idPart(docId)}`;
}

export function disagreementAnchor(id: string): string {
  return `dis-${idPart(id)}`;
}

export function entryAnchor(id: string): string {
  return `entry-${idPart(id)}`;
}

export function topicAnchor(topic: string): string {
  return `topic-${idPart(topic)}`;
}
