/**
 * The panel: a narrow, keyboard-first column listing suggested codes by group, each with its
 * title, confidence and evidence. Note text (evidence) is rendered as text nodes only.
 */
import { Component, type ComponentChildren } from 'preact';
import type { CodeSuggestion } from '../../src/engine/coding-types.js';
import {
  ASSERTION_LABELS,
  GROUP_TITLES,
  groupSuggestions,
  type SuggestionGroupId,
} from './group-suggestions.js';
import type { PanelState } from './panel-state.js';

export interface PanelAppProps {
  state: PanelState;
  /** Code whose evidence is highlighted, if any. */
  activeCode?: string | undefined;
  onSelectCode(suggestion: CodeSuggestion): void;
  onClose(): void;
  onRetry(): void;
}

function formatConfidence(score: number): string {
  return `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%`;
}

/** Arrow keys move between code buttons, as in a listbox. */
function moveFocusBetweenCodes(event: KeyboardEvent): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const current = event.target as HTMLElement | null;
  const root = current?.getRootNode() as ParentNode | null;
  if (!current?.matches('button[data-code]') || !root) return;
  const buttons = [...root.querySelectorAll<HTMLElement>('button[data-code]')].filter(
    (button) => button.offsetParent !== null || button === current,
  );
  const next = buttons[buttons.indexOf(current) + (event.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

function CodeItem(props: {
  suggestion: CodeSuggestion;
  isFlagged: boolean;
  isActive: boolean;
  canHighlight: boolean;
  onSelect(suggestion: CodeSuggestion): void;
}) {
  const { suggestion, isFlagged, isActive, canHighlight, onSelect } = props;
  const evidence = suggestion.evidence.slice(0, 3);
  return (
    <li class={`code-item${isActive ? ' is-active' : ''}`}>
      <button
        type="button"
        class="code-button"
        data-code={suggestion.code}
        data-flagged={isFlagged ? suggestion.assertion : undefined}
        aria-pressed={isActive}
        title={canHighlight ? 'Show the evidence in the note' : undefined}
        onClick={() => onSelect(suggestion)}
      >
        <span class="code-line">
          <span class="code">{suggestion.code}</span>
          <span class="confidence" aria-label={`confidence ${formatConfidence(suggestion.score)}`}>
            {formatConfidence(suggestion.score)}
          </span>
        </span>
        <span class="title">{suggestion.title}</span>
        {isFlagged || suggestion.assertion !== 'present' ? (
          <span class="assertion">{ASSERTION_LABELS[suggestion.assertion]}</span>
        ) : null}
        {!suggestion.billable ? <span class="assertion">not billable</span> : null}
      </button>
      {evidence.length > 0 ? (
        <ul class="evidence" aria-label="evidence">
          {evidence.map((span) => (
            <li key={`${span.start}-${span.end}`}>“{span.text}”</li>
          ))}
        </ul>
      ) : null}
      {suggestion.notes.length > 0 ? (
        <ul class="rule-notes" aria-label="coding notes">
          {suggestion.notes.slice(0, 4).map((note, index) => (
            <li key={`${note.rule}-${index}`}>{note.message}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function CodeGroup(props: {
  id: SuggestionGroupId;
  suggestions: CodeSuggestion[];
  activeCode: string | undefined;
  canHighlight: boolean;
  onSelect(suggestion: CodeSuggestion): void;
}) {
  const { id, suggestions, activeCode, canHighlight, onSelect } = props;
  if (suggestions.length === 0) return null;
  const isFlagged = id === 'flagged';
  const list = (
    <ul class="code-list" data-group={id} onKeyDown={moveFocusBetweenCodes}>
      {suggestions.map((suggestion) => (
        <CodeItem
          key={`${suggestion.code}-${suggestion.assertion}`}
          suggestion={suggestion}
          isFlagged={isFlagged}
          isActive={activeCode === suggestion.code}
          canHighlight={canHighlight}
          onSelect={onSelect}
        />
      ))}
    </ul>
  );
  const heading = `${GROUP_TITLES[id]} (${suggestions.length})`;
  return isFlagged ? (
    <details class="group flagged">
      <summary>{heading}</summary>
      {list}
    </details>
  ) : (
    <section class="group" aria-label={GROUP_TITLES[id]}>
      <h2>{heading}</h2>
      {list}
    </section>
  );
}

function PanelBody(props: PanelAppProps) {
  const { state, activeCode, onSelectCode, onRetry } = props;
  switch (state.status) {
    case 'reading':
      return <p class="status" role="status">Reading the note…</p>;
    case 'coding':
      return <p class="status" role="status">Coding {state.charCount.toLocaleString()} characters…</p>;
    case 'empty':
      return (
        <p class="status" role="status">
          No note text found on this page. Select the note text and choose “Code with Marginalia”.
        </p>
      );
    case 'error':
      return (
        <div class="status error" role="alert">
          <p>Couldn’t code this page: {state.message}</p>
          <button type="button" onClick={onRetry}>Try again</button>
        </div>
      );
    case 'ready': {
      const groups = groupSuggestions(state.result);
      const canHighlight = state.origin !== 'detached';
      const total = groups.principal.length + groups.other.length + groups.history.length;
      return (
        <div class="results">
          {total === 0 ? <p class="status" role="status">No codes suggested for this text.</p> : null}
          {(['principal', 'other', 'history', 'flagged'] as const).map((id) => (
            <CodeGroup
              key={id}
              id={id}
              suggestions={groups[id]}
              activeCode={activeCode}
              canHighlight={canHighlight}
              onSelect={onSelectCode}
            />
          ))}
        </div>
      );
    }
  }
}

function PanelFooter({ state }: { state: PanelState }) {
  if (state.status !== 'ready') return null;
  return (
    <footer class="footer">
      <span data-terminology={state.result.terminology}>{state.result.terminology}</span>
      {state.result.model ? <span> · model {state.result.model}</span> : <span> · dictionary only</span>}
      <span>
        {' '}
        · {state.origin === 'page' ? 'whole note' : 'selection'} · {Math.round(state.elapsedMs)} ms
      </span>
    </footer>
  );
}

/** The panel root's error boundary: a rendering bug shows a message, not a blank column. */
class PanelErrorBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch(): void {
    this.setState({ failed: true });
  }
  override render() {
    return this.state.failed ? (
      <p class="status error" role="alert">Couldn’t show the suggestions. Close and reopen the panel.</p>
    ) : (
      this.props.children
    );
  }
}

export function PanelApp(props: PanelAppProps) {
  return (
    <div class="panel" role="complementary" aria-label="Marginalia code suggestions">
      <header class="header">
        <h1>Marginalia</h1>
        <button type="button" class="close" aria-label="Close Marginalia panel" onClick={props.onClose}>
          ×
        </button>
      </header>
      <main class="body" aria-live="polite">
        <PanelErrorBoundary>
          <PanelBody {...props} />
        </PanelErrorBoundary>
      </main>
      <PanelFooter state={props.state} />
    </div>
  );
}
