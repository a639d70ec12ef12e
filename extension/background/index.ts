/**
 * The background service worker: routes typed messages to the offscreen document, which it
 * owns, and turns the toolbar button, the keyboard command and the context menu into panel
 * actions (wire-browser-ui.ts, shared with Firefox's background page).
 */
import { logErrorOnce } from '../shared/logger.js';
import { setOffscreenTimeoutHandler } from '../shared/messaging.js';
import { BACKGROUND_HANDLERS } from './background-handlers.js';
import { codingRequestStats } from './coding-requests.js';
import { closeOffscreenDocument, ensureOffscreenDocument } from './offscreen-document.js';
import { wireBackground } from './wire-browser-ui.js';

// An engine that misses its deadline is restarted, so that "Try again" gets a fresh one.
setOffscreenTimeoutHandler(() => {
  closeOffscreenDocument().catch((error: unknown) => logErrorOnce('restart the engine', error));
});

wireBackground({
  handlers: BACKGROUND_HANDLERS,
  codingStats: codingRequestStats,
  // Install the terminology pack into IndexedDB now rather than on the first click.
  onInstalled: () => {
    ensureOffscreenDocument().catch((error: unknown) => logErrorOnce('install terminology', error));
  },
});
