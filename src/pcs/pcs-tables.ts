/**
 * The ICD-10-PCS tables as a code model: which codes are valid, their composed titles, and
 * the valid values of the next axis under a partial code (how a coder walks a table).
 */
import { countRowCodes, type PcsAxisValue, type PcsRow, type PcsTable } from './pcs-pack-format.js';

/** One axis of a code, as the table names it. */
export interface PcsAxis {
  /** 1 to 7. */
  position: number;
  /** The axis title in this table, e.g. "Approach". */
  title: string;
  value: string;
  label: string;
}

/** A valid value of the next axis under a prefix. */
export interface PcsNextValue {
  value: string;
  label: string;
  /** Valid codes under prefix + value. */
  codes: number;
}

const CODE_CHARS = /^[0-9A-HJ-NP-Z]{1,7}$/;

/** Upper-cases and strips spaces and dots; returns '' when the text is not a PCS code or prefix. */
export function normalizePcsCode(text: string): string {
  const code = text.replace(/[\s.]/g, '').toUpperCase();
  return CODE_CHARS.test(code) ? code : '';
}

/** Labels left out of a composed title: they say nothing is there. */
const SILENT_LABELS = new Set([
  'No Device',
  'No Qualifier',
  'None',
  'No Contrast',
  'No Equipment',
  'No Method',
]);

/** The values of position `pos` (4 to 7) in a row. */
export function rowAxis(row: PcsRow, pos: number): PcsAxisValue[] {
  return row[pos - 4] ?? [];
}

function rowAccepts(row: PcsRow, code: string): boolean {
  for (let pos = 4; pos <= Math.min(7, code.length); pos++) {
    if (!rowAxis(row, pos).some(([c]) => c === code[pos - 1])) return false;
  }
  return true;
}

function rowCodesUnder(row: PcsRow, code: string): number {
  let n = 1;
  for (let pos = 4; pos <= 7; pos++) n *= pos <= code.length ? 1 : rowAxis(row, pos).length;
  return n;
}

export class PcsTables {
  private readonly byCode = new Map<string, PcsTable>();
  /** Total valid codes. */
  readonly codeCount: number;

  constructor(
    readonly tables: readonly PcsTable[],
    readonly fiscalYear: number,
  ) {
    let n = 0;
    for (const t of tables) {
      this.byCode.set(t.code, t);
      for (const r of t.rows) n += countRowCodes(r);
    }
    this.codeCount = n;
  }

  /** The table of a code or prefix (its first three characters). */
  table(code: string): PcsTable | undefined {
    return code.length >= 3 ? this.byCode.get(code.slice(0, 3)) : undefined;
  }

  /** Rows of the table that hold codes starting with `code` (3 to 7 characters). */
  rowsUnder(code: string): PcsRow[] {
    return this.table(code)?.rows.filter((r) => rowAccepts(r, code)) ?? [];
  }

  /** Whether `code` is a valid 7-character code. */
  isValid(code: string): boolean {
    return code.length === 7 && this.rowsUnder(code).length > 0;
  }

  /** Number of valid codes starting with `prefix` (any length 1 to 7). */
  countUnder(prefix: string): number {
    if (prefix.length < 3)
      return this.tables
        .filter((t) => t.code.startsWith(prefix))
        .reduce((n, t) => n + t.rows.reduce((m, r) => m + countRowCodes(r), 0), 0);
    return this.rowsUnder(prefix).reduce((n, r) => n + rowCodesUnder(r, prefix), 0);
  }

  /** Whether some valid code starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    if (prefix.length < 3) return this.tables.some((t) => t.code.startsWith(prefix));
    return this.rowsUnder(prefix).length > 0;
  }

  /** The axes a code or prefix spells out, with this table's titles and labels. */
  axes(code: string): PcsAxis[] | undefined {
    const table = this.table(code);
    if (!table) return undefined;
    const rows = this.rowsUnder(code);
    if (!rows.length) return undefined;
    const out: PcsAxis[] = [1, 2, 3].map((p) => ({
      position: p,
      title: table.axes[p - 1] ?? '',
      value: code[p - 1]!,
      label: table.labels[p - 1]!,
    }));
    for (let pos = 4; pos <= code.length; pos++) {
      const hit = rowAxis(rows[0]!, pos).find(([c]) => c === code[pos - 1]) as PcsAxisValue;
      out.push({ position: pos, title: table.axes[pos - 1] ?? '', value: hit[0], label: hit[1] });
    }
    return out;
  }

  /** A title composed from the axis labels, e.g. "Excision of Stomach, Open Approach, Diagnostic". */
  title(code: string): string | undefined {
    const axes = this.axes(code);
    if (!axes) return undefined;
    if (axes.length === 3) return `${axes[2]!.label}, ${axes[1]!.label}`;
    const [, , op, part, ...rest] = axes;
    const words = rest
      .filter((a) => !SILENT_LABELS.has(a.label))
      .map((a) => (a.position === 5 && a.title === 'Approach' ? `${a.label} Approach` : a.label));
    return [`${op!.label} of ${part!.label}`, ...words].join(', ');
  }

  /** Valid values of the axis after `prefix` (0 to 6 characters), in table order, with their code counts. */
  nextValues(prefix: string): PcsNextValue[] {
    const out = new Map<string, PcsNextValue>();
    const add = (value: string, label: string, codes: number): void => {
      const prev = out.get(value);
      if (prev) prev.codes += codes;
      else out.set(value, { value, label, codes });
    };
    if (prefix.length < 3) {
      for (const t of this.tables) {
        if (!t.code.startsWith(prefix)) continue;
        add(
          t.code[prefix.length]!,
          t.labels[prefix.length]!,
          t.rows.reduce((n, r) => n + countRowCodes(r), 0),
        );
      }
      return [...out.values()];
    }
    if (prefix.length >= 7) return [];
    for (const row of this.rowsUnder(prefix)) {
      const next = rowAxis(row, prefix.length + 1);
      const per = rowCodesUnder(row, prefix) / next.length;
      for (const [value, label] of next) add(value, label, per);
    }
    return [...out.values()];
  }

  /** Every valid code under `prefix`, in table order (for tests and small prefixes). */
  *expand(prefix: string): Generator<string> {
    const tables =
      prefix.length >= 3
        ? [this.table(prefix)].filter((t): t is PcsTable => !!t)
        : this.tables.filter((t) => t.code.startsWith(prefix));
    for (const t of tables) {
      for (const row of t.rows) {
        for (const [a] of row[0])
          for (const [b] of row[1])
            for (const [c] of row[2])
              for (const [d] of row[3]) {
                const code = t.code + a + b + c + d;
                if (code.startsWith(prefix)) yield code;
              }
      }
    }
  }
}
