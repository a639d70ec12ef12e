import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPackFromDisk } from '../../cli/read-pack.js';
import { encodePackColumns } from '../../src/ontology/pack-columns.js';

describe('reading the terminology pack from disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-pack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const jsonPath = path.join(dir, 'pack.json');
  const binPath = path.join(dir, 'pack.bin');
  writeFileSync(jsonPath, JSON.stringify({ from: ['json'] }));
  // The binary form says something else, so the test can tell which one was read.
  const writeBinary = (): void => {
    const { size, mtimeMs } = statSync(jsonPath);
    writeFileSync(binPath, encodePackColumns({ from: ['binary'] }, { bytes: size, mtimeMs }));
  };

  it('reads the binary form made from this very JSON file', () => {
    writeBinary();
    expect(readPackFromDisk(jsonPath)).toEqual({ from: ['binary'] });
  });

  it('reads the JSON once it changed after the binary form was made', () => {
    writeBinary();
    const later = new Date(statSync(jsonPath).mtimeMs + 5_000);
    utimesSync(jsonPath, later, later);
    expect(readPackFromDisk(jsonPath)).toEqual({ from: ['json'] });
  });

  it('says so when the JSON pack does not parse', () => {
    rmSync(binPath);
    writeFileSync(jsonPath, '{"codes": [');
    expect(() => readPackFromDisk(jsonPath)).toThrow(
      /Terminology pack .*pack\.json is not valid JSON \(.*\); rebuild it with "npm run build"\./,
    );
  });
});
