import { describe, expect, it } from 'vitest';
import { LAY_TERM_COUNT, rewriteLayWording } from '../../src/text/lay-terms.js';

describe('rewriteLayWording', () => {
  it('puts lay phrases in clinical wording and keeps the other words', () => {
    expect(rewriteLayWording('Burning when peeing')).toBe('dysuria');
    expect(rewriteLayWording('hernia in the groin')).toBe('inguinal hernia');
    expect(rewriteLayWording('broken collarbone')).toBe('fracture clavicle');
    expect(rewriteLayWording('left ear infection')).toBe('left otitis media');
    expect(rewriteLayWording('Stomach flu x3 days, MS')).toBe('gastroenteritis x3 days, MS');
  });

  it('prefers the longest phrase that starts at a word', () => {
    expect(rewriteLayWording('throwing up blood')).toBe('hematemesis');
    expect(rewriteLayWording('throwing up')).toBe('vomiting');
    expect(rewriteLayWording('blocked heart arteries')).toBe(
      'atherosclerotic heart disease of coronary artery',
    );
  });

  it('folds case, accents and apostrophes as people type them', () => {
    expect(rewriteLayWording("Can't get an erection")).toBe('erectile dysfunction');
    expect(rewriteLayWording('cant get an erection')).toBe('erectile dysfunction');
    expect(rewriteLayWording('ATHLETE’S FOOT')).toBe('tinea pedis');
  });

  it('leaves clinical wording and words with a clinical sense of their own alone', () => {
    expect(rewriteLayWording('type 2 diabetes mellitus')).toBeUndefined();
    expect(rewriteLayWording('gas gangrene')).toBeUndefined();
    expect(rewriteLayWording('hydatidiform mole')).toBeUndefined();
    expect(rewriteLayWording('vesicoureteral reflux')).toBeUndefined();
    expect(rewriteLayWording('growth hormone deficiency')).toBeUndefined();
    expect(rewriteLayWording('perinatal period')).toBeUndefined();
    expect(rewriteLayWording('')).toBeUndefined();
  });

  it('matches whole words only', () => {
    expect(rewriteLayWording('cutaneous abscess')).toBeUndefined();
    expect(rewriteLayWording('monocytosis')).toBeUndefined();
  });

  it('has a table of a useful size', () => {
    expect(LAY_TERM_COUNT).toBeGreaterThan(400);
  });
});
