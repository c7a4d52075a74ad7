import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADES, fraction, gradeOf, mean, validateGrades } from '../../src/report';

describe('grade bands', () => {
  // Decision: a band applies to the EXACT average; 優 is 90 and above, so 89.5 (or 89.99) is 甲.
  it.each([
    [100, '優'],
    [90, '優'],
    [89.5, '甲'],
    [80, '甲'],
    [79.75, '乙'],
    [70, '乙'],
    [69.5, '丙'],
    [60, '丙'],
    [59.5, '丁'],
    [0, '丁'],
  ])('%s → %s', (score, grade) => {
    expect(gradeOf(fraction(score), DEFAULT_GRADES)).toBe(grade);
  });

  it('grades the exact average, not its rounded display', () => {
    // (90 + 90 + 89.5) / 3 = 89.833… shows as 89.83 and is 甲.
    expect(gradeOf(mean(269.5, 3))).toBe('甲');
    expect(gradeOf(null)).toBeNull();
  });

  it('uses edited bands', () => {
    const edited = validateGrades({ bands: [{ grade: 'A', min: 95 }, { grade: 'B', min: 0 }] });
    expect(edited.ok).toBe(true);
    if (edited.ok) {
      expect(gradeOf(fraction(94.5), edited.value)).toBe('B');
      expect(gradeOf(fraction(95), edited.value)).toBe('A');
    }
  });

  it('rejects a broken setting naming the field and the rule', () => {
    expect(validateGrades({})).toEqual({ ok: false, error: expect.stringContaining('bands') });
    expect(validateGrades({ bands: [{ grade: '優', min: 90 }, { grade: '甲', min: 95 }, { grade: '丁', min: 0 }] })).toEqual({
      ok: false,
      error: expect.stringContaining('bands[1].min'),
    });
    expect(validateGrades({ bands: [{ grade: '優', min: 90 }, { grade: '優', min: 0 }] })).toEqual({ ok: false, error: expect.stringContaining('bands[1].grade') });
    expect(validateGrades({ bands: [{ grade: '優', min: 90 }, { grade: '甲', min: 10 }] })).toEqual({ ok: false, error: expect.stringContaining('start at 0') });
    expect(validateGrades({ bands: [{ grade: '', min: 90 }, { grade: '甲', min: 0 }] })).toEqual({ ok: false, error: expect.stringContaining('bands[0].grade') });
    expect(validateGrades({ bands: [{ grade: '優', min: '90' }, { grade: '甲', min: 0 }] })).toEqual({ ok: false, error: expect.stringContaining('bands[0].min') });
  });
});
