// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchPageChanges } from '../../../extension/content/watch-page-changes.js';

describe('watchPageChanges', () => {
  afterEach(() => vi.useRealTimers());

  it('debounces DOM mutations and history navigations into one callback', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<main><p>one</p></main>';
    const controller = new AbortController();
    const onChange = vi.fn();
    watchPageChanges(document, { signal: controller.signal, onChange, debounceMs: 100 });
    document.querySelector('p')!.textContent = 'two';
    await Promise.resolve();
    window.dispatchEvent(new PopStateEvent('popstate'));
    document.body.append(document.createElement('div'));
    await Promise.resolve();
    vi.advanceTimersByTime(99);
    expect(onChange).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('navigation');
    controller.abort();
    document.body.append(document.createElement('div'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await Promise.resolve();
    vi.advanceTimersByTime(500);
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
