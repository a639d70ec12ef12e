import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuietPeriod } from '../../../extension/content/quiet-period.js';

describe('QuietPeriod', () => {
  afterEach(() => vi.useRealTimers());

  it('runs once, quietMs after the last of a burst', () => {
    vi.useFakeTimers();
    const quiet = new QuietPeriod(250, 1_500);
    const callback = vi.fn();
    for (let i = 0; i < 5; i++) {
      quiet.schedule(callback);
      vi.advanceTimersByTime(60);
    }
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(190);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(quiet.isPending).toBe(false);
  });

  it('runs no later than maxWaitMs after the first change, however long the changes go on', () => {
    vi.useFakeTimers();
    const quiet = new QuietPeriod(250, 1_000);
    const callback = vi.fn();
    for (let t = 0; t < 1_200; t += 100) {
      quiet.schedule(callback);
      vi.advanceTimersByTime(100);
      if (t < 900) expect(callback).not.toHaveBeenCalled();
    }
    expect(callback).toHaveBeenCalled();
  });

  it('does nothing once cancelled', () => {
    vi.useFakeTimers();
    const quiet = new QuietPeriod(250, 1_000);
    const callback = vi.fn();
    quiet.schedule(callback);
    quiet.cancel();
    vi.advanceTimersByTime(2_000);
    expect(callback).not.toHaveBeenCalled();
  });
});
