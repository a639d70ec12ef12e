// The test build's manifest: the release manifest plus a content script declared for the
// loopback origins, where the e2e suite, the screenshots, the demo and the benchmarks serve
// their synthetic EHR pages. A pattern without a port matches any port. The release build
// declares no content script: on real EHR origins it is injected on demand (activeTab or a
// granted host permission).

/** Origins of the synthetic fixture pages (test build only). */
export const TEST_CONTENT_SCRIPT_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

export function toTestManifest(manifest) {
  if (manifest.content_scripts !== undefined) {
    throw new Error(
      'build-extension: expected the release manifest.json without content_scripts (the test build adds them), got some.',
    );
  }
  return {
    ...structuredClone(manifest),
    content_scripts: [
      { matches: TEST_CONTENT_SCRIPT_MATCHES, js: ['content.js'], run_at: 'document_idle' },
    ],
  };
}
