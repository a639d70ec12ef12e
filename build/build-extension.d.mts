// Types for build/build-extension.mjs (plain JS so that build/build.mjs can import it directly).
export interface ExtensionEntry {
  source: string;
  output: string;
  format: 'iife' | 'esm';
}
export interface StaticFile {
  source: string;
  output: string;
}
export declare const EXTENSION_ENTRIES: readonly ExtensionEntry[];
export declare const EXTENSION_STATIC_FILES: readonly StaticFile[];
export declare const ORT_FILES: readonly string[];
export declare const CODER_EXTRAS: readonly { key: 'lexicons' | 'ranker'; output: string; from(root: string, dist: string): string }[];
export declare const ICON_SIZES: readonly number[];
export declare function drawIconPng(size: number): Buffer;
export declare function buildExtension(options: { root: string; dist: string }): Promise<void>;
export declare const FIREFOX_ENTRIES: readonly ExtensionEntry[];
export declare const FIREFOX_EXCLUDED: readonly string[];
export declare const FIREFOX_ADDON_ID: string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export declare function toFirefoxManifest(manifest: Record<string, any>): Record<string, any>;
