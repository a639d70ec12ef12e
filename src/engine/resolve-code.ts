import type { Ontology } from '../ontology/ontology.js';
import { toDotless, toDotted } from '../ontology/fold-text.js';
import type { RuleNote } from './coding-types.js';

/** Encounter cues in the note that choose the 7th character of injury codes. */
export type EncounterCue = 'initial' | 'subsequent' | 'sequela';

export interface ResolvedCode {
  /** Dotted, billable when the classification allows. */
  code: string;
  notes: RuleNote[];
}

/** The 7th-character definition that applies to a dotless code, with the code it sits on. */
export function seventhCharacterOf(
  onto: Ontology,
  code: string,
): { chars: Record<string, string>; from: string } | undefined {
  const defs = onto.pack.sevenChr;
  for (let len = Math.min(code.length, 6); len >= 3; len--) {
    const c = code.slice(0, len).replace(/X+$/, '');
    const def = defs[c];
    if (def) return { chars: def.chars, from: c };
  }
  return undefined;
}

const UNSPECIFIED = /\bunspecified\b|\bnot specified\b/i;
const WITHOUT_COMPLICATIONS = /\bwithout complications?\b/i;
const ONLY_WITHOUT = /^(?!.*\bwith\b(?!out)).*\bwithout\b|\buncomplicated\b/i;
const SIDED = /\b(?:right|left|bilateral)\b/i;
const WITH_UNSPECIFIED_COMPLICATIONS = /\bwith unspecified complications?\b/i;

/**
 * Turns an Index or dictionary code into a reportable code: completes an incomplete code
 * ("I13.1-", a header) with its unspecified child, and adds the 7th character (with X
 * placeholders) where the category requires one. Every step is recorded as a rule note.
 */
export function resolveCode(
  onto: Ontology,
  rawCode: string,
  cue: EncounterCue = 'initial',
  keepHeader?: (dotless: string) => boolean,
): ResolvedCode | undefined {
  let code = toDotless(rawCode.replace(/-$/, ''));
  const notes: RuleNote[] = [];
  if (!onto.has(code)) {
    // Codes deleted since the Index was printed: fall back to the nearest existing parent.
    let c = code;
    while (c.length > 3 && !onto.has(c)) c = c.slice(0, -1);
    if (!onto.has(c)) return undefined;
    code = c;
  }
  for (let guard = 0; guard < 6 && !onto.isBillable(code) && !keepHeader?.(code); guard++) {
    const kids = onto.children(code).map(toDotless);
    if (!kids.length) {
      const seventh = seventhCharacterOf(onto, code);
      if (!seventh) break;
      const ch = pickSeventh(seventh.chars, cue);
      const full = code.padEnd(6, 'X') + ch;
      if (!onto.has(full)) break;
      notes.push({
        rule: 'seventh-character',
        message: `7th character "${ch}" (${seventh.chars[ch]}) added${code.length < 6 ? ' with X placeholders' : ''}; confirm the encounter.`,
      });
      code = full;
      break;
    }
    const pick =
      // A bare diagnosis is coded without complications (Index: "Diabetes, type 2 E11.9"), not
      // "with unspecified complications".
      kids.find((k) => WITHOUT_COMPLICATIONS.test(onto.title(k) ?? '')) ??
      // The Tabular's default is "without" what the note does not document ("Dementia, mild"
      // is F03.A0, "without behavioral disturbance"; "Alcoholic cirrhosis" is K70.30).
      kids.find((k) => ONLY_WITHOUT.test(onto.title(k) ?? '')) ??
      // Unspecified in every respect: "unspecified ligament of unspecified ankle" (S93.409), not
      // the right ankle's "unspecified ligament" (S93.401), when the note gives no side.
      kids.find(
        (k) =>
          UNSPECIFIED.test(onto.title(k) ?? '') &&
          !/\bother\b/i.test(onto.title(k) ?? '') &&
          !SIDED.test(onto.title(k) ?? '') &&
          !WITH_UNSPECIFIED_COMPLICATIONS.test(onto.title(k) ?? ''),
      ) ??
      // "Other specified disorders of bone density and structure, unspecified site" (M85.80)
      // is the site-unspecified child of "Osteopenia M85.8-", not its "multiple sites" M85.89.
      kids.find((k) => /\bunspecified site\b/i.test(onto.title(k) ?? '')) ??
      kids.find((k) => k.endsWith('9')) ??
      kids.find((k) => UNSPECIFIED.test(onto.title(k) ?? '')) ??
      kids[0]!;
    if (kids.length > 1) {
      notes.push({
        rule: 'unspecified',
        message: `${toDotted(code)} needs more characters; ${toDotted(pick)} chosen. The note may support a more specific code.`,
        codes: kids.slice(0, 12).map(toDotted),
      });
    }
    code = pick;
  }
  return { code: toDotted(code), notes };
}

function pickSeventh(chars: Record<string, string>, cue: EncounterCue): string {
  const keys = Object.keys(chars);
  const want = cue === 'sequela' ? /sequela/ : cue === 'subsequent' ? /subsequent/ : /initial/;
  return keys.find((k) => want.test(chars[k]!)) ?? keys[0]!;
}
