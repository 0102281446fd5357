/** Shared assertions for normalised documents (seeds and fixtures). */
import { expect } from 'vitest';
import type { Doc } from '../../pipeline/core/doc.ts';

/** General markers of web chrome: none may survive normalisation, whatever the site. */
export const CHROME_MARKERS: RegExp[] = [
  /\bLink Copied\b/i,
  /^\s*(?:Learn More|See all|Load more|Read more|Back to Top|Most Popular|Recent Work|About the Authors?|Share|Print|Subscribe|Sign In|Reply)\s*$/im,
  /\bMore (?:Work )?from\b.*$/m,
  /©|\ball rights reserved\b/i,
  /\blost your password\b/i,
  /\blogo\b/i,
  /^\s*[{}[\]]\s*$/m,
  /"\w+"\s*:\s*[[{"]/,
  /^\s*(?:Tags?|Topics?)\b[: ]/im,
  /\b(?:Getty Images|Photo Courtesy|Source: Getty|Photo:)/i,
  /\bviews (?:expressed|represented)\b/i,
  /\bwe use cookies\b/i,
  /^\s*•/m,
  /\d+ comments?\s*$/im,
];

export function expectNoChrome(doc: Doc): void {
  for (const re of CHROME_MARKERS) expect(doc.text, `chrome marker ${re} left in ${doc.id}`).not.toMatch(re);
}

const fold = (s: string) => s.replace(/[\s*_`<>]+/g, '');

/** Offsets round-trip: per paragraph, and per character through the offset map. */
export function expectOffsetsRoundTrip(doc: Doc): void {
  expect(doc.paragraphs.length).toBeGreaterThan(0);
  let prevEnd = -1;
  for (const p of doc.paragraphs) {
    expect(p.start).toBeGreaterThan(prevEnd);
    prevEnd = p.end;
    const text = doc.text.slice(p.start, p.end);
    const raw = doc.raw.slice(p.rawStart, p.rawEnd);
    // what the paragraph was made from, modulo folded whitespace and dropped markup
    expect(fold(text)).toBe(fold(raw));
    expect(doc.offsets.toRawSpan(p.start, p.end)).toEqual({ start: p.rawStart, end: p.rawEnd });
  }
  let checked = 0;
  for (let i = 0; i < doc.text.length; i++) {
    const c = doc.text[i]!;
    if (/\s/.test(c)) continue;
    const r = doc.offsets.toRaw(i);
    if (doc.raw[r] !== c) throw new Error(`${doc.id}: text[${i}]=${JSON.stringify(c)} maps to raw[${r}]=${JSON.stringify(doc.raw[r])}`);
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
}

export function bodyParagraphs(doc: Doc): string[] {
  return doc.paragraphs.filter((p) => p.kind === 'paragraph' || p.kind === 'list-item').map((p) => doc.text.slice(p.start, p.end));
}
