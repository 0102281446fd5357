/**
 * `claims export --format brat [--out DIR]` and `claims import --format brat DIR`:
 * annotation files to brat standoff and back (mapping in pipeline/annotate/brat.ts).
 */
import type { Command } from 'commander';
import os from 'node:os';
import { exportBrat, importBrat } from '../../annotate/brat.ts';
import { draftFile, readDocument } from '../../annotate/items.ts';
import { isSafeDocId } from '../../annotate/schema.ts';
import { outputIds } from '../../annotate/update.ts';

export function registerExport(program: Command, setExit: (code: number) => void): void {
  program
    .command('export')
    .description('Export annotations (or drafts from out/) as brat standoff: <id>.txt + <id>.ann + annotation.conf.')
    .option('--format <fmt>', 'brat', 'brat')
    .option('--dir <dir>', 'target folder', 'out/brat')
    .option('--out <dir>', 'same as --dir (target folder)')
    .option('-i, --input <dir>', 'pipeline output folder', 'out')
    .option('-a, --annotations <dir>', 'annotations folder', 'annotations')
    .option('-d, --doc <ids...>', 'only these documents')
    .action((o: { format: string; dir: string; out?: string; input: string; annotations: string; doc?: string[] }) => {
      if (o.format !== 'brat') {
        console.error(`claims export: unknown format ${o.format} (brat is the one there is)`);
        setExit(2);
        return;
      }
      try {
        const ids = (o.doc ?? outputIds(o.input)).filter(isSafeDocId);
        const target = o.out ?? o.dir;
        const written = exportBrat(o.input, o.annotations, target, ids, (d) => draftFile(d), readDocument);
        console.error(`wrote ${written.length} document(s) to ${target}`);
        setExit(0);
      } catch (err) {
        console.error(`claims export: ${(err as Error).message}`);
        setExit(1);
      }
    });
  program
    .command('import <dir>')
    .description('Import a reviewed brat folder back into annotations/ (corrections, statuses, added and deleted items).')
    .option('--format <fmt>', 'brat', 'brat')
    .option('-a, --annotations <dir>', 'annotations folder', 'annotations')
    .option('-r, --reviewer <name>', 'reviewer recorded with the decisions')
    .action((dir: string, o: { format: string; annotations: string; reviewer?: string }) => {
      if (o.format !== 'brat') {
        console.error(`claims import: unknown format ${o.format}`);
        setExit(2);
        return;
      }
      try {
        const r = importBrat(dir, o.annotations, o.reviewer ?? process.env.CLAIMS_REVIEWER ?? os.userInfo().username);
        for (const x of r) console.error(`${x.id}: ${x.changed} item(s) changed`);
        setExit(0);
      } catch (err) {
        console.error(`claims import: ${(err as Error).message}`);
        setExit(1);
      }
    });
}
