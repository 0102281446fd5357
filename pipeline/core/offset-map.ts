/**
 * Maps offsets of the normalised text back to the raw file, the way a source
 * map does. Built by appending pieces in text order; each piece is either a
 * one-for-one copy of a raw range or a replacement of one (folded whitespace).
 */
import type { OffsetSegment, Span } from './schema.ts';

export class OffsetMap {
  /** [start, length, rawStart, rawLength], sorted by start, contiguous in text. */
  private readonly segs: OffsetSegment[];

  private constructor(segs: OffsetSegment[]) {
    this.segs = segs;
  }

  static identity(length: number): OffsetMap {
    return new OffsetMap(length > 0 ? [[0, length, 0, length]] : []);
  }

  static fromSegments(segs: OffsetSegment[]): OffsetMap {
    return new OffsetMap(segs.map((s) => [...s] as OffsetSegment));
  }

  toSegments(): OffsetSegment[] {
    return this.segs.map((s) => [...s] as OffsetSegment);
  }

  /** Length of text covered so far. */
  get length(): number {
    const last = this.segs[this.segs.length - 1];
    return last ? last[0] + last[1] : 0;
  }

  private find(pos: number): OffsetSegment | undefined {
    let lo = 0;
    let hi = this.segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.segs[mid]!;
      if (pos < s[0]) hi = mid - 1;
      else if (pos >= s[0] + s[1]) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /**
   * Raw offset of text offset `pos`. A position at the very end maps to the end
   * of the last raw range. Inside a replaced piece, start maps to the raw
   * range's start (and an end to its end, see toRawSpan).
   */
  toRaw(pos: number): number {
    const s = this.find(pos);
    if (!s) {
      const last = this.segs[this.segs.length - 1];
      if (last && pos === last[0] + last[1]) return last[2] + last[3];
      throw new RangeError(`offset ${pos} is outside the mapped text (length ${this.length})`);
    }
    const [start, length, rawStart, rawLength] = s;
    return length === rawLength ? rawStart + (pos - start) : rawStart;
  }

  /** Raw [start, end) covering text [start, end). */
  toRawSpan(start: number, end: number): Span {
    if (end <= start) {
      const r = this.toRaw(start);
      return { start: r, end: r };
    }
    const rawStart = this.toRaw(start);
    const s = this.find(end - 1);
    if (!s) throw new RangeError(`offset ${end} is outside the mapped text (length ${this.length})`);
    const [segStart, length, segRaw, rawLength] = s;
    const rawEnd = length === rawLength ? segRaw + (end - 1 - segStart) + 1 : segRaw + rawLength;
    return { start: rawStart, end: rawEnd };
  }
}

/** Builds the normalised text and its offset map together, so they cannot disagree. */
export class TextBuilder {
  private parts: string[] = [];
  private segs: OffsetSegment[] = [];
  private len = 0;

  get length(): number {
    return this.len;
  }

  /** Append raw.slice(rawStart, rawEnd) as it is. */
  copy(raw: string, rawStart: number, rawEnd: number): void {
    if (rawEnd <= rawStart) return;
    const piece = raw.slice(rawStart, rawEnd);
    this.push(piece, rawStart, rawEnd - rawStart);
  }

  /** Append `text` standing for raw[rawStart, rawEnd) (e.g. one space for a run of whitespace). */
  replace(text: string, rawStart: number, rawEnd: number): void {
    if (text.length === 0) return;
    this.push(text, rawStart, rawEnd - rawStart);
  }

  private push(text: string, rawStart: number, rawLength: number): void {
    const last = this.segs[this.segs.length - 1];
    const isCopy = text.length === rawLength;
    // Merge adjacent copies so the map stays small.
    if (isCopy && last && last[1] === last[3] && last[2] + last[3] === rawStart) {
      last[1] += text.length;
      last[3] += rawLength;
    } else {
      this.segs.push([this.len, text.length, rawStart, rawLength]);
    }
    this.parts.push(text);
    this.len += text.length;
  }

  build(): { text: string; offsets: OffsetMap } {
    return { text: this.parts.join(''), offsets: OffsetMap.fromSegments(this.segs) };
  }
}
