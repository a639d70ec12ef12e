/**
 * The panel: a narrow, keyboard-first column. From the top: the lookup box, the accepted list
 * (with its checks and export), then the suggested codes by group, each with its title,
 * confidence, evidence, rule notes and accept / reject / more-specific actions.
 * Note text (evidence) is rendered as text nodes only.
 */
import { Component, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CodeSuggestion, CodingResult, RuleNote } from '../../src/engine/coding-types.js';
import type { CodeBrief, CodeDetail, CodeSearchHit, NoteReview } from '../shared/protocol.js';
import { AcceptedList, RuleNoteList, type ExportFormat } from './accepted-list.js';
import type { DocumentationQuery } from '../../src/encounter/documentation-queries.js';
import { CodeBrowser } from './code-browser.js';
import { EncounterPanel, type EncounterPanelProps } from './encounter-panel.js';
import { QueryDrafts } from './query-drafts.js';
import {
  ASSERTION_LABELS,
  GROUP_TITLES,
  groupSuggestions,
  type SuggestionGroupId,
} from './group-suggestions.js';
import { Icon } from './icons.js';
import { LookupBox } from './lookup-box.js';
import { ProcedureGroup } from './procedure-group.js';
import type { PanelState } from './panel-state.js';
import {
  acceptCode,
  clearDecision,
  decisionOf,
  EMPTY_REVIEW,
  moveAccepted,
  rejectCode,
  replaceCode,
  type CodeDecision,
} from './review-state.js';
import { markFirstCodesShown, markResultShown } from './timing-marks.js';

/** What the panel may ask for (through the content script and the background). */
export interface PanelServices {
  lookupCode(code: string): Promise<CodeDetail | null>;
  searchCodes(query: string, signal: AbortSignal): Promise<CodeSearchHit[]>;
  /** Forgets the feedback that hid a suggestion and re-codes ("show again"). */
  showAgain?(suggestion: CodeSuggestion): void;
}

/** How the panel sits on the page (set by the content script's mount; absent in tests). */
export interface PanelLayoutControls {
  /** As applied now: docked beside the page, or over it. */
  mode: 'docked' | 'overlay';
  /** Docking was chosen, but the page does not fit beside the panel. */
  fellBack: boolean;
  onCollapse(): void;
  onToggleMode(): void;
}

export interface PanelAppProps {
  state: PanelState;
  layout?: PanelLayoutControls | undefined;
  /** Code whose evidence is highlighted, if any. */
  activeCode?: string | undefined;
  /** The coder's decisions on this note. */
  review?: NoteReview | undefined;
  /** Checks on the accepted list, by code. */
  acceptedNotes?: Record<string, RuleNote[]> | undefined;
  services?: PanelServices | undefined;
  /** The coder's encounter (absent in tests that do not need it). */
  encounter?: EncounterPanelProps | undefined;
  /** Documentation query drafts for this note. */
  queries?: readonly DocumentationQuery[] | undefined;
  onSelectCode(suggestion: CodeSuggestion): void;
  onReviewChange?(review: NoteReview): void;
  /**
   * Before an export: true while the page still holds the note the shown result was computed
   * from. False refuses the export (the content script then drops the result and re-codes).
   */
  confirmNote?(): boolean;
  onClose(): void;
  onRetry(): void;
}

/** Keyboard shortcuts inside the panel (the open shortcut is the browser's command). */
export const PANEL_SHORTCUTS: readonly { keys: string[]; action: string }[] = [
  { keys: ['Alt', 'Shift', 'M'], action: 'Open the panel and code this note' },
  { keys: ['J'], action: 'Next code (also ↓)' },
  { keys: ['K'], action: 'Previous code (also ↑)' },
  { keys: ['Enter'], action: 'Show the code’s evidence in the note' },
  { keys: ['A'], action: 'Accept the focused code' },
  { keys: ['R'], action: 'Reject the focused code' },
  { keys: ['S'], action: 'More specific: open the hierarchy' },
  { keys: ['U'], action: 'Undo the decision on the focused code' },
  { keys: ['/'], action: 'Look up a code' },
  { keys: ['C'], action: 'Copy the accepted list' },
  { keys: ['?'], action: 'Show or hide this help' },
  { keys: ['Esc'], action: 'Close help, the hierarchy, or the panel' },
];

const DECISION_LABELS: Record<CodeDecision['kind'], string> = {
  accepted: 'Accepted',
  replaced: 'Replaced',
  rejected: 'Rejected',
  open: '',
};

