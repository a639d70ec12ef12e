/**
 * The coder in use, with its terminology version and the coder's feedback:
 *
 * - on start, the version the options page made active (an imported release), falling back to
 *   the packaged one if that fails to load;
 * - {@link CoderHost.switchTo} loads another version next to the current one, checks it codes,
 *   and only then makes it active (pointer in IndexedDB) and the one in use: a bad release never
 *   leaves the coder without terminology;
 * - {@link CoderHost.code} applies feedback: records are compiled once per change, and the coder
 *   is rebuilt with the learned terms when the replacements change.
 */
import {
  applyFeedback,
  compileFeedback,
  learnedFeedbackTerms,
  type CompiledFeedback,
  type FeedbackRecord,
} from '../../src/feedback/index.js';
import { createCoder, type Coder } from '../../src/index.js';
import type { CodingOptions, CodingResult } from '../../src/engine/coding-types.js';
import { describeErrorForLog, warnOnce } from '../shared/logger.js';
import type { FeedbackCodingResult, TerminologyStatus } from '../shared/protocol.js';
import { readActiveTerminology, writeActiveTerminology } from '../shared/release-uploads.js';
import { loadCoder, TerminologyUnavailableError, type LoadedCoder } from './load-coder.js';
import { reportLoadProgress } from './load-progress.js';
import { LinkerHost } from './load-model.js';
import type { LoadedLinker } from '../../model-runtime/load-linker.js';

/** Reads the coder's feedback records (cached by the caller's store wrapper). */
export interface FeedbackSource {
  records(): Promise<readonly FeedbackRecord[]>;
  /** Bumped on every change, so compiled state can be reused until then. */
  readonly revision: number;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A sentence every release codes (a smoke test before a switch). */
const VALIDATION_TEXT = 'Essential hypertension. Type 2 diabetes mellitus without complications.';

export class CoderHost {
  private loading: Promise<LoadedCoder> | undefined;
  private compiled:
    | {
        loaded: LoadedCoder;
        revision: number;
        feedback: CompiledFeedback;
        learnedKey: string;
        coder: Coder;
      }
    | undefined;

  constructor(
    private readonly feedback: FeedbackSource,
    private readonly linker: LinkerHost = new LinkerHost(),
  ) {}

  get(): Promise<LoadedCoder> {
    this.loading ??= this.loadActive().catch((error: unknown) => {
      void reportLoadProgress('failed');
      this.loading = undefined; // let the next request retry (e.g. after a repair)
      throw error;
    });
    return this.loading;
  }

  private async loadActive(): Promise<LoadedCoder> {
    const active = await readActiveTerminology().catch(() => undefined);
    if (active) {
      try {
        return await loadCoder({ version: active.version });
      } catch (error) {
        warnOnce(
          `Terminology ${active.version} did not load; using the packaged one (${describeErrorForLog(error)}).`,
        );
      }
    }
    return loadCoder();
  }

  /** Loads `version`, checks it, makes it active. The current coder serves until then. */
  async switchTo(version: string): Promise<TerminologyStatus> {
    const current = await this.get().catch(() => undefined);
    const next = await loadCoder({ version });
    const check = next.coder.code(VALIDATION_TEXT);
    if (
      next.ontology.version !== version ||
      next.ontology.size < 1_000 ||
      check.codes.length === 0
    ) {
      throw new TerminologyUnavailableError(
        `Expected terminology ${version} to load and code a test sentence, got version ${next.ontology.version}, ${next.ontology.size} codes, ${check.codes.length} suggestions. Kept ${current?.status.version ?? 'the current version'}.`,
      );
    }
    await writeActiveTerminology({
      version,
      ...(current ? { previous: current.status.version } : {}),
      switchedAt: Date.now(),
    });
    this.loading = Promise.resolve(next);
    this.compiled = undefined;
    return next.status;
  }

  /**
   * Codes `text`; with `useFeedback`, the coder's feedback reorders, demotes, hides and replaces.
   * Stops with the signal's reason once `options.signal` aborts (checked between the steps and
   * inside the engine).
   */
  async code(
    text: string,
    options: CodingOptions,
    useFeedback: boolean,
  ): Promise<FeedbackCodingResult> {
    const loaded = await this.get();
    void this.linker.start(loaded.ontology);
    // A run superseded while the engine loaded, or while another note was coded (a cancel
    // queued behind that synchronous work lands during this one task), stops here.
    if (options.signal) await nextTask();
    options.signal?.throwIfAborted();
    if (!useFeedback) return this.codeWith(loaded.coder, text, options);
    const records = await this.feedback.records().catch((error: unknown) => {
      warnOnce(`Feedback unavailable; coding without it (${describeErrorForLog(error)}).`);
      return [];
    });
    options.signal?.throwIfAborted();
    if (records.length === 0)
      return { ...(await this.codeWith(loaded.coder, text, options)), hiddenByFeedback: [] };
    const state = this.compiledFor(loaded, records);
    return applyFeedback(await this.codeWith(state.coder, text, options), state.feedback);
  }

  /** The neural linker when it is loaded (for semantic search), else undefined. */
  get readyLinker(): LoadedLinker | undefined {
    const state = this.linker.current;
    return state.kind === 'ready' ? state.linker : undefined;
  }

  /** The model coder when the neural linker is loaded, else the dictionary path with a notice. */
  private async codeWith(
    coder: Coder,
    text: string,
    options: CodingOptions,
  ): Promise<CodingResult> {
    // What this engine start had to do without (a missing optional file), shown in the panel.
    const loadNotices = (await this.get()).notices;
    const withNotices = (result: CodingResult, extra: string[] = []): CodingResult => {
      const notices = [...(result.notices ?? []), ...loadNotices, ...extra];
      return notices.length > 0 ? { ...result, notices } : result;
    };
    const model = this.linker.wrap(coder);
    if (model) return withNotices(await model.code(text, options));
    const result = coder.code(text, options);
    const state = this.linker.current;
    return withNotices(result, state.kind === 'unavailable' ? [state.notice] : []);
  }

  private compiledFor(
    loaded: LoadedCoder,
    records: readonly FeedbackRecord[],
  ): NonNullable<CoderHost['compiled']> {
    const revision = this.feedback.revision;
    const previous = this.compiled;
    if (previous && previous.loaded === loaded && previous.revision === revision) return previous;
    const feedback = compileFeedback(records, loaded.ontology);
    const extraTerms = learnedFeedbackTerms(records, loaded.ontology);
    const learnedKey = JSON.stringify(extraTerms.map((t) => [t.text, t.code]).sort());
    let coder: Coder;
    if (previous && previous.loaded === loaded && previous.learnedKey === learnedKey)
      coder = previous.coder;
    else if (extraTerms.length === 0) coder = loaded.coder;
    else
      coder = createCoder(loaded.ontology, {
        ...loaded.coderOptions,
        extraTerms: [...(loaded.coderOptions.extraTerms ?? []), ...extraTerms],
      });
    this.compiled = { loaded, revision, feedback, learnedKey, coder };
    return this.compiled;
  }
}
