import { describe, expect, it } from 'vitest';
import { quarterlyReview, unacknowledged } from '../../src/report';
import { UNITS } from './fixtures';
import { year115 } from './scenario';

const review = () => quarterlyReview({ quarter: '115-Q4', records: year115(), units: UNITS, showTester: true });

describe('quarterly review', () => {
  it('gives per unit 人次, exact average, lowest, highest and grade (figures worked out by hand)', () => {
    const r = review();
    const u1 = r.units.find((u) => u.unitId === 'u1')!;
    // 100 + 92.5 + 97 = 289.5; / 3 = 96.5 (the draft of 4 Nov does not count)
    expect(u1).toMatchObject({ unitName: '第一課', testCount: 3, scoreSum: 289.5, averageText: '96.50', lowest: 92.5, highest: 100, grade: '優' });
    const u2 = r.units.find((u) => u.unitId === 'u2')!;
    // 90 + 70 = 160; / 2 = 80 (the deleted test and the 116-Q1 call do not count)
    expect(u2).toMatchObject({ testCount: 2, averageText: '80.00', lowest: 70, highest: 90, grade: '甲' });
    const u3 = r.units.find((u) => u.unitId === 'u3')!;
    expect(u3).toMatchObject({ unitName: '嘉義辦事處', testCount: 0, averageText: '', lowest: null, grade: null, changeText: '' });
  });

  it('compares with the previous quarter', () => {
    const r = review();
    expect(r.previousQuarter).toBe('115-Q3');
    const u1 = r.units.find((u) => u.unitId === 'u1')!;
    // Q3: one test of 90 → 96.5 − 90 = +6.5
    expect(u1.previous.averageText).toBe('90.00');
    expect(u1.changeText).toBe('+6.50');
    expect(u1.change).toBeCloseTo(6.5, 10);
    // u2 had no test in Q3: no change to show
    expect(r.units.find((u) => u.unitId === 'u2')!.change).toBeNull();
  });

  it('gives the agency overall figures: 449.5 / 5 = 89.9 is 甲, 0.1 below Q3', () => {
    const r = review();
    expect(r.overall).toMatchObject({ testCount: 5, scoreSum: 449.5, averageText: '89.90', lowest: 70, highest: 100, grade: '甲', changeText: '-0.10' });
  });

  it('shows a unit head only the units they head, beside the whole agency, without tester names', () => {
    const r = quarterlyReview({ quarter: '115-Q4', records: year115(), units: UNITS, onlyUnitIds: ['u2'] });
    expect(r.units.map((u) => u.unitId)).toEqual(['u2']);
    expect(r.overall.testCount).toBe(5);
    expect(r.tests.map((t) => t.id)).toEqual(['q4-u2-a', 'q4-u2-b']);
    expect(r.tests.every((t) => t.testerName === '')).toBe(true);
    expect(r.trend.units.map((u) => u.unitId)).toEqual(['u2']);
    for (const loss of r.losses) expect(Object.keys(loss.byUnit).every((k) => k === 'u2')).toBe(true);
  });

  it('masks the answerer in the test list and marks acknowledgements', () => {
    const r = quarterlyReview({
      quarter: '115-Q4',
      records: year115(),
      units: UNITS,
      acknowledgements: [{ testId: 'q4-u2-b', userId: 'head2', comment: '已加強總機訓練', at: '2026-11-20T00:00:00Z' }],
    });
    const t = r.tests.find((x) => x.id === 'q4-u2-b')!;
    expect(t.answererSurname).toBe('王○○');
    expect(t.extension).toBe('1○○○');
    expect(t.grade).toBe('乙');
    expect(t.acknowledgement?.comment).toBe('已加強總機訓練');
    expect(t.testedAtText.zh).toBe('民國115年11月10日 10:00');
    expect(unacknowledged(r).map((x) => x.id)).toEqual(['q4-u1-a', 'q4-u2-a', 'q4-u1-b', 'q4-u1-c']);
  });

  it('traces eight quarters per unit and overall, oldest first', () => {
    const r = review();
    expect(r.trend.quarters).toEqual(['114-Q1', '114-Q2', '114-Q3', '114-Q4', '115-Q1', '115-Q2', '115-Q3', '115-Q4']);
    expect(r.trend.labels[7].zh).toBe('115 年第 4 季');
    const u1 = r.trend.units.find((u) => u.unitId === 'u1')!;
    expect(u1.points.map((p) => p.averageText)).toEqual(['', '', '', '', '97.00', '', '90.00', '96.50']);
    expect(r.trend.overall.map((p) => p.testCount)).toEqual([0, 0, 0, 0, 2, 0, 1, 5]);
    // Q1: (97 + 90) / 2 = 93.5
    expect(r.trend.overall[4].averageText).toBe('93.50');
  });
});
