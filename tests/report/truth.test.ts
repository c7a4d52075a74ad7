// Issue 13's findings, each as a test: compliance in four states, as-of as the end of a Taipei day,
// sentences whose figure and grade agree, drafts stated, 配分 with its scaled maximum, and a unit
// head's ranking of their own unit.
import { describe, expect, it } from 'vitest';
import { annualReport, gradedText, mean, quarterlyReview } from '../../src/report';
import { parseAsOf, periodOver } from '../../src/report/asOf';
import { NINETY, NO_UNIT_NAME, PERFECT, noVoiceSystem, record, switchboardUnanswered, UNITS } from './fixtures';

const EIGHTY_NINE = { ...NINETY, '1.3.8': 'b' }; // 90 − 1

describe('compliance in four states (達成 / 未達成 / 進行中 / 免測)', () => {
  const tested = [
    record({ unitId: 'u1', answers: PERFECT, testedAt: '2026-02-01T10:00:00+08:00' }),
    record({ unitId: 'u1', answers: PERFECT, testedAt: '2026-06-01T10:00:00+08:00' }),
  ];

  it('a period not yet over is 進行中, never 達成, and the sentence counts each state', () => {
    const r = annualReport({ rocYear: 115, records: tested, units: UNITS, asOf: '2026-11-22T12:00:00+08:00' });
    const u1 = r.compliance.units.find((u) => u.unitId === 'u1')!;
    expect(u1.periods.map((p) => p.state)).toEqual(['met', 'met', 'pending']);
    expect(u1.state).toBe('pending');
    expect(u1.compliant).toBe(false);
    expect(r.compliance.counts).toEqual({ met: 0, missed: 2, pending: 1, notRequired: 0 });
    expect(r.complianceSentence.zh).toBe('依計畫每 4 個月至少測試 1 次，3 個單位中達成 0 個、未達成 2 個、進行中 1 個、免測 0 個。');
  });

  it('a year with no tests says so and claims no achievement', () => {
    const r = annualReport({ rocYear: 116, records: [], units: UNITS, asOf: '2028-01-05T00:00:00+08:00' });
    expect(r.sentence.zh).toBe('116 年未執行電話禮貌測試。');
    expect(r.compliance.counts.met).toBe(0);
    expect(r.complianceSentence.zh).toBe('依計畫每 4 個月至少測試 1 次，3 個單位中達成 0 個、未達成 3 個、進行中 0 個、免測 0 個。');
  });

  it('免測 only for a period wholly before the unit’s own start date and without tests; a unit never tested is 未達成', () => {
    const units = [
      // Created (row) late, but no start date: held to every period; its January test counts.
      { id: 'u1', name: '第一課', createdAt: '2026-12-01T00:00:00Z' },
      { id: 'u2', name: '第二課', createdAt: '2020-01-01T00:00:00Z' }, // never tested
      { id: 'u3', name: '新辦事處', createdAt: '2020-01-01T00:00:00Z', startsOn: '2026-06-15' }, // starts mid May–Aug
      { id: 'u4', name: '先測再設', createdAt: '2020-01-01T00:00:00Z', startsOn: '2026-09-01' },
    ];
    const records = [
      record({ unitId: 'u1', answers: PERFECT, testedAt: '2026-01-10T10:00:00+08:00' }),
      record({ unitId: 'u1', answers: PERFECT, testedAt: '2026-05-10T10:00:00+08:00' }),
      record({ unitId: 'u1', answers: PERFECT, testedAt: '2026-10-10T10:00:00+08:00' }),
      record({ unitId: 'u3', answers: PERFECT, testedAt: '2026-10-10T10:00:00+08:00' }),
      // A test in a period before u4's start: not 免測 (it has a test) and met.
      record({ unitId: 'u4', answers: PERFECT, testedAt: '2026-03-10T10:00:00+08:00' }),
      record({ unitId: 'u4', answers: PERFECT, testedAt: '2026-11-10T10:00:00+08:00' }),
    ];
    const r = annualReport({ rocYear: 115, records, units, asOf: parseAsOfOk('2026-12-31') });
    const states = Object.fromEntries(r.compliance.units.map((u) => [u.unitId, [...u.periods.map((p) => p.state), u.state]]));
    expect(states).toEqual({
      u1: ['met', 'met', 'met', 'met'],
      u2: ['missed', 'missed', 'missed', 'missed'],
      u3: ['notRequired', 'missed', 'met', 'missed'], // May–Aug is not wholly before 15 June
      u4: ['met', 'notRequired', 'met', 'met'],
    });
    expect(r.compliance.counts).toEqual({ met: 2, missed: 2, pending: 0, notRequired: 0 });
  });
});

function parseAsOfOk(raw: string): string {
  const p = parseAsOf(raw);
  if (!p.ok) throw new Error(p.error);
  return p.asOf;
}

