/**
 * Where the note is on a page: the regions the site adapter names, narrowed to the note the
 * coder works in when several are shown side by side, and confined to the modal dialog on top
 * when one is open (the page behind a modal dialog is inert: the coder reads the dialog).
 */
import { PANEL_HOST_TAG } from './panel-host-tag.js';
import type { SiteAdapter } from './site-adapters.js';

function outermostMatches(root: Document | Element, selector: string): Element[] {
  const matches = [...root.querySelectorAll(selector)].filter((el) => !el.closest(PANEL_HOST_TAG));
  return matches.filter((el) => !matches.some((other) => other !== el && other.contains(el)));
}

/**
 * Of several notes side by side, the one holding `place`: among the regions themselves, else
 * among the matches of a later selector inside them (a `<main>` holding two `<article>`s).
 * Without one note holding it, all the regions.
 */
function narrowToPlace(regions: Element[], laterSelectors: string[], place: Node): Element[] {
  for (let i = -1; i < laterSelectors.length; i++) {
    const candidates =
      i < 0 ? regions : regions.flatMap((region) => outermostMatches(region, laterSelectors[i]!));
    if (candidates.length < 2) continue;
    const holding = candidates.filter((candidate) => candidate.contains(place));
    if (holding.length === 1) return holding;
  }
  return regions;
}

function isShownModal(element: Element): boolean {
  if (element.tagName.toUpperCase() === 'DIALOG') {
    try {
      return element.matches(':modal');
    } catch {
      return false; // a DOM without :modal (tests) has no modal dialogs
    }
  }
  if (element.closest('[hidden]')) return false;
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check !== 'function' || check.call(element);
}

/** The modal dialog on top (the last one open), if any. */
export function findOpenModal(doc: Document): Element | undefined {
  return [...doc.querySelectorAll('dialog[open], [aria-modal="true"]')]
    .filter((el) => !el.closest(PANEL_HOST_TAG) && isShownModal(el))
    .at(-1);
}

/**
 * The adapter's note regions within `scope` (all outermost matches of its first selector that
 * matches anything), or the scope itself (the body) when none matches. Where they hold several
 * notes side by side and `place` (where the coder last clicked or focused) is inside one of
 * them, that one only.
 */
export function findNoteRegions(
  scope: Document | Element,
  adapter: SiteAdapter,
  place?: Node,
): Element[] {
  const selectors = adapter.noteSelectors;
  for (let i = 0; i < selectors.length; i++) {
    const regions = outermostMatches(scope, selectors[i]!);
    if (regions.length === 0) continue;
    return place ? narrowToPlace(regions, selectors.slice(i + 1), place) : regions;
  }
  const whole = scope.nodeType === 9 ? (scope as Document).body : (scope as Element);
  return whole ? [whole] : [];
}

/** Where to read: the open modal dialog, else the document; and the note regions in it. */
export function findNoteScope(
  doc: Document,
  adapter: SiteAdapter,
  place?: Node,
): { scope: Document | Element; regions: Element[] } {
  const scope = findOpenModal(doc) ?? doc;
  return { scope, regions: findNoteRegions(scope, adapter, place) };
}
