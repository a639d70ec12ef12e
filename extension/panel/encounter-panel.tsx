/**
 * The coder's encounter in the panel: start one (a name or none), add this note's accepted
 * codes, and the encounter view: codes from every note de-duplicated and sequenced (principal
 * first), the notes that support each, the checks across notes, POA (inpatient; suggested, the
 * coder confirms), and export of the whole encounter (plain list, CSV, FHIR R4 Conditions).
 */
import { useRef, useState } from 'preact/hooks';
import type { CareSetting } from '../../src/engine/coding-types.js';
import type { EncounterCode, PoaIndicator } from '../../src/encounter/encounter-types.js';
import {
  buildEncounterBundle,
  formatEncounterAsCsv,
  formatEncounterAsText,
  reportedPoa,
} from '../../src/encounter/export-encounter.js';
import { validateConditionBundle } from '../../src/export/fhir-condition.js';
import type { EncounterView } from '../shared/protocol.js';
import { RuleNoteList } from './accepted-list.js';
import { copyText, downloadText } from './copy-text.js';
import { Icon } from './icons.js';

export interface EncounterPanelProps {
  view: EncounterView | null;
  /** Accepted codes of the note open now. */
  acceptedCount: number;
  /** The note open now is already in the encounter. */
  noteInEncounter: boolean;
  defaultSetting: CareSetting;
  busy: boolean;
  error?: string | undefined;
  onStart(name: string, setting: CareSetting): void;
  onAddNote(): void;
  onSetPrincipal(code: string | null): void;
  onConfirmPoa(code: string, poa: PoaIndicator): void;
  onClose(): void;
}

type EncounterExport = 'text' | 'csv' | 'fhir';

const EXPORTS: Record<EncounterExport, { label: string; file: string; mime: string }> = {
  text: { label: 'Plain list', file: 'encounter.txt', mime: 'text/plain' },
  csv: { label: 'CSV', file: 'encounter.csv', mime: 'text/csv' },
  fhir: {
    label: 'FHIR R4 Conditions',
    file: 'encounter-conditions.json',
    mime: 'application/fhir+json',
  },
};

const POA_CHOICES: readonly PoaIndicator[] = ['Y', 'N', 'U', 'W', 'exempt'];
const POA_LABELS: Record<PoaIndicator, string> = {
  Y: 'Y: present on admission',
  N: 'N: not present',
  U: 'U: documentation insufficient',
  W: 'W: clinically undetermined',
  exempt: 'Exempt',
};

/** The export text; a FHIR bundle is validated before it is offered. */
export function renderEncounterExport(
  view: EncounterView,
  format: EncounterExport,
): { text: string; errors: string[] } {
  if (format === 'text') return { text: formatEncounterAsText(view.summary), errors: [] };
  if (format === 'csv') return { text: formatEncounterAsCsv(view.summary), errors: [] };
  const bundle = buildEncounterBundle(view.summary);
  return { text: `${JSON.stringify(bundle, null, 2)}\n`, errors: validateConditionBundle(bundle) };
}

function StartForm(props: {
  defaultSetting: CareSetting;
  busy: boolean;
  onStart(name: string, setting: CareSetting): void;
}) {
  // Read from the fields at submit: a click can come before the typed value is rendered.
  const formRef = useRef<HTMLFormElement>(null);
  const setting = (): CareSetting =>
    formRef.current?.querySelector<HTMLInputElement>('input[name="encounter-setting"]:checked')
      ?.value === 'outpatient'
      ? 'outpatient'
      : 'inpatient';
  return (
    <form
      class="encounter-start"
      ref={formRef}
      onSubmit={(event) => {
        event.preventDefault();
        props.onStart(
          formRef.current?.querySelector<HTMLInputElement>('.encounter-name')?.value ?? '',
          setting(),
        );
      }}
    >
      <input
        type="text"
        class="encounter-name"
        maxLength={120}
        aria-label="Encounter name (optional)"
        placeholder="Encounter name (optional)"
      />
      <span class="encounter-setting" role="radiogroup" aria-label="Care setting">
        {(['inpatient', 'outpatient'] as const).map((value) => (
          <label key={value} class="small">
            <input
              type="radio"
              name="encounter-setting"
              value={value}
              defaultChecked={value === props.defaultSetting}
            />{' '}
            {value === 'inpatient' ? 'Inpatient' : 'Outpatient'}
          </label>
        ))}
      </span>
      <button type="submit" class="button" data-action="start-encounter" disabled={props.busy}>
        Start encounter
      </button>
    </form>
  );
}

