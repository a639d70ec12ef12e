/**
 * Where a note says that a device, implant or procedure caused a condition (Guidelines I.B.16:
 * a complication of care needs a cause-and-effect relationship documented, not two things
 * written side by side): "infected right THA", "dislocation of left hip prosthesis", "AV
 * fistula - thrombosed", "PEG tube site infection", and the abbreviations that say both at once
 * (PJI, CAUTI, SSI). Each statement names the device by its subterm under the Alphabetic
 * Index's "Complication(s)" and the kinds of complication by their subterms below it; the
 * Index turns them into codes (complications-of-care.ts).
 */
import { negatedInClauseBefore } from '../context/clause-negation.js';
import { sectionAt, type RuleDocument } from './rule-text.js';

export interface ComplicationStatement {
  /** Index subterms under "Complication(s)" naming the device ("joint prosthesis"). */
  device: string;
  /** Kinds of complication, most specific first, each a list of Index subterm paths. */
  kinds: readonly ComplicationKind[];
  /** Joint or bone the note names ("hip", "femur"), for the code's site. */
  site?: string;
  /** Where the site sits below the kind in the Index, most specific first ("leg, femur"). */
  sitePaths: readonly string[];
  side?: 'right' | 'left';
  /** Where the Index codes the device's infection, when not under "Complication(s)". */
  infection?: string;
  start: number;
  end: number;
}

export interface ComplicationKind {
  name: string;
  /** Subterm paths below the device, tried in order ("mechanical, loosening"). */
  paths: readonly string[];
  /** An Index path of its own, for the only device it applies to (a periprosthetic fracture). */
  own?: { device: string; path: string };
}

interface DeviceWords {
  device: string;
  re: RegExp;
  infection?: string;
}

/** A central venous catheter's infection: "Infection, due to or resulting from, ...". */
const CENTRAL_LINE_INFECTION = 'Infection, due to or resulting from, central venous catheter';

const JOINT = 'hip|knee|shoulder|elbow|ankle|wrist';
const JOINT_WORD = new RegExp(`\\b(${JOINT})\\b`, 'i');
const ABBREVIATED_JOINT: Record<string, string> = { H: 'hip', K: 'knee', S: 'shoulder' };

