/**
 * The accepted list in the coder's order, with the checks that depend on the whole list
 * (Excludes1 conflicts, missing partners, laterality, 7th character), and its export: plain
 * text, CSV and FHIR R4 Condition resources, copied to the clipboard or downloaded.
 */
import { useRef, useState } from 'preact/hooks';
import type { RuleNote } from '../../src/engine/coding-types.js';
import { buildCodingBundle, validateCodingBundle } from '../../src/export/fhir-procedure.js';
import { formatCodesAsCsv, formatCodesAsText } from '../../src/export/format-code-list.js';
import type { NoteReview } from '../shared/protocol.js';
import { copyText, downloadText } from './copy-text.js';
import { Icon } from './icons.js';
import type { AcceptedEntry } from './review-state.js';

export type ExportFormat = 'text' | 'csv' | 'fhir';

const FORMATS: Record<ExportFormat, { label: string; file: string; mime: string }> = {
  text: { label: 'Plain list', file: 'codes.txt', mime: 'text/plain' },
  csv: { label: 'CSV', file: 'codes.csv', mime: 'text/csv' },
  fhir: { label: 'FHIR R4 Conditions', file: 'conditions.json', mime: 'application/fhir+json' },
};

export const RULE_LABELS: Record<string, string> = {
  excludes1: 'Excludes1',
  'code-first': 'Code first',
  'use-additional': 'Use additional',
  'code-also': 'Code also',
  'seventh-character': '7th character',
  'unspecified-laterality': 'Laterality',
  specificity: 'Specificity',
  'unknown-code': 'Unknown',
};

/** The export text of the accepted list; FHIR output is validated before it is offered. */
export function renderExport(
  accepted: readonly AcceptedEntry[],
  format: ExportFormat,
): { text: string; errors: string[] } {
  if (format === 'text') return { text: formatCodesAsText(accepted), errors: [] };
  if (format === 'csv') return { text: formatCodesAsCsv(accepted), errors: [] };
  // Diagnoses as Conditions, then procedures (ICD-10-PCS) as Procedures; without procedures the Condition Bundle as before.
  const bundle = buildCodingBundle(accepted);
  return { text: `${JSON.stringify(bundle, null, 2)}\n`, errors: validateCodingBundle(bundle) };
}

export function RuleNoteList({ notes, label }: { notes: readonly RuleNote[]; label: string }) {
  if (notes.length === 0) return null;
  return (
    <ul class="rule-notes" aria-label={label}>
      {notes.map((note, index) => (
        <li key={`${note.rule}-${index}`} data-rule={note.rule} class={`rule rule-${note.rule}`}>
          <span class="rule-tag">{RULE_LABELS[note.rule] ?? note.rule.replace(/-/g, ' ')}</span>{' '}
          {note.message}
        </li>
      ))}
    </ul>
  );
}

export interface AcceptedListProps {
  review: NoteReview;
  notes: Record<string, RuleNote[]>;
  /** Number of open (undecided) present suggestions, for "Accept all". */
  openCount: number;
  onAcceptAll(): void;
  onRemove(code: string): void;
  onMove(code: string, delta: -1 | 1): void;
  exportRef?: { current: ((format: ExportFormat) => void) | null };
  /** False when the note changed since the result was computed: the export is refused. */
  confirmNote?: (() => boolean) | undefined;
}

