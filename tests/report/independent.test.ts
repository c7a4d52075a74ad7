// The annual figures against an independent computation over a realistic year (118 counted tests,
// 8 units, 4 testers; see realisticYear.ts). The check below shares nothing with src/report but the
// scored records: it works in whole quarter-points with BigInt and rounds with its own code.
import { describe, expect, it } from 'vitest';
import { annualReport, exportAnnual } from '../../src/report';
import type { ServerRecord } from '../../src/sync/protocol';
import { REALISTIC_UNITS, realisticYear } from './realisticYear';

const AS_OF = '2027-01-05T00:00:00+08:00';
const records = realisticYear();
const report = annualReport({ rocYear: 115, records, units: REALISTIC_UNITS, asOf: AS_OF });

// ---- the independent side ------------------------------------------------------------------
const counted = records.filter((r) => r.status === 'completed' && !r.deleted && r.score && /^115-Q[1-4]$/.test(r.quarter));
const q4 = (x: number) => BigInt(Math.round(x * 4)); // every score is a whole number of quarter points

/** sum / count rounded half up to `d` decimals, as text; '' for no values. */
function avgText(values: number[], d = 2): string {
  if (values.length === 0) return '';
  const sum = values.reduce((a, v) => a + q4(v), 0n);
  const den = 4n * BigInt(values.length);
  const scale = 10n ** BigInt(d);
  const r = (sum * scale * 2n + den) / (den * 2n);
  const s = r.toString().padStart(d + 1, '0');
  return d ? `${s.slice(0, -d)}.${s.slice(-d)}` : s;
}
function grade(values: number[]): string | null {
  if (!values.length) return null;
  const sum = values.reduce((a, v) => a + q4(v), 0n);
  const n = BigInt(values.length);
  for (const [g, min] of [['優', 90], ['甲', 80], ['乙', 70], ['丙', 60]] as const) if (sum >= BigInt(min) * 4n * n) return g;
  return '丁';
}
const totals = (rs: ServerRecord[]) => rs.map((r) => r.score!.total);
const inQuarter = (rs: ServerRecord[], q: number) => rs.filter((r) => r.quarter === `115-Q${q}`);

