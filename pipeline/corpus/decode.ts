/**
 * Bytes → text for one corpus file. Order matters:
 *   1. a byte-order mark decides (UTF-8, UTF-16 LE/BE); the BOM is not part of the text;
 *   2. binary content (NUL bytes, many control characters, known magic numbers) is refused;
 *   3. valid UTF-8 is taken as UTF-8;
 *   4. anything else is handed to chardet; Latin-family guesses are decoded as
 *      Windows-1252 (a superset of Latin-1's printable range, and what "Latin-1"
 *      web pastes really are), other guesses iconv-lite knows are decoded as guessed;
 *      both with an `input/not-utf8` warning. Nothing decodable: `input/undecodable`.
 * Raw offsets in the pipeline are UTF-16 offsets into the decoded string.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { RuleId } from '../core/messages.ts';

export type Decoded =
  | { ok: true; text: string; encoding: string; warning?: { ruleId: RuleId; reason: string } }
  | { ok: false; ruleId: RuleId; reason: string };

const MAGIC: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP archive (or docx/xlsx)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
];

/** Latin-alphabet single-byte guesses that are decoded as Windows-1252. */
const LATIN_FAMILY = /^(ISO-8859-(1|2|9|15)|windows-125[02]|ASCII)$/i;

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Binary if it has NUL bytes or more than 5% control characters other than tab, CR, LF, FF, ESC. */
export function binaryReason(bytes: Uint8Array): string | null {
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) return `it starts like a ${m.name}`;
  const n = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return `it holds NUL bytes (first at byte ${i})`;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  if (n > 0 && control / n > 0.05) return `${control} of its first ${n} bytes are control characters`;
  return null;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return utf8(bytes.subarray(3), 'utf-8 (BOM)');
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  const bin = binaryReason(bytes);
  if (bin) return { ok: false, ruleId: 'input/binary', reason: `the file is binary, not text: ${bin}` };
  const asUtf8 = utf8(bytes, 'utf-8');
  if (asUtf8.ok) return asUtf8;
  const guess = chardet.detect(bytes) ?? 'unknown';
  const encoding = LATIN_FAMILY.test(guess) ? 'windows-1252' : guess;
  if (!iconv.encodingExists(encoding)) {
    return { ok: false, ruleId: 'input/undecodable', reason: `the file is not UTF-8 and its encoding (best guess: ${guess}) cannot be decoded` };
  }
  const text = iconv.decode(Buffer.from(bytes), encoding);
  return {
    ok: true,
    text,
    encoding,
    warning: {
      ruleId: 'input/not-utf8',
      reason: `the file is not valid UTF-8; decoded as ${encoding}${encoding !== guess ? ` (chardet guessed ${guess})` : ''}: check accented letters and quotes`,
    },
  };
}

function utf8(bytes: Uint8Array, label: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: label };
  } catch {
    return { ok: false, ruleId: 'input/undecodable', reason: 'not valid UTF-8' };
  }
}
