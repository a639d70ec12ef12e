/**
 * Complications of surgical and medical care (ICD-10-CM T80-T88, Guidelines I.B.16, I.C.19):
 * where the note ties a condition to a device or procedure (complication-statements.ts), the
 * Alphabetic Index's "Complication(s)" entry codes it ("Complication, joint prosthesis,
 * infection, hip" T84.5-, completed to the side written and 7th character A, active treatment).
 * The complication code is sequenced before the condition it caused; what the same words said
 * without the device (an injury's dislocation of the hip, a venous thrombosis, arthritis) gives
 * way to it, and so does the status code of the same device; the infection and organism codes
 * the Tabular's "use additional code" notes ask for stay beside it.
 */
import type { Ontology } from '../ontology/ontology.js';
import { toDotless, toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import {
  findComplicationStatements,
  findSurgicalSiteInfections,
  type ComplicationStatement,
} from './complication-statements.js';
import { resolveCode } from './resolve-code.js';
import {
  addNote,
  codeIn,
  recode,
  ruleSuggestion,
  sentenceIndexAt,
  span,
  spansOverlap,
  type RuleDocument,
} from './rule-text.js';

/** A complication found: its code, the Index path that gave it, and the words. */
interface Complication {
  code: string;
  path: string;
  evidence: EvidenceSpan;
  infection: boolean;
}

/** Codes that name the infection or its organism: the "use additional code" of an infection. */
const INFECTION_CODES =
  /^B9[5-7]|^N390|^L0[23]|^A4[01]|^R652|^J1[2-8]|^N1[0-2]|^N30|^K65|^M86|^R7881/;
/** Status codes that the complication code includes (Guidelines I.C.21.c.3). */
const DEVICE_STATUS = /^Z9[3-7]/;

export function applyComplicationsOfCare(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  const found = [...deviceComplications(onto, doc), ...surgicalSiteInfections(onto, doc)];
  for (const c of found) {
    const overlapping = codes.filter((s) => s.evidence.some((e) => spansOverlap(e, c.evidence)));
    // What the dictionary already coded as a complication of care stands (CLABSI T80.211A).
    const coded = overlapping.find((s) => codeIn(s.code, /^T8[0-8]|^K94|^J95|^N99\.5/));
    const added =
      coded ??
      ruleSuggestion(onto, c.code, [c.evidence], 'present', 0.9, [
        {
          rule: 'complication-of-care',
          message: `"${c.evidence.text}" ties the condition to the care (Guidelines I.B.16): ${c.code}, Index: ${c.path}.`,
        },
      ]);
    const inSentence = (x: CodeSuggestion): boolean =>
      x.evidence.some((e) => saidTogether(doc, c.evidence, e));
    if (c.infection)
      for (const s of codes.filter((x) => codeIn(x.code, /^A49/) && inSentence(x)))
        if (!organismNamedElsewhere(s, codes)) organismAsCause(onto, s);
    const givesWay = (x: CodeSuggestion): boolean =>
      overlapping.includes(x) ||
      (woundOfTheSite(x, c) && inSentence(x)) ||
      statusOfTheDevice(x, added);
    if (!coded) for (const s of codes.filter(givesWay)) giveWay(s, added, c, codes, removed);
    if (c.infection)
      for (const s of codes.filter((x) => codeIn(x.code, INFECTION_CODES) && inSentence(x)))
        addNote(s, {
          rule: 'code-first',
          message: `Code first ${added.code}, the complication of care that caused it (Guidelines I.B.16).`,
          codes: [added.code],
        });
    if (!coded) codes.push(added);
  }
  ventilatorPneumoniaOrganism(onto, doc, codes, removed);
}

/**
 * A code of the complication's own words gives way to it (S73.005A for "dislocation of left hip
 * prosthesis"), unless it names the infection or organism; those are sequenced after it.
 */
function giveWay(
  s: CodeSuggestion,
  added: CodeSuggestion,
  c: Complication,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  const inside = s.evidence.every((e) => spansOverlap(e, c.evidence));
  if (c.infection && codeIn(s.code, INFECTION_CODES)) return;
  if (!inside && !codeIn(s.code, DEVICE_STATUS) && !woundOfTheSite(s, c)) return;
  addNote(s, {
    rule: 'complication-of-care',
    message: `${added.code} codes these words as a complication of care.`,
    codes: [added.code],
  });
  codes.splice(codes.indexOf(s), 1);
  removed.push(s);
}

/**
 * "Due to MSSA" beside an infection the complication code places (at the device): the organism
 * "as the cause of diseases classified elsewhere" (B95.61), not an infection of unspecified site
 * (A49.01). Read from the titles, else from the Index ("Infection, Klebsiella, as cause of
 * disease classified elsewhere" B96.1).
 */
function organismAsCause(onto: Ontology, s: CodeSuggestion): boolean {
  const byIndex = s.evidence
    .flatMap((e) => e.text.match(/[A-Za-z]{4,}/g) ?? [])
    .map((w) => indexCode(onto, `Infection, ${w}, as cause of disease classified elsewhere`))
    .find(Boolean);
  const code = organismByTitle(onto, s.title) ?? (byIndex && toDotted(byIndex));
  if (!code || !onto.isBillable(code)) return false;
  recode(
    onto,
    s,
    code,
    `The complication code names where the infection is: the organism as its cause, ${code}.`,
  );
  return true;
}

/**
 * "Sepsis due to MSSA" (A41.01) names the organism an "MSSA infection, unspecified site" (A49.01)
 * would: the A49 code is left to the rules that drop it, and no B95 code is added beside it.
 */
function organismNamedElsewhere(s: CodeSuggestion, codes: readonly CodeSuggestion[]): boolean {
  const organism = s.title
    .replace(/,? (?:of )?unspecified site$/i, '')
    .replace(/ infections?$/i, '')
    .toLowerCase();
  return codes.some((c) => c !== s && c.title.toLowerCase().includes(organism));
}

const AS_CAUSE = ' as the cause of diseases classified elsewhere';

/**
 * The B95-B96 code of the organism a title names ("Pneumonia due to Pseudomonas" → B96.5, "MSSA
 * infection, unspecified site" → B95.61): the title that starts with it, else its unspecified form.
 */
function organismByTitle(onto: Ontology, title: string): string | undefined {
  const organism = title
    .replace(/,? (?:of )?unspecified site$/i, '')
    .replace(/^.*\bdue to /i, '')
    .replace(/ infections?$/i, '')
    .toLowerCase();
  const causes = ['B95', 'B96']
    .flatMap((c) => onto.billableDescendants(c))
    .map((c) => ({ c, t: (onto.title(c) ?? '').toLowerCase() }))
    .filter((x) => x.t.endsWith(AS_CAUSE));
  return (
    causes.find((x) => x.t.startsWith(organism)) ??
    causes.find((x) => x.t.startsWith(`unspecified ${organism}`))
  )?.c;
}

/**
 * Ventilator associated pneumonia (J95.851, "use additional code to identify the organism
 * (B95.-, B96.-, B97.-)"): a pneumonia by organism in its sentence ("VAP due to Pseudomonas",
 * J15.1) is that organism as the cause (B96.5); one of unspecified organism (J18.9) says less.
 */
function ventilatorPneumoniaOrganism(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  const vap = codes.find((c) => c.code === 'J95.851' && c.assertion === 'present');
  if (!vap) return;
  const inSentence = (c: CodeSuggestion): boolean =>
    c.assertion === 'present' &&
    c.evidence.every((e) => vap.evidence.some((v) => saidTogether(doc, v, e)));
  for (const s of codes.filter((c) => codeIn(c.code, /^J1[2-8]|^B9[5-7]/) && inSentence(c))) {
    if (codeIn(s.code, /^B9[5-7]/) || (!codeIn(s.code, /^J18/) && organismAsCause(onto, s))) {
      addNote(s, {
        rule: 'code-first',
        message: 'Code first J95.851, the pneumonia this organism caused.',
        codes: ['J95.851'],
      });
      addNote(s, {
        rule: 'use-additional',
        message: 'J95.851 asks for the organism.',
        codes: ['J95.851'],
      });
      continue;
    }
    addNote(s, {
      rule: 'specificity',
      message: 'J95.851 codes this pneumonia.',
      codes: ['J95.851'],
    });
    codes.splice(codes.indexOf(s), 1);
    removed.push(s);
  }
}

const STATUS_WORDS = new Set(['presence', 'of', 'status', 'artificial', 'joint', 'unspecified']);

/**
 * The status code of the device the complication names, wherever written ("PSH: R TKA" beside
 * "infected right TKA"): Z96.651 "Presence of right artificial knee joint" says nothing T84.53XA
 * does not (Guidelines I.C.21.c.3).
 */
function statusOfTheDevice(s: CodeSuggestion, added: CodeSuggestion): boolean {
  if (!codeIn(s.code, DEVICE_STATUS)) return false;
  const words = s.title.toLowerCase().match(/[a-z]+/g) ?? [];
  const own = new Set(added.title.toLowerCase().match(/[a-z]+/g));
  const told = words.filter((w) => !STATUS_WORDS.has(w));
  return told.length > 0 && told.every((w) => own.has(w));
}

/** An unspecified injury read from "wound" in a surgical site infection's sentence (T14.8). */
function woundOfTheSite(s: CodeSuggestion, c: Complication): boolean {
  return (
    /^T81\.4/.test(c.code) &&
    codeIn(s.code, /^T14/) &&
    s.evidence.every((e) => /\b(?:wound|incision)\b/i.test(e.text))
  );
}

/**
 * Two spans of one statement: the same sentence, or the same line close by (a sentence split
 * after the "E." of "E. coli" leaves the organism in a sentence of its own).
 */
function saidTogether(doc: RuleDocument, a: EvidenceSpan, b: EvidenceSpan): boolean {
  if (sentenceIndexAt(doc, a.start) === sentenceIndexAt(doc, b.start)) return true;
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  const between = doc.text.slice(first.end, second.start);
  return between.length <= 60 && !between.includes('\n');
}

function deviceComplications(onto: Ontology, doc: RuleDocument): Complication[] {
  const out: Complication[] = [];
  for (const st of findComplicationStatements(doc)) {
    const hit = indexCodeFor(onto, st);
    if (!hit) continue;
    const code = completeCode(onto, hit.code, st.site, st.side);
    if (!code || out.some((o) => o.code === code)) continue;
    out.push({
      code,
      path: hit.path,
      evidence: span(doc.text, st.start, st.end),
      infection: st.kinds[0]!.name === 'infection',
    });
  }
  return out;
}

function surgicalSiteInfections(onto: Ontology, doc: RuleDocument): Complication[] {
  const out: Complication[] = [];
  for (const ssi of findSurgicalSiteInfections(doc)) {
    const path = `Infection, postoperative wound${ssi.depth ? `, surgical site, ${ssi.depth}` : ''}`;
    const raw = indexCode(onto, path);
    const code = raw && completeCode(onto, raw);
    if (!code || out.some((o) => o.code === code)) continue;
    out.push({ code, path, evidence: span(doc.text, ssi.start, ssi.end), infection: true });
  }
  return out;
}

/**
 * The Index code of a statement: "Complication, <device>, <kind>[, <site>]", the first kind
 * and path that resolve, the site's subterm where the Index has one.
 */
function indexCodeFor(
  onto: Ontology,
  st: ComplicationStatement,
): { code: string; path: string } | undefined {
  for (const kind of st.kinds) {
    const paths = kind.paths.map((sub) => `Complication, ${st.device}, ${sub}`);
    if (kind.own?.device === st.device) paths.unshift(kind.own.path);
    if (kind.name === 'infection' && st.infection) paths.unshift(st.infection);
    for (const base of paths)
      for (const path of [...st.sitePaths.map((site) => `${base}, ${site}`), base]) {
        const code = indexCode(onto, path);
        if (code) return { code, path };
      }
  }
  return undefined;
}

/** Index path → code, following a "see" reference; cached per ontology. */
const indexCache = new WeakMap<Ontology, Map<string, string | undefined>>();

function indexCode(onto: Ontology, path: string): string | undefined {
  let cache = indexCache.get(onto);
  if (!cache) indexCache.set(onto, (cache = new Map()));
  if (cache.has(path)) return cache.get(path);
  let code: string | undefined;
  let row = onto.resolveIndexReference(path);
  for (let hops = 0; row !== undefined && hops < 3 && !code; hops++) {
    const e = onto.indexEntry(row);
    code = e?.code || undefined;
    row = e?.see ? onto.resolveIndexReference(e.see) : undefined;
  }
  cache.set(path, code);
  return code;
}

const SITES =
  /\b(?:hip|knee|shoulder|elbow|ankle|wrist|finger|toe|humerus|radius|ulna|femur|tibia|fibula)\b/i;

/**
 * Completes an Index code ("T84.5-") to the child whose title names the site and side written
 * (T84.51 "… right hip prosthesis"), else the classification's default, then the 7th character
 * of an initial encounter (I.C.19.a: A while the patient receives active treatment).
 */
function completeCode(
  onto: Ontology,
  raw: string,
  site?: string,
  side?: 'right' | 'left',
): string | undefined {
  let base = toDotless(raw.replace(/-+$/, ''));
  // The Index's default at the kind ("infection or inflammation T84.50", unspecified joint) where
  // the note names a joint the Index lists no subterm for: choose among its siblings.
  const parent = onto.parent(base);
  if (site && parent && /\bunspecified\b/i.test(onto.title(base) ?? '')) base = toDotless(parent);
  let best = base;
  if ((site || side) && !onto.isBillable(base)) {
    const kids = onto.children(base).filter((k) => toDotless(k).length < 7);
    const listed = site !== undefined && kids.some((k) => onto.title(k)?.includes(site));
    const scored = kids
      .map((k) => ({ k, score: fit(onto.title(k) ?? '', site, side, listed) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score);
    if (scored[0]) best = toDotless(scored[0].k);
  }
  return resolveCode(onto, toDotted(best), 'initial')?.code;
}

/** How well a child's title fits the site and side written; 0 where it says another. */
function fit(title: string, site?: string, side?: 'right' | 'left', listed = true): number {
  const t = title.toLowerCase();
  const otherSide = side === 'right' ? /\bleft\b/ : /\bright\b/;
  const titleSite = SITES.exec(t)?.[0];
  if (side ? otherSide.test(t) : /\b(?:right|left)\b/.test(t)) return 0;
  if (site && titleSite && titleSite !== site) return 0;
  // A site no child names is an "other" joint, not an unspecified one (a shoulder: T84.59).
  const other = !listed && !titleSite && /\bother\b/.test(t) ? 0.5 : 0;
  return 1 + other + (site && titleSite === site ? 2 : 0) + (side && t.includes(side) ? 2 : 0);
}
