import { describe, expect, it } from 'vitest';
import { itemLosses, quarterlyReview } from '../../src/report';
import { countedTests } from '../../src/report/stats';
import { UNITS } from './fixtures';
import { year115 } from './scenario';

const q4 = () => countedTests(year115()).filter((r) => r.quarter === '115-Q4');

describe('where points are lost', () => {
  it('averages item max − points over the tests where the item counts, most lost first', () => {
    const losses = itemLosses(q4());
    // 1.2: lost 0 + 7.5 (no voice system, 17.5 of 25) + 0 + 0 + 10 (never answered) = 17.5 over 5 → 3.5
    expect(losses[0]).toMatchObject({ itemId: '1.2', applicable: 5, lostSum: 17.5, averageLostText: '3.50' });
    // 1.3.1: lost 3 in 97, 90 and 70 → 9 / 5 = 1.8
    expect(losses[1]).toMatchObject({ itemId: '1.3.1', averageLostText: '1.80', max: 3 });
    expect(losses[1].label.zh).toBe('１、接話時，首先清晰報明單位。');
    expect(losses[1].groupLabel?.zh).toBe('（三）總機人員電話禮貌');
    // 2.2.1: 7 lost in the 90 → 1.4
    expect(losses[2]).toMatchObject({ itemId: '2.2.1', averageLostText: '1.40' });
    // Then the 3-point items of 1.3 lost only in the unanswered call, in sheet order: 3 / 5 = 0.6
    expect(losses.slice(3, 6).map((l) => [l.itemId, l.averageLostText])).toEqual([
      ['1.3.2', '0.60'],
      ['1.3.3', '0.60'],
      ['1.3.5', '0.60'],
    ]);
  });

  it('does not count an item left out of the total (1.1 without a voice system)', () => {
    const l = itemLosses(q4()).find((x) => x.itemId === '1.1.1')!;
    expect(l.applicable).toBe(4);
    expect(l.averageLostText).toBe('0.00');
    expect(itemLosses(q4()).some((x) => x.itemId === 'voiceSystem')).toBe(false);
  });

  it('adds up, per test, to max − total', () => {
    const records = q4();
    const lost = itemLosses(records).reduce((a, l) => a + l.lostSum, 0);
    const expected = records.reduce((a, r) => a + (r.score!.max - r.score!.total), 0);
    expect(expected).toBe(50.5);
    expect(lost).toBe(expected);
  });

  it('breaks losses down per unit', () => {
    const r = quarterlyReview({ quarter: '115-Q4', records: year115(), units: UNITS });
    const l12 = r.losses.find((l) => l.itemId === '1.2')!;
    // u1: 7.5 over 3 → 2.5; u2: 10 over 2 → 5
    expect(l12.byUnit.u1.averageLostText).toBe('2.50');
    expect(l12.byUnit.u2.averageLostText).toBe('5.00');
    expect(l12.byUnit.u3).toBeUndefined();
  });
});
