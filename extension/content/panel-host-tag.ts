/** The panel's host element (`content/mount-panel.tsx`); its subtree is never read as the note. */
export const PANEL_HOST_TAG = 'marginalia-panel';
