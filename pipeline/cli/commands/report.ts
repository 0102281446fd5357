import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { documentSource, readLedger, writeReport } from '../../report/index.ts';

export function registerReport(program: Command, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('Re-render out/report.md, out/report.html and the changed pages of out/report/docs/ from out/ledger.json and out/documents/.')
    .option('-o, --out <dir>', 'output folder holding ledger.json and documents/', 'out')
    .action((opts: { out: string }) => {
      const ledgerFile = path.join(opts.out, 'ledger.json');
      if (!existsSync(ledgerFile)) {
        console.error(`claims report: ${ledgerFile} not found; run the pipeline first`);
        setExit(2);
        return;
      }
      const ledger = readLedger(ledgerFile);
      const docs = documentSource(path.join(opts.out, 'documents'));
      const r = writeReport(opts.out, ledger, docs);
      console.error(
        `wrote ${r.markdown} and ${r.html} (${docs.ids.length} documents, ${ledger.entries.length} entries, ${ledger.disagreements.length} disagreements); ` +
          `pages in ${r.pagesDir}: ${r.rendered.length} rendered, ${r.kept} unchanged, ${r.removed.length} removed`,
      );
      setExit(0);
    });
}
