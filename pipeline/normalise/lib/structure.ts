/**
 * Blocks → the article: which lines are chrome, where the body starts and ends,
 * which unit is the title, the dek, the byline, the dateline, headings, lists,
 * endnotes. Rules are general patterns of web pages (see chrome.yaml); nothing
 * here knows any particular site.
 */
import type { ParagraphKind } from '../../core/schema.ts';
import type { Block, Line } from './blocks.ts';
import { firstMatch, type CompiledData } from './data.ts';
import { parseStatedDate } from './dates.ts';

export type UnitRole =
  | 'chrome'
  | 'cut'
  | 'rail'
  | 'endnotes-heading'
  | 'byline'
  | 'dateline'
  | 'bio'
  | 'prose'
  | 'short'
  | 'heading';

export interface Unit {
  lines: Line[];
  block: Block;
  text: string;
  role: UnitRole;
  /** Which rule gave the role (for debugging and tests). */
  rule: string;
  words: number;
  listItem: boolean;
  /** The rule's match, for the roles that read its groups (byline, dateline, bio). */
  match: RegExpExecArray | undefined;
}

export interface Kept {
  lines: Line[];
  kind: ParagraphKind;
  text: string;
}

export interface Structure {
  kept: Kept[];
  title: Unit | null;
  bylines: Unit[];
  datelines: Unit[];
  /** Datelines found after the body started (dropped from the text; used when the head states no date). */
  tailDatelines: Unit[];
  bios: Unit[];
  chrome: Unit[];
  /** Number of prose units found in the body. */
  prose: number;
}

/** Ends like a sentence: . ! ? … optionally followed by quotes, brackets, footnote markers. */
const SENTENCE_END = /[.!?…](?:["'”’)\]]|\^\{[ivxlc\d]+\}|[¹²³⁴⁵⁶⁷⁸⁹⁰ⁱᵛˣ]+|\[\d+\])*$/u;
const FOLDED_BREAK = /[.!?…:;]["'”’)\]]*$/u;

/** One person's name on a line of its own: two to four capitalised words. */
const NAME_LINE = /^\p{Lu}[\p{L}.’'-]+(?:\s+\p{Lu}[\p{L}.’'-]*){1,3}$/u;
/** Words that make a capitalised line a title, a masthead or a label rather than a person's name. */
const NOT_NAME_WORD = /\b(?:the|of|and|for|in|on|at|to|a|an|with|from|by|is|are|news|daily|weekly|times|post|journal|review|magazine|report|line|letter|notes?|dispatch|digest|world|politics|opinion|analysis|home|about|archive|subscribe|menu|search)\b/i;

const SPACE = /\s/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Number of whitespace-separated tokens with a letter or digit in them: what
 * `s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length` counts, in one pass without
 * building the tokens (it runs on every unit); ASCII is decided without a regex.
 */
export function wordCount(s: string): number {
  let words = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let space: boolean;
    let letterOrDigit: boolean;
    if (c < 128) {
      space = c === 32 || (c >= 9 && c <= 13);
      letterOrDigit = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
    } else {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      i += ch.length - 1;
      space = SPACE.test(ch);
      letterOrDigit = !space && LETTER_OR_DIGIT.test(ch);
    }
    if (space) {
      inToken = false;
      continue;
    }
    if (!inToken) (inToken = true), (counted = false);
    if (letterOrDigit && !counted) (words++, (counted = true));
  }
  return words;
}

export function isProseText(s: string): boolean {
  const w = wordCount(s);
  return (SENTENCE_END.test(s) && w >= 6) || w >= 20;
}

function startsLower(s: string): boolean {
  return /^[\p{Ll}]/u.test(s);
}

/**
 * The lines' texts joined by spaces. Not `map(…).join(' ')`: an array from `map` has another hidden
 * class when the caller runs optimised, which deoptimises the code reading it.
 */
function textOf(lines: readonly Line[]): string {
  const texts: string[] = [];
  for (const l of lines) texts.push(l.text);
  return texts.join(' ');
}

/** A unit of these lines, every field set (classify gives the role): one hidden class for all units. */
function newUnit(lines: Line[], block: Block, listItem: boolean): Unit {
  // One line: its own string, not an equal copy (the rule memo finds it by identity, without hashing it again).
  const text = lines.length === 1 ? lines[0]!.text : textOf(lines);
  return { lines, block, text, role: 'short', rule: '', words: wordCount(text), listItem, match: undefined };
}

/** Split a block into units: wrapped prose lines join, separate short lines stay apart. */
function unitsOf(block: Block, data: CompiledData): Unit[] {
  const listItem = block.type === 'list-item';
  if (block.type === 'heading' || listItem) return [newUnit(block.lines, block, listItem)];
  // A short block that reads as a byline across lines ("By\nJane Roe\nand\nJohn Doe").
  const whole = textOf(block.lines);
  // (Not the dated form: "By Jane Roe" + "Published on 3 May 2021" are two lines, a byline and a dateline.)
  const wholeHit = block.lines.length > 1 && whole.length <= 200 ? firstMatch(data.byline, whole) : null;
  if (wholeHit && wholeHit.id !== 'by-names-dated') return [newUnit(block.lines, block, listItem)];
  const units: Unit[] = [];
  let cur: Line[] = [];
  for (const line of block.lines) {
    const prev = cur[cur.length - 1];
    const widget = firstMatch(data.widget, line.text) || firstMatch(data.cut, line.text) || firstMatch(data.rail, line.text);
    if (widget) {
      if (cur.length) units.push(newUnit(cur, block, listItem));
      units.push(newUnit([line], block, listItem));
      cur = [];
      continue;
    }
    const continues =
      prev !== undefined &&
      !SENTENCE_END.test(prev.text) &&
      (startsLower(line.text) || /^[,;:)\]–—-]/.test(line.text) || (prev.text.length >= 50 && !firstMatch(data.widget, prev.text)));
    if (prev && !continues) {
      units.push(newUnit(cur, block, listItem));
      cur = [];
    }
    cur.push(line);
  }
  if (cur.length) units.push(newUnit(cur, block, listItem));
  return units;
}

