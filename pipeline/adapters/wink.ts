/**
 * The one place wink-nlp is touched. wink gives token indices, not character
 * offsets; this adapter walks the token values through the text, past wink's
 * spaces, to compute [start, end) UTF-16 offsets once, and hands the rest of
 * the pipeline plain arrays. No wink object leaves this file.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Span } from '../core/schema.ts';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Universal POS tag from wink (PROPN, VERB, NUM, …). */
  pos: string;
  lemma: string;
  /** wink's token type: word, number, punctuation, email, … */
  kind: string;
  /** Negation flag wink sets on tokens governed by "not", "never", … */
  negated: boolean;
}

export interface Sentence extends Span {
  /** Index of the first and one past the last token in `tokens`. */
  tokenStart: number;
  tokenEnd: number;
}

export interface WinkEntity extends Span {
  /** DATE, DURATION, TIME, MONEY, PERCENT, CARDINAL, ORDINAL, … */
  type: string;
  text: string;
  tokenStart: number;
  tokenEnd: number;
}

export interface NlpLayer {
  tokens: Token[];
  sentences: Sentence[];
  entities: WinkEntity[];
}

let nlp: ReturnType<typeof winkNLP> | undefined;

/**
 * wink's pipeline without what no stage reads: sentiment scoring and custom
 * entities. Tokens, POS, lemmas, negation, sentences and entities come out the
 * same as with the default pipeline (test/adapters/wink.test.ts); readDoc is
 * about 10-15% cheaper.
 */
export const WINK_PIPE = ['sbd', 'negation', 'pos', 'ner'];

function engine(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model, WINK_PIPE);
  return nlp;
}

/** wink's space characters: the runs it splits text on and counts as a token's preceding spaces (tokenizer.js rgxSplitter). */
function isWinkSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f;
}

/**
 * Tokens, sentences, POS and wink's entities for `text`, with character offsets.
 * One `out()` per token property (the cheapest way wink's API gives them), and
 * one loop that places each token, splits possessives and records where each
 * wink token went, so sentences and entities map through an index array.
 */
export function analyse(text: string): NlpLayer {
  const n = engine();
  const its = n.its;
  const doc = n.readDoc(text);
  const tokensCol = doc.tokens();
  const values = tokensCol.out(its.value) as string[];
  const pos = tokensCol.out(its.pos) as string[];
  // The lite model's lemma typing is narrower than its runtime; the cast is local to this adapter.
  const lemmas = tokensCol.out(its.lemma as never) as unknown as string[];
  const kinds = tokensCol.out(its.type) as string[];
  const negs = tokensCol.out(its.negationFlag) as unknown as boolean[];

  const count = values.length;
  const tokens: Token[] = [];
  // first[i]: index in `tokens` of wink token i's first piece; first[i + 1] is one past its last.
  const first: number[] = new Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const value = values[i]!;
    // wink splits the text on runs of its space characters and keeps everything else in
    // tokens, so skipping them lands where its.precedingSpaces would, without a pass that
    // builds those strings (wink caps their count at 65,534; startsWith recovers from that).
    while (at < text.length && isWinkSpace(text.charCodeAt(at))) at++;
    // wink keeps the original characters; if that ever changes, find the token rather than mis-place it.
    if (text.startsWith(value, at) === false) {
      const found = text.indexOf(value, at);
      if (found >= 0) at = found;
    }
    const token: Token = {
      start: at,
      end: at + value.length,
      text: value,
      pos: pos[i] ?? 'X',
      lemma: lemmas[i] ?? value.toLowerCase(),
      kind: kinds[i] ?? 'word',
      negated: Boolean(negs[i]),
    };
    first[i] = tokens.length;
    // wink caches the tokenisation of words it first met before a right
    // punctuation ("… that of Russia’s."), and afterwards returns "Russia’s" as
    // one token everywhere, so the same sentence tokenises differently depending
    // on what was read before. Splitting possessive clitics here makes our tokens
    // a function of the text alone (stages must be pure; see test/adapters).
    if (!pushPossessive(tokens, token)) tokens.push(token);
    at += value.length;
  }
  first[count] = tokens.length;

  // wink gives [first, last] token indices, last included; a sentence starts and ends on text
  // (wink keeps line breaks as tokens), an entity is kept as wink spans it.
  const sentences: Sentence[] = [];
  const sentenceSpans = doc.sentences().out(its.span) as unknown as [number, number][];
  for (let k = 0; k < sentenceSpans.length; k++) {
    let a = sentenceSpans[k]![0];
    let b = sentenceSpans[k]![1];
    while (a < b && a < count && /^\s*$/.test(values[a]!)) a++;
    while (b > a && b < count && /^\s*$/.test(values[b]!)) b--;
    if (a >= count || b >= count || /^\s*$/.test(values[a]!)) continue;
    sentences.push({ start: tokens[first[a]!]!.start, end: tokens[first[b + 1]! - 1]!.end, tokenStart: first[a]!, tokenEnd: first[b + 1]! });
  }

  const entities: WinkEntity[] = [];
  const entitySpans = doc.entities().out(its.span) as unknown as [number, number][];
  const entityTypes = doc.entities().out(its.type) as string[];
  for (let k = 0; k < entitySpans.length; k++) {
    const a = entitySpans[k]![0];
    const b = entitySpans[k]![1];
    if (a >= count || b >= count) continue;
    const start = tokens[first[a]!]!.start;
    const end = tokens[first[b + 1]! - 1]!.end;
    entities.push({ start, end, type: entityTypes[k]!, text: text.slice(start, end), tokenStart: first[a]!, tokenEnd: first[b + 1]! });
  }

  return { tokens, sentences, entities };
}

