import { describe, expect, it } from 'vitest';
import { annualCompliance, DEFAULT_PLAN, periodOf, planStatus, planText, rotation, validatePlan } from '../../src/report';
import { countedTests } from '../../src/report/stats';
import { UNITS } from './fixtures';
import { year115 } from './scenario';

const tests = () => countedTests(year115());

describe('test plan', () => {
  it('defaults to 「每 4 個月至少測試 1 次」 and names other plans the same way', () => {
    expect(planText(DEFAULT_PLAN).zh).toBe('每 4 個月至少測試 1 次');
    expect(planText({ periodMonths: 3, testsPerPeriod: 2 }).zh).toBe('每季至少測試 2 次');
  });

  it('counts in Taipei calendar periods', () => {
    // 31 Dec 2026 17:00 UTC is already 1 Jan 2027 in Taipei: the first period of 116.
    expect(periodOf('2026-12-31T17:00:00Z', DEFAULT_PLAN)).toMatchObject({ rocYear: 116, index: 0, start: '2026-12-31T16:00:00.000Z' });
    expect(periodOf('2026-11-22T00:00:00+08:00', DEFAULT_PLAN).label.zh).toBe('115 年 9–12 月');
  });

  it('lists overdue, due and done units as of a date', () => {
    // 1 Oct 2026: period Sep–Dec has no test yet. u1 was tested on 20 Aug (May–Aug) → due;
    // u2 and u3 had no test in May–Aug → overdue.
    const early = planStatus(tests(), UNITS, DEFAULT_PLAN, '2026-10-01T12:00:00+08:00');
    const status = Object.fromEntries(early.units.map((u) => [u.unitId, u.status]));
    expect(status).toEqual({ u1: 'due', u2: 'overdue', u3: 'overdue' });
    expect(early.units[early.units.length - 1].unitId).toBe('u1'); // overdue first
    expect(early.counts).toEqual({ done: 0, due: 1, overdue: 2, notStarted: 0 });
    expect(early.units.find((u) => u.unitId === 'u1')!.lastTestedAt).toBe('2026-08-20T14:00:00+08:00');

    // 22 Nov 2026: u1 (3 tests) and u2 (2 tests) are done; u3 still overdue.
    const late = planStatus(tests(), UNITS, DEFAULT_PLAN, '2026-11-22T12:00:00+08:00');
    expect(Object.fromEntries(late.units.map((u) => [u.unitId, [u.status, u.testsThisPeriod]]))).toEqual({
      u1: ['done', 3],
      u2: ['done', 2],
      u3: ['overdue', 0],
    });
  });

  it('does not call a unit overdue for a period before its own start date (a setting, not the row’s creation time)', () => {
    const units = [
      ...UNITS,
      { id: 'u4', name: '新單位', createdAt: '2020-01-01T00:00:00Z', startsOn: '2026-10-01' },
      // Created recently but with no start date: held to every period (issue 13).
      { id: 'u5', name: '新建資料', createdAt: '2026-10-01T00:00:00Z' },
      { id: 'u6', name: '明年起', createdAt: '2020-01-01T00:00:00Z', startsOn: '2027-01-01' },
    ];
    const s = planStatus(tests(), units, DEFAULT_PLAN, '2026-11-22T12:00:00+08:00');
    const status = Object.fromEntries(s.units.map((u) => [u.unitId, u.status]));
    expect([status.u4, status.u5, status.u6]).toEqual(['due', 'overdue', 'notStarted']);
  });

  it('with N per quarter, needs N tests in the quarter', () => {
    const plan = { periodMonths: 3 as const, testsPerPeriod: 3 };
    const s = planStatus(tests(), UNITS, plan, '2026-11-22T12:00:00+08:00');
    // u1 has 3 in Q4 → done; u2 has 2 → short, and 0 in Q3 → overdue.
    expect(Object.fromEntries(s.units.map((u) => [u.unitId, u.status]))).toMatchObject({ u1: 'done', u2: 'overdue' });
  });

  it('checks the year: every period met, pending periods not counted as missed', () => {
    // As of 5 Jan 2027 every period of 115 is over, so a period without its test is missed.
    const c = annualCompliance(tests(), UNITS, DEFAULT_PLAN, 115, '2027-01-05T00:00:00+08:00');
    expect(c.periods.map((p) => p.label.zh)).toEqual(['115 年 1–4 月', '115 年 5–8 月', '115 年 9–12 月']);
    const byUnit = Object.fromEntries(c.units.map((u) => [u.unitId, u.periods.map((p) => p.state)]));
    expect(byUnit).toEqual({ u1: ['met', 'met', 'met'], u2: ['missed', 'missed', 'met'], u3: ['met', 'missed', 'missed'] });
    expect([c.compliantUnits, c.totalUnits]).toEqual([1, 3]);
    const midYear = annualCompliance(tests(), UNITS, DEFAULT_PLAN, 115, '2026-06-01T00:00:00+08:00');
    expect(midYear.units.find((u) => u.unitId === 'u3')!.periods.map((p) => p.state)).toEqual(['met', 'pending', 'pending']);
  });

  it('shows which tester tested which unit', () => {
    const r = rotation(tests(), UNITS);
    expect(r.testers.map((t) => t.testerName).sort()).toEqual(['測試員乙', '測試員甲']);
    const u1 = r.units.find((u) => u.unitId === 'u1')!;
    expect(u1.counts).toEqual({ 'tester-1': 4, 'tester-2': 1 });
    expect(u1.lastTesterName).toBe('測試員甲');
    expect(r.units.find((u) => u.unitId === 'u3')!.counts).toEqual({ 'tester-2': 1 });
  });

  it('rejects a bad plan naming the field', () => {
    expect(validatePlan({ periodMonths: 5, testsPerPeriod: 1 })).toEqual({ ok: false, error: expect.stringContaining('periodMonths') });
    expect(validatePlan({ periodMonths: 4, testsPerPeriod: 0 })).toEqual({ ok: false, error: expect.stringContaining('testsPerPeriod') });
    expect(validatePlan({ periodMonths: 4, testsPerPeriod: 1.5 })).toEqual({ ok: false, error: expect.stringContaining('testsPerPeriod') });
    expect(validatePlan(null)).toEqual({ ok: false, error: expect.stringContaining('plan') });
    expect(validatePlan({ periodMonths: 3, testsPerPeriod: 2 })).toEqual({ ok: true, value: { periodMonths: 3, testsPerPeriod: 2 } });
  });
});
