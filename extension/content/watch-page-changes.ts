/**
 * Single-page EHRs swap the patient or encounter without a page load. Any of these calls
 * `onChange` at once (synchronously, before the page paints again), so that the panel can
 * drop a result that no longer matches the note before anyone sees it beside the new note:
 *
 * - a same-document navigation (Navigation API `currententrychange`, which covers the page's
 *   own `history.pushState`/`replaceState` even though a content script cannot see those
 *   calls), `popstate`, `hashchange`;
 * - DOM mutations in the page body, in the open shadow roots inside it (web components that
 *   render the note) and in the bodies of same-origin iframes (text, nodes, and the attributes
 *   that show or hide a region), an iframe that loads another document;
 * - `input` in a text field or editor (typing; a script that sets `value` fires nothing, which
 *   the panel's own poll covers).
 *
 * The caller debounces its expensive reaction (re-coding); the check it makes here must be cheap.
 */
export type PageChangeReason = 'navigation' | 'mutation';

export interface WatchPageChangesOptions {
  signal: AbortSignal;
  onChange(reason: PageChangeReason): void;
}

/** Attributes whose change can show or hide a note region (`open`: a dialog shown or closed). */
const VISIBILITY_ATTRIBUTES = ['class', 'style', 'hidden', 'open'];

const OBSERVED: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: VISIBILITY_ATTRIBUTES,
};

/**
 * Observes every open shadow root in `node`'s subtree (and `node`'s own): a subtree observer
 * does not see into shadow trees. Called on the body once and on each node added later.
 */
function observeShadowRoots(node: Node, observer: MutationObserver, seen: WeakSet<Node>): void {
  if (node.nodeType !== 1 && node.nodeType !== 11) return; // elements and shadow roots
  const elements = (node as Element | ShadowRoot).querySelectorAll('*');
  const hosts = node.nodeType === 1 ? [node as Element, ...elements] : elements;
  for (const host of hosts) {
    const shadow = host.shadowRoot;
    if (!shadow || seen.has(shadow)) continue;
    seen.add(shadow);
    observer.observe(shadow, OBSERVED);
    observeShadowRoots(shadow, observer, seen);
  }
}

export function watchPageChanges(doc: Document, options: WatchPageChangesOptions): void {
  const { signal, onChange } = options;
  const win = doc.defaultView;
  const fire = (reason: PageChangeReason) => (): void => {
    if (!signal.aborted) onChange(reason);
  };
  const navigation = (win as (Window & { navigation?: EventTarget }) | null)?.navigation;
  navigation?.addEventListener('currententrychange', fire('navigation'), { signal });
  win?.addEventListener('popstate', fire('navigation'), { signal });
  win?.addEventListener('hashchange', fire('navigation'), { signal });
  watchDocument(doc, signal, fire('mutation'));
}

/** Mutations and input in `doc`'s body, and in every same-origin iframe it holds (recursively). */
function watchDocument(doc: Document, signal: AbortSignal, onMutation: () => void): void {
  if (!doc.body || typeof MutationObserver !== 'function') return;
  const watchedFrames = new WeakSet<Document>();
  const watchFrames = (): void => {
    for (const frame of doc.querySelectorAll('iframe')) {
      const frameDoc = readableFrameDocument(frame);
      if (!frameDoc?.body || watchedFrames.has(frameDoc)) continue; // not loaded yet: its `load` comes
      watchedFrames.add(frameDoc);
      watchDocument(frameDoc, signal, onMutation);
    }
  };
  const shadowRoots = new WeakSet<Node>();
  const observer = new MutationObserver((records) => {
    // Our own highlight <style> lives in <head> and the panel outside <body>: any record here is the page's.
    if (records.length === 0) return;
    for (const record of records)
      for (const added of record.addedNodes) observeShadowRoots(added, observer, shadowRoots);
    watchFrames();
    onMutation();
  });
  observer.observe(doc.body, OBSERVED);
  observeShadowRoots(doc.body, observer, shadowRoots);
  // `load` does not bubble, but a capturing listener sees each iframe's (a frame navigated).
  const onFrameLoad = (event: Event): void => {
    if ((event.target as Element | null)?.tagName !== 'IFRAME') return;
    watchFrames();
    onMutation();
  };
  doc.addEventListener('load', onFrameLoad, { capture: true, signal });
  doc.addEventListener('input', onMutation, { capture: true, signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  watchFrames();
}

function readableFrameDocument(frame: HTMLIFrameElement): Document | undefined {
  try {
    return frame.contentDocument ?? undefined;
  } catch {
    return undefined; // cross-origin: not ours to read
  }
}
