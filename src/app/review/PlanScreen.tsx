// 測試計畫 (admin): the required frequency (default 「每 4 個月至少測試 1 次」), the grade bands,
// which units are due or overdue today, and which tester tested which unit (so testing rotates).
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Text } from '../../scoresheet';
import { formatRocDate } from '../../record/quarter';
import type { GradeBands } from '../../report/grades';
import type { PlanSetting, PlanStatus, Rotation, UnitPlanStatus } from '../../report/plan';
import { api } from '../api';
import { useLang, useTr } from '../i18n';
import { GatedPage, LoadLine, SaveMessages, ScrollTable, T } from './common';
import { useLoad } from '../useLoad';
import { useSubmission } from '../useSubmission';
import { FollowUpSection } from './FollowUp';
import type { Calibration } from '../../report/calibration';
import type { FollowUpSetting } from '../../report/followUp';
import './review.css';

const PERIODS: { months: PlanSetting['periodMonths']; label: Text }[] = [
  { months: 1, label: { zh: '每月', en: 'Every month' } },
  { months: 2, label: { zh: '每 2 個月', en: 'Every 2 months' } },
  { months: 3, label: { zh: '每季（3 個月）', en: 'Every quarter (3 months)' } },
  { months: 4, label: { zh: '每 4 個月', en: 'Every 4 months' } },
  { months: 6, label: { zh: '每半年', en: 'Every 6 months' } },
  { months: 12, label: { zh: '每年', en: 'Every year' } },
];

const STATUS: Record<UnitPlanStatus, Text> = {
  overdue: { zh: '逾期（上期未測）', en: 'Overdue (last period missed)' },
  due: { zh: '待測', en: 'Due' },
  done: { zh: '本期已完成', en: 'Done this period' },
  notStarted: { zh: '尚未開始（起始日在後）', en: 'Not started yet (start date later)' },
};

export default function PlanScreen() {
  return (
    <GatedPage route="plan" roles={['admin']} deniedText={T.adminOnly}>
      <Plan />
    </GatedPage>
  );
}

function Plan() {
  const tr = useTr();
  const status = useLoad<PlanStatus & { rotation: Rotation }>('/api/plan/status');
  return (
    <>
      <PlanForm onSaved={status.reload} />
      <LoadLine loading={status.loading} error={status.error} hasData={!!status.data} />
      {status.data && (
        <>
          <DueTable status={status.data} />
          <RotationTable rotation={status.data.rotation} />
        </>
      )}
      <FollowUpSection title={tr({ zh: '※ 考核結果處理情形', en: '※ Follow-up of results' })} />
      <FollowUpForm />
      <CalibrationTable />
      <GradesForm />
    </>
  );
}

