/**
 * The offscreen answer behind the encounter view: the pure encounter core (src/encounter) over
 * the loaded terminology. Shared with Firefox's background page.
 */
import { summarizeEncounter } from '../../src/encounter/summarize-encounter.js';
import type { Ontology } from '../../src/ontology/ontology.js';
import type { MessageHandlers } from '../shared/messaging.js';
import type { BackgroundToOffscreen } from '../shared/protocol.js';

export function createEncounterSummaryHandlers(
  getOntology: () => Promise<Ontology>,
): MessageHandlers<Pick<BackgroundToOffscreen, 'summarizeEncounter'>> {
  return {
    async summarizeEncounter({ encounter }) {
      return summarizeEncounter(await getOntology(), encounter);
    },
  };
}