function PoaControl({
  code,
  onConfirm,
}: {
  code: EncounterCode;
  onConfirm(poa: PoaIndicator): void;
}) {
  if (!code.poa) return null;
  const shown = reportedPoa(code)!;
  return (
    <div class="poa-row">
      <label class="small">
        POA{' '}
        <select
          aria-label={`POA for ${code.code}`}
          data-poa={shown}
          data-poa-confirmed={code.poa.confirmed ? 'yes' : 'no'}
          value={shown}
          onChange={(event) => onConfirm((event.target as HTMLSelectElement).value as PoaIndicator)}
        >
          {POA_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {POA_LABELS[choice]}
            </option>
          ))}
        </select>
      </label>
      <span class="muted small">
        {code.poa.confirmed ? 'confirmed' : `suggested: ${code.poa.suggested.reason}`}
      </span>
    </div>
  );
}

function EncounterCodeItem(props: {
  code: EncounterCode;
  onSetPrincipal(code: string | null): void;
  onConfirmPoa(poa: PoaIndicator): void;
}) {
  const { code } = props;
  const notes = code.notes.filter((n) => !n.rule.endsWith('-satisfied'));
  const satisfied = code.notes.filter((n) => n.rule.endsWith('-satisfied'));
  return (
    <li
      class="accepted-item"
      data-encounter-code={code.code}
      data-sequence={code.sequence}
      data-principal={code.isPrincipal ? 'yes' : 'no'}
    >
      <div class="accepted-row">
        <span class="seq" aria-hidden="true">
          {code.sequence}
        </span>
        <span class="accepted-text">
          <span class="code">{code.code}</span> <span class="accepted-title">{code.title}</span>
          {code.isPrincipal ? <span class="tag ok"> principal</span> : null}
        </span>
        {!code.isPrincipal ? (
          <button
            type="button"
            class="text-button"
            aria-label={`Make ${code.code} the principal diagnosis`}
            onClick={() => props.onSetPrincipal(code.code)}
          >
            Make principal
          </button>
        ) : null}
      </div>
      <p
        class="muted small supported-by"
        data-supported-by={code.supportedBy.map((n) => n.title).join('; ')}
      >
        From: {code.supportedBy.map((n) => n.title).join(', ')}
      </p>
      <PoaControl code={code} onConfirm={props.onConfirmPoa} />
      {satisfied.length > 0 ? (
        <p class="small satisfied" data-satisfied={satisfied.map((n) => n.rule).join(' ')}>
          ✓ {satisfied.map((n) => n.message).join(' ')}
        </p>
      ) : null}
      <RuleNoteList notes={notes} label={`Checks for ${code.code} in the encounter`} />
    </li>
  );
}

