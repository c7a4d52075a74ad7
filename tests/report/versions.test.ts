// Mixed sheet versions in reports (issue 11): figures on a percentage of each test's own max,
// every figure with its max, v1-only figures unchanged, item losses keyed by version and item
// with carried-over items merged only where the sheet data says so.
import { describe, expect, it } from 'vitest';
import { registry, score, sheetFor } from '../../src/scoresheet';
import { itemLosses } from '../../src/report/losses';
import { statOf } from '../../src/report/stats';
import { quarterlyReview } from '../../src/report/review';
import revised from '../scoresheet/fixtures/bsmi-fubiao3.v2.json';
import { NO_UNIT_NAME, PERFECT, record, UNITS } from './fixtures';

registry.add(revised, { source: 'published', effectiveFrom: '2026-11-01' });
const v2 = sheetFor({ id: 'bsmi-fubiao3', version: 2 })!;

/** A record scored on the revised 105-point version. */
function onV2(answers: Record<string, unknown>, testedAt: string, unitId = 'u1') {
  const scored = score(v2, { format: 'courtesy-answers/1', answers });
  const r = record({ answers: answers as never, testedAt, unitId, score: scored });
  return { ...r, sheet: { id: v2.id, version: v2.version } };
}

describe('mixed versions', () => {
  const v1a = record({ answers: PERFECT, testedAt: '2026-10-05T10:00:00+08:00', unitId: 'u1' }); // 100 / 100
  const v1b = record({ answers: NO_UNIT_NAME, testedAt: '2026-10-06T10:00:00+08:00', unitId: 'u1' }); // 97 / 100
  // v2: 1.3.1 now 4 points (lost here), 2.2.4 worth 5 (given): 101 / 105 ≈ 96.19 %.
  const v2a = onV2({ ...PERFECT, '1.3.1': false, '2.2.4': true }, '2026-11-05T10:00:00+08:00');

  it('v1 tests alone keep their figures: the percentage of a 100-point test is its total', () => {
    const s = statOf([v1a, v1b]);
    expect(s).toMatchObject({ testCount: 2, max: 100, maxima: [100], averageText: '98.50', lowest: 97, highest: 100, grade: '優' });
  });

  it('averages and grades on a percentage where maxima differ; every figure carries its max', () => {
    expect(v2a.score).toMatchObject({ total: 101, max: 105 });
    const s = statOf([v1a, v1b, v2a]);
    // (100 + 97 + 101/105 × 100) / 3 = (197 + 96.190…) / 3 = 97.730…
    expect(s).toMatchObject({ testCount: 3, max: 100, maxima: [100, 105], averageText: '97.73', lowest: 96.19, highest: 100, grade: '優' });
    // A 105-point test whose raw total passes 100 is still at most 100 %.
    const best = onV2({ ...PERFECT, '2.2.4': true }, '2026-11-06T10:00:00+08:00');
    expect(best.score!.total).toBe(105);
    expect(statOf([best])).toMatchObject({ averageText: '100.00', highest: 100 });
  });

  it('keys item losses by version and item; carried-over items share a row, others stand apart', () => {
    const losses = itemLosses([v1a, v1b, v2a]);
    const byKey = new Map(losses.map((l) => [l.key, l]));
    // 1.3.1 changed points in v2, so it is not carried over: two rows, one per version.
    expect(byKey.get('bsmi-fubiao3@1/1.3.1')).toMatchObject({ sheet: { id: 'bsmi-fubiao3', version: 1 }, versions: [1], applicable: 2, lostSum: 3, max: 3 });
    expect(byKey.get('bsmi-fubiao3@2/1.3.1')).toMatchObject({ sheet: { id: 'bsmi-fubiao3', version: 2 }, versions: [2], applicable: 1, lostSum: 4, max: 4 });
    // 1.1.1 carries over: one row for all three tests.
    expect(byKey.get('bsmi-fubiao3@1/1.1.1')).toMatchObject({ versions: [1, 2], applicable: 3 });
    expect(byKey.has('bsmi-fubiao3@2/1.1.1')).toBe(false);
    // The new item is v2's own.
    expect(byKey.get('bsmi-fubiao3@2/2.2.4')).toMatchObject({ versions: [2], applicable: 1, lostSum: 0, max: 5 });
    // Per test the losses still add up to max − total.
    const lost = losses.reduce((a, l) => a + l.lostSum, 0);
    expect(lost).toBe(0 + 3 + 4);
  });

  it('a quarterly review shows each test with its own max beside the others', () => {
    const review = quarterlyReview({ quarter: '115-Q4', records: [v1a, v1b, v2a], units: UNITS });
    expect(review.tests.map((t) => [t.total, t.max])).toEqual([[100, 100], [97, 100], [101, 105]]);
  });
});
