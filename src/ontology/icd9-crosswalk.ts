/**
 * ICD-9-CM lookups through the GEMs: an ICD-9-CM diagnosis code's title and its ICD-10-CM
 * candidates (titled from the ICD-10-CM release in use), and the way back.
 *
 * Code shapes: ICD-9-CM diagnosis codes are three digits with up to two decimals ("428.0",
 * "250.00"), V codes ("V45.81") and E codes with four digits before the dot ("E849.0").
 * "E11.9" is ICD-10-CM; so is any code the ICD-10-CM release has ({@link resolveCodeSystem}).
 */
import type { Ontology } from './ontology.js';
import type { SearchHit } from './search-index.js';
import { toDotless, toDotted } from './fold-text.js';
import {
  ICD9_PACK_FORMAT,
  ICD9_PACK_FORMAT_VERSION,
  type GemTable,
  type Icd9GemsPack,
} from './icd9-gems-pack.js';

/** One ICD-10-CM target of an ICD-9-CM code in the forward GEM. */
export interface GemCandidate {
  /** Dotted ICD-10-CM code. */
  code: string;
  /** Title in the release in use; undefined when the release no longer has the code (GEMs target FY2018). */
  title?: string;
  /** Whether the release in use has the code. */
  inRelease: boolean;
  billable: boolean;
  /** The GEM says the match is not exact. */
  approximate: boolean;
  /** Part of a combination: all codes of one scenario's choice lists together express the ICD-9 code. */
  combination: boolean;
  /** Combination scenario (0 when not a combination). */
  scenario: number;
  /** Choice list within the scenario: pick one code from each list. */
  choiceList: number;
}

export interface Icd9CodeInfo {
  /** Dotted ICD-9-CM code, e.g. "250.00". */
  code: string;
  system: 'ICD-9-CM';
  title: string;
  /** The GEM has no ICD-10-CM equivalent ("NoDx"). */
  noMap: boolean;
  candidates: GemCandidate[];
}

/** One ICD-9-CM source of an ICD-10-CM code in the reverse GEM. */
export interface Icd9Equivalent {
  code: string;
  title?: string;
  approximate: boolean;
  combination: boolean;
  noMap: boolean;
}

const ICD9_SHAPE =
  /^(?:\d{3}(?:\.\d{1,2})?|\d{4,5}|V\d{2}(?:\.\d{1,2})?|V\d{3,4}|E\d{3}(?:\.\d)?|E\d{4})$/i;

/** True for strings shaped like an ICD-9-CM diagnosis code ("250.00", "42800", "V45.81", "E849.0"), dotted or not. */
export function looksLikeIcd9Code(text: string): boolean {
  return ICD9_SHAPE.test(text.trim());
}

/** "25000" → "250.00", "E8490" → "E849.0", "V4581" → "V45.81"; already dotted codes are kept. */
export function toDottedIcd9(code: string): string {
  const c = code.trim().toUpperCase().replace('.', '');
  const at = c.startsWith('E') ? 4 : 3;
  return c.length > at ? `${c.slice(0, at)}.${c.slice(at)}` : c;
}

/**
 * Which classification a typed code belongs to: ICD-10-CM when the release has it (the
 * preferred reading: "V01.1" and "E849" are ICD-10-CM headers), else ICD-9-CM when the
 * crosswalk has it, else undefined. A dot where ICD-10-CM never puts one ("E849.0",
 * "250.00") rules ICD-10-CM out.
 */
export function resolveCodeSystem(
  text: string,
  ontology: Ontology,
  crosswalk?: Icd9Crosswalk,
): 'ICD-10-CM' | 'ICD-9-CM' | undefined {
  const t = text.trim();
  const dot = t.indexOf('.');
  const icd10Shaped = /^[A-Za-z]\d[0-9A-Za-z]/.test(t) && (dot < 0 || dot === 3);
  if (icd10Shaped && ontology.has(t)) return 'ICD-10-CM';
  if (crosswalk && looksLikeIcd9Code(t) && crosswalk.has(t)) return 'ICD-9-CM';
  return undefined;
}

function flagsOf(flags: string): {
  approximate: boolean;
  noMap: boolean;
  combination: boolean;
  scenario: number;
  choiceList: number;
} {
  return {
    approximate: flags[0] === '1',
    noMap: flags[1] === '1',
    combination: flags[2] === '1',
    scenario: Number(flags[3] ?? 0),
    choiceList: Number(flags[4] ?? 0),
  };
}

function rowsBySource(t: GemTable): Map<string, number[]> {
  const m = new Map<string, number[]>();
  t.source.forEach((s, i) => {
    let l = m.get(s);
    if (!l) m.set(s, (l = []));
    l.push(i);
  });
  return m;
}

/**
 * ICD-9-CM ↔ ICD-10-CM through the GEMs, titled from the ICD-10-CM release in use.
 *
 * @example
 * const xw = new Icd9Crosswalk(icd9Pack, ontology);
 * xw.lookup('250.00')?.candidates.map((c) => c.code); // ["E11.9"]
 */
export class Icd9Crosswalk {
  readonly version: string;
  private readonly byCode = new Map<string, number>();
  private readonly forward: Map<string, number[]>;
  private readonly reverse: Map<string, number[]>;

