/**
 * Raw paste → blocks of lines, with raw offsets. remark-parse gives the block
 * structure (headings, paragraphs, list items, blockquotes, code) and, inside
 * a block, which raw characters are words (text leaves) and which are markup
 * (`**`, `#`, list bullets, link brackets). We keep only leaf ranges, cut per
 * line, so every character we later copy is a raw character.
 */
import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export type BlockType = 'heading' | 'paragraph' | 'list-item' | 'blockquote';

export interface Line {
  /** Raw [start, end) of the words on this line, markup removed, in order. */
  pieces: [number, number][];
  start: number;
  end: number;
  /** The pieces joined, whitespace folded: what rules look at. */
  text: string;
}

export interface Block {
  type: BlockType;
  depth?: number;
  start: number;
  end: number;
  lines: Line[];
}

const processor = unified().use(remarkParse).freeze();

const inSkip = (skip: readonly [number, number][], s: number, e: number): boolean => skip.some(([a, b]) => s < b && e > a);

/** The blocks of a paste: plainTextBlocks when the paste uses no markdown syntax, else remark's. */
export function parseBlocks(raw: string, skip: readonly [number, number][] = []): Block[] {
  return plainTextBlocks(raw, skip) ?? markdownBlocks(raw, skip);
}

/**
 * Characters that can start inline markdown (escapes, code spans, emphasis, links and
 * images, autolinks and inline HTML), a character reference, a NUL or BOM (which micromark
 * rewrites), or a line ending other than LF.
 */
const INLINE_SYNTAX = /[\\`*_[\]<\0\r\uFEFF]|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
/**
 * A line whose first visible character could open a block other than a paragraph (ATX
 * heading, block quote, bullet or ordered list item, thematic break, setext underline,
 * fenced code, HTML, link definition), or that ends in two spaces (a hard break).
 * Deliberately wider than CommonMark: "-5 degrees" or "#1 seed" only send the paste to remark.
 */
const BLOCK_SYNTAX = /^[ \t]*(?:[#>*+\-=_`~<[]|\d{1,9}[.)](?:[ \t]|$))| {2}$/m;
const BLANK_LINE = /^[ \t]*$/;

/**
 * remark's blocks for a paste with no markdown syntax in it, without running micromark
 * (its tokenizers cost about as much as the rest of the stage; most pastes are plain text).
 * Returns null, and the paste goes to remark, unless every line is plain: then CommonMark
 * reads it as paragraphs separated by blank lines (lines of spaces and tabs only), each
 * paragraph starting at its first visible character and ending at its last line's end,
 * with one text leaf from its start to its last non-space, non-tab character. A paragraph's
 * first line indented by four columns or more (or by a tab) would be code: null as well.
 * test/normalise/blocks.test.ts checks that this gives exactly remark's blocks.
 */
export function plainTextBlocks(raw: string, skip: readonly [number, number][] = []): Block[] | null {
  if (INLINE_SYNTAX.test(raw) || BLOCK_SYNTAX.test(raw)) return null;
  const blocks: Block[] = [];
  let start = -1; // raw start of the open paragraph
  let end = -1; // raw end of its last line so far
  const close = (): void => {
    if (start < 0) return;
    let textEnd = end;
    while (textEnd > start && (raw[textEnd - 1] === ' ' || raw[textEnd - 1] === '\t')) textEnd--;
    if (!inSkip(skip, start, end)) {
      const lines = toLines(raw, [[start, textEnd]]);
      if (lines.length) blocks.push({ type: 'paragraph', start, end, lines });
    }
    start = -1;
  };
  for (let lineStart = 0; lineStart <= raw.length; ) {
    let lineEnd = raw.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = raw.length;
    const line = raw.slice(lineStart, lineEnd);
    if (BLANK_LINE.test(line)) close();
    else if (start < 0) {
      let indent = 0;
      while (line[indent] === ' ') indent++;
      if (indent >= 4 || line[indent] === '\t') return null;
      start = lineStart + indent;
    }
    if (start >= 0) end = lineEnd;
    lineStart = lineEnd + 1;
  }
  close();
  return blocks;
}

