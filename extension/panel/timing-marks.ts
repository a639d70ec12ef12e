/**
 * The panel's timing attributes (test build only, under `__TEST__`): the page clock when the
 * first codes and when the whole result reached the DOM. test/e2e/bench-chromium.mjs reads
 * them, so that its figures do not depend on how often it polls. Timings only, never text.
 */

/** `data-first-codes-at` on the panel root: the first codes are in the DOM. */
export function markFirstCodesShown(root: Element | null): void {
  root?.setAttribute('data-first-codes-at', performance.now().toFixed(1));
}

/** `data-shown-at` on the footer, which comes last: the whole result is in the DOM. */
export function markResultShown(footer: Element | null): void {
  footer?.setAttribute('data-shown-at', performance.now().toFixed(1));
}
