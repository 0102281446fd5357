/**
 * `claims extract --published YYYY-MM-DD [FILE | -]`: run the extractors over
 * any text taken as already clean (no normalisation: offsets are into the
 * input exactly) and print `{ "mentions": [ … ] }` as JSON on stdout.
 * Reads stdin when FILE is "-" or absent. Exit codes: 0 ok, 1 unreadable
 * input, 2 bad usage (a --published value that is not a calendar date).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createCleanDoc } from '../../core/doc.ts';
import { MentionSchema } from '../../core/schema.ts';
import { extractMentions } from '../../extract/index.ts';

/** A YYYY, YYYY-MM or YYYY-MM-DD string naming a real calendar date, or false. */
export function isPublishedDate(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const last = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= last;
}

function readInput(file: string | undefined): { id: string; text: string } {
  if (file === undefined || file === '-') return { id: 'stdin', text: readFileSync(0, 'utf8') };
  return { id: path.basename(file).replace(/\.[^.]*$/, '') || 'input', text: readFileSync(file, 'utf8') };
}

export function registerExtract(program: Command, setExit: (code: number) => void): void {
  program
    .command('extract')
    .description('Print the dates, actors and quantities of a clean text as JSON: { "mentions": [ … ] }, sorted by start then type.')
    .argument('[file]', 'text file to read; "-" or nothing reads stdin')
    .option('-p, --published <date>', 'publication date YYYY-MM-DD (anchors relative dates); without it they stay underspecified')
    .action((file: string | undefined, opts: { published?: string }) => {
      const published = opts.published ?? null;
      if (published !== null && !isPublishedDate(published)) {
        process.stderr.write(`claims extract: --published must be a date YYYY-MM-DD (or YYYY-MM, YYYY), got "${published}"\n`);
        setExit(2);
        return;
      }
      let input: { id: string; text: string };
      try {
        input = readInput(file);
      } catch (err) {
        process.stderr.write(`claims extract: cannot read ${file === undefined || file === '-' ? 'stdin' : file}: ${(err as Error).message}\n`);
        setExit(1);
        return;
      }
      const doc = createCleanDoc(input.id, input.text, published);
      const mentions = MentionSchema.array().parse(extractMentions({ id: doc.id, text: doc.text }, doc.meta.published));
      process.stdout.write(`${JSON.stringify({ mentions }, null, 2)}\n`);
      setExit(0);
    });
}
