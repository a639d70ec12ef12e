import type { Ontology } from '../ontology/ontology.js';
import { foldText, foldTokens, toDotless, toDotted } from '../ontology/fold-text.js';
import type { Token } from '../text/tokenize.js';
import { preprocessDocument, findTokenRange } from '../text/preprocess-note.js';
import { compileSectionPatterns, type CompiledSectionPatterns } from '../text/detect-sections.js';
import {
  compileAbbreviations,
  findAbbreviations,
  type CompiledAbbreviations,
} from '../text/abbreviations.js';
import {
  compileContextRules,
  type CompiledContextRules,
} from '../context/compile-context-rules.js';
import { assertDocumentContext, type MentionSpan } from '../context/assert-context.js';
import type { LexiconPack } from '../context/lexicon-pack.js';
import type {
  Assertion,
  CodeGroup,
  CodeSuggestion,
  CodingOptions,
  CodingResult,
  EvidenceSpan,
  RuleNote,
} from './coding-types.js';
import { locateConcepts, type ConceptMatch } from './locate-concepts.js';
import { morphologyWords } from './morphology-words.js';
import { resolveCode, seventhCharacterOf, type EncounterCue } from './resolve-code.js';
import { TermDictionary, type TermDictionaryOptions } from './term-dictionary.js';
import { CodeRanker, type CandidateFeatures, type RankerModel } from './code-ranker.js';
import { applyCodingRules, type CodingRuleOutput } from './apply-coding-rules.js';
import { selectMentions, type ScoredCandidate } from './select-mentions.js';
import { spansOverlap, type RuleDocument } from './rule-text.js';
import { refineSpecificity } from './specific-code.js';

export interface CoderOptions extends TermDictionaryOptions {
  /** Context rules, section headers and abbreviation sense priors (dist/packs/lexicons.json). */
  lexicons?: LexiconPack;
  /** Model id and version when a model reranks; null for the dictionary path. */
  modelId?: string | null;
  /** The learned reranker (models/code-ranker.json); without it the dictionary scores rank. */
  ranker?: RankerModel;
  /** Header codes kept as codes in mentions scope (default: the ranker's). */
  headerForms?: readonly string[];
}

/**
 * The engine is one pipeline: {@link Coder.analyze} finds the candidates of a note, a scorer
 * gives each a probability (the learned ranker here, the linker's fusion in model-coder.ts), and
 * {@link Coder.select} applies the scope's selector: the coding conventions (reportable) or
 * {@link selectMentions} (mentions). Both coders run the same three steps.
 */
export interface Coder {
  readonly ontology: Ontology;
  readonly dictionary: TermDictionary;
  readonly ranker: CodeRanker | undefined;
  code(text: string, options?: CodingOptions): CodingResult;
  /** Every candidate with its ranker features, unfiltered, and the note they came from. */
  analyze(text: string, options?: CodingOptions): Analysis;
  /** The ranker as a scorer: each candidate with its probability (undefined without a ranker). */
  score(analysis: Analysis): ScoredCandidate[];
  /** The scope's selector over scored candidates of one analysis (threshold: the scorer's). */
  select(
    analysis: Analysis,
    scored: readonly ScoredCandidate[],
    options?: CodingOptions,
    threshold?: number,
  ): CodingRuleOutput;
}

/** What {@link Coder.analyze} found in one note. */
export interface Analysis {
  readonly candidates: AnalyzedCandidate[];
  readonly doc: RuleDocument;
  readonly timings: Record<string, number>;
  /** The context engine's assertions of other spans of the same note (the linker's phrases). */
  assertSpans(spans: readonly MentionSpan[]): Assertion[];
}

interface CompiledLexicons {
  context: CompiledContextRules;
  sections: CompiledSectionPatterns;
  abbreviations: CompiledAbbreviations;
}

const SOURCE_WEIGHT = {
  index: 1,
  title: 0.9,
  inclusion: 0.85,
  neoplasm: 0.8,
  abbreviation: 0.8,
  learned: 0.9,
} as const;
const EXPANDABLE_KINDS = new Set(['condition', 'finding', 'procedure', 'anatomy', 'modifier']);

