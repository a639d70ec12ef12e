/**
 * A value built in steps: a generator that yields every few thousand items, so that a caller
 * can spread a long build over idle slices (`Ontology.warmUp`), while a caller that needs the
 * value now finishes the build at once.
 */
export class StepwiseBuild<T> {
  private value: T | undefined;
  private steps: Generator<void, T, void> | undefined;

  constructor(private readonly start: () => Generator<void, T, void>) {}

  /** The value: built now, or the build in progress finished. */
  get(): T {
    if (this.value === undefined) {
      this.value = finishSteps(this.steps ?? this.start());
      this.steps = undefined;
    }
    return this.value;
  }

  /** The value if it is built, without building it. */
  peek(): T | undefined {
    return this.value;
  }

  /** Runs one step of the build; true once the value is built. */
  step(): boolean {
    if (this.value !== undefined) return true;
    this.steps ??= this.start();
    const next = this.steps.next();
    if (!next.done) return false;
    this.value = next.value;
    this.steps = undefined;
    return true;
  }
}

/** Runs a stepwise build to its end. */
export function finishSteps<T>(steps: Generator<void, T, void>): T {
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}
