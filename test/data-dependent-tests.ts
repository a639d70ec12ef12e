/**
 * The unit tests that need what the licensed release files build: the terminology packs
 * (ICD-10-CM, ICD-10-PCS) and lexicons in dist/packs/ (from ../shared/data or MARGINALIA_DATA)
 * and the built extension in dist/. They run in the "data" vitest project (vitest.config.ts); without those files that
 * project runs test/data-tests-skipped.test.ts instead, which reports each of them as skipped.
 * Everything else runs on synthetic fixtures (test/fixtures/synthetic-pack.json and friends).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..');

export const DATA_DEPENDENT_TESTS = [
  'test/cli/marginalia-cli.test.ts',
  'test/cli/pcs-cli.test.ts',
  'test/cli/terminology-cli.test.ts',
  'test/context/assert-context.test.ts',
  'test/context/pack-lexicons.test.ts',
  'test/encounter/summarize-encounter.test.ts',
  'test/engine/codable-findings.test.ts',
  'test/engine/coding-conventions.test.ts',
  'test/engine/complications-of-care.test.ts',
  'test/engine/context-failure-classes.test.ts',
  'test/engine/evidence-spans.property.test.ts',
  'test/engine/output-snapshot.test.ts',
  'test/engine/reportable-coding.test.ts',
  'test/engine/round-trip.test.ts',
  'test/engine/term-dictionary.test.ts',
  'test/eval/discharge-negation-dev.test.ts',
  'test/eval/public-assertion-examples.test.ts',
  'test/export/check-accepted-codes-pack.test.ts',
  'test/extension/extension-permissions.test.ts',
  'test/extension/offscreen/search-codes.test.ts',
  'test/extension/panel/procedure-builder.test.ts',
  'test/extension/release-build.test.ts',
  'test/feedback/feedback.test.ts',
  'test/model/embed-code-titles.test.ts',
  'test/model/lay-query-search-v2.test.ts',
  'test/model/lay-query-search.test.ts',
  'test/model/linker-parity.test.ts',
  'test/model/model-coder.test.ts',
  'test/model/semantic-search.test.ts',
  'test/ontology/icd9-crosswalk.test.ts',
  'test/ontology/ontology.test.ts',
  'test/ontology/pack-columns.test.ts',
  'test/ontology/release-import.test.ts',
  'test/ontology/terminology-pack.test.ts',
  'test/pcs/lookup-search-pcs.test.ts',
  'test/pcs/pcs-pack.test.ts',
  'test/pcs/procedure-conventions.test.ts',
  'test/text/detect-sections-lexicon-pack.test.ts',
];

/** The files the data-dependent tests read, built by `npm run build` (and build:test). */
const BUILT_FROM_DATA = [
  'dist/packs/icd10cm-2025-april.json',
  'dist/packs/lexicons.json',
  'dist/packs/icd10pcs-2026.json',
  'dist/extension/manifest.json',
  'dist/extension-test/manifest.json',
];

/** Why the data-dependent tests cannot run, or undefined when they can. */
export function missingDataReason(): string | undefined {
  const missing = BUILT_FROM_DATA.filter((file) => !existsSync(path.join(REPO, file)));
  if (missing.length === 0) return undefined;
  return `${missing.join(', ')} not built: run \`node build/build.mjs release test\` with the release files in ../shared/data or MARGINALIA_DATA`;
}
