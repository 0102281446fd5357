/**
 * A transliteration-aware key for names, so variants nobody listed still meet:
 * Lukashenko / Lukashenka / Lukaschenko, Tokayev / Tokaev, Zelenskyy / Zelenskiy,
 * Makei / Makey, Lavrov / Lawrow. Hand-written because no library folds Cyrillic
 * romanisation variants (BGN/PCGN, ISO 9, German and Polish spellings) onto one key.
 */
import { distance } from 'fastest-levenshtein';
import { BoundedMap } from '../../../core/bounded-map.ts';

/** Each fold with letters every match of it contains ('' when none in particular): without them in the name, the fold is skipped. */
const FOLDS: [RegExp, string, string][] = [
  [/sch/g, 'sh', 'sch'],
  [/tch/g, 'ch', 'tch'],
  [/dzh/g, 'j', 'dzh'],
  [/zh/g, 'j', 'zh'],
  [/kh/g, 'h', 'kh'],
  [/ph/g, 'f', 'ph'],
  [/ck/g, 'k', 'ck'],
  [/cz/g, 'ch', 'cz'],
  [/sz/g, 'sh', 'sz'],
  [/x/g, 'ks', 'x'],
  [/q/g, 'k', 'q'],
  [/w/g, 'v', 'w'],
  [/t[sz]/g, 'c', 't'],
  // Belarusian ў: Tsikhanouskaya / Tikhanovskaya
  [/([aeiou])u(?=[bcdfghklmnprstvz])/g, '$1v', 'u'],
  [/[yj]/g, 'i', ''],
  // Ukrainian/Belarusian -enka endings and feminine -aia
  [/enka$/g, 'enko', 'enka'],
  [/^ie/g, 'e', 'ie'],
  [/ie(?=v$|va$)/g, 'e', 'ie'],
];

/**
 * Keys already worked out, by name. A name's key is a function of the name alone, so
 * remembering keys across documents cannot change any output; the same names recur
 * from article to article, and a key costs about 5 µs (eighteen regex passes).
 */
const knownKeys = new BoundedMap<string, string>(50_000);

export function translitKey(name: string): string {
  let key = knownKeys.get(name);
  if (key === undefined) {
    key = foldName(name);
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
  for (const [re, to, needs] of FOLDS) if (s.includes(needs)) s = s.replace(re, to);
  // double letters (Zelenskyy → zelenskii → zelenski; Assad/Asad)
  s = s.replace(/(.)\1+/g, '$1');
  return s;
}

export const KEYS_MATCH_MIN = 7;

/**
 * Fuzzy equality of two keys: identical, or one edit apart when both are long
 * enough that one edit is a spelling variant rather than another name (≥ 7
 * letters: Rahman / Rahmon are two people).
 */
export function keysMatch(a: string, b: string): 0 | 1 | -1 {
  if (a === b) return 0;
  if (a.length < KEYS_MATCH_MIN || b.length < KEYS_MATCH_MIN) return -1;
  if (a[0] !== b[0]) return -1;
  if (Math.abs(a.length - b.length) > 1) return -1;
  return distance(a, b) <= 1 ? 1 : -1;
}
