/**
 * `claims topic <keyword>`: the dated timeline of every claim under a topic of
 * the relation lexicon (independence, sanctions, elections…), per source,
 * with the disagreements between sources marked. Reads out/ledger.json.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Disagreement, type Ledger, type TimelineItem, LEDGER_FILE, readLedger } from '../../ledger/index.ts';

export interface TopicView {
  topic: string;
  documents: Ledger['documents'];
  items: TimelineItem[];
  disagreements: Disagreement[];
}

/** The topics a keyword names: a topic of the lexicon, a relation family or id; exact first, then by prefix. */
export function matchTopics(ledger: Ledger, keyword: string): string[] {
  const k = keyword.toLowerCase().trim();
  const topics = Object.keys(ledger.timelines);
  if (topics.includes(k)) return [k];
  const byRelation = topics.filter((t) => ledger.timelines[t]!.some((i) => i.relation === k || i.relation.startsWith(`${k}.`)));
  if (byRelation.length > 0) return byRelation;
  return topics.filter((t) => t.startsWith(k) || (k.length >= 4 && k.startsWith(t)));
}

export function topicView(ledger: Ledger, keyword: string): TopicView | null {
  const topics = matchTopics(ledger, keyword);
  if (topics.length === 0) return null;
  const seen = new Set<string>();
  const items: TimelineItem[] = [];
  for (const t of topics) {
    for (const i of ledger.timelines[t]!) {
      if (seen.has(i.claimId)) continue;
      seen.add(i.claimId);
      items.push(i);
    }
  }
  items.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || (a.published ?? '9999').localeCompare(b.published ?? '9999') || a.docId.localeCompare(b.docId));
  const ids = new Set(items.flatMap((i) => i.disagreementIds));
  const docIds = new Set(items.map((i) => i.docId));
  return {
    topic: topics.join(', '),
    documents: ledger.documents.filter((d) => docIds.has(d.id)),
    items,
    disagreements: ledger.disagreements.filter((d) => ids.has(d.id)),
  };
}

function when(i: TimelineItem): string {
  if (i.timeBasis === 'document') return `as of ${i.timeValue}`;
  if (i.timeBasis === 'narrative') return `~${i.timeValue}`;
  return i.timeValue;
}

function oneLine(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function formatTopic(view: TopicView, names: Record<string, string>): string {
  const mark = new Map(view.disagreements.map((d, k) => [d.id, `D${k + 1}`]));
  const name = (id: string | undefined) => (id === undefined ? '' : (names[id] ?? id));
  const docLabel = new Map(view.documents.map((d) => [d.id, [d.outlet, d.published ? `published ${d.published}` : 'publication date unknown'].filter(Boolean).join(', ')]));
  const flags = (i: TimelineItem) =>
    [
      i.polarity === 'negated' ? 'NEGATED' : '',
      i.modality === 'asserted' ? '' : i.modality === 'reported' && i.attributedTo ? `reported by ${name(i.attributedTo)}` : i.modality,
      ...i.disagreementIds.map((d) => `⚠ ${mark.get(d) ?? d}`),
    ]
      .filter(Boolean)
      .join(' · ');
  const lines: string[] = [];
  const sources = new Set(view.items.map((i) => i.docId));
  lines.push(`Topic: ${view.topic} — ${view.items.length} claim${view.items.length === 1 ? '' : 's'} from ${sources.size} source${sources.size === 1 ? '' : 's'}, ${view.disagreements.length} disagreement${view.disagreements.length === 1 ? '' : 's'}`);
  // Who did what, and when: one line per relation and subject, the dates and sources behind it.
  lines.push('');
  lines.push('Who, what, when:');
  const groups = new Map<string, TimelineItem[]>();
  for (const i of view.items) {
    const k = `${i.relation}\u0000${i.polarity}\u0000${i.subject}\u0000${i.object?.actorId ?? i.object?.literal ?? ''}`;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  for (const g of groups.values()) {
    const first = g[0]!;
    const whenList = [...new Set(g.map((i) => `${when(i)} (${i.docId})`))].join('; ');
    lines.push(`  ${first.summary} — ${whenList}`);
  }
  lines.push('');
  lines.push('Timeline (date of the claim; "as of" = the source\'s publication date, "~" = the narrative\'s date):');
  for (const i of view.items) {
    const f = flags(i);
    lines.push(`  ${when(i).padEnd(18)} ${i.summary}${f ? `  [${f}]` : ''}`);
    lines.push(`  ${''.padEnd(18)} ${i.docId} (${docLabel.get(i.docId) ?? 'unknown source'}): “${oneLine(i.quote)}”`);
  }
  lines.push('');
  lines.push('Per source:');
  for (const d of view.documents) {
    const mine = view.items.filter((i) => i.docId === d.id);
    lines.push(`  ${d.id} — ${docLabel.get(d.id)} — ${d.title ?? ''}`.trimEnd());
    for (const i of mine) {
      const f = flags(i);
      lines.push(`    ${when(i).padEnd(18)} ${i.summary}${f ? `  [${f}]` : ''}`);
    }
  }
  if (view.disagreements.length > 0) {
    lines.push('');
    lines.push('Disagreements between sources:');
    for (const d of view.disagreements) {
      lines.push(`  ${mark.get(d.id)} ${d.kind}${d.period ? ` (${d.period.start}..${d.period.end})` : ''}: ${d.summary}`);
      for (const s of d.sides) for (const c of s.claims) lines.push(`     ${c.docId} (${c.published ?? 'undated'}): “${oneLine(c.quote, 140)}”`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function registerTopic(program: Command, setExit: (code: number) => void): void {
  program
    .command('topic')
    .description('Print the dated timeline of every claim under a topic (e.g. independence, sanctions, elections), per source, with disagreements marked.')
    .argument('<keyword>', 'a topic keyword of the relation lexicon, a relation family (alignment) or a relation id (sanctions.lift)')
    .option('-o, --out <dir>', 'output folder holding ledger.json', 'out')
    .option('-f, --format <format>', 'text or json', 'text')
    .addHelpText('after', '\nReads <out>/ledger.json (written by `claims run`). Topics: see the `topics` of pipeline/lang/en/claims/relations.yaml.')
    .action((keyword: string, opts: { out: string; format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') {
        console.error(`claims topic: --format must be text or json, not "${opts.format}"`);
        setExit(2);
        return;
      }
      const file = path.join(opts.out, LEDGER_FILE);
      if (!existsSync(file)) {
        console.error(`claims topic: ${file} not found; run the pipeline first (npm run pipeline)`);
        setExit(2);
        return;
      }
      let ledger: Ledger;
      try {
        ledger = readLedger(file);
      } catch (err) {
        console.error(`claims topic: ${file} is not a valid ledger: ${(err as Error).message.slice(0, 300)}`);
        setExit(2);
        return;
      }
      const view = topicView(ledger, keyword);
      if (!view) {
        console.error(`claims topic: no topic "${keyword}"; topics are: ${Object.keys(ledger.timelines).join(', ')}`);
        setExit(2);
        return;
      }
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : formatTopic(view, ledger.actors));
      setExit(0);
    });
}
