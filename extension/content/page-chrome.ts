/**
 * The chrome around a note, recognised without a site adapter, so that the generic reader does
 * not code a patient banner's alerts, a navigation tree, an activity sidebar or a menu listing
 * other patients as the note's diagnoses.
 *
 * - Landmarks and widgets are chrome wherever they are: `<nav>`, `<aside>`, a `<header>` or
 *   `<footer>` outside any sectioning element (the page's banner and footer), and the ARIA roles
 *   navigation, banner, complementary, contentinfo, search, menu, menubar, toolbar, tablist and
 *   tree.
 * - A class or id word such as banner, nav, sidebar, menu, dropdown, popover, toolbar or
 *   breadcrumb (as reader modes judge it): a `<main>` often holds the patient banner too.
 * - Where the page names no note region and its whole body is read (`isWholeBody`, also the body
 *   of a same-origin frame), a block of at least three links that is mostly link text (a link
 *   column).
 *
 * The looser two never apply to a block holding half the region's text or more: a wrapper named
 * "with-sidebar" is not a sidebar.
 */

const CHROME_TAGS = new Set(['NAV', 'ASIDE']);
const LANDMARK_IF_TOP_LEVEL = new Set(['HEADER', 'FOOTER']);
const SECTIONING = 'article, aside, main, nav, section, [role="main"], [role="article"]';
const CHROME_ROLES = new Set([
  'navigation',
  'banner',
  'complementary',
  'contentinfo',
  'search',
  'menu',
  'menubar',
  'toolbar',
  'tablist',
  'tree',
]);
// Not "header" or "footer": notes name their section headings so ("section-header"), and a
// "Family history" heading skipped would make the family's diagnoses the patient's.
const CHROME_WORDS = new Set([
  'banner',
  'masthead',
  'nav',
  'navbar',
  'navigation',
  'navtree',
  'sidenav',
  'menu',
  'menubar',
  'dropdown',
  'popover',
  'popup',
  'tooltip',
  'sidebar',
  'toolbar',
  'breadcrumb',
  'breadcrumbs',
]);

/** A quick test before the words are split (most elements have no such word). */
const MAY_HAVE_CHROME_WORD =
  /banner|masthead|header|footer|nav|menu|dropdown|sidebar|toolbar|breadcrumb/i;
const LINK_COLUMN_MIN_LINKS = 3;

interface LinkTally {
  links: number;
  linkText: number;
}

export interface PageChromeFilter {
  /** Characters of text in the region read (the looser signs never skip half of it); counted once, when first needed. */
  regionTextLength(): number;
  /** Links and link text under each element that holds a link (a whole body only; else empty). */
  linkTallies: Map<Element, LinkTally>;
}

/** Tallies each link into all its ancestors, once per read (links × depth, not elements²). */
function tallyLinks(body: Element): Map<Element, LinkTally> {
  const tallies = new Map<Element, LinkTally>();
  for (const link of body.getElementsByTagName('a')) {
    const length = link.textContent?.trim().length ?? 0;
    for (let element = link.parentElement; element; element = element.parentElement) {
      const tally = tallies.get(element);
      if (tally) {
        tally.links++;
        tally.linkText += length;
      } else tallies.set(element, { links: 1, linkText: length });
      if (element === body) break;
    }
  }
  return tallies;
}

/** The length of `root`'s text, summed over its text nodes (no megabyte string is built). */
function textLength(root: Node): number {
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(
    root,
    4 /* SHOW_TEXT */,
  );
  let length = 0;
  while (walker.nextNode()) length += (walker.currentNode as Text).length;
  return length;
}

/** The filter for reading `region`; `isWholeBody`: it is a body read whole (no note region found). */
export function createPageChromeFilter(region: Element, isWholeBody: boolean): PageChromeFilter {
  let regionTextLength: number | undefined;
  return {
    regionTextLength: () => (regionTextLength ??= textLength(region)),
    linkTallies: isWholeBody ? tallyLinks(region) : new Map(),
  };
}

/** The words of an element's class and id: "pt-banner navTree" → pt, banner, nav, tree. */
export function classAndIdWords(element: Element): string[] {
  const raw = `${element.getAttribute('class') ?? ''} ${element.id}`;
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

function hasChromeWord(element: Element): boolean {
  if (!element.hasAttributes()) return false;
  const raw = `${element.getAttribute('class') ?? ''} ${element.id}`;
  return (
    MAY_HAVE_CHROME_WORD.test(raw) &&
    classAndIdWords(element).some((word) => CHROME_WORDS.has(word))
  );
}

function isLandmarkChrome(element: Element, tag: string): boolean {
  if (CHROME_TAGS.has(tag)) return true;
  const role = element.hasAttributes() ? element.getAttribute('role') : null;
  if (role && role.split(/\s+/).some((r) => CHROME_ROLES.has(r.toLowerCase()))) return true;
  return LANDMARK_IF_TOP_LEVEL.has(tag) && !element.parentElement?.closest(SECTIONING);
}

/** Whether `element` (upper-case `tag`) is page chrome, never note text (see the file comment). */
export function isPageChrome(element: Element, tag: string, filter: PageChromeFilter): boolean {
  if (isLandmarkChrome(element, tag)) return true;
  const tally = filter.linkTallies.get(element);
  const mayBeLinkColumn = tally !== undefined && tally.links >= LINK_COLUMN_MIN_LINKS;
  const isNamedChrome = hasChromeWord(element);
  if (!isNamedChrome && !mayBeLinkColumn) return false;
  if (textLength(element) * 2 >= filter.regionTextLength()) return false;
  if (isNamedChrome) return true;
  return tally!.linkText * 2 >= (element.textContent?.trim().length ?? 0);
}
