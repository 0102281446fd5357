/**
 * What the claims test files share: the claims of a marked-up text (./mark.ts), and the one claim of a
 * relation in it (failing the test, with the relations found, when there is not exactly one).
 */
import { expect } from 'vitest';
import { extractClaims } from '../../pipeline/claims/extract.ts';
import type { Claim } from '../../pipeline/core/schema.ts';
import { markedDoc } from './mark.ts';

export interface ClaimsHarness {
  /** The claims and the clean text of the document made from `marked`. */
  extract: (marked: string, published?: string | null) => { claims: Claim[]; text: string };
  claimsOf: (marked: string, published?: string | null) => Claim[];
  one: (marked: string, relation: string, published?: string | null) => Claim;
}

/** Helpers for one test file: its documents' id and publication date, and the states of the people its sentences name. */
export function claimsHarness(docId: string, published: string | null, states: Record<string, string>): ClaimsHarness {
  const stateOf = (id: string): string | undefined => states[id];
  const extract = (marked: string, pub: string | null = published): { claims: Claim[]; text: string } => {
    const doc = markedDoc(docId, marked, pub);
    return { claims: extractClaims(doc, { stateOf }), text: doc.text };
  };
  const claimsOf = (marked: string, pub: string | null = published): Claim[] => extract(marked, pub).claims;
  const one = (marked: string, relation: string, pub: string | null = published): Claim => {
    const all = claimsOf(marked, pub);
    const c = all.filter((x) => x.relation === relation);
    expect(c, `${relation} in ${JSON.stringify(all.map((x) => [x.relation, x.subject]))}`).toHaveLength(1);
    return c[0]!;
  };
  return { extract, claimsOf, one };
}
