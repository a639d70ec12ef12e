/**
 * The hierarchy around a code, one click away: its parents (breadcrumb), the more specific
 * codes below it and the codes beside it, its Tabular notes and 7th characters. Choosing a
 * code replaces (or, from the lookup, adds) it; a header opens instead, to go one level down.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CodeBrief, CodeDetail, CodeNoteLine } from '../shared/protocol.js';
import { Icon } from './icons.js';

export interface CodeBrowserProps {
  code: string;
  /** "Use" for a replacement, "Add" from the lookup. */
  chooseLabel: string;
  lookupCode(code: string): Promise<CodeDetail | null>;
  onChoose(code: CodeBrief): void;
  onClose(): void;
}

const NOTE_LABELS: Partial<Record<CodeNoteLine['kind'], string>> = {
  excludes1: 'Excludes1',
  excludes2: 'Excludes2',
  codeFirst: 'Code first',
  useAdditionalCode: 'Use additional code',
  codeAlso: 'Code also',
  inclusionTerm: 'Includes',
  includes: 'Includes',
};

function CodeRows(props: {
  label: string;
  codes: CodeBrief[];
  chooseLabel: string;
  onOpen(code: string): void;
  onChoose(code: CodeBrief): void;
}) {
  const { label, codes, chooseLabel, onOpen, onChoose } = props;
  if (codes.length === 0) return null;
  return (
    <div class="browser-group">
      <h4>{label}</h4>
      <ul class="browser-list" aria-label={label}>
        {codes.slice(0, 60).map((code) => (
          <li key={code.code} class="browser-row" data-browse-code={code.code}>
            <button
              type="button"
              class="browser-open"
              onClick={() => onOpen(code.code)}
              aria-label={`Open ${code.code} ${code.title}`}
            >
              <span class="code">{code.code}</span>
              <span class="browser-title">{code.title}</span>
              {code.billable ? null : <span class="tag">header</span>}
            </button>
            {code.billable ? (
              <button
                type="button"
                class="chip-button"
                data-choose-code={code.code}
                aria-label={`${chooseLabel} ${code.code}`}
                onClick={() => onChoose(code)}
              >
                {chooseLabel}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CodeBrowser(props: CodeBrowserProps) {
  const { chooseLabel, lookupCode, onChoose, onClose } = props;
  const [trail, setTrail] = useState<string[]>([props.code]);
  const current = trail[trail.length - 1]!;
  const [detail, setDetail] = useState<CodeDetail | null | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let isCurrent = true;
    setDetail('loading');
    lookupCode(current).then(
      (found) => isCurrent && setDetail(found),
      () => isCurrent && setDetail('failed'),
    );
    return () => {
      isCurrent = false;
    };
  }, [current]);
  const open = (code: string): void => setTrail([...trail, code]);
  const back = (): void => setTrail(trail.length > 1 ? trail.slice(0, -1) : trail);
  return (
    <div
      class="browser"
      role="group"
      aria-label={`Hierarchy around ${current}`}
      data-browser-code={current}
    >
      <div class="browser-head">
        {trail.length > 1 ? (
          <button type="button" class="icon-button" aria-label="Back" onClick={back}>
            <Icon name="back" />
          </button>
        ) : null}
        <span class="browser-heading">Hierarchy</span>
        <button type="button" class="icon-button" aria-label="Close hierarchy" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      {detail === 'loading' ? (
        <p class="muted" role="status">
          Looking up {current}…
        </p>
      ) : null}
      {detail === 'failed' ? (
        <p class="muted" role="alert">
          Couldn’t look up {current}.
        </p>
      ) : null}
      {detail === null ? <p class="muted">{current} is not in this release.</p> : null}
      {detail && typeof detail === 'object' ? (
        <>
          <nav class="crumbs" aria-label="Parents">
            {detail.parents.map((parent) => (
              <span key={parent.code} class="crumb">
                {parent.kind === 'code' ? (
                  <button
                    type="button"
                    class="link"
                    onClick={() => open(parent.code)}
                    title={parent.title}
                  >
                    {parent.code}
                  </button>
                ) : (
                  <span title={parent.title}>
                    {parent.kind === 'chapter' ? `Ch. ${parent.code}` : parent.code}
                  </span>
                )}
                <span aria-hidden="true"> › </span>
              </span>
            ))}
            <strong>{detail.code}</strong>
          </nav>
          <p class="browser-current">
            {detail.title}{' '}
            {detail.billable ? (
              <span class="tag ok">billable</span>
            ) : (
              <span class="tag">header</span>
            )}
            {detail.billable && detail.code !== props.code ? (
              <button
                type="button"
                class="chip-button"
                data-choose-code={detail.code}
                aria-label={`${chooseLabel} ${detail.code}`}
                onClick={() => onChoose(detail)}
              >
                {chooseLabel}
              </button>
            ) : null}
          </p>
          {detail.seventhCharacter ? (
            <p class="muted small">
              7th character:{' '}
              {Object.entries(detail.seventhCharacter.chars)
                .map(([ch, meaning]) => `${ch} ${meaning}`)
                .join(' · ')}
            </p>
          ) : null}
          <CodeRows
            label="More specific"
            codes={detail.children}
            chooseLabel={chooseLabel}
            onOpen={open}
            onChoose={onChoose}
          />
          <CodeRows
            label="Same level"
            codes={detail.siblings}
            chooseLabel={chooseLabel}
            onOpen={open}
            onChoose={onChoose}
          />
          {detail.notes.some((note) => NOTE_LABELS[note.kind]) ? (
            <details class="browser-notes">
              <summary>Tabular notes</summary>
              <ul>
                {detail.notes
                  .filter((note) => NOTE_LABELS[note.kind])
                  .map((note, index) => (
                    <li key={index} data-note-kind={note.kind}>
                      <span class={`rule-tag rule-${note.kind}`}>{NOTE_LABELS[note.kind]}</span>{' '}
                      {note.text}
                      <span class="muted small"> ({note.from})</span>
                    </li>
                  ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