describe('annual figures equal an independent computation (118 tests, 8 units, 4 testers)', () => {
  it('has the realistic year it claims', () => {
    expect(counted).toHaveLength(118);
    expect(new Set(counted.map((r) => r.unitId)).size).toBe(8);
    expect(new Set(counted.map((r) => r.testerId)).size).toBe(4);
    expect(report.overall.testCount).toBe(118);
  });

  it('agency, per unit and per quarter: 人次, average, grade, lowest, highest', () => {
    expect(report.overall.averageText).toBe(avgText(totals(counted)));
    expect(report.overall.grade).toBe(grade(totals(counted)));
    expect(report.overall.lowest).toBe(Math.min(...totals(counted)));
    expect(report.overall.highest).toBe(Math.max(...totals(counted)));
    for (let q = 1; q <= 4; q++) {
      expect(report.quarterTotals[q - 1].testCount).toBe(inQuarter(counted, q).length);
      expect(report.quarterTotals[q - 1].averageText).toBe(avgText(totals(inQuarter(counted, q))));
    }
    for (const u of REALISTIC_UNITS) {
      const mine = counted.filter((r) => r.unitId === u.id);
      const row = report.units.find((x) => x.unitId === u.id)!;
      expect([row.year.testCount, row.year.averageText, row.year.grade]).toEqual([mine.length, avgText(totals(mine)), grade(totals(mine))]);
      for (let q = 1; q <= 4; q++) expect([row.quarters[q - 1].testCount, row.quarters[q - 1].averageText]).toEqual([inQuarter(mine, q).length, avgText(totals(inQuarter(mine, q)))]);
    }
  });

  it('the sentence: 人次, one-decimal average, its grade, the lowest unit, the drafts', () => {
    const avg1 = avgText(totals(counted), 1);
    expect(report.sentence.zh).toContain(`共執行電話禮貌測試 118 人次，平均 ${avg1} 分，等第「${grade(totals(counted))}」`);
    const byUnit = REALISTIC_UNITS.map((u) => ({ name: u.name, t: totals(counted.filter((r) => r.unitId === u.id)) }));
    const low = byUnit.reduce((a, b) => (avgText(b.t, 6) < avgText(a.t, 6) ? b : a));
    expect(report.sentence.zh).toContain(`以${low.name}平均 ${avgText(low.t, 1)} 分最低`);
    expect(report.sentence.zh).toContain('另有 5 份草稿未列入。');
  });

  it('points lost per item: Σ(max − points) over the tests where the item counts', () => {
    const ids = new Set(counted.flatMap((r) => Object.keys(r.score!.items)));
    for (const id of ids) {
      const applicable = counted.filter((r) => (r.score!.items[id]?.max ?? 0) > 0);
      const lost = applicable.map((r) => r.score!.items[id].max - r.score!.items[id].points);
      const loss = report.losses.find((l) => l.itemId === id);
      if (!loss || applicable.length === 0) continue;
      expect([loss.applicable, loss.averageLostText]).toEqual([applicable.length, avgText(lost)]);
    }
    // Item 1.2 has max 10, or 25 without a voice system: 配分 says so.
    expect(report.losses.find((l) => l.itemId === '1.2')!.maxText).toBe('10／25');
  });

  it('counts: switchboard and business-unit no-answers, 乙 answers, grades, half year, follow-ups', () => {
    const outcome = (r: ServerRecord, id: string) => (r.answers[id] as { outcome?: string } | undefined)?.outcome;
    expect(report.calls.switchboardNoAnswer).toBe(counted.filter((r) => outcome(r, '1.2') === 'unansweredTwice').length);
    expect(report.calls.unitNoAnswer).toBe(counted.filter((r) => outcome(r, '2.1.1') === 'unanswered').length);
    const content = counted.filter((r) => r.answers['2.3']);
    expect(report.calls.notResponsible).toBe(content.filter((r) => (r.answers['2.3'] as { variant: string }).variant === '乙').length);
    expect(report.calls.contentScored).toBe(content.length);
    const gradeCounts = Object.fromEntries(report.gradeDistribution.map((g) => [g.grade, g.count]));
    for (const g of ['優', '甲', '乙', '丙', '丁']) expect(gradeCounts[g]).toBe(counted.filter((r) => grade([r.score!.total]) === g).length);
    const half = counted.filter((r) => r.quarter === '115-Q1' || r.quarter === '115-Q2');
    expect([report.halfYear.testCount, report.halfYear.averageText]).toEqual([half.length, avgText(totals(half))]);
    expect(report.followUp.counts.total).toBe(counted.filter((r) => q4(r.score!.total) < 360n).length);
  });

  it('compliance as of 5 Jan 2027: every period over, so a period without its test is 未達成', () => {
    const periods = [[0, 4], [4, 8], [8, 12]];
    const month = (r: ServerRecord) => new Date(Date.parse(r.testedAt) + 8 * 3600_000).getUTCMonth();
    const states = REALISTIC_UNITS.map((u) => periods.map(([a, b]) => (counted.some((r) => r.unitId === u.id && month(r) >= a && month(r) < b) ? 'met' : 'missed')));
    expect(report.compliance.units.map((u) => u.periods.map((p) => p.state))).toEqual(states);
    const met = states.filter((s) => s.every((x) => x === 'met')).length;
    expect(report.compliance.counts).toEqual({ met, missed: 8 - met, pending: 0, notRequired: 0 });
  });

  it('the exports carry the same figures', () => {
    const csv = new TextDecoder().decode(exportAnnual(report, 'csv').bytes);
    expect(csv).toContain(`全局合計,${inQuarter(counted, 1).length},${avgText(totals(inQuarter(counted, 1)))},`);
    expect(csv).toContain(`,118,${avgText(totals(counted))},`);
  });
});
