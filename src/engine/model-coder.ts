/**
 * The coder with the neural linker (DESIGN.md section 2, step 5), as an async wrapper around
 * the dictionary coder: it never changes the dictionary path, it adds to it.
 *
 * 1. Rerank: each dictionary candidate gets the model similarity between its evidence text
 *    (the mention) and the code's own description.
 * 2. Retrieve (off by default, `maxPhrases`): phrases of the note that no dictionary candidate
 *    covers are embedded and the nearest codes of the whole classification become candidates
 *    (codes no training note has), each with the context engine's assertion of its phrase.
 *    Measured held out (CodiEsp dev, train-only fit) it found no gold code the dictionary did not
 *    (1,520 true positives with and without it, 4 more false ones) at ~90% of the model's cost
 *    in the mentions scope, so the product runs without it; the fusion is still fitted with it
 *    (`build/fit-linker-fusion.ts`), so that `npm run train` reproduces the committed weights.
 * 3. Fuse: a logistic model over the ranker's log-odds and the model signals (weights fitted
 *    on CodiEsp train by `npm run train`, models/linker.json) gives a calibrated score.
 *
 * Without fusion weights the dictionary ranking is kept and retrieval is skipped.
 */
import { ruleInputOf, type Analysis, type Coder } from './create-coder.js';
import type { ScoredCandidate } from './select-mentions.js';
import type { CodeSuggestion, CodingOptions, CodingResult } from './coding-types.js';
import type { TextEmbedder } from './model-port.js';
import { NeighbourPrior } from './neighbour-prior.js';
import type { CodeIndex } from '../model/code-index.js';
import type { LinkerFusion } from '../model/linker-config.js';
import type { CandidateFeatures } from './code-ranker.js';
import { sigmoid, dot } from './code-ranker.js';
import { featureVector, storedFeatureOrder } from './named-features.js';
import { tokenize, type Token } from '../text/tokenize.js';
import { foldText, toDotless, toDotted } from '../ontology/fold-text.js';
import { PHRASE_BREAK_WORDS } from '../text/function-words.js';
import { contextFeatureIds, contextLogit, noteContext } from './context-scorer.js';

/** The fusion features, in the order `npm run train` fits them (a model stores its own order). */
export const FUSION_FEATURES = [
  'bias',
  'ranker_logit',
  'similarity',
  'similarity_unseen_code',
  'unseen_code',
  'retrieved',
  'retrieved_similarity',
  'retrieved_margin',
  'neighbour_prior',
  'neighbour_prior_unseen_code',
  'best_in_span',
  'span_margin',
  'best_in_span_unseen_code',
] as const;

/**
 * How retrieval searches the code embeddings per phrase: the 8 nearest categories among those
 * of the 12 nearest groups of categories (a few hundred products, not one per category; the
 * codes it reports on CodiEsp dev are those of the 32-category scan but in 4 of 250 notes).
 */
const RETRIEVAL_PROBE = { probe: 8, coarse: 12 } as const;

/** The name of one fusion feature. */
export type FusionFeature = (typeof FUSION_FEATURES)[number];
/** A candidate's fusion features by name. */
export type FusionFeatures = Record<FusionFeature, number>;

export interface ModelCoder {
  readonly coder: Coder;
  readonly embedder: TextEmbedder;
  /** Model id and version, e.g. "linker@1+fb7c5040 + code-ranker@1". */
  readonly modelId: string;
  code(text: string, options?: CodingOptions): Promise<CodingResult>;
  /** Every candidate with its fusion features, unfiltered (training and diagnostics). */
  candidates(text: string, options?: CodingOptions): Promise<ModelCandidate[]>;
}

/** One candidate with its fusion features (for fitting and diagnostics). */
export interface ModelCandidate {
  /** Dotless code. */
  code: string;
  features: FusionFeatures;
  suggestion: CodeSuggestion;
  /** Ranker features, for leave-one-out refits. */
  rankerFeatures: CandidateFeatures;
  retrieved: boolean;
  /** The context scorer's hashed features (src/engine/context-scorer.ts). */
  contextIds: number[];
}

