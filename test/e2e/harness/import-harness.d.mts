// Types for import-harness.mjs.
export declare function importHarness(
  exportsByFile: Record<string, string[]>,
): Promise<Record<string, unknown>>;
