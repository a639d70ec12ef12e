/**
 * Hosts the panel in a closed shadow root on a `<marginalia-panel>` element appended to the
 * page's root element. Key events do not leave the panel (the EHR's own shortcuts stay quiet);
 * Escape closes it. Unmounted when `signal` aborts. The panel is docked beside the page (see
 * dock-panel.ts), resizable from its left edge, and folds to a rail; the layout is kept per site.
 */
import { render } from 'preact';
import { PanelApp, type PanelAppProps, type PanelLayoutControls } from '../panel/panel-app.js';
import { PANEL_CSS } from '../panel/panel-styles.js';
import { logErrorOnce } from '../shared/logger.js';
import { createPanelDock, type PanelDock } from './dock-panel.js';
import { PANEL_HOST_TAG } from './panel-host-tag.js';
import {
  DEFAULT_PANEL_LAYOUT,
  loadPanelLayout,
  savePanelLayout,
  type PanelLayout,
} from './panel-layout.js';
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

const RESIZE_STEP = 24;

/** The rail shown when the panel is folded, and the grip on the open panel's left edge. */
function createLayoutChrome(doc: Document): {
  rail: HTMLElement;
  expand: HTMLButtonElement;
  grip: HTMLElement;
} {
  const rail = doc.createElement('div');
  rail.className = 'rail';
  const expand = doc.createElement('button');
  expand.type = 'button';
  expand.className = 'rail-expand';
  expand.setAttribute('aria-label', 'Expand the Marginalia panel');
  expand.title = 'Expand the Marginalia panel';
  const logo = doc.createElement('span');
  logo.className = 'logo';
  logo.setAttribute('aria-hidden', 'true');
  expand.append(logo);
  rail.append(expand);
  const grip = doc.createElement('div');
  grip.className = 'resize-grip';
  grip.tabIndex = 0;
  grip.setAttribute('role', 'separator');
  grip.setAttribute('aria-orientation', 'vertical');
  grip.setAttribute('aria-label', 'Resize the panel (arrow keys)');
  return { rail, expand, grip };
}

/** Drag the grip (or press ← / →) to resize; the width is saved when the drag ends. */
function watchResizeGrip(
  grip: HTMLElement,
  dock: PanelDock,
  save: () => void,
  signal: AbortSignal,
): void {
  let drag: { x: number; width: number } | undefined;
  grip.addEventListener(
    'pointerdown',
    (event) => {
      drag = { x: event.clientX, width: dock.current.width };
      grip.setPointerCapture(event.pointerId);
      event.preventDefault();
    },
    { signal },
  );
  grip.addEventListener(
    'pointermove',
    (event) => drag && dock.set({ width: drag.width + (drag.x - event.clientX) }),
    { signal },
  );
  const end = (): void => {
    if (!drag) return;
    drag = undefined;
    save();
  };
  grip.addEventListener('pointerup', end, { signal });
  grip.addEventListener('pointercancel', end, { signal });
  grip.addEventListener(
    'keydown',
    (event) => {
      const delta =
        event.key === 'ArrowLeft' ? RESIZE_STEP : event.key === 'ArrowRight' ? -RESIZE_STEP : 0;
      if (!delta) return;
      dock.set({ width: dock.current.width + delta });
      save();
      event.preventDefault();
    },
    { signal },
  );
}

interface SiteLayoutParts {
  doc: Document;
  host: HTMLElement;
  sizeStyle: HTMLStyleElement;
  rail: HTMLElement;
  expand: HTMLButtonElement;
  grip: HTMLElement;
  container: HTMLElement;
  signal: AbortSignal;
  redraw(): void;
}

/** The dock with this site's stored layout, the rail and the grip wired to it, and the panel's layout buttons. */
function createSiteLayout(parts: SiteLayoutParts): {
  dock: PanelDock;
  change(patch: Partial<PanelLayout>): void;
  controls(): PanelLayoutControls;
} {
  const { doc, host, rail, grip, container, signal } = parts;
  const origin = doc.location?.origin ?? '';
  const dock = createPanelDock({
    doc,
    host,
    sizeStyle: parts.sizeStyle,
    initial: { ...DEFAULT_PANEL_LAYOUT },
    signal,
    onApplied: (layout) => {
      host.setAttribute('data-layout', layout.applied);
      rail.hidden = !layout.collapsed;
      grip.hidden = layout.collapsed;
      container.hidden = layout.collapsed;
      parts.redraw();
    },
  });
  const save = (): void => {
    const { width, mode, collapsed } = dock.current;
    savePanelLayout(origin, { width, mode, collapsed }).catch((error: unknown) =>
      logErrorOnce('save panel layout', error),
    );
  };
  const change = (patch: Partial<PanelLayout>): void => {
    dock.set(patch);
    save();
  };
  loadPanelLayout(origin).then(
    (stored) => dock.set(stored),
    (error: unknown) => logErrorOnce('load panel layout', error),
  );
  parts.expand.addEventListener(
    'click',
    () => {
      change({ collapsed: false });
      container.querySelector<HTMLElement>('.panel')?.focus({ preventScroll: true });
    },
    { signal },
  );
  watchResizeGrip(grip, dock, save, signal);
  const controls = (): PanelLayoutControls => {
    const layout = dock.current;
    return {
      mode: layout.applied,
      fellBack: layout.fellBack,
      onCollapse: () => change({ collapsed: true }),
      onToggleMode: () =>
        change({ mode: layout.mode === 'docked' && !layout.fellBack ? 'overlay' : 'docked' }),
    };
  };
  return { dock, change, controls };
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
  const sizeStyle = doc.createElement('style');
  const { rail, expand, grip } = createLayoutChrome(doc);
  shadow.append(style, sizeStyle, overlayLayer, grip, rail, container, hoverCard);
  for (const type of ISOLATED_EVENTS) {
    host.addEventListener(
      type,
      (event) => {
        // The panel consumes Escape (preventDefault) when it only closes help or the hierarchy.
        // Only a real key press closes the panel: the page can dispatch synthetic events on the host.
        if (
          type === 'keydown' &&
          event.isTrusted &&
          (event as KeyboardEvent).key === 'Escape' &&
          !event.defaultPrevented
        )
          onEscape();
        event.stopPropagation();
      },
      { signal },
    );
  }
  doc.documentElement.append(host);
  let lastProps: PanelAppProps | undefined;
  const draw = (): void => {
    if (lastProps) render(<PanelApp {...lastProps} layout={controls()} />, container);
  };
  const { dock, change, controls } = createSiteLayout({
    doc,
    host,
    sizeStyle,
    rail,
    expand,
    grip,
    container,
    signal,
    redraw: draw,
  });
  const isVisible = (): boolean => host.isConnected && !host.hasAttribute('hidden');
  const unmount = (): void => {
    dock.release();
    render(null, container);
    host.remove();
  };
  signal.addEventListener('abort', unmount, { once: true });
  return {
    host,
    overlayLayer,
    hoverCard,
    focus: () =>
      (dock.current.collapsed ? expand : container.querySelector<HTMLElement>('.panel'))?.focus({
        preventScroll: true,
      }),
    render: (props) => {
      lastProps = props;
      draw();
    },
    show: () => {
      // The open command on a folded panel that is already showing unfolds it.
      if (isVisible() && dock.current.collapsed) change({ collapsed: false });
      host.removeAttribute('hidden');
      dock.attach();
    },
    hide: () => {
      host.setAttribute('hidden', '');
      dock.release();
    },
    get isVisible() {
      return isVisible();
    },
    unmount,
  };
}
