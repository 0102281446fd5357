/**
 * The one place wink-nlp is touched. wink gives token indices, not character
 * offsets; this adapter walks precedingSpaces + value to compute [start, end)
 * UTF-16 offsets once, and hands the rest of the pipeline plain arrays. No
 * wink object leaves this file.
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

/** Tokens, sentences, POS and wink's entities for `text`, with character offsets. */
export function analyse(text: string): NlpLayer {
  const n = engine();
  const its = n.its;
  const doc = n.readDoc(text);
  const tokensCol = doc.tokens();
  const values = tokensCol.out(its.value) as string[];
  const spaces = tokensCol.out(its.precedingSpaces) as string[];
  const pos = tokensCol.out(its.pos) as string[];
  // The lite model's lemma typing is narrower than its runtime; the cast is local to this adapter.
  const lemmas = tokensCol.out(its.lemma as never) as unknown as string[];
  const kinds = tokensCol.out(its.type) as string[];
  const negs = tokensCol.out(its.negationFlag) as unknown as boolean[];

  const tokens: Token[] = new Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    at += spaces[i]!.length;
    // wink keeps the original characters; if that ever changes, find the token rather than mis-place it.
    if (text.startsWith(value, at) === false) {
      const found = text.indexOf(value, at);
      if (found >= 0) at = found;
    }
    tokens[i] = {
      start: at,
      end: at + value.length,
      text: value,
      pos: pos[i] ?? 'X',
      lemma: lemmas[i] ?? value.toLowerCase(),
      kind: kinds[i] ?? 'word',
      negated: Boolean(negs[i]),
    };
    at += value.length;
  }

  // wink caches the tokenisation of words it first met before a right
  // punctuation ("… that of Russia’s."), and afterwards returns "Russia’s" as
  // one token everywhere, so the same sentence tokenises differently depending
  // on what was read before. Splitting possessive clitics here makes our tokens
  // a function of the text alone (stages must be pure; see test/adapters).
  const { tokens: split, first, after } = splitPossessives(tokens);

  const sentences: Sentence[] = [];
  doc.sentences().each((s: { out: (f?: unknown) => unknown }) => {
    let [a, b] = s.out(its.span) as unknown as [number, number];
    // wink keeps line breaks as tokens; a sentence starts and ends on text.
    while (a < b && tokens[a] && /^\s*$/.test(tokens[a]!.text)) a++;
    while (b > a && tokens[b] && /^\s*$/.test(tokens[b]!.text)) b--;
    const ta = tokens[a];
    const tb = tokens[b];
    if (!ta || !tb || /^\s*$/.test(ta.text)) return;
    sentences.push({ start: ta.start, end: tb.end, tokenStart: first[a]!, tokenEnd: after[b]! });
  });

  const entities: WinkEntity[] = [];
  doc.entities().each((e: { out: (f?: unknown) => unknown }) => {
    const [a, b] = e.out(its.span) as unknown as [number, number];
    const ta = tokens[a];
    const tb = tokens[b];
    if (!ta || !tb) return;
    entities.push({
      start: ta.start,
      end: tb.end,
      type: e.out(its.type) as string,
      text: text.slice(ta.start, tb.end),
      tokenStart: first[a]!,
      tokenEnd: after[b]!,
    });
  });

  return { tokens: split, sentences, entities };
}

/** Words that take "’s" as a verb ("It’s", "That’s"), which must not be split as possessives. */
const CLITIC_HOSTS = new Set(['it', 'he', 'she', 'that', 'there', 'what', 'who', 'here', 'let', 'where', 'how', 'this']);
const POSSESSIVE = /^(\p{L}[\p{L}\p{M}.-]*?)(['’]s?)$/u;

/** What POSSESSIVE needs at the end ("’", "'", "’s", "'s"): tested first, since the Unicode regex per token is the adapter's largest own cost. */
function endsInClitic(w: string): boolean {
  const last = w.charCodeAt(w.length - 1);
  if (last === 0x27 || last === 0x2019) return true;
  if (last !== 0x73) return false; // "s"
  const before = w.charCodeAt(w.length - 2);
  return before === 0x27 || before === 0x2019;
}

/**
 * Split "Russia’s" into "Russia" + "’s" (and "Belarus’" into "Belarus" + "’")
 * where wink returned them whole; returns the new tokens and, for each old
 * token index, the new index of its first piece and one past its last.
 */
export function splitPossessives(tokens: readonly Token[]): { tokens: Token[]; first: number[]; after: number[] } {
  const out: Token[] = [];
  const first: number[] = new Array(tokens.length);
  const after: number[] = new Array(tokens.length);
  tokens.forEach((t, i) => {
    first[i] = out.length;
    const m = t.text.length > 2 && endsInClitic(t.text) ? POSSESSIVE.exec(t.text) : null;
    const host = m?.[1];
    const clitic = m?.[2];
    if (host && clitic && /^\p{Lu}/u.test(host) && !CLITIC_HOSTS.has(host.toLowerCase()) && (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'X')) {
      const cut = t.start + host.length;
      // Every field written out, in the order analyse() writes them: a spread copy gets another
      // hidden class, and the stages reading tokens then deoptimise on it ("wrong map").
      out.push({ start: t.start, end: cut, text: host, pos: 'PROPN', lemma: host, kind: t.kind, negated: t.negated });
      // The same pieces fresh wink gives: "’s" is a PART word, a bare "’" is punctuation.
      const s = clitic.length > 1;
      out.push({ start: cut, end: t.end, text: clitic, pos: s ? 'PART' : 'PUNCT', lemma: clitic, kind: s ? 'word' : 'punctuation', negated: t.negated });
    } else {
      out.push(t);
    }
    after[i] = out.length;
  });
  return { tokens: out, first, after };
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
