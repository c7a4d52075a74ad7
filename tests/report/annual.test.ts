import { describe, expect, it } from 'vitest';
import { annualDocument, annualReport } from '../../src/report';
import { NINETY, PERFECT, record, UNITS } from './fixtures';
import { year115 } from './scenario';

const report = () => annualReport({ rocYear: 115, records: year115(), units: UNITS, asOf: '2026-12-31T23:00:00+08:00' });

describe('annual report', () => {
  it('writes the summary sentence in the yearly report’s style', () => {
    // 97 + 90 + 90 + 100 + 92.5 + 97 + 90 + 70 = 726.5 over 8 = 90.8125 → 90.8 (優);
    // units: 第一課 476.5/5 = 95.3, 第二課 160/2 = 80, 嘉義辦事處 90 → 第二課 lowest.
    const r = report();
    // The scenario's draft is stated, never counted (issue 13).
    expect(r.sentence.zh).toBe('115 年共執行電話禮貌測試 8 人次，平均 90.8 分，等第「優」；3 個受測單位中，以第二課平均 80.0 分最低。另有 1 份草稿未列入。');
    expect(r.sentence.en).toContain('8 telephone-courtesy tests were carried out, averaging 90.8 points');
    expect(r.complianceSentence.zh).toBe('依計畫每 4 個月至少測試 1 次，3 個單位中達成 1 個、未達成 2 個、進行中 0 個、免測 0 個。');
    expect(r.overall).toMatchObject({ testCount: 8, scoreSum: 726.5, averageText: '90.81', grade: '優' });
    expect(r.highestUnits.map((u) => u.unitName)).toEqual(['第一課']);
  });

  it('tables units × quarters', () => {
    const r = report();
    const u1 = r.units.find((u) => u.unitId === 'u1')!;
    expect(u1.quarters.map((q) => [q.testCount, q.averageText])).toEqual([
      [1, '97.00'],
      [0, ''],
      [1, '90.00'],
      [3, '96.50'],
    ]);
    expect(u1.year).toMatchObject({ testCount: 5, averageText: '95.30' });
    expect(r.quarterTotals.map((q) => q.testCount)).toEqual([2, 0, 1, 5]);
    // Q1: (97 + 90) / 2
    expect(r.quarterTotals[0].averageText).toBe('93.50');
    expect(r.tests).toHaveLength(8);
    expect(r.tests[0]).toMatchObject({ dateText: '民國115年2月10日', answererSurname: '王○○', extension: '1○○○' });
  });

  it('names every unit tied for lowest', () => {
    const records = [
      record({ unitId: 'u1', answers: NINETY, testedAt: '2026-05-01T10:00:00+08:00' }),
      record({ unitId: 'u2', answers: NINETY, testedAt: '2026-05-02T10:00:00+08:00' }),
      record({ unitId: 'u3', answers: PERFECT, testedAt: '2026-05-03T10:00:00+08:00' }),
    ];
    const r = annualReport({ rocYear: 115, records, units: UNITS, asOf: '2026-12-31T00:00:00Z' });
    expect(r.sentence.zh).toContain('以第一課、第二課平均 90.0 分最低');
  });

  it('says so when nothing was tested', () => {
    const r = annualReport({ rocYear: 114, records: year115(), units: UNITS, asOf: '2026-12-31T00:00:00Z' });
    expect(r.sentence.zh).toBe('114 年未執行電話禮貌測試。');
    expect(r.overall.testCount).toBe(0);
  });

  it('becomes one document with the sentences and the tables', () => {
    const doc = annualDocument(report());
    expect(doc.paragraphs[0]).toBe(report().sentence.zh);
    expect(doc.tables.map((t) => t.name)).toEqual(['摘要', '單位季別', '失分項目', '單位失分', '等第分布', '計畫達成', '處理情形', '測試明細']);
    const unitRow = doc.tables[1].rows.find((r) => r[0].text === '第一課')!;
    expect(unitRow.map((c) => c.text)).toEqual(['第一課', '1', '97.00', '0', '', '1', '90.00', '3', '96.50', '5', '95.30', '90', '100', '優']);
  });
});
