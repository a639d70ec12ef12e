/**
 * Draws evidence highlights without touching the page's DOM structure.
 *
 * Preferred: the CSS Custom Highlight API (a named highlight in each document's registry plus
 * one `::highlight()` rule). Fallback: boxes positioned over the range's client rects in an
 * overlay layer inside the panel's shadow root, repositioned on scroll and resize.
 */
export const HIGHLIGHT_NAME = 'marginalia-evidence';
/** Every evidence span of the suggested codes, drawn faintly so that the coder can hover it. */
export const BACKGROUND_HIGHLIGHT_NAME = 'marginalia-evidence-all';
const HIGHLIGHT_RULE =
  `::highlight(${BACKGROUND_HIGHLIGHT_NAME}) { background-color: rgba(10, 108, 108, 0.13); text-decoration: underline dotted rgba(10, 108, 108, 0.8); text-underline-offset: 3px; }\n` +
  `::highlight(${HIGHLIGHT_NAME}) { background-color: rgba(255, 214, 10, 0.55); color: inherit; }`;

export interface EvidenceHighlighter {
  /** Replaces the current highlights with `ranges`; scrolls the first into view if asked. */
  show(ranges: readonly Range[], options?: { scroll?: boolean }): void;
  /** Replaces the faint "all evidence" highlight (Custom Highlight API only). */
  showBackground(ranges: readonly Range[]): void;
  clear(): void;
  clearBackground(): void;
  readonly mode: 'custom-highlight' | 'overlay';
}

type HighlightWindow = Window &
  typeof globalThis & {
    Highlight?: new (...ranges: Range[]) => object;
    CSS?: { highlights?: Map<string, object> };
  };

function supportsCustomHighlights(win: HighlightWindow | null): win is HighlightWindow {
  return !!win && typeof win.Highlight === 'function' && !!win.CSS?.highlights;
}

/**
 * Unfolds what hides `element` as find-in-page would: the closed `<details>` and the
 * `hidden="until-found"` elements around it (the reader reads folded sections, so evidence can
 * lie in one). The page's text is unchanged.
 */
function revealFoldedAncestors(element: Element): void {
  for (let at: Element | null = element; at; at = flatTreeParent(at)) {
    if (at.tagName.toUpperCase() === 'DETAILS' && !(at as HTMLDetailsElement).open)
      (at as HTMLDetailsElement).open = true;
    if (at.getAttribute('hidden')?.toLowerCase() === 'until-found') at.removeAttribute('hidden');
  }
}

/** `element`'s parent as rendered: its slot, else its parent, else the host of its shadow tree. */
function flatTreeParent(element: Element): Element | null {
  return (
    element.assignedSlot ??
    element.parentElement ??
    (element.getRootNode() as ShadowRoot).host ??
    null
  );
}

function scrollRangeIntoView(range: Range): void {
  const node = range.startContainer;
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (element) revealFoldedAncestors(element);
  element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'smooth' });
}

function createCustomHighlighter(signal: AbortSignal): EvidenceHighlighter {
  const styled = new Map<Document, HTMLStyleElement>();
  const registries = new Set<HighlightWindow>();
  const ensureRule = (doc: Document): void => {
    if (styled.has(doc)) return;
    const style = doc.createElement('style');
    style.dataset.marginalia = 'highlight';
    style.textContent = HIGHLIGHT_RULE; // only a ::highlight() rule: no page layout changes
    (doc.head ?? doc.documentElement).append(style);
    styled.set(doc, style);
  };
  const clear = (): void => {
    for (const win of registries) win.CSS?.highlights?.delete(HIGHLIGHT_NAME);
    registries.clear();
  };
  const backgroundRegistries = new Set<HighlightWindow>();
  const clearBackground = (): void => {
    for (const win of backgroundRegistries) win.CSS?.highlights?.delete(BACKGROUND_HIGHLIGHT_NAME);
    backgroundRegistries.clear();
  };
  const byDocumentOf = (ranges: readonly Range[]): Map<Document, Range[]> => {
    const byDocument = new Map<Document, Range[]>();
    for (const range of ranges) {
      const doc = range.startContainer.ownerDocument ?? document;
      const list = byDocument.get(doc);
      if (list) list.push(range);
      else byDocument.set(doc, [range]);
    }
    return byDocument;
  };
  signal.addEventListener(
    'abort',
    () => {
      clear();
      clearBackground();
      for (const style of styled.values()) style.remove();
      styled.clear();
    },
    { once: true },
  );
  return {
    mode: 'custom-highlight',
    clear,
    clearBackground,
    showBackground(ranges) {
      clearBackground();
      for (const [doc, docRanges] of byDocumentOf(ranges)) {
        const win = doc.defaultView as HighlightWindow | null;
        if (!supportsCustomHighlights(win) || !win.Highlight) continue;
        ensureRule(doc);
        win.CSS!.highlights!.set(BACKGROUND_HIGHLIGHT_NAME, new win.Highlight(...docRanges));
        backgroundRegistries.add(win);
      }
    },
    show(ranges, options = {}) {
      clear();
      for (const [doc, docRanges] of byDocumentOf(ranges)) {
        const win = doc.defaultView as HighlightWindow | null;
        if (!supportsCustomHighlights(win) || !win.Highlight) continue;
        ensureRule(doc);
        win.CSS!.highlights!.set(HIGHLIGHT_NAME, new win.Highlight(...docRanges));
        registries.add(win);
      }
      if (options.scroll && ranges[0]) scrollRangeIntoView(ranges[0]);
    },
  };
}

function createOverlayHighlighter(layer: HTMLElement, signal: AbortSignal): EvidenceHighlighter {
  let current: readonly Range[] = [];
  const draw = (): void => {
    layer.replaceChildren();
    for (const range of current) {
      const frame = range.startContainer.ownerDocument?.defaultView?.frameElement;
      const offset = frame ? frame.getBoundingClientRect() : { left: 0, top: 0 };
      for (const rect of range.getClientRects()) {
        const box = layer.ownerDocument.createElement('div');
        box.className = 'evidence-box';
        box.style.left = `${rect.left + offset.left}px`;
        box.style.top = `${rect.top + offset.top}px`;
        box.style.width = `${rect.width}px`;
        box.style.height = `${rect.height}px`;
        layer.append(box);
      }
    }
  };
  let scheduled = false;
  const redraw = (): void => {
    if (scheduled || current.length === 0) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      draw();
    });
  };
  window.addEventListener('scroll', redraw, { capture: true, passive: true, signal });
  window.addEventListener('resize', redraw, { passive: true, signal });
  signal.addEventListener('abort', () => layer.replaceChildren(), { once: true });
  return {
    mode: 'overlay',
    // The overlay draws only the active code's evidence: boxes for every span would hide the note.
    showBackground() {},
    clearBackground() {},
    clear() {
      current = [];
      layer.replaceChildren();
    },
    show(ranges, options = {}) {
      current = ranges;
      if (options.scroll && ranges[0]) scrollRangeIntoView(ranges[0]);
      draw();
      redraw(); // again after the smooth scroll starts moving things
    },
  };
}

/** Uses the Custom Highlight API where the page's window has it, else the overlay layer. */
export function createEvidenceHighlighter(
  overlayLayer: HTMLElement,
  signal: AbortSignal,
): EvidenceHighlighter {
  const win = overlayLayer.ownerDocument.defaultView as HighlightWindow | null;
  return supportsCustomHighlights(win)
    ? createCustomHighlighter(signal)
    : createOverlayHighlighter(overlayLayer, signal);
}