function EncounterExportBar({ view }: { view: EncounterView }) {
  const [format, setFormat] = useState<EncounterExport>('text');
  const [message, setMessage] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  const { text, errors } = renderEncounterExport(view, format);
  const copy = async (): Promise<void> => {
    const ok = ref.current ? await copyText(text, ref.current) : false;
    setMessage(
      ok
        ? `Copied the encounter as ${EXPORTS[format].label}.`
        : 'Copy was blocked; use Download or select the preview.',
    );
  };
  return (
    <div ref={ref}>
      <div class="export" role="group" aria-label="Export the encounter">
        <select
          aria-label="Encounter export format"
          value={format}
          onChange={(event) =>
            setFormat((event.target as HTMLSelectElement).value as EncounterExport)
          }
        >
          {(Object.keys(EXPORTS) as EncounterExport[]).map((key) => (
            <option key={key} value={key}>
              {EXPORTS[key].label}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="button primary"
          disabled={errors.length > 0}
          onClick={() => void copy()}
        >
          <Icon name="copy" /> Copy
        </button>
        <button
          type="button"
          class="button"
          disabled={errors.length > 0}
          onClick={() =>
            ref.current &&
            downloadText(text, EXPORTS[format].file, EXPORTS[format].mime, ref.current)
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
        <summary>Preview {EXPORTS[format].label}</summary>
        <pre
          class="export-preview"
          data-encounter-export={format}
          tabIndex={0}
          aria-label={`Encounter ${EXPORTS[format].label} preview`}
        >
          {text}
        </pre>
      </details>
    </div>
  );
}

function EncounterBody({ view, props }: { view: EncounterView; props: EncounterPanelProps }) {
  const { summary, encounter } = view;
  return (
    <>
      <p class="muted small" data-encounter-notes={encounter.notes.length}>
        {encounter.notes.length} note{encounter.notes.length === 1 ? '' : 's'}:{' '}
        {encounter.notes.map((n) => n.note.title).join(', ') || 'none yet'} ·{' '}
        {view.store === 'session'
          ? 'kept until the browser closes'
          : 'kept on this device by hospital policy (codes and note titles only)'}
      </p>
      {summary.codes.length > 0 ? (
        <>
          <p class="small principal-reason">{summary.principalReason}</p>
          <ol class="accepted-list encounter-codes" aria-label="Encounter codes in sequence">
            {summary.codes.map((code) => (
              <EncounterCodeItem
                key={code.code}
                code={code}
                onSetPrincipal={props.onSetPrincipal}
                onConfirmPoa={(poa) => props.onConfirmPoa(code.code, poa)}
              />
            ))}
          </ol>
          {summary.warnings.length > 0 ? (
            <ul class="rule-notes" aria-label="Conflicts across notes">
              {summary.warnings.map((w) => (
                <li key={w} class="rule rule-specificity" data-encounter-warning="">
                  {w}
                </li>
              ))}
            </ul>
          ) : null}
          {summary.dropped.length > 0 ? (
            <details class="preview">
              <summary>Not reported ({summary.dropped.length})</summary>
              <ul class="rule-notes">
                {summary.dropped.map((d) => (
                  <li key={d.code} class="rule" data-dropped-code={d.code}>
                    <span class="code">{d.code}</span> {d.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <EncounterExportBar view={view} />
        </>
      ) : null}
    </>
  );
}

export function EncounterPanel(props: EncounterPanelProps) {
  const { view } = props;
  return (
    <section
      class="accepted encounter"
      aria-labelledby="encounter-heading"
      data-encounter={view ? view.encounter.id : 'none'}
    >
      <div class="section-head">
        <h2 id="encounter-heading">
          {view ? `Encounter${view.encounter.name ? `: ${view.encounter.name}` : ''}` : 'Encounter'}{' '}
          {view ? <span class="count">{view.summary.codes.length}</span> : null}
        </h2>
        {view ? (
          <button
            type="button"
            class="text-button"
            data-action="close-encounter"
            onClick={props.onClose}
          >
            Close encounter
          </button>
        ) : null}
      </div>
      {view ? (
        <>
          <button
            type="button"
            class="button"
            data-action="add-to-encounter"
            disabled={props.busy || props.acceptedCount === 0}
            onClick={props.onAddNote}
          >
            <Icon name="plus" />{' '}
            {props.noteInEncounter
              ? 'Update this note in the encounter'
              : 'Add this note’s accepted codes'}{' '}
            ({props.acceptedCount})
          </button>
          <EncounterBody view={view} props={props} />
        </>
      ) : (
        <StartForm
          defaultSetting={props.defaultSetting}
          busy={props.busy}
          onStart={props.onStart}
        />
      )}
      {props.error ? (
        <p class="error small" role="alert">
          {props.error}
        </p>
      ) : null}
    </section>
  );
}
