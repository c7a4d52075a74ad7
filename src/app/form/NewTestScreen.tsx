// Start a test: who is called and by whom. The time defaults to now (shown in the ROC calendar).
import { useState, type FormEvent } from 'react';
import { sheetInForce, type Sheet } from '../../scoresheet';
import { DetailsFields, type Details } from '../details/DetailsFields';
import { useTr } from '../i18n';
import { navigate } from '../routes';
import { useSession } from '../session';
import { useDeviceStore } from '../state/deviceStore';
import { useTestStore } from '../state/testStore';
import { RetestList } from '../live/RetestReminders';

const TESTER_KEY = 'courtesy.testerName';

function lastTester(): string {
  try {
    return globalThis.localStorage?.getItem(TESTER_KEY) ?? '';
  } catch {
    return '';
  }
}

export default function NewTestScreen() {
  const tr = useTr();
  const user = useSession((s) => s.user);
  const ready = useDeviceStore((s) => s.status === 'ready');
  const start = useTestStore((s) => s.start);
  const [details, setDetails] = useState<Details>(() => ({
    unitId: '',
    unitName: '',
    switchboardNumber: '',
    answererSurname: '',
    extension: '',
    testerName: lastTester() || user?.displayName || user?.username || '',
    testedAt: new Date().toISOString(),
  }));
  const [busy, setBusy] = useState(false);
  // The version in force at the test's time (a revised sheet takes over on its effective date).
  const sheet = inForceOrNow(details.testedAt);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      globalThis.localStorage?.setItem(TESTER_KEY, details.testerName);
    } catch {
      /* remembered for convenience only */
    }
    const test = await start({ ...details, ...(user ? { testerId: user.id } : {}) });
    setBusy(false);
    if (test) navigate({ name: 'test', id: test.id });
  };
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">{tr({ zh: '新增測試', en: 'New test' })}</h1>
      <p>
        {tr(sheet.title)} {tr({ zh: `（第 ${sheet.version} 版）`, en: `(version ${sheet.version})` })}
      </p>
      <RetestList />
      <form onSubmit={submit}>
        <DetailsFields sheet={sheet} value={details} onChange={(patch) => setDetails((d) => ({ ...d, ...patch }))} />
        <button type="submit" className="primary big" disabled={!ready || busy}>
          {tr({ zh: '開始測試', en: 'Start the test' })}
        </button>
      </form>
    </section>
  );
}

/** While the time is being typed it may not parse yet: show the version in force now meanwhile. */
function inForceOrNow(testedAt: string): Sheet {
  const at = Date.parse(testedAt);
  return sheetInForce(Number.isNaN(at) ? new Date() : new Date(at));
}
