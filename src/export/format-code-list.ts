/**
 * The accepted list in the plain forms coders paste: one code per line, and CSV (RFC 4180).
 */
import type { AcceptedCode } from './accepted-code.js';

/**
 * One line per code: `E11.22  Type 2 diabetes mellitus with diabetic chronic kidney disease`.
 *
 * @example
 * formatCodesAsText([{ code: 'I10', title: 'Essential (primary) hypertension' }])
 * // → 'I10\tEssential (primary) hypertension\n'
 */
export function formatCodesAsText(codes: readonly AcceptedCode[]): string {
  return codes.map((c) => `${c.code}\t${oneLine(c.title)}\n`).join('');
}

/** Quotes a CSV field when it holds a comma, quote, or line break; doubles inner quotes. */
export function quoteCsvField(value: string): string {
  // A leading =, +, - or @ makes spreadsheets evaluate the cell: prefix a quote (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = ['sequence', 'code', 'code_dotless', 'title', 'system'] as const;

/**
 * CSV with a header row, CRLF line ends (RFC 4180), one row per code in the coder's order.
 *
 * @example
 * formatCodesAsCsv([{ code: 'E11.22', title: 'Type 2 diabetes mellitus with diabetic CKD' }])
 * // → 'sequence,code,code_dotless,title,system\r\n1,E11.22,E1122,Type 2 diabetes mellitus with diabetic CKD,ICD-10-CM\r\n'
 */
export function formatCodesAsCsv(codes: readonly AcceptedCode[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  codes.forEach((c, i) => {
    rows.push(
      [String(i + 1), c.code, c.code.replace('.', ''), oneLine(c.title), c.system ?? 'ICD-10-CM']
        .map(quoteCsvField)
        .join(','),
    );
  });
  return rows.map((row) => `${row}\r\n`).join('');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
