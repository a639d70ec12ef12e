import { describe, expect, it } from 'vitest';
import { negatedInClauseBefore } from '../../src/context/clause-negation.js';

/** The check at the start of `mention` in `text`. */
function negated(text: string, mention: string): boolean {
  const i = text.indexOf(mention);
  if (i < 0) throw new Error(`"${mention}" not in "${text}"`);
  return negatedInClauseBefore(text, i);
}

describe('negatedInClauseBefore', () => {
  it('reads a cue before the mention in its clause, after a header or a list comma', () => {
    expect(negated('CXR: no evidence of pneumonia.', 'pneumonia')).toBe(true);
    expect(negated('Counselled: limit juice, no screens', 'screens')).toBe(true);
    expect(negated('Patient denied chest pain or dyspnea', 'dyspnea')).toBe(true);
    expect(negated('MRI negative for tumor recurrence', 'tumor')).toBe(true);
  });

  it('stops at a clause break and past its reach', () => {
    expect(negated('No fever but cough since Monday', 'cough')).toBe(false);
    expect(negated('No fever. Cough since Monday', 'Cough')).toBe(false);
    expect(negated('No fever; cough since Monday', 'cough')).toBe(false);
    const far = `No fever, ${'and then a long list of other things, '.repeat(2)}cough`;
    expect(negated(far, 'cough')).toBe(false);
  });

  it('leaves "not" and a bare "without" to the context scopes', () => {
    expect(negated('COPD (not on home O2), HTN', 'HTN')).toBe(false);
    expect(negated('Cough without fever', 'fever')).toBe(false);
    expect(negated('Without evidence of fracture', 'fracture')).toBe(true);
  });
});
