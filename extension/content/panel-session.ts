/**
 * One tab's panel: reads the note, asks the background to code it, renders the result, and
 * highlights a code's evidence when the coder selects it. The coder's decisions (accepted,
 * rejected, replaced codes) are kept per note in the background's session storage under the
 * note's SHA-256; the extracted note itself stays in memory only, so that evidence offsets can
 * be mapped back to the page.
 *
 * Never another note's codes (issue 11): every run carries the identity of the note it codes
 * (note-identity.ts). A page change checks the shown or pending note at once; a result is
 * rendered, and a decision or export accepted, only while the page still holds its note. On a
 * mismatch the result is dropped ("The note changed: coding the new note"), its engine request
 * aborted, and the note now on the page is coded.
 */
import type { CodeSuggestion, RuleNote } from '../../src/engine/coding-types.js';
import { findDocumentedLaterality } from '../../src/export/check-accepted-codes.js';
import { sha256Hex } from '../../src/ontology/sha256.js';
import { createFeedbackEvent } from '../../src/feedback/index.js';
import type { PanelServices } from '../panel/panel-app.js';
import type { PanelState } from '../panel/panel-state.js';
import { decisionOf, EMPTY_REVIEW } from '../panel/review-state.js';
import { MessagingError, sendToBackground } from '../shared/messaging.js';
import type { AcceptedCodeInput, FeedbackCodingResult, NoteReview } from '../shared/protocol.js';
import { logErrorOnce } from '../shared/logger.js';
import { isContextInvalidatedError, type ContentScriptContext } from './content-script-context.js';
import { createEvidenceHighlighter, type EvidenceHighlighter } from './draw-highlights.js';
import type { ExtractedNote } from './extracted-note.js';
import { createDetachedNote, extractNoteText, extractSelectedText } from './extract-note-text.js';
import { watchHoverCodes } from './hover-codes.js';
import { mapSpanToRanges } from './map-span-to-ranges.js';
import { EncounterSession } from './encounter-session.js';
import { mountPanel, type MountedPanel } from './mount-panel.js';
import { identifyNote, isNoteSourceUnchanged } from './note-identity.js';
import { QuietPeriod } from './quiet-period.js';
import { requestCoding } from './request-coding.js';
import { queryDraftsFor } from './note-query-drafts.js';
import { feedbackForReviewChange } from './review-feedback.js';
import { findSiteAdapter } from './site-adapters.js';

const INVALIDATION_CHECK_MS = 1_000;
const PROGRESS_POLL_MS = 300;
const MAX_BACKGROUND_RANGES = 2_000;
/** How often an open panel checks that its note's characters are still on the page (field values set by script fire no event). */
const NOTE_POLL_MS = 250;
/** A changed note is re-coded once the page has been quiet this long… */
const RECODE_QUIET_MS = 250;
/** …but no later than this after the first change. */
const RECODE_MAX_WAIT_MS = 1_500;

export type PanelRequest = { kind: 'page' } | { kind: 'selection'; selectionText: string };

/** One coding of one note: what was read, its identity, and the handle that aborts it. */
interface CodingRun {
  request: PanelRequest;
  note: ExtractedNote;
  /** {@link identifyNote} of the note's text at `location`. */
  noteId: string;
  location: string;
  controller: AbortController;
  /** Its result is in the panel. */
  isShown: boolean;
}

export interface PanelSessionOptions {
  /** Mounts the panel UI (tests pass one that records what is rendered). */
  mount?: typeof mountPanel;
}

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

const DECISION_WORDS = {
  accepted: 'accepted',
  replaced: 'replaced',
  rejected: 'rejected',
  open: '',
} as const;

export class PanelSession {
  private panel: MountedPanel | undefined;
  private highlighter: EvidenceHighlighter | undefined;
  private hover: { refresh(): void } | undefined;
  /** The run in flight, or the one whose result is shown; undefined once dropped. */
  private run: CodingRun | undefined;
  private noteKey: string | undefined;
  private state: PanelState = { status: 'reading' };
  private review: NoteReview = EMPTY_REVIEW;
  private acceptedNotes: Record<string, RuleNote[]> = {};
  private activeCode: string | undefined;
  private lastRequest: PanelRequest = { kind: 'page' };
  /** Where the coder last clicked or focused on the page (chooses among notes side by side). */
  private place: Node | undefined;
  private checkId = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private notePoll: ReturnType<typeof setInterval> | undefined;
  /** A changed note is re-coded once the page is quiet (a burst of switches codes once). */
  private readonly recode = new QuietPeriod(RECODE_QUIET_MS, RECODE_MAX_WAIT_MS);
  private feedbackQueue: Promise<void> = Promise.resolve();
  private readonly mount: typeof mountPanel;
  private readonly services: PanelServices = {
    lookupCode: (code) => sendToBackground('lookupCode', { code }),
    searchCodes: async (query, signal) => {
      if (signal.aborted) return [];
      const hits = await sendToBackground('searchCodes', { query: query.slice(0, 500), limit: 20 });
      return signal.aborted ? [] : hits;
    },
    showAgain: (suggestion) => this.showAgain(suggestion),
  };

