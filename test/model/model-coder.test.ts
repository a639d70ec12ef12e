import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, testLexicons, testOntology } from '../helpers/load-pack.js';
import { createCoder } from '../../src/engine/create-coder.js';
import {
  createModelCoder,
  unresolvedPhrases,
  FUSION_FEATURES,
} from '../../src/engine/model-coder.js';
import type { RankerModel } from '../../src/engine/code-ranker.js';
import { testLinker } from '../helpers/load-linker.js';

describe('unresolvedPhrases', () => {
  it('returns uncovered noun-phrase chunks with exact offsets', () => {
    const text = 'History of hypertension. He presented water on the lungs and swollen ankles.';
    const covered = [{ start: 11, end: 23 }];
    const phrases = unresolvedPhrases(text, covered, 10);
    for (const p of phrases) expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(phrases.map((p) => p.text)).toContain('swollen ankles');
    expect(phrases.some((p) => p.text.includes('hypertension'))).toBe(false);
  });
});

/** The dictionary coder with the committed ranker. */
function committedCoder(): { coder: ReturnType<typeof createCoder>; ranker: RankerModel } {
  const ranker = JSON.parse(
    readFileSync(path.join(REPO, 'models', 'code-ranker.json'), 'utf8'),
  ) as RankerModel;
  return { coder: createCoder(testOntology(), { lexicons: testLexicons(), ranker }), ranker };
}

describe('retrieval for uncovered phrases', () => {
  it('is off by default and searches uncovered phrases when asked (the fusion fit does)', async () => {
    const { coder, ranker } = committedCoder();
    const { config, codeIndex, embedder, runner } = await testLinker();
    try {
      const fusion = config.fusion!;
      const text = 'He presented with water on the lungs, swollen ankles and a sore tummy.';
      const retrieved = async (options: { maxPhrases?: number }): Promise<number> =>
        (
          await createModelCoder(coder, embedder, codeIndex, { fusion, ...options }).candidates(
            text,
            { scope: 'mentions' },
          )
        ).filter((c) => c.features['retrieved'] === 1).length;
      expect(await retrieved({})).toBe(0);
      expect(await retrieved({ maxPhrases: 80 })).toBeGreaterThan(0);
    } finally {
      runner.dispose();
    }
  });
});

describe('createModelCoder', () => {
  it('reranks and adds to the dictionary path, and says which model ran', async () => {
    const { coder, ranker } = committedCoder();
    const { config, codeIndex, embedder, runner } = await testLinker();
    try {
      const mc = createModelCoder(
        coder,
        embedder,
        codeIndex,
        config.fusion ? { fusion: config.fusion } : {},
      );
      const text =
        'A 54-year-old man with kidney stones and type 2 diabetes mellitus. No chest pain.';
      const result = await mc.code(text, { scope: 'mentions' });
      expect(result.model).toContain(config.id);
      const codes = result.codes.map((c) => c.code);
      expect(codes.some((c) => c.startsWith('E11'))).toBe(true);
      for (const c of [...result.codes, ...result.flagged])
        for (const e of c.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
      const candidates = await mc.candidates(text, { scope: 'mentions' });
      for (const c of candidates)
        expect(Object.keys(c.features).sort()).toEqual([...FUSION_FEATURES].sort());
      expect(candidates.some((c) => c.code.startsWith('N20'))).toBe(true);
      // The dictionary path is untouched by the wrapper.
      expect(coder.code(text, { scope: 'mentions' }).model).toBe(ranker.id);
      expect(() => createModelCoder(coder, { ...embedder, id: 'other@1' }, codeIndex)).toThrow(
        /retrain/,
      );
      // Reportable scope (the panel) goes through the same coding conventions as the dictionary path.
      const family = await mc.code('Mother with breast cancer.', { scope: 'reportable' });
      expect(family.codes.map((c) => c.code)).toEqual(['Z80.3']);
      expect(family.flagged.map((c) => c.code)).toContain('C50.919');
      const combo = await mc.code('Hypertension with chronic kidney disease stage 3b.', {
        scope: 'reportable',
        setting: 'inpatient',
      });
      expect(combo.codes.map((c) => c.code).sort()).toEqual(['I12.9', 'N18.32']);
      const negated = await mc.code('Chest x-ray: no evidence of pneumonia.', {
        scope: 'reportable',
      });
      expect(negated.codes.map((c) => c.code)).not.toContain('J18.9');
      // Fusion weights are read by their stored feature names, whatever their order.
      const fusion = config.fusion;
      if (fusion) {
        const { features, weights } = fusion;
        const order = features.map((_, i) => i).reverse();
        const reordered = createModelCoder(coder, embedder, codeIndex, {
          fusion: {
            ...fusion,
            features: order.map((i) => features[i]!),
            weights: order.map((i) => weights[i]!),
          },
        });
        const note = 'Type 2 diabetes with hyperglycemia; swollen ankles; no chest pain.';
        const scores = async (m: typeof mc): Promise<[string, number][]> =>
          (await m.code(note, { scope: 'mentions' })).codes.map((c) => [c.code, c.score]);
        const [direct, reversed] = [await scores(mc), await scores(reordered)];
        expect(reversed.map(([c]) => c)).toEqual(direct.map(([c]) => c));
        reversed.forEach(([, s], i) => expect(s).toBeCloseTo(direct[i]![1], 9));
        // A context scorer in the fusion adds its log-odds: +3 on every bucket raises every score.
        const lifted = createModelCoder(coder, embedder, codeIndex, {
          fusion: { ...fusion, context: { buckets: 16, weights: new Array<number>(16).fill(3) } },
        });
        const raised = new Map(await scores(lifted));
        for (const [code, score] of direct) expect(raised.get(code)).toBeGreaterThanOrEqual(score);
        expect(direct.some(([code, score]) => raised.get(code)! > score)).toBe(true);
        expect(() =>
          createModelCoder(coder, embedder, codeIndex, {
            fusion: { ...fusion, features: [...features.slice(1), 'retired'] },
          }),
        ).toThrow(/Retrain/);
      }
    } finally {
      runner.dispose();
    }
  });
});
