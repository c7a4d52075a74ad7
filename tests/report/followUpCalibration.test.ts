import { describe, expect, it } from 'vitest';
import { calibration, followUps, validateCalibration, validateFollowUp } from '../../src/report';
import { NINETY, NO_UNIT_NAME, PERFECT, record, switchboardUnanswered, UNITS } from './fixtures';

describe('follow-up of results under the threshold', () => {
  const low = record({ id: 'low', unitId: 'u1', answers: switchboardUnanswered(), testedAt: '2026-10-01T10:00:00+08:00' }); // 70
  const ninety = record({ id: 'ninety', unitId: 'u1', answers: NINETY, testedAt: '2026-10-02T10:00:00+08:00' }); // 90: not under 90
  const open = record({ id: 'open', unitId: 'u2', answers: switchboardUnanswered(), testedAt: '2026-09-01T10:00:00+08:00' });
  const reports = [
    { testId: 'open', cause: '離座', measures: '代理', dueOn: '2026-10-31', submittedAt: '2026-09-20T00:00:00Z' },
  ];

  it('asks for a report under 90 (exact), due 30 days after the test; overdue once that day is over', () => {
    const at = (asOf: string) => followUps({ records: [low, ninety, open], units: UNITS, reports, asOf });
    const oct = at('2026-10-31T15:59:59.999Z'); // end of 31 Oct, Taipei
    expect(oct.rows.map((r) => [r.testId, r.state, r.overdue, r.reportDueOn])).toEqual([
      ['open', 'open', false, '2026-10-01'],
      ['low', 'awaiting', false, '2026-10-31'],
    ]);
    const nov = at('2026-11-01T00:00:00+08:00');
    expect(nov.rows.map((r) => [r.testId, r.overdue])).toEqual([
      ['open', true], // its measures were due 31 Oct
      ['low', true], // its report was due 31 Oct
    ]);
    expect(nov.counts).toEqual({ total: 2, awaiting: 1, open: 1, closed: 0, overdue: 2 });
    expect(nov.sentence.zh).toBe('低於 90 分之測試結果 2 件，均請受測單位提報改善情形：已結案 0 件、改善中 1 件、待提報 1 件（其中逾期 2 件）。');
  });

  it('judges at the cut: a report or a closing after it is not in it', () => {
    const closed = [{ ...reports[0], closedAt: '2026-11-05T00:00:00Z', closedBy: 'admin' }];
    expect(followUps({ records: [open], units: UNITS, reports: closed, asOf: '2026-11-10T00:00:00Z' }).rows[0].state).toBe('closed');
    expect(followUps({ records: [open], units: UNITS, reports: closed, asOf: '2026-11-01T00:00:00Z' }).rows[0]).toMatchObject({ state: 'open', report: { closedAt: undefined } });
    expect(followUps({ records: [open], units: UNITS, reports: closed, asOf: '2026-09-10T00:00:00Z' }).rows[0].state).toBe('awaiting');
  });

  it('uses an edited threshold, validated by field', () => {
    expect(followUps({ records: [ninety], units: UNITS, reports: [], asOf: '2026-12-01T00:00:00Z', setting: { threshold: 95, reportWithinDays: 10 } }).rows).toHaveLength(1);
    expect(validateFollowUp({ threshold: 0, reportWithinDays: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/^threshold/) });
    expect(validateFollowUp({ threshold: 90, reportWithinDays: 1.5 })).toMatchObject({ ok: false, error: expect.stringMatching(/^reportWithinDays/) });
  });
});

describe('tester calibration', () => {
  it('compares each tester with the others on the same units, flagged past the margin', () => {
    const t = (id: string, unitId: string, answers: typeof PERFECT, testerId: string) => record({ id, unitId, answers, testedAt: '2026-05-01T10:00:00+08:00', testerId, testerName: testerId });
    const records = [
      // u1: strict gives 70, the others 100 and 97 → strict is 70 − 98.5 = −28.5 on u1
      t('a', 'u1', switchboardUnanswered(), 'strict'),
      t('b', 'u1', PERFECT, 'kind'),
      t('c', 'u1', NO_UNIT_NAME, 'even'),
      // u2: only kind tested it: not comparable for kind there
      t('d', 'u2', PERFECT, 'kind'),
    ];
    const c = calibration(records, { margin: 5 });
    const by = Object.fromEntries(c.testers.map((x) => [x.testerKey, x]));
    expect(by.strict).toMatchObject({ comparedTests: 1, referenceAverageText: '98.50', differenceText: '-28.50', flagged: true, sameUnits: true });
    // kind on u1: 100 vs (70 + 97) / 2 = 83.5 → +16.5; u2 has nobody else
    expect(by.kind).toMatchObject({ testCount: 2, comparedTests: 1, differenceText: '+16.50', flagged: true });
    // even: 97 vs (70 + 100) / 2 = 85 → +12
    expect(by.even.differenceText).toBe('+12.00');
    expect(c.testers[0].testerKey).toBe('strict'); // largest difference first
    expect(calibration(records, { margin: 30 }).testers.every((x) => !x.flagged)).toBe(true);
    expect(validateCalibration({ margin: 0 })).toMatchObject({ ok: false, error: expect.stringMatching(/^margin/) });
  });
});
