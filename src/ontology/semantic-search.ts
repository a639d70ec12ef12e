/**
 * Search that understands lay and abbreviated wording ("water on the lungs", "sugar diabetes"):
 * the lexical search of the Ontology (titles, inclusion terms, Index paths, typo-tolerant)
 * combined with the linker's nearest codes in embedding space.
 *
 * Each code found by either side is scored 0.4 · lexical/best-lexical + 0.6 · cosine similarity
 * of the query with the code's title embedding (computed for lexical hits too), so that a
 * lexical hit the model also agrees with comes first and a model-only hit needs a close match.
 */
import type { Ontology } from './ontology.js';
import type { SearchHit, SearchOptions } from './search-index.js';
import { looksLikeCode, toDotless } from './fold-text.js';
import type { TextEmbedder } from '../engine/model-port.js';
import type { CodeIndex } from '../model/code-index.js';

/** Weight of the lexical score; the rest is the model's cosine similarity. */
export const DEFAULT_LEXICAL_WEIGHT = 0.4;

export interface SemanticSearchHit extends Omit<SearchHit, 'via'> {
  via: SearchHit['via'] | 'model';
  /** Cosine similarity of the query with the code's embedding. */
  similarity: number;
}

export interface SemanticSearchOptions extends SearchOptions {
  /** Weight of the lexical side in [0, 1] (default 0.5). */
  lexicalWeight?: number;
}

/**
 * @example
 * const hits = await semanticSearch(ontology, embedder, codeIndex, 'water on the lungs', {limit: 5});
 * hits[0].code; // "J90" (Pleural effusion, not elsewhere classified)
 */
export async function semanticSearch(
  ontology: Ontology,
  embedder: TextEmbedder,
  codeIndex: CodeIndex,
  query: string,
  options: SemanticSearchOptions = {},
): Promise<SemanticSearchHit[]> {
  const limit = options.limit ?? 20;
  const lexical = ontology.search(query, { ...options, limit: Math.max(30, limit) });
  if (looksLikeCode(query) && lexical.some((h) => h.via === 'code'))
    return lexical.slice(0, limit).map((h) => ({ ...h, similarity: 1 }));
  const vector = await embedder.embed([ontology.searchWording(query)]);
  const a = options.lexicalWeight ?? DEFAULT_LEXICAL_WEIGHT;
  const best = lexical[0]?.score ?? 1;
  const byCode = new Map<string, SemanticSearchHit & { combined: number }>();
  for (const h of lexical) {
    const sim = codeIndex.similarity(vector, h.code) ?? 0;
    const combined = a * (h.score / best) + (1 - a) * sim;
    const prev = byCode.get(h.code);
    if (!prev || prev.combined < combined) byCode.set(h.code, { ...h, similarity: sim, combined });
  }
  const neighbours = codeIndex.nearest(vector, {
    limit: Math.max(30, limit),
    filter: options.billableOnly ? (c) => ontology.isBillable(c) : undefined,
  });
  for (const n of neighbours) {
    if (byCode.has(n.code)) continue;
    const title = ontology.title(n.code) ?? '';
    byCode.set(n.code, {
      code: n.code,
      title,
      billable: ontology.isBillable(toDotless(n.code)),
      score: 0,
      via: 'model',
      matched: title,
      similarity: n.similarity,
      combined: (1 - a) * n.similarity,
    });
  }
  // A 7th-character variant ("T70.9XXA") adds nothing below its listed parent ("T70.9").
  const kept: (SemanticSearchHit & { combined: number })[] = [];
  for (const h of [...byCode.values()].sort((x, y) => y.combined - x.combined)) {
    const d = toDotless(h.code);
    if (d.length === 7 && kept.some((k) => d.startsWith(toDotless(k.code).replace(/X+$/, ''))))
      continue;
    kept.push(h);
    if (kept.length >= limit) break;
  }
  return kept.map(({ combined, ...h }) => ({ ...h, score: Math.round(combined * 1000) / 1000 }));
}
