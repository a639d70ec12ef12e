/**
 * Checks that a parsed JSON document is a terminology pack this version can read, before the
 * Ontology indexes it: the format, its version, and columns of matching lengths.
 */
import { PACK_FORMAT, PACK_FORMAT_VERSION, type TerminologyPack } from './pack-format.js';

export class OntologyError extends Error {
  override name = 'OntologyError';
  constructor(
    readonly code: 'pack-format' | 'pack-version' | 'pack-corrupt',
    message: string,
  ) {
    super(message);
  }
}

/** Throws {@link OntologyError} unless `pack` is a readable terminology pack. */
export function validatePack(pack: TerminologyPack): void {
  if (!pack || typeof pack !== 'object' || !pack.manifest) {
    const got = pack === null ? 'null' : typeof pack;
    throw new OntologyError(
      'pack-format',
      `Expected a terminology pack object with a manifest, got ${got}.`,
    );
  }
  if (pack.manifest.format !== PACK_FORMAT) {
    const got = JSON.stringify(pack.manifest.format);
    throw new OntologyError('pack-format', `Expected pack format "${PACK_FORMAT}", got ${got}.`);
  }
  if (pack.manifest.formatVersion !== PACK_FORMAT_VERSION) {
    throw new OntologyError(
      'pack-version',
      `Unsupported pack format version ${pack.manifest.formatVersion}. Expected ${PACK_FORMAT_VERSION}; rebuild the pack with this version of Marginalia.`,
    );
  }
  validateColumns(pack);
}

function validateColumns(pack: TerminologyPack): void {
  const n = pack.codes?.length ?? 0;
  if (!n || pack.titles?.length !== n || pack.billable?.length !== n) {
    throw new OntologyError(
      'pack-corrupt',
      `Pack ${pack.manifest.version} is corrupt: expected ${n} titles and billable flags for ${n} codes, got ${pack.titles?.length ?? 0} and ${pack.billable?.length ?? 0}.`,
    );
  }
  const idx = pack.index;
  if (!idx || idx.term.length !== idx.level.length || idx.term.length !== idx.code.length) {
    throw new OntologyError(
      'pack-corrupt',
      `Pack ${pack.manifest.version} is corrupt: the Index columns have different lengths.`,
    );
  }
}