function setRole(u: Unit, role: UnitRole, rule: string, m?: RegExpExecArray): void {
  u.role = role;
  u.rule = rule;
  if (m) u.match = m;
}

function classify(u: Unit, data: CompiledData): void {
  const t = u.text;
  let hit;
  if (u.words === 0 && !/\p{L}/u.test(t)) return setRole(u, 'chrome', 'no-words');
  if ((hit = firstMatch(data.endnotes, t))) return setRole(u, 'endnotes-heading', hit.id);
  if ((hit = firstMatch(data.cut, t))) return setRole(u, 'cut', hit.id);
  if ((hit = firstMatch(data.rail, t))) return setRole(u, 'rail', hit.id);
  if ((hit = firstMatch(data.widget, t))) return setRole(u, 'chrome', hit.id);
  if (t.length <= 200 && (hit = firstMatch(data.byline, t))) return setRole(u, 'byline', hit.id, hit.m);
  // A dateline must carry a month and a year ("Updated 2 hours ago" is a widget, not a date).
  if (t.length <= 120 && (hit = firstMatch(data.dateline, t)) && parseStatedDate(hit.m.groups?.['date'] ?? '', data)) return setRole(u, 'dateline', hit.id, hit.m);
  if (t.length <= 600 && (hit = firstMatch(data.bio, t))) return setRole(u, 'bio', hit.id, hit.m);
  if (u.block.type === 'heading') return setRole(u, 'heading', 'markdown-heading');
  if (isProseText(t)) return setRole(u, 'prose', 'sentence');
  setRole(u, 'short', 'short-line');
}

