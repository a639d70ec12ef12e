/**
 * Aligns a Spanish CodiEsp document with its English machine translation and finds, for a
 * Spanish evidence span, the English phrase that expresses it. Used by `mine-codiesp.ts`.
 *
 * 1. Sentence alignment: Spanish paragraphs are split at sentence ends; a dynamic programme
 *    (1-1, 1-2, 2-1, 1-0, 0-1) aligns them with the English lines, scored by length ratio and
 *    lexical anchors (numbers, cognates, learned word translations). The translation drops
 *    sentences and inserts junk lines ("1."), so skips are allowed.
 * 2. Word similarity: cognates after a small orthographic mapping (neumonía/pneumonia,
 *    hipertensión/hypertension, infección/infection) and a translation lexicon learned from the
 *    aligned sentence pairs (Dice of co-occurrence: dolor/pain, fiebre/fever).
 * 3. Phrase choice: every 1-6 token n-gram of the aligned English line(s) is scored by how well
 *    it covers the span's content words and how pure it is (its words match the span or the
 *    ICD-10-CM title of the code); the best one is kept when it clears a floor.
 */
import { phraseTokens, type PhraseToken } from '../src/eval/phrase-tokens.js';

export const SPANISH_STOPWORDS = new Set(
  (
    'a al algo algun alguna algunas alguno algunos ante antes como con contra cual cuando de del desde donde dos durante e el ella ' +
    'ellas ellos en entre era eran es esa esas ese eso esos esta estaba estas este esto estos fue fueron ha habia han hasta la las le ' +
    'les lo los mas me muy ni no nos o otra otras otro otros para pero por que se segun ser si sin sobre su sus tambien tras tu un una ' +
    'uno unos y ya bien tipo grado nivel'
  ).split(' '),
);

export const ENGLISH_STOPWORDS = new Set(
  (
    'a about after all also an and any are as at be been before being between both but by can could did do does during each ' +
    'for from had has have he her his how i if in into is it its may more most no nor not of on or other our she so some such than ' +
    'that the their them then there these they this those through to under up was we were what when which while who whom why will ' +
    'with without would you patient level type grade'
  ).split(' '),
);

/** Folded tokens of a text (see src/eval/phrase-tokens.ts). */
export function tokensOf(text: string): string[] {
  return phraseTokens(text).map((t) => t.token);
}

/** Orthographic skeleton used to detect Spanish/English cognates. */
export function cognateSkeleton(token: string): string {
  let t = token;
  t = t
    .replace(/^p([sn])/, '$1')
    .replace(/ae/g, 'e')
    .replace(/oe/g, 'e');
  t = t
    .replace(/tion/g, 'cion')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/rh/g, 'r')
    .replace(/ch/g, 'c');
  t = t.replace(/qu/g, 'c').replace(/k/g, 'c').replace(/y/g, 'i').replace(/ct/g, 'c');
  t = t.replace(/([a-z])\1+/g, '$1');
  t = t.replace(/s$/, '').replace(/[aeo]$/, '');
  return t;
}

const skeletonCache = new Map<string, string>();
function cachedSkeleton(token: string): string {
  let s = skeletonCache.get(token);
  if (s === undefined) skeletonCache.set(token, (s = cognateSkeleton(token)));
  return s;
}

/** Cognate similarity in [0, 1]: common-prefix share of the skeletons, 0 below 4 shared letters. */
export function cognateSimilarity(es: string, en: string): number {
  if (es === en) return 1;
  return skeletonSimilarity(es, en, cachedSkeleton(es), cachedSkeleton(en));
}

/** {@link cognateSimilarity} with the skeletons `a` (of `es`) and `b` (of `en`) precomputed. */
function skeletonSimilarity(es: string, en: string, a: string, b: string): number {
  if (es === en) return 1;
  if (a.charCodeAt(0) !== b.charCodeAt(0)) return 0;
  if (/\d/.test(es) || /\d/.test(en)) return 0;
  if (a === b) return a.length >= 3 ? 0.95 : 0;
  let l = 0;
  while (l < a.length && l < b.length && a[l] === b[l]) l++;
  if (l < 4) return 0;
  return (0.9 * l) / Math.max(a.length, b.length);
}

