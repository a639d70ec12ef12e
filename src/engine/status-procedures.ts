/**
 * Past procedures ("s/p appendectomy", "status post CABG", a Past Surgical History list) as
 * status and acquired-absence Z codes. The Index reaches these through "Status (post)" and
 * "Absence (of), acquired" by organ, which a procedure word ("appendectomy") does not name,
 * so the common ones are curated here.
 */

export interface StatusProcedure {
  /** Where the procedure word is in the text. */
  start: number;
  end: number;
  /** Dotted status code. */
  code: string;
  procedure: string;
}

/** Procedure word pattern → status code; laterality-dependent rows pick by side. */
const PROCEDURES: readonly {
  re: RegExp;
  code: string | ((side: Side) => string);
  /** A device in place: named in a problem list, it is there now (no cue needed). */
  device?: true;
}[] = [
  // Appendectomy and cholecystectomy: an absent appendix or gallbladder rarely bears on care, and
  // coders leave them out unless the provider relates them (no status code suggested).
  { re: /\b(?:hemi)?colectomy\b/i, code: 'Z90.49' },
  { re: /\bgastrectomy\b/i, code: 'Z90.3' },
  { re: /\bsplenectomy\b/i, code: 'Z90.81' },
  { re: /\bnephrectomy\b/i, code: 'Z90.5' },
  { re: /\bprostatectomy\b/i, code: 'Z90.79' },
  { re: /\b(?:total |abdominal |vaginal )?hysterectomy\b/i, code: 'Z90.710' },
  { re: /\bthyroidectomy\b/i, code: 'E89.0' },
  // "s/p lumpectomy + XRT", "radiation therapy 2015": the history of irradiation (Z92.3).
  {
    re: /\b(?:xrt|radiation therapy|radiotherapy|irradiation|(?:whole[- ]breast |adjuvant |chest )?radiation(?! oncology| oncologist)|(?:whole[- ]breast|adjuvant|breast|pelvic|chest) rt)\b/i,
    code: 'Z92.3',
  },
  {
    re: /\bmastectomy\b/i,
    code: (s) => (s === 'bilateral' ? 'Z90.13' : s === 'left' ? 'Z90.12' : 'Z90.11'),
  },
  {
    re: /\b(?:cabg|coronary artery bypass(?: graft(?:ing)?)?|aortocoronary bypass)\b/i,
    code: 'Z95.1',
  },
  {
    re: /\b(?:pci|ptca|coronary (?:artery )?stent(?:ing|s)?|stent placement|(?:des|bms|drug-eluting stent) (?:to|in) (?:the )?(?:(?:proximal|prox|mid|distal) )?(?:lad|rca|lcx|circumflex|left main))\b/i,
    code: 'Z95.5',
  },
  // A stent beside a coronary word or an antiplatelet is a coronary stent.
  {
    re: /(?<=\b(?:clopidogrel|plavix|ticagrelor|prasugrel|dapt|lad|rca|lcx|coronary|cardiac|cad)\b[^.;]{0,40})\bstents?\b|\bstents?\b(?=[^.;]{0,40}\b(?:lad|rca|lcx|coronary)\b)/i,
    code: 'Z95.5',
  },
  { re: /\b(?:pacemaker|ppm(?: placement)?)\b/i, code: 'Z95.0', device: true },
  {
    re: /\b(?:aicd|icd(?! ?-? ?(?:9|10|code))(?: placement)?|implantable cardioverter[- ]defibrillator)\b/i,
    code: 'Z95.810',
    device: true,
  },
  { re: /\binsulin pump\b/i, code: 'Z96.41', device: true },
  { re: /\b(?:avr|mvr|tavr|tavi|(?:aortic|mitral) valve replacement)\b/i, code: 'Z95.2' },
  {
    re: /\b(?:tka|total knee (?:arthroplasty|replacement)|knee replacement)\b/i,
    code: (s) =>
      s === 'bilateral'
        ? 'Z96.653'
        : s === 'left'
          ? 'Z96.652'
          : s === 'right'
            ? 'Z96.651'
            : 'Z96.659',
  },
  {
    re: /\b(?:tha|total hip (?:arthroplasty|replacement)|hip replacement)\b/i,
    code: (s) =>
      s === 'bilateral'
        ? 'Z96.643'
        : s === 'left'
          ? 'Z96.642'
          : s === 'right'
            ? 'Z96.641'
            : 'Z96.649',
  },
  { re: /\b(?:kidney|renal) transplant(?:ation)?\b/i, code: 'Z94.0' },
  { re: /\bliver transplant(?:ation)?\b/i, code: 'Z94.4' },
  { re: /\bheart transplant(?:ation)?\b/i, code: 'Z94.1' },
  { re: /\blung transplant(?:ation)?\b/i, code: 'Z94.2' },
];