/**
 * Builds a coder over one ontology. Building the dictionary costs a few hundred milliseconds;
 * coding a note afterwards costs milliseconds.
 *
 * @example
 * const coder = createCoder(loadOntology(pack), {lexicons});
 * coder.code('67 y/o M with type 2 diabetes and CKD stage 3').codes.map((c) => c.code);
 */
export function createCoder(ontology: Ontology, options: CoderOptions = {}): Coder {
  const learned = (options.ranker?.learnedTerms ?? []).map((t) => ({
    text: t.phrase,
    code: t.code,
    source: 'learned' as const,
    weight: 0.9,
  }));
  const dictionary = new TermDictionary(ontology, {
    ...options,
    extraTerms: [...(options.extraTerms ?? []), ...learned],
  });
  const headerForms = new Set(options.headerForms ?? options.ranker?.headerForms ?? []);
  const lex: CompiledLexicons = {
    context: compileContextRules(options.lexicons?.context.rules),
    sections: compileSectionPatterns(options.lexicons?.sections.patterns),
    abbreviations: compileAbbreviations(options.lexicons?.abbreviations.senses),
  };
  const ranker = options.ranker ? new CodeRanker(options.ranker) : undefined;
  // Coding reads only the model id: the prebuilt dictionary and the raw lexicons are not kept
  // once built (about 13 MiB of heap).
  const kept: CoderOptions = options.modelId === undefined ? {} : { modelId: options.modelId };
  const check = (text: unknown): void => {
    if (typeof text !== 'string')
      throw new TypeError(
        `Expected the note text as a string, got ${text === null ? 'null' : typeof text}.`,
      );
  };
  return {
    ontology,
    dictionary,
    ranker,
    code(text, codingOptions = {}) {
      check(text);
      return codeText(ontology, dictionary, lex, kept, ranker, headerForms, text, codingOptions);
    },
    analyze(text, codingOptions = {}) {
      check(text);
      return analyzeText(ontology, dictionary, lex, headerForms, text, codingOptions);
    },
    score: (analysis) => scoreWithRanker(ranker, analysis),
    select(analysis, scored, codingOptions = {}, threshold = ranker?.threshold ?? 0) {
      return selectByScope(ontology, analysis.doc, scored, codingOptions, threshold);
    },
  };
}

/** The ranker as a scorer; without one, every candidate passes (probability undefined). */
function scoreWithRanker(ranker: CodeRanker | undefined, analysis: Analysis): ScoredCandidate[] {
  return analysis.candidates.map((c) => ({
    ...ruleInputOf(c),
    ...(ranker ? { probability: ranker.predict(c.features) } : {}),
  }));
}

/** What the selectors read of an analyzed candidate. */
export function ruleInputOf({ features, suggestion }: AnalyzedCandidate): ScoredCandidate {
  return {
    suggestion,
    sources: features.sources,
    density: features.density,
    requiredWords: features.requiredWords,
  };
}

/** The scope's selector: the coding conventions (reportable) or every mention (mentions). */
function selectByScope(
  onto: Ontology,
  doc: RuleDocument,
  scored: readonly ScoredCandidate[],
  options: CodingOptions,
  threshold: number,
): CodingRuleOutput {
  if ((options.scope ?? 'reportable') === 'mentions') return selectMentions(doc, scored, threshold);
  for (const c of scored)
    if (c.probability !== undefined) c.suggestion.score = Math.round(c.probability * 1000) / 1000;
  return applyCodingRules({
    onto,
    doc,
    setting: options.setting ?? 'outpatient',
    threshold,
    candidates: scored,
  });
}