export interface ModelCoderOptions {
  fusion?: LinkerFusion;
  /** Retrieval: at most this many uncovered phrases per note are searched (default 0: none). */
  maxPhrases?: number;
  /** Ranker log-odds of a candidate (default: the coder's ranker). Training passes leave-one-out log-odds. */
  rankerLogit?: (features: CandidateFeatures) => number;
  /** Whether a code occurs in the training notes (default: the ranker's statistics). */
  isSeenCode?: (code: string) => boolean;
  /** Training notes coded with a code (default: the ranker's statistics); training passes leave-one-out counts. */
  trainDocFreq?: (code: string) => number;
  /** Hashed context buckets to compute (default: the fusion's context scorer's; training sets it). */
  contextBuckets?: number;
}

/** Noun-phrase-like chunks of a text that no dictionary evidence covers: [start, end) offsets. */
export function unresolvedPhrases(
  text: string,
  covered: readonly { start: number; end: number }[],
  maxPhrases: number,
): { start: number; end: number; text: string }[] {
  const tokens = tokenize(text);
  const out: { start: number; end: number; text: string }[] = [];
  const isCovered = (t: Token): boolean => covered.some((c) => t.start < c.end && t.end > c.start);
  let run: Token[] = [];
  const flush = (): void => {
    const words = run.filter((t) => t.kind === 'word');
    if (words.length && run.some((t) => t.kind === 'word' && t.text.length > 3)) {
      const windows = run.length <= 5 ? [run] : [];
      if (run.length > 5)
        for (let s = 0; s + 3 <= run.length; s += 2) windows.push(run.slice(s, s + 4));
      for (const w of windows) {
        const start = w[0]!.start;
        const end = w.at(-1)!.end;
        out.push({ start, end, text: text.slice(start, end) });
      }
    }
    run = [];
  };
  for (const t of tokens) {
    if (t.kind === 'punct' || PHRASE_BREAK_WORDS.has(t.text) || isCovered(t) || t.kind === 'number')
      flush();
    else run.push(t);
  }
  flush();
  return out.slice(0, maxPhrases);
}

/**
 * Wraps a dictionary coder with the linker. `codeIndex` must come from the same model as
 * `embedder` (their ids are checked).
 *
 * @example
 * const modelCoder = createModelCoder(coder, embedder, codeIndex, {fusion: linkerConfig.fusion});
 * (await modelCoder.code(note, {scope: 'mentions'})).codes;
 */
