// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPanelDock, findContentPastEdge } from '../../../extension/content/dock-panel.js';
import {
  clampPanelWidth,
  DEFAULT_PANEL_LAYOUT,
  layoutStorageKey,
  MIN_PANEL_WIDTH,
  parseStoredLayout,
  RAIL_WIDTH,
} from '../../../extension/content/panel-layout.js';

function rect(left: number, width: number): DOMRect {
  return {
    left,
    right: left + width,
    width,
    top: 0,
    bottom: 20,
    height: 20,
    x: left,
    y: 0,
    toJSON: () => ({}),
  } as DOMRect;
}

function setup(viewport = 1440) {
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '<main><p id="note">Assessment: hypertension.</p></main>';
  Object.defineProperty(document.documentElement, 'clientWidth', {
    configurable: true,
    value: viewport,
  });
  const host = document.createElement('marginalia-panel');
  document.documentElement.append(host);
  const sizeStyle = document.createElement('style');
  const controller = new AbortController();
  const applied = vi.fn();
  const dock = createPanelDock({
    doc: document,
    host,
    sizeStyle,
    initial: { ...DEFAULT_PANEL_LAYOUT },
    signal: controller.signal,
    onApplied: applied,
  });
  return { host, sizeStyle, controller, applied, dock };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.documentElement.removeAttribute('style');
});

describe('panel layout per site', () => {
  it('clamps the width between the minimum and 60% of the window', () => {
    expect(clampPanelWidth(100, 1440)).toBe(MIN_PANEL_WIDTH);
    expect(clampPanelWidth(2000, 1440)).toBe(864);
    expect(clampPanelWidth(420.4, 1440)).toBe(420);
    expect(clampPanelWidth(Number.NaN, 1440)).toBe(DEFAULT_PANEL_LAYOUT.width);
  });

  it('keys the stored layout by origin only, never a path or an opaque origin', () => {
    expect(layoutStorageKey('https://ehr.example.org')).toBe(
      'panel-layout:https://ehr.example.org',
    );
    expect(layoutStorageKey('https://ehr.example.org/patient/123')).toBeUndefined();
    expect(layoutStorageKey('null')).toBeUndefined();
  });

  it('accepts only a well-formed stored layout', () => {
    expect(parseStoredLayout({ width: 360, mode: 'overlay', collapsed: true })).toEqual({
      width: 360,
      mode: 'overlay',
      collapsed: true,
    });
    expect(parseStoredLayout({ width: '360', mode: 'docked', collapsed: false })).toBeUndefined();
    expect(parseStoredLayout({ width: 360, mode: 'floating', collapsed: false })).toBeUndefined();
    expect(parseStoredLayout(null)).toBeUndefined();
  });
});

describe('docking the panel beside the page', () => {
  it('reserves the panel width on the root while shown and gives it back when hidden', () => {
    const { dock, sizeStyle } = setup();
    dock.attach();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('400px');
    expect(sizeStyle.textContent).toContain('width: 400px');
    expect(dock.current).toMatchObject({ applied: 'docked', fellBack: false, shownWidth: 400 });
    dock.release();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(document.documentElement.hasAttribute('style')).toBe(false);
  });

  it('restores a margin the page set itself', () => {
    document.documentElement.removeAttribute('style');
    const { dock } = setup();
    document.documentElement.style.setProperty('margin-right', '12px');
    dock.attach();
    dock.release();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('12px');
  });

  it('folds to the rail: the page keeps all but the rail width', () => {
    const { dock, sizeStyle } = setup();
    dock.attach();
    dock.set({ collapsed: true });
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe(`${RAIL_WIDTH}px`);
    expect(sizeStyle.textContent).toContain(`width: ${RAIL_WIDTH}px`);
  });

  it('overlays the page when the coder chooses it for the site', () => {
    const { dock } = setup();
    dock.attach();
    dock.set({ mode: 'overlay' });
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(dock.current).toMatchObject({ applied: 'overlay', fellBack: false });
  });

  it('falls back to the overlay when content still reaches under the panel after reflow', () => {
    const { dock } = setup(1440);
    const note = document.getElementById('note')!;
    vi.spyOn(note, 'getBoundingClientRect').mockReturnValue(rect(0, 1300)); // a fixed 1300 px layout
    dock.attach();
    expect(dock.current).toMatchObject({ applied: 'overlay', fellBack: true, mode: 'docked' });
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
  });

  it('finds nothing past the edge when the page fits left of it', () => {
    const { host } = setup(1440);
    vi.spyOn(document.getElementById('note')!, 'getBoundingClientRect').mockReturnValue(
      rect(8, 1000),
    );
    expect(findContentPastEdge(document, 1040, host)).toBeUndefined();
    expect(findContentPastEdge(document, 900, host)?.id).toBe('note');
  });

  it('gives the page its space back when the content script is torn down', () => {
    const { dock, controller } = setup();
    dock.attach();
    controller.abort();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
  });
});

describe('a page too large to reflow quickly', () => {
  it('is overlaid, not reflowed', () => {
    const { dock } = setup();
    document.getElementById('note')!.textContent = 'hypertension '.repeat(30_000); // 390,000 characters
    dock.attach();
    expect(dock.current).toMatchObject({ applied: 'overlay', fellBack: true });
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
  });
});
