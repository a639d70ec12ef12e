// The CLI's terminology commands as a team lead runs them: import a release, diff, ICD-9-CM lookups.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, PACK_PATH, REPO } from '../helpers/load-pack.js';

const CLI = path.join(REPO, 'dist', 'cli', 'marginalia.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('marginalia diff and import-release', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-release-'));
  const order = path.join(dir, 'icd10cm-order-2026.txt');
  const next = path.join(dir, 'icd10cm-2026.json');

  beforeAll(() => {
    if (!existsSync(CLI))
      throw new Error(`Expected the CLI bundle at ${CLI}; run "npm run build" first.`);
    // FY2025's order file with U07.0 deleted and E11.9 retitled.
    const lines = readFileSync(
      path.join(DATA_DIR, 'icd10cm', 'icd10cm-order-2025-april.txt'),
      'utf8',
    )
      .split('\r\n')
      .filter((l) => l.trim() && l.slice(6, 13).trim() !== 'U070')
      .map((l) =>
        l.slice(6, 13).trim() === 'E119'
          ? l.slice(0, 77) + 'Type 2 diabetes mellitus without complications (FY2026)'
          : l,
      );
    writeFileSync(order, lines.join('\r\n') + '\r\n');
  });

  it('import-release builds a pack from the order file, keeping the rest of the base, and says so', () => {
    const r = run(['import-release', order, '--base', PACK_PATH, '--out', next]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /no Tabular List XML; notes, 7th characters and the hierarchy are kept from 2025-april/,
    );
    expect(r.stdout).toMatch(/ICD-10-CM 2026, 74259 billable \+ 23324 headers/);
    expect(r.stdout).toMatch(/deleted 1 \(1 billable\), retitled 1/);
  });

  it('diff lists the deleted and retitled codes, as text and JSON', () => {
    const text = run(['diff', PACK_PATH, next]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('- U07.0\tbillable\tVaping-related disorder');
    expect(text.stdout).toContain(
      '~ E11.9\tType 2 diabetes mellitus without complications\t=> Type 2 diabetes mellitus without complications (FY2026)',
    );
    const json = JSON.parse(run(['diff', '--json', PACK_PATH, next]).stdout) as {
      deleted: { code: string }[];
      retitled: { code: string; newTitle: string }[];
      added: unknown[];
    };
    expect(json.deleted.map((c) => c.code)).toEqual(['U07.0']);
    expect(json.retitled).toMatchObject([
      { code: 'E11.9', newTitle: 'Type 2 diabetes mellitus without complications (FY2026)' },
    ]);
    expect(json.added).toEqual([]);
    const lookup = run(['lookup', '--pack', next, 'E11.9']);
    expect(lookup.stdout.split('\n')[0]).toBe(
      'E11.9\tbillable\tType 2 diabetes mellitus without complications (FY2026)',
    );
  });

  it('diff needs two packs', () => {
    expect(run(['diff', PACK_PATH]).status).toBe(2);
    expect(run(['diff', PACK_PATH, path.join(dir, 'missing.json')]).status).toBe(1);
  });
});

describe('marginalia lookup and search of ICD-9-CM codes', () => {
  it('lookup shows the ICD-9-CM title and the ICD-10-CM candidates of the GEMs', () => {
    const r = run(['lookup', '--json', '250.00', 'V45.81', 'E849.0', 'E11.9']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      code: string;
      system?: string;
      title: string;
      candidates?: { code: string }[];
    }[];
    expect(out.map((o) => [o.code, o.system ?? 'ICD-10-CM'])).toEqual([
      ['250.00', 'ICD-9-CM'],
      ['V45.81', 'ICD-9-CM'],
      ['E849.0', 'ICD-9-CM'],
      ['E11.9', 'ICD-10-CM'],
    ]);
    expect(out[0]!.candidates!.map((c) => c.code)).toContain('E11.9');
    expect(out[1]!.candidates!.map((c) => c.code)).toEqual(['Z95.1']);
    const text = run(['lookup', '428.0']).stdout;
    expect(text).toContain('428.0\tICD-9-CM\tCongestive heart failure, unspecified');
    expect(text).toContain('-> I50.9\tbillable\tHeart failure, unspecified\t[approximate]');
  });

  it('lookup of an ICD-9-CM category lists its codes and exits 1', () => {
    const r = run(['lookup', '250']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/250\.00, 250\.01/);
  });

  it('search of an ICD-9-CM code gives its ICD-10-CM candidates', () => {
    const r = run(['search', '--json', '--no-model', '250.00']);
    expect(r.status, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as { code: string; via: string; matched: string }[];
    expect(hits[0]).toMatchObject({ code: 'E11.9', via: 'icd9-gem' });
    expect(hits[0]!.matched).toMatch(/^ICD-9-CM 250\.00/);
  });
});
