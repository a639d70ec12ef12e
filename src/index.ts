// The pure core of Marginalia: runs in Node and in every browser context.
export * from './ontology/pack-format.js';
export {
  loadOntology,
  OntologyError,
  type Ontology,
  type CodeInfo,
  type HierarchyNode,
  type AppliedNote,
  type IndexEntry,
} from './ontology/ontology.js';
export type { SearchHit, SearchOptions, SearchVia } from './ontology/search-index.js';
export { toDotted, toDotless, looksLikeCode, foldText } from './ontology/fold-text.js';
export { parseCodeRefs, isCodeInRef } from './ontology/parse-code-refs.js';
export * from './engine/coding-types.js';
export { createCoder, type Coder, type CoderOptions } from './engine/create-coder.js';
export { readLexiconPack, type LexiconPack } from './context/lexicon-pack.js';
export { CodeRanker, type RankerModel, type CandidateFeatures } from './engine/code-ranker.js';
export { TermDictionary, type SerializedDictionary } from './engine/term-dictionary.js';
// Terminology updates: a new official release imported in a worker, and what changed.
export {
  buildPackFromRelease,
  classifyReleaseFile,
  ReleaseImportError,
  type BuildPackFromReleaseOptions,
  type ReleaseFileRole,
} from './ontology/build-pack-from-release.js';
export {
  diffTerminologyPacks,
  formatTerminologyDiff,
  type TerminologyDiff,
  type DiffCode,
  type RetitledCode,
  type BillableChange,
} from './ontology/diff-terminology-packs.js';
export {
  readZip,
  listZipEntries,
  ZipError,
  type InflateRaw,
  type ZipEntry,
} from './ontology/read-zip.js';
export { sha256Hex } from './ontology/sha256.js';
// ICD-9-CM through the GEMs.
export {
  Icd9Crosswalk,
  looksLikeIcd9Code,
  resolveCodeSystem,
  toDottedIcd9,
  type GemCandidate,
  type Icd9CodeInfo,
  type Icd9Equivalent,
} from './ontology/icd9-crosswalk.js';
export {
  ICD9_PACK_FORMAT,
  ICD9_PACK_FORMAT_VERSION,
  type Icd9GemsPack,
  type GemTable,
} from './ontology/icd9-gems-pack.js';
// Learning from the coder.
export * from './feedback/index.js';
