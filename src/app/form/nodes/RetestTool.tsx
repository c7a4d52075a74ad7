// An unanswered switchboard call is attempt 1; the sheet asks for a second try 10 minutes later
// (「隔 10 分鐘後再測 1 次」). The countdown is derived from the stored attempt, so it survives a reload.
import { useEffect, useRef, useState } from 'react';
import type { TimingItem } from '../../../scoresheet';
import { formatRocDateTime } from '../../../record/quarter';
import { useLang, useTr } from '../../i18n';
import { useForm } from '../formContext';
import { RETEST_AFTER_MS } from '../liveCall';
import { Icon } from '../../shell/Icon';

export function RetestTool({ node }: { node: TimingItem }) {
  const form = useForm();
  const tr = useTr();
  const lang = useLang();
  const unanswered = form.attempts.filter((a) => a.outcome === 'unanswered');
  const first = unanswered[0];
  const dueAt = first ? new Date(first.at).getTime() + RETEST_AFTER_MS : undefined;
  const [now, setNow] = useState(() => Date.now());
  const alerted = useRef(false);
  useEffect(() => {
    if (dueAt === undefined || unanswered.length >= 2) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [dueAt, unanswered.length]);
  const due = dueAt !== undefined && now >= dueAt;
  useEffect(() => {
    if (!due || alerted.current || unanswered.length >= 2) return;
    alerted.current = true;
    // A system notification when allowed; the on-screen alert below is always there too.
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      void notify(tr({ zh: '電話禮貌測試：請再撥總機一次', en: 'Courtesy test: call the switchboard again' }));
    }
  }, [due, unanswered.length, tr]);

  const logFirst = () => {
    form.addAttempt('unanswered');
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
  };
  const logSecond = () => {
    form.addAttempt('unanswered');
    form.setAnswer(node.id, { outcome: 'unansweredTwice' });
  };
  const remaining = dueAt === undefined ? 0 : Math.max(0, dueAt - now);
  const mmss = `${Math.floor(remaining / 60000)}:${String(Math.floor((remaining % 60000) / 1000)).padStart(2, '0')}`;

  return (
    <div className="retest">
      {unanswered.length === 0 ? (
        <button type="button" onClick={logFirst}>
          {tr({ zh: '總機無人接聽（記錄第 1 次）', en: 'Switchboard unanswered (log attempt 1)' })}
        </button>
      ) : (
        <p>
          {tr({ zh: '第 1 次無人接聽：', en: 'Attempt 1 unanswered: ' })}
          {formatRocDateTime(first.at, lang)}
        </p>
      )}
      {unanswered.length === 1 ? (
        <>
          <p className={due ? 'alert' : 'countdown'} role={due ? 'alert' : 'status'} aria-live={due ? 'assertive' : 'polite'}>
            {due ? <Icon name="alarm" /> : null}
            {due
              ? tr({ zh: ' 已滿 10 分鐘，請再撥總機一次。', en: ' 10 minutes have passed: call the switchboard again.' })
              : tr({ zh: `再測倒數 ${mmss}`, en: `Retest in ${mmss}` })}
          </p>
          <button type="button" disabled={!due} onClick={logSecond}>
            {tr({ zh: '第 2 次仍無人接聽（連打 2 次無人接聽）', en: 'Unanswered again (unanswered twice)' })}
          </button>
        </>
      ) : null}
      {unanswered.length >= 2 ? <p>{tr({ zh: '已連打 2 次無人接聽。', en: 'Unanswered twice.' })}</p> : null}
      <button type="button" onClick={() => { form.addAttempt('outOfOrder'); form.setAnswer(node.id, { outcome: 'outOfOrder' }); }}>
        {tr({ zh: '電話故障', en: 'Out of order' })}
      </button>
    </div>
  );
}

/** Phones only show notifications through the service worker; desktop browsers also allow `new Notification`. */
async function notify(text: string): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) return await registration.showNotification(text, { tag: 'courtesy-retest' });
    new Notification(text);
  } catch {
    /* the on-screen alert below is always there */
  }
}