  constructor(
    readonly pack: Icd9GemsPack,
    readonly ontology?: Ontology,
  ) {
    if (
      !pack ||
      pack.manifest?.format !== ICD9_PACK_FORMAT ||
      pack.manifest.formatVersion !== ICD9_PACK_FORMAT_VERSION
    ) {
      throw new Error(
        `Expected an ICD-9-CM pack "${ICD9_PACK_FORMAT}" v${ICD9_PACK_FORMAT_VERSION}, got ${JSON.stringify(pack?.manifest?.format)} v${pack?.manifest?.formatVersion}; rebuild it with "npm run build".`,
      );
    }
    this.version = `ICD-9-CM ${pack.manifest.version}, GEMs ${pack.manifest.gemsYear}`;
    pack.codes.forEach((c, i) => this.byCode.set(c, i));
    this.forward = rowsBySource(pack.forward);
    this.reverse = rowsBySource(pack.reverse);
  }

  /** Number of ICD-9-CM diagnosis codes. */
  get size(): number {
    return this.pack.codes.length;
  }

  has(code: string): boolean {
    return this.byCode.has(toDotless(code));
  }

  title(code: string): string | undefined {
    const i = this.byCode.get(toDotless(code));
    return i === undefined ? undefined : this.pack.titles[i];
  }

  /** Dotted ICD-9-CM codes that start with `prefix` ("250" → "250.00" … "250.93"), at most `limit`. */
  codesUnder(prefix: string, limit = 100): string[] {
    const p = toDotless(prefix);
    const out: string[] = [];
    for (const c of this.pack.codes) {
      if (c.startsWith(p)) out.push(toDottedIcd9(c));
      if (out.length >= limit) break;
    }
    return out;
  }

  /** An ICD-9-CM diagnosis code with its title and ICD-10-CM candidates, or undefined if unknown. */
  lookup(code: string): Icd9CodeInfo | undefined {
    const d = toDotless(code);
    const i = this.byCode.get(d);
    if (i === undefined) return undefined;
    const candidates: GemCandidate[] = [];
    let noMap = false;
    for (const r of this.forward.get(d) ?? []) {
      const f = flagsOf(this.pack.forward.flags[r]!);
      const target = this.pack.forward.target[r]!;
      if (f.noMap || target === 'NoDx') {
        noMap = true;
        continue;
      }
      const title = this.ontology?.title(target);
      candidates.push({
        code: toDotted(target),
        ...(title !== undefined ? { title } : {}),
        inRelease: title !== undefined,
        billable: this.ontology?.isBillable(target) ?? false,
        approximate: f.approximate,
        combination: f.combination,
        scenario: f.scenario,
        choiceList: f.choiceList,
      });
    }
    return {
      code: toDottedIcd9(d),
      system: 'ICD-9-CM',
      title: this.pack.titles[i]!,
      noMap,
      candidates,
    };
  }

  /** ICD-9-CM codes an ICD-10-CM code maps back to (reverse GEM). */
  icd9For(icd10Code: string): Icd9Equivalent[] {
    const out: Icd9Equivalent[] = [];
    for (const r of this.reverse.get(toDotless(icd10Code)) ?? []) {
      const f = flagsOf(this.pack.reverse.flags[r]!);
      const target = this.pack.reverse.target[r]!;
      if (f.noMap || target === 'NoDx') {
        out.push({ code: 'NoDx', approximate: false, combination: false, noMap: true });
        continue;
      }
      const title = this.title(target);
      out.push({
        code: toDottedIcd9(target),
        ...(title !== undefined ? { title } : {}),
        approximate: f.approximate,
        combination: f.combination,
        noMap: false,
      });
    }
    return out;
  }

  /**
   * Search hits for an ICD-9-CM code or code prefix typed into the lookup box: the ICD-10-CM
   * candidates of the code (or of the codes under the prefix), each saying where it came from.
   */
  search(query: string, options: { limit?: number } = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const q = query.trim();
    if (!looksLikeIcd9Code(q) && !/^(?:\d{1,2}|V\d?|E\d{1,2})$/i.test(q)) return [];
    const sources = this.has(q) ? [toDotless(q)] : this.codesUnder(q, limit * 5).map(toDotless);
    const hits = new Map<string, SearchHit>();
    sources.forEach((src, k) => {
      const info = this.lookup(src);
      if (!info) return;
      for (const c of info.candidates) {
        if (hits.size >= limit || hits.has(c.code) || !c.inRelease) continue;
        const how = [
          c.approximate ? 'approximate' : 'exact',
          c.combination ? `combination ${c.scenario}.${c.choiceList}` : '',
        ]
          .filter(Boolean)
          .join(', ');
        hits.set(c.code, {
          code: c.code,
          title: c.title ?? '',
          billable: c.billable,
          score:
            Math.round((1 - k / (sources.length + 1)) * (c.approximate ? 0.9 : 1) * 1000) / 1000,
          via: 'icd9-gem',
          matched: `ICD-9-CM ${info.code} ${info.title} (${how})`,
        });
      }
    });
    return [...hits.values()].sort((a, b) => b.score - a.score);
  }
}