/** A Spanish sentence with offsets into the Spanish text. */
export interface SpanishSentence {
  text: string;
  start: number;
  end: number;
}

/** Split Spanish text into sentences: line breaks, and . ? ! followed by a space and a capital or digit. */
export function splitSpanishSentences(text: string): SpanishSentence[] {
  const out: SpanishSentence[] = [];
  const push = (start: number, end: number): void => {
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start) out.push({ text: text.slice(start, end), start, end });
  };
  const re = /\n+|[.?!](?=\s+[A-ZÁÉÍÓÚÑ¿¡(0-9])/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m[0].startsWith('\n') ? m.index : m.index + 1;
    push(last, end);
    last = m.index + m[0].length;
  }
  push(last, text.length);
  return out;
}

/** Word translation lexicon: Spanish token -> English token -> strength in [0, 1]. */
export type Lexicon = Map<string, Map<string, number>>;

/** Word similarity: the better of cognate similarity and the learned lexicon. */
export function wordSimilarity(es: string, en: string, lexicon: Lexicon | null): number {
  const c = cognateSimilarity(es, en);
  const l = lexicon?.get(es)?.get(en) ?? 0;
  return c > l ? c : l;
}

function contentTokens(tokens: string[], stop: Set<string>): string[] {
  return tokens.filter((t) => !stop.has(t) && t.length > 1);
}

/** One aligned bead: Spanish sentence indexes and English line indexes (either may be empty). */
export interface Bead {
  es: number[];
  en: number[];
}

const SKIP_ES = -0.25;
const SKIP_EN = -0.2;

/**
 * Align Spanish sentences with English lines by dynamic programming.
 * Returns beads in order, covering every sentence and line once.
 */
export function alignSentences(
  es: SpanishSentence[],
  en: string[],
  lexicon: Lexicon | null,
): Bead[] {
  const esTok = es.map((s) => contentTokens(tokensOf(s.text), SPANISH_STOPWORDS));
  const enTok = en.map((l) => contentTokens(tokensOf(l), ENGLISH_STOPWORDS));
  const esLen = es.map((s) => s.text.length);
  const enLen = en.map((l) => l.length);
  const n = es.length;
  const m = en.length;
  // sim[i][t][j]: best similarity of token t of Spanish sentence i with any token of line j.
  const enSkel = enTok.map((line) => line.map(cachedSkeleton));
  const sim: number[][][] = esTok.map((toks) =>
    toks.map((s) => {
      const sk = cachedSkeleton(s);
      const lex = lexicon?.get(s);
      return enTok.map((line, j) => {
        const skl = enSkel[j]!;
        let b = 0;
        for (let q = 0; q < line.length && b < 1; q++) {
          const e = line[q]!;
          let w = skeletonSimilarity(s, e, sk, skl[q]!);
          const l = lex?.get(e) ?? 0;
          if (l > w) w = l;
          if (w > b) b = w;
        }
        return b;
      });
    }),
  );
  const score = (i0: number, i1: number, j0: number, j1: number): number => {
    let matched = 0;
    let esCount = 0;
    let enCount = 0;
    for (let i = i0; i < i1; i++) {
      for (const row of sim[i]!) {
        esCount += 1;
        let b = 0;
        for (let j = j0; j < j1; j++) if ((row[j] ?? 0) > b) b = row[j] ?? 0;
        if (b >= 0.5) matched += b;
      }
    }
    for (let j = j0; j < j1; j++) enCount += enTok[j]!.length;
    const overlap = esCount + enCount === 0 ? 0 : (2 * matched) / (esCount + enCount);
    let la = 0;
    for (let i = i0; i < i1; i++) la += esLen[i] ?? 0;
    let lb = 0;
    for (let j = j0; j < j1; j++) lb += enLen[j] ?? 0;
    const ratio = Math.log((lb + 10) / (0.95 * la + 10));
    return 1.2 * overlap - 0.6 * Math.abs(ratio) + 0.1;
  };
  const NEG = -1e9;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(NEG));
  const back: Array<Array<[number, number] | null>> = Array.from({ length: n + 1 }, () =>
    new Array(m + 1).fill(null),
  );
  best[0]![0] = 0;
  const moves: Array<[number, number]> = [
    [1, 1],
    [1, 0],
    [0, 1],
    [2, 1],
    [1, 2],
    [3, 1],
    [1, 3],
  ];
  for (let i = 0; i <= n; i++) {
    const center = n === 0 ? 0 : Math.round((i * m) / n);
    const band = 6 + Math.abs(m - n);
    for (let j = Math.max(0, center - band); j <= Math.min(m, center + band); j++) {
      const here = best[i]![j]!;
      if (here <= NEG / 2) continue;
      for (const [di, dj] of moves) {
        const ni = i + di;
        const nj = j + dj;
        if (ni > n || nj > m) continue;
        let s: number;
        if (dj === 0) s = SKIP_ES;
        else if (di === 0) s = (enLen[j] ?? 0) <= 4 ? -0.01 : SKIP_EN;
        else s = score(i, ni, j, nj) - (di + dj - 2) * 0.08;
        if (here + s > best[ni]![nj]!) {
          best[ni]![nj] = here + s;
          back[ni]![nj] = [di, dj];
        }
      }
    }
  }
  const beads: Bead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const mv = back[i]![j];
    if (!mv) throw new Error(`align-translation: no alignment path at (${i}, ${j})`);
    const [di, dj] = mv;
    const bead: Bead = { es: [], en: [] };
    for (let k = i - di; k < i; k++) bead.es.push(k);
    for (let k = j - dj; k < j; k++) bead.en.push(k);
    beads.push(bead);
    i -= di;
    j -= dj;
  }
  return beads.reverse();
}

