import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { describe, expect, it } from 'vitest';
import { WINK_PIPE, analyse, sentenceAt, splitPossessives, type Token } from '../../pipeline/adapters/wink.ts';

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
    const r = splitPossessives([t('Russia’s', 'PROPN'), t('It’s', 'PROPN', 9), t('Belarus’', 'PROPN', 14)]);
    expect(r.tokens.map((x) => x.text)).toEqual(['Russia', '’s', 'It’s', 'Belarus', '’']);
    expect(r.first).toEqual([0, 2, 3]);
    expect(r.after).toEqual([2, 3, 5]);
    expect(r.tokens[1]).toMatchObject({ start: 6, end: 8, pos: 'PART' });
  });

  it('reads with a lean pipeline that gives what the default one gives on everything the adapter uses', () => {
    const full = winkNLP(model);
    const lean = winkNLP(model, WINK_PIPE);
    const read = (nlp: ReturnType<typeof winkNLP>, text: string): unknown => {
      const its = nlp.its;
      const d = nlp.readDoc(text);
      const t = d.tokens();
      return [t.out(its.value), t.out(its.precedingSpaces), t.out(its.pos), t.out(its.lemma as never), t.out(its.type), t.out(its.negationFlag), d.sentences().out(its.span), d.entities().out(its.detail)];
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
