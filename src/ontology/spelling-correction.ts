/**
 * Spelling correction of search words against the classification's own vocabulary: "asma" →
 * "asthma", "bronkitis" → "bronchitis", "excema" → "eczema", "anurism" → "aneurysm".
 *
 * Words are compared by how they sound when spelt by ear ({@link soundFold}: ph/f, ch/k, th/t,
 * y/i, c/k/s, z/s, doubled letters), then by edit distance (insert, delete, substitute, swap two
 * neighbours): up to 1 edit for words of 4-5 letters, 2 for longer ones. Among the closest words
 * the most frequent in the vocabulary wins, so a common word beats a rare one at the same distance.
 */

/**
 * A word as spelt by ear.
 *
 * @example
 * soundFold('bronchitis') === soundFold('bronkitis'); // true ("bronkitis")
 * soundFold('eczema') === soundFold('excema'); // true ("eksema")
 */
export function soundFold(word: string): string {
  return word
    .replace(/ph/g, 'f')
    .replace(/ch/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/th/g, 't')
    .replace(/ae|oe/g, 'e')
    .replace(/x/g, 'ks')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cq]/g, 'k')
    .replace(/z/g, 's')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** Optimal-string-alignment distance of `a` and `b` if it is at most `max`, else `max + 1`. */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length + 1;
  let prev2 = new Int32Array(n);
  let prev = Int32Array.from({ length: n }, (_, j) => j);
  let row = new Int32Array(n);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return Math.min(prev[n - 1]!, max + 1);
}

/** The letters a word contains, one bit each (a = bit 0). */
function letterMask(word: string): number {
  let mask = 0;
  for (let k = 0; k < word.length; k++) mask |= 1 << (word.charCodeAt(k) - 97);
  return mask;
}

/** Number of set bits. */
function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

/** Edits allowed for a word of this many letters (none under 4). */
const allowedEdits = (length: number): number => (length < 4 ? -1 : length <= 5 ? 1 : 2);

/** Corrects words against a vocabulary with a frequency for each word. */
export class SpellingCorrector {
  /** Vocabulary ids by the length of their sound-folded form. */
  private byLength?: number[][];
  private folded?: string[];
  private masks?: Int32Array;
  /** Recent answers: while a query is typed, its earlier words are corrected again on every key. */
  private readonly recent = new Map<string, string | undefined>();

  constructor(
    private readonly words: readonly string[],
    private readonly frequency: (id: number) => number,
  ) {}

  /**
   * The vocabulary word `word` most likely stands for; undefined when none is close enough.
   * The caller checks first that `word` is not itself in the vocabulary.
   */
  correct(word: string): string | undefined {
    if (this.recent.has(word)) return this.recent.get(word);
    const found = this.search(word);
    if (this.recent.size >= 256) this.recent.clear();
    this.recent.set(word, found);
    return found;
  }

  private search(word: string): string | undefined {
    const max = allowedEdits(word.length);
    if (max < 0 || !/^[a-z]+$/.test(word)) return undefined;
    const target = soundFold(word);
    const mask = letterMask(target);
    const { byLength, folded, masks } = this.tables();
    let best: { id: number; distance: number; frequency: number } | undefined;
    for (let len = target.length - max; len <= target.length + max; len++) {
      for (const id of byLength[len] ?? []) {
        // Each edit adds at most one letter the other word lacks.
        const m = masks[id]!;
        if (bitCount(mask & ~m) > max || bitCount(m & ~mask) > max) continue;
        const distance = editDistanceWithin(target, folded[id]!, max);
        if (distance > max || (best && distance > best.distance)) continue;
        const frequency = this.frequency(id);
        if (!best || distance < best.distance || frequency > best.frequency)
          best = { id, distance, frequency };
      }
    }
    return best && this.words[best.id];
  }

  private tables(): { byLength: number[][]; folded: string[]; masks: Int32Array } {
    if (!this.byLength || !this.folded || !this.masks) {
      const folded = this.words.map((w) => (/^[a-z]+$/.test(w) ? soundFold(w) : ''));
      const byLength: number[][] = [];
      folded.forEach((f, id) => {
        if (f.length >= 3) (byLength[f.length] ??= []).push(id);
      });
      this.folded = folded;
      this.byLength = byLength;
      this.masks = Int32Array.from(folded, letterMask);
    }
    return { byLength: this.byLength, folded: this.folded, masks: this.masks };
  }
}