interface Candidate {
  code: string;
  score: number;
  assertions: Assertion[];
  /** Assertions of the mentions found by the classification's own terms (not learned phrases). */
  termAssertions: Assertion[];
  /** Spans of the classification's own terms, and of learned phrases read as present. */
  termSpans: EvidenceSpan[];
  learnedPresent: EvidenceSpan[];
  evidence: EvidenceSpan[];
  notes: RuleNote[];
  source: string;
  sources: Set<string>;
  density: number;
  requiredWords: number;
  keys: Set<string>;
}

/** A candidate before ranking, with what the ranker sees (training and diagnostics). */
export interface AnalyzedCandidate {
  features: CandidateFeatures;
  suggestion: CodeSuggestion;
}

/**
 * The name after a label that introduces a person ("Pt: Raymond B. Thorogood", "Attending: J.
 * Parkinson, MD"): capitalised words and initials; an eponym there is somebody's name.
 */
const PERSON_LABEL =
  /^[ \t]*(?:pt|patient|name|attending|pcp|provider|physician|surgeon|author|signed by|dictated by|cc to|referring(?: md| physician| provider)?)\s*:\s*/gim;
/** Capitalised words and initials (case-sensitive: "chronic cough" is no name). */
const NAME_WORDS = /^(?:(?:Dr\.?\s+)?[A-Z][A-Za-z'-]*\.?,?[ \t]*){1,5}/;

function identityLines(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(PERSON_LABEL)) {
    const start = m.index + m[0].length;
    const name = NAME_WORDS.exec(text.slice(start, start + 80));
    if (name) out.push([start, start + name[0].length]);
  }
  return out;
}

function inIdentityLine(lines: readonly [number, number][], pos: number): boolean {
  return lines.some(([a, b]) => pos >= a && pos < b);
}

/** A list item's number at the start of its line ("2. Obesity, class 3"): no value of a term. */
function isListMarker(text: string, t: Token): boolean {
  if (!/^\d{1,2}$/.test(t.text) || !/^[.)]/.test(text.slice(t.end, t.end + 1))) return false;
  const lineStart = text.lastIndexOf('\n', t.start - 1) + 1;
  return /^[\s#-]*$/.test(text.slice(lineStart, t.start));
}

/**
 * A one-word match that is half of a hyphenated compound ("clav" in "amox-clav", "diabetes" in
 * "pre-diabetes"): the compound names something else.
 */
function halfOfCompound(
  text: string,
  tokens: readonly Token[],
  matched: readonly number[],
): boolean {
  if (matched.length !== 1) return false;
  const t = tokens[matched[0]!]!;
  const joined = (at: number, step: number): boolean =>
    text[at] === '-' && /\p{L}/u.test(text[at + step] ?? '');
  return joined(t.start - 1, -1) || joined(t.end, 1);
}

function analyzeText(
  onto: Ontology,
  dict: TermDictionary,
  lex: CompiledLexicons,
  headerForms: ReadonlySet<string>,
  text: string,
  options: CodingOptions,
): Analysis {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const scope = options.scope ?? 'reportable';
  const doc = preprocessDocument(text, { sectionPatterns: lex.sections });
  const tokens = doc.tokens;
  const sentences = doc.sentences.map((s) => {
    const [first, to] = findTokenRange(tokens, s.start, s.end);
    return { first, last: to - 1 };
  });
  timings.preprocess = performance.now() - t0;
  options.signal?.throwIfAborted();

  t0 = performance.now();
  const extraWords = new Map<number, string[]>();
  // Tokens that abbreviate a test, a procedure or a body part ("PSA", "CXR"): not a diagnosis.
  const notConditions = new Set<number>();
  for (const a of findAbbreviations(text, tokens, { compiled: lex.abbreviations })) {
    if (a.kind !== 'condition' && a.tokenEnd - a.tokenStart === 1) notConditions.add(a.tokenStart);
    // "w/o" is "without" to the matcher ("migraine w/o aura" is G43.7-, not the "with aura" G43.E-).
    if (!EXPANDABLE_KINDS.has(a.kind) && a.expansion !== 'without' && a.expansion !== 'with')
      continue;
    appendWords(extraWords, a.tokenStart, foldTokens([a.expansion, ...a.also].join(' ')));
  }
  const morphology = morphologyWords(onto);
  tokens.forEach((_, i) => {
    const words = indexWordsFor(tokens, i, morphology);
    if (words) appendWords(extraWords, i, words);
  });
  timings.abbreviations = performance.now() - t0;

  t0 = performance.now();
  const raw = locateConcepts(dict, tokens, sentences, extraWords, scope === 'reportable');
  // CodiEsp's annotators code the generic word inside a longer term too (mentions scope).
  const identity = identityLines(text);
  // A phrase learned from case reports ("PSA" beside prostate cancer) is no diagnosis when it
  // is the abbreviation of a test (reportable scope).
  const matches =
    scope === 'mentions'
      ? raw
      : dropSubsumed(
          raw.filter(
            (m) =>
              !(
                m.term.source === 'learned' &&
                m.tokens.length === 1 &&
                notConditions.has(m.tokens[0]!)
              ) &&
              !halfOfCompound(text, tokens, m.tokens) &&
              !m.tokens.some((k) => isListMarker(text, tokens[k]!)) &&
              !inIdentityLine(identity, tokens[m.tokens[0]!]!.start),
          ),
          true,
          (code) => MANIFESTATION.test(onto.title(code.replace(/-$/, '')) ?? ''),
        );
  timings.locate = performance.now() - t0;
  options.signal?.throwIfAborted();

  t0 = performance.now();
  const context = assertDocumentContext(
    doc,
    matches.map((m) => ({
      start: tokens[m.tokens[0]!]!.start,
      end: tokens[m.tokens.at(-1)!]!.end,
    })),
    lex.context,
  );
  const assertions: Assertion[] = context.map((c) => c.assertion);
  timings.context = performance.now() - t0;

  t0 = performance.now();
  const cue = encounterCue(text);
  const byCode = new Map<string, Candidate>();
  matches.forEach((m, k) => {
    const resolved = resolveCode(
      onto,
      m.term.code,
      cue,
      scope === 'mentions' ? (c) => headerForms.has(c) : undefined,
    );
    if (!resolved) return;
    const code = scope === 'mentions' ? mentionForm(onto, resolved.code) : resolved.code;
    const score =
      SOURCE_WEIGHT[m.term.source] *
      m.term.weight *
      (0.6 + 0.4 * m.density) *
      Math.min(1, 0.7 + 0.1 * m.term.required.length);
    const span = spanOf(text, tokens, m.tokens);
    let c = byCode.get(code);
    if (!c) {
      c = {
        code,
        score: 0,
        assertions: [],
        termAssertions: [],
        termSpans: [],
        learnedPresent: [],
        evidence: [],
        notes: [...resolved.notes],
        source: m.term.source,
        sources: new Set(),
        density: 0,
        requiredWords: 0,
        keys: new Set(),
      };
      byCode.set(code, c);
    }
    if (score > c.score) {
      c.score = score;
      c.source = m.term.source;
    }
    c.sources.add(m.term.source);
    c.density = Math.max(c.density, m.density);
    c.requiredWords = Math.max(c.requiredWords, m.term.required.length);
    c.keys.add(foldText(span.text));
    c.assertions.push(assertions[k] ?? 'present');
    if (m.term.source !== 'learned') {
      c.termAssertions.push(assertions[k] ?? 'present');
      c.termSpans.push(span);
    } else if ((assertions[k] ?? 'present') === 'present' && /\S\s+\S/.test(span.text))
      c.learnedPresent.push(span);
    if (!c.evidence.some((e) => e.start === span.start && e.end === span.end))
      c.evidence.push(span);
  });

  const candidates: AnalyzedCandidate[] = [];
  for (const c of byCode.values()) {
    // A phrase learned from case reports ("prostate" for prostate cancer) does not outweigh what
    // the classification's own terms in the note say of the condition.
    const assertion = pickAssertion(
      scope === 'reportable' && c.termAssertions.length ? reportableAssertions(c) : c.assertions,
    );
    const billable = onto.isBillable(c.code);
    candidates.push({
      features: {
        code: toDotless(c.code),
        dictScore: c.score,
        density: c.density,
        requiredWords: c.requiredWords,
        mentions: c.evidence.length,
        keys: [...c.keys],
        sources: [...c.sources],
        assertion,
        unspecified: c.notes.some((n) => n.rule === 'unspecified'),
        billable,
      },
      suggestion: {
        code: c.code,
        system: 'ICD-10-CM',
        title: onto.title(c.code) ?? onto.title(c.code.replace(/X+$/, '')) ?? '',
        billable,
        score: Math.round(Math.min(1, c.score) * 1000) / 1000,
        assertion,
        group: 'secondary',
        evidence: c.evidence.sort((a, b) => a.start - b.start),
        notes: c.notes,
        source: c.source,
      },
    });
  }
  if (scope === 'mentions')
    refineMentionCandidates(
      onto,
      { text, sentences: doc.sentences, sections: doc.sections },
      candidates,
    );
  timings.candidates = performance.now() - t0;
  return {
    candidates,
    timings,
    doc: { text, sentences: doc.sentences, sections: doc.sections },
    assertSpans: (spans) => assertDocumentContext(doc, spans, lex.context).map((c) => c.assertion),
  };
}

function codeText(
  onto: Ontology,
  dict: TermDictionary,
  lex: CompiledLexicons,
  coderOptions: CoderOptions,
  ranker: CodeRanker | undefined,
  headerForms: ReadonlySet<string>,
  text: string,
  options: CodingOptions,
): CodingResult {
  const analysis = analyzeText(onto, dict, lex, headerForms, text, options);
  const t0 = performance.now();
  const { codes, flagged, considered } = selectByScope(
    onto,
    analysis.doc,
    scoreWithRanker(ranker, analysis),
    options,
    ranker?.threshold ?? 0,
  );
  const timings = { ...analysis.timings, select: performance.now() - t0 };
  return {
    terminology: onto.label,
    model: ranker ? ranker.id : (coderOptions.modelId ?? null),
    codes,
    flagged,
    ...(considered ? { considered } : {}),
    timings,
  };
}

/**
 * CodiEsp's annotators (CIE-10-ES 2018) write injury and external-cause codes without the
 * 7th character ("S72.002", "W19.XXX", "T14.8"): the mentions scope follows them.
 */
function mentionForm(onto: Ontology, code: string): string {
  const d = toDotless(code);
  if (d.length !== 7 || !seventhCharacterOf(onto, d.slice(0, 6))) return code;
  const six = d.slice(0, 6);
  return toDotted(/^T14/.test(six) ? six.replace(/X+$/, '') : six);
}

/** Tabular titles of manifestation codes, never reported without their etiology. */
const MANIFESTATION = /\bin (?:diseases|conditions) classified elsewhere\b/i;

/** How the Index names the ends of long bones: "distal ulna" is "ulna, lower end". */
const END_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  distal: ['lower', 'end'],
  proximal: ['upper', 'end'],
  // The sigmoid is part of the large intestine the Index names ("Diverticulitis, intestine, large").
  sigmoid: ['large', 'intestine'],
  // So is the colon: "diverticulosis of colon" is "Diverticulosis, large intestine" (K57.30).
  colon: ['large', 'intestine'],
  colonic: ['large', 'intestine'],
  // The Index and Tabular say "limb" where notes say "extremity" ("Cellulitis, lower limb").
  extremity: ['limb'],
  extremities: ['limb'],
  // Cholecystitis is of the gallbladder ("calculous cholecystitis": stones in gallbladder, K80.-).
  cholecystitis: ['gallbladder'],
  // "Stone(s) - see Calculus": "ureteral stone with hydronephrosis" is the Index's calculus (N13.2).
  stone: ['calculus'],
  stones: ['calculus'],
};