/** The blocks remark-parse finds in a markdown paste. */
export function markdownBlocks(raw: string, skip: readonly [number, number][] = []): Block[] {
  const tree = processor.parse(raw) as Root;
  const blocks: Block[] = [];

  const leavesOf = (node: Nodes, out: [number, number][]): void => {
    const p = node.position;
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'html':
        if (p?.start.offset !== undefined && p.end.offset !== undefined) {
          let s = p.start.offset;
          let e = p.end.offset;
          if (node.type === 'inlineCode') {
            while (raw[s] === '`') s++;
            while (e > s && raw[e - 1] === '`') e--;
          }
          out.push([s, e]);
        }
        return;
      case 'image':
      case 'imageReference':
        return; // alt texts of images are chrome
      default:
        if ('children' in node) for (const c of node.children as Nodes[]) leavesOf(c, out);
    }
  };

  const addBlock = (type: BlockType, node: Nodes, leaves: [number, number][], depth?: number): void => {
    const p = node.position;
    if (p?.start.offset === undefined || p.end.offset === undefined) return;
    if (inSkip(skip, p.start.offset, p.end.offset)) return;
    const lines = toLines(raw, leaves);
    if (lines.length === 0) return;
    const b: Block = { type, start: p.start.offset, end: p.end.offset, lines };
    if (depth !== undefined) b.depth = depth;
    blocks.push(b);
  };

  const walk = (node: Nodes, ctx: BlockType): void => {
    const p = node.position;
    switch (node.type) {
      case 'heading': {
        const leaves: [number, number][] = [];
        leavesOf(node, leaves);
        addBlock('heading', node, leaves, node.depth);
        return;
      }
      case 'paragraph': {
        const leaves: [number, number][] = [];
        leavesOf(node, leaves);
        addBlock(ctx, node, leaves);
        return;
      }
      case 'code':
      case 'html':
        // Indented lines of a paste parse as code; they are text to us.
        if (p?.start.offset !== undefined && p.end.offset !== undefined) addBlock(ctx, node, [[p.start.offset, p.end.offset]]);
        return;
      case 'listItem':
        for (const c of node.children) walk(c, 'list-item');
        return;
      case 'blockquote':
        for (const c of node.children) walk(c, 'blockquote');
        return;
      case 'thematicBreak':
        return;
      default:
        if ('children' in node) for (const c of node.children as Nodes[]) walk(c, ctx);
    }
  };
  for (const c of tree.children) walk(c, 'paragraph');
  return blocks;
}

const WS = /\s/;
const NOT_A_LONE_SPACE = /[^\S ]| {2}/;

/**
 * Trim leading whitespace of the first piece and trailing of the last, and add the line the
 * pieces make, if any, to `lines`. A module function, not a closure in toLines: the loader
 * (tsx, keeping names) names every closure as it is made, which costs more than the call.
 */
function pushLine(raw: string, cur: [number, number][], lines: Line[]): void {
  while (cur.length) {
    const f = cur[0]!;
    while (f[0] < f[1] && WS.test(raw[f[0]]!)) f[0]++;
    if (f[0] < f[1]) break;
    cur.shift();
  }
  while (cur.length) {
    const l = cur[cur.length - 1]!;
    while (l[1] > l[0] && WS.test(raw[l[1] - 1]!)) l[1]--;
    if (l[1] > l[0]) break;
    cur.pop();
  }
  if (cur.length) {
    const joined = cur.length === 1 ? raw.slice(cur[0]![0], cur[0]![1]) : cur.map(([s, e]) => raw.slice(s, e)).join('');
    // Folding changes nothing unless some whitespace is not a lone space: skip building the copy then.
    const text = (NOT_A_LONE_SPACE.test(joined) ? joined.replace(/\s+/g, ' ') : joined).trim();
    if (text) lines.push({ pieces: cur, start: cur[0]![0], end: cur[cur.length - 1]![1], text });
  }
}

/** Cut leaf ranges at line breaks; trim each line's pieces; drop empty lines. */
export function toLines(raw: string, leaves: readonly [number, number][]): Line[] {
  const lines: Line[] = [];
  let cur: [number, number][] = [];
  for (const [s, e] of leaves) {
    let a = s;
    for (let i = s; i < e; i++) {
      if (raw[i] === '\n') {
        if (i > a) cur.push([a, i]);
        pushLine(raw, cur, lines);
        cur = [];
        a = i + 1;
      }
    }
    if (e > a) cur.push([a, e]);
  }
  pushLine(raw, cur, lines);
  return lines;
}

/**
 * JSON blobs pasted with a page (metadata objects): a line starting with "{" or
 * "[" whose text up to some later line parses as JSON. Returns raw ranges and values.
 */
export function findJsonBlobs(raw: string): { start: number; end: number; value: unknown }[] {
  const out: { start: number; end: number; value: unknown }[] = [];
  const re = /^[ \t]*[{[][ \t]*$|^[ \t]*\{[ \t]*"/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index;
    // Scan for the matching close bracket, honouring strings (hand-written: JSON.parse
    // needs the end, and no library finds a JSON value's end inside other text).
    let depth = 0;
    let inStr = false;
    let end = -1;
    for (let i = start; i < raw.length && i < start + 200_000; i++) {
      const c = raw[i]!;
      if (inStr) {
        if (c === '\\') i++;
        else if (c === '"') inStr = false;
        continue;
      }
      if (c === '"') inStr = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          end = i + 1;
          break;
        }
      }
    }
    if (end < 0) continue;
    try {
      const value: unknown = JSON.parse(raw.slice(start, end));
      if (value && typeof value === 'object') {
        out.push({ start, end, value });
        re.lastIndex = end;
      }
    } catch {
      // not JSON: leave it to the other rules
    }
  }
  return out;
}
