/**
 * Kept units → normalised text + offset map + paragraphs, through TextBuilder,
 * so every character maps back to raw. Only whitespace is repaired: runs of
 * whitespace fold to one space, a line break inside a paragraph becomes a
 * space (or nothing after a hyphen that splits a word), paragraphs are
 * separated by a blank line. Words are copied, never retyped.
 */
import { TextBuilder, type OffsetMap } from '../../core/offset-map.ts';
import type { Paragraph } from '../../core/schema.ts';
import type { Kept } from './structure.ts';

const WS = /\s/;

export function buildText(raw: string, kept: readonly Kept[]): { text: string; offsets: OffsetMap; paragraphs: Paragraph[] } {
  const b = new TextBuilder();
  const paragraphs: Paragraph[] = [];
  let prevRawEnd = 0;
  for (const k of kept) {
    const first = k.lines[0];
    const lastLine = k.lines[k.lines.length - 1];
    if (!first || !lastLine) continue;
    const rawStart = first.start;
    if (paragraphs.length) b.replace('\n\n', prevRawEnd, Math.max(prevRawEnd, rawStart));
    const start = b.length;
    let lastChar = '';
    let lastEnd = rawStart;
    k.lines.forEach((line, li) => {
      if (li > 0) {
        const next = raw[line.start] ?? '';
        // "counter-\nintuitive": keep the hyphen, join without a space.
        if (lastChar === '-' && /\p{Ll}/u.test(next)) {
          /* nothing between */
        } else b.replace(' ', lastEnd, line.start);
      }
      let pendingWs = -1; // raw start of a whitespace run not yet written
      for (const [s, e] of line.pieces) {
        let i = s;
        while (i < e) {
          if (WS.test(raw[i]!)) {
            if (pendingWs < 0) pendingWs = i;
            i++;
            continue;
          }
          if (pendingWs >= 0) {
            if (i - pendingWs === 1 && raw[pendingWs] === ' ') b.copy(raw, pendingWs, i);
            else b.replace(' ', pendingWs, i);
            pendingWs = -1;
          }
          let j = i;
          while (j < e && !WS.test(raw[j]!)) j++;
          b.copy(raw, i, j);
          lastChar = raw[j - 1]!;
          i = j;
        }
        // whitespace at a piece end stays pending: the next piece may continue the word run
      }
      lastEnd = line.end;
    });
    const end = b.length;
    paragraphs.push({ start, end, rawStart, rawEnd: lastLine.end, kind: k.kind });
    prevRawEnd = lastLine.end;
  }
  const { text, offsets } = b.build();
  return { text, offsets, paragraphs };
}
