/**
 * The project's own ConText rules (source "marginalia"): clinical shorthand the upstream
 * lists miss ("r/o", "h/o", "s/p", "?"), coding-minded corrections (a "resolved" condition is
 * historical, not absent; "evaluate for" is uncertain, not negated; "cannot rule out" is
 * possible), family triggers and terminators. Applied on top of the lexicon pack's rules, so
 * context works (less completely) even without a pack.
 */
import type { ContextCategory, ContextRule, ContextRuleDirection } from './context-rule.js';

/** Upstream rules the project drops (phrase, and optionally category/direction). */
export interface SuppressedRule {
  phrase: string;
  category?: ContextCategory | null;
  direction?: ContextRuleDirection;
}

/** Upstream rules replaced or removed by the curated set. */
export const SUPPRESSED_CONTEXT_RULES: readonly SuppressedRule[] = [
  // Resolved conditions are history (Z86/Z87), not absent.
  { phrase: 'resolved', category: 'negated' },
  { phrase: 'now resolved', category: 'negated' },
  { phrase: 'no longer present', category: 'negated' },
  // An evaluation or test for X says X is uncertain, not that it is absent.
  { phrase: 'evaluate for', category: 'negated' },
  { phrase: 'test for', category: 'negated' },
  { phrase: 'checked for', category: 'negated' },
  // "patient experiences chest pain" is current.
  { phrase: 'experiences', category: 'historical' },
  // "mother who had breast cancer": the relative's clause keeps the family scope.
  { phrase: 'who', category: 'family', direction: 'terminate' },
  { phrase: 'which', category: 'family', direction: 'terminate' },
  // "cognitive decline" is not a refusal.
  { phrase: 'decline', category: 'negated' },
  { phrase: 'declining', category: 'negated' },
];

const RELATIVES = [
  'mother', 'father', 'mom', 'dad', 'sister', 'brother', 'sibling', 'siblings', 'aunt', 'uncle',
  'grandmother', 'grandfather', 'grandparent', 'grandparents', 'cousin', 'son', 'daughter',
  'parent', 'parents', 'niece', 'nephew', 'twin', 'half-brother', 'half-sister', 'stepmother',
  'stepfather', 'grandma', 'grandpa', 'children', 'child', 'brothers', 'sisters', 'sons',
  'daughters', 'aunts', 'uncles', 'cousins',
];

function rules(
  category: ContextCategory | null,
  direction: ContextRuleDirection,
  phrases: readonly string[],
  maxScope?: number,
): ContextRule[] {
  return phrases.map((phrase) =>
    maxScope === undefined
      ? { phrase, category, direction, source: 'marginalia' }
      : { phrase, category, direction, maxScope, source: 'marginalia' },
  );
}

