/**
 * The literal prefilters read rule regexes through core/regex-syntax.ts (regexpp):
 * named groups, lookbehinds, code point and control escapes and property classes
 * give the literals they stand for, or none, and the filters keep the rule's case folding.
 */
import { describe, expect, it } from 'vitest';
import { literalFilter, requiredLiterals, requiredPrefixes } from '../../pipeline/normalise/lib/literals.ts';

describe('literal prefilters of regexes beyond plain text', () => {
  it('read through named groups and lookbehinds, and escapes as their characters', () => {
    expect(requiredLiterals('(?<src>reuters|afp)\\s+staff')).toEqual(['staff']);
    expect(requiredLiterals('(?<=\\s)caf\\u{e9} au lait')).toEqual(['café au lait']);
    expect(requiredLiterals('(?<!\\p{L})\\x41P\\cJ')).toEqual(['AP\n']);
    expect(requiredPrefixes('^(?<label>photo|image)s?:')).toEqual(['photo', 'image']);
    expect(requiredPrefixes('^(?<=x)(?:\\u{1F4F7}|photo) by')).toEqual(['\u{1F4F7}', 'photo']);
  });

  it('take nothing from property classes and back-references', () => {
    expect(requiredLiterals('\\p{Lu}\\p{Ll}+ said')).toEqual([' said']);
    expect(requiredLiterals('(?<w>\\p{L}+)\\k<w>')).toBeNull();
    expect(requiredPrefixes('^\\P{L}reporting')).toBeNull();
  });

  it('keep the rule regex case folding and code points', () => {
    const f = literalFilter(/(?<![\p{L}])\u{C9}DITORIAL by\b/iu);
    expect(f?.source).toBe('ÉDITORIAL by');
    expect(f?.test('éditorial BY')).toBe(true);
    expect(literalFilter(/\bthe \u{1F4F0} desk\b/iu)?.test('THE \u{1F4F0} DESK')).toBe(true);
  });
});