function isTitleLike(u: Unit): boolean {
  return (
    (u.role === 'short' || u.role === 'heading') &&
    !u.listItem &&
    u.words >= 2 &&
    u.words <= 30 &&
    !/[.,;]$/.test(u.text) &&
    /^[\p{Lu}\p{N}"“‘'¿¡]/u.test(u.text)
  );
}

function isHeadingLike(u: Unit): boolean {
  return (u.role === 'short' || u.role === 'heading') && !u.listItem && u.words >= 1 && u.words <= 16 && /^[\p{Lu}\p{N}"“‘']/u.test(u.text) && !/[,;]$/.test(u.text);
}

const isBodyProse = (u: Unit): boolean => u.role === 'prose' && !u.listItem;

export function analyseStructure(blocks: Block[], data: CompiledData): Structure {
  const units = joinedUnits(blocks, data);
  for (const u of units) classify(u, data);
  demoteBodyMonthLines(units);
  namesAboveDatelines(units);
  boxesAndAuthorLabels(units, data);
  // A very short text ("Talks collapsed on Friday.") has sentences even if none is long: promote them.
  if (!units.some(isBodyProse)) {
    for (const u of units) if (u.role === 'short' && !u.listItem && u.words >= 3 && SENTENCE_END.test(u.text)) (u.role = 'prose'), (u.rule = 'short-sentence');
  }
  const proseIdx: number[] = [];
  for (let i = 0; i < units.length; i++) if (isBodyProse(units[i]!)) proseIdx.push(i);
  if (proseIdx.length === 0) return { kept: [], title: null, bylines: [], datelines: [], tailDatelines: [], bios: [], chrome: [], prose: 0 };
  const head = findHead(units, proseIdx);
  const s: Structure = { kept: [], title: head.title >= 0 ? units[head.title]! : null, bylines: [], datelines: [], tailDatelines: [], bios: [], chrome: [], prose: 0 };
  keepHead(units, head, s);
  const body = withoutMenus(bodyParts(units, head.bodyStart, s), s);
  // Trailing short list items / headings after the last prose paragraph (outside endnotes) are chrome.
  let last = body.length - 1;
  while (last >= 0 && body[last]!.kind !== 'endnote' && body[last]!.u.role !== 'prose') {
    s.chrome.push(body[last]!.u);
    last--;
  }
  body.length = last + 1;
  keepBody(body, s);
  return s;
}

/** The blocks' units, with paragraphs broken by a blank line mid-sentence repaired before classifying, so both halves count as one. */
function joinedUnits(blocks: Block[], data: CompiledData): Unit[] {
  const units: Unit[] = [];
  for (const u of blocks.flatMap((b) => unitsOf(b, data))) {
    const prev = units[units.length - 1];
    if (prev && isPlain(prev) && isPlain(u) && prev.block !== u.block && prev.words >= 4 && startsLower(u.text) && !FOLDED_BREAK.test(prev.text)) {
      if (!chromeLike(prev, data) && !chromeLike(u, data)) {
        prev.lines = [...prev.lines, ...u.lines];
        prev.text = `${prev.text} ${u.text}`;
        prev.words += u.words;
        continue;
      }
    }
    units.push(u);
  }
  return units;
}

const isPlain = (u: Unit): boolean => !u.listItem && u.block.type !== 'heading';

function chromeLike(u: Unit, data: CompiledData): boolean {
  return Boolean(firstMatch(data.widget, u.text) || firstMatch(data.cut, u.text) || firstMatch(data.rail, u.text));
}

/**
 * A month-only date line ("April 2023") states the date only in the head: before the first paragraph of
 * running text, or right under a byline. Further down it is a section heading (timelines, diaries).
 */
function demoteBodyMonthLines(units: Unit[]): void {
  let proseSeen = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (isBodyProse(u)) proseSeen++;
    else if (u.role === 'dateline' && u.rule === 'month-year-line' && proseSeen > 0 && units[i - 1]?.role !== 'byline') {
      u.role = u.block.type === 'heading' ? 'heading' : 'short';
      u.rule = 'month-line-in-body';
    }
  }
}

/**
 * A name on a line of its own right above a date line, with no byline near, is the byline
 * (newsletter and blog templates print "Jane Roe" / "Mar 3, 2024 · 7 min read" without "By").
 */
function namesAboveDatelines(units: Unit[]): void {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const next = units[i + 1];
    if (u.role !== 'short' || u.listItem || u.block.type === 'heading' || next?.role !== 'dateline') continue;
    if (!NAME_LINE.test(u.text) || u.words < 2 || u.words > 3 || NOT_NAME_WORD.test(u.text)) continue;
    if (units.slice(Math.max(0, i - 3), i + 3).some((x) => x.role === 'byline')) continue;
    if (!units.slice(0, i).some((x) => isTitleLike(x) && x.words >= 3)) continue;
    u.role = 'byline';
    u.rule = 'name-above-dateline';
  }
}

/**
 * Boxes beside the article: the label and the paragraph after it are chrome.
 * An author label: the name lines after it are a byline.
 */
function boxesAndAuthorLabels(units: Unit[], data: CompiledData): void {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.role !== 'short' || u.words > 4) continue;
    if (firstMatch(data.box, u.text)) {
      u.role = 'chrome';
      u.rule = 'box-label';
      const next = units[i + 1];
      if (next && !next.listItem && next.block.type !== 'heading') (next.role = 'chrome'), (next.rule = 'box-content');
    } else if (firstMatch(data.authorLabel, u.text)) {
      u.role = 'chrome';
      u.rule = 'author-label';
      for (let j = i + 1; j < units.length && NAME_LINE.test(units[j]!.text); j++) (units[j]!.role = 'byline'), (units[j]!.rule = 'author-label-name');
    }
  }
}

/** The first index in [from, to) whose unit passes, or -1. */
function indexWhere(units: readonly Unit[], pred: (u: Unit) => boolean, from = 0, to = units.length): number {
  for (let i = from; i < to; i++) if (pred(units[i]!)) return i;
  return -1;
}