/**
 * Learn a word translation lexicon from aligned 1-1 sentence pairs: Dice coefficient of
 * sentence co-occurrence, kept when the pair co-occurs at least `minCooc` times.
 */
export function learnLexicon(
  pairs: Array<[string[], string[]]>,
  minCooc = 3,
  minDice = 0.3,
): Lexicon {
  const cs = new Map<string, number>();
  const ce = new Map<string, number>();
  const cse = new Map<string, number>();
  for (const [esRaw, enRaw] of pairs) {
    const esAll = contentTokens(esRaw, SPANISH_STOPWORDS).filter((t) => !/\d/.test(t));
    const enAll = contentTokens(enRaw, ENGLISH_STOPWORDS).filter((t) => !/\d/.test(t));
    // Words already explained by a cognate on the other side are not translation evidence
    // ("cistitis enfisematosa" / "emphysematous cystitis" must not teach cistitis=emphysematous).
    const esCog = new Set<string>();
    const enCog = new Set<string>();
    for (const s of esAll)
      for (const e of enAll) {
        if (cognateSimilarity(s, e) >= 0.7) {
          esCog.add(s);
          enCog.add(e);
        }
      }
    const es = new Set(esAll.filter((t) => !esCog.has(t)));
    const en = new Set(enAll.filter((t) => !enCog.has(t)));
    for (const s of es) cs.set(s, (cs.get(s) ?? 0) + 1);
    for (const e of en) ce.set(e, (ce.get(e) ?? 0) + 1);
    for (const s of es)
      for (const e of en) {
        const k = `${s}\t${e}`;
        cse.set(k, (cse.get(k) ?? 0) + 1);
      }
  }
  const raw = new Map<string, Map<string, number>>();
  for (const [k, c] of cse) {
    if (c < minCooc) continue;
    const [s, e] = k.split('\t') as [string, string];
    const dice = (2 * c) / ((cs.get(s) ?? 0) + (ce.get(e) ?? 0));
    if (dice < minDice) continue;
    let row = raw.get(s);
    if (!row) raw.set(s, (row = new Map()));
    row.set(e, dice);
  }
  // Keep, per Spanish word, the translations within 60% of its best one.
  const lex: Lexicon = new Map();
  for (const [s, row] of raw) {
    const top = Math.max(...row.values());
    const kept = new Map<string, number>();
    for (const [e, dice] of row) if (dice >= 0.6 * top) kept.set(e, Math.min(0.9, dice * 1.5));
    lex.set(s, kept);
  }
  return lex;
}

