// Builds dist/packs/lexicons.json from the upstream lexicon files in MARGINALIA_DATA.
//
//   MARGINALIA_DATA   data directory (default: ../shared/data relative to the repository root)
//
// Verifies each lexicons/<source>/ folder against its SHA256SUMS, converts the files with the
// pure parsers in src/, and writes the pack with a manifest of sources and hashes. Skips the
// work when the pack exists and was built from the same files by the same tool.
// The data files themselves are never copied into the repository.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LEXICON_PACK_FORMAT,
  LEXICON_PACK_FORMAT_VERSION,
  type LexiconPack,
  type LexiconPackSource,
} from '../src/context/lexicon-pack.js';
import {
  expandMedspacyContextRules,
  parseNegexTriggers,
  type NegexListKind,
} from '../src/context/parse-context-sources.js';
import type { ContextRule } from '../src/context/context-rule.js';
import { mergeSenseTables, parseSenseTable } from '../src/text/parse-abbreviation-senses.js';
import type { SectionPattern } from '../src/text/section-headers.js';

interface SourceSpec {
  folder: string;
  files: string[];
  license: string;
  origin: string;
  required: boolean;
}

const SOURCES: SourceSpec[] = [
  {
    folder: 'medspacy',
    files: ['context_rules.json', 'section_patterns.json'],
    license: 'MIT',
    origin: 'github.com/medspacy/medspacy@692b32b1885a5eb2f3fa3af61919cb8be87731c2 resources/en/',
    required: true,
  },
  {
    folder: 'negex',
    files: [
      'negex_triggers.txt',
      'history_triggers.txt',
      'hypothetical_triggers.txt',
      'experiencer_triggers.txt',
    ],
    license: 'Apache-2.0',
    origin: 'github.com/chapmanbe/negex@d136b972b5d214959807ad5de1881a3225541fe7',
    required: true,
  },
  {
    folder: 'clinical-abbreviations',
    files: [
      'vanderbilt_clinic_notes.txt',
      'vanderbilt_discharge_sums.txt',
      'sense_distribution_448.txt',
    ],
    license: 'CC-BY-4.0',
    origin:
      'github.com/lisavirginia/clinical-abbreviations@c2530a6519ec02246a4f577bf073e4dfe9428518',
    required: false,
  },
];

const HELP = `Expected the clinical lexicons under <MARGINALIA_DATA>/lexicons/:
  medspacy/    context_rules.json and section_patterns.json from github.com/medspacy/medspacy
               (resources/en/, MIT), with their LICENSE and a SHA256SUMS file
  negex/       negex_triggers.txt (GeneralNegEx.Java.v.1.2.05092009/) and history_triggers.txt,
               hypothetical_triggers.txt, experiencer_triggers.txt (genConText/) from
               github.com/chapmanbe/negex (Apache-2.0), with a SHA256SUMS file
  clinical-abbreviations/ (optional) the Meta-Inventory sense lists (CC BY 4.0), with SHA256SUMS
Set MARGINALIA_DATA to the data directory (default: ../shared/data next to the repository).`;

class PackError extends Error {}

function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'marginalia')
          return dir;
      } catch {
        // not ours; keep walking
      }
    }
    dir = path.dirname(dir);
  }
  return process.cwd();
}

const sha256 = (buf: Buffer | string): string => createHash('sha256').update(buf).digest('hex');

/** Reads SHA256SUMS ("<hash>  <file>" per line) into file → hash. */
function readSums(file: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/i.exec(line.trim());
    if (m) sums.set((m[2] as string).trim(), (m[1] as string).toLowerCase());
  }
  return sums;
}

interface VerifiedFolder {
  spec: SourceSpec;
  contents: Map<string, string>;
  sources: LexiconPackSource[];
}

function verifyFolder(lexDir: string, spec: SourceSpec): VerifiedFolder | null {
  const dir = path.join(lexDir, spec.folder);
  if (!existsSync(dir)) {
    if (!spec.required) {
      console.warn(`pack-lexicons: ${dir} not found; building without ${spec.folder} (optional).`);
      return null;
    }
    throw new PackError(`Lexicon folder not found: ${dir}\n${HELP}`);
  }
  const sumsFile = path.join(dir, 'SHA256SUMS');
  if (!existsSync(sumsFile))
    throw new PackError(`Missing ${sumsFile}: each lexicon folder needs its checksums.\n${HELP}`);
  const sums = readSums(sumsFile);
  // Every file the checksum list names must match, not only the ones we read.
  for (const [name, expected] of sums) {
    const f = path.join(dir, name);
    if (!existsSync(f)) throw new PackError(`Lexicon file listed in ${sumsFile} is missing: ${f}`);
    const actual = sha256(readFileSync(f));
    if (actual !== expected) {
      throw new PackError(
        `Checksum mismatch for ${f}\n  expected sha256 ${expected} (from ${sumsFile})\n  actual   sha256 ${actual}\n` +
          'Replace the file with the upstream copy named in the folder README.',
      );
    }
  }
  const contents = new Map<string, string>();
  const sources: LexiconPackSource[] = [];
  for (const name of spec.files) {
    const f = path.join(dir, name);
    if (!existsSync(f)) throw new PackError(`Lexicon file missing: ${f}\n${HELP}`);
    const expected = sums.get(name);
    if (expected === undefined)
      throw new PackError(`${f} is not listed in ${sumsFile}; cannot verify it.`);
    const buf = readFileSync(f);
    contents.set(name, buf.toString('utf8'));
    sources.push({
      file: `lexicons/${spec.folder}/${name}`,
      sha256: expected,
      bytes: buf.length,
      license: spec.license,
      origin: spec.origin,
    });
  }
  return { spec, contents, sources };
}