function PlanForm({ onSaved }: { onSaved(): void }) {
  const tr = useTr();
  const id = useId();
  const loaded = useLoad<PlanSetting>('/api/settings/plan');
  const [months, setMonths] = useState<number>(4);
  const [count, setCount] = useState('1');
  const { status: saved, setStatus: setSaved, error, errorField, setError, send } = useSubmission();
  useEffect(() => {
    if (loaded.data) {
      setMonths(loaded.data.periodMonths);
      setCount(String(loaded.data.testsPerPeriod));
    }
  }, [loaded.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setSaved(undefined);
    await send(async () => {
      const value = await api<PlanSetting>('/api/settings/plan', { method: 'PUT', body: { periodMonths: months, testsPerPeriod: Number(count) } });
      setSaved(tr({ zh: `已儲存：${planWords(value, 'zh')}`, en: `Saved: ${planWords(value, 'en')}` }));
      onSaved();
    });
  }

  const countError = errorField === 'testsPerPeriod' || error?.startsWith('testsPerPeriod') ? error : undefined;
  // noValidate: the server's message names the field and the rule, in the page, read by screen readers.
  return (
    <form onSubmit={save} aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>{tr({ zh: '測試頻率', en: 'How often each unit is tested' })}</h2>
      <LoadLine loading={loaded.loading} error={loaded.error} hasData={!!loaded.data} />
      <div className="rv-toolbar">
        <div className="rv-field">
          <label htmlFor={`${id}-p`}>{tr({ zh: '期間', en: 'Period' })}</label>
          <select id={`${id}-p`} value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            {PERIODS.map((p) => (
              <option key={p.months} value={p.months}>
                {tr(p.label)}
              </option>
            ))}
          </select>
        </div>
        <div className="rv-field">
          <label htmlFor={`${id}-n`}>{tr({ zh: '每期至少測試次數', en: 'Tests per unit per period (at least)' })}</label>
          <input
            id={`${id}-n`}
            type="number"
            inputMode="numeric"
            min={1}
            max={50}
            step={1}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-invalid={countError ? true : undefined}
            aria-describedby={countError ? `${id}-err` : undefined}
          />
        </div>
        <button type="submit">{tr({ zh: '儲存測試頻率', en: 'Save frequency' })}</button>
      </div>
      <SaveMessages status={saved} error={error} errorId={`${id}-err`} />
    </form>
  );
}

function planWords(p: PlanSetting, lang: 'zh' | 'en'): string {
  const period = PERIODS.find((x) => x.months === p.periodMonths)?.label[lang] ?? '';
  return lang === 'zh' ? `${period}至少測試 ${p.testsPerPeriod} 次` : `${period}: at least ${p.testsPerPeriod}`;
}

function DueTable({ status }: { status: PlanStatus }) {
  const tr = useTr();
  const lang = useLang();
  return (
    <section aria-labelledby="plan-due-h">
      <h2 id="plan-due-h">{tr({ zh: '各單位待測情形', en: 'Units due and overdue' })}</h2>
      <p>
        {tr({
          zh: `計畫：${status.planText.zh}。本期 ${status.period.label.zh}（${formatRocDate(status.asOf, 'zh')} 止）：逾期 ${status.counts.overdue} 個、待測 ${status.counts.due} 個、已完成 ${status.counts.done} 個單位。`,
          en: `Plan: ${status.planText.en}. This period (${status.period.label.en}), as of ${formatRocDate(status.asOf, 'en')}: ${status.counts.overdue} overdue, ${status.counts.due} due, ${status.counts.done} done.`,
        })}
      </p>
      <ScrollTable captionId="plan-due-cap" caption={tr({ zh: '逾期者列於最前', en: 'Overdue units first' })}>
        <thead>
          <tr>
            <th scope="col">{tr({ zh: '受測單位', en: 'Unit' })}</th>
            <th scope="col">{tr({ zh: '狀態', en: 'Status' })}</th>
            <th scope="col">{tr({ zh: '本期人次', en: 'Tests this period' })}</th>
            <th scope="col">{tr({ zh: '上期人次', en: 'Tests last period' })}</th>
            <th scope="col">{tr({ zh: '最近測試', en: 'Last tested' })}</th>
            <th scope="col">{tr({ zh: '本期截止', en: 'Period ends' })}</th>
          </tr>
        </thead>
        <tbody>
          {status.units.map((u) => (
            <tr key={u.unitKey}>
              <th scope="row">{u.unitName}</th>
              <td className={u.status === 'overdue' ? 'rv-status-overdue' : undefined}>{tr(STATUS[u.status])}</td>
              <td>
                {u.testsThisPeriod} / {u.required}
              </td>
              <td>{u.testsPreviousPeriod}</td>
              <td>{u.lastTestedAt ? formatRocDate(u.lastTestedAt, lang) : tr({ zh: '尚未測試', en: 'never' })}</td>
              <td>{formatRocDate(new Date(Date.parse(u.dueBy) - 1), lang)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

function RotationTable({ rotation }: { rotation: Rotation }) {
  const tr = useTr();
  return (
    <section aria-labelledby="plan-rot-h">
      <h2 id="plan-rot-h">{tr({ zh: '測試人員輪替（近一年）', en: 'Tester rotation (last year)' })}</h2>
      {rotation.testers.length === 0 ? (
        <p>{tr({ zh: '近一年尚無測試。', en: 'No tests in the last year.' })}</p>
      ) : (
        <ScrollTable captionId="plan-rot-cap" caption={tr({ zh: '各測試人員測試各單位的次數', en: 'Tests per tester and unit' })}>
          <thead>
            <tr>
              <th scope="col">{tr({ zh: '受測單位', en: 'Unit' })}</th>
              {rotation.testers.map((t) => (
                <th scope="col" key={t.testerKey}>
                  {t.testerName}
                </th>
              ))}
              <th scope="col">{tr({ zh: '最近一次測試人員', en: 'Last tested by' })}</th>
            </tr>
          </thead>
          <tbody>
            {rotation.units.map((u) => (
              <tr key={u.unitKey}>
                <th scope="row">{u.unitName}</th>
                {rotation.testers.map((t) => (
                  <td key={t.testerKey}>{u.counts[t.testerKey] ?? 0}</td>
                ))}
                <td>{u.lastTesterName || '—'}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

function GradesForm() {
  const tr = useTr();
  const id = useId();
  const loaded = useLoad<GradeBands>('/api/settings/grades');
  const [rows, setRows] = useState<{ grade: string; min: string }[]>([]);
  const { status: saved, setStatus: setSaved, error, errorField, setError, send } = useSubmission();
  useEffect(() => {
    if (loaded.data) setRows(loaded.data.bands.map((b) => ({ grade: b.grade, min: String(b.min) })));
  }, [loaded.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setSaved(undefined);
    await send(async () => {
      await api('/api/settings/grades', { method: 'PUT', body: { bands: rows.map((r) => ({ grade: r.grade, min: r.min === '' ? null : Number(r.min) })) } });
      setSaved(tr({ zh: '已儲存等第級距。', en: 'Grade bands saved.' }));
    });
  }

  const set = (i: number, field: 'grade' | 'min', value: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const fieldInError = (i: number, field: string) => errorField === `bands[${i}].${field}` || !!error?.startsWith(`bands[${i}].${field}`);
  // noValidate: the server's message names the field and the rule, in the page, read by screen readers.
  return (
    <form onSubmit={save} aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>{tr({ zh: '等第級距', en: 'Grade bands' })}</h2>
      <p>{tr({ zh: '由高至低；平均分數（不四捨五入）達下限即屬該等第，最低一級須自 0 分起。', en: 'Highest first; an exact average at or above a lower bound earns that grade; the lowest must start at 0.' })}</p>
      <LoadLine loading={loaded.loading} error={loaded.error} hasData={!!loaded.data} />
      {rows.map((r, i) => (
        <fieldset key={i} className="rv-toolbar">
          <legend>{tr({ zh: `第 ${i + 1} 級`, en: `Band ${i + 1}` })}</legend>
          <div className="rv-field">
            <label htmlFor={`${id}-g${i}`}>{tr({ zh: '等第名稱', en: 'Grade' })}</label>
            <input id={`${id}-g${i}`} value={r.grade} onChange={(e) => set(i, 'grade', e.target.value)} aria-invalid={fieldInError(i, 'grade') || undefined} />
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-m${i}`}>{tr({ zh: '下限（分）', en: 'From (points)' })}</label>
            <input
              id={`${id}-m${i}`}
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step={0.5}
              value={r.min}
              onChange={(e) => set(i, 'min', e.target.value)}
              aria-invalid={fieldInError(i, 'min') || undefined}
            />
          </div>
        </fieldset>
      ))}
      <button type="submit">{tr({ zh: '儲存等第級距', en: 'Save grade bands' })}</button>
      <SaveMessages status={saved} error={error} />
    </form>
  );
}

/** The follow-up threshold: a result below it asks the unit head for an improvement report. */
function FollowUpForm() {
  const tr = useTr();
  const id = useId();
  const loaded = useLoad<FollowUpSetting>('/api/settings/follow-up');
  const [threshold, setThreshold] = useState('90');
  const [days, setDays] = useState('30');
  const { status: saved, setStatus: setSaved, error, errorField, setError, send } = useSubmission();
  useEffect(() => {
    if (loaded.data) {
      setThreshold(String(loaded.data.threshold));
      setDays(String(loaded.data.reportWithinDays));
    }
  }, [loaded.data]);
  async function save(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setSaved(undefined);
    await send(async () => {
      const v = await api<FollowUpSetting>('/api/settings/follow-up', { method: 'PUT', body: { threshold: Number(threshold), reportWithinDays: Number(days) } });
      setSaved(tr({ zh: `已儲存：低於 ${v.threshold} 分須於 ${v.reportWithinDays} 日內提報改善情形`, en: `Saved: below ${v.threshold}, a report within ${v.reportWithinDays} days` }));
    });
  }
  const invalid = (field: string) => (errorField === field || error?.startsWith(`${field}:`) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {});
  return (
    <form onSubmit={save} aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>{tr({ zh: '改善報告門檻', en: 'When an improvement report is asked for' })}</h2>
      <LoadLine loading={loaded.loading} error={loaded.error} hasData={!!loaded.data} />
      <div className="rv-toolbar">
        <div className="rv-field">
          <label htmlFor={`${id}-t`}>{tr({ zh: '低於此分數須提報（分）', en: 'Results below (points)' })}</label>
          <input id={`${id}-t`} type="number" inputMode="decimal" min={1} max={100} step={0.5} value={threshold} onChange={(e) => setThreshold(e.target.value)} {...invalid('threshold')} />
        </div>
        <div className="rv-field">
          <label htmlFor={`${id}-d`}>{tr({ zh: '提報期限（測試後日數）', en: 'Report due within (days after the test)' })}</label>
          <input id={`${id}-d`} type="number" inputMode="numeric" min={1} max={365} step={1} value={days} onChange={(e) => setDays(e.target.value)} {...invalid('reportWithinDays')} />
        </div>
        <button type="submit">{tr({ zh: '儲存門檻', en: 'Save threshold' })}</button>
      </div>
      <SaveMessages status={saved} error={error} errorId={`${id}-err`} />
    </form>
  );
}

/** Tester calibration (admins only; never on a unit head's screen). */
function CalibrationTable() {
  const tr = useTr();
  const { data, loading, error } = useLoad<Calibration>('/api/calibration');
  return (
    <section aria-labelledby="plan-cal-h">
      <h2 id="plan-cal-h">{tr({ zh: '測試人員評分校準（近一年，僅秘書室可見）', en: 'Tester calibration (last year, secretariat only)' })}</h2>
      <LoadLine loading={loading} error={error} hasData={!!data} />
      {data && data.testers.length === 0 && <p>{tr({ zh: '近一年尚無測試。', en: 'No tests in the last year.' })}</p>}
      {data && data.testers.length > 0 && (
        <>
          <p className="rv-note">
            {tr({
              zh: `每位測試人員的平均分數與其他測試人員在相同單位的平均比較；差距超過 ${data.margin} 分者標示「需校準」。全局平均 ${data.agencyAverageText} 分。`,
              en: `Each tester's average against the other testers' on the same units; past ${data.margin} points the tester is flagged. Agency average ${data.agencyAverageText}.`,
            })}
          </p>
          <ScrollTable captionId="plan-cal-cap" caption={tr({ zh: '各測試人員與他人於相同單位之平均差距', en: 'Each tester against the others on the same units' })}>
            <thead>
              <tr>
                <th scope="col">{tr({ zh: '測試人員', en: 'Tester' })}</th>
                <th scope="col" className="n">{tr({ zh: '人次', en: 'Tests' })}</th>
                <th scope="col" className="n">{tr({ zh: '平均', en: 'Average' })}</th>
                <th scope="col" className="n">{tr({ zh: '比較人次', en: 'Compared' })}</th>
                <th scope="col" className="n">{tr({ zh: '他人於相同單位', en: 'Others, same units' })}</th>
                <th scope="col" className="n">{tr({ zh: '差距', en: 'Difference' })}</th>
                <th scope="col">{tr({ zh: '判讀', en: 'Reading' })}</th>
              </tr>
            </thead>
            <tbody>
              {data.testers.map((t) => (
                <tr key={t.testerKey}>
                  <th scope="row">{t.testerName}</th>
                  <td className="n">{t.testCount}</td>
                  <td className="n">{t.averageText}</td>
                  <td className="n">{t.comparedTests}</td>
                  <td className="n">{t.referenceAverageText || '—'}</td>
                  <td className="n">{t.differenceText || '—'}</td>
                  <td className={t.flagged ? 'rv-flag' : undefined}>
                    {!t.differenceText ? tr({ zh: '無其他測試人員可比較', en: 'Nobody else to compare with' }) : t.flagged ? tr({ zh: '需校準', en: 'Calibrate' }) : tr({ zh: '在差距內', en: 'Within the margin' })}
                    {!t.sameUnits && t.differenceText ? tr({ zh: '（無共同單位，與全體他人比較）', en: ' (no shared unit: against all others)' }) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </section>
  );
}
