// The pure core of Marginalia: runs in Node and in every browser context.
export * from './ontology/pack-format.js';
export { loadOntology, Ontology, OntologyError, type CodeInfo, type HierarchyNode, type AppliedNote, type IndexEntry } from './ontology/ontology.js';
export type { SearchHit, SearchOptions, SearchVia } from './ontology/search-index.js';
export { toDotted, toDotless, looksLikeCode, foldText } from './ontology/fold-text.js';
export { parseCodeRefs, isCodeInRef } from './ontology/parse-code-refs.js';
export * from './engine/coding-types.js';
export { createCoder, type Coder, type CoderOptions } from './engine/create-coder.js';
export { readLexiconPack, type LexiconPack } from './context/lexicon-pack.js';
export { CodeRanker, type RankerModel, type CandidateFeatures } from './engine/code-ranker.js';
export { TermDictionary, type SerializedDictionary } from './engine/term-dictionary.js';
