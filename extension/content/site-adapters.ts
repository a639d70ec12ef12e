/**
 * Where the note lives on a page, declared as data. An adapter applies when the page's host
 * matches one of its host patterns, or when one of its `detect` selectors finds the EHR's own
 * markup (so an adapter also works on a hospital's own domain). The generic adapter is last
 * and matches everything. Within an adapter, the first note selector that matches anything
 * gives the note regions; `excludeSelectors` are skipped inside them (banners, toolbars).
 *
 * Every adapter has a synthetic fixture page under test/fixtures/ehr-pages/ and a test
 * (test/extension/content/site-adapters.test.ts enforces it).
 */
export interface SiteAdapter {
  id: string;
  /** Human name, shown in the options page. */
  label: string;
  /** Host patterns: "*" (any), "example.org" (exact) or "*.example.org" (any subdomain). */
  hosts: string[];
  /** Selectors that recognise the EHR by its markup on any host. */
  detect?: string[];
  /** CSS selectors tried in order; all matches of the first selector that matches are read. */
  noteSelectors: string[];
  /** Never read inside the note regions: patient banners, toolbars, buttons. */
  excludeSelectors?: string[];
  /**
   * Skip page chrome the reader recognises by itself (content/page-chrome.ts: navigation,
   * banners, sidebars, menus). The generic reader does; a site adapter names its own excludes.
   */
  skipsPageChrome?: boolean;
}

export const GENERIC_ADAPTER: SiteAdapter = {
  id: 'generic',
  label: 'Any page (generic reader)',
  hosts: ['*'],
  noteSelectors: ['[data-ehr-note]', '[role="main"]', 'main', 'article'],
  skipsPageChrome: true,
};

export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  {
    // A single-page chart app (synthetic "Meridian Chart"): the encounter note is swapped in
    // place when the coder picks another patient; the banner and toolbar sit inside the app.
    id: 'meridian-chart',
    label: 'Meridian Chart (single-page app)',
    hosts: ['*.meridian-chart.example'],
    detect: ['[data-app="meridian-chart"]'],
    noteSelectors: ['[data-meridian-note]', '.encounter-note'],
    excludeSelectors: ['.patient-banner', '.note-toolbar', '[data-meridian-meta]'],
  },
  {
    // A table-heavy chart summary (synthetic "Harbor Health"): problem list, encounter
    // diagnoses and the assessment are read; vitals, labs and the medication table are not.
    id: 'harbor-summary',
    label: 'Harbor Health chart summary',
    hosts: ['*.harborhealth.example'],
    detect: ['#harbor-chart-summary'],
    noteSelectors: ['#harbor-chart-summary [data-harbor-section="clinical"]'],
    excludeSelectors: ['.harbor-codes', 'thead', '.harbor-actions'],
  },
  GENERIC_ADAPTER,
];

export function matchesHostPattern(host: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === pattern;
}

function isDetected(adapter: SiteAdapter, doc: Document | undefined): boolean {
  if (!doc || !adapter.detect) return false;
  return adapter.detect.some((selector) => {
    try {
      return doc.querySelector(selector) !== null;
    } catch {
      return false; // an invalid selector in data must not break reading
    }
  });
}

/** The adapter for a page: a specific host match, else a markup match, else the generic one. */
export function findSiteAdapter(
  host: string,
  adapters: readonly SiteAdapter[] = SITE_ADAPTERS,
  doc?: Document,
): SiteAdapter {
  const specific = adapters.filter((a) => !a.hosts.includes('*'));
  const adapter =
    specific.find((a) => a.hosts.some((p) => matchesHostPattern(host, p))) ??
    specific.find((a) => isDetected(a, doc)) ??
    adapters.find((a) => a.hosts.some((p) => matchesHostPattern(host, p)));
  if (!adapter) {
    throw new Error(
      `Expected a site adapter for host "${host}" (the generic one matches "*"), got none.`,
    );
  }
  return adapter;
}
