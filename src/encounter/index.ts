/** The coder's encounter: codes across notes, conflicts, sequencing, POA, documentation queries. */
export * from './encounter-types.js';
export { detectNoteKind, NOTE_KIND_LABELS } from './note-kind.js';
export { summarizeEncounter } from './summarize-encounter.js';
export { suggestPoaInNote, encounterPoa, poaQueryPrompt } from './suggest-poa.js';
export { isPoaExempt, POA_EXEMPT_SOURCE } from './poa-exempt-list.js';
export {
  formatEncounterAsText,
  formatEncounterAsCsv,
  buildEncounterBundle,
  reportedPoa,
} from './export-encounter.js';
export {
  draftDocumentationQueries,
  describeLocation,
  type DocumentationQuery,
  type QueryIndicator,
} from './documentation-queries.js';
export { QUERY_FAMILIES, type QueryFamilyId } from './query-families.js';
export {
  startEncounter,
  addNoteToEncounter,
  removeNoteFromEncounter,
  setEncounterChoices,
  titleForNote,
  toPersistentEncounter,
  isPastRetention,
  MAX_ENCOUNTER_NOTES,
} from './encounter-record.js';
