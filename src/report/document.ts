// The annual report as a neutral document (a title, paragraphs and tables of cells), so every
// export format (ODS, ODT, XLSX, CSV, print HTML) shows the same figures from one place.
import type { Text } from '../scoresheet';
import { formatRocDate } from '../record/quarter';
import type { AnnualReport } from './annual';
import { scoreText } from './exact';
import type { Stat } from './stats';

export type Lang = 'zh' | 'en';

/** A cell: text, or a number with the text it shows (rounded exactly, e.g. 91.25 → "91.25"). */
export type Cell = { kind: 'text'; text: string } | { kind: 'number'; value: number; text: string };

export interface DocTable {
  /** Sheet name in a spreadsheet: short, unique, no []*?:/\ characters. */
  name: string;
  title: string;
  header: string[];
  rows: Cell[][];
}

export interface ReportDocument {
  title: string;
  /** Paragraphs ready to paste into the yearly report. */
  paragraphs: string[];
  tables: DocTable[];
  /** Date of the document for the package's metadata (the report's as-of date). */
  date: string;
  lang: Lang;
}

export const text = (t: string): Cell => ({ kind: 'text', text: t });
export const num = (value: number, shown?: string): Cell => ({ kind: 'number', value, text: shown ?? scoreText(value) });
const avgCell = (s: Stat): Cell => (s.testCount ? num(Number(s.averageText), s.averageText) : text(''));
const opt = (n: number | null): Cell => (n === null ? text('') : num(n));

const L = (lang: Lang, t: Text) => t[lang];

/** One line of the units-by-quarter table: a unit's (or the agency's) four quarters, then the year. */
const quarterRow = (name: string, quarters: Stat[], year: Stat): Cell[] => [
  text(name),
  ...quarters.flatMap((s) => [num(s.testCount), avgCell(s)]),
  num(year.testCount),
  avgCell(year),
  opt(year.lowest),
  opt(year.highest),
  text(year.grade ?? ''),
];

export function annualDocument(report: AnnualReport, lang: Lang = 'zh'): ReportDocument {
  const zh = lang === 'zh';
  const title = zh ? `${report.rocYear} 年電話禮貌測試執行成果` : `Telephone-courtesy tests, ROC ${report.rocYear}: annual results`;
  const qShort = [1, 2, 3, 4].map((i) => (zh ? `第${i}季` : `Q${i}`));

  const summary: DocTable = {
    name: zh ? '摘要' : 'Summary',
    title: zh ? '摘要' : 'Summary',
    header: [zh ? '項目' : 'Item', zh ? '內容' : 'Value'],
    rows: [
      [text(zh ? '年度' : 'ROC year'), num(report.rocYear)],
      [text(zh ? '人次' : 'Tests'), num(report.overall.testCount)],
      [text(zh ? '平均分數' : 'Average score'), avgCell(report.overall)],
      [text(zh ? '最低分' : 'Lowest'), opt(report.overall.lowest)],
      [text(zh ? '最高分' : 'Highest'), opt(report.overall.highest)],
      [text(zh ? '等第' : 'Grade'), text(report.overall.grade ?? '')],
      [text(zh ? '平均最低單位' : 'Lowest unit'), text(report.lowestUnits.map((u) => `${u.unitName}（${u.averageText}）`).join('、'))],
      [text(zh ? '測試計畫' : 'Plan'), text(L(lang, report.compliance.planText))],
      [text(zh ? '達成單位' : 'Units meeting the plan'), text(`${report.compliance.compliantUnits} / ${report.compliance.totalUnits}`)],
      [text(zh ? '結果說明' : 'Summary'), text(L(lang, report.sentence))],
      [text(zh ? '資料日期' : 'As of'), text(formatRocDate(report.asOf, lang))],
    ],
  };

  const unitTable: DocTable = {
    name: zh ? '單位季別' : 'Units by quarter',
    title: zh ? '各單位各季測試人次及平均分數' : 'Tests and averages per unit and quarter',
    header: [
      zh ? '受測單位' : 'Unit',
      ...qShort.flatMap((s) => [zh ? `${s}人次` : `${s} tests`, zh ? `${s}平均` : `${s} average`]),
      zh ? '全年人次' : 'Year tests',
      zh ? '全年平均' : 'Year average',
      zh ? '最低分' : 'Lowest',
      zh ? '最高分' : 'Highest',
      zh ? '等第' : 'Grade',
    ],
    rows: [
      ...report.units.map((u) => quarterRow(u.unitName, u.quarters, u.year)),
      quarterRow(zh ? '全局合計' : 'Agency', report.quarterTotals, report.overall),
    ],
  };

  const lossTable: DocTable = {
    name: zh ? '失分項目' : 'Points lost',
    title: zh ? '各項目平均失分（由多至少）' : 'Average points lost per item (most first)',
    header: [zh ? '名次' : 'Rank', zh ? '項目編號' : 'Item', zh ? '項目' : 'Label', zh ? '配分' : 'Max', zh ? '適用人次' : 'Tests', zh ? '平均失分' : 'Average lost'],
    rows: report.losses
      .filter((l) => l.applicable > 0)
      .map((l, i) => [num(i + 1), text(l.itemId), text(L(lang, l.label)), num(l.max), num(l.applicable), num(Number(l.averageLostText), l.averageLostText)]),
  };

  const periods = report.compliance.periods.map((p) => L(lang, p.label));
  const stateText: Record<string, Text> = {
    met: { zh: '達成', en: 'met' },
    missed: { zh: '未達成', en: 'missed' },
    pending: { zh: '進行中', en: 'pending' },
    notRequired: { zh: '免測', en: 'not required' },
  };
  const complianceTable: DocTable = {
    name: zh ? '計畫達成' : 'Plan',
    title: zh ? `測試計畫達成情形（${report.compliance.planText.zh}）` : `Plan compliance (${report.compliance.planText.en})`,
    header: [zh ? '受測單位' : 'Unit', ...periods.flatMap((p) => [zh ? `${p}人次` : `${p} tests`, zh ? `${p}情形` : `${p} status`]), zh ? '全年達成' : 'Met all year'],
    rows: report.compliance.units.map((u) => [
      text(u.unitName),
      ...u.periods.flatMap((c) => [num(c.count), text(L(lang, stateText[c.state]))]),
      text(u.compliant ? (zh ? '是' : 'yes') : zh ? '否' : 'no'),
    ]),
  };

  const testTable: DocTable = {
    name: zh ? '測試明細' : 'Tests',
    title: zh ? '測試明細（受話者姓氏及分機已遮蔽）' : 'Tests (answerer surname and extension masked)',
    header: [
      zh ? '測試日期' : 'Date',
      zh ? '季' : 'Quarter',
      zh ? '受測單位' : 'Unit',
      zh ? '測試人員' : 'Tester',
      zh ? '受話者姓氏' : 'Answerer',
      zh ? '分機號碼' : 'Extension',
      zh ? '總分' : 'Total',
      zh ? '等第' : 'Grade',
    ],
    rows: report.tests.map((t) => [
      text(formatRocDate(t.testedAt, lang)),
      text(t.quarter),
      text(t.unitName),
      text(t.testerName),
      text(t.answererSurname),
      text(t.extension),
      num(t.total),
      text(t.grade ?? ''),
    ]),
  };

  return {
    title,
    paragraphs: [L(lang, report.sentence), L(lang, report.complianceSentence)],
    tables: [summary, unitTable, lossTable, complianceTable, testTable],
    date: report.asOf,
    lang,
  };
}
