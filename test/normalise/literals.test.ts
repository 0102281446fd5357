/**
 * The literal prefilters firstMatch puts before the chrome rules (lib/literals.ts) must never
 * hide a match: checked for every rule regex of chrome.yaml on every line of the seed corpus,
 * the fixtures, a sample of te3-silver (when shared/ is beside the repository), the rules'
 * examples and counter-examples and case variants of them; and firstMatch, filters and all,
 * must give the same rule and match as trying every rule in order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../pipeline/core/data.ts';
import { compileData, DATA_FILE, firstMatch, NormaliseDataSchema, type Matcher, type RuleGroup } from '../../pipeline/normalise/lib/data.ts';
import { literalFilter, literalTests, requiredLiterals, requiredPrefixes } from '../../pipeline/normalise/lib/literals.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SILVER = path.join(ROOT, '..', 'shared', 'scale', 'te3-silver');
const LISTS = ['widget', 'cut', 'rail', 'endnotes', 'box', 'authorLabel', 'byline', 'dateline', 'bio'] as const;

const raw = loadData(DATA_FILE, NormaliseDataSchema);
const data = compileData(raw);

function filesIn(dir: string, every = 1): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : /\.(txt|md)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort()
    .filter((_, i) => i % every === 0);
}

/** Case variants: upper and lower case, and the two non-ASCII letters that case-fold to ASCII ones. */
function variants(s: string): string[] {
  return [s, s.toUpperCase(), s.toLowerCase(), s.replace(/s/g, 'ſ'), s.replace(/[kK]/g, '\u212A'), ` ${s} `];
}

const examples = LISTS.flatMap((k) => raw[k].flatMap((g: RuleGroup) => [...g.examples, ...g.counterExamples]));
const lines = [
  ...new Set([
    ...[...filesIn(path.join(ROOT, 'corpus')), ...filesIn(path.join(ROOT, 'test', 'fixtures')), ...filesIn(SILVER, 20)].flatMap((f) => readFileSync(f, 'utf8').split('\n')),
    ...examples.flatMap(variants),
  ]),
].map((l) => l.trim());

/** Every rule regex of the lists, compiled as compileGroup compiles it. */
const regexes: RegExp[] = LISTS.flatMap((k) =>
  raw[k].flatMap((g: RuleGroup) => [
    ...(g.phrases?.length ? [new RegExp(`^(?:${g.phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s*[:›»]?$`, 'iu')] : []),
    ...(g.patterns ?? []).map((p) => new RegExp(p, g.caseSensitive ? 'u' : 'iu')),
  ]),
);

describe('literal prefilters', () => {
  it('derive required strings and prefixes from regex sources', () => {
    expect(requiredLiterals('\\ball rights reserved\\b')).toEqual(['all rights reserved']);
    expect(requiredLiterals('\\bviews (?:expressed|represented|presented)\\b')).toEqual(['expressed', 'presented']);
    expect(requiredLiterals('\\b(?:REUTERS|AFP)\\s*/')).toEqual(['REUTERS', 'AFP']);
    expect(requiredLiterals('caf\u00e9 \\(au\\) lait')).toEqual(['café (au) lait']);
    expect(requiredLiterals('\\d+\\s*[a-z]+')).toBeNull();
    expect(requiredLiterals('a|\\d')).toBeNull();
    expect(requiredLiterals('(?:abc)?def')).toEqual(['def']);
    expect(requiredPrefixes('^(?:(?:additional )?reporting|writing) by')?.sort()).toEqual(['additional ', 'reporting', 'writing']);
    expect(requiredPrefixes('^(?=.{0,140}$)(?:photo|photos|image)s?:')?.sort()).toEqual(['image', 'photo']);
    // A prefix is dropped only for a shorter prefix of it, not for a string inside it.
    expect(requiredPrefixes('^(?:ab c|b)')?.sort()).toEqual(['ab c', 'b']);
    expect(requiredPrefixes('^a|b')).toBeNull();
    expect(requiredPrefixes('^(?:\\d+\\s*)?likes?')).toBeNull();
    expect(requiredPrefixes('^\\p{Lu}\\w+')).toBeNull();
  });

  it('are regexes of the rule literals, with the rule flags', () => {
    expect(literalFilter(/\ball rights reserved\b/iu)?.source).toBe('all rights reserved');
    expect(literalFilter(/\ball rights reserved\b/iu)?.flags).toBe('iu');
    expect(literalFilter(/\bvia Getty Images\b/u)?.flags).toBe('u');
    expect(literalFilter(/^(?=.{0,140}$)(?:source|photo)s?:/iu)?.source).toBe('^(?:source|photo)');
    // Anchored on a first character: the rule fails at once by itself.
    expect(literalFilter(/^(?:share|tweet)\s*:?$/iu)).toBeNull();
    expect(literalFilter(/\d+ (?:a|b)/iu)).toBeNull();
    expect(literalFilter(/all rights reserved/giu)).toBeNull();
    // The rule's case folding: the long s and the Kelvin sign match s and k under i and u.
    expect(literalFilter(/\bspeak\b/iu)?.test('ſpea\u212A')).toBe(true);
  });

  it('test the first character of anchored rules: a literal, a class, or what follows an optional step', () => {
    expect(literalTests(/^(?:share|tweet)\s*:?$/iu).firstChar?.source).toBe('^(?:s|t)');
    expect(literalTests(/^\d+\s+comments?$/iu).firstChar?.source).toBe('^(?:\\d)');
    expect(literalTests(/^(?:(?:updated|posted)\s+)?\d+\s+days? ago$/iu).firstChar?.source).toBe('^(?:u|p|\\d)');
    expect(literalTests(/^(?=.{0,140}$)\p{Lu}\w+/u).firstChar?.source).toBe('^(?:\\p{Lu})');
    // A match that may consume nothing, or an atom the walk does not know: no test.
    expect(literalTests(/^a?$/iu).firstChar).toBeNull();
    expect(literalTests(/^(a)\1/iu).firstChar?.source).toBe('^(?:a)');
    expect(literalTests(/^\1?(a)/iu).firstChar).toBeNull();
    expect(literalTests(/\d+ comments/iu).firstChar).toBeNull();
  });

  it('never filter out a line that a rule regex matches', () => {
    let filters = 0;
    let matched = 0;
    for (const re of regexes) {
      const f = literalFilter(re);
      if (!f) continue;
      filters++;
      for (const l of lines) {
        if (!re.test(l)) continue;
        matched++;
        if (!f.test(l)) expect.fail(`${re.source.slice(0, 80)} matches ${JSON.stringify(l)} but its filter refuses it`);
      }
    }
    expect(filters).toBeGreaterThan(15);
    expect(matched).toBeGreaterThan(100);
  });

  it('leave firstMatch giving the rule and match that trying every rule in order gives', () => {
    const naive = (ms: readonly Matcher[], line: string) => {
      for (const x of ms) {
        const m = x.match(line);
        if (m) return { id: x.id, m };
      }
      return null;
    };
    let hits = 0;
    for (const k of LISTS) {
      for (const l of lines) {
        const got = firstMatch(data[k], l);
        const want = naive(data[k], l);
        expect(got?.id, `${k}: ${JSON.stringify(l)}`).toBe(want?.id);
        expect(got?.m[0]).toBe(want?.m[0]);
        expect(got?.m.index).toBe(want?.m.index);
        expect(got?.m.groups).toEqual(want?.m.groups);
        if (got) hits++;
      }
    }
    expect(hits).toBeGreaterThan(200);
  });
});
