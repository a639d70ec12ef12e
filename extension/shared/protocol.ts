/**
 * Every cross-context call of the extension, declared once, named by direction.
 *
 * Each interface is a map of function signatures: the parameter is the message `data`, the
 * return type is the reply `value`. Payloads cross Chrome's runtime messaging, so they are
 * JSON-serializable: no typed arrays, no DOM nodes, no class instances.
 * `extension/shared/messaging.ts` is the only module that puts these on the wire.
 */
import type { CareSetting, CodingResult, CodingScope } from '../../src/engine/coding-types.js';

/** What the coder chose on the options page. */
export interface CodingSettings {
  setting: CareSetting;
  scope: CodingScope;
}

/** The terminology the offscreen document has loaded (or failed to load). */
export interface TerminologyStatus {
  /** Release label, e.g. "2025-april". */
  version: string;
  /** Where the pack came from on this start. */
  loadedFrom: 'indexeddb' | 'package';
  /** Milliseconds to read, parse and index the pack on this start. */
  loadMs: number;
}

/** One hit of the quick lookup. */
export interface CodeSearchHit {
  /** Dotted code, e.g. "E11.22". */
  code: string;
  title: string;
  billable: boolean;
}

/** Content script (and the extension's own popup/options pages) → background. */
export interface ContentToBackground {
  /** Code a note the content script read from the page. The background adds the settings. */
  codeNote(input: { text: string }): CodingResult;
  /** Quick lookup over the whole classification. */
  searchCodes(input: { query: string; limit: number }): CodeSearchHit[];
  getTerminologyStatus(input: Record<string, never>): TerminologyStatus;
}

/** Background → offscreen document. The offscreen document ignores every other sender. */
export interface BackgroundToOffscreen {
  codeText(input: { text: string } & CodingSettings): CodingResult;
  searchCodes(input: { query: string; limit: number }): CodeSearchHit[];
  getTerminologyStatus(input: Record<string, never>): TerminologyStatus;
}

/** Background → content script (through `chrome.tabs.sendMessage`). */
export interface BackgroundToContent {
  /** Liveness probe, used to decide whether the content script must be injected. */
  ping(input: Record<string, never>): { ready: true };
  /** Open the panel (or bring it back) and code the note on the page. */
  openPanel(input: Record<string, never>): { opened: true };
  /**
   * Code only the selected text. `selectionText` is Chrome's copy of the selection, used when
   * the live selection cannot be read in this frame (no highlights are drawn then).
   */
  codeSelection(input: { selectionText: string }): { opened: true };
}

/** Upper bound on note text accepted by any handler (characters). 10,000+ words is normal. */
export const MAX_NOTE_CHARS = 2_000_000;
/** Upper bound on a lookup query. */
export const MAX_QUERY_CHARS = 500;