/** Device words → the device's subterm under "Complication(s)". */
const DEVICES: readonly DeviceWords[] = [
  {
    device: 'joint prosthesis',
    re: new RegExp(
      `\\b(?:(?:total|partial|reverse|unicompartmental)\\s+)?(?:${JOINT})\\s+(?:joint\\s+)?(?:hemi)?(?:arthroplasty|prosthes[ie]s|replacement|implant)\\b|\\b(?:prosthetic|artificial)\\s+(?:${JOINT})(?:\\s+joint)?\\b`,
      'gi',
    ),
  },
  { device: 'joint prosthesis', re: /\b[RL]?r?T[HKS][AR]s?\b/g },
  {
    device: 'joint prosthesis',
    re: /\b(?:joint\s+prosthes[ie]s|prosthetic\s+joint|(?:hemi)?arthroplasty)\b/gi,
  },
  {
    device: 'fixation device',
    re: /\b(?:(?:orthopedic\s+)?hardware|ORIF|internal\s+fixation(?:\s+device)?|(?:IM|intramedullary)\s+(?:nail|rod)|fixation\s+(?:plate|screws?|rod)|plate)\b/gi,
  },
  {
    device: 'extremity artery',
    re: /\b(?:fem(?:oral)?[- ]?pop(?:liteal)?|fem-fem|femoro-?popliteal|femoral|extremity|peripheral|(?:aorto)?bifemoral)\s+(?:artery\s+)?(?:bypass\s+)?graft\b|\bfem-?pop\s+bypass\b/gi,
  },
  {
    device: 'coronary artery',
    re: /\b(?:CABG|coronary\s+(?:artery\s+)?bypass|saphenous\s+vein|SVG|LIMA)\s+graft\b|\bSVG\b/gi,
  },
  {
    device: 'cardiac, device, implant or graft',
    re: /\b(?:coronary(?:\s+artery)?|LAD|RCA|LCx|circumflex|drug[- ]eluting|DES|BMS)\s+stents?\b/gi,
  },
  {
    device: 'prosthetic device or implant',
    re: /\b(?:(?:hernia|surgical|abdominal(?:\s+wall)?)\s+)?mesh\b/gi,
  },
  { device: 'stent, ureteral indwelling', re: /\b(?:ureteral|double[- ]J|DJ)\s+stent\b/gi },
  { device: 'arteriovenous, fistula', re: /\bAVF\b|\b(?:AV|A-V|A\/V|arteriovenous)\s*fistula\b/gi },
  {
    device: 'arteriovenous, shunt',
    re: /\bAVG\b|\b(?:AV|A-V|A\/V|arteriovenous)\s*(?:graft|shunt)\b/gi,
  },
  {
    device: 'catheter, intraperitoneal dialysis',
    re: /\b(?:PD|peritoneal\s+dialysis)\s+(?:catheter|cath)\b/gi,
  },
  {
    device: 'catheter, dialysis',
    re: /\b(?:(?:tunnel+ed\s+)?(?:hemo)?dialysis|HD)\s+(?:catheter|cath|line)\b|\bperm-?cath\b/gi,
  },
  {
    device: 'catheter, urethral, indwelling',
    re: /\bfoley(?:\s+catheter)?\b|\b(?:indwelling\s+)?(?:urinary|urethral|bladder)\s+catheter\b/gi,
  },
  {
    device: 'catheter, cystostomy',
    re: /\b(?:suprapubic|cystostomy)\s+(?:catheter|cath|tube)\b/gi,
  },
  { device: 'gastrostomy', re: /\bPEG(?:\s+tube)?\b|\b(?:G-?tube|gastrostomy(?:\s+tube)?)\b/gi },
  { device: 'colostomy', re: /\bcolostomy\b/gi },
  { device: 'enterostomy', re: /\b(?:ileostomy|jejunostomy|enterostomy)\b/gi },
  { device: 'tracheostomy', re: /\btracheostomy(?:\s+tube)?\b|\btrach\b/gi },
  {
    device: 'ventricular',
    re: /\b(?:VP|V-P|ventriculoperitoneal|ventriculoatrial|ventricular)\s+shunt\b/gi,
  },
  { device: 'breast implant', re: /\bbreast\s+(?:implant|prosthesis)\b/gi },
  {
    device: 'cardiovascular device, graft or implant, electronic, electrode',
    re: /\b(?:pacemaker|PPM|AICD|ICD|defibrillator)\s+leads?\b/gi,
  },
  {
    device: 'cardiovascular device, graft or implant, electronic',
    re: /\b(?:pacemaker|PPM|AICD|CIED|(?:implantable\s+cardioverter[- ])?defibrillator)\b/gi,
  },
  {
    device: 'catheter, intravenous infusion',
    re: /\b(?:central\s+(?:venous\s+)?(?:line|catheter)|CVC|PICC(?:\s+line)?|port-?a-?cath|mediport|(?:chemo|implanted)\s+port|Hickman(?:\s+catheter)?|triple[- ]lumen(?:\s+catheter)?)\b/gi,
    infection: CENTRAL_LINE_INFECTION,
  },
];

/** The kinds of complication, most specific first: a thrombosed AVF that "malfunctions" is a thrombosis. */
const KINDS: readonly (ComplicationKind & { re: RegExp })[] = [
  {
    name: 'periprosthetic fracture',
    re: /\bperiprosthetic\s+(?:\w+\s+){0,2}fractures?\b|\bfractures?\s+(?:of\s+(?:the\s+)?\w+\s+)?around\b/gi,
    paths: [],
    own: {
      device: 'joint prosthesis',
      path: 'Fracture, pathological, periprosthetic',
    },
  },
  {
    name: 'infection',
    re: /\b(?:infect(?:ed|ion|ions)|cellulitis|abscess|purulen(?:t|ce)|UTI|bacteremia)\b/gi,
    paths: ['infection'],
  },
  {
    name: 'thrombosis',
    re: /\b(?:thromb(?:osis|osed|us|otic)|clotted|clot)\b/gi,
    paths: ['thrombosis'],
  },
  { name: 'stenosis', re: /\bsteno(?:sis|sed|tic)\b/gi, paths: ['stenosis'] },
  {
    name: 'dislocation',
    re: /\b(?:dislocat(?:ion|ed)|sublux(?:ation|ed))\b/gi,
    paths: ['dislocation', 'mechanical, dislocation', 'mechanical, displacement', 'displacement'],
  },
  {
    name: 'loosening',
    re: /\b(?:loosening|loose)\b/gi,
    paths: ['mechanical, loosening', 'loosening'],
  },
  {
    name: 'displacement',
    re: /\b(?:displace(?:d|ment)|dislodge(?:d|ment)?|migrat(?:ed|ion)|malposition(?:ed)?)\b/gi,
    paths: ['mechanical, displacement', 'displacement', 'malposition', 'mechanical', 'malfunction'],
  },
  {
    name: 'obstruction',
    re: /\b(?:obstruct(?:ed|ion)|occlu(?:ded|sion)|blocked|blockage|clogged)\b/gi,
    paths: ['mechanical, obstruction', 'obstruction', 'mechanical', 'malfunction'],
  },
  {
    name: 'leakage',
    re: /\bleak(?:age|ing|s)?\b/gi,
    paths: ['mechanical, leakage', 'leakage', 'mechanical', 'malfunction'],
  },
  {
    name: 'breakdown',
    re: /\b(?:broken|breakage|fractured)\b/gi,
    paths: ['mechanical, breakdown', 'breakdown', 'breakage', 'mechanical', 'malfunction'],
  },
  {
    name: 'hemorrhage',
    re: /\b(?:bleed(?:ing)?|h(?:a)?emorrhag(?:e|ic))\b/gi,
    paths: ['hemorrhage'],
  },
  {
    name: 'malfunction',
    re: /\b(?:malfunction(?:ing)?|dysfunction(?:al|ing)?|non-?functioning|not functioning)\b/gi,
    // The Index reads a malfunction as a breakdown: "Malfunction, ventricular (shunt) T85.01".
    paths: [
      'malfunction',
      'mechanical, malfunction',
      'mechanical, breakdown',
      'breakdown',
      'mechanical',
    ],
  },
];

