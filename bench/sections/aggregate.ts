// The quarterly review and the annual report over 10,000 tests, in node, with the real report
// functions (src/report), against a floor of plain summing (group totals by unit and quarter), taken
// in the same run: the ratio says what exact fractions, grades, losses and trends cost over a sum.
import { performance } from 'node:perf_hooks';
import type { ServerRecord } from '../../src/sync/protocol';
import { serverRecords } from '../lib/generate';
import type { Section } from '../lib/section';
import { median, percentile } from '../lib/stats';

export const TESTS = 10_000;
const UNITS = Array.from({ length: 40 }, (_, i) => ({ id: `unit-${i + 1}`, name: `第${i + 1}受測單位`, createdAt: '2024-01-01T00:00:00Z' }));

/** The floor: what any report must at least do — one pass summing totals by unit and quarter. */
export function plainSums(records: ServerRecord[]): Map<string, { n: number; sum: number }> {
  const sums = new Map<string, { n: number; sum: number }>();
  for (const r of records) {
    const key = `${r.unitId}|${r.quarter}`;
    const cell = sums.get(key) ?? { n: 0, sum: 0 };
    cell.n += 1;
    cell.sum += r.score?.total ?? 0;
    sums.set(key, cell);
  }
  return sums;
}

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  if (out === undefined) throw new Error('aggregation returned nothing');
  return ms;
}

export const aggregate: Section = {
  name: 'aggregate',
  title: `Quarterly review and annual report over ${TESTS.toLocaleString('en')} tests (node)`,
  async run({ runs }) {
    let review: typeof import('../../src/report/review');
    let annual: typeof import('../../src/report/annual');
    try {
      review = await import('../../src/report/review');
      annual = await import('../../src/report/annual');
    } catch (e) {
      return { skipped: `src/report not importable: ${(e as Error).message}` };
    }
    // Two ROC years (114–115), so the review's eight-quarter trend and previous quarter are full.
    const records = serverRecords({ count: TESTS, units: UNITS, start: '2025-01-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00' });
    const asOf = '2026-12-31T12:00:00+08:00';
    const base: number[] = [];
    const rev: number[] = [];
    const ann: number[] = [];
    const revRatio: number[] = [];
    const annRatio: number[] = [];
    // One warm-up pass so the JIT has seen every path, then interleaved measured runs.
    for (let i = 0; i <= runs; i++) {
      const b = timed(() => plainSums(records));
      const q = timed(() => review.quarterlyReview({ quarter: '115-Q4', records, units: UNITS }));
      const a = timed(() => annual.annualReport({ rocYear: 115, records, units: UNITS, asOf }));
      if (i === 0) continue;
      base.push(b);
      rev.push(q);
      ann.push(a);
      revRatio.push(q / b);
      annRatio.push(a / b);
    }
    return {
      figures: {
        tests: TESTS,
        plainSumMsMedian: median(base),
        quarterlyReviewMsMedian: median(rev),
        quarterlyReviewMsP95: percentile(rev, 95),
        annualReportMsMedian: median(ann),
        annualReportMsP95: percentile(ann, 95),
        quarterlyReviewVsPlainSum: median(revRatio),
        annualReportVsPlainSum: median(annRatio),
      },
      notes: [`${UNITS.length} units, tests spread over ROC 114–115; review of 115-Q4 (admin view), annual report of 115`],
    };
  },
};
