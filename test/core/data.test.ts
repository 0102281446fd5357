import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DataFileError, forgetParsedData, loadData, parseDataText } from '../../pipeline/core/data.ts';

// The parsed-YAML cache (core/data.ts): keyed by content, so it can never serve a stale or corrupt entry.
describe('data files: parsed YAML cache', () => {
  let dir: string;
  let cache: string;
  const before = process.env['CLAIMS_DATA_CACHE'];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'claims-data-'));
    cache = path.join(dir, 'cache');
    process.env['CLAIMS_DATA_CACHE'] = cache;
  });
  afterEach(() => {
    if (before === undefined) delete process.env['CLAIMS_DATA_CACHE'];
    else process.env['CLAIMS_DATA_CACHE'] = before;
    rmSync(dir, { recursive: true, force: true });
  });
  const Schema = z.object({ cues: z.array(z.string()), weight: z.number() });

  it('gives what the YAML says, writes one entry, and reads it back', () => {
    const file = path.join(dir, 'cues.yaml');
    writeFileSync(file, 'cues:\n  - said\n  - "told reporters"\nweight: 0.5\n');
    expect(loadData(file, Schema)).toEqual({ cues: ['said', 'told reporters'], weight: 0.5 });
    expect(readdirSync(cache)).toHaveLength(1);
    forgetParsedData();
    expect(loadData(file, Schema)).toEqual({ cues: ['said', 'told reporters'], weight: 0.5 });
  });

  it('reads an edited file afresh (the key is the content)', () => {
    const file = path.join(dir, 'cues.yaml');
    writeFileSync(file, 'cues: [said]\nweight: 1\n');
    expect(loadData(file, Schema).cues).toEqual(['said']);
    writeFileSync(file, 'cues: [said, warned]\nweight: 1\n');
    expect(loadData(file, Schema).cues).toEqual(['said', 'warned']);
    expect(readdirSync(cache)).toHaveLength(2);
  });

  it('hands each caller its own object', () => {
    const a = parseDataText('x.yaml', 'list: [a, b]\n') as { list: string[] };
    a.list.push('mutated');
    expect(parseDataText('x.yaml', 'list: [a, b]\n')).toEqual({ list: ['a', 'b'] });
  });

  it('ignores a corrupt entry on disk', () => {
    const text = 'only: [corrupt-test]\n';
    parseDataText('y.yaml', text);
    const [entry] = readdirSync(cache);
    writeFileSync(path.join(cache, entry!), '{"only": [');
    forgetParsedData(); // as a new thread would start: nothing in memory, only the disk entry
    expect(parseDataText('y.yaml', text)).toEqual({ only: ['corrupt-test'] });
    expect(JSON.parse(readFileSync(path.join(cache, entry!), 'utf8'))).toEqual({ only: ['corrupt-test'] });
  });

  it('still names the file and the problem for bad YAML', () => {
    expect(() => parseDataText('bad.yaml', 'a: [unclosed\n')).toThrow(DataFileError);
    expect(() => parseDataText('bad.yaml', 'a: [unclosed\n')).toThrow(/bad\.yaml: not valid YAML/);
  });

  it('serves values JSON cannot hold from the parse, not the cache', () => {
    expect(parseDataText('z.yaml', 'big: .inf\n')).toEqual({ big: Infinity });
    expect(parseDataText('z.yaml', 'big: .inf\n')).toEqual({ big: Infinity });
  });

  it('works with the cache off', () => {
    process.env['CLAIMS_DATA_CACHE'] = 'off';
    expect(parseDataText('w.yaml', 'k: v\n')).toEqual({ k: 'v' });
  });
});
