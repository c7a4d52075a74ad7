// Print views (A4, ROC dates) of the annual report and the quarterly review: a standalone HTML
// page the browser prints, with the same figures as the downloads.
import { formatRocDate } from '../../record/quarter';
import type { AnnualReport } from '../annual';
import { annualDocument, type DocTable, type Lang } from '../document';
import type { QuarterlyReview } from '../review';
import { scoreText } from '../exact';

export const HTML_MEDIA_TYPE = 'text/html; charset=utf-8';

export function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const PRINT_CSS = `
@page { size: A4; margin: 2cm 1.8cm; }
html { font-family: "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", sans-serif; font-size: 100%; color: #000; }
body { margin: 0; font-size: 0.75rem; line-height: 1.5; }
h1 { font-size: 1.25rem; margin: 0 0 0.5rem; }
h2 { font-size: 1rem; margin: 1.25rem 0 0.5rem; break-after: avoid; }
p { margin: 0 0 0.5rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 0.75rem; break-inside: auto; }
th, td { border: 1px solid #000; padding: 0.15rem 0.3rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.meta { color: #333; font-size: 0.7rem; }
@media screen { body { max-width: 60rem; margin: 1rem auto; padding: 0 1rem; font-size: 1rem; } }
`;

function page(title: string, lang: Lang, body: string): string {
  return `<!doctype html>\n<html lang="${lang === 'zh' ? 'zh-Hant-TW' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${htmlEscape(title)}</title><style>${PRINT_CSS}</style></head><body>${body}</body></html>\n`;
}

function tableHtml(t: { title: string; header: string[]; rows: { text: string; numeric?: boolean }[][] }): string {
  const head = `<thead><tr>${t.header.map((h) => `<th scope="col">${htmlEscape(h)}</th>`).join('')}</tr></thead>`;
  // Text is printed as typed: the formula guard belongs to CSV alone (issue 13), a printed page runs nothing.
  const body = t.rows
    .map((row) => `<tr>${row.map((c) => (c.numeric ? `<td class="n">${htmlEscape(c.text)}</td>` : `<td>${htmlEscape(c.text)}</td>`)).join('')}</tr>`)
    .join('');
  return `<h2>${htmlEscape(t.title)}</h2><table>${head}<tbody>${body}</tbody></table>`;
}

const fromDoc = (t: DocTable) => ({ title: t.title, header: t.header, rows: t.rows.map((r) => r.map((c) => ({ text: c.text, numeric: c.kind === 'number' }))) });

export function annualHtml(report: AnnualReport, lang: Lang = 'zh'): string {
  const doc = annualDocument(report, lang);
  const meta = lang === 'zh' ? `資料日期：${formatRocDate(report.asOf, 'zh')}` : `As of ${formatRocDate(report.asOf, 'en')}`;
  const body =
    `<h1>${htmlEscape(doc.title)}</h1><p class="meta">${htmlEscape(meta)}</p>` +
    doc.paragraphs.map((p) => `<p>${htmlEscape(p)}</p>`).join('') +
    doc.tables.filter((t) => t.rows.length > 0).map((t) => tableHtml(fromDoc(t))).join('');
  return page(doc.title, lang, body);
}

export function reviewHtml(review: QuarterlyReview, lang: Lang = 'zh', printedAt: string = new Date().toISOString()): string {
  const zh = lang === 'zh';
  const title = zh ? `${review.label.zh}電話禮貌測試檢討` : `Telephone-courtesy review, ${review.label.en}`;
  const n = (text: string) => ({ text, numeric: true });
  const t = (text: string) => ({ text });
  const opt = (x: number | null) => n(x === null ? '' : scoreText(x));
  const units = {
    title: zh ? '各單位成績' : 'Results per unit',
    header: zh ? ['受測單位', '人次', '平均', '最低', '最高', '等第', '較上季'] : ['Unit', 'Tests', 'Average', 'Lowest', 'Highest', 'Grade', 'Change'],
    rows: [
      ...review.units.map((u) => [t(u.unitName), n(String(u.testCount)), n(u.averageText), opt(u.lowest), opt(u.highest), t(u.grade ?? ''), n(u.changeText)]),
      [t(zh ? '全局' : 'Agency'), n(String(review.overall.testCount)), n(review.overall.averageText), opt(review.overall.lowest), opt(review.overall.highest), t(review.overall.grade ?? ''), n(review.overall.changeText)],
    ],
  };
  const losses = {
    title: zh ? '失分項目（平均失分由多至少）' : 'Points lost per item (most first)',
    header: zh ? ['項目', '配分', '適用人次', '平均失分', '失分率', '全局平均失分'] : ['Item', 'Max', 'Tests', 'Average lost', 'Share of max', 'Agency average lost'],
    rows: review.losses.filter((l) => (l.averageLost ?? 0) > 0).map((l) => [t(l.label[lang]), n(l.maxText), n(String(l.applicable)), n(l.averageLostText), n(l.lostShareText), n(l.agency.averageLostText)]),
  };
  const trend = {
    title: zh ? '近八季平均分數' : 'Average over the last eight quarters',
    header: [zh ? '受測單位' : 'Unit', ...review.trend.labels.map((l) => l[lang])],
    rows: [
      ...review.trend.units.map((u) => [t(u.unitName), ...u.points.map((p) => n(p.averageText))]),
      [t(zh ? '全局' : 'Agency'), ...review.trend.overall.map((p) => n(p.averageText))],
    ],
  };
  const tests = {
    title: zh ? '本季測試' : 'Tests this quarter',
    header: zh ? ['測試時間', '受測單位', '受話者', '分機', '總分', '等第', '主管確認'] : ['Tested', 'Unit', 'Answerer', 'Extension', 'Total', 'Grade', 'Acknowledged'],
    rows: review.tests.map((x) => [
      t(x.testedAtText[lang]),
      t(x.unitName),
      t(x.answererSurname),
      t(x.extension),
      n(scoreText(x.total)),
      t(x.grade ?? ''),
      t(x.acknowledgement ? formatRocDate(x.acknowledgement.at, lang) : zh ? '未確認' : 'not yet'),
    ]),
  };
  const meta = zh ? `列印日期：${formatRocDate(printedAt, 'zh')}` : `Printed ${formatRocDate(printedAt, 'en')}`;
  const drafts = review.draftCount ? `<p>${htmlEscape(zh ? `另有 ${review.draftCount} 份草稿未列入。` : `${review.draftCount} draft(s) not counted.`)}</p>` : '';
  const body = `<h1>${htmlEscape(title)}</h1><p class="meta">${htmlEscape(meta)}</p>${drafts}` + [units, losses, trend, tests].map(tableHtml).join('');
  return page(title, lang, body);
}
