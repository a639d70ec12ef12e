/**
 * Generic note reading: the note regions a site adapter names (else the body), plus text
 * fields, contenteditable regions and same-origin iframes outside them. Text nodes are copied
 * verbatim (no whitespace collapsing) so that every character maps back to the DOM; line
 * breaks are inserted between blocks and are the only characters not backed by the page.
 */
import { NoteTextBuilder, type ExtractedNote } from './extracted-note.js';
import { findNoteScope } from './find-note-regions.js';
import { createPageChromeFilter, isPageChrome, type PageChromeFilter } from './page-chrome.js';
import { PANEL_HOST_TAG } from './panel-host-tag.js';
import type { SiteAdapter } from './site-adapters.js';

const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'SVG',
  'CANVAS',
  'OBJECT',
  'EMBED',
  'SELECT',
  'OPTION',
  'BUTTON',
  'AUDIO',
  'VIDEO',
  'IMG',
  'MARGINALIA-PANEL',
]);

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
  'CAPTION',
  'LEGEND',
  'BODY',
]);

const CELL_TAGS = new Set(['TD', 'TH']);

/** Input types whose value is free text worth reading. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);

/** Fields, editors and frames read even when they sit outside the note regions. */
const EXTRA_REGION_SELECTOR =
  'textarea, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"], iframe';

/** What a walk of the page carries down the tree. */
interface ReadContext {
  builder: NoteTextBuilder;
  /** The adapter's exclude selectors, joined. */
  exclude: string | undefined;
  /** Page chrome is skipped (the generic reader), with the signs for the region read. */
  chrome: PageChromeFilter | undefined;
  /**
   * Inside a closed `<details>` or a `hidden="until-found"` element: content the page folded
   * away but keeps as part of the document (find-in-page reveals it). It is read; only what is
   * hidden by its own style is not.
   */
  inFoldedContent: boolean;
}

const VISIBILITY_OPTIONS = { visibilityProperty: true };

function isHiddenByOwnStyle(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return false;
  const style = view.getComputedStyle(element);
  return (
    style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse'
  );
}

/**
 * Whether the coder cannot see `element`: the `hidden` attribute, no box (`display: none`, an
 * ancestor's `content-visibility: hidden`; `display: contents` excepted) or `visibility: hidden`
 * (the "offsets" way toolkits hide inactive tabs and cards). Folded content is judged by its own
 * style only.
 */
export function isHidden(element: Element, inFoldedContent = false): boolean {
  // The `hidden` property is true, or "until-found" in browsers that know it (some test DOMs
  // say true then too: the attribute decides).
  if ((element as HTMLElement).hidden && !isUntilFound(element)) return true;
  if (inFoldedContent) return isHiddenByOwnStyle(element);
  // checkVisibility is missing in some test DOMs: treat the element as visible then.
  const check = (
    element as Element & {
      checkVisibility?: (options?: { visibilityProperty?: boolean }) => boolean;
    }
  ).checkVisibility;
  if (typeof check !== 'function' || check.call(element, VISIBILITY_OPTIONS)) return false;
  // A `display: contents` element (a <slot>, a layout wrapper) has no box of its own but shows
  // its children, which are judged one by one.
  return !hasNoBoxButShowsChildren(element);
}

function hasNoBoxButShowsChildren(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  return view?.getComputedStyle(element).display === 'contents';
}

/** A closed `<details>` or a `hidden="until-found"` element: its content is folded, not gone. */
function isUntilFound(element: Element): boolean {
  return element.getAttribute('hidden')?.toLowerCase() === 'until-found';
}

function foldsItsContent(element: Element, tag: string): boolean {
  if (tag === 'DETAILS') return !(element as HTMLDetailsElement).open;
  return Boolean((element as HTMLElement).hidden) && isUntilFound(element);
}

function readSameOriginFrameBody(frame: HTMLIFrameElement): HTMLElement | undefined {
  try {
    return frame.contentDocument?.body ?? undefined;
  } catch {
    return undefined; // cross-origin: not ours to read
  }
}

/**
 * Appends the nodes rendered in `element`'s place, in order: an open shadow root's children
 * (the light children then show only through its slots), a slot's assigned nodes (else its
 * fallback content), else the element's own children.
 */
function appendRenderedChildren(element: Element, tag: string, context: ReadContext): void {
  if (tag === 'SLOT') {
    const assigned = (element as HTMLSlotElement).assignedNodes?.() ?? [];
    for (const node of assigned) appendNode(node, context);
    if (assigned.length > 0) return;
  }
  const root = (element as HTMLElement).shadowRoot ?? element; // open shadow roots only
  for (let child = root.firstChild; child; child = child.nextSibling) appendNode(child, context);
}

function isSkipped(element: Element, tag: string, context: ReadContext): boolean {
  if (SKIPPED_TAGS.has(tag) || isHidden(element, context.inFoldedContent)) return true;
  if (context.exclude && element.matches(context.exclude)) return true;
  return context.chrome !== undefined && isPageChrome(element, tag, context.chrome);
}

