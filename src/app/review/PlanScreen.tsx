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
};

export default function PlanScreen() {
  return (
    <GatedPage route="plan" roles={['admin']} deniedText={T.adminOnly}>
      <Plan />
    </GatedPage>
  );
}

function Plan() {
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
  const { status: saved, setStatus: setSaved, error, setError, send } = useSubmission();
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

  const countError = error?.startsWith('testsPerPeriod') ? error : undefined;
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
  const { status: saved, setStatus: setSaved, error, setError, send } = useSubmission();
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
  const fieldInError = (i: number, field: string) => !!error?.startsWith(`bands[${i}].${field}`);
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