  /** The coder's encounter (codes gathered across notes). */
  private readonly encounter = new EncounterSession(
    () => this.render(),
    () =>
      this.note && this.noteKey && this.state.status === 'ready'
        ? {
            text: this.note.text,
            noteKey: this.noteKey,
            review: this.review,
            suggestions: this.suggestions(),
          }
        : undefined,
  );

  constructor(
    private readonly doc: Document,
    private readonly context: ContentScriptContext,
    options: PanelSessionOptions = {},
  ) {
    this.mount = options.mount ?? mountPanel;
  }

  get isOpen(): boolean {
    return this.panel?.isVisible ?? false;
  }

  /** The extracted note of the run in flight or shown (memory only). */
  private get note(): ExtractedNote | undefined {
    return this.run?.note;
  }

  /** Shows the panel and (re)codes: the whole note or the selection. */
  open(request: PanelRequest): void {
    if (this.context.isInvalid) return;
    const wasMounted = this.panel?.host.isConnected === true;
    // The note goes to the engine first; mounting the panel (~30 ms on a first open) then
    // overlaps with the coding instead of delaying it.
    void this.start(request);
    this.encounter.load();
    const panel = this.ensureMounted();
    // A panel already in place was rendered by start(); a new one renders once now.
    if (!wasMounted) this.render();
    panel.show();
    this.watchWhileOpen();
    panel.focus();
  }

  /** Re-codes what was coded last (after "Try again"). */
  refresh(): void {
    if (this.isOpen) void this.start(this.lastRequest);
  }

  /**
   * After any page change (called at once, before the page paints again): if the note of the
   * run in flight or shown is no longer the one on the page, drop it and re-code the new note
   * once the page is quiet. A change that leaves the note as it was costs one extraction.
   */
  onPageChange(): void {
    if (!this.isOpen || this.context.isInvalid) return;
    const run = this.run;
    if (run && this.isOnPage(run)) return;
    if (run) this.dropStale(run);
    if (
      run ||
      this.recode.isPending ||
      this.state.status === 'empty' ||
      this.state.status === 'error'
    )
      this.scheduleRecode();
  }

  /** The coder clicked or focused elsewhere on the page: the note read may be another one. */
  onCoderMove(place: Node): void {
    if (place === this.place) return;
    this.place = place;
    this.onPageChange();
  }

  close(): void {
    clearInterval(this.watchdog);
    clearInterval(this.notePoll);
    this.watchdog = undefined;
    this.notePoll = undefined;
    this.recode.cancel();
    // A run still in flight is aborted (nothing shows its result); opening again codes afresh.
    if (this.run && !this.run.isShown) this.run.controller.abort();
    this.highlighter?.clear();
    this.highlighter?.clearBackground();
    this.activeCode = undefined;
    this.panel?.hide();
    if (this.panel) this.panel.hoverCard.hidden = true;
  }

  /**
   * While the panel is visible: notice within a second or two that the extension was reloaded
   * or removed (an orphaned panel must not linger), and poll the note's own characters, which
   * a script can replace without any event (a field's `value`) or a URL that changed unseen.
   */
  private watchWhileOpen(): void {
    if (this.watchdog !== undefined) return;
    this.watchdog = setInterval(() => void this.context.isInvalid, INVALIDATION_CHECK_MS);
    this.notePoll = setInterval(() => {
      const run = this.run;
      if (run && !this.isStillInPlace(run)) this.onPageChange();
    }, NOTE_POLL_MS);
    this.context.onInvalidated(() => {
      clearInterval(this.watchdog);
      clearInterval(this.notePoll);
    });
  }

  private ensureMounted(): MountedPanel {
    if (this.panel?.host.isConnected) return this.panel;
    this.panel = this.mount(this.doc, this.context.signal, () => this.close());
    this.highlighter = createEvidenceHighlighter(this.panel.overlayLayer, this.context.signal);
    this.hover = watchHoverCodes({
      card: this.panel.hoverCard,
      signal: this.context.signal,
      current: () =>
        this.isOpen &&
        this.note &&
        this.state.status === 'ready' &&
        this.state.origin !== 'detached'
          ? {
              note: this.note,
              suggestions: [...this.state.result.codes, ...this.state.result.flagged],
            }
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
      encounter: this.encounter.props(),
      queries:
        this.note && this.state.status === 'ready' && this.state.origin !== 'detached'
          ? queryDraftsFor(this.note.text, this.state.result)
          : [],
      onSelectCode: (suggestion) => this.selectCode(suggestion),
      onReviewChange: (review) => this.changeReview(review),
      confirmNote: () => this.confirmShownNote(),
      onClose: () => this.close(),
      onRetry: () => this.refresh(),
    });
  }

