/**
 * Groups suggestions the way a coder reads them: principal candidates, other diagnoses,
 * history/status codes, and flagged items (negated, uncertain, family, hypothetical, ruled
 * out) kept apart but visible.
 */
import type { CodeSuggestion, CodingResult } from '../../src/engine/coding-types.js';

export interface SuggestionGroups {
  principal: CodeSuggestion[];
  other: CodeSuggestion[];
  history: CodeSuggestion[];
  flagged: CodeSuggestion[];
}

export type SuggestionGroupId = keyof SuggestionGroups;

export const GROUP_TITLES: Record<SuggestionGroupId, string> = {
  principal: 'Principal diagnosis candidates',
  other: 'Other diagnoses',
  history: 'History and status',
  flagged: 'Flagged (not coded as present)',
};

export function groupSuggestions(result: CodingResult): SuggestionGroups {
  const groups: SuggestionGroups = { principal: [], other: [], history: [], flagged: [] };
  const seen = new Set<string>();
  const add = (group: SuggestionGroupId, suggestion: CodeSuggestion): void => {
    const key = `${group}|${suggestion.code}|${suggestion.assertion}`;
    if (seen.has(key)) return;
    seen.add(key);
    groups[group].push(suggestion);
  };
  for (const suggestion of result.codes) {
    if (suggestion.group === 'principal') add('principal', suggestion);
    else if (suggestion.group === 'history') add('history', suggestion);
    else if (suggestion.group === 'flagged') add('flagged', suggestion);
    else add('other', suggestion);
  }
  for (const suggestion of result.flagged) add('flagged', suggestion);
  return groups;
}

/** Short words for an assertion, as shown beside a flagged code. */
export const ASSERTION_LABELS: Record<CodeSuggestion['assertion'], string> = {
  present: 'present',
  negated: 'negated',
  possible: 'uncertain',
  hypothetical: 'hypothetical',
  historical: 'history of',
  family: 'family member',
};
