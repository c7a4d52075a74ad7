// 考核結果處理情形 on screen. A unit head writes an improvement report (cause, 改善措施, due date) for
// each of their results under the threshold; the secretariat sees which are awaited, open or closed
// and which are overdue, and closes them. The start-screen reminder tells a head what is still owed.
import { useId, useState, type FormEvent } from 'react';
import type { FollowUpList, FollowUpRow } from '../../report/followUp';
import { FOLLOW_UP_STATE_TEXT } from '../../report/followUp';
import { scoreText } from '../../report/exact';
import { formatRocDate } from '../../record/quarter';
import { api } from '../api';
import { useLang, useTr } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { useSubmission } from '../useSubmission';
import { LoadLine, SaveMessages, ScrollTable } from './common';

const dueText = (ymd: string, lang: 'zh' | 'en') => formatRocDate(`${ymd}T12:00:00+08:00`, lang);

export function printHref(testId: string): string {
  return `#/review?print=${encodeURIComponent(testId)}`;
}

/** The review's follow-up section: a form per result for a head, the tracking table for an admin. */
export function FollowUpSection(props: { quarter?: string; title?: string }) {
  const tr = useTr();
  const lang = useLang();
  const role = useSession((s) => s.user?.role);
  const path = props.quarter ? `/api/follow-ups?quarter=${encodeURIComponent(props.quarter)}` : '/api/follow-ups';
  const { data, loading, error, reload } = useLoad<FollowUpList>(path);
  return (
    <section aria-labelledby="followup-h">
      <h2 id="followup-h">{props.title ?? tr({ zh: '考核結果處理情形', en: 'Follow-up of results' })}</h2>
      <LoadLine loading={loading} error={error} hasData={!!data} />
      {data && (
        <>
          <p>{data.sentence[lang]}</p>
          {role === 'unitHead' ? (
            <ul className="rv-list">
              {data.rows.map((r) => (
                <li key={r.testId}>
                  <ReportForm row={r} onDone={reload} />
                </li>
              ))}
            </ul>
          ) : (
            data.rows.length > 0 && <TrackingTable list={data} onDone={reload} />
          )}
        </>
      )}
    </section>
  );
}

