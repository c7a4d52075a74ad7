// A call nobody answers is logged as an attempt; the sheet's retest rule (its `retest` data, e.g.
// 附表3's 「連打 2 次無人接聽（隔 10 分鐘後再測 1 次）」) says how many attempts make the outcome and
// how many minutes apart. The countdown is derived from the stored attempts, so it survives a reload.
import { useEffect, useRef, useState } from 'react';
import { retestOf, retestState, type TimingItem } from '../../../scoresheet';
import { formatRocDateTime } from '../../../record/quarter';
import { useLang, useTr } from '../../i18n';
import { useForm } from '../formContext';
import { Icon } from '../../shell/Icon';

export function RetestTool({ node }: { node: TimingItem }) {
  const form = useForm();
  const tr = useTr();
  const lang = useLang();
  const spec = retestOf(node)!;
  const state = retestState(spec, form.attempts);
  const counted = form.attempts.filter((a) => a.outcome === spec.kind);
  const last = counted[state.logged - 1];
  const [now, setNow] = useState(() => Date.now());
  const alerted = useRef(-1);
  useEffect(() => {
    if (state.dueAt === undefined) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [state.dueAt]);
  const due = state.dueAt !== undefined && now >= state.dueAt;
  useEffect(() => {
    if (!due || alerted.current === state.logged) return;
    alerted.current = state.logged;
    // A system notification when allowed; the on-screen alert below is always there too.
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      void notify(tr({ zh: '電話禮貌測試：請再撥一次', en: 'Courtesy test: call again' }));
    }
  }, [due, state.logged, tr]);

  const next = state.logged + 1;
  const final = next === spec.attempts;
  const log = () => {
    form.addAttempt(spec.kind);
    if (state.logged === 0 && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
    if (final) form.setAnswer(node.id, { outcome: spec.result.key });
  };
  const remaining = state.dueAt === undefined ? 0 : Math.max(0, state.dueAt - now);
  const mmss = `${Math.floor(remaining / 60000)}:${String(Math.floor((remaining % 60000) / 1000)).padStart(2, '0')}`;
  const minutes = spec.minutesApart;

  return (
    <div className="retest">
      {state.logged === 0 ? (
        <button type="button" onClick={log}>
          {tr({ zh: '無人接聽（記錄第 1 次）', en: 'Unanswered (log attempt 1)' })}
        </button>
      ) : (
        <p>
          {tr({ zh: `第 ${state.logged} 次無人接聽：`, en: `Attempt ${state.logged} unanswered: ` })}
          {formatRocDateTime(last.at, lang)}
        </p>
      )}
      {state.logged > 0 && !state.done ? (
        <>
          <p className={due ? 'alert' : 'countdown'} role={due ? 'alert' : 'status'} aria-live={due ? 'assertive' : 'polite'}>
            {due ? <Icon name="alarm" /> : null}
            {due
              ? tr({ zh: ` 已滿 ${minutes} 分鐘，請再撥一次。`, en: ` ${minutes} minutes have passed: call again.` })
              : tr({ zh: `再測倒數 ${mmss}`, en: `Retest in ${mmss}` })}
          </p>
          <button type="button" disabled={!due} onClick={log}>
            {final
              ? tr({ zh: `第 ${next} 次仍無人接聽（${spec.result.label.zh}）`, en: `Unanswered again, attempt ${next} (${spec.result.label.en})` })
              : tr({ zh: `第 ${next} 次仍無人接聽（記錄）`, en: `Unanswered again (log attempt ${next})` })}
          </button>
        </>
      ) : null}
      {state.done ? <p>{tr({ zh: `已記錄 ${spec.attempts} 次無人接聽。`, en: `Unanswered ${spec.attempts} times.` })}</p> : null}
      {spec.oneTap.map((o) => (
        <button key={o.key} type="button" onClick={() => { form.addAttempt(o.kind!); form.setAnswer(node.id, { outcome: o.key }); }}>
          {tr(o.label)}
        </button>
      ))}
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