export function AcceptedList(props: AcceptedListProps) {
  const { review, notes, openCount, onAcceptAll, onRemove, onMove } = props;
  const [format, setFormat] = useState<ExportFormat>('text');
  const [message, setMessage] = useState('');
  const sectionRef = useRef<HTMLElement>(null);
  const accepted = review.accepted as AcceptedEntry[];
  const { text, errors } = renderExport(accepted, format);
  const inConflict = accepted.filter((entry) =>
    notes[entry.code]?.some((note) => note.rule === 'excludes1'),
  ).length;

  // An export of codes from a note that left the page is refused; the panel then re-codes.
  const isNoteCurrent = (): boolean => props.confirmNote?.() ?? true;
  const copy = async (chosen: ExportFormat = format): Promise<void> => {
    if (!isNoteCurrent()) return;
    const out = renderExport(accepted, chosen);
    if (out.errors.length > 0) {
      setMessage(`Not exported: ${out.errors[0]}`);
      return;
    }
    const ok = sectionRef.current ? await copyText(out.text, sectionRef.current) : false;
    setMessage(
      ok
        ? `Copied ${accepted.length} code${accepted.length === 1 ? '' : 's'} as ${FORMATS[chosen].label}.`
        : 'Copy was blocked; use Download or select the preview.',
    );
  };
  if (props.exportRef) props.exportRef.current = (chosen) => void copy(chosen);

  return (
    <section class="accepted" aria-labelledby="accepted-heading" ref={sectionRef}>
      <div class="section-head">
        <h2 id="accepted-heading">
          Accepted <span class="count">{accepted.length}</span>
        </h2>
        {inConflict > 0 ? <span class="tag danger">{inConflict} in conflict</span> : null}
        {openCount > 0 ? (
          <button type="button" class="text-button" onClick={onAcceptAll}>
            Accept all {openCount}
          </button>
        ) : null}
      </div>
      {accepted.length === 0 ? (
        <p class="muted small">
          No codes accepted yet. Accept suggestions with <kbd>A</kbd>, or add codes from the lookup.
        </p>
      ) : (
        <>
          <ol class="accepted-list">
            {accepted.map((entry, index) => (
              <li key={entry.code} class="accepted-item" data-accepted-code={entry.code}>
                <div class="accepted-row">
                  <span class="seq" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span class="accepted-text">
                    <span class="code">{entry.code}</span>{' '}
                    <span class="accepted-title">{entry.title}</span>
                    {entry.replaces ? (
                      <span class="muted small"> (replaces {entry.replaces})</span>
                    ) : null}
                  </span>
                  <span class="row-actions">
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={`Move ${entry.code} up`}
                      disabled={index === 0}
                      onClick={() => onMove(entry.code, -1)}
                    >
                      <Icon name="up" />
                    </button>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={`Move ${entry.code} down`}
                      disabled={index === accepted.length - 1}
                      onClick={() => onMove(entry.code, 1)}
                    >
                      <Icon name="down" />
                    </button>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={`Remove ${entry.code} from the accepted list`}
                      onClick={() => onRemove(entry.code)}
                    >
                      <Icon name="close" />
                    </button>
                  </span>
                </div>
                <RuleNoteList notes={notes[entry.code] ?? []} label={`Checks for ${entry.code}`} />
              </li>
            ))}
          </ol>
          <div class="export" role="group" aria-label="Export the accepted list">
            <label class="visually-hidden" for="export-format">
              Export format
            </label>
            <select
              id="export-format"
              value={format}
              onChange={(event) =>
                setFormat((event.target as HTMLSelectElement).value as ExportFormat)
              }
            >
              {(Object.keys(FORMATS) as ExportFormat[]).map((key) => (
                <option key={key} value={key}>
                  {FORMATS[key].label}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="button primary"
              onClick={() => void copy()}
              disabled={errors.length > 0}
            >
              <Icon name="copy" /> Copy
            </button>
            <button
              type="button"
              class="button"
              disabled={errors.length > 0}
              onClick={() =>
                isNoteCurrent() &&
                sectionRef.current &&
                downloadText(text, FORMATS[format].file, FORMATS[format].mime, sectionRef.current)
              }
            >
              <Icon name="download" /> Download
            </button>
          </div>
          <p class="muted small" role="status">
            {message}
          </p>
          {errors.length > 0 ? (
            <p class="error small" role="alert">
              Export invalid: {errors.join(' ')}
            </p>
          ) : null}
          <details class="preview">
            <summary>Preview {FORMATS[format].label}</summary>
            <pre
              class="export-preview"
              data-export-format={format}
              tabIndex={0}
              aria-label={`${FORMATS[format].label} preview`}
            >
              {text}
            </pre>
          </details>
        </>
      )}
    </section>
  );
}