const INFECTION = KINDS.find((k) => k.name === 'infection')!;

/** Abbreviations and phrases that name the device and its infection at once. */
const SELF_STATEMENTS: readonly { re: RegExp; device: string }[] = [
  {
    re: /\bPJI\b|\b(?:prosthetic|periprosthetic)\s+joint\s+infection\b/gi,
    device: 'joint prosthesis',
  },
  {
    re: /\bCAUTI\b|\bcatheter[- ]associated\s+(?:urinary\s+tract\s+infection|UTI)\b/gi,
    device: 'catheter, urethral, indwelling',
  },
  {
    re: /\bCLABSI\b|\bcentral[- ]line[- ]associated\s+(?:bloodstream\s+infection|BSI|bacteremia)\b/gi,
    device: 'catheter, intravenous infusion',
  },
];

/**
 * Only words that tie the two together may stand between a device and its complication: "of",
 * "due to", a side, a dash ("AVF - thrombosed"), "site" ("PEG tube site infection"). "With",
 * "s/p", "after" say the two coexist, not that one caused the other.
 */
const LINK_WORDS = String.raw`\b(?:of|in|at|around|involving|the|a|an|his|her|their|its|from|due\s+to|related\s+to|secondary\s+to|associated|related|right|left|rt|lt|bilateral|dialysis|hemodialysis|HD|tunnel+ed|indwelling|surgical|prosthetic|total|partial|site|tube|pocket|generator|is|was|has|been|now|became)\b`;
/** Device, then what happened to it: words, and a dash or colon ("AVF - thrombosed"). */
const LINK_AFTER_DEVICE = new RegExp(`^(?:[\\s:/–-]|${LINK_WORDS})*$`, 'i');
/** What happened, then the device: words only ("infection of the left TKA"); not a list's "UTI, Foley". */
const LINK_BEFORE_DEVICE = new RegExp(`^(?:\\s|${LINK_WORDS})*$`, 'i');

/** Words before a statement that make it something else than a current complication. */
const NOT_CURRENT =
  /\b(?:h\/o|hx\s+of|history\s+of|risk\s+(?:of|for)|prevent(?:ion)?|prophyla\w*|r\/o|rule\s+out|concern\s+for|possible|suspected|questionable|evaluate\s+for|monitor\s+for)\b[^.;:\n]*$/i;

interface Found {
  start: number;
  end: number;
  text: string;
}

