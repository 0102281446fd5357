/**
 * The gazetteer tokenises its phrases in one wink pass (tokeniseAll); each phrase must
 * come out as it does alone (tokenise), or aliases and text would split differently.
 */
import { describe, expect, it } from 'vitest';
import { loadData } from '../../../pipeline/core/data.ts';
import { OrganisationsFileSchema, PeopleFileSchema, StatesFileSchema, tokenise, tokeniseAll } from '../../../pipeline/extract/actors/lib/gazetteer.ts';

describe('gazetteer phrases tokenised together', () => {
  it('gives each phrase the tokens it has alone', () => {
    const states = loadData('actors/states.yaml', StatesFileSchema);
    const orgs = loadData('actors/organisations.yaml', OrganisationsFileSchema);
    const people = loadData('actors/people.yaml', PeopleFileSchema);
    const phrases = [
      ...states.states.flatMap((s) => [s.name, ...s.aliases, ...s.adjectives, ...s.capitals, ...s.seats]),
      ...orgs.organisations.flatMap((o) => [o.name, ...o.aliases, ...o.shortNames, ...o.anaphors]),
      ...people.people.flatMap((p) => [p.name, ...p.aliases, ...p.surname, ...p.given]),
      // split and glued words, abbreviations, possessives, hyphens, an empty phrase
      'Ceaușescu', 'Gavrilița', 'U.S.', 'E.U.', "People's Bank of China", 'Russia’s Central Bank', 'Al-Qaeda', 'Guinea-Bissau', '', 'St. Petersburg',
    ];
    expect(tokeniseAll(phrases)).toEqual(phrases.map(tokenise));
  });
});
