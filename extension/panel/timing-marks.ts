/**
 * The panel's timing attributes (test build only, under `__TEST__`): the page clock when the
 * first codes and when the whole result reached the DOM. test/e2e/bench-chromium.mjs reads
 * them, so that its figures do not depend on how often it polls. Timings only, never text.
 * Each is also set on the panel's host element in the page's DOM: a benchmark reads it there
 * with one attribute lookup instead of walking the closed shadow root over CDP, which takes
 * the page's main thread (the path it measures) for tens of milliseconds per poll.
 */

function mark(element: Element | null, name: string): void {
  if (!element) return;
  const at = performance.now().toFixed(1);
  element.setAttribute(name, at);
  const root = element.getRootNode();
  if (root instanceof ShadowRoot) root.host.setAttribute(name, at);
}

/** `data-first-codes-at` on the panel root: the first codes are in the DOM. */
export function markFirstCodesShown(root: Element | null): void {
  mark(root, 'data-first-codes-at');
}

/** `data-shown-at` on the footer, which comes last: the whole result is in the DOM. */
export function markResultShown(footer: Element | null): void {
  mark(footer, 'data-shown-at');
}
