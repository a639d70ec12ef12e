/**
 * The Procedures group: ICD-10-PCS suggestions with their evidence and guideline notes; accept a
 * complete code, reject one, or open the procedure builder on its table to complete or change it
 * (a partial code needs a choice before it can be accepted).
 */
import { useState } from 'preact/hooks';
import type { PcsDefinition, PcsTable } from '../../src/pcs/pcs-pack-format.js';
import type { ProcedureSuggestion } from '../../src/pcs/procedure-suggestion.js';
import type { NoteReview } from '../shared/protocol.js';
import { RuleNoteList } from './accepted-list.js';
import { Icon } from './icons.js';
import { ProcedureBuilder } from './procedure-builder.js';
import { acceptCode, clearDecision, decisionOf, rejectCode, replaceCode } from './review-state.js';

export interface ProcedureGroupProps {
  procedures: readonly ProcedureSuggestion[];
  tables: readonly PcsTable[];
  definitions: readonly PcsDefinition[];
  review: NoteReview;
  onReviewChange(review: NoteReview): void;
}

const PCS = 'ICD-10-PCS' as const;

function ProcedureItem(
  props: ProcedureGroupProps & {
    suggestion: ProcedureSuggestion;
    isBuilding: boolean;
    onBuild(open: boolean): void;
  },
) {
  const { suggestion, review, isBuilding } = props;
  const code = suggestion.code;
  const decision = decisionOf(review, code);
  const change = props.onReviewChange;
  const accept = (): void =>
    change(acceptCode(review, { code, title: suggestion.title, billable: true, system: PCS }));
  return (
    <li
      class={`code-item decision-${decision.kind}`}
      data-decision={decision.kind}
      data-procedure={code}
    >
      <div class="code-row">
        <span class="code-button">
          <span class="code-line">
            <span class="code">{code}</span>
            {decision.kind === 'replaced' ? (
              <span class="status-tag status-replaced">→ {decision.by}</span>
            ) : null}
            {decision.kind === 'accepted' || decision.kind === 'rejected' ? (
              <span class={`status-tag status-${decision.kind}`}>
                {decision.kind === 'accepted' ? 'Accepted' : 'Rejected'}
              </span>
            ) : null}
          </span>
          <span class="title">{suggestion.title}</span>
          {suggestion.needsChoice ? (
            <span class="tags">
              <span class="tag warn">choose {suggestion.needsChoice.title.toLowerCase()}</span>
            </span>
          ) : null}
        </span>
        <span class="actions" role="group" aria-label={`Decide ${code}`}>
          <button
            type="button"
            class="act act-accept"
            data-action="accept-procedure"
            aria-label={`Accept ${code}`}
            disabled={!suggestion.complete}
            aria-pressed={decision.kind === 'accepted'}
            onClick={() =>
              decision.kind === 'accepted' ? change(clearDecision(review, code)) : accept()
            }
          >
            <Icon name="check" />
          </button>
          <button
            type="button"
            class="act act-reject"
            data-action="reject-procedure"
            aria-label={`Reject ${code}`}
            aria-pressed={decision.kind === 'rejected'}
            onClick={() =>
              change(
                decision.kind === 'rejected'
                  ? clearDecision(review, code)
                  : rejectCode(review, code),
              )
            }
          >
            <Icon name="cross" />
          </button>
          <button
            type="button"
            class="act act-browse"
            data-action="build-procedure"
            aria-label={`Build from ${code}`}
            aria-expanded={isBuilding}
            title="Procedure builder"
            onClick={() => props.onBuild(!isBuilding)}
          >
            <Icon name="tree" />
          </button>
        </span>
      </div>
      {suggestion.evidence.length ? (
        <ul class="evidence" aria-label={`Evidence for ${code}`}>
          {suggestion.evidence.slice(0, 3).map((span) => (
            <li key={`${span.start}-${span.end}`}>“{span.text}”</li>
          ))}
        </ul>
      ) : null}
      <RuleNoteList notes={suggestion.notes.slice(0, 4)} label={`Coding notes for ${code}`} />
      {isBuilding ? (
        <ProcedureBuilder
          tables={props.tables}
          definitions={props.definitions}
          initialCode={code}
          onAccept={(built, title) => {
            const entry = { code: built, title, billable: true, system: PCS };
            change(built === code ? acceptCode(review, entry) : replaceCode(review, code, entry));
            props.onBuild(false);
          }}
          onClose={() => props.onBuild(false)}
        />
      ) : null}
    </li>
  );
}

export function ProcedureGroup(props: ProcedureGroupProps) {
  const [building, setBuilding] = useState<string | undefined>();
  if (props.procedures.length === 0) return null;
  return (
    <section class="group" aria-labelledby="group-procedures" data-group="procedures">
      <h2 id="group-procedures">
        Procedures (ICD-10-PCS) <span class="count">{props.procedures.length}</span>
      </h2>
      <ul class="code-list" aria-label="Procedures (ICD-10-PCS)">
        {props.procedures.map((s) => (
          <ProcedureItem
            key={s.code}
            {...props}
            suggestion={s}
            isBuilding={building === s.code}
            onBuild={(open) => setBuilding(open ? s.code : undefined)}
          />
        ))}
      </ul>
    </section>
  );
}
