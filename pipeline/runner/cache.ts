/**
 * Cache keys. A document's outputs are reused while its key is unchanged. The
 * keys form a chain: the base hashes the raw bytes, the manifest entry and the
 * export version; the key after each stage hashes the key before it with the
 * stage's name, version and the hash of its data files. The document's key is
 * the last one. So an edited article re-extracts that article only; a bumped
 * stage version or a changed lexicon changes the keys from that stage on, and
 * the runner re-runs each document from the first stage whose key changed
 * (see `resumeFrom`), keeping what the stages before it produced.
 */
import { dataFilesHash } from '../core/data.ts';
import { sha256 } from '../core/ids.ts';
import type { Stage } from '../core/stage.ts';
import type { CorpusManifestEntry } from '../corpus/manifest.ts';

/** Bump when the runner changes what it writes for a document (export format). */
export const EXPORT_VERSION = '1';

/** Per stage: the hash of its name, version and data files (computed once per run). */
export function stageFingerprints(stages: readonly Stage[]): string[] {
  return stages.map((s) => sha256(JSON.stringify([s.name, s.version, dataFilesHash(s.dataFiles)])));
}

/** [stage name, key after it] for each stage, from the document's bytes and manifest entry. */
export function stageKeys(
  stages: readonly Stage[],
  fingerprints: readonly string[],
  sourceHash: string,
  manifest: CorpusManifestEntry | undefined,
): [string, string][] {
  let key = sha256(`${EXPORT_VERSION}\u0000${sourceHash}\u0000${manifest ? JSON.stringify(manifest) : ''}`);
  return stages.map((s, i) => {
    key = sha256(`${key}\u0000${fingerprints[i] ?? ''}`);
    return [s.name, key];
  });
}

/** The document's key: the key after its last stage (or the base when there are no stages). */
export function documentKey(keys: readonly (readonly [string, string])[], sourceHash: string): string {
  return keys[keys.length - 1]?.[1] ?? sha256(`${EXPORT_VERSION}\u0000${sourceHash}`);
}

/**
 * Layers a stage may assign and the runner can take back off a finished
 * document: each stage's mentions of one type, and the claims. A stage that
 * assigns anything else (text, paragraphs, meta) cannot be re-run alone.
 */
export function rewindable(layer: string): boolean {
  return layer === 'claims' || /^mentions\.[a-z]+$/.test(layer);
}

/**
 * Index of the first stage to re-run from, given the stored keys and the new
 * ones, or undefined when the whole document must run again (different raw
 * input, a stage list that changed shape, or a stage from there on whose
 * output cannot be taken back off). Every stage from there on re-runs, in
 * order, whatever it declares it requires: stages may read any earlier layer.
 */
export function resumeFrom(stages: readonly Stage[], stored: readonly (readonly [string, string])[], next: readonly (readonly [string, string])[]): number | undefined {
  if (stored.length !== next.length) return undefined;
  let first = -1;
  for (let i = 0; i < next.length; i++) {
    const a = stored[i];
    const b = next[i];
    if (!a || !b || a[0] !== b[0]) return undefined;
    if (a[1] !== b[1]) {
      first = i;
      break;
    }
  }
  if (first <= 0) return undefined; // unchanged (the caller's cache hit) or changed from the first stage
  for (let i = first; i < stages.length; i++) if (!stages[i]!.assigns.every(rewindable)) return undefined;
  return first;
}
