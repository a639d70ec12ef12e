/**
 * How the panel sits on a site: docked beside the page (the page reflows) or over it, its width,
 * and whether it is folded to a slim rail. Remembered per site in `chrome.storage.local` under
 * the page's ORIGIN (never a path, a title or note text).
 */

export type PanelMode = 'docked' | 'overlay';

export interface PanelLayout {
  /** Width of the open panel in CSS pixels. */
  width: number;
  mode: PanelMode;
  collapsed: boolean;
}

export const DEFAULT_PANEL_LAYOUT: Readonly<PanelLayout> = {
  width: 400,
  mode: 'docked',
  collapsed: false,
};
/** Width of the folded panel. */
export const RAIL_WIDTH = 44;
export const MIN_PANEL_WIDTH = 300;
/** The panel never takes more than this share of the window. */
export const MAX_PANEL_SHARE = 0.6;

const KEY_PREFIX = 'panel-layout:';

/** A width the window can hold: at least {@link MIN_PANEL_WIDTH}, at most 60% of the window. */
export function clampPanelWidth(width: number, viewportWidth: number): number {
  const max = Math.max(MIN_PANEL_WIDTH, Math.floor(viewportWidth * MAX_PANEL_SHARE));
  const safe = Number.isFinite(width) ? width : DEFAULT_PANEL_LAYOUT.width;
  return Math.round(Math.min(max, Math.max(MIN_PANEL_WIDTH, safe)));
}

/** A stored layout, or undefined when the value is not one (old format, tampered). */
export function parseStoredLayout(value: unknown): PanelLayout | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { width, mode, collapsed } = value as Record<string, unknown>;
  if (typeof width !== 'number' || !Number.isFinite(width)) return undefined;
  if (mode !== 'docked' && mode !== 'overlay') return undefined;
  if (typeof collapsed !== 'boolean') return undefined;
  return { width, mode, collapsed };
}

/** The storage key of a site's layout: the origin only. Undefined for opaque origins. */
export function layoutStorageKey(origin: string): string | undefined {
  return /^https?:\/\/[^/\s]+$/.test(origin) ? `${KEY_PREFIX}${origin}` : undefined;
}

export async function loadPanelLayout(origin: string): Promise<PanelLayout> {
  const key = layoutStorageKey(origin);
  if (!key) return { ...DEFAULT_PANEL_LAYOUT };
  const stored = await chrome.storage.local.get(key);
  return parseStoredLayout(stored[key]) ?? { ...DEFAULT_PANEL_LAYOUT };
}

export async function savePanelLayout(origin: string, layout: PanelLayout): Promise<void> {
  const key = layoutStorageKey(origin);
  if (key)
    await chrome.storage.local.set({
      [key]: { width: layout.width, mode: layout.mode, collapsed: layout.collapsed },
    });
}
