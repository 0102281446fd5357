/**
 * wink's tokenizer splits words at letters outside its Latin table: Romanian ș ț ă,
 * Turkish ş, so "Ceaușescu" comes out as "Ceau" "ș" "escu" and "Gavrilița" as
 * "Gavrili" "ț" "a". The actor passes need whole words, so pieces glued together
 * (no space between) that are letters on both sides of the join are merged back into
 * one token here, and sentence token ranges are remapped. Hand-written because wink
 * has no option for its letter class; only layers that hold a split word are copied.
 */
import type { NlpLayer, Sentence, Token } from '../../../adapters/wink.ts';

const LETTERS = /^[\p{L}\p{M}]+$/u;
const ASCII_LETTERS = /^[A-Za-z]+$/;

/** An ASCII character that is not a letter (most glued neighbours are punctuation: "word" + ","). */
function asciiNonLetter(c: number): boolean {
  return c < 128 && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122));
}

function joinable(a: Token, b: Token): boolean {
  if (a.end !== b.start) return false;
  // the regex tests below would fail on these anyway; this saves them on every "word," and "word."
  if (asciiNonLetter(b.text.charCodeAt(0)) || asciiNonLetter(a.text.charCodeAt(a.text.length - 1))) return false;
  if (!LETTERS.test(a.text) || !LETTERS.test(b.text)) return false;
  // two plain ASCII words glued together are wink's own split ("can" "not"): leave them
  return !(ASCII_LETTERS.test(a.text) && ASCII_LETTERS.test(b.text));
}

const memo = new WeakMap<NlpLayer, NlpLayer>();

/** The layer with split words joined (the same object when nothing was split). */
export function wholeWords(layer: NlpLayer): NlpLayer {
  const hit = memo.get(layer);
  if (hit) return hit;
  const { tokens } = layer;
  let any = false;
  for (let k = 1; k < tokens.length; k++) {
    if (tokens[k]!.start === tokens[k - 1]!.end && joinable(tokens[k - 1]!, tokens[k]!)) {
      any = true;
      break;
    }
  }
  if (!any) {
    memo.set(layer, layer);
    return layer;
  }
  // tokens, sentences and the layer are written out field by field, in wink.ts's order: a
  // spread copy would have another hidden class than the objects wink.ts makes
  const out: Token[] = [];
  const newIndex = new Int32Array(tokens.length + 1);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = out[out.length - 1];
    if (prev && k > 0 && joinable(tokens[k - 1]!, t) && prev.end === t.start) {
      // the merged word keeps the tag of its first real word piece: PROPN for "Ceau"+"ș"+"escu"
      const text = prev.text + t.text;
      const pos = /^\p{Lu}/u.test(text) && (prev.pos === 'PROPN' || t.pos === 'PROPN' || prev.kind === 'unk') ? 'PROPN' : prev.kind === 'word' ? prev.pos : t.pos;
      out[out.length - 1] = { start: prev.start, end: t.end, text, pos, lemma: prev.lemma + t.lemma, kind: 'word', negated: prev.negated };
      newIndex[k] = out.length - 1;
      continue;
    }
    newIndex[k] = out.length;
    out.push(t.kind === 'unk' && LETTERS.test(t.text) ? { start: t.start, end: t.end, text: t.text, pos: /^\p{Lu}/u.test(t.text) ? 'PROPN' : t.pos, lemma: t.lemma, kind: 'word', negated: t.negated } : t);
  }
  newIndex[tokens.length] = out.length;
  const sentences: Sentence[] = layer.sentences.map((s) => ({
    start: s.start,
    end: s.end,
    tokenStart: newIndex[s.tokenStart] ?? out.length,
    tokenEnd: s.tokenEnd >= tokens.length ? out.length : newIndex[s.tokenEnd]!,
  }));
  const result: NlpLayer = { tokens: out, sentences, entities: layer.entities };
  memo.set(layer, result);
  return result;
}
