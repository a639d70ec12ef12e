/**
 * Makes the coder's feedback change what they see next time, as a rewrite of the ranked
 * result: a suggestion rejected for the same term sinks (and after a few rejections is hidden),
 * one accepted rises, and a replacement ("for this term, the code is X") is applied. Replaced
 * terms also become learned dictionary terms ({@link learnedFeedbackTerms}) so that the coder
 * finds the code even where it suggested nothing before.
 */
import type { Ontology } from '../ontology/ontology.js';
import { toDotless, toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion, CodingResult } from '../engine/coding-types.js';
import type { TermDictionaryOptions } from '../engine/term-dictionary.js';
import type { FeedbackRecord } from './feedback-store.js';
import { feedbackTermsOf } from './feedback-term.js';

export interface ApplyFeedbackOptions {
  /** Net rejections (rejections and replacements minus acceptances) at which a suggestion is hidden (default 3). */
  hideAfter?: number;
  /** Score factor per net rejection below `hideAfter` (default 0.5). */
  demoteFactor?: number;
}

/** Feedback records compiled for fast lookup against one release. */
export interface CompiledFeedback {
  readonly ontology: Ontology;
  /** "term\tE11.9" → count */
  readonly accepts: ReadonlyMap<string, number>;
  readonly rejects: ReadonlyMap<string, number>;
  /** "term\tE11.9" → replacement codes with counts, most used first */
  readonly replacements: ReadonlyMap<string, { code: string; count: number }[]>;
  /** Records naming a code the release does not have (deleted since); they are ignored. */
  readonly stale: readonly FeedbackRecord[];
}

/** A coding result after feedback, with what feedback hid (for a "hidden by your feedback" fold). */
export interface FeedbackAppliedResult extends CodingResult {
  hiddenByFeedback: CodeSuggestion[];
}

const pair = (term: string, code: string): string => `${term}\t${toDotted(code)}`;

/**
 * Compiles records for {@link applyFeedback} against the release in use; records whose codes
 * the release no longer has are set apart as `stale`.
 */
export function compileFeedback(
  records: readonly FeedbackRecord[],
  ontology: Ontology,
): CompiledFeedback {
  const accepts = new Map<string, number>();
  const rejects = new Map<string, number>();
  const replacements = new Map<string, { code: string; count: number }[]>();
  const stale: FeedbackRecord[] = [];
  for (const r of records) {
    if (!ontology.has(r.code) || (r.replacement && !ontology.has(r.replacement))) {
      stale.push(r);
      continue;
    }
    const k = pair(r.term, r.code);
    if (r.decision === 'accept') accepts.set(k, (accepts.get(k) ?? 0) + r.count);
    else if (r.decision === 'reject') rejects.set(k, (rejects.get(k) ?? 0) + r.count);
    else if (r.replacement) {
      let list = replacements.get(k);
      if (!list) replacements.set(k, (list = []));
      const to = toDotted(r.replacement);
      const hit = list.find((x) => x.code === to);
      if (hit) hit.count += r.count;
      else list.push({ code: to, count: r.count });
      list.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
    }
  }
  return { ontology, accepts, rejects, replacements, stale };
}

/**
 * Dictionary terms learned from replacements, for `createCoder(ontology, {extraTerms})`:
 * the term now finds the code the coder chose. Rebuild the coder when these change (with the
 * prebuilt dictionary that costs well under a second).
 */
export function learnedFeedbackTerms(
  records: readonly FeedbackRecord[],
  ontology?: Ontology,
): NonNullable<TermDictionaryOptions['extraTerms']> {
  const seen = new Set<string>();
  const out: NonNullable<TermDictionaryOptions['extraTerms']> = [];
  for (const r of records) {
    if (r.decision !== 'replace' || !r.replacement) continue;
    if (ontology && !ontology.has(r.replacement)) continue;
    const key = pair(r.term, r.replacement);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: r.term, code: toDotless(r.replacement), source: 'learned', weight: 0.9 });
  }
  return out;
}

/**
 * Applies the coder's feedback to a coding result (codes and flagged alike): replacements
 * first, then demotion, hiding and promotion; the list is re-sorted and the principal
 * candidate re-chosen. The input is not modified.
 *
 * @example
 * const feedback = compileFeedback(await store.getAll(), coder.ontology);
 * const shown = applyFeedback(coder.code(text), feedback);
 */
