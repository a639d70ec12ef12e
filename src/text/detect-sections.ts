/**
 * Section detection: finds headers ("PMH:", "Family History:", "ASSESSMENT AND PLAN") and
 * reports each section with its category and original-text offsets. A section runs from its
 * header to the next header; text before the first header belongs to no section.
 */
import { normalizeText, type NormalizedText } from './normalize-text.js';
import {
  CURATED_SECTION_PATTERNS,
  foldHeader,
  isOneLineHeader,
  qualifiedHeaderCategory,
  readsMidLine,
  toSectionCategory,
  type SectionCategory,
  type SectionPattern,
} from './section-headers.js';

/** One section of a note. All offsets are into the original text. */
export interface Section {
  category: SectionCategory;
  /** The header as written, without its colon, e.g. "Past Medical History". */
  title: string;
  /** Start of the header (= start of the section). */
  start: number;
  /** End of the section's last non-space character (exclusive). */
  end: number;
  /** End of the header including its colon, if any. */
  headerEnd: number;
  /** Where the body starts (first non-space character after the header), ≤ end. */
  bodyStart: number;
}

/** Compiled header lookup; build once with {@link compileSectionPatterns}. */
export interface CompiledSectionPatterns {
  readonly headers: ReadonlyMap<string, SectionCategory>;
  /** Longest header in words, bounds the backward scan for mid-line headers. */
  readonly maxWords: number;
}

const MAX_HEADER_CHARS = 60;

/**
 * Compiles header patterns: the pack's medspaCy patterns (categories mapped to ours, with
 * literal-specific corrections) plus the curated headers, which win on conflict.
 */
export function compileSectionPatterns(
  patterns: readonly SectionPattern[] = [],
): CompiledSectionPatterns {
  const headers = new Map<string, SectionCategory>();
  let maxWords = 1;
  const add = (p: SectionPattern): void => {
    const key = foldHeader(normalizeText(p.literal).text);
    if (key.length === 0 || key.length > MAX_HEADER_CHARS) return;
    headers.set(key, toSectionCategory(p.category, key));
    maxWords = Math.max(maxWords, key.split(' ').length);
  };
  for (const p of patterns) add(p);
  for (const p of CURATED_SECTION_PATTERNS) add(p);
  return { headers, maxWords };
}

let defaultCompiled: CompiledSectionPatterns | undefined;

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/**
 * Detects sections in `text`.
 *
 * @param patterns compiled patterns (see {@link compileSectionPatterns}); defaults to the curated headers only.
 * @example
 * const sections = detectSections('HPI: cough.\nFamily History: mother with breast cancer.');
 * sections.map((s) => s.category); // ["history_of_present_illness", "family_history"]
 */
