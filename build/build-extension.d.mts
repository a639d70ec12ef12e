// Types for build/build-extension.mjs (plain JS so that build/build.mjs can import it directly).
export type ExtensionVariant = 'release' | 'test';
export declare const EXTENSION_VARIANTS: Readonly<
  Record<ExtensionVariant, { chrome: string; firefox: string; test: boolean }>
>;
export declare function buildExtension(options: {
  root: string;
  dist: string;
  variant?: ExtensionVariant;
}): Promise<void>;
