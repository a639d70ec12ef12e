// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { watchPageChanges } from '../../../extension/content/watch-page-changes.js';

/** Lets pending mutation records reach their observers. */
const flushMutations = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function watch(): { onChange: ReturnType<typeof vi.fn>; controller: AbortController } {
  const controller = new AbortController();
  const onChange = vi.fn();
  watchPageChanges(document, { signal: controller.signal, onChange });
  return { onChange, controller };
}

describe('watchPageChanges', () => {
  it('reports each DOM mutation and history navigation at once, not debounced', async () => {
    document.body.innerHTML = '<main><p>one</p></main>';
    const { onChange, controller } = watch();
    document.querySelector('p')!.textContent = 'two';
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith('mutation');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenLastCalledWith('navigation');
    controller.abort();
  });

  it('reports a region shown or hidden by an attribute, and typing in a field', async () => {
    document.body.innerHTML =
      '<section id="a">Patient A</section><section id="b" hidden>Patient B</section><textarea></textarea>';
    const { onChange, controller } = watch();
    document.getElementById('b')!.removeAttribute('hidden');
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(1);
    document.querySelector('textarea')!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(onChange).toHaveBeenCalledTimes(2);
    document.getElementById('a')!.setAttribute('open', ''); // a dialog shown
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(3);
    controller.abort();
  });

  it('reports mutations inside open shadow roots, present at the start or added later', async () => {
    document.body.innerHTML = '<main><note-view></note-view></main>';
    const first = document.querySelector('note-view')!.attachShadow({ mode: 'open' });
    first.innerHTML = '<p>Gout.</p>';
    const { onChange, controller } = watch();
    first.querySelector('p')!.textContent = 'Pneumonia.'; // nothing changes in the light DOM
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(1);
    const later = document.createElement('note-view');
    const inner = later.attachShadow({ mode: 'open' });
    inner.innerHTML = '<p>Asthma.</p>';
    document.querySelector('main')!.append(later);
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(2);
    inner.querySelector('p')!.textContent = 'COPD.';
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(3);
    controller.abort();
  });

  // Same-origin iframes (happy-dom gives an iframe no document) are covered by test/e2e/note-switch-safety.e2e.ts.

  it('stops when its signal aborts', async () => {
    document.body.innerHTML = '<main><p>one</p></main>';
    const { onChange, controller } = watch();
    controller.abort();
    document.body.append(document.createElement('div'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await flushMutations();
    expect(onChange).not.toHaveBeenCalled();
  });
});
