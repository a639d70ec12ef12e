// The CLI as a user runs it: the built bundle, real pack, exit codes and JSON shapes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/load-pack.js';

const CLI = path.join(REPO, 'dist', 'cli', 'marginalia.js');

function run(
  args: string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd: REPO });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('marginalia CLI', () => {
  beforeAll(() => {
    if (!existsSync(CLI))
      throw new Error(`Expected the CLI bundle at ${CLI}; run "npm run build" first.`);
  });

  it('lookup --json returns official titles, billable flags, parents and notes', () => {
    const r = run(['lookup', '--json', 'E11.22', 'S72002A', 'E11']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      code: string;
      title: string;
      billable: boolean;
      parents: { code: string }[];
      notes: Record<string, unknown>;
    }[];
    expect(out.map((o) => [o.code, o.billable])).toEqual([
      ['E11.22', true],
      ['S72.002A', true],
      ['E11', false],
    ]);
    expect(out[0]!.title).toBe('Type 2 diabetes mellitus with diabetic chronic kidney disease');
    expect(out[0]!.parents.map((p) => p.code)).toContain('E11.2');
    expect(out[0]!.notes).toHaveProperty('useAdditionalCode');
  });

  it('lookup of an unknown code gives an error field and exit status 1', () => {
    const r = run(['lookup', '--json', 'E11.22', 'Q99.999']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { code: string; error?: string }[];
    expect(out[0]!.error).toBeUndefined();
    expect(out[1]!.error).toMatch(/Unknown code/);
  });

  it('search --json ranks codes for a typed query', () => {
    const r = run(['search', '--json', 'diabtes', 'mellitus', 'type', '2']);
    expect(r.status).toBe(0);
    const hits = JSON.parse(r.stdout) as { code: string }[];
    expect(hits.some((h) => h.code.startsWith('E11'))).toBe(true);
  });

  it('code --json writes one JSON line per input with exact evidence offsets', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-cli-'));
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    const textA = 'Assessment: essential hypertension.\nNo evidence of pneumonia.';
    writeFileSync(a, textA);
    writeFileSync(b, 'Acute appendicitis.');
    const r = run(['code', '--json', a, b]);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            file: string;
            terminology: string;
            model: string | null;
            codes: {
              code: string;
              system: string;
              evidence: { start: number; end: number; text: string }[];
            }[];
            flagged: { code: string; assertion: string }[];
          },
      );
    expect(lines).toHaveLength(2);
    expect(lines[0]!.file).toBe(a);
    expect(lines[0]!.terminology).toBe('ICD-10-CM 2025-april');
    expect(lines[0]!.codes.map((c) => c.code)).toContain('I10');
    expect(lines[0]!.codes.map((c) => c.code)).not.toContain('J18.9');
    expect(lines[0]!.flagged.find((c) => c.code === 'J18.9')?.assertion).toBe('negated');
    for (const c of lines[0]!.codes) {
      expect(c.system).toBe('ICD-10-CM');
      for (const e of c.evidence) expect(textA.slice(e.start, e.end)).toBe(e.text);
    }
    expect(lines[1]!.codes.some((c) => c.code.startsWith('K35'))).toBe(true);
  });

  it('code reads standard input and honours --scope mentions', () => {
    const r = run(['code', '--json', '--scope', 'mentions', '-'], 'No evidence of pneumonia.');
    expect(r.status).toBe(0);
    const line = JSON.parse(r.stdout) as { codes: { code: string; assertion: string }[] };
    expect(line.codes.find((c) => c.code === 'J18.9')?.assertion).toBe('negated');
  });

  it('code --dir on worker threads (--jobs) writes what one thread writes, in input order', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-cli-'));
    const notes = [
      'Assessment: essential hypertension.\nNo evidence of pneumonia.',
      'Acute appendicitis.',
      'Type 2 diabetes mellitus with diabetic chronic kidney disease, stage 3.',
    ];
    notes.forEach((t, i) => writeFileSync(path.join(dir, `note-${i}.txt`), t));
    const one = run(['code', '--dir', dir, '--jobs', '1']);
    expect(one.status).toBe(0);
    expect(
      one.stdout.match(/^# .*note-\d\.txt/gm)?.map((l) => l.replace(/^.*(note-\d).*$/, '$1')),
    ).toEqual(notes.map((_, i) => `note-${i}`));
    const two = run(['code', '--dir', dir, '--jobs', '2']);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    // One note alone runs the linker on its own thread (cli/model-thread.ts): the same output.
    const alone = notes.map((_, i) => run(['code', path.join(dir, `note-${i}.txt`)]));
    expect(alone.map((r) => r.status)).toEqual([0, 0, 0]);
    expect(alone.map((r) => r.stdout).join('')).toBe(one.stdout);
    const json = ['code', '--json', '--scope', 'mentions', '--no-model', '--dir', dir];
    expect(run([...json, '--jobs', '2']).stdout).toBe(run([...json, '--jobs', '1']).stdout);
    const bad = run(['code', '--jobs', '0', '--dir', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--jobs expects a whole number of threads >= 1; got "0"/);
  }, 180_000);

  it('rejects bad options and binary input with a clear message', () => {
    const bad = run(['code', '--scope', 'everything', '-'], 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--scope must be one of reportable, mentions/);
    const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-cli-'));
    const bin = path.join(dir, 'blob.txt');
    writeFileSync(bin, Buffer.from(Array.from({ length: 2000 }, (_, i) => i % 32)));
    const r = run(['code', bin]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/looks binary/);
    expect(run(['frobnicate']).stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
