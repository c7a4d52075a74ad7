// The first screen: the tests on this device by quarter, newest first, with an offer to continue
// the draft left open. The answerer's surname is masked (個資法).
import { useMemo } from 'react';
import type { DeviceTest } from '../../device';
import { maskSurname } from '../../record/mask';
import { formatRocDateTime, quarterKey, quarterLabel, quarterOf, parseQuarterKey } from '../../record/quarter';
import { useLang, useTr } from '../i18n';
import { hrefOf } from '../routes';
import { useDeviceStore } from '../state/deviceStore';
import { useSession } from '../session';
import { RetestList } from '../live/RetestReminders';
import { SyncPanel } from '../sync/SyncPanel';
import { Icon } from '../shell/Icon';
import { syncLabel } from './syncLabel';
import { useScorer } from './useScorer';
import { REJECTION_HINT } from './rejection';
import { FollowUpReminder } from '../review/FollowUp';

export function TestsScreen() {
  const tr = useTr();
  const tests = useDeviceStore((s) => s.tests);
  const status = useDeviceStore((s) => s.status);
  const groups = useMemo(() => byQuarter(tests), [tests]);
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
      <RetestList />
      <FollowUpReminder />
      {draft ? <ContinueDraft test={draft} /> : null}
      <SyncPanel />
      {status === 'opening' ? (
        <p role="status">{tr({ zh: '讀取裝置資料…', en: 'Reading the device…' })}</p>
      ) : tests.length === 0 ? (
        <p>{tr({ zh: '此裝置上尚無測試。', en: 'No tests on this device yet.' })}</p>
      ) : (
        groups.map(([key, list]) => <QuarterGroup key={key} quarter={key} tests={list} />)
      )}
    </section>
  );
}

function byQuarter(tests: DeviceTest[]): [string, DeviceTest[]][] {
  const map = new Map<string, DeviceTest[]>();
  for (const t of tests) {
    const key = quarterKey(quarterOf(t.testedAt));
    map.set(key, [...(map.get(key) ?? []), t]);
  }
  // "115-Q4" keys sort as text only within a year width; compare numerically.
  const n = (k: string) => {
    const q = parseQuarterKey(k);
    return q.rocYear * 10 + q.quarter;
  };
  return [...map.entries()]
    .sort((a, b) => n(b[0]) - n(a[0]))
    .map(([k, list]) => [k, list.sort((a, b) => b.testedAt.localeCompare(a.testedAt))]);
}

function ContinueDraft({ test }: { test: DeviceTest }) {
  const tr = useTr();
  const lang = useLang();
  return (
    <div className="continue-draft" role="region" aria-label={tr({ zh: '未完成的測試', en: 'Unfinished test' })}>
      <p>
        {tr({ zh: '有一份未完成的測試：', en: 'You have an unfinished test: ' })}
        {test.unitName || tr({ zh: '（未填單位）', en: '(no unit)' })}，{formatRocDateTime(test.testedAt, lang)}
      </p>
      <a className="button primary" href={hrefOf({ name: 'test', id: test.id })}>
        {tr({ zh: '繼續填寫', en: 'Continue' })}
      </a>
    </div>
  );
}

function QuarterGroup({ quarter, tests }: { quarter: string; tests: DeviceTest[] }) {
  const lang = useLang();
  const id = `quarter-${quarter}`;
  return (
    <section aria-labelledby={id} className="quarter-group">
      <h2 id={id}>{quarterLabel(parseQuarterKey(quarter), lang)}</h2>
      <ul className="test-list">
        {tests.map((t) => (
          <TestRow key={t.id} test={t} />
        ))}
      </ul>
    </section>
  );
}

function TestRow({ test }: { test: DeviceTest }) {
  const tr = useTr();
  const lang = useLang();
  const scoreOf = useScorer();
  const outcome = scoreOf?.(test);
  const me = useSession((s) => s.user);
  const foreign = me && test.testerId && test.testerId !== me.id ? test.testerName : undefined;
  const sync = syncLabel(test.sync, foreign);
  const masked = maskSurname(test.answererSurname);
  // A unit head opens the printed sheet (read-only), never the form.
  const readOnly = useSession((s) => s.user?.role === 'unitHead');
  return (
    <li className="test-row">
      <a href={hrefOf(readOnly ? { name: 'print', id: test.id } : { name: 'test', id: test.id })}>
        <strong className="unit">{test.unitName || tr({ zh: '（未填單位）', en: '(no unit)' })}</strong>
        <span className="date">{formatRocDateTime(test.testedAt, lang)}</span>
        <span className="score">
          {!outcome
            ? '…'
            : outcome.ok
            ? tr({ zh: `${outcome.result.total} / ${outcome.result.max} 分`, en: `${outcome.result.total} / ${outcome.result.max} pts` })
            : tr({ zh: '⚠ 答案有誤', en: '⚠ Answers break a rule' })}
        </span>
        <span className="state">
          {test.status === 'completed'
            ? tr({ zh: '✓ 已完成', en: '✓ Completed' })
            : tr({ zh: `✎ 草稿${outcome?.ok ? `（尚缺 ${outcome.result.missing.length} 項）` : ''}`, en: `✎ Draft${outcome?.ok ? ` (${outcome.result.missing.length} missing)` : ''}` })}
        </span>
        {masked ? (
          <span className="answerer">
            {tr({ zh: '受話者：', en: 'Answerer: ' })}
            {masked}
          </span>
        ) : null}
        <span className={`sync is-${foreign !== undefined && test.sync?.state !== 'confirmed' ? 'foreign' : (test.sync?.state ?? 'local')}`}>
          <Icon name={sync.icon} />{' '}
          {tr(sync.text)}
          {test.sync?.state === 'rejected' && foreign === undefined ? <> {tr(REJECTION_HINT)}</> : null}
        </span>
      </a>
    </li>
  );
}
