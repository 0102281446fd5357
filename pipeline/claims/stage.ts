/**
 * The `claims` stage: the last per-document stage. Pure: reads the text and
 * the date, actor and quantity mentions, assigns doc.claims.
 */
import type { Doc } from '../core/doc.ts';
import type { Stage } from '../core/stage.ts';
import { z } from 'zod';
import { loadData } from '../core/data.ts';
import { getActor } from '../extract/actors/index.ts';
import { type StateOf, extractClaims } from './extract.ts';
import { CUES_FILE, RELATIONS_FILE } from './lexicon.ts';

/** People and state bodies act for their state (from the actors gazetteer). */
export const gazetteerStateOf: StateOf = (actorId) => {
  const a = getActor(actorId);
  return a && a.kind !== 'state' ? a.state : undefined;
};

let stateOfActor: StateOf = gazetteerStateOf;

/** The actors gazetteer's states file, read only for which states have a parent (getActor does not say). */
const STATES_FILE = 'actors/states.yaml';
let regions: Set<string> | undefined;

/** States that are part of another in the gazetteer (de facto states, autonomies): "the region" prefers them. */
export const gazetteerIsRegion = (actorId: string): boolean => {
  regions ??= new Set(
    loadData(STATES_FILE, z.object({ states: z.array(z.object({ id: z.string(), parent: z.string().optional() }).loose()) }).loose())
      .states.filter((s) => s.parent !== undefined)
      .map((s) => s.id),
  );
  return regions.has(actorId);
};

/** Set how person actors map to the state they act for (the actors module's getActor). */
export function setStateOf(fn: StateOf): void {
  stateOfActor = fn;
}

export const claimsStage: Stage = {
  name: 'claims',
  version: '4',
  requires: ['text', 'mentions.date', 'mentions.actor', 'mentions.quantity'],
  assigns: ['claims'],
  dataFiles: [RELATIONS_FILE, CUES_FILE, STATES_FILE],
  run(doc: Doc): Doc {
    doc.claims = extractClaims(doc, { stateOf: stateOfActor, isRegion: gazetteerIsRegion });
    return doc;
  },
};
