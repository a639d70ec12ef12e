/**
 * Where a cancer has spread (Guidelines I.C.2.b, d): "brain metastases", "liver mets",
 * "metastatic to bone", "mets to spine" name a secondary site, coded from the Neoplasm table's
 * secondary column (C79.31, C78.7, C79.51), never as a primary of that organ (C71.9, C22.9).
 * "Metastatic colon cancer" is the primary of the colon, not a secondary of it. A secondary
 * with the primary unknown adds C80.1.
 */
import type { Ontology } from '../ontology/ontology.js';
import { negatedInClauseBefore } from '../context/clause-negation.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import {
  addNote,
  codeIn,
  ruleSuggestion,
  sectionAt,
  span,
  spansOverlap,
  type RuleDocument,
} from './rule-text.js';

/** Site words (a regular-expression alternation) → the Neoplasm table's secondary code. */
const SECONDARY_SITES: readonly [string, string][] = [
  ['(?:lepto)?mening(?:es|eal)', 'C79.32'],
  ['brain|cerebral|intracranial', 'C79.31'],
  ['bone marrow', 'C79.52'],
  ['bones?|osseous|skeletal|spine|spinal|vertebral|vertebrae|ribs?', 'C79.51'],
  ['liver|hepatic', 'C78.7'],
  ['lungs?|pulmonary', 'C78.00'],
  ['pleura|pleural', 'C78.2'],
  ['peritoneum|peritoneal|omental|omentum', 'C78.6'],
  ['adrenals?', 'C79.70'],
  ['lymph nodes?|nodal', 'C77.9'],
  ['skin|cutaneous', 'C79.2'],
  ['ovary|ovaries|ovarian', 'C79.60'],
  ['kidney|renal', 'C79.00'],
];
const SITE_CODES = SECONDARY_SITES.map(
  ([words, code]) => [new RegExp(`^(?:${words})$`), code] as const,
);
const SITE = `(?:${SECONDARY_SITES.map(([words]) => words).join('|')})`;
const SITES = `(${SITE}(?:\\s*(?:,|and|&|/)\\s*${SITE})*)`;
const METS = '(?:mets|metastases|metastasis|metastatic (?:disease|lesions?|deposits?))';
const SPREAD_TO = new RegExp(
  `\\b(?:metastatic(?: disease)?|metastases|metastasis|mets|spread)\\s+to\\s+(?:the\\s+)?(?:(?:left|right|bilateral)\\s+)?${SITES}\\b`,
  'gi',
);
const SITE_METS = new RegExp(`\\b${SITES}\\s+${METS}\\b`, 'gi');
// "Metastatic colon cancer to liver": the primary between "metastatic" and "to".
const SPREAD_LATER = new RegExp(
  `\\bmetastatic\\s+[a-z][a-z ]{2,40}?\\s+to\\s+(?:the\\s+)?${SITES}\\b`,
  'gi',
);
const UNKNOWN_PRIMARY = /\bunknown primary\b|\bprimary (?:site )?(?:is )?unknown\b|\bcup\b/i;

interface SpreadStatement {
  code: string;
  evidence: EvidenceSpan;
  /** Where the site words are ("brain" of "brain metastases"). */
  site: EvidenceSpan;
}

function spreadStatements(doc: RuleDocument): SpreadStatement[] {
  const out: SpreadStatement[] = [];
  for (const re of [SPREAD_TO, SITE_METS, SPREAD_LATER]) {
    for (const m of doc.text.matchAll(re)) {
      if (sectionAt(doc, m.index) === 'family_history' || negatedInClauseBefore(doc.text, m.index))
        continue;
      const evidence = span(doc.text, m.index, m.index + m[0].length);
      const siteStart = m.index + m[0].lastIndexOf(m[1]!);
      const site = span(doc.text, siteStart, siteStart + m[1]!.length);
      for (const word of m[1]!.toLowerCase().split(/\s*(?:,|and|&|\/)\s*/)) {
        const code = SITE_CODES.find(([re2]) => re2.test(word))?.[1];
        if (code && !out.some((o) => o.code === code)) out.push({ code, evidence, site });
      }
    }
  }
  return out;
}

export function applyMetastasisSites(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  flagged: CodeSuggestion[],
  pool: readonly CodeSuggestion[] = [],
): void {
  const spread = spreadStatements(doc);
  const drop = (s: CodeSuggestion, message: string, partner: string): void => {
    addNote(s, { rule: 'specificity', message, codes: [partner] });
    codes.splice(codes.indexOf(s), 1);
    flagged.push({ ...s, group: 'flagged' });
  };
  if (!spread.length) {
    codeUnnamedSpread(onto, codes, drop);
    return;
  }
  for (const { code, evidence, site } of spread) {
    // The organ the cancer spread to, coded as a primary of that organ ("w/ brain" of "brain
    // metastases" read as a brain primary).
    for (const s of codes.filter((c) => codeIn(c.code, /^C(?:[0-6]|7[0-6]|80)|^D49/)))
      if (s.evidence.every((e) => spansOverlap(e, site))) {
        drop(s, `"${evidence.text}" names where the cancer spread: ${code}.`, code);
        restorePrimaryBeside(s, site, pool, codes);
      }
    const existing = codes.find((c) => c.code === code);
    if (existing) continue;
    codes.push(
      ruleSuggestion(onto, code, [evidence], 'present', 0.8, [
        {
          rule: 'secondary-site',
          message: `Secondary neoplasm of the site written: "${evidence.text}".`,
          codes: [],
        },
      ]),
    );
  }
  dropPrimaryInsideSecondary(codes, drop);
  dropSecondaryOfThePrimary(codes, drop, new Set(spread.map((x) => x.code)));
  addUnknownPrimary(onto, doc, codes);
}

