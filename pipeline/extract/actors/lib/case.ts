/**
 * Letter-case tests for matching gazetteer names against text: a listed acronym
 * must be written exactly ("US", not "us"), a capitalised name needs a capital,
 * and lower-case words (adjectives in running text) match in any case. The rule
 * for each name token is worked out once, when the gazetteer is built, not per
 * comparison.
 */

// (regexes built once: a literal in a function body is a new RegExp object at every call)
const STARTS_UPPER = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER = /\p{Lu}/u;

export function isCap(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return STARTS_UPPER.test(t);
}

export function isAcronym(t: string): boolean {
  return t.length >= 2 && !HAS_LOWER.test(t) && HAS_UPPER.test(t);
}

const ASCII = /^[\x00-\x7f]*$/;

/** Combining marks off (NFKD), so "Ș" meets "S"; ASCII has nothing to decompose. */
function withoutMarks(s: string): string {
  if (ASCII.test(s)) return s;
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** How a text token must be written to match one token of a listed name. */
export type CaseRule = { exactly: string } | 'capital' | 'any';

export function caseRule(pattern: string): CaseRule {
  const letters = pattern.replace(/\./g, '');
  if (isAcronym(letters) && letters.length >= 2) return { exactly: withoutMarks(pattern) };
  return isCap(pattern) ? 'capital' : 'any';
}

export function caseOk(rule: CaseRule, text: string): boolean {
  if (rule === 'any') return true;
  if (rule === 'capital') return isCap(text);
  return withoutMarks(text) === rule.exactly;
}