function formatConfidence(score: number): string {
  return `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%`;
}

function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return (
    !!element &&
    (element.tagName === 'INPUT' ||
      element.tagName === 'TEXTAREA' ||
      element.tagName === 'SELECT' ||
      element.isContentEditable)
  );
}

/** The code buttons in visual order (folded flagged codes excluded unless open). */
function codeButtons(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button[data-code]')].filter(
    (button) => !button.closest('details:not([open])'),
  );
}

function ConfidenceMeter({ score }: { score: number }) {
  const percent = Math.round(Math.min(1, Math.max(0, score)) * 100);
  return (
    <span class="confidence" title={`Confidence ${percent}%`}>
      <span class="meter" aria-hidden="true">
        <span class="meter-fill" style={{ width: `${percent}%` }} />
      </span>
      <span class="confidence-value">{formatConfidence(score)}</span>
    </span>
  );
}

function CodeItem(props: {
  suggestion: CodeSuggestion;
  isFlagged: boolean;
  isActive: boolean;
  canHighlight: boolean;
  decision: CodeDecision;
  isBrowsing: boolean;
  services: PanelServices | undefined;
  onSelect(suggestion: CodeSuggestion): void;
  onAccept(suggestion: CodeSuggestion): void;
  onReject(suggestion: CodeSuggestion): void;
  onUndo(suggestion: CodeSuggestion): void;
  onBrowse(code: string | undefined): void;
  onReplace(original: string, replacement: CodeBrief): void;
}) {
  const { suggestion, isFlagged, isActive, canHighlight, decision, isBrowsing, services } = props;
  const evidence = suggestion.evidence.slice(0, 3);
  const code = suggestion.code;
  const classes = ['code-item', `decision-${decision.kind}`, isActive ? 'is-active' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li class={classes} data-decision={decision.kind} data-suggestion={code}>
      <div class="code-row">
        <button
          type="button"
          class="code-button"
          data-code={code}
          data-flagged={isFlagged ? suggestion.assertion : undefined}
          aria-pressed={isActive}
          title={canHighlight ? 'Show the evidence in the note (Enter)' : undefined}
          onClick={() => props.onSelect(suggestion)}
        >
          <span class="code-line">
            <span class="code">{code}</span>
            {decision.kind !== 'open' ? (
              <span class={`status-tag status-${decision.kind}`}>
                {decision.kind === 'replaced' ? `→ ${decision.by}` : DECISION_LABELS[decision.kind]}
              </span>
            ) : null}
            <ConfidenceMeter score={suggestion.score} />
          </span>
          <span class="title">{suggestion.title}</span>
          {isFlagged || suggestion.assertion !== 'present' || !suggestion.billable ? (
            <span class="tags">
              {isFlagged || suggestion.assertion !== 'present' ? (
                <span class="tag warn">{ASSERTION_LABELS[suggestion.assertion]}</span>
              ) : null}
              {!suggestion.billable ? <span class="tag">not billable</span> : null}
            </span>
          ) : null}
        </button>
        <span class="actions" role="group" aria-label={`Decide ${code}`}>
          <button
            type="button"
            class="act act-accept"
            data-action="accept"
            aria-label={`Accept ${code}`}
            aria-pressed={decision.kind === 'accepted'}
            title="Accept (A)"
            onClick={() =>
              decision.kind === 'accepted' ? props.onUndo(suggestion) : props.onAccept(suggestion)
            }
          >
            <Icon name="check" />
          </button>
          <button
            type="button"
            class="act act-reject"
            data-action="reject"
            aria-label={`Reject ${code}`}
            aria-pressed={decision.kind === 'rejected'}
            title="Reject (R)"
            onClick={() =>
              decision.kind === 'rejected' ? props.onUndo(suggestion) : props.onReject(suggestion)
            }
          >
            <Icon name="cross" />
          </button>
          <button
            type="button"
            class="act act-browse"
            data-action="browse"
            aria-label={`More specific codes for ${code}`}
            aria-expanded={isBrowsing}
            title="More specific (S)"
            disabled={!services}
            onClick={() => props.onBrowse(isBrowsing ? undefined : code)}
          >
            <Icon name="tree" />
          </button>
        </span>
      </div>
      {evidence.length > 0 ? (
        <ul class="evidence" aria-label={`Evidence for ${code}`}>
          {evidence.map((span) => (
            <li key={`${span.start}-${span.end}`}>“{span.text}”</li>
          ))}
        </ul>
      ) : null}
      <RuleNoteList notes={suggestion.notes.slice(0, 4)} label={`Coding notes for ${code}`} />
      {isBrowsing && services ? (
        <CodeBrowser
          code={code}
          chooseLabel="Use"
          lookupCode={services.lookupCode}
          onChoose={(replacement) => {
            props.onReplace(code, replacement);
            props.onBrowse(undefined);
          }}
          onClose={() => props.onBrowse(undefined)}
        />
      ) : null}
    </li>
  );
}

