// 年度報告 (admin): the summary sentence ready to paste, the unit × quarter table, the items that
// lost most points, the plan's compliance, the downloads (ODS first: ODF is the government's
// document standard) and the A4 print view.
import { useState } from 'react';
import { quarterOf } from '../../record/quarter';
import type { AnnualReport } from '../../report/annual';
import type { Stat } from '../../report/stats';
import { useLang, useTr } from '../i18n';
import { dash, GatedPage, GradeLegend, LoadLine, ScrollTable, T, YearPicker } from './common';
import { useLoad } from '../useLoad';
import './review.css';

const FORMATS = [
  { format: 'ods', zh: '下載 ODS 試算表（ODF）', en: 'Download ODS spreadsheet (ODF)' },
  { format: 'odt', zh: '下載 ODT 文件（ODF）', en: 'Download ODT document (ODF)' },
  { format: 'xlsx', zh: '下載 XLSX 試算表', en: 'Download XLSX spreadsheet' },
  { format: 'csv', zh: '下載 CSV（UTF-8）', en: 'Download CSV (UTF-8)' },
] as const;

const TOP_LOSSES = 10;

export default function ReportScreen() {
  return (
    <GatedPage route="report" roles={['admin']} deniedText={T.adminOnly}>
      <Report />
    </GatedPage>
  );
}

function Report() {
  const tr = useTr();
  const lang = useLang();
  const [year, setYear] = useState(quarterOf(new Date()).rocYear);
  const { data, loading, error } = useLoad<AnnualReport>(`/api/report/annual?year=${year}`);
  const report = data?.rocYear === year ? data : undefined;
  return (
    <>
      <div className="rv-toolbar">
        <YearPicker id="report-year" value={year} onChange={setYear} />
      </div>
      <nav aria-label={tr({ zh: '匯出與列印', en: 'Export and print' })} className="rv-actions">
        {FORMATS.map((f) => (
          <a key={f.format} className="rv-button" href={`/api/report/annual.${f.format}?year=${year}&lang=${lang}`} download>
            {tr(f)}
          </a>
        ))}
        <a className="rv-button rv-secondary" href={`/api/report/annual.html?year=${year}&lang=${lang}`} target="_blank" rel="noopener">
          {tr({ zh: '列印檢視（A4）', en: 'Print view (A4)' })}
        </a>
      </nav>
      <LoadLine loading={loading} error={error} hasData={!!report} />
      {report && <ReportBody report={report} />}
    </>
  );
}

function ReportBody({ report }: { report: AnnualReport }) {
  const tr = useTr();
  const lang = useLang();
  const stat = (s: Stat) => (s.testCount ? `${s.averageText}（${s.testCount}）` : '—');
  const losses = report.losses.filter((l) => (l.averageLost ?? 0) > 0).slice(0, TOP_LOSSES);
  const stateText = { met: { zh: '達成', en: 'met' }, missed: { zh: '未達成', en: 'missed' }, pending: { zh: '進行中', en: 'pending' }, notRequired: { zh: '免測', en: 'not required' } };
  return (
    <>
      <section aria-labelledby="report-summary-h">
        <h2 id="report-summary-h">{tr({ zh: '結果摘要（可直接貼入執行績效與成果）', en: 'Summary (ready to paste into the annual results)' })}</h2>
        <p className="rv-sentence">{report.sentence[lang]}</p>
        <p>{report.complianceSentence[lang]}</p>
        <GradeLegend bands={report.bands} />
      </section>

      <ScrollTable captionId="report-units-cap" caption={tr({ zh: '各單位各季平均分數（人次）', en: 'Average score per unit and quarter (tests)' })}>
        <thead>
          <tr>
            <th scope="col">{tr({ zh: '受測單位', en: 'Unit' })}</th>
            {report.quarterLabels.map((l) => (
              <th scope="col" key={l.zh}>
                {l[lang]}
              </th>
            ))}
            <th scope="col">{tr({ zh: '全年', en: 'Year' })}</th>
            <th scope="col">{tr({ zh: '等第', en: 'Grade' })}</th>
          </tr>
        </thead>
        <tbody>
          {report.units.map((u) => (
            <tr key={u.unitKey}>
              <th scope="row">{u.unitName}</th>
              {u.quarters.map((q, i) => (
                <td key={i}>{stat(q)}</td>
              ))}
              <td>{stat(u.year)}</td>
              <td>{dash(u.year.grade)}</td>
            </tr>
          ))}
          <tr className="rv-total">
            <th scope="row">{tr({ zh: '全局合計', en: 'Agency' })}</th>
            {report.quarterTotals.map((q, i) => (
              <td key={i}>{stat(q)}</td>
            ))}
            <td>{stat(report.overall)}</td>
            <td>{dash(report.overall.grade)}</td>
          </tr>
        </tbody>
      </ScrollTable>

      <section aria-labelledby="report-losses-h">
        <h2 id="report-losses-h">{tr({ zh: '失分最多的項目', en: 'Items that lost the most points' })}</h2>
        {losses.length === 0 ? (
          <p>{tr({ zh: '本年度沒有失分項目。', en: 'No points lost this year.' })}</p>
        ) : (
          <ol>
            {losses.map((l) => (
              <li key={l.itemId}>
                {l.label[lang]} — {tr({ zh: `平均失分 ${l.averageLostText}（配分 ${l.max}，${l.applicable} 人次）`, en: `average lost ${l.averageLostText} (max ${l.max}, ${l.applicable} tests)` })}
              </li>
            ))}
          </ol>
        )}
      </section>

      <ScrollTable captionId="report-plan-cap" caption={tr({ zh: `測試計畫達成情形（${report.compliance.planText.zh}）`, en: `Plan compliance (${report.compliance.planText.en})` })}>
        <thead>
          <tr>
            <th scope="col">{tr({ zh: '受測單位', en: 'Unit' })}</th>
            {report.compliance.periods.map((p) => (
              <th scope="col" key={p.start}>
                {p.label[lang]}
              </th>
            ))}
            <th scope="col">{tr({ zh: '全年達成', en: 'Met all year' })}</th>
          </tr>
        </thead>
        <tbody>
          {report.compliance.units.map((u) => (
            <tr key={u.unitKey}>
              <th scope="row">{u.unitName}</th>
              {u.periods.map((p, i) => (
                <td key={i}>{tr({ zh: `${p.count} 次，${stateText[p.state].zh}`, en: `${p.count}, ${stateText[p.state].en}` })}</td>
              ))}
              <td>{u.compliant ? tr({ zh: '是', en: 'Yes' }) : tr({ zh: '否', en: 'No' })}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
