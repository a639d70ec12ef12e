// @vitest-environment happy-dom
// The procedure builder walks a real table: only valid values per axis, code and title follow each choice.
import { h, render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { ProcedureBuilder, repairCode } from '../../../extension/panel/procedure-builder.js';
import { definitionsForTables } from '../../../src/pcs/procedure-coding-result.js';
import { loadPcsTerminology } from '../../../src/pcs/pcs-terminology.js';
import { PcsTables } from '../../../src/pcs/pcs-tables.js';
import { testPcsPack } from '../../helpers/load-pcs-pack.js';

const terms = loadPcsTerminology(testPcsPack());
const table = terms.tables.table('0DT')!;
const definitions = definitionsForTables(terms, [table]);

function mount(
  initialCode: string,
  onAccept = vi.fn(),
): { root: HTMLElement; onAccept: typeof onAccept } {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  render(
    h(ProcedureBuilder, { tables: [table], definitions, initialCode, onAccept, onClose: vi.fn() }),
    root,
  );
  return { root, onAccept };
}

const codeShown = (root: HTMLElement): string | null =>
  root.querySelector('[data-builder-code]')?.getAttribute('data-builder-code') ?? null;
const select = (root: HTMLElement, axis: number): HTMLSelectElement =>
  root.querySelector<HTMLSelectElement>(`select[data-axis="${axis}"]`)!;

describe('procedure builder', () => {
  it('offers only the approaches the table row allows, each with its definition', () => {
    const { root } = mount('0DTJ4ZZ');
    expect(codeShown(root)).toBe('0DTJ4ZZ');
    expect([...select(root, 5).options].map((o) => o.value).sort()).toEqual(['0', '4', '7', '8']);
    expect(select(root, 5).options[0]!.title).toMatch(/^Cutting through the skin/);
    expect(root.querySelector('[data-axis-definition="5"]')?.textContent).toMatch(
      /^Entry, by puncture or minor incision/,
    );
  });

  it('changing the approach updates the code and title and keeps the later axes', async () => {
    const { root, onAccept } = mount('0DTJ4ZZ');
    const approach = select(root, 5);
    approach.value = '0';
    approach.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r, 0));
    expect(codeShown(root)).toBe('0DTJ0ZZ');
    expect(root.querySelector('[data-builder-title]')?.textContent).toBe(
      'Resection of Appendix, Open Approach',
    );
    root.querySelector<HTMLButtonElement>('[data-action="builder-accept"]')!.click();
    expect(onAccept).toHaveBeenCalledWith('0DTJ0ZZ', 'Resection of Appendix, Open Approach');
  });

  it('a partial code cannot be accepted until every axis is chosen', () => {
    const { root } = mount('0DTJ');
    expect(codeShown(root)).toBe('0DTJ');
    expect(root.querySelector<HTMLButtonElement>('[data-action="builder-accept"]')!.disabled).toBe(
      true,
    );
    expect(select(root, 6)).toBeNull();
  });

  it('repairs later axes: a value that stops being valid is dropped, a single choice is taken', () => {
    const tables = new PcsTables([table], 2026);
    expect(repairCode(tables, '0DTJ0', '0DTJ4ZZ')).toBe('0DTJ0ZZ');
    expect(repairCode(tables, '0DT', '0DTJ4ZZ')).toBe('0DTJ4ZZ');
    // A body part chosen anew: no earlier value to keep, several approaches, so it stops there.
    expect(repairCode(tables, '0DTJ', '0DT')).toBe('0DTJ');
  });
});
