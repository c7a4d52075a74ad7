import { describe, expect, it } from 'vitest';
import { fraction, mean, signed, sub, sum, toFixed } from '../../src/report/exact';
import { ExactSum } from '../../src/report/exact';

describe('exact arithmetic', () => {
  it('averages half points exactly and rounds only for display, half away from zero', () => {
    // (92.5 + 90) / 2 = 91.25 → 91.3 at one decimal, 91.25 at two.
    const m = mean(sum([92.5, 90]), 2)!;
    expect(toFixed(m, 1)).toBe('91.3');
    expect(toFixed(m, 2)).toBe('91.25');
    // (100 + 97 + 90) / 3 = 95.666… → 95.67
    expect(toFixed(mean(sum([100, 97, 90]), 3)!, 2)).toBe('95.67');
    // 0.1 + 0.2 style float drift never shows: 17.5 × 3 / 3 is 17.5 exactly.
    expect(toFixed(mean(sum([17.5, 17.5, 17.5]), 3)!, 2)).toBe('17.50');
    expect(toFixed(fraction(-0.125), 2)).toBe('-0.13');
    expect(toFixed(fraction(0.004), 2)).toBe('0.00');
  });

  it('signs a change and keeps zero unsigned', () => {
    expect(signed(sub(fraction(96.5), fraction(90)), 2)).toBe('+6.50');
    expect(signed(sub(mean(449.5, 5)!, fraction(90)), 2)).toBe('-0.10');
    expect(signed(fraction(0), 2)).toBe('0.00');
  });

  it('has no mean of nothing', () => {
    expect(mean(0, 0)).toBeNull();
  });

  it('sums exactly whether the terms are quarter points (fast path) or not (fractions)', () => {
    const quarters = new ExactSum();
    for (const v of [17.5, 0.25, 99.75, 3]) quarters.add(v);
    expect(quarters.value()).toEqual(fraction(120.5));
    // 0.1 + 0.2 is 0.30000000000000004 in floats; the running sum stays exactly 3/10.
    const tenths = new ExactSum();
    tenths.add(0.1);
    tenths.add(0.2);
    expect(toFixed(tenths.value(), 17)).toBe('0.30000000000000000');
    expect(sum([0.1, 0.2])).toEqual(tenths.value());
    expect(sum([17.5, 17.5, 0.25])).toEqual(fraction(35.25));
  });
});
