export interface StaticFile {
  source: string;
  output: string;
}
export declare const EXTENSION_STATIC_FILES: readonly StaticFile[];
export declare const MANIFEST_OUTPUT: string;
export declare function copyStaticFiles(options: { root: string; out: string }): Promise<void>;
export declare function writeManifest(options: {
  root: string;
  out: string;
  test: boolean;
}): Promise<void>;
