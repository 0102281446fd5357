/**
 * JavaScript regex syntax, read by @eslint-community/regexpp (the parser ESLint
 * uses), for the stages that derive a prefilter from their own compiled rule
 * regexes:
 * - dates (extract/dates/lib/starts.ts): how a match can begin, so that a
 *   pattern runs only where such a beginning stands;
 * - normalise (normalise/lib/literals.ts): literals a line must contain for a
 *   chrome rule to match;
 * - claims (cuePrefixes in claims/lexicon.ts): the prefixes (up to the second
 *   word) of the cue prefix index.
 * Each walks the parsed pattern through the views below and keeps one rule: a
 * construct it does not know contributes nothing (a weaker filter, or a full
 * scan), never a wrong one.
 */
import { RegExpParser, RegExpSyntaxError, type AST } from '@eslint-community/regexpp';

export type { AST };

/** Node 20's syntax: ES2024 (the v flag, not the inline modifiers of ES2025, which Node 20 refuses). */
const parser = new RegExpParser({ ecmaVersion: 2024 });

/** The tree of a regex source read with its flags (u and v choose the syntax), or null when they do not make a valid regex. */
export function parsePattern(source: string, flags: string): AST.Pattern | null {
  try {
    return parser.parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
  } catch (err) {
    if (err instanceof RegExpSyntaxError) return null;
    throw err;
  }
}

/** What an alternative's element repeats, and how often (a quantifier's bounds; 1 to 1 without one). */
export interface Term {
  atom: AST.QuantifiableElement | AST.Assertion;
  min: number;
  max: number;
  quantified: boolean;
}

export function termOf(element: AST.Element): Term {
  if (element.type === 'Quantifier') return { atom: element.element, min: element.min, max: element.max, quantified: true };
  return { atom: element, min: 1, max: 1, quantified: false };
}

/** The alternatives of a group, capturing (named or not) or not; null for any other atom. */
export function groupAlternatives(atom: Term['atom']): AST.Alternative[] | null {
  return atom.type === 'Group' || atom.type === 'CapturingGroup' ? atom.alternatives : null;
}

/** The character a literal atom stands for (`a`, `\.`, `\u00e9`, `\u{1F600}`; before case folding), else null. */
export function literalOf(atom: Term['atom']): string | null {
  return atom.type === 'Character' ? String.fromCodePoint(atom.value) : null;
}

/**
 * An atom that always matches exactly one character: a literal, a class, an
 * escape such as \d, \s or \p{L}, the dot. (Not the classes of the v flag, which
 * may match strings.)
 */
export type OneCharacter = AST.Character | AST.ClassRangesCharacterClass | AST.CharacterSet;

export function isOneCharacter(atom: Term['atom']): atom is OneCharacter {
  if (atom.type === 'Character') return true;
  if (atom.type === 'CharacterClass') return !atom.unicodeSets;
  return atom.type === 'CharacterSet' && !(atom.kind === 'property' && atom.strings);
}

const oneCharacterRegexes = new Map<string, RegExp>();

/**
 * A regex true of a one-character string exactly when the atom matches that
 * character in a pattern with these flags (case folding included; g and y dropped).
 */
export function oneCharacterRegex(atom: OneCharacter, flags: string): RegExp {
  const f = flags.replace(/[gy]/g, '');
  const key = `${f}/${atom.raw}`;
  let re = oneCharacterRegexes.get(key);
  if (re === undefined) {
    // An atom's text means the same on its own (a class is self-contained; a literal's escape is one).
    re = new RegExp(`^(?:${atom.raw})$`, f);
    oneCharacterRegexes.set(key, re);
  }
  return re;
}

/**
 * What a one-character atom can match, as far as its syntax tells: ASCII
 * characters only (before case folding: /k/iu also takes the Kelvin sign),
 * characters of the BMP only (one code unit each).
 */
export function reach(atom: OneCharacter): { ascii: boolean; bmp: boolean } {
  if (atom.type !== 'CharacterClass') return reachOf(atom);
  if (atom.negate) return { ascii: false, bmp: false };
  let ascii = true;
  let bmp = true;
  for (const e of atom.elements) {
    const r = reachOf(e);
    ascii &&= r.ascii;
    bmp &&= r.bmp;
  }
  return { ascii, bmp };
}

function reachOf(member: AST.Character | AST.CharacterClassRange | AST.CharacterSet): { ascii: boolean; bmp: boolean } {
  if (member.type === 'Character' || member.type === 'CharacterClassRange') {
    const top = member.type === 'Character' ? member.value : member.max.value;
    return { ascii: top < 128, bmp: top <= 0xffff };
  }
  if (member.kind === 'any' || member.kind === 'property' || member.negate) return { ascii: false, bmp: false };
  // \d and \w are ASCII; \s takes BMP spaces beyond it.
  return { ascii: member.kind !== 'space', bmp: true };
}
