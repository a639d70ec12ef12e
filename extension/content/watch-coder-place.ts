/**
 * Where the coder works on the page: the node last pressed (pointerdown) or focused, outside
 * the panel. On a page that shows several notes side by side (a compare view), the note that
 * holds this place is the one read (`findNoteRegions`); each move is reported at once so that
 * the panel checks whether its note is still the one the coder is in.
 */
import { PANEL_HOST_TAG } from './panel-host-tag.js';

export function watchCoderPlace(
  doc: Document,
  signal: AbortSignal,
  onMove: (place: Node) => void,
): void {
  const record = (event: Event): void => {
    const target = event.target as Node | null;
    if (!target || typeof target.nodeType !== 'number' || signal.aborted) return;
    // Events from inside the panel's (closed) shadow root reach the page retargeted to its host.
    const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
    if (element?.closest(PANEL_HOST_TAG)) return;
    onMove(target);
  };
  doc.addEventListener('pointerdown', record, { capture: true, signal });
  doc.addEventListener('focusin', record, { capture: true, signal });
}