  private location(): string {
    return this.doc.location?.href ?? '';
  }

  private readNote(request: PanelRequest): ExtractedNote {
    if (request.kind === 'selection') {
      return readSelection(this.doc) ?? createDetachedNote(request.selectionText);
    }
    return extractNoteText(
      this.doc,
      findSiteAdapter(this.doc.location?.hostname ?? '', undefined, this.doc),
      { place: this.place },
    );
  }

  /**
   * Whether the page still holds the note `run` coded: for the page, the same identity read
   * afresh (the same location and exactly the same extracted text); for a selection, the same
   * location and every selected character still in place.
   */
  private isOnPage(run: CodingRun): boolean {
    if (this.location() !== run.location) return false;
    if (run.request.kind === 'page') return this.readNote(run.request).text === run.note.text;
    return isNoteSourceUnchanged(run.note);
  }

  /**
   * The cheap form of {@link isOnPage}, for the poll and just before rendering: same location,
   * every character of the note still in place. Text added or shown next to it comes with a
   * mutation, which runs the full check at once.
   */
  private isStillInPlace(run: CodingRun): boolean {
    return this.location() === run.location && isNoteSourceUnchanged(run.note);
  }

  /** Drops a run whose note left the page: aborts it, clears its highlights, says why. */
  private dropStale(run: CodingRun): void {
    run.controller.abort();
    if (this.run === run) this.run = undefined;
    this.activeCode = undefined;
    this.highlighter?.clear();
    this.highlighter?.clearBackground();
    this.setState({ status: 'coding', charCount: 0, notice: 'note-changed' });
  }

  /** Re-codes the page's note once it has been quiet for a moment (or has kept changing too long). */
  private scheduleRecode(): void {
    this.recode.schedule(() => {
      if (this.isOpen && !this.context.isInvalid) void this.start({ kind: 'page' }, 'note-changed');
    });
  }

  /**
   * Before a decision or an export: true while the page holds the note whose result is shown.
   * Otherwise the result is dropped, the new note is coded, and the caller must refuse.
   */
  private confirmShownNote(): boolean {
    const run = this.run;
    if (run && this.state.status === 'ready' && this.isOnPage(run)) return true;
    if (run && this.state.status === 'coding' && this.isOnPage(run)) return true; // a code added from the lookup
    if (run) this.dropStale(run);
    this.scheduleRecode();
    return false;
  }

  /** Engine phases reported while the current note was being coded (shown in the footer). */
  private loadPhases = new Set<string>();

  /** Polls the engine's loading progress while a coding request waits (first run). */
  private pollProgress(run: CodingRun): void {
    const isWaiting = (): boolean =>
      run === this.run && this.state.status === 'coding' && !run.controller.signal.aborted;
    const tick = (): void => {
      if (!isWaiting() || this.context.signal.aborted) return;
      sendToBackground('getEngineProgress', {}).then(
        (progress) => {
          if (!isWaiting() || this.state.status !== 'coding') return;
          this.loadPhases.add(progress.phase);
          this.setState({ ...this.state, progress });
          if (progress.phase !== 'ready' && progress.phase !== 'failed')
            setTimeout(tick, PROGRESS_POLL_MS);
        },
        // The coding request reports real errors; a failed poll (say, an engine still starting)
        // is retried while the note is being coded.
        () => setTimeout(tick, PROGRESS_POLL_MS),
      );
    };
    setTimeout(tick, 150);
  }

