import { describe, expect, it } from 'vitest';
import { decodeColumnFile, encodeColumnFile } from '../../src/ontology/column-file.js';
import { decodeDictionary, encodeDictionary } from '../../src/engine/dictionary-binary.js';
import type { SerializedDictionary } from '../../src/engine/term-dictionary.js';

describe('column file', () => {
  const columns = {
    names: ['alpha', 'béta', '', 'gamma'],
    small: Uint8Array.of(1, 2, 255),
    wide: Int32Array.of(-5, 0, 2 ** 30),
    mid: Uint16Array.of(65535, 7),
    none: [] as string[],
  };

  it('round-trips metadata, strings and typed columns, numbers read as views of the bytes', () => {
    const bytes = encodeColumnFile({ format: 'x', n: 3 }, columns);
    const { meta, columns: back } = decodeColumnFile(bytes, 'the test file');
    expect(meta).toEqual({ format: 'x', n: 3 });
    expect(back.get('names')).toEqual(columns.names);
    expect(back.get('small')).toEqual(columns.small);
    expect(back.get('wide')).toEqual(columns.wide);
    expect(back.get('mid')).toEqual(columns.mid);
    expect(back.get('none')).toEqual([]);
    expect((back.get('wide') as Int32Array).buffer).toBe(bytes.buffer);
  });

  it('reads a file whose bytes sit at an odd offset of a larger buffer', () => {
    const bytes = encodeColumnFile({}, columns);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const back = decodeColumnFile(shifted.subarray(3), 'the test file').columns;
    expect(back.get('wide')).toEqual(columns.wide);
  });

  it('refuses a string with a line break', () => {
    expect(() => encodeColumnFile({}, { s: ['a\nb'] })).toThrow(/line break/);
  });

  it('says what it expected of a file that is not one, truncated or of another version', () => {
    const bytes = encodeColumnFile({}, columns);
    expect(() => decodeColumnFile(new TextEncoder().encode('{"a":1}'), 'the test file')).toThrow(
      /the test file: expected a Marginalia column file \(starting "MGCL"\), got 7 bytes starting "\{\\"a\\""/,
    );
    expect(() => decodeColumnFile(bytes.subarray(0, bytes.length - 8), 'the test file')).toThrow(
      /column "mid" ends at byte \d+, but the file has \d+ bytes/,
    );
    const other = bytes.slice();
    other[4] = 9;
    expect(() => decodeColumnFile(other, 'the test file')).toThrow(
      /expected column file version 1, got 9/,
    );
    const badHeader = bytes.slice();
    badHeader[12] = 0x7b + 1;
    expect(() => decodeColumnFile(badHeader, 'the test file')).toThrow(/JSON header/);
  });
});

describe('binary term dictionary', () => {
  const dict: SerializedDictionary = {
    format: 'marginalia-term-dictionary',
    formatVersion: 7,
    terminology: '2025-april',
    vocab: ['diabet', 'type', 'kidney'],
    code: ['E119', 'N189', 'E119'],
    source: [1, 0, 5],
    depth: [0, 2, 0],
    row: [-1, 4, -1],
    weight: [900, 1000, 900],
    family: [-1, 3, -1],
    words: [0, 1, 2, 0, 2],
    wordsEnd: [2, 3, 5],
  };

  it('round-trips every column, each code stored once', () => {
    const back = decodeDictionary(encodeDictionary(dict));
    const { table, index } = back.code as { table: string[]; index: Uint32Array };
    expect(table).toEqual(['E119', 'N189']);
    expect(Array.from(index, (i) => table[i])).toEqual(dict.code);
    expect({
      ...back,
      code: dict.code,
      vocab: [...back.vocab],
      ...Object.fromEntries(
        ['source', 'depth', 'row', 'weight', 'family', 'words', 'wordsEnd'].map((k) => [
          k,
          Array.from(back[k as 'row']),
        ]),
      ),
    }).toEqual(dict);
  });

  it('refuses values its columns cannot hold, and a file of another kind', () => {
    expect(() => encodeDictionary({ ...dict, depth: [0, 300, 0] })).toThrow(
      /"depth" holds 300 at 1; expected a whole number in 0..255/,
    );
    expect(() => encodeDictionary({ ...dict, words: [0, 1, 2, 0, 3] })).toThrow(/"words" holds 3/);
    const other = encodeColumnFile({ format: 'something-else' }, {});
    expect(() => decodeDictionary(other)).toThrow(
      /expected format "marginalia-term-dictionary", got "something-else"/,
    );
    const missing = encodeColumnFile({ format: 'marginalia-term-dictionary' }, { vocab: ['a'] });
    expect(() => decodeDictionary(missing)).toThrow(/expected a column "codeTable", got none/);
  });
});
