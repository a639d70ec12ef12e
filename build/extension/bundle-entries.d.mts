export interface ExtensionEntry {
  source: string;
  output: string;
  format: 'iife' | 'esm';
}
export declare const EXTENSION_ENTRIES: readonly ExtensionEntry[];
export declare function entryPointsOf(
  root: string,
  entries: readonly ExtensionEntry[],
): Record<string, string>;
export declare function bundleEntries(options: {
  root: string;
  out: string;
  test: boolean;
}): Promise<void>;
