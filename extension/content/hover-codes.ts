/**
 * Hovering a highlighted phrase in the note shows its codes: the pointer's text position is
 * mapped back to an offset of the extracted note (through the segment map), and every
 * suggestion whose evidence covers that offset is listed in a small card. The card lives in
 * the panel's shadow root; nothing is added to the page.
 */
import type { CodeSuggestion } from '../../src/engine/coding-types.js';
import type { ExtractedNote, TextSegment } from './extracted-note.js';

export interface HoverCodesOptions {
  card: HTMLElement;
  signal: AbortSignal;
  /** The note coded last and its suggestions; undefined while nothing is shown. */
  current(): { note: ExtractedNote; suggestions: readonly CodeSuggestion[] } | undefined;
  /** "Accepted", "Rejected"… for a code, or '' when undecided. */
  statusOf(code: string): string;
}

type CaretDocument = Document & {
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
};

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | undefined {
  const caretDoc = doc as CaretDocument;
  if (typeof caretDoc.caretPositionFromPoint === 'function') {
    const position = caretDoc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = caretDoc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/** Offset in the extracted note of a position inside one of its Text nodes. */
export function noteOffsetOf(
  segmentsByNode: Map<Node, TextSegment[]>,
  node: Node,
  offset: number,
): number | undefined {
  for (const segment of segmentsByNode.get(node) ?? []) {
    const length = segment.end - segment.start;
    if (offset >= segment.sourceOffset && offset < segment.sourceOffset + length) {
      return segment.start + (offset - segment.sourceOffset);
    }
  }
  return undefined;
}

/** Suggestions whose evidence covers `offset`, present codes first, each code once. */
export function codesAtOffset(
  suggestions: readonly CodeSuggestion[],
  offset: number,
): CodeSuggestion[] {
  const hits = suggestions.filter((s) =>
    s.evidence.some((span) => span.start <= offset && offset < span.end),
  );
  const seen = new Set<string>();
  return hits
    .sort(
      (a, b) => Number(a.group === 'flagged') - Number(b.group === 'flagged') || b.score - a.score,
    )
    .filter((s) => !seen.has(s.code) && seen.add(s.code));
}

export function watchHoverCodes(options: HoverCodesOptions): { refresh(): void } {
  const { card, signal } = options;
  let index: { note: ExtractedNote; byNode: Map<Node, TextSegment[]> } | undefined;
  const watched = new Set<Document>();
  let pending: { doc: Document; x: number; y: number } | undefined;
  let frame = 0;

  const hide = (): void => {
    if (!card.hidden) card.hidden = true;
  };

  const segmentsByNode = (note: ExtractedNote): Map<Node, TextSegment[]> => {
    if (index?.note === note) return index.byNode;
    const byNode = new Map<Node, TextSegment[]>();
    for (const segment of note.segments) {
      if (segment.source.nodeType !== 3) continue;
      byNode.set(segment.source, [...(byNode.get(segment.source) ?? []), segment]);
    }
    index = { note, byNode };
    return byNode;
  };

  const update = (): void => {
    frame = 0;
    const point = pending;
    const current = options.current();
    if (!point || !current) return hide();
    const caret = caretAt(point.doc, point.x, point.y);
    if (!caret || caret.node.nodeType !== 3) return hide();
    const offset = noteOffsetOf(segmentsByNode(current.note), caret.node, caret.offset);
    if (offset === undefined) return hide();
    const codes = codesAtOffset(current.suggestions, offset).slice(0, 6);
    if (codes.length === 0) return hide();
    const doc = card.ownerDocument;
    const list = doc.createElement('ul');
    for (const suggestion of codes) {
      const item = doc.createElement('li');
      const code = doc.createElement('span');
      code.className = 'code';
      code.textContent = suggestion.code;
      item.append(code, doc.createTextNode(suggestion.title)); // text nodes only: never HTML
      const status =
        options.statusOf(suggestion.code) ||
        (suggestion.group === 'flagged' ? suggestion.assertion : '');
      if (status) {
        const tag = doc.createElement('span');
        tag.className = 'hover-status';
        tag.textContent = status;
        item.append(tag);
      }
      list.append(item);
    }
    card.replaceChildren(list);
    const frameRect = point.doc.defaultView?.frameElement?.getBoundingClientRect();
    const x = point.x + (frameRect?.left ?? 0);
    const y = point.y + (frameRect?.top ?? 0);
    const view = doc.defaultView;
    const maxX = (view?.innerWidth ?? 1024) - 340;
    card.style.left = `${Math.max(8, Math.min(x + 14, maxX))}px`;
    card.style.top = `${y + 18}px`;
    card.hidden = false;
  };

  const onMove = (event: MouseEvent): void => {
    if (!event.isTrusted) return; // the page's synthetic mouse events do not drive the card
    const doc = (event.target as Node | null)?.ownerDocument ?? (event.currentTarget as Document);
    pending = { doc, x: event.clientX, y: event.clientY };
    frame ||= requestAnimationFrame(update);
  };

  const watch = (doc: Document): void => {
    if (watched.has(doc)) return;
    watched.add(doc);
    doc.addEventListener('mousemove', onMove, { passive: true, signal });
    doc.addEventListener('mouseleave', hide, { passive: true, signal });
    doc.addEventListener('scroll', hide, { passive: true, capture: true, signal });
  };

  signal.addEventListener('abort', () => cancelAnimationFrame(frame), { once: true });
  return {
    /** Call after each new result: listens in every document the note came from. */
    refresh() {
      hide();
      const current = options.current();
      for (const segment of current?.note.segments ?? []) {
        const doc = segment.source.ownerDocument;
        if (doc) watch(doc);
      }
    },
  };
}
