/**
 * The lexicon pack: context rules, section header patterns and abbreviation sense priors,
 * built by `build/pack-lexicons.ts` from the upstream files in MARGINALIA_DATA (never committed)
 * and written to `dist/packs/lexicons.json`.
 */
import type { SectionPattern } from '../text/section-headers.js';
import type { ContextRule } from './context-rule.js';

/** Format tag of a lexicon pack. */
export const LEXICON_PACK_FORMAT = 'marginalia-lexicon-pack';
/** Current format version. */
export const LEXICON_PACK_FORMAT_VERSION = 1;

/** One upstream file that went into the pack. */
export interface LexiconPackSource {
  /** Path relative to the data directory, e.g. "lexicons/medspacy/context_rules.json". */
  file: string;
  sha256: string;
  bytes: number;
  /** SPDX-style licence, e.g. "MIT", "Apache-2.0", "CC-BY-4.0". */
  license: string;
  /** Upstream repository and commit. */
  origin: string;
}

/** One sense of an abbreviation with its share among that abbreviation's senses. */
export interface AbbreviationSensePrior {
  /** Lowercase abbreviation, e.g. "pe". */
  form: string;
  /** Lowercase sense, e.g. "pulmonary embolism". */
  sense: string;
  /** Mean share across the inventories that list the form (0…1). */
  share: number;
  /** Inventories that list it ("vanderbilt-clinic", "vanderbilt-discharge", "stetson"). */
  sources: string[];
}

/** The whole lexicon pack. */
export interface LexiconPack {
  format: typeof LEXICON_PACK_FORMAT;
  formatVersion: number;
  manifest: {
    builtAt: string;
    generator: string;
    sources: LexiconPackSource[];
  };
  context: { rules: ContextRule[] };
  sections: { patterns: SectionPattern[] };
  abbreviations: { senses: AbbreviationSensePrior[] };
}

/**
 * Checks the shape of a parsed lexicon pack and returns it typed. Throws with a message that
 * says what was expected and what was found.
 */
export function readLexiconPack(json: unknown): LexiconPack {
  const p = json as Partial<LexiconPack> | null;
  if (p === null || typeof p !== 'object' || p.format !== LEXICON_PACK_FORMAT) {
    throw new Error(
      `Not a lexicon pack: expected format "${LEXICON_PACK_FORMAT}", got ${JSON.stringify((p as { format?: unknown } | null)?.format)}.`,
    );
  }
  if (p.formatVersion !== LEXICON_PACK_FORMAT_VERSION) {
    throw new Error(
      `Unsupported lexicon pack version ${String(p.formatVersion)}. Expected ${LEXICON_PACK_FORMAT_VERSION}; rebuild with npm run build.`,
    );
  }
  if (
    !Array.isArray(p.context?.rules) ||
    !Array.isArray(p.sections?.patterns) ||
    !Array.isArray(p.abbreviations?.senses)
  ) {
    throw new Error(
      'Lexicon pack is missing context.rules, sections.patterns or abbreviations.senses; rebuild it.',
    );
  }
  return p as LexiconPack;
}