function main(): void {
  const root = findRepoRoot();
  const dataDir = path.resolve(root, process.env['MARGINALIA_DATA'] ?? '../shared/data');
  const lexDir = path.join(dataDir, 'lexicons');
  const outFile = path.join(root, 'dist', 'packs', 'lexicons.json');
  const selfPath = fileURLToPath(import.meta.url);
  const generator = `build/pack-lexicons.ts#${sha256(readFileSync(selfPath)).slice(0, 16)}`;

  if (!existsSync(lexDir)) throw new PackError(`Lexicon directory not found: ${lexDir}\n${HELP}`);
  const folders = SOURCES.map((spec) => verifyFolder(lexDir, spec)).filter(
    (f): f is VerifiedFolder => f !== null,
  );
  const sources = folders.flatMap((f) => f.sources);

  if (existsSync(outFile)) {
    try {
      const old = JSON.parse(readFileSync(outFile, 'utf8')) as Partial<LexiconPack>;
      const key = (s: LexiconPackSource[]): string =>
        s
          .map((x) => `${x.file}:${x.sha256}`)
          .sort()
          .join('\n');
      if (
        old.format === LEXICON_PACK_FORMAT &&
        old.formatVersion === LEXICON_PACK_FORMAT_VERSION &&
        old.manifest?.generator === generator &&
        key(old.manifest.sources) === key(sources)
      ) {
        console.log(`pack-lexicons: ${path.relative(root, outFile)} is up to date.`);
        return;
      }
    } catch {
      // unreadable: rebuild
    }
  }

  const get = (folder: string, file: string): string | undefined =>
    folders.find((f) => f.spec.folder === folder)?.contents.get(file);
  const rules: ContextRule[] = [];
  rules.push(
    ...expandMedspacyContextRules(JSON.parse(get('medspacy', 'context_rules.json') as string)),
  );
  const lists: [string, NegexListKind][] = [
    ['negex_triggers.txt', 'negex'],
    ['history_triggers.txt', 'history'],
    ['hypothetical_triggers.txt', 'hypothetical'],
    ['experiencer_triggers.txt', 'experiencer'],
  ];
  for (const [file, kind] of lists)
    rules.push(...parseNegexTriggers(get('negex', file) as string, kind));

  const sectionJson = JSON.parse(get('medspacy', 'section_patterns.json') as string) as {
    section_rules?: unknown;
  };
  if (!Array.isArray(sectionJson.section_rules))
    throw new PackError('section_patterns.json: expected {"section_rules": [...]}.');
  const patterns: SectionPattern[] = (
    sectionJson.section_rules as { literal?: unknown; category?: unknown }[]
  )
    .filter((r) => typeof r.literal === 'string' && typeof r.category === 'string')
    .map((r) => ({ literal: r.literal as string, category: r.category as string }));

  const abbrevFiles: [string, string][] = [
    ['vanderbilt_clinic_notes.txt', 'vanderbilt-clinic'],
    ['vanderbilt_discharge_sums.txt', 'vanderbilt-discharge'],
    ['sense_distribution_448.txt', 'stetson'],
  ];
  const tables = abbrevFiles
    .map(([file, name]) => ({ name, text: get('clinical-abbreviations', file) }))
    .filter((t): t is { name: string; text: string } => t.text !== undefined)
    .map((t) => ({ name: t.name, table: parseSenseTable(t.text) }));

  const pack: LexiconPack = {
    format: LEXICON_PACK_FORMAT,
    formatVersion: LEXICON_PACK_FORMAT_VERSION,
    manifest: { builtAt: new Date().toISOString(), generator, sources },
    context: { rules },
    sections: { patterns },
    abbreviations: { senses: mergeSenseTables(tables) },
  };
  mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(pack));
  renameSync(tmp, outFile);
  console.log(
    `pack-lexicons: wrote ${path.relative(root, outFile)} (${rules.length} context rules, ${patterns.length} section patterns, ` +
      `${pack.abbreviations.senses.length} abbreviation senses).`,
  );
}

try {
  main();
} catch (err) {
  if (err instanceof PackError) {
    console.error(`pack-lexicons: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
