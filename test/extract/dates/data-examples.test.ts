/**
 * Every `examples` / `counterExamples` entry of the date pattern file runs as a
 * test through the whole extractor (both passes), so a rule's worked examples
 * cannot silently rot (HeidelTime's never ran).
 */
import { describe, expect, it } from 'vitest';
import { dateData, extractDates } from '../../../pipeline/extract/dates/index.ts';

const data = dateData();
const published = data.patterns.examplePublished;

describe('date pattern data', () => {
  it('loads and compiles every rule', () => {
    expect(data.rules.length).toBeGreaterThan(40);
  });

  for (const rule of data.rules) {
    describe(`${rule.group}/${rule.id}`, () => {
      rule.examples.forEach((ex, i) => {
        it(`example ${i + 1}: "${ex.text}" → ${ex.value}`, () => {
          const pub = ex.published === undefined ? published : ex.published;
          const found = extractDates({ id: 'ex', text: ex.text }, pub);
          const span = ex.span ?? ex.text;
          const m = found.find((f) => f.text === span);
          expect(m, `no mention "${span}" in ${JSON.stringify(found.map((f) => f.text))}`).toBeDefined();
          expect(m!.value).toBe(ex.value);
          if (ex.type) expect(m!.timexType).toBe(ex.type);
          else expect(m!.timexType).toBe(rule.type);
          if (ex.mod) expect(m!.mod).toBe(ex.mod);
          expect(ex.text.slice(m!.start, m!.end)).toBe(m!.text);
        });
      });
      rule.counterExamples.forEach((ce, i) => {
        const text = typeof ce === 'string' ? ce : ce.text;
        it(`counter-example ${i + 1}: "${text}"`, () => {
          const pub = typeof ce === 'string' || ce.published === undefined ? published : ce.published;
          const found = extractDates({ id: 'ce', text }, pub);
          if (typeof ce === 'string') expect(found.map((f) => f.text)).toEqual([]);
          else {
            const at = text.indexOf(ce.span);
            const clash = found.filter((f) => f.start < at + ce.span.length && at < f.end);
            expect(clash.map((f) => f.text)).toEqual([]);
          }
        });
      });
    });
  }
});
