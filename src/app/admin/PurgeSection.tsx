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