export function applyFeedback(
  result: CodingResult,
  feedback: CompiledFeedback,
  options: ApplyFeedbackOptions = {},
): FeedbackAppliedResult {
  const hideAfter = options.hideAfter ?? 3;
  const factor = options.demoteFactor ?? 0.5;
  const hidden: CodeSuggestion[] = [];
  const rewrite = (list: readonly CodeSuggestion[]): CodeSuggestion[] => {
    const out: CodeSuggestion[] = [];
    const changed = new Set<CodeSuggestion>();
    for (const original of list) {
      let s: CodeSuggestion = {
        ...original,
        evidence: [...original.evidence],
        notes: [...original.notes],
      };
      const terms = feedbackTermsOf(s.evidence);
      // Replacement: the most used replacement among the suggestion's terms wins.
      let best: { term: string; code: string; count: number } | undefined;
      for (const t of terms) {
        const r = feedback.replacements.get(pair(t, s.code))?.[0];
        if (r && (!best || r.count > best.count)) best = { term: t, ...r };
      }
      if (best && best.code !== s.code) {
        changed.add(original);
        const info = feedback.ontology.lookup(best.code);
        s = {
          ...s,
          code: best.code,
          title: info?.title ?? s.title,
          billable: info?.billable ?? s.billable,
          source: 'learned',
          notes: [
            ...s.notes.filter((n) => n.rule !== 'unspecified'),
            {
              rule: 'feedback-replaced',
              message: `Suggested as ${original.code}; you replaced it with ${best.code} for "${best.term}" (${best.count}×).`,
              codes: [original.code],
            },
          ],
        };
      } else {
        let net = 0;
        let at = '';
        for (const t of terms) {
          const k = pair(t, s.code);
          const replaced = (feedback.replacements.get(k) ?? []).reduce((n, r) => n + r.count, 0);
          const n = (feedback.rejects.get(k) ?? 0) + replaced - (feedback.accepts.get(k) ?? 0);
          if (Math.abs(n) > Math.abs(net) || (n < 0 && net === 0)) {
            net = n;
            at = t;
          }
        }
        if (net >= hideAfter) {
          hidden.push({
            ...s,
            notes: [
              ...s.notes,
              {
                rule: 'feedback-hidden',
                message: `Hidden: you rejected ${s.code} for "${at}" ${net}×.`,
              },
            ],
          });
          continue;
        }
        if (net !== 0) changed.add(original);
        if (net > 0) {
          s.score = round(s.score * factor ** net);
          s.notes.push({
            rule: 'feedback-demoted',
            message: `Ranked lower: you rejected ${s.code} for "${at}" ${net}×.`,
          });
        } else if (net < 0) {
          s.score = round(1 - (1 - s.score) * 0.8 ** Math.min(-net, 5));
          s.notes.push({
            rule: 'feedback-accepted',
            message: `Ranked higher: you accepted ${s.code} for "${at}" ${-net}×.`,
          });
        }
      }
      // A replacement may land on a code the list already has: merge the evidence into it.
      const same = out.find((x) => x.code === s.code);
      if (same) {
        changed.add(same);
        for (const e of s.evidence)
          if (!same.evidence.some((x) => x.start === e.start && x.end === e.end))
            same.evidence.push(e);
        same.evidence.sort((a, b) => a.start - b.start);
        same.score = Math.max(same.score, s.score);
        for (const n of s.notes)
          if (n.rule.startsWith('feedback') && !same.notes.includes(n)) same.notes.push(n);
        continue;
      }
      if (changed.has(original)) changed.add(s);
      out.push(s);
    }
    // The coder's order stands for untouched suggestions; a changed one moves to where its new
    // score puts it among them.
    const kept = out.filter((s) => !changed.has(s));
    for (const s of out.filter((x) => changed.has(x)).sort((a, b) => b.score - a.score)) {
      const at = kept.findIndex((k) => !changed.has(k) && k.score < s.score);
      kept.splice(at < 0 ? kept.length : at, 0, s);
    }
    return kept;
  };
  const codes = rewrite(result.codes);
  const flagged = rewrite(result.flagged);
  // The principal candidate may have been hidden or outranked: the first eligible code takes it.
  const eligible = (s: CodeSuggestion): boolean =>
    s.group === 'principal' || (s.group === 'secondary' && !s.code.startsWith('R'));
  const principal = codes.find(eligible);
  for (const s of codes) {
    if (s === principal) s.group = 'principal';
    else if (s.group === 'principal') s.group = 'secondary';
  }
  return { ...result, codes, flagged, hiddenByFeedback: hidden };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
