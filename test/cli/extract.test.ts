import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPublishedDate } from '../../pipeline/cli/commands/extract.ts';
import { main } from '../../pipeline/cli/main.ts';
import { MentionSchema } from '../../pipeline/core/schema.ts';
import type { Mention } from '../../pipeline/core/schema.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'quantities', 'article.txt');
const EXPECTED = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'quantities', 'article.expected.json'), 'utf8')) as Record<string, unknown>[];

function cli(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli/main.ts', 'extract', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function quantityFields(ms: Mention[]): Record<string, unknown>[] {
  return ms.flatMap((m) => {
    if (m.type !== 'quantity') return [];
    const o: Record<string, unknown> = { text: m.text, value: m.value, unit: m.unit };
    if (m.upper !== undefined) o.upper = m.upper;
    if (m.qualifier !== undefined) o.qualifier = m.qualifier;
    if (m.measure !== undefined) o.measure = m.measure;
    return [o];
  });
}

function checkOutput(stdout: string, text: string): Mention[] {
  const parsed = JSON.parse(stdout) as { mentions: unknown[] };
  expect(Object.keys(parsed)).toEqual(['mentions']);
  const mentions = parsed.mentions.map((m) => MentionSchema.parse(m));
  for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  for (let i = 1; i < mentions.length; i++) {
    const a = mentions[i - 1]!;
    const b = mentions[i]!;
    expect(a.start < b.start || (a.start === b.start && a.type <= b.type), `order at ${b.start}`).toBe(true);
  }
  return mentions;
}

describe('claims extract (spawned)', () => {
  it('prints schema-valid mentions for a file, with offsets into it exactly', () => {
    const r = cli(['--published', '2024-05-15', FIXTURE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(FIXTURE, 'utf8');
    const mentions = checkOutput(r.stdout, text);
    expect(quantityFields(mentions)).toEqual(EXPECTED);
    expect(mentions.some((m) => m.type === 'date')).toBe(true);
  });

  it('reads stdin when FILE is "-" or absent', () => {
    const text = 'Nearly 60 percent of voters backed the plan.';
    for (const args of [['--published', '2024-01-02', '-'], ['--published', '2024-01-02']]) {
      const r = cli(args, text);
      expect(r.code).toBe(0);
      const ms = checkOutput(r.stdout, text);
      expect(quantityFields(ms)).toEqual([{ text: 'Nearly 60 percent of voters', value: 60, unit: 'percent', qualifier: 'nearly', measure: 'voters' }]);
    }
  });

  it('fails with a clear message and exit 2 on a bad --published value', () => {
    const r = cli(['--published', '15/05/2024', FIXTURE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--published must be a date YYYY-MM-DD/);
    expect(r.stdout).toBe('');
  });

  it('fails with a clear message and exit 1 on an unreadable file', () => {
    const r = cli(['--published', '2024-05-15', path.join(ROOT, 'test', 'fixtures', 'quantities', 'no-such-file.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*no-such-file\.txt/);
  });
});

describe('claims extract (in process)', () => {
  afterEach(() => vi.restoreAllMocks());

  function capture(): { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
    return { out, err };
  }

  it('returns 0 and prints the same mentions as the spawned command', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'claims-extract-'));
    const file = path.join(dir, 'note.txt');
    const text = 'The army sent 3,000 troops and $2 billion in arms on 4 June 2023.';
    writeFileSync(file, text);
    const io = capture();
    const code = await main(['node', 'claims', 'extract', '--published', '2023-06-10', file]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const ms = checkOutput(io.out.join(''), text);
    expect(quantityFields(ms)).toEqual([
      { text: '3,000 troops', value: 3000, unit: 'count', measure: 'troops' },
      { text: '$2 billion in arms', value: 2e9, unit: 'USD', measure: 'arms' },
    ]);
    const date = ms.find((m) => m.type === 'date');
    expect(date?.text).toContain('4 June 2023');
  });

  it('returns 2 for an impossible date and prints nothing on stdout', async () => {
    const io = capture();
    const code = await main(['node', 'claims', 'extract', '--published', '2023-02-30', FIXTURE]);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(io.out.join('')).toBe('');
    expect(io.err.join('')).toMatch(/2023-02-30/);
  });

  it('shows help with exit 0', async () => {
    const io = capture();
    const code = await main(['node', 'claims', 'extract', '--help']);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    expect(io.out.join('')).toMatch(/--published <date>/);
  });
});

describe('isPublishedDate', () => {
  it.each([
    ['2024-05-15', true],
    ['2024-05', true],
    ['2024', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-00', false],
    ['15/05/2024', false],
    ['2024-5-1', false],
    ['', false],
  ])('%s → %s', (s, ok) => expect(isPublishedDate(s)).toBe(ok));
});