/** Words that take "’s" as a verb ("It’s", "That’s"), which must not be split as possessives. */
const CLITIC_HOSTS = new Set(['it', 'he', 'she', 'that', 'there', 'what', 'who', 'here', 'let', 'where', 'how', 'this']);
const POSSESSIVE = /^(\p{L}[\p{L}\p{M}.-]*?)(['’]s?)$/u;

/** What POSSESSIVE needs at the end ("’", "'", "’s", "'s"): tested first, as the Unicode regex on every token would cost more than the rest of the split. */
function endsInClitic(w: string): boolean {
  const last = w.charCodeAt(w.length - 1);
  if (last === 0x27 || last === 0x2019) return true;
  if (last !== 0x73) return false; // "s"
  const before = w.charCodeAt(w.length - 2);
  return before === 0x27 || before === 0x2019;
}

/**
 * Push "Russia’s" as "Russia" + "’s" (or "Belarus’" as "Belarus" + "’") onto
 * `out`, where wink returned it whole; false, pushing nothing, when `t` is not
 * a possessive name or noun.
 */
export function pushPossessive(out: Token[], t: Token): boolean {
  if (t.text.length <= 2 || !endsInClitic(t.text)) return false;
  const m = POSSESSIVE.exec(t.text);
  const host = m?.[1];
  const clitic = m?.[2];
  if (!host || !clitic || !/^\p{Lu}/u.test(host) || CLITIC_HOSTS.has(host.toLowerCase()) || (t.pos !== 'PROPN' && t.pos !== 'NOUN' && t.pos !== 'X')) return false;
  const cut = t.start + host.length;
  // Every field written out, in the order analyse() writes them: a spread copy gets another
  // hidden class, and the stages reading tokens then deoptimise on it ("wrong map").
  out.push({ start: t.start, end: cut, text: host, pos: 'PROPN', lemma: host, kind: t.kind, negated: t.negated });
  // The same pieces fresh wink gives: "’s" is a PART word, a bare "’" is punctuation.
  const s = clitic.length > 1;
  out.push({ start: cut, end: t.end, text: clitic, pos: s ? 'PART' : 'PUNCT', lemma: clitic, kind: s ? 'word' : 'punctuation', negated: t.negated });
  return true;
}

const layers = new WeakMap<object, { text: string; layer: NlpLayer }>();

/** analyse(), memoised per owner object (a Doc) and text, so stages share one pass. */
export function nlpOf(owner: { text: string }): NlpLayer {
  const hit = layers.get(owner);
  if (hit && hit.text === owner.text) return hit.layer;
  const layer = analyse(owner.text);
  layers.set(owner, { text: owner.text, layer });
  return layer;
}

/** Index of the sentence containing offset `pos` (binary search), or -1. */
export function sentenceAt(layer: NlpLayer, pos: number): number {
  let lo = 0;
  let hi = layer.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = layer.sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
