/**
 * One tab's panel: reads the note, asks the background to code it, renders the result, and
 * highlights a code's evidence when the coder selects it. The coder's decisions (accepted,
 * rejected, replaced codes) are kept per note in the background's session storage under the
 * note's SHA-256; the extracted note itself stays in memory only, so that evidence offsets can
 * be mapped back to the page.
 */
import type { CodeSuggestion, RuleNote } from '../../src/engine/coding-types.js';
import { findDocumentedLaterality } from '../../src/export/check-accepted-codes.js';
import { sha256Hex } from '../../src/ontology/sha256.js';
import { createFeedbackEvent } from '../../src/feedback/index.js';
import type { PanelServices } from '../panel/panel-app.js';
import type { PanelState } from '../panel/panel-state.js';
import { decisionOf, EMPTY_REVIEW } from '../panel/review-state.js';
import { MessagingError, sendToBackground } from '../shared/messaging.js';
import type { AcceptedCodeInput, NoteReview } from '../shared/protocol.js';
import { logErrorOnce } from '../shared/logger.js';
import { isContextInvalidatedError, type ContentScriptContext } from './content-script-context.js';
import { createEvidenceHighlighter, type EvidenceHighlighter } from './draw-highlights.js';
import type { ExtractedNote } from './extracted-note.js';
import { createDetachedNote, extractNoteText, extractSelectedText } from './extract-note-text.js';
import { watchHoverCodes } from './hover-codes.js';
import { mapSpanToRanges } from './map-span-to-ranges.js';
import { mountPanel, type MountedPanel } from './mount-panel.js';
import { feedbackForReviewChange } from './review-feedback.js';
import { findSiteAdapter } from './site-adapters.js';

const INVALIDATION_CHECK_MS = 1_000;
const PROGRESS_POLL_MS = 300;
const MAX_BACKGROUND_RANGES = 2_000;

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

const DECISION_WORDS = { accepted: 'accepted', replaced: 'replaced', rejected: 'rejected', open: '' } as const;

