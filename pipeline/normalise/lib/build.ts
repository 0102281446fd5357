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

/** WS.test for one UTF-16 unit, without a regex call for ASCII (called for every character of the text). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && WS.test(String.fromCharCode(c)));
}

/**
 * The builder with copies of adjacent raw ranges handed to it as one (it would merge their
 * segments anyway): one piece per run of copied text instead of one per word and space.
 * A class, not closures in buildText: the loader (tsx, keeping names) names every closure
 * as it is made, which costs more than the calls.
 */
class CopyRuns {
  readonly b = new TextBuilder();
  private copyStart = 0;
  private copyEnd = 0;

  constructor(private readonly raw: string) {}

  flushCopy(): void {
    if (this.copyEnd > this.copyStart) this.b.copy(this.raw, this.copyStart, this.copyEnd);
    this.copyStart = this.copyEnd = 0;
  }

  copy(s: number, e: number): void {
    if (e <= s) return;
    if (this.copyEnd > this.copyStart && this.copyEnd === s) this.copyEnd = e;
    else {
      this.flushCopy();
      this.copyStart = s;
      this.copyEnd = e;
    }
  }

  replace(text: string, s: number, e: number): void {
    this.flushCopy();
    this.b.replace(text, s, e);
  }
}

export function buildText(raw: string, kept: readonly Kept[]): { text: string; offsets: OffsetMap; paragraphs: Paragraph[] } {
  const w = new CopyRuns(raw);
  const b = w.b;
  const paragraphs: Paragraph[] = [];
  let prevRawEnd = 0;
  for (const k of kept) {
    const first = k.lines[0];
    const lastLine = k.lines[k.lines.length - 1];
    if (!first || !lastLine) continue;
    const rawStart = first.start;
    if (paragraphs.length) w.replace('\n\n', prevRawEnd, Math.max(prevRawEnd, rawStart));
    w.flushCopy();
    const start = b.length;
    let lastChar = '';
    let lastEnd = rawStart;
    k.lines.forEach((line, li) => {
      if (li > 0) {
        const next = raw[line.start] ?? '';
        // "counter-\nintuitive": keep the hyphen, join without a space.
        if (lastChar === '-' && /\p{Ll}/u.test(next)) {
          /* nothing between */
        } else w.replace(' ', lastEnd, line.start);
      }
      let pendingWs = -1; // raw start of a whitespace run not yet written
      for (const [s, e] of line.pieces) {
        let i = s;
        while (i < e) {
          if (isSpace(raw.charCodeAt(i))) {
            if (pendingWs < 0) pendingWs = i;
            i++;
            continue;
          }
          if (pendingWs >= 0) {
            if (i - pendingWs === 1 && raw[pendingWs] === ' ') w.copy(pendingWs, i);
            else w.replace(' ', pendingWs, i);
            pendingWs = -1;
          }
          let j = i;
          while (j < e && !isSpace(raw.charCodeAt(j))) j++;
          w.copy(i, j);
          lastChar = raw[j - 1]!;
          i = j;
        }
        // whitespace at a piece end stays pending: the next piece may continue the word run
      }
      lastEnd = line.end;
    });
    w.flushCopy();
    const end = b.length;
    paragraphs.push({ start, end, rawStart, rawEnd: lastLine.end, kind: k.kind });
    prevRawEnd = lastLine.end;
  }
  const { text, offsets } = b.build();
  return { text, offsets, paragraphs };
}