/** The curated rules. */
export const DEFAULT_CONTEXT_RULES: readonly ContextRule[] = [
  // Negation.
  ...rules('negated', 'forward', [
    'no', 'not', 'denies', 'denied', 'deny', 'denying', 'negative for', 'neg for', 'free of',
    'no evidence of', 'no evidence for', 'no sign of', 'no signs of', 'no symptoms of', 'without',
    'w/o', 'never', 'never had', 'no history of', 'no hx of', 'no h/o', 'no prior', 'no known',
    'nkda', 'absence of', 'absent', 'ruled out', 'ruled out for', 'rules out', 'is not', 'was not',
    'does not have', 'did not have', 'doesn\'t have', 'didn\'t have', 'has no', 'had no', 'with no',
    'no further', 'no acute', 'no new', 'not found', 'no complaints of',
    'denies any', 'negative', 'neg', '-ve for', '-ve',
    // A finding said not to fit is absent, not possible ("not consistent with PE").
    'not consistent with', 'not compatible with', 'not suggestive of', 'not indicative of',
    'not concerning for', 'not suspicious for', 'not diagnostic of', 'not typical of',
    'inconsistent with', 'not convincing for',
  ]),
  // "None pericardial effusion.": "none" opening a clause negates what follows.
  { phrase: 'none', category: 'negated', direction: 'forward', atClauseStart: true, source: 'marginalia' },
  ...rules('negated', 'backward', [
    'negative', 'neg', 'absent', 'not seen', 'not present', 'not identified', 'not detected',
    'not found', 'excluded', 'was excluded', 'has been excluded', 'is excluded', 'ruled out',
    'was ruled out', 'is ruled out', 'has been ruled out', 'were ruled out', 'denied', 'none',
    ': none', ': no', ': negative', 'unlikely', 'not likely', 'is unlikely', 'not suspected',
    '-ve', 'not the cause', 'was not the cause', 'is not the cause',
  ], 5),
  // Uncertainty.
  ...rules('possible', 'forward', [
    'possible', 'possibly', 'probable', 'probably', 'likely', 'most likely', 'suspected', 'suspect',
    'suspicion of', 'suspicion for', 'suspicious for', 'concern for', 'concerning for',
    'concerned for', 'questionable', 'question of', 'query', 'r/o', 'rule out', 'rule-out',
    'to rule out', 'cannot rule out', 'can not rule out', 'can\'t rule out', 'could not rule out',
    'cannot exclude', 'can not exclude', 'could not exclude', 'not ruled out', 'not excluded',
    'may have', 'might have', 'may be', 'might be', 'could be', 'presumed', 'presumptive',
    'consistent with', 'compatible with', 'suggestive of', 'suggests', 'indicative of',
    'worrisome for', 'evaluate for', 'evaluation for', 'eval for', 'test for', 'testing for',
    'checked for', 'work up for', 'workup for', 'w/u for', 'differential includes',
    'differential diagnosis includes', 'ddx', 'ddx includes', 'versus', 'vs', 'vs.', 'v.s.',
    'equivocal for', 'cannot be excluded', 'can not be excluded',
  ]),
  ...rules('possible', 'backward', [
    'suspected', 'is suspected', 'was suspected', 'not excluded', 'not ruled out',
    'cannot be ruled out', 'can not be ruled out', 'cannot be excluded', 'can not be excluded',
    'not been ruled out', 'versus', 'vs', 'vs.', 'questionable', 'is possible', 'is likely',
    'is probable', 'to be ruled out',
  ], 4),
  // "? PNA", "PNA?": resolved to forward or backward by position (see assertContext).
  { phrase: '?', category: 'possible', direction: 'bidirectional', maxScope: 3, source: 'marginalia' },
  // Hypothetical.
  ...rules('hypothetical', 'forward', [
    'if', 'in case of', 'in case', 'should', 'should she', 'should he', 'should there be',
    'return if', 'return for', 'call if', 'call for', 'prn', 'p.r.n.', 'as needed for',
    'as needed', 'watch for', 'monitor for', 'precautions', 'return precautions', 'risk of',
    'risk for', 'at risk for', 'to prevent', 'prevention of', 'preventive', 'screening for',
    'screen for', 'in the event of', 'unless', 'would', 'whether', 'warning signs of', 
    'seek care for', 
  ], 8),
  // Historical.
  ...rules('historical', 'forward', [
    'h/o', 'hx of', 'hx', 'history of', 'past history of', 'previous history of', 'prior history of',
    'remote history of', 'remote hx of', 'pmh of', 'pmhx of', 'pmh significant for', 's/p',
    'status post', 'previous', 'previously', 'prior', 'remote', 'past', 'old', 'former',
    'resolved', 'resolution of', 'healed', 'no longer', 'in the past had', 'recovered from', 
    'survivor of', 'history significant for',
  ]),
  ...rules('historical', 'backward', [
    'no longer present', 'in the past', 'years ago', 'yrs ago', 'previously', 'in remote past',
    'healed', 'in childhood', 'as a child',
  ], 5),
  // "Pneumonia in the left lower lobe, which has since resolved": the whole clause before
  // "resolved" is what resolved, up to a list comma ("headache improved, nausea resolved").
  ...[
    'resolved', 'now resolved', 'has resolved', 'have resolved', 'had resolved', 'since resolved',
    'has since resolved', 'have since resolved', 'subsequently resolved', 'completely resolved',
    'has now resolved', 'which resolved', 'that resolved',
  ].map((phrase): ContextRule => ({ phrase, category: 'historical', direction: 'backward', maxScope: 12, listBounded: true, source: 'marginalia' })),
  // Family / other experiencer.
  ...rules('family', 'forward', [
    ...RELATIVES, 'family history', 'family history of', 'fh', 'fhx', 'fh of', 'fhx of',
    'family hx', 'fam hx', 'family', 'maternal', 'paternal', 'relatives',
    'first degree relative', 'first-degree relative',
  ]),
  ...rules(
    'family',
    'backward',
    RELATIVES.flatMap((r) => [`in ${r}`, `in her ${r}`, `in his ${r}`, `in their ${r}`, `in patient's ${r}`]),
    8,
  ),
  // Terminators: every category.
  ...rules(null, 'terminate', [
    'but', 'however', 'although', 'though', 'yet', 'except', 'aside from', 'apart from',
    'other than', 'with the exception of', 'nevertheless', 'nonetheless', 'whereas', 'while',
    'instead', 'although she', 'although he',
  ]),
  // Terminators: negation and uncertainty (the patient's own positives start here).
  ...rules('negated', 'terminate', [
    'which', 'who', 'reports', 'reported', 'endorses', 'endorsed', 'complains of', 'c/o',
    'positive for', 'pos for', 'notable for', 'significant for', 'admits to', 'presents with',
    'presented with', 'now has', 'has had', 'remains', 'states', 'found to have', 'diagnosed with',
    'consistent with', 'secondary to', 'due to', 'likely', 'possible', 'and has', 'but has',
    // What something is (not) the cause of, or (not) given for, is the patient's condition:
    // "not the cause of liver disease", "not prescribed beta blockers for her hypertension".
    'cause of', 'for her', 'for his', 'for their',
  ]),
  ...rules('possible', 'terminate', [
    'which', 'who', 'reports', 'endorses', 'complains of', 'c/o', 'positive for', 'presents with',
    'diagnosed with', 'confirmed', 'secondary to', 'due to',
  ]),
  // Terminators: history (the present starts here).
  ...rules('historical', 'terminate', [
    'now', 'currently', 'current', 'presents', 'presenting', 'presented', 'today', 'admitted',
    'here for', 'comes in with', 'now with', 'now has', 
    'ongoing', 'persistent', 'this admission', 'on admission', 'who presents', 'complains',
    'reports',
  ]),
  // Terminators: family (the patient comes back into scope).
  ...rules('family', 'terminate', [
    'patient', 'pt', 'he', 'she', 'the patient', 'patient has', 'pt has', 'personal history',
    'personally', 'himself', 'herself', 'he has', 'she has', 'patient\'s', 'his own', 'her own',
    'otherwise',
  ]),
  // Terminators: hypothetical.
  ...rules('hypothetical', 'terminate', ['because', 'since', 'who', 'which', 'currently', 'today', 'now']),
  // "No change in hearing, tinnitus or vertigo": the change is what is denied for the first
  // item; the list after it is negated.
  ...['no change in', 'no changes in', 'no interval change in', 'no significant change in'].map(
    (phrase): ContextRule => ({ phrase, category: null, direction: 'pseudo', negationResumesAfterComma: true, source: 'marginalia' }),
  ),
  // Pseudo-triggers: look like triggers, are not.
  ...rules(null, 'pseudo', [
    // Imaging technique and missing data, not findings.
    'without contrast', 'with and without contrast', 'without and with contrast', 'w/o contrast',
    'w and w/o contrast', 'without iv contrast', 'without intravenous contrast', 'without oral contrast',
    'non-contrast', 'noncontrast', 'not obtainable', 'not obtained', 'not entered', 'not available',
    'not assessed', 'not examined', 'not done', 'not performed', 'not applicable', 'no specific diagnosis',
    'not recorded',
    'no increase', 'no change', 'no interval change', 'no significant change', 'no definite change',
    'not only', 'gram negative', 'gram-negative', 'not necessarily', 'without difficulty',
    'not certain if', 'not certain whether', 'no further questions', 'family practice',
    'family medicine', 'family physician', 'family doctor', 'family meeting', 'family at bedside',
    'with family', 'lives with', 'family is', 'discussed with family', 'spoke with family',
    'per family', 'history and physical', 'history of present illness', 'social history',
    'day history of', 'week history of', 'month history of', 'year history of', 'days history of',
    'weeks history of', 'months history of', 'years history of', 'hour history of',
    'hours history of', 'clinical history', 'history taking', 'poor historian', 'not clear',
    'negative pressure', 'if any', 'if needed', 'if so', 'as well as',
    'maternal age', 'no later than', 'rh negative', 'rh-negative', 'not sure', 'old female', 'old male', 'old man', 'old woman',
    'old boy', 'old girl', 'old patient', 'year old', 'yr old', 'years old', 'month old', 'week old',
    'day old', 'y.o.', 'yo', 'prior to admission', 'prior to arrival', 'past week', 'past month',
    'past year', 'past few days', 'past several days', 'past 24 hours', 'past 2 days',
    'past 3 days', 'past two days', 'past three days',
  ]),
];
