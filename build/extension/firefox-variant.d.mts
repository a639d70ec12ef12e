import type { ExtensionEntry } from './bundle-entries.mjs';
export declare const FIREFOX_ENTRIES: readonly ExtensionEntry[];
export declare const FIREFOX_EXCLUDED: readonly string[];
export declare const FIREFOX_ADDON_ID: string;
export declare function toFirefoxManifest(manifest: Record<string, any>): Record<string, any>;
export declare function buildFirefoxVariant(options: {
  root: string;
  out: string;
  firefoxOut: string;
  test: boolean;
}): Promise<void>;
