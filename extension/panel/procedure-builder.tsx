/**
 * The ICD-10-PCS procedure builder: walks a table axis by axis (body part, approach, device,
 * qualifier), offering at each axis only the values valid after the axes before it, each with
 * its definition. Changing an axis keeps the later axes that stay valid. The code and its title
 * follow every choice; only a complete, valid code can be accepted.
 */
import { useMemo, useState } from 'preact/hooks';
import type { PcsDefinition, PcsTable } from '../../src/pcs/pcs-pack-format.js';
import { PcsTables } from '../../src/pcs/pcs-tables.js';

export interface ProcedureBuilderProps {
  tables: readonly PcsTable[];
  definitions: readonly PcsDefinition[];
  /** The suggested code (7 characters, or a partial code of at least 3). */
  initialCode: string;
  onAccept(code: string, title: string): void;
  onClose(): void;
}

/** After changing one axis, keeps each later value while it stays valid, and takes single choices. */
export function repairCode(tables: PcsTables, prefix: string, previous: string): string {
  let code = prefix;
  while (code.length < 7) {
    const next = tables.nextValues(code);
    const kept = next.find((v) => v.value === previous[code.length]);
    const only = next.length === 1 ? next[0] : undefined;
    const chosen = kept ?? only;
    if (!chosen) break;
    code += chosen.value;
  }
  return code;
}

function definitionIndex(definitions: readonly PcsDefinition[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of definitions)
    if (d.definition) out.set(`${d.section}|${d.axis}|${d.title}`, d.definition);
  return out;
}

export function ProcedureBuilder(props: ProcedureBuilderProps) {
  const tables = useMemo(() => new PcsTables(props.tables, 0), [props.tables]);
  const defs = useMemo(() => definitionIndex(props.definitions), [props.definitions]);
  const [code, setCode] = useState(() =>
    repairCode(tables, props.initialCode.slice(0, 3), props.initialCode),
  );
  const table = tables.table(code);
  if (!table)
    return (
      <p class="status error-box" role="alert">
        The table of {props.initialCode} is not available.
      </p>
    );
  const section = code[0]!;
  const title = tables.title(code) ?? '';
  const complete = tables.isValid(code);
  const opDefinition = defs.get(`${section}|3|${table.labels[2]}`);
  return (
    <section
      class="procedure-builder"
      aria-label={`Build a procedure code from table ${table.code}`}
      data-builder-table={table.code}
    >
      <p class="builder-code-line">
        <span class="code" data-builder-code={code}>
          {code}
        </span>{' '}
        <span class="title" data-builder-title="">
          {title}
        </span>
      </p>
      <p class="builder-operation">
        {table.labels[2]}, {table.labels[1]}
        {opDefinition ? <span class="axis-definition">: {opDefinition}</span> : null}
      </p>
      {[4, 5, 6, 7].map((position) => {
        const prefix = code.slice(0, position - 1);
        if (prefix.length < position - 1) return null;
        const values = tables.nextValues(prefix);
        const selected = code[position - 1] ?? '';
        const axisTitle = table.axes[position - 1] ?? `Axis ${position}`;
        const chosen = values.find((v) => v.value === selected);
        const definition = chosen ? defs.get(`${section}|${position}|${chosen.label}`) : undefined;
        const id = `builder-axis-${position}`;
        return (
          <div class="builder-axis" key={position}>
            <label for={id}>{axisTitle}</label>
            <select
              id={id}
              data-axis={position}
              value={selected}
              onChange={(event) =>
                setCode(
                  repairCode(tables, prefix + (event.target as HTMLSelectElement).value, code),
                )
              }
            >
              {selected ? null : <option value="">Choose {axisTitle.toLowerCase()}…</option>}
              {values.map((v) => (
                <option
                  key={v.value}
                  value={v.value}
                  title={defs.get(`${section}|${position}|${v.label}`) ?? ''}
                >
                  {v.value} {v.label}
                </option>
              ))}
            </select>
            {definition ? (
              <p class="axis-definition" data-axis-definition={position}>
                {definition}
              </p>
            ) : null}
          </div>
        );
      })}
      <span class="actions" role="group" aria-label="Builder actions">
        <button
          type="button"
          class="button"
          data-action="builder-accept"
          disabled={!complete}
          onClick={() => props.onAccept(code, title)}
        >
          Accept {complete ? code : ''}
        </button>
        <button type="button" class="button" data-action="builder-close" onClick={props.onClose}>
          Close
        </button>
      </span>
    </section>
  );
}
