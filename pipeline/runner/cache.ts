/**
 * Cache keys. A document's outputs are reused while its key is unchanged; the
 * key hashes its raw bytes, what the manifest says about it, and for every
 * stage its name, version and the hash of its data files. So an edited article
 * re-extracts that article only, a bumped stage version or a changed lexicon
 * re-extracts the documents that pass through that stage (all of them: every
 * document runs every stage), and nothing else does.
 */
import { dataFilesHash } from '../core/data.ts';
import { sha256 } from '../core/ids.ts';
import type { Stage } from '../core/stage.ts';
import type { CorpusManifestEntry } from '../corpus/manifest.ts';

/** Bump when the runner changes what it writes for a document (export format). */
export const EXPORT_VERSION = '1';

export interface StageKey {
  name: string;
  version: string;
  data: string;
}

export function stageKeys(stages: readonly Stage[]): StageKey[] {
  return stages.map((s) => ({ name: s.name, version: s.version, data: dataFilesHash(s.dataFiles) }));
}

export function pipelineKey(stages: readonly Stage[]): string {
  return sha256(JSON.stringify({ export: EXPORT_VERSION, stages: stageKeys(stages) }));
}

/** `manifest`: what the corpus manifest says about the document (the reader puts it on doc.meta). */
export function documentKey(sourceHash: string, pipeline: string, manifest: CorpusManifestEntry | undefined): string {
  return sha256(`${sourceHash}\u0000${pipeline}\u0000${manifest ? JSON.stringify(manifest) : ''}`);
}
