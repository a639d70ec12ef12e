/**
 * ICD-10-PCS in the offscreen document: the PCS pack and the procedure phrases are read from the
 * package (gzipped) on first use and kept; each coding request gets its procedures beside the
 * diagnoses. Procedures are optional: when their files are missing or damaged, diagnosis coding
 * goes on and the panel says why there are no procedures.
 */
import type { CodingScope } from '../../src/engine/coding-types.js';
import { createProcedureCoder, type ProcedureCoder } from '../../src/pcs/create-procedure-coder.js';
import {
  codeProcedures,
  procedureLookupHits,
  type ProcedureCodingResult,
  type ProcedureLookupHit,
} from '../../src/pcs/procedure-coding-result.js';
import { lookupPcsCode } from '../../src/pcs/lookup-pcs-code.js';
import { PcsSearch } from '../../src/pcs/search-pcs.js';
import { assertProcedurePhraseTable } from '../../src/pcs/procedure-phrase-table.js';
import { loadPcsTerminology, type PcsTerminology } from '../../src/pcs/pcs-terminology.js';
import { describeErrorForLog, warnOnce } from '../shared/logger.js';
import { PACK_CATALOG_PATH, parsePackCatalog } from '../shared/pack-catalog.js';
import { fetchPackagedFile, readPackagedJson } from './packaged-file.js';

interface LoadedProcedures {
  terms: PcsTerminology;
  coder: ProcedureCoder;
  search: PcsSearch;
}

/** PCS hits shown in the lookup: those matching most of the query, a few at most. */
const LOOKUP_MIN_SCORE = 0.6;
const LOOKUP_MAX_HITS = 5;

async function loadProcedures(): Promise<LoadedProcedures | null> {
  const catalog = parsePackCatalog(await (await fetchPackagedFile(PACK_CATALOG_PATH)).json());
  if (!catalog.pcs) return null;
  const terms = loadPcsTerminology(await readPackagedJson(catalog.pcs));
  const search = new PcsSearch(terms);
  if (!catalog.pcsPhrases) return { terms, coder: createProcedureCoder(terms), search };
  const phrases = await readPackagedJson(catalog.pcsPhrases);
  assertProcedurePhraseTable(phrases);
  return { terms, coder: createProcedureCoder(terms, { phrases }), search };
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const WARM_DELAY_MS = 10_000;

export class ProcedureHost {
  private loading: Promise<LoadedProcedures | null> | undefined;
  /** Set once loading finished, so that a lookup never waits for the pack. */
  private loaded: LoadedProcedures | null | undefined;
  private warming: Promise<void> | undefined;

  private get(): Promise<LoadedProcedures | null> {
    this.loading ??= loadProcedures()
      .catch((error: unknown) => {
        warnOnce(
          `ICD-10-PCS could not load; coding diagnoses only (${describeErrorForLog(error)}).`,
        );
        return null;
      })
      .then((loaded) => (this.loaded = loaded));
    return this.loading;
  }

  /** Builds the procedure search index in ~8 ms slices, once, so that no lookup waits for it. */
  private warm(loaded: LoadedProcedures): void {
    this.warming ??= loaded.search
      .warmUp(nextTask)
      .catch((error: unknown) =>
        warnOnce(`ICD-10-PCS search could not be built (${describeErrorForLog(error)}).`),
      );
  }

  /** Lookup hits for a typed PCS code or procedure words, each with its table for the builder. */
  search(query: string): ProcedureLookupHit[] {
    const loaded = this.loaded;
    if (!loaded) {
      void this.get(); // the lookup answers with diagnoses now and with procedures once loaded
      return [];
    }
    const info = /^[0-9A-HJ-NP-Z]{3,7}$/i.test(query.trim())
      ? lookupPcsCode(loaded.terms, query)
      : undefined;
    if (info)
      return procedureLookupHits(loaded.terms, [
        { code: info.code, title: info.title, via: 'code', matched: info.code },
      ]);
    // Words are searched once the index is built in the background; until then diagnoses answer alone.
    if (!loaded.search.isWarm) {
      this.warm(loaded);
      return [];
    }
    const hits = loaded.search
      .search(query, LOOKUP_MAX_HITS * 2)
      .filter((h) => h.score >= LOOKUP_MIN_SCORE);
    return procedureLookupHits(loaded.terms, hits).slice(0, LOOKUP_MAX_HITS);
  }

  /** Procedures for `text`, or undefined when ICD-10-PCS is not available. */
  async code(
    text: string,
    scope: CodingScope | undefined,
  ): Promise<ProcedureCodingResult | undefined> {
    const loaded = await this.get();
    if (!loaded) return undefined;
    // After the diagnosis lookup's own warm-up (1.5 s after load, ~1 s of slices): they do not compete.
    setTimeout(() => this.warm(loaded), WARM_DELAY_MS);
    return codeProcedures(loaded.terms, loaded.coder, text, scope ?? 'reportable');
  }
}
