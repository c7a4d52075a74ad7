// Retest reminders outside the test itself: the list and the start screen show every retest with
// its countdown, and when the 10 minutes pass a notification appears — the service worker's
// showNotification where the browser permits it, an in-app alert otherwise (and always on screen).
import { useEffect, useRef, useState } from 'react';
import { formatRocDateTime } from '../../record/quarter';
import { useLang, useTr } from '../i18n';
import { hrefOf, useRoute } from '../routes';
import { Icon } from '../shell/Icon';
import { useDeviceStore } from '../state/deviceStore';
import { countdown, pendingRetests, type Retest } from './retests';

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

/** The reminders as a list (on the test list and the start screen). */
export function RetestList() {
  const tr = useTr();
  const lang = useLang();
  const tests = useDeviceStore((s) => s.tests);
  const retests = pendingRetests(tests);
  const now = useNow(retests.length > 0);
  if (!retests.length) return null;
  return (
    <section className="retest-list" aria-labelledby="retest-list-title">
      <h2 id="retest-list-title">
        <Icon name="alarm" /> {tr({ zh: '待再測（總機第 1 次無人接聽）', en: 'Retests due (switchboard unanswered once)' })}
      </h2>
      <ul>
        {retests.map(({ test, dueAt }) => {
          const due = now >= dueAt;
          return (
            <li key={test.id} className={due ? 'is-due' : undefined}>
              <a href={hrefOf({ name: 'test', id: test.id })}>
                <strong>{test.unitName || tr({ zh: '（未填單位）', en: '(no unit)' })}</strong>{' '}
                {due
                  ? tr({ zh: '已滿 10 分鐘：請再撥總機一次', en: '10 minutes have passed: call the switchboard again' })
                  : tr({ zh: `再測倒數 ${countdown(dueAt - now)}`, en: `Retest in ${countdown(dueAt - now)}` })}
                <span className="when">
                  {tr({ zh: '（第 1 次：', en: ' (attempt 1: ' })}
                  {formatRocDateTime(test.attempts.find((a) => a.outcome === 'unanswered')!.at, lang)}
                  {tr({ zh: '）', en: ')' })}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Once per retest, when it falls due: a system notification if permitted, else an alert on screen. */
export function RetestAlerts() {
  const tr = useTr();
  const tests = useDeviceStore((s) => s.tests);
  const retests = pendingRetests(tests);
  const now = useNow(retests.length > 0);
  const notified = useRef(new Set<string>());
  const [shown, setShown] = useState<Retest[]>([]);
  const [dismissed, setDismissed] = useState<Set<string>>(() => new Set());
  const due = retests.filter((r) => now >= r.dueAt);
  const dueIds = due.map((r) => r.test.id).join(',');
  useEffect(() => {
    const fresh = due.filter((r) => !notified.current.has(r.test.id));
    if (!fresh.length) return;
    for (const r of fresh) notified.current.add(r.test.id);
    const permitted = typeof Notification !== 'undefined' && Notification.permission === 'granted';
    if (permitted) {
      for (const r of fresh) void notify(tr({ zh: `電話禮貌測試：請再撥 ${r.test.unitName || '受測單位'} 的總機`, en: `Courtesy test: call ${r.test.unitName || 'the unit'}’s switchboard again` }), r.test.id);
    }
    setShown((s) => [...s, ...fresh]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- due changes every second; its ids say what is new
  }, [dueIds]);
  // The open test says it itself (its retest tool turns into an alert): no second alert for it.
  const route = useRoute();
  const openId = route.name === 'test' ? route.id : undefined;
  const visible = shown.filter((r) => !dismissed.has(r.test.id) && r.test.id !== openId && due.some((d) => d.test.id === r.test.id));
  if (!visible.length) return null;
  return (
    <div className="banner is-problem retest-alert" role="alert">
      {visible.map((r) => (
        <p key={r.test.id}>
          <Icon name="alarm" />{' '}
          {tr({ zh: `已滿 10 分鐘：請再撥「${r.test.unitName || '受測單位'}」的總機一次。`, en: `10 minutes have passed: call “${r.test.unitName || 'the unit'}” switchboard again.` })}{' '}
          <a href={hrefOf({ name: 'test', id: r.test.id })}>{tr({ zh: '開啟測試', en: 'Open the test' })}</a>
        </p>
      ))}
      <button type="button" onClick={() => setDismissed(new Set([...dismissed, ...visible.map((r) => r.test.id)]))}>
        {tr({ zh: '知道了', en: 'Dismiss' })}
      </button>
    </div>
  );
}

/** Phones show notifications only through the service worker; a desktop may also allow `new Notification`. */
async function notify(text: string, tag: string): Promise<void> {
  try {
    // The active worker (ready), not just any registration: only an active one can show it.
    const registration = navigator.serviceWorker
      ? await Promise.race([navigator.serviceWorker.ready, new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000))])
      : undefined;
    if (registration) return await registration.showNotification(text, { tag: `courtesy-retest-${tag}` });
    new Notification(text);
  } catch {
    /* the on-screen alert is there too */
  }
}
