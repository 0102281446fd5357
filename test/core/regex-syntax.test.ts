/**
 * The shared reader of regex syntax (core/regex-syntax.ts, on regexpp) that the
 * dates, normalise and claims prefilters walk: it must accept what Node accepts,
 * and its views of an atom must agree with the engine (case folding, Unicode
 * escapes, property classes, the v flag's classes of strings).
 */
import { describe, expect, it } from 'vitest';
import { groupAlternatives, isOneCharacter, literalOf, oneCharacterRegex, parsePattern, reach, termOf, type AST } from '../../pipeline/core/regex-syntax.ts';

/** The first element of a pattern's first alternative. */
function first(source: string, flags = 'u'): AST.Element {
  const pattern = parsePattern(source, flags);
  if (!pattern) throw new Error(`${source} does not parse`);
  return pattern.alternatives[0]!.elements[0]!;
}

const atom = (source: string, flags = 'u'): AST.QuantifiableElement | AST.Assertion => termOf(first(source, flags)).atom;

describe('parsePattern', () => {
  it('accepts exactly the sources Node 20 accepts, under each flag', () => {
    const cases: [string, string][] = [
      ['(?<year>\\d{4})-\\k<year>', 'u'],
      ['(?<=\\s)a(?<!b)', 'u'],
      ['\\p{Lu}\\P{L}', 'u'],
      ['\\p{Foo}', 'u'],
      ['\\u{1F600}', 'u'],
      ['[\\p{L}--[a-z]]', 'v'],
      ['[\\q{abc}]', 'v'],
      // Inline modifiers and duplicate group names came after Node 20.
      ['(?i:a)b', ''],
      ['(?<a>x)|(?<a>y)', ''],
      // Annex B: looser without u.
      [']', ''],
      [']', 'u'],
      ['a{', ''],
      ['a{', 'u'],
      ['\\k', ''],
      ['\\-', 'u'],
      ['[\\-]', 'u'],
      ['a{2,1}', 'u'],
      ['(', ''],
    ];
    for (const [source, flags] of cases) {
      let accepted = true;
      try {
        new RegExp(source, flags);
      } catch {
        accepted = false;
      }
      expect(parsePattern(source, flags) !== null, `/${source}/${flags}`).toBe(accepted);
    }
  });

  it('reads quantifiers, lazy or not, as bounds', () => {
    expect(termOf(first('a{2,}?'))).toMatchObject({ min: 2, max: Infinity, quantified: true });
    expect(termOf(first('(?:ab)?'))).toMatchObject({ min: 0, max: 1, quantified: true });
    expect(termOf(first('a{1}'))).toMatchObject({ min: 1, max: 1, quantified: true });
    expect(termOf(first('a'))).toMatchObject({ min: 1, max: 1, quantified: false });
  });
});

describe('views of an atom', () => {
  it('gives the character of a literal, escaped or not', () => {
    expect(literalOf(atom('\\u{1F600}'))).toBe('\u{1F600}');
    expect(literalOf(atom('\\u00e9'))).toBe('é');
    expect(literalOf(atom('\\.'))).toBe('.');
    expect(literalOf(atom('\\x41'))).toBe('A');
    expect(literalOf(atom('\\cJ'))).toBe('\n');
    expect(literalOf(atom('\\d'))).toBeNull();
    // Without u, \u{…} is no code point escape.
    expect(literalOf(atom('\\u{1F600}', ''))).toBe('u');
  });

  it('gives the alternatives of groups, named or not, and not of lookarounds', () => {
    expect(groupAlternatives(atom('(?<year>19|20)\\d\\d'))?.map((a) => a.raw)).toEqual(['19', '20']);
    expect(groupAlternatives(atom('(?:a|b|)'))?.map((a) => a.raw)).toEqual(['a', 'b', '']);
    expect(groupAlternatives(atom('(?<=a|b)c'))).toBeNull();
    expect(atom('(?<!\\w)a').type).toBe('Assertion');
  });

  it('tells one-character atoms from the v flag classes that may match strings', () => {
    expect(isOneCharacter(atom('[^a-z]'))).toBe(true);
    expect(isOneCharacter(atom('\\p{L}'))).toBe(true);
    expect(isOneCharacter(atom('.'))).toBe(true);
    expect(isOneCharacter(atom('[\\p{L}--[a-z]]', 'v'))).toBe(false);
    expect(isOneCharacter(atom('[\\q{abc}]', 'v'))).toBe(false);
    expect(isOneCharacter(atom('\\p{RGI_Emoji}', 'v'))).toBe(false);
    expect(isOneCharacter(atom('(?:a)'))).toBe(false);
  });

  it('tests one character as the engine does, case folding included', () => {
    const k = atom('k', 'iu');
    if (!isOneCharacter(k)) throw new Error('k');
    expect(oneCharacterRegex(k, 'giu').test('\u212A')).toBe(true); // the Kelvin sign folds onto k under i and u
    expect(oneCharacterRegex(k, 'gi').test('\u212A')).toBe(false); // not without u
    expect(oneCharacterRegex(k, 'gi').test('K')).toBe(true);
    const w = atom('\\w', 'iu');
    if (!isOneCharacter(w)) throw new Error('\\w');
    expect(oneCharacterRegex(w, 'iu').test('ſ')).toBe(true);
    expect(oneCharacterRegex(w, 'u').test('ſ')).toBe(false);
    const astral = atom('[\\u{1F600}-\\u{1F64F}]');
    if (!isOneCharacter(astral)) throw new Error('astral');
    expect(oneCharacterRegex(astral, 'u').test('\u{1F610}')).toBe(true);
    expect(oneCharacterRegex(astral, 'u').test('a')).toBe(false);
  });

  it('says from the syntax whether an atom keeps to ASCII and to the BMP', () => {
    const of = (source: string) => {
      const a = atom(source);
      if (!isOneCharacter(a)) throw new Error(source);
      return reach(a);
    };
    expect(of('[a-z0-9]')).toEqual({ ascii: true, bmp: true });
    expect(of('[\\u0041-\\u005a\\d\\w]')).toEqual({ ascii: true, bmp: true });
    expect(of('\\s')).toEqual({ ascii: false, bmp: true });
    expect(of('[\\s\\u00a0]')).toEqual({ ascii: false, bmp: true });
    expect(of('é')).toEqual({ ascii: false, bmp: true });
    expect(of('\\u{1F600}')).toEqual({ ascii: false, bmp: false });
    expect(of('\\p{L}')).toEqual({ ascii: false, bmp: false });
    expect(of('[^a]')).toEqual({ ascii: false, bmp: false });
    expect(of('\\D')).toEqual({ ascii: false, bmp: false });
    expect(of('.')).toEqual({ ascii: false, bmp: false });
  });
});
