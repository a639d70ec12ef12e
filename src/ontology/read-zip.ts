/**
 * A small ZIP reader for the official release downloads (the CMS "Code Descriptions in Tabular
 * Order" zip, the CDC "table and index" zip), so that the options page can import a release
 * without unpacking it first.
 *
 * Pure: the central directory is parsed here; DEFLATE is done by an {@link InflateRaw} port.
 * In the extension that port is `DecompressionStream('deflate-raw')` (Chrome 103+, Firefox 113+):
 *
 * ```ts
 * const inflateRaw: InflateRaw = async (bytes) =>
 *   new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());
 * ```
 * and in Node `(bytes) => Promise.resolve(zlib.inflateRawSync(bytes))`.
 * Every entry is checked against its CRC-32. Encrypted entries, ZIP64 and methods other than
 * stored (0) and deflate (8) are refused with a clear error.
 *
 * Kept rather than a zip library: the platform already inflates (DecompressionStream, zlib), so
 * what is left is reading the central directory, ~125 lines with no dependency in the pure
 * core; jszip (present in node_modules only as a tool's dependency) would add ~95 KB minified to
 * the options page and offscreen bundles for the same two methods.
 */

/** Inflates raw DEFLATE data (no zlib or gzip header). */
export type InflateRaw = (deflated: Uint8Array) => Promise<Uint8Array>;

export interface ZipEntry {
  /** Path inside the archive, "/"-separated, e.g. "Code Descriptions/icd10cm-order-2026.txt". */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  compressedSize: number;
  /** 0 stored, 8 deflate. */
  method: number;
  crc32: number;
  /** Offset of the local file header. */
  offset: number;
}

export class ZipError extends Error {
  override name = 'ZipError';
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Lists the entries of a ZIP archive (folders left out). */
export function listZipEntries(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ZipError(
      `Expected a ZIP archive (end-of-central-directory record), found none in ${zip.length} bytes.`,
    );
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw new ZipError(
      'ZIP64 archives are not supported; re-zip the release files or select them unzipped.',
    );
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== CENTRAL)
      throw new ZipError(`ZIP central directory is corrupt at entry ${k + 1} of ${count}.`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc32 = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const name = names.decode(zip.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/');
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (flags & 1)
      throw new ZipError(
        `ZIP entry "${name}" is encrypted; expected the official, unencrypted release.`,
      );
    entries.push({ name, size, compressedSize, method, crc32, offset });
  }
  return entries;
}

/**
 * Reads the entries of a ZIP archive that `accept` keeps (default: all) into a map of
 * archive path → bytes.
 *
 * @example
 * const files = await readZip(bytes, inflateRaw, (name) => /\.(txt|xml)$/i.test(name));
 */
export async function readZip(
  zip: Uint8Array,
  inflateRaw: InflateRaw,
  accept: (name: string) => boolean = () => true,
): Promise<Map<string, Uint8Array>> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, Uint8Array>();
  for (const e of listZipEntries(zip)) {
    if (!accept(e.name)) continue;
    if (e.offset + 30 > zip.length || view.getUint32(e.offset, true) !== LOCAL)
      throw new ZipError(`ZIP entry "${e.name}" has no local header at offset ${e.offset}.`);
    const start =
      e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
    const raw = zip.subarray(start, start + e.compressedSize);
    let data: Uint8Array;
    if (e.method === 0) data = raw;
    else if (e.method === 8) data = await inflateRaw(raw);
    else
      throw new ZipError(
        `ZIP entry "${e.name}" uses compression method ${e.method}; expected stored (0) or deflate (8).`,
      );
    if (data.length !== e.size || crc32(data) !== e.crc32) {
      throw new ZipError(
        `ZIP entry "${e.name}" is corrupt: expected ${e.size} bytes with CRC-32 ${hex(e.crc32)}, got ${data.length} bytes with ${hex(crc32(data))}.`,
      );
    }
    out.set(e.name, data);
  }
  return out;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3), as ZIP stores it. */
export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
