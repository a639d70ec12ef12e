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
    suggestion('J18.9', {
      group: 'flagged',
      assertion: 'negated',
      evidence: [{ start: 3, end: 12, text: '<img src=x onerror=alert(1)>' }],
    }),
  ],
};

function renderPanel(overrides: Partial<PanelAppProps> = {}): {
  root: ShadowRoot;
  props: PanelAppProps;
} {
  const host = document.createElement('marginalia-panel');
  document.body.replaceChildren(host);
  const root = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  root.append(container);
  const props: PanelAppProps = {
    state: {
      status: 'ready',
      result: RESULT,
      noteId: 'note-a',
      charCount: 100,
      origin: 'page',
      elapsedMs: 12,
    },
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
    const codes = [...root.querySelectorAll('[data-code]')].map((el) => [
      el.getAttribute('data-code'),
      el.getAttribute('data-flagged'),
    ]);
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
    const { root } = renderPanel({
      state: {
        status: 'ready',
        result: many,
        noteId: 'note-a',
        charCount: 100,
        origin: 'page',
        elapsedMs: 12,
      },
    });
    const first = root.querySelectorAll('[data-code]').length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(41);
    expect(root.querySelector('[data-terminology]')).toBeNull(); // the footer marks a complete list
    // Unit tests run the release code (__TEST__ false): no benchmark timing attribute.
    expect(root.querySelector('aside')?.hasAttribute('data-first-codes-at')).toBe(false);
    await vi.waitFor(() => expect(root.querySelector('[data-terminology]')).not.toBeNull(), {
      timeout: 2_000,
    });
    expect(root.querySelectorAll('[data-code]').length).toBe(41);
    expect(root.querySelector('.group h2 .count')?.textContent).toBe('40'); // counts were whole all along
  });

  it('updates a complete long list in place: the first codes at once, the rest kept (not rebuilt) until the second pass', async () => {
    const longResult = (titlePrefix: string): CodingResult => ({
      terminology: 'ICD-10-CM 2025-april',
      model: null,
      codes: Array.from({ length: 40 }, (_, i) =>
        suggestion(`R${String(i).padStart(2, '0')}.0`, { title: `${titlePrefix} ${i}` }),
      ),
      flagged: [],
    });
    const ready = (result: CodingResult): PanelAppProps['state'] => ({
      status: 'ready',
      result,
      noteId: 'note-a',
      charCount: 100,
      origin: 'page',
      elapsedMs: 12,
    });
    const { root, props } = renderPanel({ state: ready(longResult('old')) });
    await vi.waitFor(() => expect(root.querySelectorAll('[data-code]').length).toBe(40));
    const container = root.querySelector('div')!;
    const lastItem = root.querySelector('[data-suggestion="R39.0"]');
    render(h(PanelApp, { ...props, state: ready(longResult('new')) }), container);
    // First pass: every code still listed, the first ones updated, the rest as they were.
    expect(root.querySelectorAll('[data-code]').length).toBe(40);
    const title = (code: string): string | null | undefined =>
      root.querySelector(`[data-suggestion="${code}"] .title`)?.textContent;
    expect(title('R00.0')).toBe('new 0');
    expect(title('R39.0')).toBe('old 39');
    await vi.waitFor(() => expect(title('R39.0')).toBe('new 39'), { timeout: 2_000 });
    expect(root.querySelector('[data-suggestion="R39.0"]')).toBe(lastItem); // the same node, updated
  });

  it('shows an error with a retry button', () => {
    const { root, props } = renderPanel({
      state: { status: 'error', message: 'Expected a pack, got none.' },
    });
    expect(root.querySelector('[role=alert]')?.textContent).toContain('Expected a pack, got none.');
    (root.querySelector('[role=alert] button') as HTMLButtonElement).click();
    expect(props.onRetry).toHaveBeenCalled();
  });
});

