/**
 * The chrome around a note, recognised without a site adapter, so that the generic reader does
 * not code a patient banner's alerts, a navigation tree, an activity sidebar or a menu listing
 * other patients as the note's diagnoses.
 *
 * - Landmarks and widgets are chrome wherever they are: `<nav>`, `<aside>`, a `<header>` or
 *   `<footer>` outside any sectioning element (the page's banner and footer), and the ARIA roles
 *   navigation, banner, complementary, contentinfo, search, menu, menubar, toolbar, tablist and
 *   tree.
 * - Where the page names no note region and its whole body is read (`isWholeBody`), two looser
 *   signs count as well, as in reader modes: a class or id word such as banner, nav, sidebar,
 *   menu, dropdown, toolbar, breadcrumb, header or footer; and a block of at least three links
 *   that is mostly link text (a link column). Neither applies to a block holding half the
 *   page's text or more: a wrapper named "with-sidebar" is not a sidebar.
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
const CHROME_WORDS = new Set([
  'banner',
  'masthead',
  'header',
  'footer',
  'nav',
  'navbar',
  'navigation',
  'navtree',
  'menu',
  'menubar',
  'dropdown',
  'sidebar',
  'sidenav',
  'toolbar',
  'breadcrumb',
  'breadcrumbs',
]);
const LINK_COLUMN_MIN_LINKS = 3;

export interface PageChromeFilter {
  /** The whole body is read (no note region found): the looser signs apply too. */
  isWholeBody: boolean;
  /** Characters of text in the body (the looser signs never skip half of it). */
  bodyTextLength: number;
}

export function createPageChromeFilter(doc: Document, isWholeBody: boolean): PageChromeFilter {
  return { isWholeBody, bodyTextLength: isWholeBody ? (doc.body?.textContent?.length ?? 0) : 0 };
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

function isLandmarkChrome(element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  if (CHROME_TAGS.has(tag)) return true;
  const role = element.getAttribute('role');
  if (role && role.split(/\s+/).some((r) => CHROME_ROLES.has(r.toLowerCase()))) return true;
  return LANDMARK_IF_TOP_LEVEL.has(tag) && !element.parentElement?.closest(SECTIONING);
}

function isLinkColumn(element: Element, textLength: number): boolean {
  const links = element.getElementsByTagName('a');
  if (links.length < LINK_COLUMN_MIN_LINKS) return false;
  let linkText = 0;
  for (const link of links) linkText += link.textContent?.trim().length ?? 0;
  return linkText * 2 >= (element.textContent?.trim().length ?? textLength);
}

/** Whether `element` is page chrome, never note text (see the file comment). */
export function isPageChrome(element: Element, filter: PageChromeFilter): boolean {
  if (isLandmarkChrome(element)) return true;
  if (!filter.isWholeBody) return false;
  const hasChromeWord = classAndIdWords(element).some((word) => CHROME_WORDS.has(word));
  const mayBeLinkColumn = element.getElementsByTagName('a').length >= LINK_COLUMN_MIN_LINKS;
  if (!hasChromeWord && !mayBeLinkColumn) return false;
  const textLength = element.textContent?.length ?? 0;
  if (textLength * 2 >= filter.bodyTextLength) return false;
  return hasChromeWord || isLinkColumn(element, textLength);
}
