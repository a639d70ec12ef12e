/**
 * No loss of accuracy from speed work: the codes the CLI's coder gives a fixed sample of
 * CodiEsp dev notes and development notes (us-notes-dev), with and without the neural linker,
 * in both scopes, are compared with a committed snapshot. The snapshot holds note ids and codes
 * only, never note text. A change that is meant to change the codes updates it with
 * `npx vitest run --project data test/engine/output-snapshot.test.ts -u` (and says why).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCoreFromDisk } from '../../cli/load-core.js';
import type { CodingOptions } from '../../src/engine/coding-types.js';
import { DATA_DIR, PACK_PATH } from '../helpers/load-pack.js';

const CODIESP_DEV = path.join(DATA_DIR, 'codiesp', 'dev', 'text_files_en');
const US_NOTES = path.join(DATA_DIR, 'us-notes-dev', 'us-notes-dev.json');
/** Every 21st CodiEsp dev note, by file name (without .txt). */
const CODIESP_IDS = [
  'S0004-06142005000900016-1',
  'S0004-06142008000700011-1',
  'S0210-48062007001000004-3',
  'S0211-69952015000600014-2',
  'S0365-66912004000900009-1',
  'S0365-66912011000600005-2',
  'S0378-48352004000200007-1',
  'S1130-01082009000200011-1',
  'S1130-05582015000100004-1',
  'S1134-80462015000200003-1',
  'S1137-66272014000300017-1',
  'S1698-44472004000100009-1',
];
/** Every eighth development note. */
const US_NOTE_STRIDE = 8;

const VARIANTS: { name: string; model: boolean; options: CodingOptions }[] = [
  { name: 'mentions, linker', model: true, options: { scope: 'mentions' } },
  { name: 'mentions, no model', model: false, options: { scope: 'mentions' } },
  { name: 'reportable, linker', model: true, options: { scope: 'reportable' } },
  { name: 'reportable, no model', model: false, options: { scope: 'reportable' } },
];

describe.skipIf(!existsSync(CODIESP_DEV) || !existsSync(US_NOTES))('coder output snapshot', () => {
  it('gives the committed codes for the fixed sample of notes', async () => {
    const core = await loadCoreFromDisk({
      packPath: PACK_PATH,
      withCoder: true,
      withModel: true,
      withRanker: true,
    });
    try {
      const notes: { id: string; text: string; setting?: CodingOptions['setting'] }[] = [];
      for (const id of CODIESP_IDS) {
        const file = path.join(CODIESP_DEV, `${id}.txt`);
        if (!existsSync(file)) throw new Error(`Expected CodiEsp dev note ${file}.`);
        notes.push({ id: `codiesp-dev/${id}`, text: readFileSync(file, 'utf8') });
      }
      const usNotes = JSON.parse(readFileSync(US_NOTES, 'utf8')) as {
        id: string;
        setting?: CodingOptions['setting'];
        text: string;
      }[];
      usNotes.forEach((n, i) => {
        if (i % US_NOTE_STRIDE === 0)
          notes.push({
            id: `us-notes-dev/${n.id}`,
            text: n.text,
            ...(n.setting ? { setting: n.setting } : {}),
          });
      });
      const snapshot: Record<string, Record<string, string[]>> = {};
      for (const note of notes) {
        const byVariant: Record<string, string[]> = {};
        for (const v of VARIANTS) {
          const options = { ...v.options, ...(note.setting ? { setting: note.setting } : {}) };
          const result =
            v.model && core.modelCoder
              ? await core.modelCoder.code(note.text, options)
              : core.coder.code(note.text, options);
          byVariant[v.name] = result.codes.map((c) => `${c.code} ${c.assertion}`);
        }
        snapshot[note.id] = byVariant;
      }
      expect(core.modelCoder, 'the linker (models/) is loaded').toBeDefined();
      await expect(JSON.stringify(snapshot, null, 1) + '\n').toMatchFileSnapshot(
        '../fixtures/output-snapshot/codes.json',
      );
    } finally {
      core.model?.runner.dispose();
    }
  });
});