export function detectSections(
  text: string | NormalizedText,
  patterns?: CompiledSectionPatterns,
): Section[] {
  const norm = typeof text === 'string' ? normalizeText(text) : text;
  const compiled = patterns ?? (defaultCompiled ??= compileSectionPatterns());
  const s = norm.text;
  const n = s.length;
  const orig = norm.original;
  const found: {
    a: number;
    headerEnd: number;
    colon: boolean;
    category: SectionCategory;
    /** A test's result line ("TTE: EF 55%"): the section ends with its line. */
    oneLine?: boolean;
    /** The section a one-line header interrupted, resumed on the next line. */
    resumes?: string;
  }[] = [];

  // Mid-line, a test's name ("… HD2. TTE: EF 60%") is a result inside the narrative, not a header.
  const lookup = (a: number, b: number): SectionCategory | undefined => {
    if (b - a > MAX_HEADER_CHARS || b <= a) return undefined;
    const key = foldHeader(s.slice(a, b));
    return readsMidLine(key) ? compiled.headers.get(key) : undefined;
  };
  const originalOf = (a: number, b: number): string =>
    orig.slice(norm.starts[a] as number, norm.ends[b - 1] as number);
  // A header at the start of a line may be a known one qualified ("EXAM (ADMISSION)"); a line
  // of capitals alone ("HOSPITAL COURSE BY PROBLEM") is a header of a kind we do not know.
  const lineHeader = (a: number, b: number, withColon: boolean): SectionCategory | undefined => {
    if (b - a > MAX_HEADER_CHARS || b <= a) return undefined;
    const folded = foldHeader(s.slice(a, b));
    return (
      compiled.headers.get(folded) ??
      qualifiedHeaderCategory(compiled.headers, folded, withColon) ??
      (withColon ? undefined : shoutedHeader(originalOf(a, b)))
    );
  };

  // The note's first line with text on it: only it can be the note's title.
  let firstLine = true;
  let lineStart = 0;
  while (lineStart < n) {
    let lineEnd = s.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let fs = lineStart;
    while (fs < lineEnd && s.charCodeAt(fs) === 32) fs++;
    let lineHeaderColon = -1;
    if (fs < lineEnd) {
      const colon = s.indexOf(':', fs);
      let matched = false;
      // "Acute CVA. MRI: …": a sentence before the colon is no header ("MRI:" is read mid-line).
      const sentenceBefore = colon > fs && /[.;!?]\s/.test(s.slice(fs, colon));
      if (colon >= 0 && colon < lineEnd && colon - fs <= MAX_HEADER_CHARS && !sentenceBefore) {
        const cat = lineHeader(fs, colon, true);
        if (cat !== undefined) {
          const oneLine = isOneLineHeader(foldHeader(s.slice(fs, colon)));
          found.push({ a: fs, headerEnd: colon + 1, colon: true, category: cat, oneLine });
          lineHeaderColon = colon;
          matched = true;
        }
      }
      if (!matched) {
        let le = lineEnd;
        while (le > fs && s.charCodeAt(le - 1) === 32) le--;
        const cat =
          lineHeader(fs, le, false) ??
          (found.length === 0 && firstLine ? titleLineCategory(originalOf(fs, le)) : undefined);
        if (cat !== undefined && /\p{L}/u.test(originalOf(fs, le))) {
          found.push({ a: fs, headerEnd: le, colon: false, category: cat });
        }
      }
      // Mid-line headers: "… no fever. PMH: HTN" or "… cough  ASSESSMENT: …".
      let c = s.indexOf(':', fs);
      while (c >= 0 && c < lineEnd) {
        if (c !== lineHeaderColon) scanMidLine(c, fs);
        c = s.indexOf(':', c + 1);
      }
      firstLine = false;
    }
    lineStart = lineEnd + 1;
  }

  function scanMidLine(colon: number, lineContentStart: number): void {
    let best = -1;
    let bestCat: SectionCategory | undefined;
    let ws = colon;
    for (let words = 0; words < compiled.maxWords && ws > lineContentStart; words++) {
      // Move to the start of the previous word.
      let p = ws;
      while (p > lineContentStart && s.charCodeAt(p - 1) === 32) p--;
      if (p === ws && words > 0) break;
      while (p > lineContentStart && s.charCodeAt(p - 1) !== 32) p--;
      if (colon - p > MAX_HEADER_CHARS) break;
      ws = p;
      const cat = lookup(ws, colon);
      if (cat !== undefined) {
        best = ws;
        bestCat = cat;
      }
    }
    if (best < 0 || bestCat === undefined || best === lineContentStart) return;
    const header = originalOf(best, colon);
    if (!UPPER.test(header.charAt(0))) return;
    let q = best;
    let spaces = 0;
    while (q > lineContentStart && s.charCodeAt(q - 1) === 32) {
      q--;
      spaces++;
    }
    const prev = s.charCodeAt(q - 1);
    const afterPunct = prev === 46 || prev === 59 || prev === 33 || prev === 63 || prev === 124;
    const letters = header.replace(/[^\p{L}]/gu, '');
    const allCaps = letters.length >= 3 && !LOWER.test(header);
    if (afterPunct || spaces >= 2 || allCaps) {
      found.push({ a: best, headerEnd: colon + 1, colon: true, category: bestCat });
    }
  }

  found.sort((x, y) => x.a - y.a);
  endVitalSignLines(found, s, originalOf);
  resumeAfterOneLineHeaders(found, s, originalOf);
  const sections: Section[] = [];
  let keptHeaderEnd = 0;
  for (let k = 0; k < found.length; k++) {
    const f = found[k] as (typeof found)[number];
    if (f.a < keptHeaderEnd) continue;
    keptHeaderEnd = f.headerEnd;
    let nextA = n;
    for (let m = k + 1; m < found.length; m++) {
      const g = found[m] as (typeof found)[number];
      if (g.a >= f.headerEnd) {
        nextA = g.a;
        break;
      }
    }
    let e = nextA;
    while (e > f.headerEnd && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 10)) e--;
    let b = f.headerEnd;
    while (b < e && (s.charCodeAt(b) === 32 || s.charCodeAt(b) === 10)) b++;
    const start = norm.starts[f.a] as number;
    const headerEnd = f.resumes !== undefined ? start : (norm.ends[f.headerEnd - 1] as number);
    const end = Math.max(headerEnd, e > f.headerEnd ? (norm.ends[e - 1] as number) : headerEnd);
    const bodyStart = b < e ? (norm.starts[b] as number) : end;
    sections.push({
      category: f.category,
      title: f.resumes ?? headerText(f, originalOf),
      start,
      end,
      headerEnd,
      bodyStart,
    });
  }
  return sections;
}

type Found = {
  a: number;
  headerEnd: number;
  colon: boolean;
  category: SectionCategory;
  oneLine?: boolean;
  resumes?: string;
};

/** A header's words as written, without its colon. */
function headerText(f: Found, originalOf: (a: number, b: number) => string): string {
  return originalOf(f.a, f.colon ? f.headerEnd - 1 : f.headerEnd).trim();
}

/**
 * The section `outer` going on from `at` after a header that interrupted it (at the top of a
 * note, where none was interrupted, no kind of section).
 */
