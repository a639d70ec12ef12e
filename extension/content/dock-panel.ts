/**
 * Docks the panel beside the page instead of over it: the page's root element gets a right
 * margin as wide as the panel, so the note reflows into the space left of the panel. When the
 * page does not fit the narrower space (fixed widths, full-width fixed bars, content positioned
 * against the window's right edge), the margin is taken back and the panel overlays the page
 * (the fallback), as it does on pages too large to reflow without blocking them; the coder can
 * also choose the overlay per site.
 */
import { clampPanelWidth, RAIL_WIDTH, type PanelLayout, type PanelMode } from './panel-layout.js';

/** The layout as applied now: the mode may differ from the chosen one (fallback). */
export interface AppliedLayout extends PanelLayout {
  applied: PanelMode;
  /** Docking was chosen but the page does not fit beside the panel. */
  fellBack: boolean;
  /** Width the panel takes on screen now (the rail's when collapsed). */
  shownWidth: number;
}

export interface PanelDock {
  readonly current: AppliedLayout;
  /** The panel is shown: reserve the page space (docked) and measure (once while shown). */
  attach(): void;
  /** The panel is hidden or removed: give the page its space back. */
  release(): void;
  /** Changes the layout (width, mode, collapsed) and re-applies it. */
  set(patch: Partial<PanelLayout>): void;
}

export interface PanelDockOptions {
  doc: Document;
  host: HTMLElement;
  /** A style element in the panel's shadow root that holds the host's width. */
  sizeStyle: HTMLStyleElement;
  initial: PanelLayout;
  signal: AbortSignal;
  onApplied(layout: AppliedLayout): void;
}

/** Elements measured at most when checking that the page fits (a long note has a few thousand). */
const MAX_ELEMENTS_MEASURED = 6_000;
/**
 * Pages with more text than this are overlaid, not reflowed: re-laying out a megabyte of text
 * takes the page's main thread for seconds (a 12,000-word note is about 80,000 characters).
 */
export const MAX_REFLOW_TEXT_CHARS = 300_000;

/** True when re-laying out the page would block it for long (a very large note). */
export function isTooLargeToReflow(doc: Document): boolean {
  return (doc.body?.textContent?.length ?? 0) > MAX_REFLOW_TEXT_CHARS;
}

/**
 * The first element of the page (outside `host`) that still reaches past `edge` after the page
 * reflowed: content the panel would cover. Elements without a box are skipped.
 */
export function findContentPastEdge(
  doc: Document,
  edge: number,
  host: Element,
): Element | undefined {
  const body = doc.body;
  if (!body) return undefined;
  const viewportWidth = doc.documentElement.clientWidth;
  const reaches = (element: Element): boolean => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && rect.right > edge + 1 && rect.left < viewportWidth;
  };
  if (reaches(body)) return body;
  const elements = body.getElementsByTagName('*');
  const count = Math.min(elements.length, MAX_ELEMENTS_MEASURED);
  for (let i = 0; i < count; i++) {
    const element = elements[i]!;
    if (!host.contains(element) && reaches(element)) return element;
  }
  return undefined;
}

/** Keeps the page root's own inline margin so that it can be put back exactly. */
function rootMarginKeeper(root: HTMLElement): { reserve(px: number): void; restore(): void } {
  let saved: { value: string; priority: string } | undefined;
  return {
    reserve(px) {
      saved ??= {
        value: root.style.getPropertyValue('margin-right'),
        priority: root.style.getPropertyPriority('margin-right'),
      };
      root.style.setProperty('margin-right', `${px}px`, 'important');
    },
    restore() {
      if (!saved) return;
      if (saved.value) root.style.setProperty('margin-right', saved.value, saved.priority);
      else root.style.removeProperty('margin-right');
      if (root.getAttribute('style') === '') root.removeAttribute('style');
      saved = undefined;
    },
  };
}

export function createPanelDock(options: PanelDockOptions): PanelDock {
  const { doc, host, sizeStyle, signal } = options;
  const margin = rootMarginKeeper(doc.documentElement);
  let layout: PanelLayout = { ...options.initial };
  let attached = false;
  let current: AppliedLayout = {
    ...layout,
    applied: layout.mode,
    fellBack: false,
    shownWidth: layout.width,
  };

  const apply = (): void => {
    const viewportWidth = doc.documentElement.clientWidth || 1024;
    const width = clampPanelWidth(layout.width, viewportWidth);
    const shownWidth = layout.collapsed ? RAIL_WIDTH : width;
    sizeStyle.textContent = `:host { width: ${shownWidth}px !important; }`;
    let applied: PanelMode = layout.mode;
    let fellBack = false;
    if (!attached || layout.mode === 'overlay') {
      margin.restore();
    } else if (isTooLargeToReflow(doc)) {
      margin.restore();
      applied = 'overlay';
      fellBack = true;
    } else {
      margin.reserve(shownWidth);
      if (findContentPastEdge(doc, viewportWidth - shownWidth, host)) {
        margin.restore();
        applied = 'overlay';
        fellBack = true;
      }
    }
    current = { ...layout, width, applied, fellBack, shownWidth };
    options.onApplied(current);
  };

  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  doc.defaultView?.addEventListener(
    'resize',
    () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => attached && apply(), 120);
    },
    { signal },
  );
  signal.addEventListener('abort', () => margin.restore(), { once: true });

  return {
    get current() {
      return current;
    },
    attach() {
      // Shown again while shown (the panel opened again): the layout stands; measuring the
      // page again would force its layout for nothing.
      if (attached) return;
      attached = true;
      apply();
    },
    release() {
      attached = false;
      apply();
    },
    set(patch) {
      layout = { ...layout, ...patch };
      apply();
    },
  };
}
