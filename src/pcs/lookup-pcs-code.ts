/**
 * `lookup` for ICD-10-PCS: a 7-character code shows its title and each axis; a partial code
 * (1 to 6 characters) shows its table and the valid values of the next axis, each with its
 * definition where the definitions file has one.
 */
import type { PcsAxis, PcsNextValue } from './pcs-tables.js';
import { normalizePcsCode } from './pcs-tables.js';
import type { PcsTerminology } from './pcs-terminology.js';

export interface PcsAxisInfo extends PcsAxis {
  definition?: string;
  includes?: string[];
}

export interface PcsNextValueInfo extends PcsNextValue {
  definition?: string;
}

export interface PcsCodeInfo {
  code: string;
  system: 'ICD-10-PCS';
  /** True for a valid 7-character code; false for a partial code. */
  complete: boolean;
  title: string;
  axes: PcsAxisInfo[];
  /** The table (first three characters) and its root-operation definition. */
  table?: { code: string; title: string; definition?: string; codes: number };
  /** For a partial code: the next axis and its valid values. */
  next?: { position: number; title: string; values: PcsNextValueInfo[] };
  /** Valid codes under this code (1 for a complete code). */
  codes: number;
  terminology: string;
}

function describeAxis(terms: PcsTerminology, section: string, axis: PcsAxis): PcsAxisInfo {
  const def =
    axis.position >= 3 ? terms.definitionOf(section, axis.position, axis.label) : undefined;
  const info: PcsAxisInfo = { ...axis };
  if (def?.definition) info.definition = def.definition;
  if (def?.includes.length) info.includes = def.includes;
  return info;
}

function nextAxis(terms: PcsTerminology, code: string): PcsCodeInfo['next'] {
  const position = code.length + 1;
  const section = code[0] ?? '';
  const values = terms.tables.nextValues(code).map((v): PcsNextValueInfo => {
    const def =
      section && position >= 3 ? terms.definitionOf(section, position, v.label) : undefined;
    return def?.definition ? { ...v, definition: def.definition } : v;
  });
  const title =
    code.length >= 3
      ? (terms.tables.table(code)?.axes[position - 1] ?? '')
      : ['Section', 'Body System', 'Operation'][code.length]!;
  return { position, title, values };
}

/** Looks a PCS code or prefix up; undefined when no valid code starts with it. */
export function lookupPcsCode(terms: PcsTerminology, raw: string): PcsCodeInfo | undefined {
  const code = normalizePcsCode(raw);
  if (!code || !terms.tables.hasPrefix(code)) return undefined;
  const tables = terms.tables;
  const axes =
    code.length >= 3 ? (tables.axes(code) ?? []).map((a) => describeAxis(terms, code[0]!, a)) : [];
  const table = tables.table(code);
  const info: PcsCodeInfo = {
    code,
    system: 'ICD-10-PCS',
    complete: code.length === 7,
    title:
      code.length >= 3
        ? (tables.title(code) ?? '')
        : (tables.nextValues(code.slice(0, -1)).find((v) => v.value === code.at(-1))?.label ?? ''),
    axes,
    codes: tables.countUnder(code),
    terminology: terms.label,
  };
  if (table) {
    info.table = {
      code: table.code,
      title: `${table.labels[2]}, ${table.labels[1]}`,
      codes: tables.countUnder(table.code),
    };
    if (table.definition) info.table.definition = table.definition;
  }
  if (code.length < 7) info.next = nextAxis(terms, code);
  return info;
}

/** Plain-text lines for the CLI. */
export function formatPcsCodeInfo(info: PcsCodeInfo): string[] {
  const lines = [
    `${info.code}\t${info.complete ? 'ICD-10-PCS code' : `ICD-10-PCS partial code (${info.codes} valid codes)`}\t${info.title}`,
  ];
  if (info.table)
    lines.push(
      `  table ${info.table.code}: ${info.table.title}${info.table.definition ? ` (${info.table.definition})` : ''}`,
    );
  for (const a of info.axes) {
    lines.push(
      `  ${a.position} ${a.title}: ${a.value} ${a.label}${a.definition ? ` (${a.definition})` : ''}${a.includes ? ` [includes: ${a.includes.join('; ')}]` : ''}`,
    );
  }
  if (info.next) {
    lines.push(`  next: ${info.next.position} ${info.next.title}`);
    for (const v of info.next.values)
      lines.push(
        `    ${info.code}${v.value}\t${v.label}\t(${v.codes} codes)${v.definition ? `\t${v.definition}` : ''}`,
      );
  }
  return lines;
}
