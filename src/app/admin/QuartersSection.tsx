// 季別: close a quarter (its tests become read-only everywhere) or reopen it. Both need a reason,
// which the server writes to the audit log, and a second, explicit confirmation.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Text } from '../../scoresheet';
import { formatRocDate, formatRocDateTime, parseQuarterKey, quarterKey, quarterLabel, quarterOf, quarterRange } from '../../record/quarter';
import { useDeviceStore } from '../state/deviceStore';
import { api } from '../api';
import { useLang, useTr } from '../i18n';
import { quarterRows, type QuarterRow } from './quarterRows';
import { Field, fieldMessage, LiveMessages, LoadState } from './ui';
import { useSubmission } from '../useSubmission';
import { useLoad } from '../useLoad';

type Action = 'close' | 'reopen';
const reasonLabel: Text = { zh: '原因', en: 'Reason' };

export default function QuartersSection() {
  const tr = useTr();
  const lang = useLang();
  const id = useId();
  const quarters = useLoad<QuarterRow[]>('/api/quarters');
  const [pending, setPending] = useState<{ key: string; action: Action }>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const label = (key: string) => {
    try {
      return quarterLabel(parseQuarterKey(key), lang);
    } catch {
      return key;
    }
  };
  const verb = (action: Action): Text => (action === 'close' ? { zh: '關閉', en: 'Close' } : { zh: '重新開放', en: 'Reopen' });

  function start(key: string, action: Action) {
    setPending({ key, action });
    setReason('');
    setReasonError(undefined);
    setStatus(undefined);
    setError(undefined);
  }

  // Focus the reason box when the confirm step opens, so keyboard and screen-reader users land in it.
  useEffect(() => {
    if (pending) reasonRef.current?.focus();
  }, [pending]);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!pending) return;
    if (!reason.trim()) {
      setReasonError(fieldMessage(tr, reasonLabel, { zh: '必填，請說明為何變更此季別', en: 'is required: say why this quarter changes' }));
      reasonRef.current?.focus();
      return;
    }
    setError(undefined);
    await send(async () => {
      await api(`/api/quarters/${encodeURIComponent(pending.key)}/${pending.action}`, { body: { reason: reason.trim() } });
      setStatus(
        pending.action === 'close'
          ? tr({ zh: `已關閉${label(pending.key)}，該季測試已唯讀。`, en: `${label(pending.key)} closed; its tests are now read-only.` })
          : tr({ zh: `已重新開放${label(pending.key)}。`, en: `${label(pending.key)} reopened.` }),
      );
      setPending(undefined);
      quarters.reload();
    });
  }

  const rows = quarters.data ? quarterRows(quarters.data) : [];
  const localTests = useDeviceStore((s) => s.tests);
  const warnings = pending?.action === 'close' ? closeWarnings(pending.key, rows.find((r) => r.key === pending.key), localTests, lang) : [];
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tr({ zh: '季別', en: 'Quarters' })}</h2>
      <p>{tr({ zh: '關閉季別後，該季所有測試在各裝置上皆為唯讀，上傳至該季的測試會被拒絕。', en: 'Closing a quarter makes its tests read-only everywhere; pushes into it are rejected.' })}</p>
      <LoadState loading={quarters.loading} error={quarters.error} hasData={!!quarters.data} empty={false} emptyText={{ zh: '', en: '' }} />
      {rows.length > 0 && (
        <table>
          <caption>{tr({ zh: '季別狀態', en: 'Quarter status' })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr({ zh: '季別', en: 'Quarter' })}</th>
              <th scope="col">{tr({ zh: '狀態', en: 'State' })}</th>
              <th scope="col">{tr({ zh: '關閉時間', en: 'Closed at' })}</th>
              <th scope="col">{tr({ zh: '動作', en: 'Action' })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((q) => {
              const action: Action = q.closed ? 'reopen' : 'close';
              return (
                <tr key={q.key}>
                  <th scope="row">{label(q.key)}</th>
                  <td>{q.closed ? tr({ zh: '已關閉（唯讀）', en: 'Closed (read-only)' }) : tr({ zh: '開放中', en: 'Open' })}</td>
                  <td>
                    {q.closedAt ? formatRocDateTime(q.closedAt, lang) : '—'}
                    {q.closedBy ? ` ${tr({ zh: '由', en: 'by' })} ${q.closedBy}` : ''}
                  </td>
                  <td>
                    <button type="button" className="adm-secondary" onClick={() => start(q.key, action)} aria-expanded={pending?.key === q.key}>
                      {tr(verb(action))} {label(q.key)}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {pending && (
        <form className="adm-confirm" onSubmit={confirm} noValidate>
          <fieldset>
            <legend>
              {tr({ zh: '確認', en: 'Confirm: ' })}
              {tr(verb(pending.action))} {label(pending.key)}
            </legend>
            <p>
              {pending.action === 'close'
                ? tr({ zh: '關閉後該季測試將無法再修改或上傳。', en: 'After closing, the quarter’s tests cannot be changed or pushed.' })
                : tr({ zh: '重新開放後該季測試可再修改與上傳，此動作會記入稽核紀錄。', en: 'Reopening lets its tests be changed and pushed again; it is recorded in the audit log.' })}
            </p>
            {warnings.length ? (
              <div className="adm-warning" role="alert">
                <p>
                  <strong>{tr({ zh: '⚠ 請先確認：', en: '⚠ Before closing:' })}</strong>
                </p>
                <ul>
                  {warnings.map((w, i) => (
                    <li key={i}>{tr(w)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <Field id={`${id}-reason`} label={tr(reasonLabel)} error={reasonError}>
              {(control) => (
                <textarea
                  {...control}
                  ref={reasonRef}
                  rows={3}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  required
                  aria-required="true"
                />
              )}
            </Field>
            <div className="adm-actions">
              <button type="submit" className={pending.action === 'close' ? 'adm-danger' : undefined} disabled={busy}>
                {warnings.length ? tr({ zh: '仍要', en: 'Still ' }) : tr({ zh: '確認', en: 'Confirm ' })}
                {tr(verb(pending.action))}
              </button>
              <button type="button" className="adm-secondary" onClick={() => setPending(undefined)}>
                {tr({ zh: '取消', en: 'Cancel' })}
              </button>
            </div>
          </fieldset>
        </form>
      )}
      <LiveMessages status={status} error={error} />
    </section>
  );
}

/**
 * Why closing this quarter now may strand work: it is not over yet, the server holds drafts in it,
 * or this device still has tests in it that are unfinished or not yet on the server.
 */
export function closeWarnings(
  key: string,
  row: QuarterRow | undefined,
  local: { testedAt: string; status: string; sync?: { state: string } }[],
  lang: 'zh' | 'en',
  now: Date = new Date(),
): Text[] {
  const out: Text[] = [];
  let end: string | undefined;
  try {
    end = quarterRange(parseQuarterKey(key)).end;
  } catch {
    end = undefined;
  }
  if (end && now.getTime() < Date.parse(end)) {
    const days = Math.ceil((Date.parse(end) - now.getTime()) / 86_400_000);
    const last = formatRocDate(new Date(Date.parse(end) - 1), lang);
    out.push({ zh: `此季尚未結束：還有 ${days} 天（到 ${last}）。之後的測試都會被拒收。`, en: `This quarter is not over: ${days} days are left (until ${last}). Tests recorded after closing are refused.` });
  }
  if (row?.drafts) out.push({ zh: `伺服器上此季還有 ${row.drafts} 份未完成的草稿。`, en: `The server holds ${row.drafts} unfinished drafts in this quarter.` });
  const here = local.filter((t) => quarterKey(quarterOf(t.testedAt)) === key);
  const unsent = here.filter((t) => t.sync && t.sync.state !== 'confirmed').length;
  const drafts = here.filter((t) => t.status === 'draft').length;
  if (unsent) out.push({ zh: `此裝置上還有 ${unsent} 份此季的測試尚未同步到伺服器。`, en: `This device still has ${unsent} tests of this quarter not yet synced.` });
  if (drafts) out.push({ zh: `此裝置上還有 ${drafts} 份此季的草稿未完成。`, en: `This device still has ${drafts} unfinished drafts of this quarter.` });
  if (out.length) out.push({ zh: '其他測試人員的手機可能也還有未同步的測試，請先請他們同步。', en: 'Other testers’ phones may hold unsynced tests too: ask them to sync first.' });
  return out;
}
