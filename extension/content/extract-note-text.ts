/**
 * Generic note reading: the note regions a site adapter names (else the body), plus text
 * fields, contenteditable regions and same-origin iframes outside them. Text nodes are copied
 * verbatim (no whitespace collapsing) so that every character maps back to the DOM; line
 * breaks are inserted between blocks and are the only characters not backed by the page.
 */
import { NoteTextBuilder, type ExtractedNote } from './extracted-note.js';
import type { SiteAdapter } from './site-adapters.js';

/** The panel's host element; its subtree is never read. */
export const PANEL_HOST_TAG = 'marginalia-panel';

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

function isHidden(element: Element): boolean {
  if ((element as HTMLElement).hidden) return true;
  // checkVisibility is missing in some test DOMs: treat the element as visible then.
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? !check.call(element) : false;
}

function readSameOriginFrameBody(frame: HTMLIFrameElement): HTMLElement | undefined {
  try {
    return frame.contentDocument?.body ?? undefined;
  } catch {
    return undefined; // cross-origin: not ours to read
  }
}

function appendNode(node: Node, builder: NoteTextBuilder, exclude?: string): void {
  if (node.nodeType === 3 /* TEXT_NODE */) {
    builder.appendSource(node as Text, (node as Text).data);
    return;
  }
  if (node.nodeType !== 1 /* ELEMENT_NODE */) return;
  const element = node as Element;
  const tag = element.tagName.toUpperCase();
  if (SKIPPED_TAGS.has(tag) || isHidden(element)) return;
  if (exclude && element.matches(exclude)) return;
  if (tag === 'BR') {
    builder.appendSeparator('\n');
    return;
  }
  if (
    tag === 'TEXTAREA' ||
    (tag === 'INPUT' && TEXT_INPUT_TYPES.has((element as HTMLInputElement).type))
  ) {
    builder.appendParagraphBreak();
    builder.appendSource(
      element as HTMLTextAreaElement | HTMLInputElement,
      (element as HTMLTextAreaElement).value,
    );
    builder.appendParagraphBreak();
    return;
  }
  if (tag === 'IFRAME') {
    const body = readSameOriginFrameBody(element as HTMLIFrameElement);
    if (body) {
      builder.appendParagraphBreak();
      appendNode(body, builder, exclude);
      builder.appendParagraphBreak();
    }
    return;
  }
  const isBlock = BLOCK_TAGS.has(tag);
  if (isBlock) builder.appendLineBreak();
  const root = (element as HTMLElement).shadowRoot ?? element; // open shadow roots only
  for (let child = root.firstChild; child; child = child.nextSibling)
    appendNode(child, builder, exclude);
  if (isBlock) builder.appendLineBreak();
  else if (CELL_TAGS.has(tag)) builder.appendSeparator('\t');
}

/** The adapter's note regions, outermost only; the body when none matches. */
export function findNoteRegions(doc: Document, adapter: SiteAdapter): Element[] {
  for (const selector of adapter.noteSelectors) {
    const matches = [...doc.querySelectorAll(selector)].filter((el) => !el.closest(PANEL_HOST_TAG));
    const outermost = matches.filter(
      (el) => !matches.some((other) => other !== el && other.contains(el)),
    );
    if (outermost.length > 0) return outermost;
  }
  return doc.body ? [doc.body] : [];
}

/** Reads the note of a page. The result's offsets are what evidence spans refer to. */
export function extractNoteText(doc: Document, adapter: SiteAdapter): ExtractedNote {
  const builder = new NoteTextBuilder();
  const regions = findNoteRegions(doc, adapter);
  const extras = [...doc.querySelectorAll(EXTRA_REGION_SELECTOR)].filter(
    (el) =>
      !regions.some((region) => region.contains(el)) &&
      !el.parentElement?.closest(
        '[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]',
      ),
  );
  const exclude = adapter.excludeSelectors?.length
    ? adapter.excludeSelectors.join(', ')
    : undefined;
  for (const region of [...regions, ...extras]) {
    builder.appendParagraphBreak();
    appendNode(region, builder, exclude);
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
