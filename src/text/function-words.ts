/**
 * The function-word lists of the engine, in one place: each names the job it does. They differ
 * on purpose (the words a title may leave out are not the words that end a noun phrase), so
 * each matcher takes the list made for its job; a new job gets a new, documented list here
 * rather than a private copy. Every list holds folded words (lower case, as `foldTokens` and
 * the tokenizer give them).
 *
 * Changing {@link TITLE_FILLER} changes the prebuilt term dictionary (`dist/packs/`), and
 * {@link SEARCH_STOP_WORDS} what `marginalia search` and the panel's search find: rebuild and
 * compare the figures after an edit.
 */

/**
 * Articles, "and", "or" and the commonest prepositions: every list below holds them but the
 * phrase breaks (a noun phrase runs on through "of").
 */
const ARTICLES_AND_LINKS = ['a', 'an', 'the', 'and', 'or', 'of', 'in', 'to'];

/** The classification's own filler: "NOS", "NEC", "other specified", "classified elsewhere". */
const CLASSIFICATION_FILLER = [
  'nos',
  'nec',
  'unspecified',
  'specified',
  'other',
  'classified',
  'elsewhere',
];

/**
 * Words a dictionary term need not find in the note: English function words and the
 * classification's own filler ("NEC", "unspecified", "other specified", "classified
 * elsewhere", "due to"). Used to build the term dictionary's required words.
 */
export const TITLE_FILLER: ReadonlySet<string> = new Set([
  ...ARTICLES_AND_LINKS,
  'on',
  'with',
  'for',
  'by',
  'as',
  'at',
  'from',
  'into',
  ...CLASSIFICATION_FILLER,
  'due',
  'than',
  'not',
  'type',
  'site',
  'part',
  'region',
  'disorder',
  'condition',
  'involving',
  // "Dysphagia, oropharyngeal phase": coders and notes say "oropharyngeal dysphagia".
  'phase',
  // "of both small and large intestine": notes say "small & large".
  'both',
  // "Noncompliance with medication regimen": notes say "medication noncompliance".
  'regimen',
]);

/**
 * Qualifiers a title carries that the specificity step reads on its own (laterality, site
 * within a part, acuity, severity, encounter): they do not show that the note writes the
 * diagnosis out.
 */
const TITLE_QUALIFIERS = [
  'without',
  'acute',
  'chronic',
  'left',
  'right',
  'bilateral',
  'upper',
  'lower',
  'proximal',
  'distal',
  'anterior',
  'posterior',
  'mild',
  'moderate',
  'severe',
  'closed',
  'initial',
  'encounter',
];

/**
 * Words that do not count when measuring how much of a code's title the note writes out
 * (select-documented.ts): {@link TITLE_FILLER} and the qualifiers the Index keeps as
 * nonessential modifiers or the specificity step reads.
 */
export const DOCUMENTED_FILLER: ReadonlySet<string> = new Set([
  ...TITLE_FILLER,
  ...TITLE_QUALIFIERS,
  // "drug-induced diabetes": the Index's "due to drug".
  'induced',
  // "w/" and "w/o", folded: the note's shorthand for the title's "with" and "without".
  'w',
  'o',
]);

/**
 * Words around a finding in a sentence ("there is a…", "has an…") that are not part of what
 * is found (codable-finding.ts).
 */
export const FINDING_FILLER: ReadonlySet<string> = new Set([
  ...ARTICLES_AND_LINKS,
  'with',
  'on',
  'at',
  'is',
  'has',
  'there',
]);

/**
 * Words of an Alphabetic Index history entry ("History, personal (of), see also…") that are
 * not part of the condition it names (history-codes.ts).
 */
export const INDEX_ENTRY_FILLER: ReadonlySet<string> = new Set([
  ...ARTICLES_AND_LINKS,
  'by',
  'nos',
  'nec',
  'without',
  'with',
  'see',
  'also',
]);

