/** Actors: people, states, organisations and groups, linked to gazetteer ids. The code lives in lib/. */
export { extractActors, type ActorInput, type ActorOptions } from './lib/extract.ts';
export { actorsStage, makeActorsStage } from './lib/stage.ts';
export { getActor, actorsForState, type ActorRecord } from './lib/gazetteer.ts';
export { resolveOffice, referenceDate, isoDay } from './lib/offices.ts';
export { translitKey } from './lib/translit.ts';