export function createModelCoder(
  coder: Coder,
  embedder: TextEmbedder,
  codeIndex: CodeIndex,
  options: ModelCoderOptions = {},
): ModelCoder {
  if (codeIndex.modelId !== embedder.id) {
    throw new Error(
      `The code embeddings were made by ${codeIndex.modelId}, the embedder is ${embedder.id}; retrain with "npm run train" so that they match.`,
    );
  }
  const fusion = options.fusion;
  const fusionOrder = fusion
    ? storedFeatureOrder(
        'The linker fusion',
        fusion.features,
        fusion.weights.length,
        FUSION_FEATURES,
      )
    : FUSION_FEATURES;
  const ranker = coder.ranker;
  const onto = coder.ontology;
  const headerForms = new Set(ranker?.model.headerForms ?? []);
  // Codes retrieval may return: billable codes, the annotators' header forms, and 6-character
  // headers whose children differ only by the 7th character (mentions-scope form).
  // Built on first retrieval (mentions scope): the reportable scope never needs it.
  let allowedCodes: Uint8Array | undefined;
  const allowed = (): Uint8Array => {
    if (allowedCodes) return allowedCodes;
    allowedCodes = new Uint8Array(codeIndex.size);
    codeIndex.embeddings.codes.forEach((c, i) => {
      if (c.length === 7 && /(?:encounter|sequela)\b/.test(onto.title(c) ?? '')) return;
      if (onto.isBillable(c) || headerForms.has(c)) allowedCodes![i] = 1;
      else if (
        c.length === 6 &&
        onto.children(c).length > 0 &&
        onto.children(c).every((k) => toDotless(k).length === 7)
      )
        allowedCodes![i] = 1;
    });
    return allowedCodes;
  };
  const rankerLogit =
    options.rankerLogit ??
    ((f: CandidateFeatures): number => {
      if (!ranker) return 4 * f.dictScore - 2;
      const p = Math.min(1 - 1e-6, Math.max(1e-6, ranker.predict(f)));
      return Math.log(p / (1 - p));
    });
  const isSeen =
    options.isSeenCode ?? ((code: string) => (ranker?.model.codeStats[code]?.[0] ?? 0) > 0);
  const docFreq =
    options.trainDocFreq ?? ((code: string) => ranker?.model.codeStats[code]?.[0] ?? 0);
  // Codes coded in the training notes, with their embeddings: an unseen code close to codes the
  // annotators often use is more likely to be one they would use (a zero-shot prior).
  const seen = Object.entries(ranker?.model.codeStats ?? {})
    .filter(([, st]) => st[0] > 0)
    .map(([c]) => c);
  const prior = new NeighbourPrior(codeIndex, seen, docFreq);
  // Memoized at run time; training passes per-note (leave-one-out) frequencies, so no cache.
  const priorCache = options.trainDocFreq ? undefined : new Map<string, number>();
  const neighbourPrior = (code: string): number => {
    const cached = priorCache?.get(code);
    if (cached !== undefined) return cached;
    const value = prior.of(code);
    priorCache?.set(code, value);
    return value;
  };
  const maxPhrases = options.maxPhrases ?? 0;
  const contextBuckets = options.contextBuckets ?? fusion?.context?.buckets;
  const modelId = ranker ? `${embedder.id} + ${ranker.id}` : embedder.id;

  /** The model's candidates, with the dictionary candidates they came from (for the rules). */
  async function collect(
    text: string,
    codingOptions: CodingOptions,
  ): Promise<{ candidates: ModelCandidate[]; analysis: Analysis }> {
    const analysis = coder.analyze(text, codingOptions);
    const analyzed = analysis.candidates;
    const spans = new Map<string, number>();
    for (const a of analyzed)
      for (const e of a.suggestion.evidence) if (!spans.has(e.text)) spans.set(e.text, spans.size);
    const covered = analyzed.flatMap((a) => a.suggestion.evidence);
    // Retrieval for phrases no dictionary term covered feeds the mentions scope only: the
    // reportable scope leaves the model's own zero-shot codes out, so it skips the work.
    const retrieve =
      fusion !== undefined &&
      maxPhrases > 0 &&
      (codingOptions.scope ?? 'reportable') === 'mentions';
    const phrases = retrieve ? unresolvedPhrases(text, covered, maxPhrases) : [];
    const texts = [...spans.keys(), ...phrases.map((p) => p.text)];
    const vectors = await embedder.embed(texts);
    codingOptions.signal?.throwIfAborted();
    const dim = embedder.dim;
    const out: ModelCandidate[] = [];
    const byCode = new Map<string, ModelCandidate>();
    for (const a of analyzed) {
      let sim = 0;
      for (const e of a.suggestion.evidence) {
        const s = codeIndex.similarity(vectors, a.features.code, spans.get(e.text)! * dim) ?? 0;
        if (s > sim) sim = s;
      }
      const known = isSeen(a.features.code);
      const prior = neighbourPrior(a.features.code);
      const c: ModelCandidate = {
        code: a.features.code,
        features: {
          bias: 1,
          ranker_logit: rankerLogit(a.features),
          similarity: sim,
          similarity_unseen_code: known ? 0 : sim,
          unseen_code: known ? 0 : 1,
          retrieved: 0,
          retrieved_similarity: 0,
          retrieved_margin: 0,
          neighbour_prior: prior,
          neighbour_prior_unseen_code: known ? 0 : prior,
          // Set below, once every dictionary candidate of the same span is known.
          best_in_span: 0,
          span_margin: 0,
          best_in_span_unseen_code: 0,
        },
        suggestion: a.suggestion,
        rankerFeatures: a.features,
        retrieved: false,
        contextIds: [],
      };
      out.push(c);
      byCode.set(c.code, c);
    }
    // Among the dictionary candidates of one mention, the model prefers the code whose own
    // description is closest to the mention's words (linker reranking).
    const bySpan = new Map<string, ModelCandidate[]>();
    for (const c of out) {
      for (const e of c.suggestion.evidence) {
        const key = `${e.start}:${e.end}`;
        let l = bySpan.get(key);
        if (!l) bySpan.set(key, (l = []));
        l.push(c);
      }
    }
    for (const c of out) {
      let margin = 1;
      for (const e of c.suggestion.evidence) {
        for (const o of bySpan.get(`${e.start}:${e.end}`) ?? [])
          if (o !== c) margin = Math.min(margin, c.features.similarity - o.features.similarity);
      }
      const best = margin >= 0 ? 1 : 0;
      c.features.best_in_span = best;
      c.features.span_margin = margin;
      c.features.best_in_span_unseen_code = c.features.unseen_code ? best : 0;
    }
    // No phrase to search (the reportable scope): the retrievable-code mask is not built.
    if (!fusion || !phrases.length) return withContext(out, analysis);
    const base = spans.size;
    const retrievable = allowed();
    // Each phrase in its context, as the context engine asserts the dictionary's mentions; only
    // the few phrases that bring a new code need one (a span's assertion depends on it alone).
    const assertions = new Map<number, CodeSuggestion['assertion']>();
    const assertionOf = (k: number): CodeSuggestion['assertion'] => {
      let a = assertions.get(k);
      if (a === undefined) assertions.set(k, (a = analysis.assertSpans([phrases[k]!])[0]!));
      return a;
    };
    phrases.forEach((p, k) => {
      const hits = codeIndex.nearest(
        vectors,
        { limit: fusion.retrievalTopK + 1, ...RETRIEVAL_PROBE, mask: retrievable },
        (base + k) * dim,
      );
      const margin = hits.length > 1 ? hits[0]!.similarity - hits.at(-1)!.similarity : 0;
      hits.slice(0, fusion.retrievalTopK).forEach((h, rank) => {
        if (h.similarity < fusion.retrievalMinSimilarity) return;
        const code = toDotless(h.code);
        const existing = byCode.get(code);
        const evidence = { start: p.start, end: p.end, text: p.text };
        if (existing) {
          if (!existing.suggestion.evidence.some((e) => e.start === p.start && e.end === p.end))
            existing.suggestion.evidence.push(evidence);
          const f = existing.features;
          f.similarity = Math.max(f.similarity, h.similarity);
          if (f.unseen_code) f.similarity_unseen_code = f.similarity;
          return;
        }
        const assertion = assertionOf(k);
        const rf: CandidateFeatures = {
          code,
          dictScore: 0,
          density: 0,
          requiredWords: 0,
          mentions: 1,
          keys: [foldText(p.text)],
          sources: [],
          assertion,
          unspecified: /unspecified/i.test(onto.title(h.code) ?? ''),
          billable: onto.isBillable(code),
        };
        const known = isSeen(code);
        const prior = neighbourPrior(code);
        const c: ModelCandidate = {
          code,
          features: {
            bias: 1,
            ranker_logit: rankerLogit(rf),
            similarity: h.similarity,
            similarity_unseen_code: known ? 0 : h.similarity,
            unseen_code: known ? 0 : 1,
            retrieved: 1,
            retrieved_similarity: h.similarity,
            retrieved_margin: rank === 0 ? margin : 0,
            neighbour_prior: prior,
            neighbour_prior_unseen_code: known ? 0 : prior,
            best_in_span: rank === 0 ? 1 : 0,
            span_margin: rank === 0 ? margin : 0,
            best_in_span_unseen_code: !known && rank === 0 ? 1 : 0,
          },
          suggestion: {
            code: toDotted(code),
            system: 'ICD-10-CM',
            title: onto.title(code) ?? '',
            billable: onto.isBillable(code),
            score: 0,
            assertion,
            group: 'secondary',
            evidence: [evidence],
            notes: [],
            source: 'model',
          },
          rankerFeatures: rf,
          retrieved: true,
          contextIds: [],
        };
        out.push(c);
        byCode.set(code, c);
      });
    });
    return withContext(out, analysis);
  }

  /** Each candidate's context features (src/engine/context-scorer.ts), when a scorer is used. */
  function withContext(
    candidates: ModelCandidate[],
    analysis: Analysis,
  ): { candidates: ModelCandidate[]; analysis: Analysis } {
    if (!contextBuckets) return { candidates, analysis };
    const note = noteContext(
      analysis.doc,
      candidates.map((c) => c.code),
    );
    for (const c of candidates) {
      const seen = {
        code: c.code,
        title: c.suggestion.title,
        assertion: c.suggestion.assertion,
        evidence: c.suggestion.evidence,
        retrieved: c.retrieved,
      };
      c.contextIds = contextFeatureIds(note, seen, contextBuckets);
    }
    return { candidates, analysis };
  }

  /** The fused probability of a candidate (the ranker's without fusion weights). */
  const fused = (c: ModelCandidate): number =>
    fusion
      ? sigmoid(
          dot(fusion.weights, featureVector(c.features, fusionOrder)) +
            (fusion.context ? contextLogit(fusion.context, c.contextIds) : 0),
        )
      : (ranker?.predict(c.rankerFeatures) ?? c.suggestion.score);

  /**
   * Reportable scope: the dictionary candidates with their fused probabilities. Codes the model
   * retrieved on its own (no dictionary term, noisy zero-shot) are left to the mentions scope.
   */
  const scoreReportable = (
    candidates: readonly ModelCandidate[],
    analysis: Analysis,
  ): ScoredCandidate[] => {
    const probability = new Map(
      candidates.filter((c) => !c.retrieved).map((c) => [c.suggestion, fused(c)] as const),
    );
    return analysis.candidates.map((a) => {
      const p = probability.get(a.suggestion);
      return { ...ruleInputOf(a), ...(p === undefined ? {} : { probability: p }) };
    });
  };

  /** Mentions scope: every candidate, codes unseen in training at the linker's own operating point. */
  const scoreMentions = (candidates: readonly ModelCandidate[]): ScoredCandidate[] =>
    candidates.map((c) => {
      const unseen = fusion !== undefined && c.features.unseen_code === 1;
      const threshold = unseen ? (fusion.unseenThreshold ?? fusion.threshold) : undefined;
      const { sources, density, requiredWords } = c.rankerFeatures;
      return {
        suggestion: c.suggestion,
        sources,
        density,
        requiredWords,
        probability: fused(c),
        ...(threshold === undefined ? {} : { threshold }),
      };
    });

  return {
    coder,
    embedder,
    modelId,
    async code(text, codingOptions = {}) {
      if (typeof text !== 'string')
        throw new TypeError(
          `Expected the note text as a string, got ${text === null ? 'null' : typeof text}.`,
        );
      const t0 = performance.now();
      const scope = codingOptions.scope ?? 'reportable';
      const { candidates, analysis } = await collect(text, codingOptions);
      const scored =
        scope === 'reportable' ? scoreReportable(candidates, analysis) : scoreMentions(candidates);
      const { codes, flagged, considered } = coder.select(
        analysis,
        scored,
        codingOptions,
        fusion ? fusion.threshold : ranker?.threshold,
      );
      return {
        terminology: onto.label,
        model: modelId,
        codes,
        flagged,
        ...(considered ? { considered } : {}),
        timings: { model: performance.now() - t0 },
      };
    },
    async candidates(text, codingOptions = {}) {
      return (await collect(text, codingOptions)).candidates;
    },
  };
}
