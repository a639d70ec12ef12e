import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLexiconPack } from '../../src/context/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const tool = path.join(root, 'dist/tools/pack-lexicons.mjs');
const data = path.resolve(root, process.env['MARGINALIA_DATA'] ?? '../shared/data');
const hasData = existsSync(path.join(data, 'lexicons/medspacy/context_rules.json'));

/** Runs the bundled tool with its repository root replaced by `fakeRoot` (so dist/ is private). */
function runTool(
  fakeRoot: string,
  env: Record<string, string>,
): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(fakeRoot, 'dist/tools/pack-lexicons.mjs')], {
    cwd: fakeRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!hasData)('build/pack-lexicons', () => {
  let fakeRoot = '';
  beforeAll(() => {
    if (!existsSync(tool)) {
      const b = spawnSync(
        'npx',
        [
          'esbuild',
          'build/pack-lexicons.ts',
          '--bundle',
          '--platform=node',
          '--format=esm',
          `--outfile=${tool}`,
        ],
        { cwd: root },
      );
      expect(b.status).toBe(0);
    }
    fakeRoot = mkdtempSync(path.join(tmpdir(), 'marginalia-lex-'));
    writeFileSync(path.join(fakeRoot, 'package.json'), JSON.stringify({ name: 'marginalia' }));
    cpSync(tool, path.join(fakeRoot, 'dist/tools/pack-lexicons.mjs'));
    return () => rmSync(fakeRoot, { recursive: true, force: true });
  });

  it('writes a pack with a manifest of sources and hashes, then skips when up to date', () => {
    const first = runTool(fakeRoot, { MARGINALIA_DATA: data });
    expect(first.status).toBe(0);
    const pack = readLexiconPack(
      JSON.parse(readFileSync(path.join(fakeRoot, 'dist/packs/lexicons.json'), 'utf8')),
    );
    expect(pack.manifest.sources.map((s) => s.file)).toContain(
      'lexicons/medspacy/context_rules.json',
    );
    for (const s of pack.manifest.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pack.context.rules.length).toBeGreaterThan(500);
    expect(pack.sections.patterns.length).toBe(140);
    expect(
      pack.context.rules.some((r) => r.phrase === 'no evidence of' && r.category === 'negated'),
    ).toBe(true);
    const second = runTool(fakeRoot, { MARGINALIA_DATA: data });
    expect(second.out).toMatch(/up to date/);
  });

  it('fails with file, expected and actual hash on a checksum mismatch', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'marginalia-data-'));
    try {
      cpSync(path.join(data, 'lexicons'), path.join(copy, 'lexicons'), { recursive: true });
      const f = path.join(copy, 'lexicons/negex/negex_triggers.txt');
      chmodSync(f, 0o644);
      writeFileSync(f, `${readFileSync(f, 'utf8')}tampered\t\t[PREN]\n`);
      const r = runTool(fakeRoot, { MARGINALIA_DATA: copy });
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/Checksum mismatch for .*negex_triggers\.txt/);
      expect(r.out).toMatch(/expected sha256 78c268f6/);
      expect(r.out).toMatch(/actual {3}sha256 [0-9a-f]{64}/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('says which files to get when the folder is missing', () => {
    const r = runTool(fakeRoot, {
      MARGINALIA_DATA: path.join(tmpdir(), 'no-such-marginalia-data'),
    });
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/context_rules\.json and section_patterns\.json/);
    expect(r.out).toMatch(/NegEx|negex_triggers\.txt/);
    expect(r.out).toMatch(/MARGINALIA_DATA/);
  });
});