function rowTitle(r: FollowUpRow, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${r.dateText.zh}　${r.unitName}　${scoreText(r.total)} 分（${r.grade ?? '—'}）` : `${r.dateText.en}  ${r.unitName}  ${scoreText(r.total)} (${r.grade ?? '—'})`;
}

function StateWords({ row }: { row: FollowUpRow }) {
  const tr = useTr();
  return (
    <span className={row.overdue ? 'rv-overdue' : undefined}>
      {tr(FOLLOW_UP_STATE_TEXT[row.state])}
      {row.overdue ? tr({ zh: '（逾期）', en: ' (overdue)' }) : ''}
    </span>
  );
}

function ReportForm({ row, onDone }: { row: FollowUpRow; onDone(): void }) {
  const tr = useTr();
  const lang = useLang();
  const id = useId();
  const [cause, setCause] = useState(row.report?.cause ?? '');
  const [measures, setMeasures] = useState(row.report?.measures ?? '');
  const [dueOn, setDueOn] = useState(row.report?.dueOn ?? '');
  const { status, setStatus, error, errorField, setError, busy, send } = useSubmission();
  const closed = row.state === 'closed';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    await send(async () => {
      await api(`/api/follow-ups/${encodeURIComponent(row.testId)}/report`, { body: { cause, measures, dueOn } });
      setStatus(tr({ zh: '已送出改善報告。', en: 'Improvement report sent.' }));
      onDone();
    });
  }
  const field = (name: string) => (errorField === name || error?.startsWith(`${name}:`) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {});

  return (
    <div className="rv-followup">
      <p className="rv-ack-line">
        {rowTitle(row, lang)}　<StateWords row={row} />{' '}
        <a href={printHref(row.testId)}>{tr({ zh: '檢視測試量表', en: 'View the sheet' })}</a>
      </p>
      {row.state === 'awaiting' && (
        <p>{tr({ zh: `請於 ${dueText(row.reportDueOn, 'zh')} 前提報改善情形。`, en: `Please report by ${dueText(row.reportDueOn, 'en')}.` })}</p>
      )}
      {closed ? (
        <p>
          {tr({ zh: `原因：${row.report!.cause}；改善措施：${row.report!.measures}；已於 ${formatRocDate(row.report!.closedAt!, 'zh')} 結案。`, en: `Cause: ${row.report!.cause}; measures: ${row.report!.measures}; closed ${formatRocDate(row.report!.closedAt!, 'en')}.` })}
        </p>
      ) : (
        <form onSubmit={submit} aria-label={tr({ zh: `改善報告：${rowTitle(row, 'zh')}`, en: `Improvement report: ${rowTitle(row, 'en')}` })} noValidate>
          <div className="rv-field">
            <label htmlFor={`${id}-c`}>{tr({ zh: '失分原因', en: 'Cause' })}</label>
            <textarea id={`${id}-c`} value={cause} maxLength={2000} rows={2} onChange={(e) => setCause(e.target.value)} {...field('cause')} />
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-m`}>{tr({ zh: '改善措施', en: 'Improvement measures' })}</label>
            <textarea id={`${id}-m`} value={measures} maxLength={2000} rows={2} onChange={(e) => setMeasures(e.target.value)} {...field('measures')} />
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-d`}>{tr({ zh: '預定完成日期', en: 'To be done by' })}</label>
            <input id={`${id}-d`} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} {...field('dueOn')} />
          </div>
          <button type="submit" disabled={busy}>
            {row.report ? tr({ zh: '更新改善報告', en: 'Update the report' }) : tr({ zh: '送出改善報告', en: 'Send the report' })}
          </button>
        </form>
      )}
      <SaveMessages status={status} error={error} errorId={`${id}-err`} />
    </div>
  );
}

function TrackingTable({ list, onDone }: { list: FollowUpList; onDone(): void }) {
  const tr = useTr();
  const lang = useLang();
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  async function close(row: FollowUpRow) {
    setError(undefined);
    await send(async () => {
      await api(`/api/follow-ups/${encodeURIComponent(row.testId)}/close`, { body: {} });
      setStatus(tr({ zh: `已結案：${rowTitle(row, 'zh')}`, en: `Closed: ${rowTitle(row, 'en')}` }));
      onDone();
    });
  }
  return (
    <>
      <ScrollTable captionId="followup-cap" caption={tr({ zh: `改善報告（逾期 ${list.counts.overdue} 件）`, en: `Improvement reports (${list.counts.overdue} overdue)` })}>
        <thead>
          <tr>
            <th scope="col">{tr({ zh: '測試', en: 'Test' })}</th>
            <th scope="col">{tr({ zh: '狀態', en: 'Status' })}</th>
            <th scope="col">{tr({ zh: '原因／改善措施', en: 'Cause / measures' })}</th>
            <th scope="col">{tr({ zh: '期限', en: 'Due' })}</th>
            <th scope="col">{tr({ zh: '處理', en: 'Action' })}</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r) => (
            <tr key={r.testId}>
              <th scope="row">
                <a href={printHref(r.testId)}>{rowTitle(r, lang)}</a>
              </th>
              <td>
                <StateWords row={r} />
              </td>
              <td>{r.report ? `${r.report.cause}／${r.report.measures}` : '—'}</td>
              <td>{r.report ? dueText(r.report.dueOn, lang) : tr({ zh: `提報期限 ${dueText(r.reportDueOn, 'zh')}`, en: `report by ${dueText(r.reportDueOn, 'en')}` })}</td>
              <td>
                {r.state === 'open' ? (
                  <button type="button" disabled={busy} onClick={() => void close(r)}>
                    {tr({ zh: '結案', en: 'Close' })}
                    <span className="visually-hidden"> {rowTitle(r, lang)}</span>
                  </button>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SaveMessages status={status} error={error} />
    </>
  );
}

/** On a unit head's start screen: how many improvement reports are still owed, and which are late. */
export function FollowUpReminder() {
  const tr = useTr();
  const role = useSession((s) => s.user?.role);
  if (role !== 'unitHead') return null;
  return <Reminder tr={tr} />;
}

function Reminder({ tr }: { tr: ReturnType<typeof useTr> }) {
  const { data } = useLoad<FollowUpList>('/api/follow-ups');
  if (!data) return null;
  const owed = data.rows.filter((r) => r.state !== 'closed');
  if (owed.length === 0) return null;
  const awaiting = data.counts.awaiting;
  return (
    <div className="banner is-problem" role="region" aria-label={tr({ zh: '待辦的改善報告', en: 'Improvement reports due' })}>
      <p>
        {tr({
          zh: `有 ${awaiting} 份測試結果低於 ${data.setting.threshold} 分待提報改善情形，${data.counts.open} 份改善中；其中 ${data.counts.overdue} 份逾期。`,
          en: `${awaiting} result(s) below ${data.setting.threshold} await your improvement report, ${data.counts.open} open; ${data.counts.overdue} overdue.`,
        })}
      </p>
      <a className="button primary" href={hrefOf({ name: 'review' })}>
        {tr({ zh: '前往季檢討填寫', en: 'Go to the review' })}
      </a>
    </div>
  );
}
