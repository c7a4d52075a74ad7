// The test list's rows (see TestsScreen): a quarter heading each, a row per test with its score, its
// state and whether it was sent, and the offer to continue the draft left open. The answerer's
// surname is masked (個資法).
import { useMemo } from 'react';
import type { DeviceTest } from '../../device';
import { maskSurname } from '../../record/mask';
import { formatRocDateTime, quarterKey, quarterLabel, quarterOf, parseQuarterKey } from '../../record/quarter';
import { useLang, useTr } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { Icon } from '../shell/Icon';
import { syncLabel } from './syncLabel';
import { useScorer } from './useScorer';
import { REJECTION_HINT } from './rejection';

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

export function ContinueDraft({ test }: { test: DeviceTest }) {
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

/** The tests by quarter, newest first. */
export function QuarterGroups({ tests }: { tests: DeviceTest[] }) {
  const groups = useMemo(() => byQuarter(tests), [tests]);
  return (
    <>
      {groups.map(([key, list]) => (
        <QuarterGroup key={key} quarter={key} tests={list} />
      ))}
    </>
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
