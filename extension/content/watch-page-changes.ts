/**
 * Single-page EHRs swap the patient or encounter without a page load. Any of these schedules
 * one debounced callback: a same-document navigation (Navigation API `currententrychange`,
 * which covers the page's own `history.pushState`/`replaceState` even though a content script
 * cannot see those calls), `popstate`/`hashchange`, and DOM mutations in the page body.
 */
export const PAGE_CHANGE_DEBOUNCE_MS = 500;

export interface WatchPageChangesOptions {
  signal: AbortSignal;
  onChange(reason: 'navigation' | 'mutation'): void;
  debounceMs?: number;
}

export function watchPageChanges(doc: Document, options: WatchPageChangesOptions): void {
  const { signal, onChange, debounceMs = PAGE_CHANGE_DEBOUNCE_MS } = options;
  const win = doc.defaultView;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reason: 'navigation' | 'mutation' = 'mutation';
  const schedule = (why: 'navigation' | 'mutation'): void => {
    if (signal.aborted) return;
    if (why === 'navigation') reason = 'navigation';
    clearTimeout(timer);
    timer = setTimeout(() => {
      const fired = reason;
      reason = 'mutation';
      onChange(fired);
    }, debounceMs);
  };
  const navigation = (win as (Window & { navigation?: EventTarget }) | null)?.navigation;
  navigation?.addEventListener('currententrychange', () => schedule('navigation'), { signal });
  win?.addEventListener('popstate', () => schedule('navigation'), { signal });
  win?.addEventListener('hashchange', () => schedule('navigation'), { signal });
  if (doc.body && typeof MutationObserver === 'function') {
    const observer = new MutationObserver((records) => {
      // Our own highlight <style> lives in <head> and the panel outside <body>: any record here is the page's.
      if (records.length > 0) schedule('mutation');
    });
    observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  }
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