function continuation(
  at: number,
  outer: Found | undefined,
  originalOf: (a: number, b: number) => string,
): Found {
  return {
    a: at,
    headerEnd: at,
    colon: false,
    category: outer?.category ?? 'other',
    resumes: outer ? headerText(outer, originalOf) : '',
  };
}

/**
 * After a one-line header ("CXR: clear" inside the hospital course), the interrupted section
 * goes on from the next line to the next header: inserts that continuation into `found` (sorted).
 */
function resumeAfterOneLineHeaders(
  found: Found[],
  s: string,
  originalOf: (a: number, b: number) => string,
): void {
  let outer: Found | undefined;
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    if (!f.oneLine) {
      outer = f;
      continue;
    }
    if (!outer) continue;
    const lineEnd = s.indexOf('\n', f.headerEnd);
    const next = found[k + 1]?.a ?? s.length;
    let b = lineEnd + 1;
    while (lineEnd >= 0 && b < next && (s.charCodeAt(b) === 32 || s.charCodeAt(b) === 10)) b++;
    if (lineEnd < 0 || b >= next) continue;
    found.splice(k + 1, 0, continuation(b, outer, originalOf));
    k++;
  }
}

/** Headers of a line of vital signs. */
const VITALS_HEADERS = new Set(['vitals', 'vital signs', 'vs', 'v/s']);

/** A sentence of vital signs starts with a measurement's name or a number ("BP 150/90", "T 98.6"). */
const VITAL_SENTENCE =
  /(?:\d|(?:bp|hr|rr|t|tmax|temp|p|pulse|spo2|sp02|o2|sat|sats|wt|weight|ht|height|bmi|afebrile|febrile|pain|gcs|fsbg|bg|map|ra)\b)/iuy;

/** An examination's line about one body system ("Gen: NAD", "Lungs: CTAB", "Ext: no edema"). */
const EXAM_SYSTEM_LINE =
  /(?:gen|general|constitutional|heent|eyes|ears|ent|neck|lymph|chest|lungs?|pulm|resp|respiratory|cv|cvs|cardiac|heart|cor|abd|abdomen|gi|gu|rectal|pelvic|back|spine|msk|musculoskeletal|ext|extremities|skin|neuro|neurologic|psych|mental status|vascular|breast)\s*:/iuy;

/**
 * A vitals header reads only the measurements after it: where a sentence or a line is no longer
 * a measurement nor an examination line ("Vitals: BP 150/90. HTN - adjust meds"), the section
 * before the header goes on (or, at the top of a note, no kind of section).
 */
function endVitalSignLines(
  found: Found[],
  s: string,
  originalOf: (a: number, b: number) => string,
): void {
  let outer: Found | undefined;
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    if (!VITALS_HEADERS.has(foldHeader(headerText(f, originalOf)))) {
      if (!f.oneLine) outer = f;
      continue;
    }
    const stop = firstNonVitalSentence(s, f.headerEnd, found[k + 1]?.a ?? s.length);
    if (stop === undefined) continue;
    found.splice(k + 1, 0, continuation(stop, outer, originalOf));
    k++;
  }
}

/**
 * Where the first sentence or line in [from, to) that is not a vital sign starts, if one does;
 * none once a line about a body system shows that the header opened the examination itself.
 */
function firstNonVitalSentence(s: string, from: number, to: number): number | undefined {
  const boundary = /[.;]\s+(?=\S)|\n\s*(?=\S)/gu;
  boundary.lastIndex = from;
  for (let m = boundary.exec(s); m !== null && m.index < to; m = boundary.exec(s)) {
    const start = m.index + m[0].length;
    if (start >= to) return undefined;
    EXAM_SYSTEM_LINE.lastIndex = start;
    if (EXAM_SYSTEM_LINE.test(s)) return undefined;
    VITAL_SENTENCE.lastIndex = start;
    if (!VITAL_SENTENCE.test(s)) return start;
  }
  return undefined;
}

/**
 * The note's title line names a problem list among other words ("CARDIOLOGY PROBLEM LIST - 81 M
 * (updated 03/2025)", "Problem list - HF clinic - 72 M"): the note is that list.
 */
function titleLineCategory(line: string): SectionCategory | undefined {
  return /^(?:[\p{L}/&' ]{0,40}[\s-]+)?(?:active\s+)?problem\s+list\b|^problems\s*(?:\(|-|$)/iu.test(
    line.trim(),
  )
    ? 'problem_list'
    : undefined;
}

/** A line of two to six words in capitals alone, no digits: a header whose kind we do not know. */
function shoutedHeader(line: string): SectionCategory | undefined {
  const words = line.trim().split(/\s+/u);
  if (words.length < 2 || words.length > 6 || /[\d:]/u.test(line) || LOWER.test(line))
    return undefined;
  return words.filter((w) => /\p{L}{2}/u.test(w)).length >= 2 ? 'other' : undefined;
}

/** The section containing original offset `offset` (binary search), or undefined. */
export function findSection(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const sec = sections[mid] as Section;
    if (offset < sec.start) hi = mid - 1;
    else if (offset >= sec.end) lo = mid + 1;
    else return sec;
  }
  return undefined;
}
