import { describe, expect, it } from 'vitest';
import { HAND_FEATURE_COUNT, HAND_FEATURE_NAMES, handFeatures } from '../../src/scorer/features.ts';

const feature = (text: string, name: (typeof HAND_FEATURE_NAMES)[number]): number => handFeatures(text)[HAND_FEATURE_NAMES.indexOf(name)] ?? Number.NaN;

describe('hand features', () => {
  it('has one value per name and handles empty text', () => {
    const values = handFeatures('');
    expect(values.length).toBe(HAND_FEATURE_COUNT);
    expect([...values].every(Number.isFinite)).toBe(true);
  });

  it('counts multiple-choice options, numeric options and negation cues', () => {
    const question = 'Which of the following is NOT prime?\nA. 2\nB. 3\nC. 4\nD. 5\nAnswer:';
    expect(feature(question, 'choice_options')).toBeCloseTo(Math.log1p(4), 6);
    expect(feature(question, 'numeric_options')).toBe(1);
    expect(feature(question, 'negation_cues')).toBeCloseTo(Math.log1p(1), 6);
    expect(feature('Tell me a joke', 'choice_options')).toBe(0);
  });

  it('counts code blocks, questions, numbers and reasoning cues', () => {
    expect(feature('```js\nx\n```\n```py\ny\n```', 'code_blocks')).toBeCloseTo(Math.log1p(2), 6);
    expect(feature('Why? How? What?', 'questions')).toBeCloseTo(Math.log1p(3), 6);
    expect(feature('add 12 and 3.5 then 7', 'log_numbers')).toBeCloseTo(Math.log1p(3), 6);
    expect(feature('Prove it and explain why, step by step', 'reasoning_cues')).toBeCloseTo(Math.log1p(4), 6);
  });

  it('writes at an offset without touching the rest of the buffer', () => {
    const out = new Float32Array(HAND_FEATURE_COUNT + 2).fill(-7);
    handFeatures('hello world', out, 1);
    expect(out[0]).toBe(-7);
    expect(out[HAND_FEATURE_COUNT + 1]).toBe(-7);
    expect(out[1]).toBeCloseTo(Math.log1p(11), 6);
  });
});
