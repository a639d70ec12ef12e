// Run by the "data" vitest project only when the files built from the licensed release data
// are absent (vitest.config.ts): reports each data-dependent test file as skipped, with why,
// so that a run without the data says how much it did not test.
import { describe, it } from 'vitest';
import { DATA_DEPENDENT_TESTS, missingDataReason } from './data-dependent-tests.js';

describe(`data-dependent tests (${missingDataReason() ?? 'data present'})`, () => {
  for (const file of DATA_DEPENDENT_TESTS) it.skip(file, () => undefined);
});