/**
 * The Index's words for what a token says: "distal" is "lower end", the sigmoid and the colon
 * the large intestine, an extremity a limb, "lower back" the "low" back (M54.50), a tumour word
 * its behaviour (morphology-words.ts), and "Decubitus (ulcer)" / "Injury, pressure - see Ulcer,
 * pressure": a bedsore or pressure injury is a pressure ulcer, never an open wound of its site.
 * Token texts are lowercase.
 */
function indexWordsFor(
  tokens: readonly Token[],
  i: number,
  morphology: ReadonlyMap<string, readonly string[]>,
): readonly string[] | undefined {
  const w = tokens[i]!.text;
  if (w === 'lower') return tokens[i + 1]?.text === 'back' ? ['low'] : undefined;
  if (w === 'decubitus' || w === 'bedsore' || w === 'bedsores') return ['pressure', 'ulcer'];
  // "Crohn's disease - see Enteritis, regional": "Crohn's ileitis" is regional ileitis (K50.0-).
  if (/^crohn(?:'?s)?$/.test(w)) return ['regional', 'enteritis'];
  // "Bleeding - see Hemorrhage": a bleeding ulcer is the Index's ulcer "with hemorrhage".
  if ((w === 'bleeding' || w === 'bleed') && nearLesionThatBleeds(tokens, i)) return ['hemorrhage'];
  if ((w === 'injury' || w === 'injuries') && tokens[i - 1]?.text === 'pressure') return ['ulcer'];
  // "Alzheimer's dementia, late onset" is the Index's "Disease, Alzheimer's, late onset" (G30.1).
  if (
    w === 'dementia' &&
    tokens.slice(Math.max(0, i - 2), i).some((t) => /^alzheimer/.test(t.text)) &&
    tokens.slice(i + 1, i + 5).some((t) => t.text === 'onset')
  )
    return ['disease'];
  return Object.hasOwn(END_SYNONYMS, w) ? END_SYNONYMS[w] : morphology.get(w);
}

/** Lesions the Index codes "with hemorrhage" (ulcers, varices, diverticula, gastritis…). */
const BLEEDING_LESIONS =
  /^(?:ulcers?|pud|varices|diverticul\w*|gastritis|duodenitis|esophagitis|angiodysplasia|avms?)$/;

function nearLesionThatBleeds(tokens: readonly Token[], i: number): boolean {
  for (let k = Math.max(0, i - 4); k <= Math.min(tokens.length - 1, i + 4); k++)
    if (BLEEDING_LESIONS.test(tokens[k]!.text)) return true;
  return false;
}

function appendWords(extraWords: Map<number, string[]>, i: number, words: readonly string[]): void {
  const list = extraWords.get(i);
  if (list) list.push(...words);
  else extraWords.set(i, [...words]);
}

/**
 * The assertions the classification's own terms give; a learned phrase of several words read as
 * present counts only as a mention of its own, where no term's words overlap it ("acute ischemic
 * stroke" beside "hx of stroke" is a current stroke; a lone learned "prostate" is no cancer).
 */
function reportableAssertions(c: Candidate): Assertion[] {
  return c.learnedPresent.some((a) => !c.termSpans.some((b) => spansOverlap(a, b)))
    ? [...c.termAssertions, 'present']
    : c.termAssertions;
}

function pickAssertion(list: Assertion[]): Assertion {
  if (list.includes('present')) return 'present';
  const counts = new Map<Assertion, number>();
  for (const a of list) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'present';
}

function spanOf(text: string, tokens: readonly Token[], idx: number[]): EvidenceSpan {
  const start = tokens[idx[0]!]!.start;
  const end = tokens[idx.at(-1)!]!.end;
  return { start, end, text: text.slice(start, end) };
}

/** A code's length without its placeholder X characters. */
function significantLength(code: string): number {
  return code.replace(/X/g, '').length;
}

/** Drops a match whose words are a subset of a more specific match of the same Index family or category. */
export function dropSubsumed(
  matches: ConceptMatch[],
  strict = true,
  isManifestation: (code: string) => boolean = () => false,
): ConceptMatch[] {
  const bySentence = new Map<number, ConceptMatch[]>();
  for (const m of matches) {
    let l = bySentence.get(m.sentence);
    if (!l) bySentence.set(m.sentence, (l = []));
    l.push(m);
  }
  const kept: ConceptMatch[] = [];
  for (const list0 of bySentence.values()) {
    // Reportable scope: only a kept match subsumes (no chains through matches that are
    // themselves subsumed: "HFrEF … ESRD" read as "end stage heart failure").
    const list = strict
      ? [...list0].sort(
          (x, y) =>
            y.tokens.length - x.tokens.length ||
            y.term.required.length - x.term.required.length ||
            y.term.depth - x.term.depth ||
            y.term.code.length - x.term.code.length,
        )
      : list0;
    const keptHere: ConceptMatch[] = [];
    for (const a of list) {
      const subsumed = (strict ? keptHere : list).some((b) => {
        if (b === a || b.tokens.length < a.tokens.length) return false;
        // A manifestation code pieced together from words scattered over a sentence ("CKD …
        // admitted with pneumonia" read as "pneumonia in diseases classified elsewhere") does not
        // subsume the condition written out.
        if (strict && b.density < 0.5 && a.density >= 0.99 && isManifestation(b.term.code))
          return false;
        if (!a.tokens.every((t) => b.tokens.includes(t))) return false;
        const sameTokens = b.tokens.length === a.tokens.length;
        const related =
          (a.term.family >= 0 && a.term.family === b.term.family) ||
          b.term.code.startsWith(a.term.code.replace(/-$/, '').slice(0, 3)) ||
          // A lone generic word inside a longer term ("disease" in "chronic kidney disease"),
          // or fewer words of the same abbreviation ("CKD" read as "disease" vs the whole).
          (strict && a.term.required.length <= 1 && !sameTokens) ||
          (strict && sameTokens && a.term.required.length < b.term.required.length);
        if (!related) return false;
        if (b.tokens.length > a.tokens.length) return true;
        if (strict && b.term.required.length > a.term.required.length) return true;
        // Fewer words never subsume more (else two matches can drop each other).
        if (strict && b.term.required.length < a.term.required.length) return false;
        // Same words: keep the deeper Index entry, then the longer code (its placeholder X
        // counts for nothing: "Other fracture of left femur" S72.8X2 says no more than
        // "Unspecified fracture of left femur" S72.92).
        return (
          b.term.depth > a.term.depth ||
          (b.term.depth === a.term.depth &&
            significantLength(b.term.code) > significantLength(a.term.code) &&
            b.term.source === a.term.source)
        );
      });
      if (!subsumed) {
        kept.push(a);
        keptHere.push(a);
      }
    }
  }
  return kept;
}

function encounterCue(text: string): EncounterCue {
  if (/\bsequela/i.test(text)) return 'sequela';
  if (/\b(?:subsequent encounter|follow[- ]up visit|routine healing)\b/i.test(text))
    return 'subsequent';
  return 'initial';
}

/**
 * Mentions scope codes what the note says as specifically as it says it ("myopia of both
 * eyes" is H52.13, not H52.10): the specificity rule runs on the candidates before ranking,
 * so the ranker judges the refined code. Candidates that land on the same code merge.
 */
function refineMentionCandidates(
  onto: Ontology,
  doc: RuleDocument,
  candidates: AnalyzedCandidate[],
): void {
  refineSpecificity(
    onto,
    doc,
    candidates.map((c) => c.suggestion),
  );
  const seen = new Map<string, AnalyzedCandidate>();
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    c.features.code = toDotless(c.suggestion.code);
    c.features.billable = c.suggestion.billable;
    const first = seen.get(c.features.code);
    if (!first) {
      seen.set(c.features.code, c);
      continue;
    }
    if (c.features.dictScore > first.features.dictScore) {
      first.features = {
        ...c.features,
        keys: [...new Set([...first.features.keys, ...c.features.keys])],
      };
    }
    candidates.splice(i--, 1);
  }
}
