/**
 * Offset-driven highlighting: HTML built from a text and [start, end) UTF-16
 * spans, every character escaped. Overlapping spans that do not nest are split
 * into pieces so the markup stays well formed; the element id goes on the
 * first piece only. Hand-written because the libraries that highlight
 * (mark.js, hast utilities) work on a DOM or on search terms, not on
 * pre-computed offsets into a plain string.
 */
import { escapeHtml } from './escape.ts';

export interface HighlightSpan {
  start: number;
  end: number;
  tag: 'span' | 'mark';
  className: string;
  /** Extra attributes (title, data-*, aria-*); names must be literal, values are escaped. */
  attrs?: Record<string, string>;
  /** Element id: put on the first piece only. */
  id?: string | undefined;
  /** Tie-break for spans with the same range: lower is outer. */
  rank?: number;
}

export interface SpanCheck {
  ok: HighlightSpan[];
  refused: { span: HighlightSpan; reason: string }[];
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when offset sits between a surrogate pair (would cut an astral character in half). */
export function splitsSurrogate(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  return isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** Refuse spans that do not line up with the text instead of guessing. */
export function checkSpans(text: string, spans: readonly HighlightSpan[]): SpanCheck {
  const out: SpanCheck = { ok: [], refused: [] };
  for (const span of spans) {
    const { start, end } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length) {
      out.refused.push({ span, reason: 'out of range' });
    } else if (end <= start) {
      out.refused.push({ span, reason: 'empty' });
    } else if (splitsSurrogate(text, start) || splitsSurrogate(text, end)) {
      out.refused.push({ span, reason: 'cuts a surrogate pair' });
    } else {
      out.ok.push(span);
    }
  }
  return out;
}

function openTag(span: HighlightSpan, withId: boolean): string {
  let s = `<${span.tag} class="${escapeHtml(span.className)}"`;
  if (withId && span.id !== undefined) s += ` id="${escapeHtml(span.id)}"`;
  for (const [k, v] of Object.entries(span.attrs ?? {})) s += ` ${k}="${escapeHtml(v)}"`;
  return `${s}>`;
}

/** Outer before inner: earlier start, then longer, then lower rank, then input order. */
function order(spans: readonly HighlightSpan[]): HighlightSpan[] {
  return spans
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.start - b.s.start || b.s.end - a.s.end || (a.s.rank ?? 0) - (b.s.rank ?? 0) || a.i - b.i)
    .map((x) => x.s);
}

/**
 * HTML for text[range.start, range.end) with the spans highlighted (spans are
 * clipped to the range). Spans must have passed checkSpans. `usedIds` carries
 * the ids already emitted, so a span cut across two ranges (paragraphs) gets
 * its id once.
 */
export function highlight(
  text: string,
  spans: readonly HighlightSpan[],
  range: { start: number; end: number } = { start: 0, end: text.length },
  usedIds: Set<string> = new Set(),
): string {
  const { start: rs, end: re } = range;
  const inRange = order(spans.filter((s) => s.start < re && s.end > rs));
  const bounds = new Set<number>([rs, re]);
  for (const s of inRange) {
    bounds.add(Math.max(s.start, rs));
    bounds.add(Math.min(s.end, re));
  }
  const points = [...bounds].sort((a, b) => a - b);
  const stack: HighlightSpan[] = [];
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const active = inRange.filter((s) => s.start <= a && s.end >= b);
    let k = 0;
    while (k < stack.length && k < active.length && stack[k] === active[k]) k++;
    while (stack.length > k) html += `</${(stack.pop() as HighlightSpan).tag}>`;
    for (const s of active.slice(k)) {
      const withId = s.id !== undefined && !usedIds.has(s.id);
      if (withId) usedIds.add(s.id as string);
      html += openTag(s, withId);
      stack.push(s);
    }
    html += escapeHtml(text.slice(a, b));
  }
  while (stack.length > 0) html += `</${(stack.pop() as HighlightSpan).tag}>`;
  return html;
}
