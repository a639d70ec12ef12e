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
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** Edits allowed for a word of this many letters (none under 4). */
const allowedEdits = (length: number): number => (length < 4 ? -1 : length <= 5 ? 1 : 2);

/** Corrects words against a vocabulary with a frequency for each word. */
export class SpellingCorrector {
  /** Vocabulary ids by the length of their sound-folded form. */
  private byLength?: number[][];
  private folded?: string[];

  constructor(
    private readonly words: readonly string[],
    private readonly frequency: (id: number) => number,
  ) {}

  /**
   * The vocabulary word `word` most likely stands for; undefined when none is close enough.
   * The caller checks first that `word` is not itself in the vocabulary.
   */
  correct(word: string): string | undefined {
    const max = allowedEdits(word.length);
    if (max < 0 || !/^[a-z]+$/.test(word)) return undefined;
    const target = soundFold(word);
    const { byLength, folded } = this.tables();
    let best: { id: number; distance: number; frequency: number } | undefined;
    for (let len = target.length - max; len <= target.length + max; len++) {
      for (const id of byLength[len] ?? []) {
        const distance = editDistanceWithin(target, folded[id]!, max);
        if (distance > max || (best && distance > best.distance)) continue;
        const frequency = this.frequency(id);
        if (!best || distance < best.distance || frequency > best.frequency)
          best = { id, distance, frequency };
      }
    }
    return best && this.words[best.id];
  }

  private tables(): { byLength: number[][]; folded: string[] } {
    if (!this.byLength || !this.folded) {
      const folded = this.words.map((w) => (/^[a-z]+$/.test(w) ? soundFold(w) : ''));
      const byLength: number[][] = [];
      folded.forEach((f, id) => {
        if (f.length >= 3) (byLength[f.length] ??= []).push(id);
      });
      this.folded = folded;
      this.byLength = byLength;
    }
    return { byLength: this.byLength, folded: this.folded };
  }
}
