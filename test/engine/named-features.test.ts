import { describe, expect, it } from 'vitest';
import {
  CodeRanker,
  RANKER_FEATURES,
  type CandidateFeatures,
  type RankerModel,
} from '../../src/engine/code-ranker.js';
import { featureVector, storedFeatureOrder } from '../../src/engine/named-features.js';

const candidate: CandidateFeatures = {
  code: 'E119',
  dictScore: 0.8,
  density: 1,
  requiredWords: 3,
  mentions: 2,
  keys: ['type 2 diabetes'],
  sources: ['index', 'learned'],
  assertion: 'present',
  unspecified: false,
  billable: true,
};

function model(features: string[], weights: number[]): RankerModel {
  return {
    format: 'marginalia-code-ranker',
    formatVersion: 1,
    id: 'code-ranker@test',
    features,
    weights,
    threshold: 0.5,
    codeStats: { E119: [10, 12, 9] },
    keyStats: { 'type 2 diabetes\tE119': [8, 7] },
    categoryDf: { E11: 14 },
    trainDocs: 100,
    learnedTerms: [],
    headerForms: [],
    meta: {},
  };
}

describe('features by name', () => {
  const weights = RANKER_FEATURES.map((_, i) => ((i * 7) % 11) / 10 - 0.5);

  it('score a model by its stored feature names, whatever their order', () => {
    const ranker = new CodeRanker(model([...RANKER_FEATURES], weights));
    const order = RANKER_FEATURES.map((_, i) => i).reverse();
    const reversed = new CodeRanker(
      model(
        order.map((i) => RANKER_FEATURES[i]!),
        order.map((i) => weights[i]!),
      ),
    );
    expect(reversed.predict(candidate)).toBeCloseTo(ranker.predict(candidate), 12);
    const named = ranker.namedFeatures(candidate);
    expect(named.source_learned).toBe(1);
    expect(named.assertion_negated).toBe(0);
    expect(ranker.features(candidate)).toEqual(featureVector(named, RANKER_FEATURES));
  });

  it('refuse a model that names a feature this version does not compute', () => {
    const features = [...RANKER_FEATURES.slice(0, -1), 'retired_feature'];
    expect(() => new CodeRanker(model(features, weights))).toThrow(/Retrain/);
    expect(() => new CodeRanker(model([...RANKER_FEATURES], weights.slice(1)))).toThrow(/Retrain/);
    expect(() => storedFeatureOrder('m', ['a', 'a'], 2, ['a', 'b'])).toThrow(/Retrain/);
  });

  it('read a model fitted without a feature this version adds as a zero weight', () => {
    expect(storedFeatureOrder('m', ['b'], 1, ['a', 'b'])).toEqual(['b']);
    expect(featureVector<'a' | 'b'>({ a: 1, b: 2 }, ['b'])).toEqual([2]);
  });
});
