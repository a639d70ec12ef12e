/**
 * The lookup box's search: the release's own search-as-you-type (lay wording and misspellings put
 * in the classification's words), joined by the neural linker's nearest codes once the linker is
 * loaded (semantic search), or, for an ICD-9-CM code the release does not have ("250.00",
 * "428.0", "V45.81"), its ICD-10-CM candidates from the GEMs.
 * The ICD-9-CM pack (titles and GEMs, packs/icd9cm-gems.json) is read from the package on the
 * first ICD-9-shaped query and kept per terminology release (titles come from the release).
 */
import { Icd9Crosswalk, looksLikeIcd9Code } from '../../src/ontology/icd9-crosswalk.js';
import type { Icd9GemsPack } from '../../src/ontology/icd9-gems-pack.js';
import type { Ontology } from '../../src/ontology/ontology.js';
import type { SearchHit } from '../../src/ontology/search-index.js';
import { semanticSearch, type SemanticSearchHit } from '../../src/ontology/semantic-search.js';
import type { TextEmbedder } from '../../src/engine/model-port.js';
import type { CodeIndex } from '../../src/model/code-index.js';
import { describeErrorForLog, warnOnce } from '../shared/logger.js';
import type { CodeSearchHit } from '../shared/protocol.js';
import { readPackagedJson, readPackCatalog } from './packaged-file.js';

async function readIcd9Pack(): Promise<Icd9GemsPack | undefined> {
  const catalog = await readPackCatalog();
  return catalog.icd9 ? ((await readPackagedJson(catalog.icd9)) as Icd9GemsPack) : undefined;
}

/** What semantic search needs of the loaded linker. */
export interface SearchLinker {
  embedder: TextEmbedder;
  codeIndex: CodeIndex;
}

const toHit = ({
  code,
  title,
  billable,
  via,
  matched,
}: SearchHit | SemanticSearchHit): CodeSearchHit => ({
  code,
  title,
  billable,
  via,
  matched,
});

export class CodeSearch {
  private pack: Promise<Icd9GemsPack | undefined> | undefined;
  private crosswalk: { ontology: Ontology; crosswalk: Icd9Crosswalk } | undefined;

  constructor(private readonly readPack: () => Promise<Icd9GemsPack | undefined> = readIcd9Pack) {}

  /** `linker`: the loaded neural linker, when it is (else the lexical search alone). */
  async search(
    ontology: Ontology,
    query: string,
    limit: number,
    linker?: SearchLinker,
  ): Promise<CodeSearchHit[]> {
    if (looksLikeIcd9Code(query) && !ontology.has(query)) {
      const crosswalk = await this.crosswalkFor(ontology);
      const hits = crosswalk?.search(query, { limit }) ?? [];
      if (hits.length > 0) return hits.map(toHit);
    }
    if (linker) {
      try {
        const hits = await semanticSearch(ontology, linker.embedder, linker.codeIndex, query, {
          limit,
        });
        // The linker may have embedded an older release: only the active release's codes.
        return hits.filter((h) => ontology.has(h.code)).map(toHit);
      } catch (error) {
        warnOnce(
          `Semantic search failed; the lookup searches text only (${describeErrorForLog(error)}).`,
        );
      }
    }
    return ontology.search(query, { limit }).map(toHit);
  }

  /** The crosswalk titled from `ontology`; undefined (lookup without ICD-9-CM) when the pack is missing or unreadable. */
  private async crosswalkFor(ontology: Ontology): Promise<Icd9Crosswalk | undefined> {
    if (this.crosswalk?.ontology === ontology) return this.crosswalk.crosswalk;
    this.pack ??= this.readPack().catch((error: unknown) => {
      warnOnce(
        `ICD-9-CM crosswalk unavailable; ICD-9-CM codes are searched as text (${describeErrorForLog(error)}).`,
      );
      return undefined;
    });
    const pack = await this.pack;
    if (!pack) return undefined;
    try {
      this.crosswalk = { ontology, crosswalk: new Icd9Crosswalk(pack, ontology) };
      return this.crosswalk.crosswalk;
    } catch (error) {
      warnOnce(
        `ICD-9-CM crosswalk unusable; ICD-9-CM codes are searched as text (${describeErrorForLog(error)}).`,
      );
      this.pack = Promise.resolve(undefined);
      return undefined;
    }
  }
}