type Drop = (s: CodeSuggestion, message: string, partner: string) => void;

/**
 * No site of spread written ("metastatic colon cancer"): the words are the colon's primary, not a
 * secondary of the colon, and the spread goes to an unnamed site (C79.9).
 */
function codeUnnamedSpread(onto: Ontology, codes: CodeSuggestion[], drop: Drop): void {
  dropPrimaryInsideSecondary(codes, drop);
  const dropped = dropSecondaryOfThePrimary(codes, drop, new Set());
  if (!dropped?.evidence.some((e) => /\bmetasta/i.test(e.text))) return;
  if (codes.some((c) => codeIn(c.code, /^C7[7-9]/)) || !onto.isBillable('C79.9')) return;
  codes.push(
    ruleSuggestion(onto, 'C79.9', dropped.evidence, 'present', 0.8, [
      { rule: 'secondary-site', message: 'Metastatic, no site of spread named: C79.9.', codes: [] },
    ]),
  );
}

/**
 * The primary the dropped site-primary's words hid ("NSCLC of RUL w/ brain metastases": the
 * lung cancer the abbreviation names, outside the words "brain metastases"), back from `pool`.
 */
function restorePrimaryBeside(
  dropped: CodeSuggestion,
  site: EvidenceSpan,
  pool: readonly CodeSuggestion[],
  codes: CodeSuggestion[],
): void {
  const unspecified = (p: CodeSuggestion): number => p.title.split(/\bunspecified\b/i).length;
  const hidden = [...pool]
    .sort((a, b) => unspecified(a) - unspecified(b))
    .find(
      (p) =>
        codeIn(p.code, /^C(?:[0-6]|7[0-6])/) &&
        p.assertion === 'present' &&
        p.code !== dropped.code &&
        p.evidence.every((e) => !spansOverlap(e, site)) &&
        p.evidence.some((e) => dropped.evidence.some((f) => spansOverlap(e, f))),
    );
  if (!hidden || codes.some((c) => c.code === hidden.code)) return;
  const back: CodeSuggestion = { ...hidden, evidence: hidden.evidence.map((e) => ({ ...e })) };
  back.notes = [...hidden.notes];
  addNote(back, {
    rule: 'secondary-site',
    message: `The primary the note names beside the spread to another site (${dropped.code} was that site's words).`,
    codes: [dropped.code],
  });
  codes.push(back);
}

/** "Secondary malignant neoplasm of brain" holds "malignant neoplasm of brain": no C71.9 from it. */
function dropPrimaryInsideSecondary(codes: CodeSuggestion[], drop: Drop): void {
  // Only where the words say "secondary": "breast cancer metastatic [to bone]" is the breast's primary.
  const secondaries = codes.filter(
    (c) =>
      codeIn(c.code, /^C7[7-9]/) &&
      c.source !== 'rule' &&
      c.evidence.some((f) => /\bsecondary\b/i.test(f.text)),
  );
  for (const p of codes.filter((c) => codeIn(c.code, /^C(?:[0-6]|7[0-6])/))) {
    const holder = secondaries.find((s) =>
      p.evidence.every((e) => s.evidence.some((f) => e.start >= f.start && e.end <= f.end)),
    );
    if (holder)
      drop(p, `${holder.code}'s words hold these: a secondary, not a primary.`, holder.code);
  }
}

/** "Metastatic colon cancer": the colon is the primary; no secondary of the colon beside it. */
function dropSecondaryOfThePrimary(
  codes: CodeSuggestion[],
  drop: Drop,
  spreadTo: ReadonlySet<string>,
): CodeSuggestion | undefined {
  const primaries = codes.filter((c) => codeIn(c.code, /^C(?:[0-6]|7[0-6])/));
  // A site the note says the cancer spread to ("with liver and bone mets") keeps its code.
  const secondaries = codes.filter(
    (c) => codeIn(c.code, /^C7[7-9]/) && c.source !== 'rule' && !spreadTo.has(c.code),
  );
  let dropped: CodeSuggestion | undefined;
  for (const s of secondaries) {
    const primary = primaries.find((p) =>
      p.evidence.some((e) => s.evidence.some((f) => spansOverlap(e, f))),
    );
    if (!primary) continue;
    drop(
      s,
      `${primary.code} is the primary these words name; "metastatic" names its spread.`,
      primary.code,
    );
    dropped = s;
  }
  return dropped;
}

function addUnknownPrimary(onto: Ontology, doc: RuleDocument, codes: CodeSuggestion[]): void {
  const m = UNKNOWN_PRIMARY.exec(doc.text);
  if (!m || codes.some((c) => codeIn(c.code, /^C(?:[0-6]|7[0-6]|80)/))) return;
  codes.push(
    ruleSuggestion(
      onto,
      'C80.1',
      [span(doc.text, m.index, m.index + m[0].length)],
      'present',
      0.8,
      [
        {
          rule: 'secondary-site',
          message: 'Secondary neoplasm with the primary site unknown: C80.1 (Guidelines I.C.2.d).',
          codes: [],
        },
      ],
    ),
  );
}
