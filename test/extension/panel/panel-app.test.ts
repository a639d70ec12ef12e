// @vitest-environment happy-dom
import { h, render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { CodeSuggestion, CodingResult } from '../../../src/engine/coding-types.js';
import { groupSuggestions } from '../../../extension/panel/group-suggestions.js';
import { PanelApp, type PanelAppProps } from '../../../extension/panel/panel-app.js';

function suggestion(code: string, overrides: Partial<CodeSuggestion> = {}): CodeSuggestion {
  return {
    code,
    system: 'ICD-10-CM',
    title: `Title of ${code}`,
    billable: true,
    score: 0.8,
    assertion: 'present',
    group: 'secondary',
    evidence: [{ start: 0, end: 12, text: 'hypertension' }],
    notes: [],
    source: 'index',
    ...overrides,
  };
}

const RESULT: CodingResult = {
  terminology: 'ICD-10-CM 2025-april',
  model: null,
  codes: [
    suggestion('E11.22', { group: 'principal', score: 0.91 }),
    suggestion('I10'),
    suggestion('Z80.3', { group: 'history', assertion: 'family' }),
  ],
  flagged: [
    suggestion('J18.9', { group: 'flagged', assertion: 'negated', evidence: [{ start: 3, end: 12, text: '<img src=x onerror=alert(1)>' }] }),
  ],
};

function renderPanel(overrides: Partial<PanelAppProps> = {}): { root: ShadowRoot; props: PanelAppProps } {
  const host = document.createElement('marginalia-panel');
  document.body.replaceChildren(host);
  const root = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  root.append(container);
  const props: PanelAppProps = {
    state: { status: 'ready', result: RESULT, noteId: 'note-a', charCount: 100, origin: 'page', elapsedMs: 12 },
    onSelectCode: vi.fn(),
    onClose: vi.fn(),
    onRetry: vi.fn(),
    ...overrides,
  };
  render(h(PanelApp, props), container);
  return { root, props };
}

describe('groupSuggestions', () => {
  it('groups as the coder reads: principal, other, history, flagged', () => {
    const groups = groupSuggestions(RESULT);
    expect(groups.principal.map((s) => s.code)).toEqual(['E11.22']);
    expect(groups.other.map((s) => s.code)).toEqual(['I10']);
    expect(groups.history.map((s) => s.code)).toEqual(['Z80.3']);
    expect(groups.flagged.map((s) => s.code)).toEqual(['J18.9']);
  });
});

describe('PanelApp', () => {
  it('marks every code with data-code and flagged ones with data-flagged', () => {
    const { root } = renderPanel();
    const codes = [...root.querySelectorAll('[data-code]')].map((el) => [el.getAttribute('data-code'), el.getAttribute('data-flagged')]);
    expect(codes).toEqual([
      ['E11.22', null],
      ['I10', null],
      ['Z80.3', null],
      ['J18.9', 'negated'],
    ]);
    expect(root.querySelector('details.flagged [data-code="J18.9"]')).not.toBeNull();
  });

  it('renders evidence as text, never as HTML', () => {
    const { root } = renderPanel();
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('shows the terminology version and confidence', () => {
    const { root } = renderPanel();
    expect(root.querySelector('[data-terminology]')?.textContent).toBe('ICD-10-CM 2025-april');
    expect(root.textContent).toContain('91%');
  });

  it('reports the clicked code and close', () => {
    const { root, props } = renderPanel();
    (root.querySelector('[data-code="I10"]') as HTMLButtonElement).click();
    expect(props.onSelectCode).toHaveBeenCalledWith(RESULT.codes[1]);
    (root.querySelector('button.close') as HTMLButtonElement).click();
    expect(props.onClose).toHaveBeenCalled();
  });

  it('shows a long result in two passes: the first codes at once, then every code and the footer', async () => {
    const many: CodingResult = {
      terminology: 'ICD-10-CM 2025-april',
      model: null,
      codes: Array.from({ length: 40 }, (_, i) => suggestion(`R${String(i).padStart(2, '0')}.0`)),
      flagged: [suggestion('J18.9', { group: 'flagged', assertion: 'negated' })],
    };
    const { root } = renderPanel({ state: { status: 'ready', result: many, noteId: 'note-a', charCount: 100, origin: 'page', elapsedMs: 12 } });
    const first = root.querySelectorAll('[data-code]').length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(41);
    expect(root.querySelector('[data-terminology]')).toBeNull(); // the footer marks a complete list
    // Unit tests run the release code (__TEST__ false): no benchmark timing attribute.
    expect(root.querySelector('aside')?.hasAttribute('data-first-codes-at')).toBe(false);
    await vi.waitFor(() => expect(root.querySelector('[data-terminology]')).not.toBeNull(), { timeout: 2_000 });
    expect(root.querySelectorAll('[data-code]').length).toBe(41);
    expect(root.querySelector('.group h2 .count')?.textContent).toBe('40'); // counts were whole all along
  });

  it('shows an error with a retry button', () => {
    const { root, props } = renderPanel({ state: { status: 'error', message: 'Expected a pack, got none.' } });
    expect(root.querySelector('[role=alert]')?.textContent).toContain('Expected a pack, got none.');
    (root.querySelector('[role=alert] button') as HTMLButtonElement).click();
    expect(props.onRetry).toHaveBeenCalled();
  });
});
