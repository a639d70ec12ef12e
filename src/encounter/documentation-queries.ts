/**
 * Documentation query drafts (CDI): where a note supports only the unspecified form of a
 * condition whose specific form matters (heart failure type and acuity, CKD stage, diabetes
 * complications and control, pneumonia organism, sepsis and organ dysfunction, malnutrition
 * severity, anemia type, pressure-ulcer stage, obesity class), a compliant, non-leading query:
 * the clinical indicators quoted from the note with where they are, an open question and
 * multiple-choice answers that include "Other" and "Clinically undetermined". No query is drafted
 * without clinical indicators (a query must be supported by them), and none when the note
 * already documents the specific form. Built locally; the coder copies it; nothing is sent.
 */
import {
  OTHER_OPTION,
  QUERY_FAMILIES,
  UNDETERMINED_OPTION,
  type QueryFamily,
  type QueryFamilyId,
} from './query-families.js';

export interface QueryIndicator {
  label: string;
  /** The words of the note, as written. */
  quote: string;
  /** "Assessment and plan, line 12" */
  location: string;
  start: number;
  end: number;
}

export interface DocumentationQuery {
  family: QueryFamilyId;
  topic: string;
  /** The unspecified codes that prompted it (for the coder; not in the draft). */
  about: string[];
  documented: QueryIndicator[];
  indicators: QueryIndicator[];
  question: string;
  options: string[];
  /** The text the coder copies into the EHR's query tool. */
  draft: string;
}

/** A code the note supports, with where its words are. */
export interface NoteCodeEvidence {
  code: string;
  evidence?: readonly { start: number; end: number }[];
}

const MAX_PER_LABEL = 2;
const MAX_INDICATORS = 8;
const MAX_QUOTE = 120;
/**
 * Indicators are looked for in the first this-many characters: a query quotes a few findings,
 * and scanning a megabyte note with every pattern would hold the page for long.
 */
export const MAX_SCANNED_CHARS = 200_000;
const HEADING_LINE = /^[ \t]*([A-Z][A-Za-z /&-]{2,40})[ \t]*:/;

/** "Labs, line 7": the heading of the section that holds `pos`, and its line number. */
export function describeLocation(text: string, pos: number): string {
  const lines = text.slice(0, pos).split('\n');
  let heading: string | undefined;
  for (let i = lines.length - 1; i >= 0 && !heading; i--)
    heading = lines[i]!.match(HEADING_LINE)?.[1]?.trim();
  return `${heading ? `${heading}, ` : ''}line ${lines.length}`;
}

function quoteAt(text: string, start: number, end: number): QueryIndicator['quote'] {
  const quote = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return quote.length > MAX_QUOTE ? `${quote.slice(0, MAX_QUOTE - 1)}…` : quote;
}

function findIndicators(fullText: string, family: QueryFamily): QueryIndicator[] {
  const text =
    fullText.length > MAX_SCANNED_CHARS ? fullText.slice(0, MAX_SCANNED_CHARS) : fullText;
  const found: QueryIndicator[] = [];
  for (const { label, pattern } of family.indicators) {
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    let perLabel = 0;
    for (const m of text.matchAll(global)) {
      if (perLabel >= MAX_PER_LABEL || found.length >= MAX_INDICATORS) break;
      const start = m.index;
      const end = start + m[0].trimEnd().length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({
        label,
        quote: quoteAt(text, start, end),
        location: describeLocation(text, start),
        start,
        end,
      });
      perLabel++;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function formatDraft(q: Omit<DocumentationQuery, 'draft'>): string {
  const lines = [
    `Documentation clarification: ${q.topic}`,
    '',
    'Clinical indicators in the record:',
  ];
  for (const i of q.indicators) lines.push(`- ${i.label}: "${i.quote}" (${i.location})`);
  for (const d of q.documented) lines.push(`- Documented: "${d.quote}" (${d.location})`);
  lines.push('', q.question, 'Please select one, or describe:');
  for (const option of q.options)
    lines.push(`[ ] ${option}${option === OTHER_OPTION ? ': ______' : ''}`);
  lines.push(
    '',
    'Please document your response in the medical record. This query does not imply that any particular answer is desired or expected.',
  );
  return lines.join('\n');
}

/**
 * The query drafts for one note, given the codes the note supports.
 *
 * @example
 * draftDocumentationQueries('Assessment: CHF exacerbation. BNP 1,450. Furosemide 40 mg IV.', [{ code: 'I50.9' }])[0].options.at(-1)
 * // → 'Clinically undetermined'
 */
export function draftDocumentationQueries(
  text: string,
  codes: readonly NoteCodeEvidence[],
): DocumentationQuery[] {
  const drafts: DocumentationQuery[] = [];
  const dotless = codes.map((c) => ({ ...c, d: c.code.replace('.', '').toUpperCase() }));
  for (const family of QUERY_FAMILIES) {
    const vague = dotless.filter((c) => family.unspecified.test(c.d));
    if (vague.length === 0 || dotless.some((c) => family.specific.test(c.d))) continue;
    const indicators = findIndicators(text, family);
    if (indicators.length === 0) continue;
    const documented = vague
      .flatMap((c) => c.evidence?.slice(0, 1) ?? [])
      .filter((e) => e.end <= text.length)
      .map((e) => ({
        label: 'Documented',
        quote: quoteAt(text, e.start, e.end),
        location: describeLocation(text, e.start),
        start: e.start,
        end: e.end,
      }));
    const query = {
      family: family.id,
      topic: family.topic,
      about: vague.map((c) => c.code),
      documented,
      indicators,
      question: family.question,
      options: [...family.options, OTHER_OPTION, UNDETERMINED_OPTION],
    };
    drafts.push({ ...query, draft: formatDraft(query) });
  }
  return drafts;
}
