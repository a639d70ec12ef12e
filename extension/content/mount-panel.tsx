/**
 * Hosts the panel in a closed shadow root on a `<marginalia-panel>` element appended to the
 * page's root element. Key events do not leave the panel (the EHR's own shortcuts stay quiet);
 * Escape closes it. Unmounted when `signal` aborts.
 */
import { render } from 'preact';
import { PanelApp, type PanelAppProps } from '../panel/panel-app.js';
import { PANEL_CSS } from '../panel/panel-styles.js';
import { PANEL_HOST_TAG } from './extract-note-text.js';
import { registerPanelRootForTests } from './test-bridge.js';

export interface MountedPanel {
  host: HTMLElement;
  /** Fixed, click-through layer for overlay highlights (fallback highlighter). */
  overlayLayer: HTMLElement;
  /** The card that lists the codes of a hovered highlight. */
  hoverCard: HTMLElement;
  /** Moves keyboard focus into the panel (after the open shortcut). */
  focus(): void;
  render(props: PanelAppProps): void;
  show(): void;
  hide(): void;
  readonly isVisible: boolean;
  unmount(): void;
}

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'] as const;

export function mountPanel(doc: Document, signal: AbortSignal, onEscape: () => void): MountedPanel {
  for (const stale of doc.querySelectorAll(PANEL_HOST_TAG)) stale.remove(); // from an older instance
  const host = doc.createElement(PANEL_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  if (__TEST__) registerPanelRootForTests(shadow);
  const style = doc.createElement('style');
  style.textContent = PANEL_CSS;
  const container = doc.createElement('div');
  container.className = 'panel-root';
  const overlayLayer = doc.createElement('div');
  overlayLayer.className = 'overlay-layer';
  overlayLayer.setAttribute('aria-hidden', 'true');
  const hoverCard = doc.createElement('div');
  hoverCard.className = 'hover-card';
  hoverCard.hidden = true;
  hoverCard.setAttribute('role', 'tooltip');
  shadow.append(style, overlayLayer, container, hoverCard);
  for (const type of ISOLATED_EVENTS) {
    host.addEventListener(
      type,
      (event) => {
        // The panel consumes Escape (preventDefault) when it only closes help or the hierarchy.
        // Only a real key press closes the panel: the page can dispatch synthetic events on the host.
        if (type === 'keydown' && event.isTrusted && (event as KeyboardEvent).key === 'Escape' && !event.defaultPrevented) onEscape();
        event.stopPropagation();
      },
      { signal },
    );
  }
  doc.documentElement.append(host);
  const unmount = (): void => {
    render(null, container);
    host.remove();
  };
  signal.addEventListener('abort', unmount, { once: true });
  return {
    host,
    overlayLayer,
    hoverCard,
    focus: () => container.querySelector<HTMLElement>('.panel')?.focus({ preventScroll: true }),
    render: (props) => render(<PanelApp {...props} />, container),
    show: () => host.removeAttribute('hidden'),
    hide: () => host.setAttribute('hidden', ''),
    get isVisible() {
      return host.isConnected && !host.hasAttribute('hidden');
    },
    unmount,
  };
}
