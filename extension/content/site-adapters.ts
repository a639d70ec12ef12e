/**
 * Where the note lives on a page, declared as data. The first adapter whose host pattern
 * matches wins; within it, the first note selector that matches anything gives the note
 * regions. Per-EHR adapters are added here (each with a fixture page under
 * test/fixtures/ehr-pages/), not as code.
 */
export interface SiteAdapter {
  id: string;
  /** Host patterns: "*" (any), "example.org" (exact) or "*.example.org" (any subdomain). */
  hosts: string[];
  /** CSS selectors tried in order; all matches of the first selector that matches are read. */
  noteSelectors: string[];
}

export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  {
    id: 'generic',
    hosts: ['*'],
    noteSelectors: ['[data-ehr-note]', '[role="main"]', 'main', 'article'],
  },
];

export function matchesHostPattern(host: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === pattern;
}

export function findSiteAdapter(host: string, adapters: readonly SiteAdapter[] = SITE_ADAPTERS): SiteAdapter {
  const adapter = adapters.find((candidate) => candidate.hosts.some((p) => matchesHostPattern(host, p)));
  if (!adapter) {
    throw new Error(`Expected a site adapter for host "${host}" (the generic one matches "*"), got none.`);
  }
  return adapter;
}
