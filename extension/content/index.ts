/**
 * The content script: answers the background (open the panel, code the selection) and hosts
 * the panel. It may be injected more than once into the same frame (declared match plus
 * `scripting.executeScript`); only one live instance runs per frame.
 */
import { isBackgroundSender, listenForMessages } from '../shared/messaging.js';
import { BACKGROUND_TO_CONTENT_VALIDATORS } from '../shared/payload-validators.js';
import type { BackgroundToContent } from '../shared/protocol.js';
import { ContentScriptContext } from './content-script-context.js';
import { PanelSession } from './panel-session.js';
import { listenForTestCommands } from './test-bridge.js';
import { watchCoderPlace } from './watch-coder-place.js';
import { watchPageChanges } from './watch-page-changes.js';

const INSTANCE_KEY = '__marginaliaContentScript';

type InstanceHolder = typeof globalThis & { [INSTANCE_KEY]?: ContentScriptContext };

function startContentScript(): void {
  const context = new ContentScriptContext();
  (globalThis as InstanceHolder)[INSTANCE_KEY] = context;
  const session = new PanelSession(document, context);
  const { signal } = context;

  listenForMessages<BackgroundToContent>('content', {
    handlers: {
      ping: () => ({ ready: true }),
      openPanel: () => {
        session.open({ kind: 'page' });
        return { opened: true };
      },
      codeSelection: ({ selectionText }) => {
        session.open({ kind: 'selection', selectionText });
        return { opened: true };
      },
    },
    validators: BACKGROUND_TO_CONTENT_VALIDATORS,
    isAllowedSender: isBackgroundSender,
    signal,
  });

  // Single-page EHRs swap the patient or encounter without a page load: a result whose note
  // left the page is dropped at once, and the new note re-coded (only while the panel is open).
  watchPageChanges(document, { signal, onChange: () => session.onPageChange() });
  // Of notes shown side by side, the one the coder works in is read.
  watchCoderPlace(document, signal, (place) => session.onCoderMove(place));

  // Test build only: a fixture page may drive the panel (Firefox e2e, see test-bridge.ts).
  if (__TEST__) listenForTestCommands(() => session.open({ kind: 'page' }), signal);

  // An orphaned script notices when the coder comes back to the tab.
  document.addEventListener('visibilitychange', () => void context.isInvalid, { signal });
}

const previous = (globalThis as InstanceHolder)[INSTANCE_KEY];
if (!previous || previous.isInvalid) startContentScript();
