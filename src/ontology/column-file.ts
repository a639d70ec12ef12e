/**
 * A small binary container for build outputs that are columns of numbers and lists of strings
 * (the prebuilt term dictionary): read without a JSON parse, its numeric columns are views of
 * the file's own bytes. Layout, little-endian:
 *
 *   "MGCL" · format version (u32) · header length (u32) · header (UTF-8 JSON) · columns
 *
 * The header holds free-form metadata and, per column, its name, type, byte offset and
 * element count. Every column starts at a multiple of 8 bytes. A string column is its strings'
 * UTF-8 joined by "\n" (so a string may not contain one).
 */

const MAGIC = 'MGCL';
const COLUMN_FILE_VERSION = 1;
const PREAMBLE_BYTES = 12;

type NumberArray = Uint8Array | Uint16Array | Int32Array | Uint32Array;
export type ColumnValue = NumberArray | readonly string[];

const TYPES = {
  u8: Uint8Array,
  u16: Uint16Array,
  i32: Int32Array,
  u32: Uint32Array,
} as const;
type NumberType = keyof typeof TYPES;
type ColumnType = NumberType | 'str';

interface ColumnEntry {
  name: string;
  type: ColumnType;
  offset: number;
  bytes: number;
  count: number;
}

interface ColumnHeader {
  meta: Record<string, unknown>;
  columns: ColumnEntry[];
}

export interface ColumnFile {
  meta: Record<string, unknown>;
  columns: Map<string, ColumnValue>;
}

function typeOf(value: ColumnValue): ColumnType {
  if (value instanceof Uint8Array) return 'u8';
  if (value instanceof Uint16Array) return 'u16';
  if (value instanceof Int32Array) return 'i32';
  if (value instanceof Uint32Array) return 'u32';
  return 'str';
}

function stringBytes(name: string, strings: readonly string[]): Uint8Array {
  if (strings.some((s) => s.includes('\n')))
    throw new Error(`Column "${name}" holds a string with a line break; expected none.`);
  return new TextEncoder().encode(strings.join('\n'));
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** The file's bytes for `meta` and the named `columns`, in the order given. */
export function encodeColumnFile(
  meta: Record<string, unknown>,
  columns: Record<string, ColumnValue>,
): Uint8Array {
  const parts = Object.entries(columns).map(([name, value]) => {
    const type = typeOf(value);
    const bytes =
      type === 'str'
        ? stringBytes(name, value as readonly string[])
        : new Uint8Array(
            (value as NumberArray).buffer,
            (value as NumberArray).byteOffset,
            (value as NumberArray).byteLength,
          );
    return { name, type, bytes, count: value.length };
  });
  // Offsets are relative to the end of the header, so the header can name them before its own length is known.
  let at = 0;
  const entries: ColumnEntry[] = parts.map((p) => {
    const entry = { name: p.name, type: p.type, offset: at, bytes: p.bytes.length, count: p.count };
    at = align8(at + p.bytes.length);
    return entry;
  });
  const header = new TextEncoder().encode(JSON.stringify({ meta, columns: entries }));
  const dataStart = align8(PREAMBLE_BYTES + header.length);
  const out = new Uint8Array(dataStart + at);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, COLUMN_FILE_VERSION, true);
  view.setUint32(8, header.length, true);
  out.set(header, PREAMBLE_BYTES);
  parts.forEach((p, k) => out.set(p.bytes, dataStart + entries[k]!.offset));
  return out;
}

/** Reads a file {@link encodeColumnFile} wrote; `what` names it in errors ("the term dictionary"). */
export function decodeColumnFile(bytes: Uint8Array, what: string): ColumnFile {
  const header = readHeader(bytes, what);
  const dataStart = align8(
    PREAMBLE_BYTES + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true),
  );
  // Typed views need their element alignment; a file read into a shared pool may not have it.
  const data = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const columns = new Map<string, ColumnValue>();
  for (const c of header.columns) {
    const start = dataStart + c.offset;
    if (start + c.bytes > data.length)
      throw new Error(
        `${what}: column "${c.name}" ends at byte ${start + c.bytes}, but the file has ${data.length} bytes; expected a complete file (rebuild it with "npm run build").`,
      );
    columns.set(c.name, readColumn(data, start, c, what));
  }
  return { meta: header.meta, columns };
}

function readHeader(bytes: Uint8Array, what: string): ColumnHeader {
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (bytes.length < PREAMBLE_BYTES || magic !== MAGIC)
    throw new Error(
      `${what}: expected a Marginalia column file (starting "${MAGIC}"), got ${bytes.length} bytes starting ${JSON.stringify(magic)}.`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== COLUMN_FILE_VERSION)
    throw new Error(
      `${what}: expected column file version ${COLUMN_FILE_VERSION}, got ${version}; rebuild it with "npm run build".`,
    );
  const length = view.getUint32(8, true);
  let header: ColumnHeader;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + length),
      ),
    ) as ColumnHeader;
  } catch (err) {
    throw new Error(
      `${what}: expected a JSON header of ${length} bytes, got one that does not parse (${(err as Error).message}).`,
    );
  }
  if (!Array.isArray(header.columns))
    throw new Error(`${what}: expected a header with a list of columns, got none.`);
  return header;
}

function readColumn(data: Uint8Array, start: number, c: ColumnEntry, what: string): ColumnValue {
  if (c.type === 'str') {
    const text = new TextDecoder().decode(data.subarray(start, start + c.bytes));
    const strings = c.count === 0 ? [] : text.split('\n');
    if (strings.length !== c.count)
      throw new Error(
        `${what}: column "${c.name}" should hold ${c.count} strings, holds ${strings.length}.`,
      );
    return strings;
  }
  const Type = TYPES[c.type];
  if (!Type || c.bytes !== c.count * Type.BYTES_PER_ELEMENT)
    throw new Error(
      `${what}: column "${c.name}" has type ${JSON.stringify(c.type)}, ${c.count} values in ${c.bytes} bytes; expected one of ${Object.keys(TYPES).join(', ')}, str with matching sizes.`,
    );
  return new Type(data.buffer as ArrayBuffer, data.byteOffset + start, c.count);
}
