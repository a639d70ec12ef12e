/**
 * One tab's panel: reads the note, asks the background to code it, renders the result, and
 * highlights a code's evidence when the coder selects it. The extracted note is kept in
 * memory only (never stored) so that evidence offsets can be mapped back to the page.
 */
import type { CodeSuggestion } from '../../src/engine/coding-types.js';
import type { PanelState } from '../panel/panel-state.js';
import { MessagingError, sendToBackground } from '../shared/messaging.js';
import { isContextInvalidatedError, type ContentScriptContext } from './content-script-context.js';
import { createEvidenceHighlighter, type EvidenceHighlighter } from './draw-highlights.js';
import type { ExtractedNote } from './extracted-note.js';
import { createDetachedNote, extractNoteText, extractSelectedText } from './extract-note-text.js';
import { mapSpanToRanges } from './map-span-to-ranges.js';
import { mountPanel, type MountedPanel } from './mount-panel.js';
import { findSiteAdapter } from './site-adapters.js';

const INVALIDATION_CHECK_MS = 1_000;

export type PanelRequest = { kind: 'page' } | { kind: 'selection'; selectionText: string };

/** The selection of this document, else of a same-origin iframe. */
function readSelection(doc: Document): ExtractedNote | undefined {
  const own = extractSelectedText(doc);
  if (own) return own;
  for (const frame of doc.querySelectorAll('iframe')) {
    try {
      const frameDoc = frame.contentDocument;
      const inFrame = frameDoc ? extractSelectedText(frameDoc) : undefined;
      if (inFrame) return inFrame;
    } catch {
      // cross-origin frame: not readable
    }
  }
  return undefined;
}

function describeError(error: unknown): string {
  if (error instanceof MessagingError || error instanceof Error) return error.message;
  return 'unknown error';
}

export class PanelSession {
  private panel: MountedPanel | undefined;
  private highlighter: EvidenceHighlighter | undefined;
  private note: ExtractedNote | undefined;
  private state: PanelState = { status: 'reading' };
  private activeCode: string | undefined;
  private lastRequest: PanelRequest = { kind: 'page' };
  private runId = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly context: ContentScriptContext,
  ) {}

  get isOpen(): boolean {
    return this.panel?.isVisible ?? false;
  }

  /** Shows the panel and (re)codes: the whole note or the selection. */
  open(request: PanelRequest): void {
    if (this.context.isInvalid) return;
    const panel = this.ensureMounted();
    panel.show();
    this.watchForInvalidation();
    void this.run(request);
  }

  /** Re-codes what was coded last (after a single-page navigation or "Try again"). */
  refresh(): void {
    if (this.isOpen) void this.run(this.lastRequest);
  }

  close(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.highlighter?.clear();
    this.activeCode = undefined;
    this.panel?.hide();
  }

  /**
   * While the panel is visible, notice within a second or two that the extension was reloaded
   * or removed, so that an orphaned panel does not linger on the EHR page.
   */
  private watchForInvalidation(): void {
    if (this.watchdog !== undefined) return;
    this.watchdog = setInterval(() => void this.context.isInvalid, INVALIDATION_CHECK_MS);
    this.context.onInvalidated(() => clearInterval(this.watchdog));
  }

  private ensureMounted(): MountedPanel {
    if (this.panel?.host.isConnected) return this.panel;
    this.panel = mountPanel(this.doc, this.context.signal, () => this.close());
    this.highlighter = createEvidenceHighlighter(this.panel.overlayLayer, this.context.signal);
    return this.panel;
  }

  private setState(state: PanelState): void {
    this.state = state;
    this.panel?.render({
      state,
      activeCode: this.activeCode,
      onSelectCode: (suggestion) => this.selectCode(suggestion),
      onClose: () => this.close(),
      onRetry: () => this.refresh(),
    });
  }

  private readNote(request: PanelRequest): ExtractedNote {
    if (request.kind === 'selection') {
      return readSelection(this.doc) ?? createDetachedNote(request.selectionText);
    }
    return extractNoteText(this.doc, findSiteAdapter(this.doc.location?.hostname ?? ''));
  }

  private async run(request: PanelRequest): Promise<void> {
    const id = ++this.runId;
    this.lastRequest = request;
    this.activeCode = undefined;
    this.highlighter?.clear();
    this.setState({ status: 'reading' });
    const note = this.readNote(request);
    if (note.text.trim().length === 0) {
      this.note = undefined;
      this.setState({ status: 'empty' });
      return;
    }
    this.note = note;
    this.setState({ status: 'coding', charCount: note.text.length });
    const started = performance.now();
    try {
      const result = await sendToBackground('codeNote', { text: note.text });
      if (id !== this.runId || this.context.signal.aborted) return;
      this.setState({
        status: 'ready',
        result,
        charCount: note.text.length,
        origin: note.origin,
        elapsedMs: performance.now() - started,
      });
    } catch (error) {
      if (isContextInvalidatedError(error) || this.context.isInvalid) {
        this.context.invalidate(); // tears the panel down quietly
        return;
      }
      if (id === this.runId) this.setState({ status: 'error', message: describeError(error) });
    }
  }

  private selectCode(suggestion: CodeSuggestion): void {
    if (this.context.isInvalid) return;
    this.activeCode = suggestion.code;
    this.setState(this.state);
    const note = this.note;
    if (!note || note.origin === 'detached' || !this.highlighter) return;
    const ranges: Range[] = [];
    let firstField: ReturnType<typeof mapSpanToRanges>['fields'][number] | undefined;
    for (const span of suggestion.evidence) {
      if (span.end > note.text.length) continue; // a span from another text: ignore, never guess
      const mapped = mapSpanToRanges(note, span.start, span.end);
      ranges.push(...mapped.ranges);
      firstField ??= mapped.fields[0];
    }
    this.highlighter.show(ranges, { scroll: true });
    if (ranges.length === 0 && firstField) {
      firstField.field.scrollIntoView({ block: 'center', behavior: 'smooth' });
      firstField.field.setSelectionRange(firstField.start, firstField.end);
    }
  }
}
