/**
 * Turns the upstream trigger files into flat {@link ContextRule}s. Pure string/JSON in, rules
 * out; the build tool (build/pack-lexicons.ts) reads the files and stores the result in the
 * lexicon pack, so nothing here ships the data itself.
 */
import type { ContextCategory, ContextRule, ContextRuleDirection } from './context-rule.js';

/** Which genConText/NegEx list a trigger file is. */
export type NegexListKind = 'negex' | 'history' | 'hypothetical' | 'experiencer';

const MEDSPACY_CATEGORY: Readonly<Record<string, ContextCategory>> = {
  NEGATED_EXISTENCE: 'negated',
  POSSIBLE_EXISTENCE: 'possible',
  HYPOTHETICAL: 'hypothetical',
  HISTORICAL: 'historical',
  FAMILY: 'family',
};

const MAX_EXPANSIONS = 5000;

interface MedspacyTokenSpec {
  LOWER?: string | { IN?: string[] };
  OP?: string;
}

/** Joins phrase tokens the way text is written ("did" + "n't" → "didn't", "mother" + "'s"). */
function joinTokens(tokens: readonly string[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.length === 0) continue;
    if (out.length === 0 || t.startsWith("'") || t === "n't") out += t;
    else out += ` ${t}`;
  }
  return out;
}

/**
 * Expands medspaCy's `context_rules.json` (`{"context_rules": [...]}`) into flat phrase rules:
 * each token pattern's `IN` lists and optional (`OP: "?"`) tokens become separate phrases.
 * A rule without a pattern contributes its literal.
 */
export function expandMedspacyContextRules(json: unknown): ContextRule[] {
  const list = (json as { context_rules?: unknown }).context_rules;
  if (!Array.isArray(list)) {
    throw new Error(
      'medspaCy context rules: expected {"context_rules": [...]}, got no context_rules array.',
    );
  }
  const rules: ContextRule[] = [];
  for (const raw of list as Record<string, unknown>[]) {
    const literal = String(raw['literal'] ?? '').trim();
    const cat = MEDSPACY_CATEGORY[String(raw['category'])];
    const dir = String(raw['direction'] ?? '').toUpperCase();
    if (cat === undefined || literal === '') continue;
    let direction: ContextRuleDirection;
    let category: ContextCategory | null = cat;
    if (dir === 'FORWARD') direction = 'forward';
    else if (dir === 'BACKWARD') direction = 'backward';
    else if (dir === 'BIDIRECTIONAL') direction = 'bidirectional';
    else if (dir === 'TERMINATE') {
      direction = 'terminate';
      category = null; // medspaCy's TERMINATE closes every modifier's scope
    } else if (dir === 'PSEUDO') {
      direction = 'pseudo';
      category = null;
    } else continue;
    const pattern = raw['pattern'];
    let phrases: string[];
    if (!Array.isArray(pattern)) {
      phrases = [literal.toLowerCase()];
    } else {
      let acc: string[][] = [[]];
      for (const spec of pattern as MedspacyTokenSpec[]) {
        const lower = spec.LOWER;
        let options: string[];
        if (typeof lower === 'string') options = [lower];
        else if (lower !== undefined && Array.isArray(lower.IN)) options = lower.IN.map(String);
        else options = [];
        if (options.length === 0) continue;
        if (spec.OP === '?' || spec.OP === '*') options = [...options, ''];
        const next: string[][] = [];
        for (const prefix of acc) {
          for (const o of options) {
            next.push(o === '' ? prefix : [...prefix, o.toLowerCase()]);
            if (next.length > MAX_EXPANSIONS) break;
          }
        }
        acc = next;
      }
      phrases = acc.map(joinTokens).filter((p) => p.length > 0);
    }
    for (const phrase of new Set(phrases))
      rules.push({ phrase, category, direction, source: 'medspacy' });
  }
  return rules;
}

/**
 * Parses a NegEx / genConText trigger list (`phrase<TAB><TAB>[TAG]`, CRLF or LF).
 * Tags: PREN/POST definite (forward/backward), PREP/POSP possible, PSEU pseudo, CONJ
 * terminator; in the history list PREN and ONEW are historical triggers, in the
 * hypothetical and experiencer lists PREN are hypothetical and family triggers.
 */
export function parseNegexTriggers(text: string, kind: NegexListKind): ContextRule[] {
  const rules: ContextRule[] = [];
  const source = kind === 'negex' ? 'negex' : `negex-${kind}`;
  const own: ContextCategory =
    kind === 'negex'
      ? 'negated'
      : kind === 'history'
        ? 'historical'
        : kind === 'hypothetical'
          ? 'hypothetical'
          : 'family';
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const m = /^(.*?)\t+\[([A-Z]+)\]\s*$/.exec(line);
    if (m === null) continue;
    const phrase = (m[1] as string).trim().toLowerCase();
    const tag = m[2] as string;
    if (phrase === '') continue;
    switch (tag) {
      case 'PREN':
      case 'ONEW':
        rules.push({ phrase, category: own, direction: 'forward', source });
        break;
      case 'POST':
        rules.push({ phrase, category: own, direction: 'backward', source });
        break;
      case 'PREP':
        rules.push({ phrase, category: 'possible', direction: 'forward', source });
        break;
      case 'POSP':
        rules.push({ phrase, category: 'possible', direction: 'backward', source });
        break;
      case 'PSEU':
        rules.push({ phrase, category: null, direction: 'pseudo', source });
        break;
      case 'CONJ':
        rules.push({ phrase, category: own, direction: 'terminate', source });
        if (kind === 'negex')
          rules.push({ phrase, category: 'possible', direction: 'terminate', source });
        break;
      default:
        break;
    }
  }
  return rules;
}