function findAll(text: string, re: RegExp): Found[] {
  return [...text.matchAll(re)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
}

/** Bones an internal fixation device is coded by, with the limb the Index files them under. */
const BONES: readonly [RegExp, string, string][] = [
  [/\bhumer(?:us|al)\b/i, 'humerus', 'arm'],
  [/\bradi(?:us|al)\b/i, 'radius', 'arm'],
  [/\bulnar?\b/i, 'ulna', 'arm'],
  [/\bfem(?:ur|oral)\b/i, 'femur', 'leg'],
  [/\btibial?\b/i, 'tibia', 'leg'],
  [/\bfibular?\b/i, 'fibula', 'leg'],
];

/** The joint or bone a device's words or the words around them name ("TKA" is the knee's). */
function siteOf(
  device: string,
  found: Found,
  around: string,
): Pick<ComplicationStatement, 'site' | 'sitePaths'> {
  for (const text of [found.text, around]) {
    if (device === 'fixation device') {
      if (/\b(?:spine|spinal)\b/i.test(text)) return { site: 'spine', sitePaths: ['spine'] };
      const bone = BONES.find(([re]) => re.test(text));
      if (bone) {
        const [, site, limb] = bone;
        return { site, sitePaths: [`${limb}, ${site}`, `limb, ${site}`, limb, 'limb'] };
      }
    }
    if (device !== 'joint prosthesis') continue;
    const abbr = /T([HKS])[AR]/.exec(text);
    const site = abbr ? ABBREVIATED_JOINT[abbr[1]!] : JOINT_WORD.exec(text)?.[1]?.toLowerCase();
    if (site) return { site, sitePaths: [site] };
  }
  return { sitePaths: [] };
}

function sideOf(text: string): 'right' | 'left' | undefined {
  const right = /\b(?:right|rt)\b|\bR(?=\s?(?:T[HKS][AR]|hip|knee|shoulder)\b)/i.test(text);
  const left = /\b(?:left|lt)\b|\bL(?=\s?(?:T[HKS][AR]|hip|knee|shoulder)\b)/i.test(text);
  return right === left ? undefined : right ? 'right' : 'left';
}

/** A central line's infection by its spread: "bloodstream", "localized" (exit site, tunnel). */
function withSpread(path: string, sentence: string): string {
  if (/\b(?:CLABSI|bloodstream|BSI|bacter[ae]mia|sepsis|septic)\b/i.test(sentence))
    return `${path}, bloodstream`;
  if (
    /\b(?:exit|insertion|tunnel|pocket)(?:\s+site)?\b|\bsite infection\b|\bcellulitis\b/i.test(
      sentence,
    )
  )
    return `${path}, localized`;
  return path;
}

/** The words between two spans of one sentence tie them (see {@link LINK}). */
function linked(text: string, device: Found, kind: Found): boolean {
  const deviceFirst = device.start < kind.start;
  const [first, second] = deviceFirst ? [device, kind] : [kind, device];
  if (second.start < first.end) return true;
  const gap = text.slice(first.end, second.start);
  return gap.length <= 40 && (deviceFirst ? LINK_AFTER_DEVICE : LINK_BEFORE_DEVICE).test(gap);
}

/** Every complication statement of the note, in text order. */
export function findComplicationStatements(doc: RuleDocument): ComplicationStatement[] {
  const out: ComplicationStatement[] = [];
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    out.push(
      ...statementsIn(text).map((st) => ({
        ...st,
        start: st.start + s.start,
        end: st.end + s.start,
      })),
    );
  }
  return out.filter((st) => current(doc, st.start, st.end));
}

/** Sections whose conditions are not this encounter's: past, family, ruled out. */
const NOT_THIS_ENCOUNTER = new Set([
  'family_history',
  'past_medical_history',
  'past_surgical_history',
  'ruled_out',
  'differential',
  'patient_instructions',
]);

/** Words after a statement that deny or doubt it ("infection ruled out", "PJI?"). */
const DENIED_AFTER =
  /^\s*(?:\?|(?:was|is|has been)?\s*(?:ruled out|r\/o|unlikely|excluded|not (?:seen|found|suspected|present)|negative|suspected|questionable|possible|probable|vs\.?))/i;

/** A current complication: not negated, doubted, planned against, dated in an earlier year. */
function current(doc: RuleDocument, start: number, end: number): boolean {
  const before = doc.text.slice(Math.max(0, start - 60), start);
  const after = doc.text.slice(end, end + 40);
  return (
    !NOT_THIS_ENCOUNTER.has(sectionAt(doc, start) ?? '') &&
    !negatedInClauseBefore(doc.text, start) &&
    !NOT_CURRENT.test(before) &&
    !/\b(?:not|non|never)\s+(?:\w+\s+)?$/i.test(before) &&
    !DENIED_AFTER.test(after) &&
    !datedEarlier(doc.text, after)
  );
}