/**
 * Words a search query and the searched titles drop before matching (search-index.ts): function
 * words and the "w" of "w/". The classification's own words ("other", "unspecified") are kept:
 * a query may ask for them.
 */
export const SEARCH_STOP_WORDS: ReadonlySet<string> = new Set([
  ...ARTICLES_AND_LINKS,
  'on',
  'for',
  'by',
  'as',
  'nos',
  'w',
]);

/**
 * Words that end a noun-phrase-like chunk of a note (model-coder.ts, the phrases the linker
 * embeds when no dictionary term covered them): conjunctions, auxiliaries, pronouns,
 * prepositions of time, negation and the narrative verbs of case reports.
 */
export const PHRASE_BREAK_WORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'with',
  'without',
  'was',
  'were',
  'is',
  'are',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'which',
  'that',
  'who',
  'after',
  'before',
  'during',
  'since',
  'due',
  'but',
  'then',
  'than',
  'also',
  'presented',
  'admitted',
  'diagnosed',
  'treated',
  'underwent',
  'performed',
  'showed',
  'shows',
  'revealed',
  'observed',
  'found',
  'patient',
  'year',
  'years',
  'old',
  'months',
  'weeks',
  'days',
  'day',
  'we',
  'he',
  'she',
  'it',
  'they',
  'his',
  'her',
  'their',
  'this',
  'these',
  'the',
  'a',
  'an',
  'at',
  'on',
  'for',
  'from',
  'by',
  'to',
  'as',
  'in',
  'no',
  'not',
  'there',
  'case',
]);

/**
 * Words left out when comparing the titles of a code's family for a more specific code
 * (specific-code.ts): function words, the classification's filler and the 7th-character
 * encounter words.
 */
export const TITLE_COMPARISON_NOISE: ReadonlySet<string> = new Set([
  ...ARTICLES_AND_LINKS,
  'with',
  'without',
  'nos',
  'other',
  'unspecified',
  'site',
  'part',
  'initial',
  'subsequent',
  'sequela',
  'encounter',
]);

/**
 * Words the linker's featurizer drops before hashing a text (src/model/featurize-text.ts), in
 * the order training writes them into the model's config. A trained model carries its own copy
 * (models/linker.json `featurizer.stopWords`) and runs with that one: an edit here reaches the
 * model only when it is retrained.
 */
export const LINKER_STOP_WORDS: readonly string[] = [
  'of',
  'the',
  'and',
  'in',
  'a',
  'an',
  'to',
  'or',
  'by',
  'for',
  'on',
  'as',
  'at',
  'from',
  'is',
  'was',
  ...CLASSIFICATION_FILLER,
  'not',
  'than',
  'into',
  'involving',
  'his',
  'her',
  'their',
  'with',
  'without',
  'which',
  'that',
  'this',
  'be',
  'were',
  'has',
  'had',
];

/**
 * Words the benchmark's naive lexical baseline (build/bench-naive-baseline.ts) leaves out of a
 * title: a fixed list, so that the baseline's figures stay comparable across releases.
 */
export const NAIVE_BASELINE_STOP_WORDS: ReadonlySet<string> = new Set([
  ...ARTICLES_AND_LINKS,
  'by',
  'for',
  'on',
  'as',
  'at',
  'with',
  'nos',
  'unspecified',
  'other',
  'specified',
  'site',
]);

/**
 * Words left out when asking whether one code's title says nothing another's does not
 * (tabular-pairs.ts, Excludes1 between a vague and a fuller statement): the links of a title
 * and part of the classification's filler; "a", "an" and "specified" still count as words.
 */
export const TITLE_CONTAINMENT_LINKS: ReadonlySet<string> = new Set([
  'of',
  'the',
  'and',
  'or',
  'with',
  'without',
  'in',
  'to',
  'due',
  'unspecified',
  'nos',
  'other',
  'site',
  'not',
  'elsewhere',
  'classified',
]);
