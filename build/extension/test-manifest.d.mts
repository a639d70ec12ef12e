export declare const TEST_CONTENT_SCRIPT_MATCHES: readonly string[];
export declare function toTestManifest(manifest: Record<string, any>): Record<string, any>;