/** A chosen English phrase for a span. */
export interface PhraseChoice {
  phrase: string;
  tokens: PhraseToken[];
  /** English line the phrase comes from. */
  line: number;
  score: number;
  coverage: number;
  purity: number;
}

/** Stems (5-letter prefixes) of the content words of an ICD-10-CM title. */
export function titleStems(title: string): Set<string> {
  return new Set(contentTokens(tokensOf(title), ENGLISH_STOPWORDS).map((t) => t.slice(0, 5)));
}

/**
 * Pick the English n-gram (1..maxLen tokens, within one line) that best expresses the Spanish
 * span, among `lines` (index, text, weight). Returns null when nothing clears the floor.
 */
export function choosePhrase(
  spanText: string,
  lines: Array<{ index: number; text: string; weight: number }>,
  title: Set<string>,
  lexicon: Lexicon | null,
  maxLen = 6,
): PhraseChoice | null {
  // Single letters and digits count here ("hepatitis B", "tipo 2"), unlike in alignment.
  const spanTok = tokensOf(spanText).filter((t) => !SPANISH_STOPWORDS.has(t));
  if (spanTok.length === 0) return null;
  let best: PhraseChoice | null = null;
  for (const line of lines) {
    const toks = phraseTokens(line.text);
    // Similarity of each English token with each span token.
    const sims = toks.map((t) =>
      ENGLISH_STOPWORDS.has(t.token)
        ? null
        : spanTok.map((s) => wordSimilarity(s, t.token, lexicon)),
    );
    const inTitle = toks.map((t) => (title.has(t.token.slice(0, 5)) ? 1 : 0));
    const limit = Math.min(maxLen, spanTok.length + 3);
    for (let i = 0; i < toks.length; i++) {
      const first = sims[i];
      if (!first) continue;
      const cover = new Array<number>(spanTok.length).fill(0);
      let puritySum = 0;
      let content = 0;
      let titleHits = 0;
      for (let len = 1; len <= limit && i + len <= toks.length; len++) {
        const k = i + len - 1;
        const row = sims[k];
        if (row) {
          content += 1;
          // Each English word covers the one span word it matches best (one-to-one-ish), so a
          // word that is both a cognate and a co-occurring translation is not counted twice.
          let rowBest = 0;
          let rowArg = -1;
          row.forEach((v, si) => {
            if (v > rowBest) {
              rowBest = v;
              rowArg = si;
            }
          });
          if (rowArg >= 0 && rowBest > (cover[rowArg] ?? 0)) cover[rowArg] = rowBest;
          puritySum += Math.max(rowBest, 0.7 * (inTitle[k] ?? 0));
          titleHits += inTitle[k] ?? 0;
        }
        if (!row) continue; // a phrase does not end on a stopword
        // A phrase may start or end on a number or single letter only when the span has it too.
        const edgeOk = (q: number): boolean =>
          !/^(\d+|[a-z])$/.test(toks[q]!.token) || spanTok.includes(toks[q]!.token);
        if (!edgeOk(i) || !edgeOk(k)) continue;
        const coverage = cover.reduce((a, b) => a + b, 0) / spanTok.length;
        const purity = puritySum / content;
        if (coverage === 0 && titleHits === 0) continue;
        // At least one real word (3+ letters) of the phrase must match the span or the title.
        let anchored = false;
        for (let q = i; q <= k && !anchored; q++) {
          const r = sims[q];
          if (!r || !/[a-z]{3}/.test(toks[q]!.token)) continue;
          if ((inTitle[q] ?? 0) > 0 || r.some((v) => v >= 0.5)) anchored = true;
        }
        if (!anchored) continue;
        const f = coverage + purity === 0 ? 0 : (2 * coverage * purity) / (coverage + purity);
        const score = line.weight * (f + 0.1 * (titleHits / content));
        if (!best || score > best.score + 1e-9) {
          const slice = toks.slice(i, k + 1);
          best = {
            phrase: slice.map((t) => t.token).join(' '),
            tokens: slice,
            line: line.index,
            score,
            coverage,
            purity,
          };
        }
      }
    }
  }
  return best;
}
