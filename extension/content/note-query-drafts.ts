/**
 * Documentation query drafts for the coded note, computed once per result (the note text stays
 * in the content script; the drafts are shown in the panel and copied by the coder).
 */
import type { CodingResult } from '../../src/engine/coding-types.js';
import {
  draftDocumentationQueries,
  type DocumentationQuery,
} from '../../src/encounter/documentation-queries.js';

const cache = new WeakMap<CodingResult, DocumentationQuery[]>();

export function queryDraftsFor(text: string, result: CodingResult): DocumentationQuery[] {
  let drafts = cache.get(result);
  if (!drafts) {
    drafts = draftDocumentationQueries(
      text,
      result.codes.map((c) => ({ code: c.code, evidence: c.evidence })),
    );
    cache.set(result, drafts);
  }
  return drafts;
}
