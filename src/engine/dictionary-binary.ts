/**
 * The prebuilt term dictionary in binary form (a column file, ontology/column-file.ts): its
 * numbers are typed arrays read in place and its strings two string lists, so loading it costs
 * no JSON parse and no per-term objects. Codes are stored once each, with a per-term index; word
 * ids are checked against the vocabulary where the dictionary counts them (TermDictionary).
 */
import { decodeColumnFile, encodeColumnFile, type ColumnValue } from '../ontology/column-file.js';
import { DICTIONARY_FORMAT, isCodeColumn, type SerializedDictionary } from './term-dictionary.js';

const WHAT = 'the prebuilt term dictionary';

function uniqueCodes(codes: readonly string[]): { table: string[]; index: Uint32Array } {
  const ids = new Map<string, number>();
  const index = new Uint32Array(codes.length);
  codes.forEach((code, t) => {
    let id = ids.get(code);
    if (id === undefined) ids.set(code, (id = ids.size));
    index[t] = id;
  });
  return { table: [...ids.keys()], index };
}

function checkedRange(name: string, values: ArrayLike<number>, max: number): ArrayLike<number> {
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isInteger(v) || v < 0 || v > max)
      throw new Error(
        `${WHAT}: "${name}" holds ${v} at ${k}; expected a whole number in 0..${max}.`,
      );
  }
  return values;
}

/** The bytes of `dict` ({@link TermDictionary.serialize}). */
export function encodeDictionary(dict: SerializedDictionary): Uint8Array {
  const { table, index } = isCodeColumn(dict.code)
    ? { table: dict.code.table, index: Uint32Array.from(dict.code.index) }
    : uniqueCodes(dict.code);
  const columns: Record<string, ColumnValue> = {
    vocab: dict.vocab,
    codeTable: table,
    codeIndex: index,
    source: Uint8Array.from(checkedRange('source', dict.source, 0xff)),
    depth: Uint8Array.from(checkedRange('depth', dict.depth, 0xff)),
    row: Int32Array.from(dict.row),
    weight: Uint16Array.from(checkedRange('weight', dict.weight, 0xffff)),
    family: Int32Array.from(dict.family),
    words: Int32Array.from(checkedRange('words', dict.words, dict.vocab.length - 1)),
    wordsEnd: Uint32Array.from(dict.wordsEnd),
  };
  const meta = {
    format: dict.format,
    formatVersion: dict.formatVersion,
    terminology: dict.terminology,
  };
  return encodeColumnFile(meta, columns);
}

function column<T extends ColumnValue>(
  columns: Map<string, ColumnValue>,
  name: string,
  isRight: (v: ColumnValue) => boolean,
  length?: number,
): T {
  const v = columns.get(name);
  if (!v || !isRight(v) || (length !== undefined && v.length !== length))
    throw new Error(
      `${WHAT}: expected a column "${name}"${length === undefined ? '' : ` of ${length} values`}, got ${v ? `${v.length} values of another kind` : 'none'}.`,
    );
  return v as T;
}

const isStrings = (v: ColumnValue): boolean => Array.isArray(v);
const isNumbers = (v: ColumnValue): boolean => !Array.isArray(v);

/** Reads what {@link encodeDictionary} wrote; the numeric columns are views of `bytes`. */
export function decodeDictionary(bytes: Uint8Array): SerializedDictionary {
  const { meta, columns } = decodeColumnFile(bytes, WHAT);
  if (meta.format !== DICTIONARY_FORMAT)
    throw new Error(
      `${WHAT}: expected format "${DICTIONARY_FORMAT}", got ${JSON.stringify(meta.format)}.`,
    );
  const table = column<string[]>(columns, 'codeTable', isStrings);
  const index = column<Uint32Array>(columns, 'codeIndex', (v) => v instanceof Uint32Array);
  const num = (name: string, length = index.length): ArrayLike<number> =>
    column<Uint8Array>(columns, name, isNumbers, length);
  const vocab = column<string[]>(columns, 'vocab', isStrings);
  const wordsEnd = num('wordsEnd');
  const words = num('words', index.length ? Number(wordsEnd[index.length - 1]) : 0);
  return {
    format: DICTIONARY_FORMAT,
    formatVersion: Number(meta.formatVersion),
    terminology: String(meta.terminology),
    vocab,
    code: { table, index },
    source: num('source'),
    depth: num('depth'),
    row: num('row'),
    weight: num('weight'),
    family: num('family'),
    words,
    wordsEnd,
  };
}
