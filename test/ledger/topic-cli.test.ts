import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { extractClaims } from '../../pipeline/claims/extract.ts';
import { matchTopics } from '../../pipeline/cli/commands/topic.ts';
import { main } from '../../pipeline/cli/main.ts';
import { toJson } from '../../pipeline/core/doc.ts';
import { buildLedger, writeLedger, type Ledger } from '../../pipeline/ledger/index.ts';
import { markedDoc } from '../claims/mark.ts';

let out: string;
let ledger: Ledger;

beforeAll(() => {
  const { docs } = YAML.parse(readFileSync(new URL('../fixtures/ledger/synthetic.yaml', import.meta.url), 'utf8')) as { docs: { id: string; published: string; text: string }[] };
  ledger = buildLedger(
    docs.map((d) => {
      const doc = markedDoc(d.id, d.text, d.published);
      doc.claims = extractClaims(doc);
      return toJson(doc);
    }),
  );
  out = mkdtempSync(path.join(tmpdir(), 'topic-'));
  writeLedger(out, ledger);
});

afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    stderr += `${a.join(' ')}\n`;
  });
  const code = await main(['node', 'claims', ...args]);
  return { code, stdout, stderr };
}

describe('claims topic', () => {
  it('prints a dated timeline per source with the disagreement marked', async () => {
    const r = await run('topic', 'alignment', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Topic: alignment/);
    expect(r.stdout).toMatch(/⚠ D1/);
    expect(r.stdout).toMatch(/Per source:\n {2}alpha/);
    expect(r.stdout).toMatch(/Disagreements between sources:\n {2}D1 contrary/);
  });

  it('gives JSON with --format json', async () => {
    const r = await run('topic', 'sanctions', '-o', out, '--format', 'json');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as { items: { relation: string }[]; disagreements: { kind: string }[] };
    expect(v.items.every((i) => i.relation.startsWith('sanctions.'))).toBe(true);
    expect(v.disagreements.map((d) => d.kind)).toEqual(['polarity']);
  });

  it('says clearly when out/ledger.json is missing', async () => {
    const r = await run('topic', 'independence', '-o', path.join(out, 'nowhere'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ledger\.json not found; run the pipeline first/);
  });

  it('lists the topics when the keyword is unknown', async () => {
    const r = await run('topic', 'zzz', '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/topics are: .*independence/);
  });

  it('matches a topic, a relation family, or a prefix', () => {
    expect(matchTopics(ledger, 'independence')).toEqual(['independence']);
    expect(matchTopics(ledger, 'prisoners.release')).toContain('prisoners');
    expect(matchTopics(ledger, 'sanction')).toEqual(['sanctions']);
  });
});
