// 個資清除: after the retention period the admin blanks the answerer's surname (受話者姓氏) and
// extension (分機號碼) of every test before a chosen day (個資法). Scores are kept. It cannot be
// undone, so it takes an explicit confirmation, and the server audit-logs it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Text } from '../../scoresheet';
import { formatRocDate } from '../../record/quarter';
import { api } from '../api';
import { useTr } from '../i18n';
import { cutoffInstant, todayInTaipei } from './purgeCutoff';
import { Field, fieldMessage, LiveMessages } from './ui';
import { useSubmission } from '../useSubmission';
import { useLoad } from '../useLoad';

type Retention = { months: number; dueBefore: string; due: number; purgedBefore?: string };

/** 保存期限: the retention setting, and the reminder when tests older than it still hold personal data. */
function RetentionPanel(props: { onPick(day: string): void }) {
  const tr = useTr();
  const id = useId();
  const retention = useLoad<Retention>('/api/admin/retention');
  const [months, setMonths] = useState('');
  const [monthsError, setMonthsError] = useState<string>();
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const label: Text = { zh: '個資保存期限（月）', en: 'Keep personal data for (months)' };
  const r = retention.data;

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    setError(undefined);
    const n = Number(months);
    if (!/^\d+$/.test(months) || n < 1 || n > 600) {
      setMonthsError(fieldMessage(tr, label, { zh: '請輸入 1 至 600 的整數', en: 'enter a whole number from 1 to 600' }));
      return;
    }
    setMonthsError(undefined);
    await send(async () => {
      await api('/api/settings/retention', { method: 'PUT', body: { months: n } });
      setStatus(tr({ zh: `保存期限已設為 ${n} 個月。`, en: `Retention set to ${n} months.` }));
      setMonths('');
      retention.reload();
    });
  }

  // The cut-off as a Taipei calendar day, for the purge form below.
  const dueDay = r ? new Date(new Date(r.dueBefore).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '';
  return (
    <div aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`}>{tr({ zh: '保存期限', en: 'Retention period' })}</h3>
      {r && (
        <>
          <p>{tr({ zh: `目前保存 ${r.months} 個月：${formatRocDate(r.dueBefore, 'zh')}之前的測試個資應清除。`, en: `Currently ${r.months} months: personal data of tests before ${formatRocDate(r.dueBefore, 'en')} should be purged.` })}</p>
          {r.due > 0 ? (
            <div className="adm-confirm" role="status">
              <p>
                <strong>{tr({ zh: '⚠ 應執行個資清除：', en: '⚠ A purge is due: ' })}</strong>
                {tr({ zh: `有 ${r.due} 筆已逾保存期限的測試仍含受話者姓氏或分機號碼。`, en: `${r.due} test(s) past the retention period still hold an answerer’s surname or extension.` })}
              </p>
              <button type="button" className="adm-secondary" onClick={() => props.onPick(dueDay)}>
                {tr({ zh: '以保存期限填入清除日期', en: 'Use the retention cut-off below' })}
              </button>
            </div>
          ) : (
            <p role="status">{tr({ zh: '✓ 沒有逾保存期限而未清除的個資。', en: '✓ No personal data is past the retention period.' })}</p>
          )}
        </>
      )}
      <form onSubmit={save} noValidate>
        <Field id={`${id}-months`} label={tr(label)} hint={tr({ zh: '從本月 1 日（臺北時間）往前算。', en: 'Counted back from the 1st of this month (Taipei time).' })} error={monthsError}>
          {(control) => <input {...control} type="number" inputMode="numeric" min={1} max={600} value={months} placeholder={r ? String(r.months) : ''} onChange={(e) => setMonths(e.target.value)} />}
        </Field>
        <button type="submit" className="adm-secondary" disabled={busy}>
          {tr({ zh: '儲存保存期限', en: 'Save retention period' })}
        </button>
      </form>
      <LiveMessages status={status} error={error} />
    </div>
  );
}

const dayLabel: Text = { zh: '清除此日期之前的測試個資', en: 'Purge personal data of tests before' };

export default function PurgeSection() {
  const tr = useTr();
  const id = useId();
  const [day, setDay] = useState('');
  const [dayError, setDayError] = useState<string>();
  const [confirming, setConfirming] = useState<string>(); // the cut-off instant awaiting confirmation
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const dayRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function review(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    setError(undefined);
    const instant = cutoffInstant(day);
    if (!instant) {
      setDayError(fieldMessage(tr, dayLabel, { zh: '請選擇有效的日期', en: 'choose a valid date' }));
      dayRef.current?.focus();
      return;
    }
    if (new Date(instant).getTime() > Date.now()) {
      setDayError(fieldMessage(tr, dayLabel, { zh: '不可晚於今天', en: 'cannot be later than today' }));
      dayRef.current?.focus();
      return;
    }
    setDayError(undefined);
    setConfirming(instant);
  }

  async function purge() {
    if (!confirming) return;
    await send(async () => {
      const reply = await api<{ purged: number }>('/api/admin/purge-personal-data', { body: { before: confirming } });
      const n = Number(reply?.purged ?? 0);
      setStatus(
        tr({
          zh: `已清除 ${n} 筆測試的受話者姓氏與分機號碼（${formatRocDate(confirming, 'zh')}之前）。`,
          en: `Cleared the answerer’s surname and extension of ${n} test(s) before ${formatRocDate(confirming, 'en')}.`,
        }),
      );
      setConfirming(undefined);
      setDay('');
    });
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tr({ zh: '個資清除', en: 'Personal-data purge' })}</h2>
      <p>
        {tr({
          zh: '依個人資料保護法，保存期限屆滿後，清除所選日期之前所有電話禮貌測試的「受話者姓氏」與「分機號碼」。分數與其他內容保留不變。此動作無法復原，並會記入稽核紀錄。',
          en: 'Under the Personal Data Protection Act, once the retention period is over, this blanks the answerer’s surname and extension of every telephone-courtesy test before the chosen date. Scores and everything else are kept. It cannot be undone and is recorded in the audit log.',
        })}
      </p>
      <RetentionPanel
        onPick={(d) => {
          setDay(d);
          setConfirming(undefined);
          dayRef.current?.focus();
        }}
      />
      <form onSubmit={review} noValidate>
        <Field id={`${id}-day`} label={tr(dayLabel)} hint={tr({ zh: '以臺北時間該日 0 時為界，不含當日。', en: 'Up to 00:00 Taipei time of that day; the day itself is kept.' })} error={dayError}>
          {(control) => (
            <input
              {...control}
              ref={dayRef}
              type="date"
              value={day}
              onChange={(e) => {
                setDay(e.target.value);
                setConfirming(undefined);
              }}
              max={todayInTaipei()}
              required
              aria-required="true"
            />
          )}
        </Field>
        <button type="submit" className="adm-secondary">
          {tr({ zh: '檢視清除範圍', en: 'Review what will be purged' })}
        </button>
      </form>

      {confirming && (
        <div className="adm-confirm" role="group" aria-labelledby={`${id}-confirm-title`}>
          <h3 id={`${id}-confirm-title`}>{tr({ zh: '確認清除個資', en: 'Confirm the purge' })}</h3>
          <p>
            {tr({
              zh: `將清除 ${formatRocDate(confirming, 'zh')}（不含）之前所有測試的受話者姓氏與分機號碼。此動作無法復原。`,
              en: `The answerer’s surname and extension of every test before ${formatRocDate(confirming, 'en')} will be blanked. This cannot be undone.`,
            })}
          </p>
          <div className="adm-actions">
            <button ref={confirmRef} type="button" className="adm-danger" onClick={purge} disabled={busy}>
              {busy ? tr({ zh: '清除中…', en: 'Purging…' }) : tr({ zh: '確認清除', en: 'Purge now' })}
            </button>
            <button type="button" className="adm-secondary" onClick={() => setConfirming(undefined)}>
              {tr({ zh: '取消', en: 'Cancel' })}
            </button>
          </div>
        </div>
      )}
      <LiveMessages status={status} error={error} />
    </section>
  );
}
