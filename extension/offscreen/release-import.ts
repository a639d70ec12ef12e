/**
 * A new terminology release from the official files: unzip (DecompressionStream), build the
 * pack over the one in use (`buildPackFromRelease({base})`: an order-file-only release keeps the
 * current notes and Index), and summarise what changed for the team lead.
 */
import {
  buildPackFromRelease,
  classifyReleaseFile,
} from '../../src/ontology/build-pack-from-release.js';
import { diffTerminologyPacks } from '../../src/ontology/diff-terminology-packs.js';
import type { TerminologyPack } from '../../src/ontology/pack-format.js';
import { readZip, type InflateRaw } from '../../src/ontology/read-zip.js';
import type { TerminologyReleasePreview } from '../shared/protocol.js';
import type { ReleaseUpload } from '../shared/release-uploads.js';

const EXAMPLES = 5;
const MAX_WARNINGS = 20;

export const inflateRaw: InflateRaw = async (bytes) =>
  new Uint8Array(
    await new Response(
      new Blob([bytes as Uint8Array<ArrayBuffer>])
        .stream()
        .pipeThrough(new DecompressionStream('deflate-raw')),
    ).arrayBuffer(),
  );

export class ReleaseFilesError extends Error {
  readonly code = 'release-files';
  override name = 'ReleaseFilesError';
}

/** The release files of an upload, zips opened, by name; files that are not part of a release are skipped. */
export async function readReleaseFiles(
  upload: Pick<ReleaseUpload, 'files'>,
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const { name, blob } of upload.files) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (name.toLowerCase().endsWith('.zip')) {
      for (const [inner, data] of await readZip(
        bytes,
        inflateRaw,
        (n) => classifyReleaseFile(n) !== undefined,
      ))
        files.set(inner, data);
    } else if (classifyReleaseFile(name) !== undefined) {
      files.set(name, bytes);
    }
  }
  if (![...files.keys()].some((name) => classifyReleaseFile(name) === 'codes')) {
    throw new ReleaseFilesError(
      `Expected the release's order file (icd10cm-order-YYYY.txt, alone or in its zip), got ${files.size ? [...files.keys()].map((n) => n.split('/').pop()).join(', ') : 'no release files'}.`,
    );
  }
  return files;
}

export interface BuiltRelease {
  pack: TerminologyPack;
  preview: TerminologyReleasePreview;
}

export async function buildRelease(
  upload: Pick<ReleaseUpload, 'files'>,
  version: string,
  base: TerminologyPack,
): Promise<BuiltRelease> {
  const started = performance.now();
  const warnings: string[] = [];
  const files = await readReleaseFiles(upload);
  const pack = buildPackFromRelease(files, {
    version,
    base,
    onWarning: (message) => {
      if (warnings.length < MAX_WARNINGS) warnings.push(message.slice(0, 300));
    },
  });
  const diff = diffTerminologyPacks(base, pack);
  const brief = (c: { code: string; title: string; billable: boolean }) => ({
    code: c.code,
    title: c.title,
    billable: c.billable,
  });
  const { counts } = diff;
  return {
    pack,
    preview: {
      version: pack.manifest.version,
      from: diff.from,
      to: diff.to,
      counts: {
        oldCodes: counts.oldCodes,
        newCodes: counts.newCodes,
        added: counts.added,
        deleted: counts.deleted,
        retitled: counts.retitled,
        billableChanged: counts.billableChanged,
        addedBillable: counts.addedBillable,
        deletedBillable: counts.deletedBillable,
      },
      added: diff.added.slice(0, EXAMPLES).map(brief),
      deleted: diff.deleted.slice(0, EXAMPLES).map(brief),
      retitled: diff.retitled
        .slice(0, EXAMPLES)
        .map(({ code, oldTitle, newTitle }) => ({ code, oldTitle, newTitle })),
      warnings,
      buildMs: Math.round(performance.now() - started),
    },
  };
}