/** The last title-like unit of at least minWords words in [to, from), searching back from `from`; -1 if none. */
function lastTitleLike(units: readonly Unit[], from: number, to: number, minWords: number): number {
  for (let i = from - 1; i >= to; i--) if (isTitleLike(units[i]!) && units[i]!.words >= minWords) return i;
  return -1;
}

/** Where the head ends and the body starts, the title and the deks. */
interface Head {
  bodyStart: number;
  /** The last byline or dateline of the head, -1 if none. */
  lastMarker: number;
  /** The title's index, -1 if none. */
  title: number;
  deks: Unit[];
}

function findHead(units: readonly Unit[], proseIdx: readonly number[]): Head {
  // The head ends at the last byline/dateline that comes before the third prose unit.
  const headLimit = proseIdx[2] ?? units.length;
  let lastMarker = -1;
  for (let i = 0; i < headLimit; i++) if (units[i]!.role === 'byline' || units[i]!.role === 'dateline') lastMarker = i;
  let bodyStart = indexWhere(units, isBodyProse, lastMarker + 1);
  if (bodyStart < 0) bodyStart = proseIdx[0]!;
  const deks = units.slice(0, Math.max(lastMarker, 0)).filter((u, i) => i < bodyStart && isBodyProse(u));
  const title = findTitle(units, deks, bodyStart);
  // A heading directly before the body (no dropped line between) opens the body.
  const before = units[bodyStart - 1];
  if (before && bodyStart - 1 !== title && bodyStart - 1 > lastMarker && before.block.lines.length === 1 && isHeadingLike(before)) bodyStart--;
  return { bodyStart, lastMarker, title, deks };
}

/**
 * The title: a level-1 markdown heading in the head, else the last title-like line before the
 * dek/byline/body; -1 if none. A dek found after the title is added to `deks`.
 */
function findTitle(units: readonly Unit[], deks: Unit[], bodyStart: number): number {
  // The title stands before the dek or byline; a date line can sit above the title (reports print
  // "April 2023" under the series line), so it bounds the search only when there is no byline or dek.
  let firstHeadThing = indexWhere(units, (u) => u.role === 'byline' || deks.includes(u));
  if (firstHeadThing < 0 || firstHeadThing >= bodyStart) firstHeadThing = indexWhere(units, (u) => u.role === 'dateline');
  const titleLimit = firstHeadThing >= 0 && firstHeadThing < bodyStart ? firstHeadThing : bodyStart;
  let titleI = indexWhere(units, (u) => u.block.type === 'heading' && u.block.depth === 1, 0, bodyStart);
  // Prefer three words or more (section labels like "Opinion" or "World News" are shorter);
  // a title placed after the byline/dateline is looked for last.
  if (titleI < 0) {
    titleI = lastTitleLike(units, titleLimit, 0, 3);
    // Title, then a dek without a full stop: two headline-like lines in a row before the byline. The
    // dek is the longer, second one (a kicker or section label before a title is shorter than it).
    const prev = units[titleI - 1];
    const cand = units[titleI];
    if (cand && prev && titleI === titleLimit - 1 && isTitleLike(prev) && prev.words >= 4 && cand.words >= 8 && cand.words > prev.words && prev.block.type === cand.block.type) {
      deks.push(cand);
      titleI--;
    }
  }
  if (titleI < 0) titleI = lastTitleLike(units, titleLimit, 0, 2);
  if (titleI < 0 && titleLimit < bodyStart) titleI = lastTitleLike(units, bodyStart, titleLimit + 1, 3);
  return titleI;
}

function keep(s: Structure, u: Unit, kind: ParagraphKind): void {
  s.kept.push({ lines: u.lines, kind, text: u.text });
}

/**
 * Head: only title, dek, byline, dateline survive. A date line above the title is dropped when the
 * title has its own date below it (nav bars print today's date above the headline).
 */
function keepHead(units: readonly Unit[], head: Head, s: Structure): void {
  const { bodyStart, title: titleI, deks } = head;
  const datedBelowTitle =
    titleI >= 0 && units.slice(titleI + 1, bodyStart).some((u) => (u.role === 'dateline' && u.rule !== 'updated-on') || (u.role === 'byline' && u.match?.groups?.['date'] !== undefined));
  for (let i = 0; i < bodyStart; i++) {
    const u = units[i]!;
    if (i === titleI) keep(s, u, 'title');
    else if (u.role === 'dateline' && i < titleI && datedBelowTitle) (u.rule = 'date-above-title'), s.chrome.push(u);
    else if (u.role === 'byline') (keep(s, u, 'byline'), s.bylines.push(u));
    else if (u.role === 'dateline') (keep(s, u, 'dateline'), s.datelines.push(u));
    else if (deks.includes(u)) keep(s, u, 'subtitle');
    else s.chrome.push(u);
  }
}

