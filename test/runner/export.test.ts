import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportIsSound, writeExport } from '../../pipeline/runner/export.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'export-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeExport', () => {
  it('writes whole files, leaves no temporary file, and makes the folder again when it was removed between writes', () => {
    const dir = path.join(root, 'out', 'documents');
    writeExport(path.join(dir, 'a.json'), '{"a":1}\n');
    writeExport(path.join(dir, 'a.json'), '{"a":2}\n');
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('{"a":2}\n');
    rmSync(path.join(root, 'out'), { recursive: true, force: true });
    writeExport(path.join(dir, 'b.json'), '{"b":1}\n');
    expect(readdirSync(dir)).toEqual(['b.json']);
    expect(exportIsSound(path.join(dir, 'b.json'))).toBe(true);
    expect(exportIsSound(path.join(dir, 'a.json'))).toBe(false);
  });
});
