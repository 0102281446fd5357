import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readDocuments, readLedger, writeReport } from '../../report/index.ts';

export function registerReport(program: Command, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('Re-render out/report.md and out/report.html from out/ledger.json and out/documents/.')
    .option('-o, --out <dir>', 'output folder holding ledger.json and documents/', 'out')
    .action((opts: { out: string }) => {
      const ledgerFile = path.join(opts.out, 'ledger.json');
      if (!existsSync(ledgerFile)) {
        console.error(`claims report: ${ledgerFile} not found; run the pipeline first`);
        setExit(2);
        return;
      }
      const ledger = readLedger(ledgerFile);
      const docs = readDocuments(path.join(opts.out, 'documents'));
      const files = writeReport(opts.out, ledger, docs);
      console.error(`wrote ${files.markdown} and ${files.html} (${docs.length} documents, ${ledger.entries.length} entries, ${ledger.disagreements.length} disagreements)`);
      setExit(0);
    });
}
