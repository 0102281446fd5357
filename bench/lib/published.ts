/** A benchmark corpus's published.tsv (columns id, published), as manifest entries. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function readPublished(dir: string): Record<string, { published: string }> {
  const file = path.join(dir, 'published.tsv');
  if (!existsSync(file)) return {};
  const out: Record<string, { published: string }> = {};
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split('\t');
  const idCol = header.indexOf('id');
  const pubCol = header.indexOf('published');
  if (idCol < 0 || pubCol < 0) throw new Error(`${file}: expected a header with id and published columns`);
  for (const l of lines) {
    const cells = l.split('\t');
    const id = cells[idCol]?.trim();
    const published = cells[pubCol]?.trim();
    if (id && published) out[id] = { published };
  }
  return out;
}
