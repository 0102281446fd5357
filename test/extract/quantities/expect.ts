/** Shared assertions for the quantity tests: the one quantity whose span is `want.text`, with exactly the wanted fields. */
import { expect } from 'vitest';
import { extractQuantities } from '../../../pipeline/extract/quantities/index.ts';
import type { QuantityMention } from '../../../pipeline/core/schema.ts';

export interface Want {
  text: string;
  value: number;
  unit: string;
  upper?: number;
  qualifier?: string;
  measure?: string;
}

export function run(text: string, id = 'test'): QuantityMention[] {
  return extractQuantities({ id, text });
}

export function expectQuantity(text: string, want: Want): void {
  const found = run(text);
  const hit = found.find((q) => q.text === want.text);
  expect(hit, `no quantity "${want.text}" in ${JSON.stringify(found.map((q) => q.text))}`).toBeDefined();
  const { value, unit, upper, qualifier, measure } = hit!;
  expect({ value, unit, upper, qualifier, measure }).toEqual({ value: want.value, unit: want.unit, upper: want.upper, qualifier: want.qualifier, measure: want.measure });
  expect(text.slice(hit!.start, hit!.end)).toBe(hit!.text);
}