/**
 * Its children as last rendered while `isFrozen`: preact skips the subtree, so the DOM stays as
 * it is until a render with `isFrozen` false.
 */
class Frozen extends Component<{ isFrozen: boolean; children: ComponentChildren }> {
  override shouldComponentUpdate(next: { isFrozen: boolean }): boolean {
    return !next.isFrozen;
  }
  override render() {
    return this.props.children;
  }
}

function CodeGroup(props: {
  id: SuggestionGroupId;
  suggestions: CodeSuggestion[];
  /** How many items to render now (the rest follow after the first paint). */
  limit: number;
  /** The items past `limit` stay as they are in the DOM (frozen) instead of being left out. */
  keepRest: boolean;
  render(suggestion: CodeSuggestion, isFlagged: boolean): ComponentChildren;
}) {
  const { id, suggestions, limit, keepRest } = props;
  if (suggestions.length === 0) return null;
  const isFlagged = id === 'flagged';
  const list = (
    <ul class="code-list" data-group={id} aria-label={GROUP_TITLES[id]}>
      {(keepRest ? suggestions : suggestions.slice(0, limit)).map((suggestion, index) => (
        <Frozen key={`${suggestion.code}-${suggestion.assertion}`} isFrozen={index >= limit}>
          {props.render(suggestion, isFlagged)}
        </Frozen>
      ))}
    </ul>
  );
  return isFlagged ? (
    <details class="group flagged">
      <summary>
        {GROUP_TITLES[id]} <span class="count">{suggestions.length}</span>
      </summary>
      {list}
    </details>
  ) : (
    <section class="group" aria-labelledby={`group-${id}`}>
      <h2 id={`group-${id}`}>
        {GROUP_TITLES[id]} <span class="count">{suggestions.length}</span>
      </h2>
      {list}
    </section>
  );
}

