// 年度報告 (admin): the summary sentence ready to paste, the unit × quarter table, the items that
// lost most points, the plan's compliance, the downloads (ODS first: ODF is the government's
// document standard) and the A4 print view.
import { useState } from 'react';
import { quarterOf } from '../../record/quarter';
import type { AnnualReport } from '../../report/annual';
import type { Stat } from '../../report/stats';
import { useLang, useTr } from '../i18n';
import { dash, GatedPage, GradeLegend, LoadLine, ScrollTable, T, YearPicker } from './common';
import { BarChart } from './BarChart';
import { FollowUpSection } from './FollowUp';
import { PERIOD_STATE_TEXT } from '../../report/plan';
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
      <nav aria-label={tr({ zh: '逐筆資料匯出', en: 'One row per test' })} className="rv-actions">
        {(['ods', 'xlsx', 'csv'] as const).map((f) => (
          <a key={f} className="rv-button rv-secondary" href={`/api/report/tests.${f}?year=${year}&lang=${lang}`} download>
            {tr({ zh: `逐筆資料 ${f.toUpperCase()}（各項目得分）`, en: `Per-test ${f.toUpperCase()} (every item’s points)` })}
          </a>
        ))}
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
  const stateText = PERIOD_STATE_TEXT;
  const c = report.calls;
  return (
    <>
      <section aria-labelledby="report-summary-h">
        <h2 id="report-summary-h">{tr({ zh: '結果摘要（可直接貼入執行績效與成果）', en: 'Summary (ready to paste into the annual results)' })}</h2>
        <p className="rv-sentence">{report.sentence[lang]}</p>
        <p>{report.changeSentence[lang]}</p>
        <p>{report.halfYearSentence[lang]}</p>
        <p>{report.complianceSentence[lang]}</p>
        <GradeLegend bands={report.bands} />
      </section>

      <section aria-labelledby="report-calls-h">
        <h2 id="report-calls-h">{tr({ zh: '接聽情形', en: 'How calls were answered' })}</h2>
        <div className="rv-pair">
          <ScrollTable captionId="report-calls-cap" caption={tr({ zh: '接聽情形與等第分布', en: 'Answering and grades' })}>
            <tbody>
              <tr>
                <th scope="row">{tr({ zh: '總機連打 2 次無人接聽', en: 'Switchboard unanswered twice' })}</th>
                <td className="n">{c.switchboardNoAnswer}</td>
              </tr>
              <tr>
                <th scope="row">{tr({ zh: '業務單位無人接聽', en: 'Business unit unanswered' })}</th>
                <td className="n">{c.unitNoAnswer}</td>
              </tr>
              <tr>
                <th scope="row">{tr({ zh: '非承辦人代答（乙）比率', en: 'Answered by a non-responsible person (乙)' })}</th>
                <td className="n">{c.contentScored ? `${c.notResponsibleShareText}（${c.notResponsible} / ${c.contentScored}）` : '—'}</td>
              </tr>
              {report.gradeDistribution.map((g) => (
                <tr key={g.grade}>
                  <th scope="row">{tr({ zh: `等第「${g.grade}」人次`, en: `Grade ${g.grade}` })}</th>
                  <td className="n">
                    {g.count}
                    {g.shareText ? `（${g.shareText}）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <BarChart
            title={tr({ zh: `${report.rocYear} 年等第分布`, en: `Grades, ROC ${report.rocYear}` })}
            description={tr({ zh: '每列一個等第，長條為人次；數值見旁表。', en: 'One bar per grade, its length the number of tests; figures in the table.' })}
            bars={report.gradeDistribution.map((g) => ({ key: g.grade, label: g.grade, value: g.count, valueText: tr({ zh: `${g.count} 人次`, en: `${g.count}` }) }))}
          />
        </div>
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
                {l.itemId} {l.label[lang]} — {tr({ zh: `平均失分 ${l.averageLostText}（配分 ${l.maxText}，失分率 ${l.lostShareText}，${l.applicable} 人次）`, en: `average lost ${l.averageLostText} (max ${l.maxText}, ${l.lostShareText} of max, ${l.applicable} tests)` })}
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
            <th scope="col">{tr({ zh: '全年', en: 'Year' })}</th>
          </tr>
        </thead>
        <tbody>
          {report.compliance.units.map((u) => (
            <tr key={u.unitKey}>
              <th scope="row">{u.unitName}</th>
              {u.periods.map((p, i) => (
                <td key={i}>{tr({ zh: `${p.count} 次，${stateText[p.state].zh}`, en: `${p.count}, ${stateText[p.state].en}` })}</td>
              ))}
              <td>{tr(stateText[u.state])}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>

      <FollowUpSection />
    </>
  );
}
