/**
 * A transliteration-aware key for names, so variants nobody listed still meet:
 * Lukashenko / Lukashenka / Lukaschenko, Tokayev / Tokaev, Zelenskyy / Zelenskiy,
 * Makei / Makey, Lavrov / Lawrow. Hand-written because no library folds Cyrillic
 * romanisation variants (BGN/PCGN, ISO 9, German and Polish spellings) onto one key.
 */
import { distance } from 'fastest-levenshtein';

const FOLDS: [RegExp, string][] = [
  [/sch/g, 'sh'],
  [/tch/g, 'ch'],
  [/dzh/g, 'j'],
  [/zh/g, 'j'],
  [/kh/g, 'h'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/cz/g, 'ch'],
  [/sz/g, 'sh'],
  [/x/g, 'ks'],
  [/q/g, 'k'],
  [/w/g, 'v'],
  [/t[sz]/g, 'c'],
  // Belarusian ў: Tsikhanouskaya / Tikhanovskaya
  [/([aeiou])u(?=[bcdfghklmnprstvz])/g, '$1v'],
  [/[yj]/g, 'i'],
  // Ukrainian/Belarusian -enka endings and feminine -aia
  [/enka$/g, 'enko'],
  [/^ie/g, 'e'],
  [/ie(?=v$|va$)/g, 'e'],
];

/**
 * Keys already worked out, by name. A name's key is a function of the name alone, so
 * remembering keys across documents cannot change any output; the same names recur
 * from article to article, and a key costs about 5 µs (eighteen regex passes).
 */
const knownKeys = new Map<string, string>();
const KNOWN_KEYS_MAX = 50_000;

export function translitKey(name: string): string {
  let key = knownKeys.get(name);
  if (key === undefined) {
    key = foldName(name);
    if (knownKeys.size >= KNOWN_KEYS_MAX) knownKeys.clear();
    knownKeys.set(name, key);
  }
  return key;
}

function foldName(name: string): string {
  let s = name
    // Romanian ș ț and Turkish ş lose their marks as English press writes them (Ceaușescu /
    // Ceausescu); the Russian-route spellings (Gavrilitsa) then meet them by one edit
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  // double letters (Zelenskyy → zelenskii → zelenski; Assad/Asad)
  s = s.replace(/(.)\1+/g, '$1');
  return s;
}

/**
 * Fuzzy equality of two keys: identical, or one edit apart when both are long
 * enough that one edit is a spelling variant rather than another name (≥ 7
 * letters: Rahman / Rahmon are two people).
 */
export function keysMatch(a: string, b: string): 0 | 1 | -1 {
  if (a === b) return 0;
  if (a.length < 7 || b.length < 7) return -1;
  if (a[0] !== b[0]) return -1;
  if (Math.abs(a.length - b.length) > 1) return -1;
  return distance(a, b) <= 1 ? 1 : -1;
}
