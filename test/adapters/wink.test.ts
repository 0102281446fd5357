import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { describe, expect, it } from 'vitest';
import { WINK_PIPE, analyse, pushPossessive, sentenceAt, type Token } from '../../pipeline/adapters/wink.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const words = (text: string): string[] => analyse(text).tokens.map((t) => t.text);

describe('wink adapter', () => {
  it('gives character offsets that slice back to each token', () => {
    const text = 'Minsk’s  reply came on  Friday.\nThe Kremlin said nothing.';
    const layer = analyse(text);
    for (const t of layer.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(layer.sentences.length).toBe(2);
    const second = layer.sentences[1]!;
    expect(text.slice(second.start, second.end)).toBe('The Kremlin said nothing.');
    expect(sentenceAt(layer, text.indexOf('Kremlin'))).toBe(1);
  });

  it('tokenises a sentence the same whatever was read before (wink caches words seen before punctuation)', () => {
    const probe = 'The treaty kept Norway’s fleet within Norway’s waters.';
    const before = words(probe);
    analyse('They spoke of the interests of Norway’s. And of Canada’s.');
    expect(words(probe)).toEqual(before);
    expect(before).toContain('Norway');
    expect(before).toContain('’s');
  });

  it('splits possessive clitics off names but not verb clitics off pronouns', () => {
    const t = (text: string, pos: string, start = 0): Token => ({ start, end: start + text.length, text, pos, lemma: text, kind: 'word', negated: false });
    const out: Token[] = [];
    for (const token of [t('Russia’s', 'PROPN'), t('It’s', 'PROPN', 9), t('Belarus’', 'PROPN', 14)]) if (!pushPossessive(out, token)) out.push(token);
    expect(out.map((x) => x.text)).toEqual(['Russia', '’s', 'It’s', 'Belarus', '’']);
    expect(out[1]).toMatchObject({ start: 6, end: 8, pos: 'PART', kind: 'word' });
    expect(out[4]).toMatchObject({ start: 21, end: 22, pos: 'PUNCT', kind: 'punctuation' });
  });

  it('maps sentences and entities onto the split tokens, around spaces and line breaks', () => {
    // Read first, so that wink returns "Canada’s" whole below and the adapter splits it.
    analyse('They spoke of the interests of Canada’s.');
    const text = 'Canada’s  minister\u00a0spoke on Friday.\n\nThe talks ended.  \nThey resume in March 2024';
    const layer = analyse(text);
    expect(layer.tokens.map((t) => [t.text, t.start, t.end])).toEqual([
      ['Canada', 0, 6], ['’s', 6, 8], ['minister', 10, 18], ['spoke', 19, 24], ['on', 25, 27], ['Friday', 28, 34], ['.', 34, 35],
      ['\n\n', 35, 37], ['The', 37, 40], ['talks', 41, 46], ['ended', 47, 52], ['.', 52, 53],
      ['\n', 55, 56], ['They', 56, 60], ['resume', 61, 67], ['in', 68, 70], ['March', 71, 76], ['2024', 77, 81],
    ]);
    expect(layer.tokens[0]).toMatchObject({ pos: 'PROPN', lemma: 'Canada', kind: 'word' });
    expect(layer.tokens[1]).toMatchObject({ pos: 'PART', lemma: '’s', kind: 'word' });
    expect(layer.tokens[3]).toMatchObject({ pos: 'VERB', lemma: 'speak' });
    // A sentence starts and ends on text: the line breaks between them belong to none.
    expect(layer.sentences).toEqual([
      { start: 0, end: 35, tokenStart: 0, tokenEnd: 7 },
      { start: 37, end: 53, tokenStart: 8, tokenEnd: 12 },
      { start: 56, end: 81, tokenStart: 13, tokenEnd: 18 },
    ]);
    expect(layer.entities).toEqual([
      { start: 28, end: 34, type: 'DATE', text: 'Friday', tokenStart: 5, tokenEnd: 6 },
      { start: 71, end: 81, type: 'DATE', text: 'March 2024', tokenStart: 16, tokenEnd: 18 },
    ]);
  });

  it('reads with a lean pipeline that gives what the default one gives on everything the adapter uses', () => {
    const full = winkNLP(model);
    const lean = winkNLP(model, WINK_PIPE);
    const read = (nlp: ReturnType<typeof winkNLP>, text: string): unknown => {
      const its = nlp.its;
      const d = nlp.readDoc(text);
      const t = d.tokens();
      return [t.out(its.value), t.out(its.pos), t.out(its.lemma as never), t.out(its.type), t.out(its.negationFlag), d.sentences().out(its.span), d.entities().out(its.span), d.entities().out(its.type)];
    };
    const texts = ['corpus', path.join('test', 'fixtures', 'unseen')].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(path.join(ROOT, dir, f), 'utf8')),
    );
    texts.push("He didn't say it wasn't $5 million on Friday, March 3, 2020 at 5 p.m. — 12% of it.");
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) expect(read(lean, text)).toEqual(read(full, text));
  });
});
