// The first screen: new test, due retests, sync state, then the tests on this device by quarter
// (TestRows.tsx), newest first, with an offer to continue the draft left open.
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTr } from '../i18n';
import { hrefOf } from '../routes';
import { useDeviceStore } from '../state/deviceStore';
import { useSession } from '../session';
import { pendingRetests } from '../live/retests';
import { SyncPanel } from '../sync/SyncPanel';

// Parts only some users see load when they are shown, so the first screen's JavaScript stays small.
const RetestList = lazy(() => import('../live/RetestReminders').then((m) => ({ default: m.RetestList })));
// The rows exist only once the device storage (itself loaded after the first paint) has opened, so
// their code loads beside it, started with the first render rather than after the device is ready.
const loadRows = () => import('./TestRows');
const ContinueDraft = lazy(() => loadRows().then((m) => ({ default: m.ContinueDraft })));
const QuarterGroups = lazy(() => loadRows().then((m) => ({ default: m.QuarterGroups })));
const FollowUpReminder = lazy(() => import('../review/FollowUp').then((m) => ({ default: m.FollowUpReminder })));

export function TestsScreen() {
  const tr = useTr();
  const tests = useDeviceStore((s) => s.tests);
  const status = useDeviceStore((s) => s.status);
  useEffect(() => void loadRows(), []);
  const role = useSession((s) => s.user?.role);
  // A unit head reviews results and cannot push: never offer them to continue a tester's draft (issue 13).
  const draft = useMemo(
    () => (role === 'unitHead' ? undefined : [...tests].filter((t) => t.status === 'draft').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]),
    [tests, role],
  );
  return (
    <section aria-labelledby="tests-title" className="tests-screen">
      <h1 id="tests-title">{tr({ zh: '測試清單', en: 'Tests' })}</h1>
      <p>
        <a className="button primary" href={hrefOf({ name: 'new' })}>
          {tr({ zh: '＋ 新增測試', en: '+ New test' })}
        </a>
      </p>
      <Suspense fallback={null}>
        {pendingRetests(tests).length > 0 ? <RetestList /> : null}
        {role === 'unitHead' ? <FollowUpReminder /> : null}
      </Suspense>
      {draft ? (
        <Suspense fallback={null}>
          <ContinueDraft test={draft} />
        </Suspense>
      ) : null}
      <SyncPanel />
      {status === 'opening' ? (
        <p role="status">{tr({ zh: '讀取裝置資料…', en: 'Reading the device…' })}</p>
      ) : tests.length === 0 ? (
        <p>{tr({ zh: '此裝置上尚無測試。', en: 'No tests on this device yet.' })}</p>
      ) : (
        <Suspense fallback={<p role="status">{tr({ zh: '讀取裝置資料…', en: 'Reading the device…' })}</p>}>
          <QuarterGroups tests={tests} />
        </Suspense>
      )}
    </section>
  );
}