export class PanelSession {
  private panel: MountedPanel | undefined;
  private highlighter: EvidenceHighlighter | undefined;
  private hover: { refresh(): void } | undefined;
  private note: ExtractedNote | undefined;
  private noteKey: string | undefined;
  private state: PanelState = { status: 'reading' };
  private review: NoteReview = EMPTY_REVIEW;
  private acceptedNotes: Record<string, RuleNote[]> = {};
  private activeCode: string | undefined;
  private lastRequest: PanelRequest = { kind: 'page' };
  private runId = 0;
  private checkId = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private feedbackQueue: Promise<void> = Promise.resolve();
  private readonly services: PanelServices = {
    lookupCode: (code) => sendToBackground('lookupCode', { code }),
    searchCodes: async (query, signal) => {
      if (signal.aborted) return [];
      const hits = await sendToBackground('searchCodes', { query: query.slice(0, 500), limit: 20 });
      return signal.aborted ? [] : hits;
    },
    showAgain: (suggestion) => this.showAgain(suggestion),
  };

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
    // The note goes to the engine first; mounting the panel (~30 ms on a first open) then
    // overlaps with the coding instead of delaying it.
    void this.run(request);
    const panel = this.ensureMounted();
    this.render();
    panel.show();
    this.watchForInvalidation();
    panel.focus();
  }

  /** Re-codes what was coded last (after "Try again"). */
  refresh(): void {
    if (this.isOpen) void this.run(this.lastRequest);
  }

  /**
   * After a single-page navigation or a DOM change: re-codes the page only if the note text
   * changed (a new patient or encounter), so that unrelated page updates cost one extraction.
   */
  refreshIfChanged(): void {
    if (!this.isOpen || this.lastRequest.kind !== 'page' || this.state.status === 'reading' || this.state.status === 'coding') return;
    const note = this.readNote({ kind: 'page' });
    if (note.text === this.note?.text) return;
    void this.run({ kind: 'page' }, note);
  }

  close(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.highlighter?.clear();
    this.highlighter?.clearBackground();
    this.activeCode = undefined;
    this.panel?.hide();
    if (this.panel) this.panel.hoverCard.hidden = true;
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
    this.hover = watchHoverCodes({
      card: this.panel.hoverCard,
      signal: this.context.signal,
      current: () =>
        this.isOpen && this.note && this.state.status === 'ready' && this.state.origin !== 'detached'
          ? { note: this.note, suggestions: [...this.state.result.codes, ...this.state.result.flagged] }
          : undefined,
      statusOf: (code) => DECISION_WORDS[decisionOf(this.review, code).kind],
    });
    return this.panel;
  }

  private setState(state: PanelState): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    this.panel?.render({
      state: this.state,
      activeCode: this.activeCode,
      review: this.review,
      acceptedNotes: this.acceptedNotes,
      services: this.services,
      onSelectCode: (suggestion) => this.selectCode(suggestion),
      onReviewChange: (review) => this.changeReview(review),
      onClose: () => this.close(),
      onRetry: () => this.refresh(),
    });
  }

  private readNote(request: PanelRequest): ExtractedNote {
    if (request.kind === 'selection') {
      return readSelection(this.doc) ?? createDetachedNote(request.selectionText);
    }
    return extractNoteText(this.doc, findSiteAdapter(this.doc.location?.hostname ?? '', undefined, this.doc));
  }

  /** Engine phases reported while the current note was being coded (shown in the footer). */
  private loadPhases = new Set<string>();

  /** Polls the engine's loading progress while a coding request waits (first run). */
  private pollProgress(id: number): void {
    const tick = (): void => {
      if (id !== this.runId || this.state.status !== 'coding' || this.context.signal.aborted) return;
      sendToBackground('getEngineProgress', {}).then(
        (progress) => {
          if (id !== this.runId || this.state.status !== 'coding') return;
          this.loadPhases.add(progress.phase);
          this.setState({ ...this.state, progress });
          if (progress.phase !== 'ready' && progress.phase !== 'failed') setTimeout(tick, PROGRESS_POLL_MS);
        },
        // The coding request reports real errors; a failed poll (say, an engine still starting)
        // is retried while the note is being coded.
        () => setTimeout(tick, PROGRESS_POLL_MS),
      );
    };
    setTimeout(tick, 150);
  }

  private async run(request: PanelRequest, preread?: ExtractedNote): Promise<void> {
    const id = ++this.runId;
    this.lastRequest = request;
    this.activeCode = undefined;
    this.highlighter?.clear();
    this.highlighter?.clearBackground();
    // Reading is synchronous: a "reading" state would never be painted, so none is rendered.
    const note = preread ?? this.readNote(request);
    if (note.text.trim().length === 0) {
      this.note = undefined;
      this.setState({ status: 'empty' });
      return;
    }
    this.note = note;
    // The note goes to the engine first; the panel updates while the engine works.
    const started = performance.now();
    const coding = sendToBackground('codeNote', { text: note.text });
    const noteKey = sha256Hex(note.text);
    const storedReview = sendToBackground('loadNoteReview', { noteKey }).catch(() => null);
    if (noteKey !== this.noteKey) {
      this.noteKey = noteKey;
      this.review = EMPTY_REVIEW;
      this.acceptedNotes = {};
    }
    this.setState({ status: 'coding', charCount: note.text.length });
    this.loadPhases = new Set();
    this.pollProgress(id);
    try {
      const [result, stored] = await Promise.all([coding, storedReview]);
      if (id !== this.runId || this.context.signal.aborted) return;
      if (stored) this.review = stored;
      this.setState({
        status: 'ready',
        result,
        charCount: note.text.length,
        origin: note.origin,
        elapsedMs: performance.now() - started,
        loadPhases: [...this.loadPhases].filter((phase) => phase !== 'ready'),
      });
      this.drawBackgroundHighlights();
      this.hover?.refresh();
      if (stored) void this.checkAccepted();
    } catch (error) {
      if (isContextInvalidatedError(error) || this.context.isInvalid) {
        this.context.invalidate(); // tears the panel down quietly
        return;
      }
      if (id === this.runId) this.setState({ status: 'error', message: describeError(error) });
    }
  }

  private suggestions(): CodeSuggestion[] {
    return this.state.status === 'ready' ? [...this.state.result.codes, ...this.state.result.flagged] : [];
  }

  private drawBackgroundHighlights(): void {
    const note = this.note;
    if (!note || note.origin === 'detached' || !this.highlighter) return;
    const ranges: Range[] = [];
    for (const suggestion of this.suggestions()) {
      if (suggestion.group === 'flagged') continue;
      for (const span of suggestion.evidence) {
        if (span.end > note.text.length || ranges.length >= MAX_BACKGROUND_RANGES) continue;
        ranges.push(...mapSpanToRanges(note, span.start, span.end).ranges);
      }
    }
    this.highlighter.showBackground(ranges);
  }

  private changeReview(review: NoteReview): void {
    if (this.context.isInvalid) return;
    const before = this.review;
    this.review = review;
    this.render();
    this.sendFeedback(feedbackForReviewChange(before, review, this.suggestions()));
    const noteKey = this.noteKey;
    if (noteKey) {
      sendToBackground('saveNoteReview', { noteKey, review }).catch((error: unknown) => logErrorOnce('save review', error));
    }
    void this.checkAccepted();
  }

  /** Reports decisions as feedback (the background drops them when feedback is off), in order. */
  private sendFeedback(messages: ReturnType<typeof feedbackForReviewChange>): void {
    for (const message of messages) {
      this.feedbackQueue = this.feedbackQueue
        .then(() => sendToBackground('recordFeedback', message))
        .then(
          () => undefined,
          (error: unknown) => logErrorOnce('record feedback', error),
        );
    }
  }

  /** "Show again" on a suggestion hidden by feedback: forget what hid it, then re-code. */
  private showAgain(suggestion: CodeSuggestion): void {
    const terms = createFeedbackEvent(suggestion, 'reject').terms;
    this.feedbackQueue = this.feedbackQueue
      .then(() => sendToBackground('forgetFeedback', { code: suggestion.code, terms }))
      .then(
        () => this.refresh(),
        (error: unknown) => logErrorOnce('forget feedback', error),
      );
  }

  /** Recomputes the accepted-list checks (Excludes1 pairs, partners, laterality, 7th character). */
  private async checkAccepted(): Promise<void> {
    const id = ++this.checkId;
    const note = this.note;
    const byCode = new Map(this.suggestions().map((s) => [s.code, s] as const));
    const codes: AcceptedCodeInput[] = this.review.accepted.map((entry) => {
      const source = byCode.get(entry.replaces ?? entry.code) ?? byCode.get(entry.code);
      const span = source?.evidence[0];
      const side = note && span ? findDocumentedLaterality(note.text, span.start, span.end) : undefined;
      return side ? { code: entry.code, documentedLaterality: side } : { code: entry.code };
    });
    try {
      const notes = codes.length ? await sendToBackground('checkAcceptedCodes', { codes }) : {};
      if (id !== this.checkId) return;
      this.acceptedNotes = notes;
      this.render();
    } catch (error) {
      logErrorOnce('check accepted codes', error);
    }
  }

  private selectCode(suggestion: CodeSuggestion): void {
    if (this.context.isInvalid) return;
    this.activeCode = suggestion.code;
    this.render();
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