  /** Reads the note now on the page (or the selection) and codes it, superseding any run. */
  private async start(request: PanelRequest, notice?: 'note-changed'): Promise<void> {
    const previous = this.run;
    previous?.controller.abort();
    this.run = undefined;
    this.recode.cancel();
    this.lastRequest = request;
    const hadActiveCode = this.activeCode !== undefined;
    this.activeCode = undefined;
    this.highlighter?.clear();
    // Reading is synchronous: a "reading" state would never be painted, so none is rendered.
    const note = this.readNote(request);
    if (note.text.trim().length === 0) {
      this.highlighter?.clearBackground();
      this.setState({ status: 'empty' });
      return;
    }
    // The note goes to the engine first; the panel updates while the engine works.
    const controller = new AbortController();
    const started = performance.now();
    const coding = requestCoding(note.text, controller.signal);
    // A run dropped while its key is digested never awaits the answer: its abort is not an error.
    coding.catch(() => undefined);
    const location = this.location();
    const run: CodingRun = { request, note, location, noteId: '', controller, isShown: false };
    this.run = run;
    if (this.showsResultOf(previous, request, note, location)) {
      // The same note coded again (the panel opened again): its codes stay in place until the
      // new result replaces them in one render, instead of a progress view torn down again
      // a few milliseconds later.
      if (hadActiveCode) this.render();
    } else {
      this.highlighter?.clearBackground();
      this.setState({ status: 'coding', charCount: note.text.length, notice });
    }
    // The review key hashes the whole note: off the page's main thread where WebCrypto exists
    // (a megabyte hashed synchronously is a long task). A run dropped or superseded meanwhile
    // (its request already aborted) stops here.
    const noteKey = await noteTextKey(note.text);
    if (this.run !== run) return;
    run.noteId = identifyNote(noteKey, location);
    const storedReview = this.switchReview(noteKey);
    this.loadPhases = new Set();
    this.pollProgress(run);
    await this.finish(run, coding, storedReview, started);
  }

  /**
   * Whether the panel shows the result of `previous` and the page's note is exactly the one it
   * coded (same kind of request, location and text): that result is this note's.
   */
  private showsResultOf(
    previous: CodingRun | undefined,
    request: PanelRequest,
    note: ExtractedNote,
    location: string,
  ): boolean {
    return (
      previous !== undefined &&
      this.state.status === 'ready' &&
      this.state.noteId === previous.noteId &&
      previous.request.kind === request.kind &&
      previous.location === location &&
      previous.note.origin === note.origin &&
      previous.note.text === note.text
    );
  }

  /** The review kept for this note (loaded from the session store); a new note starts empty. */
  private switchReview(noteKey: string): Promise<NoteReview | null> {
    const stored = sendToBackground('loadNoteReview', { noteKey }).catch(() => null);
    if (noteKey !== this.noteKey) {
      this.noteKey = noteKey;
      this.review = EMPTY_REVIEW;
      this.acceptedNotes = {};
    }
    return stored;
  }

  /** Renders the run's result, only if it is still the current run and its note is on the page. */
  private async finish(
    run: CodingRun,
    coding: Promise<FeedbackCodingResult>,
    storedReview: Promise<NoteReview | null>,
    started: number,
  ): Promise<void> {
    try {
      const [result, stored] = await Promise.all([coding, storedReview]);
      if (run !== this.run || run.controller.signal.aborted || this.context.signal.aborted) return;
      if (!this.isStillInPlace(run)) {
        this.dropStale(run);
        void this.start({ kind: 'page' }, 'note-changed');
        return;
      }
      if (stored) this.review = stored;
      this.showResult(run, result, performance.now() - started);
      if (stored) void this.checkAccepted();
    } catch (error) {
      if (isContextInvalidatedError(error) || this.context.isInvalid) {
        this.context.invalidate(); // tears the panel down quietly
        return;
      }
      if (run === this.run && !run.controller.signal.aborted)
        this.setState({ status: 'error', message: describeError(error) });
    }
  }

  private showResult(run: CodingRun, result: FeedbackCodingResult, elapsedMs: number): void {
    run.isShown = true;
    this.setState({
      status: 'ready',
      result,
      noteId: run.noteId,
      charCount: run.note.text.length,
      origin: run.note.origin,
      elapsedMs,
      loadPhases: [...this.loadPhases].filter((phase) => phase !== 'ready'),
    });
    this.drawBackgroundHighlights();
    this.hover?.refresh();
  }

  private suggestions(): CodeSuggestion[] {
    return this.state.status === 'ready'
      ? [...this.state.result.codes, ...this.state.result.flagged]
      : [];
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
    // A decision on a result whose note left the page is refused (the new note is coded).
    if (!this.confirmShownNote()) return;
    const before = this.review;
    this.review = review;
    this.render();
    this.sendFeedback(feedbackForReviewChange(before, review, this.suggestions()));
    const noteKey = this.noteKey;
    if (noteKey) {
      sendToBackground('saveNoteReview', { noteKey, review }).catch((error: unknown) =>
        logErrorOnce('save review', error),
      );
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
      const side =
        note && span ? findDocumentedLaterality(note.text, span.start, span.end) : undefined;
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
    if (this.context.isInvalid || !this.run) return;
    if (!this.isStillInPlace(this.run)) return this.onPageChange(); // drops the stale result
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

/** SHA-256 of a note's text in hex: WebCrypto where the page allows it, else the core's own. */
async function noteTextKey(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256Hex(text);
  try {
    const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return sha256Hex(text);
  }
}
