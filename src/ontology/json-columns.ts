/**
 * A JSON object with large columns (a terminology pack: 97,584 titles, 81,024 Index rows) in a
 * column file (ontology/column-file.ts): lists of strings and of whole numbers, at the top level
 * or in an object of lists, become columns that load without a JSON parse; everything else is
 * kept as JSON text. Decoding gives back an object equal to the input, keys in the same order.
 */
import { decodeColumnFile, encodeColumnFile, type ColumnValue } from './column-file.js';

type Kind = 'str' | 'i32' | 'json';
/** A top-level key: one column, or an object whose keys are columns. */
type Layout = { key: string; kind: Kind } | { key: string; fields: { key: string; kind: Kind }[] };

const LAYOUT = 'jsonColumnsLayout';

function isStringColumn(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string' && !s.includes('\n'));
}

function isIntColumn(v: unknown): v is number[] {
  return (
    Array.isArray(v) &&
    v.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31)
  );
}

function put(columns: Record<string, ColumnValue>, name: string, value: unknown): Kind {
  if (isStringColumn(value) && value.length > 0) {
    columns[name] = value;
    return 'str';
  }
  if (isIntColumn(value) && value.length > 0) {
    columns[name] = Int32Array.from(value);
    return 'i32';
  }
  columns[name] = [JSON.stringify(value)];
  return 'json';
}

/** An object of lists (the Index's level, term, code, ... by row). */
const isColumnObject = (v: unknown): v is Record<string, unknown[]> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((w) => Array.isArray(w));

/** The column file of `value`, with `meta` beside the layout. */
export function encodeJsonColumns(
  value: Record<string, unknown>,
  meta: Record<string, unknown>,
): Uint8Array {
  const columns: Record<string, ColumnValue> = {};
  const layout: Layout[] = Object.entries(value).map(([key, v]) => {
    if (!isColumnObject(v)) return { key, kind: put(columns, key, v) };
    const fields = Object.entries(v).map(([sub, w]) => ({
      key: sub,
      kind: put(columns, `${key}.${sub}`, w),
    }));
    return { key, fields };
  });
  return encodeColumnFile({ ...meta, [LAYOUT]: layout }, columns);
}

function take(columns: Map<string, ColumnValue>, name: string, kind: Kind, what: string): unknown {
  const c = columns.get(name);
  const right = kind === 'i32' ? c instanceof Int32Array : Array.isArray(c);
  if (!c || !right)
    throw new Error(
      `${what}: expected a ${kind} column "${name}", got ${c ? 'another kind' : 'none'}.`,
    );
  if (kind === 'str') return c;
  if (kind === 'i32') return Array.from(c as Int32Array);
  return JSON.parse((c as string[])[0]!);
}

/** The object {@link encodeJsonColumns} wrote, and its metadata (without the layout). */
export function decodeJsonColumns(
  bytes: Uint8Array,
  what: string,
): { value: Record<string, unknown>; meta: Record<string, unknown> } {
  const { meta, columns } = decodeColumnFile(bytes, what);
  const { [LAYOUT]: layout, ...rest } = meta;
  if (!Array.isArray(layout))
    throw new Error(`${what}: expected a column layout in the header, got none.`);
  const value: Record<string, unknown> = {};
  for (const l of layout as Layout[]) {
    if ('kind' in l) value[l.key] = take(columns, l.key, l.kind, what);
    else {
      const obj: Record<string, unknown> = {};
      for (const f of l.fields) obj[f.key] = take(columns, `${l.key}.${f.key}`, f.kind, what);
      value[l.key] = obj;
    }
  }
  return { value, meta: rest };
}