describe('the encounter and documentation queries in the panel', () => {
  const view = {
    store: 'session' as const,
    encounter: {
      id: 'e1',
      name: 'Admission',
      startedAt: '',
      setting: 'inpatient' as const,
      notes: [],
      confirmedPoa: {},
    },
    summary: {
      principalReason:
        'I13.0 carries the acute condition I50.33 and is sequenced before it; confirm it was chiefly responsible for the admission.',
      warnings: [],
      dropped: [],
      codes: [
        {
          code: 'I13.0',
          title: 'Hypertensive heart and chronic kidney disease with heart failure',
          billable: true,
          assertion: 'present' as const,
          sequence: 1,
          isPrincipal: true,
          supportedBy: [
            { noteId: 'a', kind: 'discharge-summary' as const, title: 'Discharge summary' },
          ],
          evidence: [],
          notes: [
            {
              rule: 'use-additional-satisfied',
              message: 'Use additional code I50.33: sequenced after I13.0.',
              codes: ['I50.33'],
            },
          ],
          poa: {
            suggested: {
              indicator: 'Y' as const,
              basis: 'stated' as const,
              reason: 'documented as present at admission',
            },
          },
        },
      ],
    },
  };
  const encounter = (overrides = {}) => ({
    view: null,
    acceptedCount: 2,
    noteInEncounter: false,
    defaultSetting: 'inpatient' as const,
    busy: false,
    onStart: vi.fn(),
    onAddNote: vi.fn(),
    onSetPrincipal: vi.fn(),
    onConfirmPoa: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  });

  it('offers to start an encounter with an optional name', () => {
    const props = encounter();
    const { root } = renderPanel({ encounter: props });
    const name = root.querySelector<HTMLInputElement>(
      'input[aria-label="Encounter name (optional)"]',
    )!;
    name.value = 'Stay 12/01';
    root.querySelector<HTMLButtonElement>('[data-action="start-encounter"]')!.click();
    expect(props.onStart).toHaveBeenCalledWith('Stay 12/01', 'inpatient');
    root.querySelector<HTMLInputElement>('input[value="inpatient"]')!.checked = false;
    root.querySelector<HTMLInputElement>('input[value="outpatient"]')!.checked = true;
    root.querySelector<HTMLButtonElement>('[data-action="start-encounter"]')!.click();
    expect(props.onStart).toHaveBeenLastCalledWith('Stay 12/01', 'outpatient');
    expect(root.querySelector('.encounter select')).toBeNull(); // no <select> (its UA shadow root holds slots)
  });

  it('lists the encounter’s codes in sequence with their notes, POA and satisfied partners, and adds this note', () => {
    const props = encounter({ view });
    const { root } = renderPanel({ encounter: props });
    const row = root.querySelector('[data-encounter-code="I13.0"]')!;
    expect(row.getAttribute('data-sequence')).toBe('1');
    expect(row.textContent).toContain('principal');
    expect(row.querySelector('[data-supported-by]')!.getAttribute('data-supported-by')).toBe(
      'Discharge summary',
    );
    expect(row.querySelector('select[aria-label="POA for I13.0"]')!.getAttribute('data-poa')).toBe(
      'Y',
    );
    expect(row.querySelector('[data-satisfied]')!.textContent).toContain(
      'Use additional code I50.33: sequenced after I13.0.',
    );
    root.querySelector<HTMLButtonElement>('[data-action="add-to-encounter"]')!.click();
    expect(props.onAddNote).toHaveBeenCalled();
  });

  it('shows a documentation query draft, folded, with a copy button', () => {
    const query = {
      family: 'ckd-stage' as const,
      topic: 'chronic kidney disease',
      about: ['N18.9'],
      documented: [],
      indicators: [],
      question: 'Please clarify the stage of the chronic kidney disease.',
      options: ['Other (please specify)', 'Clinically undetermined'],
      draft: 'Documentation clarification: chronic kidney disease\n…',
    };
    const { root } = renderPanel({ queries: [query] });
    const draft = root.querySelector('[data-query-family="ckd-stage"]')!;
    expect(draft.querySelector('pre')!.textContent).toContain(
      'Documentation clarification: chronic kidney disease',
    );
    expect([...draft.querySelectorAll('button')].map((b) => b.textContent?.trim())).toContain(
      'Copy draft',
    );
  });
});
