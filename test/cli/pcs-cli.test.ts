// ICD-10-PCS through the built CLI: lookup of codes and partial codes, search, procedures in code --json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/load-pack.js';

const CLI = path.join(REPO, 'dist', 'cli', 'marginalia.js');
const run = (args: string[]): { status: number | null; stdout: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO });
  return { status: r.status, stdout: r.stdout };
};

describe('marginalia CLI with ICD-10-PCS', () => {
  it('looks up a PCS code and a partial code beside an ICD-10-CM code', () => {
    const r = run(['lookup', '--json', 'E11.22', '0DTJ4ZZ', '0DTJ']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{
      code: string;
      system?: string;
      title: string;
      next?: { title: string; values: { value: string }[] };
    }>;
    expect(out[1]).toMatchObject({
      code: '0DTJ4ZZ',
      system: 'ICD-10-PCS',
      title: 'Resection of Appendix, Percutaneous Endoscopic Approach',
    });
    expect(out[2]!.next?.title).toBe('Approach');
    expect(out[2]!.next?.values.map((v) => v.value).sort()).toEqual(['0', '4', '7', '8']);
  });

  it('says what was expected for a code no table holds', () => {
    const r = run(['lookup', '--json', '0DTJ4ZX']);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as Array<{ error: string }>)[0]!.error).toMatch(
      /no valid ICD-10-PCS code starts with "0DTJ4ZX"/,
    );
  });

  it('searches PCS Index terms with --system pcs', () => {
    const r = run(['search', '--json', '--no-model', '--system', 'pcs', 'colonoscopy']);
    expect((JSON.parse(r.stdout) as Array<{ code: string }>)[0]!.code).toBe('0DJD8ZZ');
  });

  it('puts procedures beside the diagnosis codes in code --json, each with system ICD-10-PCS', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-pcs-'));
    const file = path.join(dir, 'op-note.txt');
    writeFileSync(file, 'Acute appendicitis. Laparoscopic appendectomy was performed.');
    const r = run(['code', '--json', '--no-model', file]);
    const line = JSON.parse(r.stdout.trim()) as {
      codes: Array<{ system: string }>;
      procedures: Array<{ code: string; system: string }>;
    };
    expect(line.codes.every((c) => c.system === 'ICD-10-CM')).toBe(true);
    expect(line.procedures.map((p) => [p.code, p.system])).toContainEqual([
      '0DTJ4ZZ',
      'ICD-10-PCS',
    ]);
  });
});