function ProgressBar({ fraction, label }: { fraction: number | undefined; label: string }) {
  const percent = fraction === undefined ? undefined : Math.round(fraction * 100);
  return (
    <div class="progress-wrap">
      <div
        class={`progress${percent === undefined ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span
          class="progress-fill"
          style={percent === undefined ? undefined : { width: `${Math.max(6, percent)}%` }}
        />
      </div>
    </div>
  );
}

function HelpPanel({ onClose }: { onClose(): void }) {
  return (
    <section class="help" aria-labelledby="help-heading" data-help>
      <div class="section-head">
        <h2 id="help-heading">Keyboard shortcuts</h2>
        <button type="button" class="icon-button" aria-label="Close help" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <dl class="shortcuts">
        {PANEL_SHORTCUTS.map((shortcut) => (
          <div class="shortcut" key={shortcut.action}>
            <dt>
              {shortcut.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 ? '+' : ''}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{shortcut.action}</dd>
          </div>
        ))}
      </dl>
      <p class="muted small">
        Hover a highlighted phrase in the note to see its codes. Decisions are kept for this note
        until the browser closes (stored under a hash of the note, never its text).
      </p>
    </section>
  );
}

function StatusBody({
  state,
  onRetry,
}: {
  state: Exclude<PanelState, { status: 'ready' }>;
  onRetry(): void;
}) {
  switch (state.status) {
    case 'reading':
      return (
        <div class="status" role="status">
          <ProgressBar fraction={undefined} label="Reading the note" />
          <p>Reading the note…</p>
        </div>
      );
    case 'coding': {
      const progress = state.progress;
      const isLoading = progress && progress.phase !== 'ready';
      return (
        <div class="status" role="status" data-progress-phase={progress?.phase ?? 'unknown'}>
          <ProgressBar
            fraction={isLoading ? progress.fraction : undefined}
            label={isLoading ? progress.label : 'Coding the note'}
          />
          {state.notice === 'note-changed' ? (
            <p data-notice="note-changed">The note changed: coding the new note</p>
          ) : null}
          <p>
            {isLoading
              ? `${progress.label}…`
              : state.charCount > 0
                ? `Coding ${state.charCount.toLocaleString()} characters…`
                : 'Reading the note…'}
          </p>
          {isLoading ? (
            <p class="muted small">
              First run only: the terminology is stored on this device for next time.
            </p>
          ) : null}
        </div>
      );
    }
    case 'empty':
      return (
        <p class="status" role="status">
          No note text found on this page. Select the note text and choose “Code with Marginalia”.
        </p>
      );
    case 'error':
      return (
        <div class="status error-box" role="alert">
          <p>Couldn’t code this page: {state.message}</p>
          <button type="button" class="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
  }
}

/** The panel root's error boundary: a rendering bug shows a message, not a blank column. */
class PanelErrorBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch(): void {
    this.setState({ failed: true });
  }
  override render() {
    return this.state.failed ? (
      <p class="status error-box" role="alert">
        Couldn’t show the suggestions. Close and reopen the panel.
      </p>
    ) : (
      this.props.children
    );
  }
}

export function PanelApp(props: PanelAppProps) {
  const { state, activeCode, services, onSelectCode, onRetry } = props;
  const review = props.review ?? EMPTY_REVIEW;
  const acceptedNotes = props.acceptedNotes ?? {};
  const [isHelpOpen, setHelpOpen] = useState(false);
  const [browsing, setBrowsing] = useState<string | undefined>();
  const rootRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const exportRef = useRef<((format: ExportFormat) => void) | null>(null);
  const change = (next: NoteReview): void => props.onReviewChange?.(next);
  const acceptSuggestion = (s: CodeSuggestion): void =>
    change(
      acceptCode(review, {
        code: s.code,
        title: s.title,
        billable: s.billable,
        assertion: s.assertion,
      }),
    );

  const result = state.status === 'ready' ? state.result : undefined;
  const groups = result ? groupSuggestions(result) : undefined;
  // A long result is shown in two passes: the first codes at once, the rest (and the footer)
  // after the first paint, so that the coder sees codes without waiting for ~100 list items.
  // A result that replaces a complete list (the same note coded again) updates it in place:
  // the first pass diffs the first codes and leaves the others as they are (frozen) until the
  // second, instead of removing them and building them again.
  const [completeFor, setCompleteFor] = useState<CodingResult | undefined>();
  const isCompleteShown = useRef(false);
  const total = groups
    ? groups.principal.length + groups.other.length + groups.history.length + groups.flagged.length
    : 0;
  const isComplete = result !== undefined && (total <= FIRST_PASS_ITEMS || completeFor === result);
  const isInPlace = result !== undefined && !isComplete && isCompleteShown.current;
  useLayoutEffect(() => {
    isCompleteShown.current = isComplete || isInPlace;
  });
  useLayoutEffect(() => {
    if (__TEST__ && result) markFirstCodesShown(rootRef.current);
  }, [result]);
  useEffect(() => {
    if (!result || isComplete) return;
    const timer = setTimeout(() => setCompleteFor(result), 0);
    return () => clearTimeout(timer);
  }, [result, isComplete]);
  let budget = isComplete ? Number.POSITIVE_INFINITY : FIRST_PASS_ITEMS;
  const limits = { principal: 0, other: 0, history: 0, flagged: 0 };
  for (const id of ['principal', 'other', 'history', 'flagged'] as const) {
    limits[id] = Math.min(budget, groups?.[id].length ?? 0);
    budget -= limits[id];
  }
  const suggestionsByCode = new Map<string, CodeSuggestion>();
  for (const s of groups
    ? [...groups.principal, ...groups.other, ...groups.history, ...groups.flagged]
    : []) {
    if (!suggestionsByCode.has(s.code)) suggestionsByCode.set(s.code, s);
  }
  const openPositives = groups
    ? [...groups.principal, ...groups.other, ...groups.history].filter(
        (s) => decisionOf(review, s.code).kind === 'open',
      )
    : [];

  const onKeyDown = (event: KeyboardEvent): void => {
    const root = rootRef.current;
    if (!root || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      if (isHelpOpen || browsing) {
        setHelpOpen(false);
        setBrowsing(undefined);
        event.preventDefault(); // consumed: the panel stays open
      }
      return;
    }
    if (isTypingTarget(event.target)) return;
    const buttons = codeButtons(root);
    const focused =
      (event.target as HTMLElement)
        .closest?.('li[data-suggestion]')
        ?.getAttribute('data-suggestion') ?? undefined;
    const current = buttons.findIndex((button) => button.dataset.code === focused);
    const focusAt = (index: number): void => {
      const target = buttons[Math.max(0, Math.min(buttons.length - 1, index))];
      if (target) target.focus();
    };
    const suggestion = focused ? suggestionsByCode.get(focused) : undefined;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let handled = true;
    if (key === 'j' || key === 'ArrowDown') focusAt(current < 0 ? 0 : current + 1);
    else if (key === 'k' || key === 'ArrowUp') focusAt(current < 0 ? 0 : current - 1);
    else if (key === 'a' && suggestion) acceptSuggestion(suggestion);
    else if (key === 'r' && suggestion) change(rejectCode(review, suggestion.code));
    else if (key === 'u' && suggestion) change(clearDecision(review, suggestion.code));
    else if (key === 's' && suggestion && services)
      setBrowsing(browsing === suggestion.code ? undefined : suggestion.code);
    else if (key === '/') searchRef.current?.focus();
    else if (key === 'c') exportRef.current?.('text');
    else if (key === '?') setHelpOpen(!isHelpOpen);
    else handled = false;
    if (handled) event.preventDefault();
  };

  const renderItem = (suggestion: CodeSuggestion, isFlagged: boolean): ComponentChildren => (
    <CodeItem
      key={`${suggestion.code}-${suggestion.assertion}`}
      suggestion={suggestion}
      isFlagged={isFlagged}
      isActive={activeCode === suggestion.code}
      canHighlight={state.status === 'ready' && state.origin !== 'detached'}
      decision={decisionOf(review, suggestion.code)}
      isBrowsing={browsing === suggestion.code}
      services={services}
      onSelect={onSelectCode}
      onAccept={acceptSuggestion}
      onReject={(s) => change(rejectCode(review, s.code))}
      onUndo={(s) => change(clearDecision(review, s.code))}
      onBrowse={setBrowsing}
      onReplace={(original, replacement) => change(replaceCode(review, original, replacement))}
    />
  );

  return (
    <aside
      class="panel"
      aria-label="Marginalia code suggestions"
      ref={rootRef}
      onKeyDown={onKeyDown}
      tabIndex={-1}
    >
      <header class="header">
        <span class="brand">
          <span class="logo" aria-hidden="true" />
          <h1>Marginalia</h1>
        </span>
        <span class="header-actions">
          {props.layout ? <LayoutButtons layout={props.layout} /> : null}
          <button
            type="button"
            class="icon-button"
            aria-label="Keyboard shortcuts and help"
            aria-expanded={isHelpOpen}
            onClick={() => setHelpOpen(!isHelpOpen)}
          >
            <Icon name="help" />
          </button>
          <button
            type="button"
            class="icon-button close"
            aria-label="Close Marginalia panel"
            onClick={props.onClose}
          >
            <Icon name="close" />
          </button>
        </span>
      </header>
      {services ? (
        <LookupBox
          searchCodes={services.searchCodes}
          lookupCode={services.lookupCode}
          onAdd={(code) => change(acceptCode(review, code))}
          acceptedCodes={new Set(review.accepted.map((entry) => entry.code))}
          inputRef={searchRef}
        />
      ) : null}
      <div
        class="body"
        aria-live="polite"
        aria-busy={state.status === 'reading' || state.status === 'coding'}
      >
        <PanelErrorBoundary>
          {isHelpOpen ? <HelpPanel onClose={() => setHelpOpen(false)} /> : null}
          {state.status === 'ready' && groups ? (
            <>
              <AcceptedList
                review={review}
                notes={acceptedNotes}
                openCount={openPositives.length}
                onAcceptAll={() =>
                  change(
                    openPositives.reduce(
                      (next, s) =>
                        acceptCode(next, {
                          code: s.code,
                          title: s.title,
                          billable: s.billable,
                          assertion: s.assertion,
                        }),
                      review,
                    ),
                  )
                }
                onRemove={(code) => change(clearDecision(review, code))}
                onMove={(code, delta) => change(moveAccepted(review, code, delta))}
                exportRef={exportRef}
                confirmNote={props.confirmNote}
              />
              {props.encounter ? <EncounterPanel {...props.encounter} /> : null}
              <QueryDrafts queries={props.queries ?? []} />
              <div class="results">
                {groups.principal.length + groups.other.length + groups.history.length === 0 ? (
                  <p class="status" role="status">
                    No codes suggested for this text.
                  </p>
                ) : null}
                {(['principal', 'other', 'history', 'flagged'] as const).map((id) => (
                  <CodeGroup
                    key={id}
                    id={id}
                    suggestions={groups[id]}
                    limit={limits[id]}
                    keepRest={isInPlace}
                    render={renderItem}
                  />
                ))}
                {isComplete || isInPlace ? (
                  <Frozen isFrozen={isInPlace}>
                    <ProcedureGroup
                      procedures={state.result.procedures ?? []}
                      tables={state.result.procedureTables ?? []}
                      definitions={state.result.procedureDefinitions ?? []}
                      review={review}
                      onReviewChange={change}
                    />
                  </Frozen>
                ) : null}
                {isComplete || isInPlace ? (
                  <Frozen isFrozen={isInPlace}>
                    <HiddenByFeedback
                      suggestions={state.result.hiddenByFeedback ?? []}
                      onShowAgain={services?.showAgain}
                    />
                  </Frozen>
                ) : null}
              </div>
            </>
          ) : state.status !== 'ready' ? (
            <StatusBody state={state} onRetry={onRetry} />
          ) : null}
        </PanelErrorBoundary>
      </div>
      {state.status !== 'ready' || isComplete || isInPlace ? (
        <Frozen isFrozen={isInPlace}>
          <PanelFooter state={state} />
        </Frozen>
      ) : null}
    </aside>
  );
}

function LayoutButtons({ layout }: { layout: PanelLayoutControls }) {
  const toOverlay = layout.mode === 'docked';
  const label = toOverlay
    ? 'Show the panel over the page'
    : layout.fellBack
      ? 'This page does not fit beside the panel: shown over the page. Try docking again'
      : 'Dock the panel beside the page';
  return (
    <>
      <button
        type="button"
        class="icon-button"
        data-layout-mode={layout.mode}
        aria-label={label}
        title={label}
        aria-pressed={layout.mode === 'docked'}
        onClick={layout.onToggleMode}
      >
        <Icon name="dock" />
      </button>
      <button
        type="button"
        class="icon-button"
        aria-label="Fold the panel to a rail"
        title="Fold to a rail"
        onClick={layout.onCollapse}
      >
        <Icon name="fold" />
      </button>
    </>
  );
}

/** Suggestions the coder's feedback hid, folded, each with "show again" (forgets that feedback). */
function HiddenByFeedback({
  suggestions,
  onShowAgain,
}: {
  suggestions: CodeSuggestion[];
  onShowAgain: ((s: CodeSuggestion) => void) | undefined;
}) {
  if (suggestions.length === 0) return null;
  return (
    <details class="group flagged hidden-by-feedback" data-group="hidden-by-feedback">
      <summary>
        Hidden by your feedback <span class="count">{suggestions.length}</span>
      </summary>
      <ul class="code-list" aria-label="Hidden by your feedback">
        {suggestions.map((s) => (
          <li key={`${s.code}-${s.assertion}`} class="code-item" data-hidden-code={s.code}>
            <div class="code-row">
              <span class="code-line">
                <span class="code">{s.code}</span> <span class="title">{s.title}</span>
              </span>
              {onShowAgain ? (
                <button
                  type="button"
                  class="button"
                  data-action="show-again"
                  aria-label={`Show ${s.code} again`}
                  onClick={() => onShowAgain(s)}
                >
                  Show again
                </button>
              ) : null}
            </div>
            <RuleNoteList
              notes={s.notes.filter((n) => n.rule.startsWith('feedback')).slice(0, 2)}
              label={`Why ${s.code} is hidden`}
            />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Items rendered in the first pass of a long result. */
const FIRST_PASS_ITEMS = 12;

function PanelFooter({ state }: { state: PanelState }) {
  const footer = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (__TEST__) markResultShown(footer.current);
  }, [state.status === 'ready' ? state.result : null]);
  if (state.status !== 'ready') return null;
  return (
    <footer class="footer" ref={footer}>
      <span data-terminology={state.result.terminology}>{state.result.terminology}</span>
      <span>{state.result.model ? `model ${state.result.model}` : 'dictionary only'}</span>
      {(state.result.notices ?? []).map((notice) => (
        <span class="notice" role="status" data-notice="">
          {notice}
        </span>
      ))}
      <span data-load-phases={(state.loadPhases ?? []).join(' ')}>
        {state.origin === 'page' ? 'whole note' : 'selection'} · {Math.round(state.elapsedMs)} ms
        {state.loadPhases?.length ? ' (engine loaded first)' : ''}
      </span>
      <span class="offline" title="Nothing leaves this device">
        offline
      </span>
    </footer>
  );
}