function appendField(
  element: HTMLTextAreaElement | HTMLInputElement,
  builder: NoteTextBuilder,
): void {
  builder.appendParagraphBreak();
  builder.appendSource(element, element.value);
  builder.appendParagraphBreak();
}

function appendNode(node: Node, context: ReadContext): void {
  const { builder } = context;
  if (node.nodeType === 3 /* TEXT_NODE */) {
    builder.appendSource(node as Text, (node as Text).data);
    return;
  }
  if (node.nodeType !== 1 /* ELEMENT_NODE */) return;
  const element = node as Element;
  const tag = element.tagName.toUpperCase();
  if (isSkipped(element, tag, context)) return;
  if (tag === 'BR') return builder.appendSeparator('\n');
  if (
    tag === 'TEXTAREA' ||
    (tag === 'INPUT' && TEXT_INPUT_TYPES.has((element as HTMLInputElement).type))
  )
    return appendField(element as HTMLTextAreaElement, builder);
  if (tag === 'IFRAME') {
    const body = readSameOriginFrameBody(element as HTMLIFrameElement);
    if (body) {
      builder.appendParagraphBreak();
      // A frame's document is read whole, as a page with no note region is.
      const chrome = context.chrome && createPageChromeFilter(body, true);
      appendNode(body, { ...context, chrome });
      builder.appendParagraphBreak();
    }
    return;
  }
  const isBlock = BLOCK_TAGS.has(tag);
  if (isBlock) builder.appendLineBreak();
  const inner =
    !context.inFoldedContent && foldsItsContent(element, tag)
      ? { ...context, inFoldedContent: true }
      : context;
  appendRenderedChildren(element, tag, inner);
  if (isBlock) builder.appendLineBreak();
  else if (CELL_TAGS.has(tag)) builder.appendSeparator('\t');
}

export interface ExtractOptions {
  /** Where the coder last clicked or moved the focus on the page (chooses among notes). */
  place?: Node;
}

/** Reads the note of a page. The result's offsets are what evidence spans refer to. */
export function extractNoteText(
  doc: Document,
  adapter: SiteAdapter,
  options: ExtractOptions = {},
): ExtractedNote {
  const builder = new NoteTextBuilder();
  const { scope, regions } = findNoteScope(doc, adapter, options.place);
  const extras = [...scope.querySelectorAll(EXTRA_REGION_SELECTOR)].filter(
    (el) =>
      !regions.some((region) => region.contains(el)) &&
      !el.parentElement?.closest(
        '[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]',
      ),
  );
  const context: ReadContext = {
    builder,
    exclude: adapter.excludeSelectors?.length ? adapter.excludeSelectors.join(', ') : undefined,
    chrome: undefined,
    inFoldedContent: false,
  };
  for (const region of [...regions, ...extras]) {
    builder.appendParagraphBreak();
    const chrome = adapter.skipsPageChrome
      ? createPageChromeFilter(region, region === doc.body)
      : undefined;
    appendNode(region, { ...context, chrome });
  }
  return builder.build('page');
}

function nearestBlock(node: Node): Element | null {
  let element = node.parentElement;
  while (element && !BLOCK_TAGS.has(element.tagName.toUpperCase())) element = element.parentElement;
  return element;
}

/** Reads what the user selected: a text field's selection, or the document selection's text nodes. */
export function extractSelectedText(doc: Document): ExtractedNote | undefined {
  const builder = new NoteTextBuilder();
  const active = doc.activeElement;
  if (active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT')) {
    const field = active as HTMLTextAreaElement;
    const { selectionStart, selectionEnd } = field;
    if (selectionStart !== null && selectionEnd !== null && selectionEnd > selectionStart) {
      builder.appendSource(field, field.value.slice(selectionStart, selectionEnd), selectionStart);
      return builder.build('selection');
    }
  }
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  for (let i = 0; i < selection.rangeCount; i++) {
    const range = selection.getRangeAt(i);
    builder.appendParagraphBreak();
    const root = range.commonAncestorContainer;
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    let lastBlock: Element | null | undefined;
    for (
      let node: Node | null = root.nodeType === 3 ? root : walker.nextNode();
      node;
      node = walker.nextNode()
    ) {
      const text = node as Text;
      if (
        !range.intersectsNode(text) ||
        text.parentElement?.closest(`${PANEL_HOST_TAG}, script, style`)
      )
        continue;
      const from = text === range.startContainer ? range.startOffset : 0;
      const to = text === range.endContainer ? range.endOffset : text.data.length;
      if (to <= from) continue;
      const block = nearestBlock(text);
      if (lastBlock !== undefined && block !== lastBlock) builder.appendLineBreak();
      lastBlock = block;
      builder.appendSource(text, text.data.slice(from, to), from);
      if (root.nodeType === 3) break;
    }
  }
  const note = builder.build('selection');
  return note.text.trim().length > 0 ? note : undefined;
}

/** Text with no DOM behind it (Chrome's copy of a selection we could not read). */
export function createDetachedNote(text: string): ExtractedNote {
  return { text, segments: [], origin: 'detached' };
}
