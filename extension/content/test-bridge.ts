/**
 * Test build only (under `__TEST__`): a fixture page drives the panel through window events,
 * for browsers where a test reaches neither the background nor the closed shadow root (Firefox
 * through WebDriver BiDi: test/e2e/firefox-panel-flow.e2e.ts). The page dispatches
 * `marginalia-test:command` with a JSON string `{command, selector?, value?}`; the content
 * script answers with `marginalia-test:reply` and a JSON string. The release build has none of
 * this (test/extension/release-build.test.ts scans for the event names).
 */
import { HIGHLIGHT_NAME } from './draw-highlights.js';

const COMMAND_EVENT = 'marginalia-test:command';
const REPLY_EVENT = 'marginalia-test:reply';

interface TestCommand {
  command: 'open' | 'snapshot' | 'click' | 'choose';
  selector?: string;
  value?: string;
}

let panelRoot: ShadowRoot | undefined;

/** Called by mount-panel.tsx (test build only) with the panel's closed shadow root. */
export function registerPanelRootForTests(root: ShadowRoot): void {
  panelRoot = root;
}

function snapshot(): unknown {
  const root = panelRoot;
  const all = (selector: string): Element[] => [...(root?.querySelectorAll(selector) ?? [])];
  const highlights = (globalThis as { CSS?: { highlights?: Map<string, Set<unknown>> } }).CSS
    ?.highlights;
  return {
    mounted: root !== undefined && root.host.isConnected,
    terminology:
      root?.querySelector('[data-terminology]')?.getAttribute('data-terminology') ?? null,
    codes: all('[data-code]').map((node) => ({
      code: node.getAttribute('data-code'),
      flagged: node.getAttribute('data-flagged'),
    })),
    evidenceHighlights: highlights?.get(HIGHLIGHT_NAME)?.size ?? all('.overlay-layer > *').length,
    accepted: all('[data-accepted-code]').map((node) => node.getAttribute('data-accepted-code')),
    exportPreview: root?.querySelector('.export-preview')?.textContent ?? null,
  };
}

function run(command: TestCommand, open: () => void): unknown {
  if (command.command === 'open') {
    open();
    return { opened: true };
  }
  if (command.command === 'snapshot') return snapshot();
  const target = panelRoot?.querySelector<HTMLElement>(command.selector ?? '');
  if (!target) throw new Error(`Expected "${command.selector}" in the panel, found none.`);
  if (command.command === 'click') target.click();
  else {
    (target as HTMLSelectElement).value = command.value ?? '';
    target.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return { done: true };
}

/** Answers the page's test commands until `signal` aborts; `open` opens the panel on the page. */
export function listenForTestCommands(open: () => void, signal: AbortSignal): void {
  window.addEventListener(
    COMMAND_EVENT,
    (event) => {
      let reply: unknown;
      try {
        reply = {
          ok: true,
          value: run(JSON.parse(String((event as CustomEvent).detail)) as TestCommand, open),
        };
      } catch (error) {
        reply = { ok: false, error: String(error) };
      }
      window.dispatchEvent(new CustomEvent(REPLY_EVENT, { detail: JSON.stringify(reply) }));
    },
    { signal },
  );
}
