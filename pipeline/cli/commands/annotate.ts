/**
 * `claims annotate …`: annotation files from the terminal.
 *   update [--doc ID…]                       create or merge annotations/<id>.json from out/
 *   set <docId> <itemId> <status> [--field k=v…] [--note …] [--reviewer …]
 *   add <docId> <type> <start> <end> [--field k=v…]   an item the pipeline missed
 *   apply <docId> <file.jsonl | ->             many decisions at once, all or nothing
 *   list <docId> [--status pending]          items with their ids, for `set`
 *   stats [--per-doc]                        counts per type and status (for the gold report)
 *   check                                    validate every file (file:line: problem)
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addItem, applyDecision, DecisionError, DecisionSchema, NewItemSchema } from '../../annotate/decide.ts';
import { AnnotationFileError, readAnnotations, writeAnnotations } from '../../annotate/format.ts';
import { readDocument } from '../../annotate/items.ts';
import { isSafeDocId, type FieldValue } from '../../annotate/schema.ts';
import { annotatedIds, annotationPath, updateAnnotations } from '../../annotate/update.ts';

/** "value=2015-10" → ["value", "2015-10"]; numbers, true/false and null are typed. */
export function parseField(kv: string): [string, FieldValue] {
  const eq = kv.indexOf('=');
  if (eq <= 0) throw new DecisionError(`--field wants key=value, got ${JSON.stringify(kv)}`);
  const k = kv.slice(0, eq);
  const v = kv.slice(eq + 1);
  if (/^-?\d+(\.\d+)?$/.test(v)) return [k, Number(v)];
  if (v === 'true' || v === 'false') return [k, v === 'true'];
  if (v === 'null') return [k, null];
  return [k, v];
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

function defaultReviewer(): string {
  return process.env.CLAIMS_REVIEWER ?? os.userInfo().username;
}

export function registerAnnotate(program: Command, setExit: (code: number) => void): void {
  const cmd = program.command('annotate').description('Annotation files: create/merge from out/, decide on items, check.');
  const common = (c: Command): Command => c.option('-o, --out <dir>', 'pipeline output folder', 'out').option('-a, --annotations <dir>', 'annotations folder', 'annotations');

  common(cmd.command('update').description('Create or merge annotations/<id>.json from out/documents (never overwrites decisions).'))
    .option('-d, --doc <ids...>', 'only these documents')
    .option('--prune-drafts', 'drop untouched pending drafts the latest run no longer produces (decided items always stay)')
    .action((o: { out: string; annotations: string; doc?: string[]; pruneDrafts?: boolean }) => {
      const r = updateAnnotations(o.out, o.annotations, o.doc, { pruneDrafts: Boolean(o.pruneDrafts) });
      console.error(`created ${r.created.length}, updated ${r.updated.length}, unchanged ${r.unchanged.length}, errors ${r.errors.length}`);
      for (const [id, s] of Object.entries(r.stats)) if (s.added || s.missing || s.moved || s.lost || s.dropped) console.error(`  ${id}: +${s.added} new, ${s.missing} missing, ${s.moved} moved, ${s.lost} lost, ${s.dropped} stale drafts dropped`);
      for (const e of r.errors) console.error(`${e.file}:${e.line}: ${e.problem}`);
      setExit(r.errors.length ? 1 : 0);
    });

  common(cmd.command('set <docId> <itemId> <status>').description('Record a decision: accepted | rejected | corrected | pending.'))
    .option('-f, --field <k=v>', 'a corrected field (repeatable): value=…, type=…, start=…, end=…, unit=…, actorId=…', collect)
    .option('-n, --note <text>', 'reviewer note')
    .option('-r, --reviewer <name>', 'reviewer (default $CLAIMS_REVIEWER or the login name)')
    .action((docId: string, itemId: string, status: string, o: { out: string; annotations: string; field?: string[]; note?: string; reviewer?: string }) => {
      try {
        if (!isSafeDocId(docId)) throw new DecisionError(`not a valid document id: ${docId}`);
        const file = annotationPath(o.annotations, docId);
        if (!existsSync(file)) throw new DecisionError(`${file} does not exist: run \`claims annotate update\` first`);
        const { file: ann } = readAnnotations(file);
        const corrected = o.field?.length ? Object.fromEntries(o.field.map(parseField)) : undefined;
        const d = DecisionSchema.parse({ itemId, status, reviewer: o.reviewer ?? defaultReviewer(), ...(corrected ? { corrected } : {}), ...(o.note !== undefined ? { note: o.note } : {}) });
        let textLength: number | undefined;
        try {
          textLength = readDocument(o.out, docId).text.length;
        } catch {
          textLength = undefined;
        }
        const item = applyDecision(ann, d, textLength === undefined ? {} : { textLength });
        writeAnnotations(file, ann);
        console.log(`${docId} ${item.id} ${item.type} ${JSON.stringify(item.text)}: ${item.status}${item.corrected ? ` ${JSON.stringify(item.corrected)}` : ''}`);
        setExit(0);
      } catch (err) {
        console.error(`claims annotate set: ${err instanceof AnnotationFileError ? err.message : (err as Error).message}`);
        setExit(1);
      }
    });

  common(cmd.command('apply <docId> <file>').description('Apply many decisions at once from a JSON Lines file (- for stdin): all or nothing.'))
    .option('-r, --reviewer <name>', 'reviewer for lines that name none')
    .addHelpText(
      'after',
      '\nEach line is a decision {"itemId","status","corrected"?,"note"?} or an addition {"add":{"type","start","end","fields"?,"note"?}}.\nIf any line is bad, nothing is written and every bad line is listed as FILE:LINE: problem.',
    )
    .action((docId: string, input: string, o: { out: string; annotations: string; reviewer?: string }) => {
      try {
        if (!isSafeDocId(docId)) throw new DecisionError(`not a valid document id: ${docId}`);
        const target = annotationPath(o.annotations, docId);
        if (!existsSync(target)) throw new DecisionError(`${target} does not exist: run \`claims annotate update\` first`);
        const { file: ann } = readAnnotations(target);
        const doc = readDocument(o.out, docId);
        const label = input === '-' ? '<stdin>' : input;
        const lines = readFileSync(input === '-' ? 0 : input, 'utf8').split('\n');
        const problems: string[] = [];
        let applied = 0;
        lines.forEach((line, i) => {
          if (!line.trim()) return;
          try {
            const raw = JSON.parse(line) as Record<string, unknown>;
            const reviewer = o.reviewer ?? defaultReviewer();
            if (raw.add !== undefined) {
              addItem(ann, doc, NewItemSchema.parse({ reviewer, ...(raw.add as object) }));
            } else {
              applyDecision(ann, DecisionSchema.parse({ reviewer, ...raw }), { textLength: doc.text.length });
            }
            applied++;
          } catch (err) {
            const e = err as Error & { issues?: { path: PropertyKey[]; message: string }[] };
            const why = e.issues ? e.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ') : e.message;
            problems.push(`${label}:${i + 1}: ${why}`);
          }
        });
        if (problems.length) {
          for (const p of problems) console.error(p);
          console.error(`claims annotate apply: ${problems.length} bad line(s); nothing written`);
          setExit(1);
          return;
        }
        writeAnnotations(target, ann);
        console.log(`${docId}: ${applied} decision(s) applied`);
        setExit(0);
      } catch (err) {
        console.error(`claims annotate apply: ${(err as Error).message}`);
        setExit(1);
      }
    });

  common(cmd.command('add <docId> <type> <start> <end>').description('Add an item the pipeline missed (date | actor | quantity | claim), accepted.'))
    .option('-f, --field <k=v>', 'a field of the item (repeatable): value=…, actorId=…, unit=…', collect)
    .option('-n, --note <text>', 'reviewer note')
    .option('-r, --reviewer <name>', 'reviewer')
    .action((docId: string, type: string, start: string, end: string, o: { out: string; annotations: string; field?: string[]; note?: string; reviewer?: string }) => {
      try {
        if (!isSafeDocId(docId)) throw new DecisionError(`not a valid document id: ${docId}`);
        const file = annotationPath(o.annotations, docId);
        const { file: ann } = readAnnotations(file);
        const doc = readDocument(o.out, docId);
        const n = NewItemSchema.parse({ type, start: Number(start), end: Number(end), fields: Object.fromEntries((o.field ?? []).map(parseField)), reviewer: o.reviewer ?? defaultReviewer(), ...(o.note ? { note: o.note } : {}) });
        const item = addItem(ann, doc, n);
        writeAnnotations(file, ann);
        console.log(`${docId} ${item.id} ${item.type} ${JSON.stringify(item.text)}: added`);
        setExit(0);
      } catch (err) {
        console.error(`claims annotate add: ${(err as Error).message}`);
        setExit(1);
      }
    });

  common(cmd.command('list <docId>').description('List items with ids and statuses.'))
    .option('-s, --status <status>', 'only this status (pending, accepted, rejected, corrected)')
    .option('-t, --type <type>', 'only this type')
    .option('--format <fmt>', 'text or json', 'text')
    .action((docId: string, o: { out: string; annotations: string; status?: string; type?: string; format: string }) => {
      try {
        const { file } = readAnnotations(annotationPath(o.annotations, docId));
        const items = file.items.filter((i) => (!o.status || i.status === o.status) && (!o.type || i.type === o.type));
        if (o.format === 'json') console.log(JSON.stringify(items, null, 2));
        else
          for (const i of items) {
            const v = i.type === 'disagreement' ? `${String(i.output.kind ?? '')}: ${String(i.output.summary ?? '')}` : (i.output.value ?? i.output.actorId ?? i.output.relation ?? '');
            console.log(`${i.id}  ${i.status.padEnd(9)} ${i.type.padEnd(12)} [${i.start},${i.end}) ${JSON.stringify(i.text.length > 70 ? `${i.text.slice(0, 67)}...` : i.text)} → ${typeof v === 'string' ? v : JSON.stringify(v)}${i.output.unit ? ` ${String(i.output.unit)}` : ''}${i.latest === 'missing' ? '  (missing from latest run)' : ''}${i.anchor === 'lost' ? '  (LOST: span not found)' : ''}`);
          }
        setExit(0);
      } catch (err) {
        console.error(`claims annotate list: ${(err as Error).message}`);
        setExit(1);
      }
    });

  common(cmd.command('stats').description('Count items per type and status (accepted, rejected, corrected, pending) over all files.'))
    .option('--per-doc', 'one table per document as well')
    .option('--format <fmt>', 'text or json', 'text')
    .action((o: { out: string; annotations: string; perDoc?: boolean; format: string }) => {
      const statuses = ['accepted', 'corrected', 'rejected', 'pending'] as const;
      const total: Record<string, Record<string, number>> = {};
      const perDoc: Record<string, Record<string, Record<string, number>>> = {};
      let bad = 0;
      for (const id of annotatedIds(o.annotations)) {
        try {
          const { file } = readAnnotations(path.join(o.annotations, `${id}.json`));
          const mine: Record<string, Record<string, number>> = {};
          for (const i of file.items) {
            for (const t of [total, mine]) {
              const row = (t[i.type] ??= { accepted: 0, corrected: 0, rejected: 0, pending: 0, added: 0 });
              row[i.status] = (row[i.status] ?? 0) + 1;
              if (i.origin === 'reviewer') row.added = (row.added ?? 0) + 1;
            }
          }
          perDoc[id] = mine;
        } catch (err) {
          bad++;
          console.error((err as Error).message);
        }
      }
      if (o.format === 'json') console.log(JSON.stringify({ total, perDoc }, null, 2));
      else {
        const table = (label: string, t: Record<string, Record<string, number>>): void => {
          console.log(`${label}\n  type          ${statuses.map((st) => st.padStart(9)).join(' ')}  (added by reviewers)`);
          for (const [type, row] of Object.entries(t).sort()) console.log(`  ${type.padEnd(12)}  ${statuses.map((st) => String(row[st] ?? 0).padStart(9)).join(' ')}  ${row.added ?? 0}`);
        };
        if (o.perDoc) for (const [id, t] of Object.entries(perDoc)) table(id, t);
        table('ALL', total);
      }
      setExit(bad ? 1 : 0);
    });

  common(cmd.command('check').description('Validate every annotation file; print file:line: problem for each broken one.')).action((o: { out: string; annotations: string }) => {
    let bad = 0;
    for (const id of annotatedIds(o.annotations)) {
      try {
        readAnnotations(path.join(o.annotations, `${id}.json`));
      } catch (err) {
        bad++;
        console.error((err as Error).message);
      }
    }
    setExit(bad ? 1 : 0);
  });
}
