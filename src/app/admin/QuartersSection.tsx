// 季別: close a quarter (its tests become read-only everywhere) or reopen it. Both need a reason,
// which the server writes to the audit log, and a second, explicit confirmation.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Text } from '../../scoresheet';
import { formatRocDateTime, parseQuarterKey, quarterLabel } from '../../record/quarter';
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
                {tr({ zh: '確認', en: 'Confirm ' })}
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