type Side = 'right' | 'left' | 'bilateral' | undefined;

const globalPatterns = new WeakMap<RegExp, RegExp>();

/** The case-insensitive global twin of a pattern, compiled once. */
function globalPattern(re: RegExp): RegExp {
  let g = globalPatterns.get(re);
  if (!g) globalPatterns.set(re, (g = new RegExp(re.source, 'gi')));
  return g;
}

/** Cues that put a procedure in the past within the same sentence. */
const PAST_CUE =
  /\b(?:s\/p|status[- ]post|h\/o|history of|hx of|prior|previous|remote|underwent|had (?:an? )?)\b/i;
/** Cues that say a device is in place or a procedure is behind the patient, outside this stay's own narrative. */
const STATUS_CUE = /\b(?:after|post|has|with|on|uses)\b/i;

/** Words before a procedure or device that make it a plan or an option, not a status. */
const PLANNED =
  /\b(?:consider(?:s|ed|ing)?|candidate|plan(?:s|ned)?|discuss(?:ed|ing)?|refer(?:red|ral)?|evaluation|evaluated|eval|needs?|scheduled|awaiting|pending|will|may)\b[^.;]*$/i;

/** Words that place a procedure in the present encounter. */
const THIS_STAY =
  /\b(?:this|current) (?:admission|hospitali[sz]ation|stay|encounter|visit)\b|\bduring (?:the )?(?:admission|hospitali[sz]ation|stay)\b|\bprimary (?:pci|ptca|angioplasty)\b|\bstemi\b[^.;\n]{0,60}\bs\/p\b/i;

/** Where a sentence stands, as its section says. */
export interface ProcedureSetting {
  /** A Past Surgical History: the section itself says they are past, no cue needed. */
  surgicalHistory: boolean;
  /** The hospital course or a procedure note: "after" or "with" do not make this stay's procedure a status. */
  thisStay: boolean;
  /** A problem list: a device it names is in place (no cue needed). */
  problemList: boolean;
}

const RELATIVE_BEFORE =
  /\b(?:mother|father|mom|dad|sister|brother|sibling|son|daughter|aunt|uncle|grand(?:mother|father|parent)|cousin)\b[^.;,]*$/i;

/** The side written near a procedure word: "bilateral", "left"/"right", or "L"/"R" before it. */
function sideNear(sentence: string, start: number, end: number): Side {
  const raw = sentence.slice(Math.max(0, start - 25), end + 12);
  const near = raw.toLowerCase();
  if (/\bbilateral\b|\bb\/l\b/.test(near)) return 'bilateral';
  const letter = /(?:^|[\s(])([LR])\s+$/.exec(sentence.slice(Math.max(0, start - 4), start))?.[1];
  if (/\bleft\b/.test(near) || letter === 'L') return 'left';
  if (/\bright\b/.test(near) || letter === 'R') return 'right';
  return undefined;
}

/** Finds past procedures and devices in place in `sentence` (a slice of the text starting at `offset`). */
export function findStatusProcedures(
  sentence: string,
  offset: number,
  where: ProcedureSetting,
): StatusProcedure[] {
  const out: StatusProcedure[] = [];
  // "s/p DES to the LAD this admission": the procedure of this stay, not a status.
  if (THIS_STAY.test(sentence)) return out;
  for (const p of PROCEDURES) {
    for (const m of sentence.matchAll(globalPattern(p.re))) {
      const before = sentence.slice(0, m.index);
      const cue = PAST_CUE.exec(before) ?? (where.thisStay ? null : STATUS_CUE.exec(before));
      const listed = where.surgicalHistory || (where.problemList && p.device === true);
      if (!listed && !cue) continue;
      // A negation between the cue and the word ("no prior appendectomy") cancels it.
      if (/\b(?:no|denies|never|without)\b[^.;]*$/i.test(before)) continue;
      if (PLANNED.test(before)) continue;
      // "His father had CABG at 55": a relative's operation.
      if (RELATIVE_BEFORE.test(before)) continue;
      const side = sideNear(sentence, m.index, m.index + m[0].length);
      const code = typeof p.code === 'string' ? p.code : p.code(side);
      out.push({
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        code,
        procedure: m[0],
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