/** "PJI 2019", "infected TKA (2021)" in a note whose latest year is later: a past episode. */
function datedEarlier(text: string, after: string): boolean {
  const year = /^[ ,(]{0,3}(?:in |on )?(?:\d{1,2}\/)?((?:19|20)\d{2})\b/.exec(after)?.[1];
  if (!year) return false;
  const years = (text.match(/\b(?:19|20)\d{2}\b/g) ?? []).map(Number);
  return Number(year) < Math.max(...years);
}

function statementsIn(text: string): ComplicationStatement[] {
  const out: ComplicationStatement[] = [];
  const kinds = KINDS.flatMap((k) => findAll(text, k.re).map((f) => ({ kind: k, f })));
  for (const { device, re, infection } of DEVICES) {
    for (const d of findAll(text, re)) {
      if (out.some((o) => o.start <= d.start && d.end <= o.end)) continue;
      const tied = kinds.filter((k) => linked(text, d, k.f));
      if (!tied.length) continue;
      const start = Math.min(d.start, ...tied.map((k) => k.f.start));
      const end = Math.max(d.end, ...tied.map((k) => k.f.end));
      // The site may follow in the same phrase: "broken plate of right femur".
      const tail = /^[^,;.\n]{0,30}/.exec(text.slice(end))![0];
      const around = text.slice(Math.max(0, start - 16), end) + tail;
      out.push({
        device,
        kinds: KINDS.filter((k) => tied.some((t) => t.kind === k)),
        ...siteOf(device, d, around),
        side: sideOf(around),
        infection,
        start,
        end,
      });
    }
  }
  out.push(...selfStatementsIn(text, out));
  for (const st of out) if (st.infection) st.infection = withSpread(st.infection, text);
  return out.sort((a, b) => a.start - b.start);
}

/** How deep a surgical site infection goes: the subterm under "surgical site". */
export interface SurgicalSiteInfection {
  depth?: 'superficial incisional' | 'deep incisional' | 'organ and space';
  start: number;
  end: number;
}

const SSI = [
  /\bSSI\b/g,
  /\bsurgical[- ]site\s+infection\b/gi,
  /\b(?:post-?op(?:erative)?|surgical|operative|incision(?:al)?)\s+(?:wound\s+|site\s+)?infection\b/gi,
  /\b(?:infected|infection\s+of\s+(?:the\s+)?)(?:surgical|operative|post-?op(?:erative)?)?\s*(?:incision|wound)\b/gi,
];

/**
 * Infections of the surgical site ("SSI", "surgical site infection", "infected incision", "post-op
 * wound infection"), with the depth the sentence gives (Index: Infection, postoperative wound,
 * surgical site, superficial incisional T81.41).
 */
export function findSurgicalSiteInfections(doc: RuleDocument): SurgicalSiteInfection[] {
  const out: SurgicalSiteInfection[] = [];
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    for (const re of SSI)
      for (const f of findAll(text, re)) {
        const start = s.start + f.start;
        if (
          !current(doc, start, s.start + f.end) ||
          out.some((o) => o.start <= start && start < o.end)
        )
          continue;
        if (re === SSI[0] ? !aboutAWound(text) : re !== SSI[1] && !/surg|op|incision/i.test(f.text))
          continue;
        out.push({ depth: depthIn(text), start, end: s.start + f.end });
      }
  }
  return out;
}

/** "SSI" is a surgical site infection where its sentence speaks of a wound, not of insulin. */
function aboutAWound(sentence: string): boolean {
  return (
    /\b(?:wound|incision\w*|infect\w*|erythema|drainage|purulen\w*|dehiscen\w*|cellulitis|abscess|post-?op\w*|POD\s?\d)/i.test(
      sentence,
    ) && !/\b(?:insulin|glucose|BG|FSBS|lispro|aspart|glargine|coverage|scale)\b/i.test(sentence)
  );
}

function depthIn(sentence: string): SurgicalSiteInfection['depth'] {
  if (/\bsuperficial\b/i.test(sentence)) return 'superficial incisional';
  if (/\bdeep\b/i.test(sentence)) return 'deep incisional';
  if (/\borgan[\s/-]*(?:and\s+|\/\s*)?space\b/i.test(sentence)) return 'organ and space';
  return undefined;
}

/** "PJI", "CAUTI", "CLABSI": the device and its infection in one word, the device named beside it. */
function selfStatementsIn(
  text: string,
  found: readonly ComplicationStatement[],
): ComplicationStatement[] {
  const out: ComplicationStatement[] = [];
  for (const { re, device } of SELF_STATEMENTS)
    for (const f of findAll(text, re)) {
      if ([...found, ...out].some((o) => o.start <= f.start && f.end <= o.end)) continue;
      // "PJI of right TKA": the device named beside it is the one infected.
      const named = DEVICES.filter((d) => d.device === device)
        .flatMap((d) => findAll(text, d.re))
        .filter((d) => linked(text, d, f));
      const start = Math.min(f.start, ...named.map((d) => d.start));
      const end = Math.max(f.end, ...named.map((d) => d.end));
      const around = text.slice(Math.max(0, start - 16), Math.min(text.length, end + 24));
      out.push({
        device,
        kinds: [INFECTION],
        ...siteOf(device, f, around),
        side: sideOf(around),
        infection: DEVICES.find((d) => d.device === device)?.infection,
        start,
        end,
      });
    }
  return out;
}