describe('as-of is the end of a Taipei day', () => {
  it('2026-12-31 is 23:59:59.999 in Taipei, so the year closes', () => {
    expect(parseAsOfOk('2026-12-31')).toBe('2026-12-31T15:59:59.999Z');
    expect(parseAsOfOk('2026-12-31T08:00:00+08:00')).toBe('2026-12-31T00:00:00.000Z');
    expect(parseAsOf('2026-02-30')).toMatchObject({ ok: false, error: expect.stringMatching(/^asOf: must be a date/) });
    expect(parseAsOf('2026-12-31T08:00')).toMatchObject({ ok: false }); // a time needs its offset
    // The last period (Sep–Dec) ends at 1 Jan 2027 00:00 Taipei: over at the end of 31 Dec.
    expect(periodOver('2026-12-31T16:00:00.000Z', parseAsOfOk('2026-12-31'))).toBe(true);
    expect(periodOver('2026-12-31T16:00:00.000Z', parseAsOfOk('2026-12-30'))).toBe(false);
    const r = annualReport({ rocYear: 115, records: [], units: UNITS, asOf: parseAsOfOk('2026-12-31') });
    expect(r.compliance.counts.pending).toBe(0);
  });
});

describe('sentences that agree with themselves', () => {
  it('89.975 reads 89.98 beside 甲, never 「90.0 … 甲」', () => {
    // 39 × 90 + 89 = 3599 over 40 = 89.975
    const records = [...Array.from({ length: 39 }, (_, i) => record({ unitId: 'u1', answers: NINETY, testedAt: `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00+08:00` })), record({ unitId: 'u2', answers: EIGHTY_NINE, testedAt: '2026-05-05T10:00:00+08:00' })];
    const r = annualReport({ rocYear: 115, records, units: UNITS, asOf: '2027-01-05T00:00:00+08:00' });
    expect(r.overall.grade).toBe('甲');
    expect(r.sentence.zh).toContain('平均 89.98 分，等第「甲」');
    expect(r.overall.averageText).toBe('89.98'); // the table's two decimals already agree
    expect(gradedText(mean(359.98, 4)!, undefined, 2)).toBe('89.995'); // 89.995 would round to 90.00: a third decimal instead
    expect(gradedText(mean(90, 1)!, undefined, 1)).toBe('90.0');
  });

  it('only drafts: 「尚無完成」 and the drafts are stated', () => {
    const drafts = [record({ unitId: 'u1', answers: {}, status: 'draft', testedAt: '2026-03-01T10:00:00+08:00' }), record({ unitId: 'u2', answers: {}, status: 'draft', testedAt: '2026-04-01T10:00:00+08:00' })];
    const r = annualReport({ rocYear: 115, records: drafts, units: UNITS, asOf: '2027-01-05T00:00:00+08:00' });
    expect(r.sentence.zh).toBe('115 年尚無完成之電話禮貌測試；另有 2 份草稿未列入。');
    expect(r.draftCount).toBe(2);
    const review = quarterlyReview({ quarter: '115-Q1', records: drafts, units: UNITS });
    expect(review.draftCount).toBe(1);
  });
});

describe('item tables that do not mislead', () => {
  const records = [
    record({ unitId: 'u1', answers: noVoiceSystem(), testedAt: '2026-10-05T10:00:00+08:00' }), // 1.2: 17.5 of 25
    record({ unitId: 'u1', answers: PERFECT, testedAt: '2026-10-06T10:00:00+08:00' }), // 1.2: 10 of 10
    record({ unitId: 'u2', answers: switchboardUnanswered(), testedAt: '2026-10-07T10:00:00+08:00' }), // 1.2: 0 of 10, 1.3.*: all lost
    record({ unitId: 'u2', answers: NO_UNIT_NAME, testedAt: '2026-10-08T10:00:00+08:00' }), // 1.3.1: 3 lost
  ];

  it('配分 shows the scaled maximum (10／25) and losses as a share of it', () => {
    const r = annualReport({ rocYear: 115, records, units: UNITS, asOf: '2027-01-05T00:00:00+08:00' });
    const l12 = r.losses.find((l) => l.itemId === '1.2')!;
    // lost 7.5 + 0 + 10 + 0 = 17.5 of 25 + 10 + 10 + 10 = 55 → 31.8%
    expect([l12.maxText, l12.averageLostText, l12.lostShareText]).toEqual(['10／25', '4.38', '31.8%']);
    expect(r.losses.find((l) => l.itemId === '1.3.1')!.maxText).toBe('3');
  });

  it('a unit head’s ranking is their own unit’s, the agency’s figure beside it', () => {
    const admin = quarterlyReview({ quarter: '115-Q4', records, units: UNITS });
    const head = quarterlyReview({ quarter: '115-Q4', records, units: UNITS, onlyUnitIds: ['u1'] });
    // u1 lost only on 1.2 (7.5 over 2 = 3.75); the agency ranks 1.2 first too but 1.3.1 second.
    expect(head.losses[0]).toMatchObject({ itemId: '1.2', averageLostText: '3.75', agency: { averageLostText: '4.38' } });
    expect(head.losses.filter((l) => (l.averageLost ?? 0) > 0).map((l) => l.itemId)).toEqual(['1.2']);
    expect(admin.losses[1].itemId).toBe('1.3.1');
    // u2's ranking puts 1.3.1 (3 + 3 over 2 = 3.00) before 1.3.2 (1.50)
    const headB = quarterlyReview({ quarter: '115-Q4', records, units: UNITS, onlyUnitIds: ['u2'] });
    expect(headB.losses.slice(0, 2).map((l) => [l.itemId, l.averageLostText])).toEqual([
      ['1.2', '5.00'],
      ['1.3.1', '3.00'],
    ]);
  });
});
