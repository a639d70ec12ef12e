// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { watchCoderPlace } from '../../../extension/content/watch-coder-place.js';

describe('watchCoderPlace', () => {
  it('reports where the coder presses or focuses on the page, never inside the panel', () => {
    document.body.innerHTML =
      '<article><p id="note">Asthma.</p><textarea></textarea></article><marginalia-panel><button>Accept</button></marginalia-panel>';
    const controller = new AbortController();
    const onMove = vi.fn();
    watchCoderPlace(document, controller.signal, onMove);
    const note = document.getElementById('note')!;
    note.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(onMove).toHaveBeenLastCalledWith(note);
    const field = document.querySelector('textarea')!;
    field.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(onMove).toHaveBeenLastCalledWith(field);
    document
      .querySelector('marginalia-panel button')!
      .dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(onMove).toHaveBeenCalledTimes(2);
    controller.abort();
    note.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(onMove).toHaveBeenCalledTimes(2);
  });
});