/** A body unit and the kind of paragraph it would make. */
interface BodyPart {
  u: Unit;
  kind: ParagraphKind;
}

/**
 * In a rail, a one-line question or exclamation ("Can the Grid Survive the Winter?") is a linked headline,
 * not the body coming back, unless running text follows it.
 */
function railHeadline(units: readonly Unit[], i: number): boolean {
  const u = units[i]!;
  const next = units[i + 1];
  return u.lines.length === 1 && u.words <= 14 && /[?!]["”’]?$/u.test(u.text) && !(next && isBodyProse(next));
}

/** Body: up to a cut marker; an endnotes section after it (or inside) is kept. What is not kept goes to the structure's chrome, bios, tail datelines. */
function bodyParts(units: readonly Unit[], bodyStart: number, s: Structure): BodyPart[] {
  let mode: 'body' | 'rail' | 'endnotes' | 'cut' = 'body';
  const body: BodyPart[] = [];
  for (let i = bodyStart; i < units.length; i++) {
    const u = units[i]!;
    if (u.role === 'endnotes-heading' && (mode !== 'cut' || indexWhere(units, (x) => x.listItem || x.role === 'prose', i + 1, i + 3) >= 0)) {
      mode = 'endnotes';
      body.push({ u, kind: 'heading' });
      continue;
    }
    if (u.role === 'cut') {
      mode = 'cut';
      s.chrome.push(u);
      continue;
    }
    if (mode === 'cut') {
      if (u.role === 'bio') s.bios.push(u);
      s.chrome.push(u);
      continue;
    }
    if (u.role === 'rail') {
      mode = mode === 'endnotes' ? 'endnotes' : 'rail';
      s.chrome.push(u);
      continue;
    }
    if (mode === 'rail') {
      if (isBodyProse(u) && !railHeadline(units, i)) mode = 'body';
      else {
        s.chrome.push(u);
        continue;
      }
    }
    if (u.role === 'chrome') {
      s.chrome.push(u);
      continue;
    }
    if (u.role === 'bio') {
      s.bios.push(u);
      continue;
    }
    if (mode === 'endnotes') {
      body.push({ u, kind: 'endnote' });
      continue;
    }
    if (u.role === 'byline' || u.role === 'dateline') {
      // A dateline under the body ("Published 3 May 2021" at the foot) still states the date.
      if (u.role === 'dateline') s.tailDatelines.push(u);
      s.chrome.push(u);
      continue;
    }
    if (u.listItem) body.push({ u, kind: 'list-item' });
    else if (u.block.type === 'blockquote') body.push({ u, kind: 'blockquote' });
    else if (u.role === 'prose') body.push({ u, kind: 'paragraph' });
    else body.push({ u, kind: 'heading' });
  }
  return body;
}

/** Headings must introduce text: runs of 3+ short lines are menus; short lines with no prose after them are chrome. */
function withoutMenus(body: readonly BodyPart[], s: Structure): BodyPart[] {
  const out: BodyPart[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b.kind !== 'heading' || b.u.role === 'endnotes-heading') {
      out.push(b);
      continue;
    }
    let j = i;
    while (j < body.length && body[j]!.kind === 'heading' && body[j]!.u.role !== 'endnotes-heading') j++;
    const run = j - i;
    const next = body[j];
    const introduces = next !== undefined && next.kind !== 'heading';
    if (run <= 2 && introduces) for (let k = i; k < j; k++) {
      const h = body[k]!;
      if (isHeadingLike(h.u) || h.u.role === 'heading') out.push(h);
      else s.chrome.push(h.u);
    }
    else for (let k = i; k < j; k++) s.chrome.push(body[k]!.u);
    i = j - 1;
  }
  return out;
}

/** Keep the body, repairing broken paragraphs: a paragraph that does not end a sentence, followed by one starting lower-case. */
function keepBody(body: readonly BodyPart[], s: Structure): void {
  const kept = s.kept;
  for (const b of body) {
    const prev = kept[kept.length - 1];
    if (prev && b.kind === 'paragraph' && (prev.kind === 'paragraph' || prev.kind === 'list-item') && !FOLDED_BREAK.test(prev.text) && startsLower(b.u.text)) {
      prev.lines = [...prev.lines, ...b.u.lines];
      prev.text = `${prev.text} ${b.u.text}`;
      continue;
    }
    keep(s, b.u, b.kind);
    if (b.u.role === 'prose') s.prose++;
  }
}
