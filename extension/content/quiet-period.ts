/**
 * "Do it once things have settled": each {@link QuietPeriod.schedule} restarts the wait, so a
 * burst of page changes runs the callback once, `quietMs` after the last change, but never
 * later than `maxWaitMs` after the first (a page that never stops changing still gets it).
 */
export class QuietPeriod {
  private pending: { timer: ReturnType<typeof setTimeout>; since: number } | undefined;

  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
  ) {}

  get isPending(): boolean {
    return this.pending !== undefined;
  }

  schedule(callback: () => void): void {
    const since = this.pending?.since ?? performance.now();
    this.cancel();
    const wait = Math.max(0, Math.min(this.quietMs, since + this.maxWaitMs - performance.now()));
    const timer = setTimeout(() => {
      this.pending = undefined;
      callback();
    }, wait);
    this.pending = { timer, since };
  }

  cancel(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }
}
