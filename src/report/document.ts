// The annual report as a neutral document (a title, paragraphs and tables of typed cells), so every
// export format (ODS, ODT, XLSX, CSV, print HTML) shows the same figures from one place. Cells carry
// their type: text stays text (no apostrophe: only CSV needs a formula guard), numbers carry how
// many decimals they are shown with, dates are real dates shown in the ROC calendar.
import type { Text } from '../scoresheet';
import { formatRocDate, taipeiParts } from '../record/quarter';
import type { AnnualReport } from './annual';
import { scoreText } from './exact';
import { FOLLOW_UP_STATE_TEXT } from './followUp';
import { PERIOD_STATE_TEXT } from './plan';
import type { Stat } from './stats';

export type Lang = 'zh' | 'en';

/**
 * A cell. Numbers: `value` is the figure as shown (rounded exactly, e.g. 95.3 shown "95.30"),
 * `decimals` the fixed decimals of its number format (undefined: as written, e.g. 92.5).
 * Dates: `value` is the calendar date YYYY-MM-DD in Taipei, `text` the ROC date.
 */
export type Cell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; text: string; decimals?: number }
  | { kind: 'date'; value: string; text: string };

export interface DocTable {
  /** Sheet name in a spreadsheet: short, unique, no []*?:/\ characters. */
  name: string;
  title: string;
  header: string[];
  rows: Cell[][];
  /** Paragraphs shown under the title in the text document (e.g. the follow-up sentence). */
  notes?: string[];
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
export const num = (value: number, shown?: string, decimals?: number): Cell => ({ kind: 'number', value, text: shown ?? scoreText(value), ...(decimals !== undefined ? { decimals } : {}) });
export const int = (value: number): Cell => ({ kind: 'number', value, text: String(value), decimals: 0 });
/** A figure already rounded to text ("95.30"): the cell's value is that figure, two decimals. */
export const fixed = (shown: string): Cell => (shown ? { kind: 'number', value: Number(shown), text: shown, decimals: shown.includes('.') ? shown.split('.')[1].length : 0 } : text(''));
export function dateCell(instant: string, lang: Lang): Cell {
  const { year, month, day } = taipeiParts(instant);
  const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { kind: 'date', value, text: formatRocDate(instant, lang) };
}
const avgCell = (s: Stat): Cell => (s.testCount ? fixed(s.averageText) : text(''));
const opt = (n: number | null): Cell => (n === null ? text('') : num(n));

const L = (lang: Lang, t: Text) => t[lang];
export const quarterName = (n: number, lang: Lang) => (lang === 'zh' ? `第${n}季` : `Q${n}`);

/** One line of the units-by-quarter table: a unit's (or the agency's) four quarters, then the year. */
const quarterRow = (name: string, quarters: Stat[], year: Stat): Cell[] => [
  text(name),
  ...quarters.flatMap((s) => [int(s.testCount), avgCell(s)]),
  int(year.testCount),
  avgCell(year),
  opt(year.lowest),
  opt(year.highest),
  text(year.grade ?? ''),
];

export function annualDocument(report: AnnualReport, lang: Lang = 'zh'): ReportDocument {
  const zh = lang === 'zh';
  const title = zh ? `${report.rocYear} 年電話禮貌測試執行成果` : `Telephone-courtesy tests, ROC ${report.rocYear}: annual results`;
  const qShort = [1, 2, 3, 4].map((i) => quarterName(i, lang));
  const c = report.calls;

  const summary: DocTable = {
    name: zh ? '摘要' : 'Summary',
    title: zh ? '摘要' : 'Summary',
    header: [zh ? '項目' : 'Item', zh ? '內容' : 'Value'],
    rows: [
      [text(zh ? '年度' : 'ROC year'), int(report.rocYear)],
      [text(zh ? '人次' : 'Tests'), int(report.overall.testCount)],
      [text(zh ? '未列入之草稿' : 'Drafts not counted'), int(report.draftCount)],
      [text(zh ? '平均分數' : 'Average score'), avgCell(report.overall)],
      [text(zh ? '最低分' : 'Lowest'), opt(report.overall.lowest)],
      [text(zh ? '最高分' : 'Highest'), opt(report.overall.highest)],
      [text(zh ? '等第' : 'Grade'), text(report.overall.grade ?? '')],
      [text(zh ? '平均最低單位' : 'Lowest unit'), text(report.lowestUnits.map((u) => `${u.unitName}（${u.averageText}）`).join('、'))],
      [text(zh ? '總機連打 2 次無人接聽' : 'Switchboard unanswered twice'), int(c.switchboardNoAnswer)],
      [text(zh ? '業務單位無人接聽' : 'Business unit unanswered'), int(c.unitNoAnswer)],
      [text(zh ? '非承辦人代答（乙）比率' : 'Answered by a non-responsible person (乙)'), text(c.contentScored ? `${c.notResponsibleShareText}（${c.notResponsible} / ${c.contentScored}）` : '')],
      [text(zh ? '1–6 月人次' : 'Tests January–June'), int(report.halfYear.testCount)],
      [text(zh ? '1–6 月平均' : 'Average January–June'), avgCell(report.halfYear)],
      [text(zh ? `${report.previousYear.rocYear} 年人次` : `Tests ROC ${report.previousYear.rocYear}`), int(report.previousYear.overall.testCount)],
      [text(zh ? `${report.previousYear.rocYear} 年平均` : `Average ROC ${report.previousYear.rocYear}`), avgCell(report.previousYear.overall)],
      [text(zh ? '較上年' : 'Change on last year'), report.change.changeText ? num(Number(report.change.changeText), report.change.changeText, 2) : text('')],
      [text(zh ? '測試計畫' : 'Plan'), text(L(lang, report.compliance.planText))],
      ...(['met', 'missed', 'pending', 'notRequired'] as const).map((s) => [text(zh ? `計畫${PERIOD_STATE_TEXT[s].zh}單位` : `Units: ${PERIOD_STATE_TEXT[s].en}`), int(report.compliance.counts[s])]),
      [text(zh ? '結果說明' : 'Summary'), text(L(lang, report.sentence))],
      [text(zh ? '資料日期' : 'As of'), dateCell(report.asOf, lang)],
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
    rows: [...report.units.map((u) => quarterRow(u.unitName, u.quarters, u.year)), quarterRow(zh ? '全局合計' : 'Agency', report.quarterTotals, report.overall)],
  };

  const losing = report.losses.filter((l) => l.applicable > 0);
  const lossTable: DocTable = {
    name: zh ? '失分項目' : 'Points lost',
    title: zh ? '各項目平均失分（由多至少）' : 'Average points lost per item (most first)',
    header: [zh ? '名次' : 'Rank', zh ? '項目編號' : 'Item', zh ? '項目' : 'Label', zh ? '配分' : 'Max', zh ? '適用人次' : 'Tests', zh ? '平均失分' : 'Average lost', zh ? '失分率' : 'Share of max lost'],
    rows: losing.map((l, i) => [int(i + 1), text(l.itemId), text(L(lang, l.label)), text(l.maxText), int(l.applicable), fixed(l.averageLostText), text(l.lostShareText)]),
    notes: [zh ? '配分依各次測試實際滿分：無電話語音系統時，總機人員接聽速度乘以 2.5 倍（10／25）。失分率＝失分合計÷滿分合計。' : 'Max as each test had it: without a voice system the operator’s answering speed counts ×2.5 (10／25). Share = points lost ÷ maximum, summed over the tests.'],
  };

  const unitLossTable: DocTable = {
    name: zh ? '單位失分' : 'Lost per unit',
    title: zh ? '各單位各項目平均失分' : 'Average points lost per item and unit',
    header: [zh ? '項目編號' : 'Item', zh ? '項目' : 'Label', ...report.units.map((u) => u.unitName)],
    rows: losing.map((l) => [text(l.itemId), text(L(lang, l.label)), ...report.units.map((u) => fixed(l.byUnit[u.unitKey]?.averageLostText ?? ''))]),
  };

  const gradeTable: DocTable = {
    name: zh ? '等第分布' : 'Grades',
    title: zh ? '各等第人次' : 'Tests per grade',
    header: [zh ? '等第' : 'Grade', zh ? '人次' : 'Tests', zh ? '比率' : 'Share'],
    rows: report.gradeDistribution.map((g) => [text(g.grade), int(g.count), text(g.shareText)]),
  };

  const periods = report.compliance.periods.map((p) => L(lang, p.label));
  const complianceTable: DocTable = {
    name: zh ? '計畫達成' : 'Plan',
    title: zh ? `測試計畫達成情形（${report.compliance.planText.zh}）` : `Plan compliance (${report.compliance.planText.en})`,
    header: [zh ? '受測單位' : 'Unit', ...periods.flatMap((p) => [zh ? `${p}人次` : `${p} tests`, zh ? `${p}情形` : `${p} status`]), zh ? '全年' : 'Year'],
    rows: report.compliance.units.map((u) => [text(u.unitName), ...u.periods.flatMap((p) => [int(p.count), text(L(lang, PERIOD_STATE_TEXT[p.state]))]), text(L(lang, PERIOD_STATE_TEXT[u.state]))]),
    notes: [L(lang, report.complianceSentence)],
  };

  const f = report.followUp;
  const followUpTable: DocTable = {
    name: zh ? '處理情形' : 'Follow-up',
    title: zh ? `考核結果處理情形（低於 ${f.setting.threshold} 分提報改善）` : `Follow-up of results below ${f.setting.threshold}`,
    header: [
      zh ? '測試日期' : 'Date',
      zh ? '受測單位' : 'Unit',
      zh ? '總分' : 'Total',
      zh ? '狀態' : 'Status',
      zh ? '逾期' : 'Overdue',
      zh ? '原因' : 'Cause',
      zh ? '改善措施' : 'Measures',
      zh ? '預定完成' : 'Due',
      zh ? '結案日期' : 'Closed',
    ],
    rows: f.rows.map((r) => [
      dateCell(r.testedAt, lang),
      text(r.unitName),
      num(r.total),
      text(L(lang, FOLLOW_UP_STATE_TEXT[r.state])),
      text(r.overdue ? (zh ? '是' : 'yes') : zh ? '否' : 'no'),
      text(r.report?.cause ?? ''),
      text(r.report?.measures ?? ''),
      r.report ? dateCell(`${r.report.dueOn}T12:00:00+08:00`, lang) : text(''),
      r.report?.closedAt ? dateCell(r.report.closedAt, lang) : text(''),
    ]),
    notes: [L(lang, f.sentence)],
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
      zh ? '主管意見' : 'Head’s comment',
      zh ? '改善措施' : 'Corrective action',
    ],
    rows: report.tests.map((t) => [
      dateCell(t.testedAt, lang),
      text(quarterName(t.quarterNumber, lang)),
      text(t.unitName),
      text(t.testerName),
      text(t.answererSurname),
      text(t.extension),
      num(t.total),
      text(t.grade ?? ''),
      text(t.comment),
      text(t.correctiveAction),
    ]),
  };

  const paragraphs = [L(lang, report.sentence), L(lang, report.changeSentence), L(lang, report.halfYearSentence), L(lang, report.complianceSentence), L(lang, f.sentence)];
  return {
    title,
    paragraphs,
    tables: [summary, unitTable, lossTable, unitLossTable, gradeTable, complianceTable, followUpTable, testTable],
    date: report.asOf,
    lang,
  };
}
