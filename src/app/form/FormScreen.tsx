// Filling one test: its details, the live sheet, the running total, completion and correction.
import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DeviceTest } from '../../device';
import { formatRocDateTime } from '../../record/quarter';
import { sheetFor } from '../../scoresheet';
import { Loading } from '../shell/Loading';
import { useFormApi } from '../live/useFormApi';
import { DetailsFields, type Details } from '../details/DetailsFields';
import { useLang, useTr } from '../i18n';
import { scoreOf } from '../list/testScore';
import { syncLabel } from '../list/syncLabel';
import { hrefOf } from '../routes';
import { useDeviceStore } from '../state/deviceStore';
import { useTestStore } from '../state/testStore';
import { CompletePanel, jumpToItem } from './CompletePanel';
import { ConflictView } from './ConflictView';
import { FormContext } from './formContext';
import { HistoryList } from './HistoryList';
import { SheetForm } from './SheetForm';
import { SyncPanel } from '../sync/SyncPanel';
import { StickyTotals } from './StickyTotals';
import { Icon } from '../shell/Icon';

export default function FormScreen({ id }: { id: string }) {
  const tr = useTr();
  const lang = useLang();
  const ready = useDeviceStore((s) => s.status === 'ready');
  // Only what this screen draws: the live tools and the undo offer change without redrawing the sheet.
  const { test, loading, pending, openedId } = useTestStore(useShallow((s) => ({ test: s.test, loading: s.loading, pending: s.pending, openedId: s.openedId })));
  const store = useTestStore.getState();
  const onDetails = useCallback((patch: Partial<Details>) => useTestStore.getState().updateDetails(patch), []);
  const details = useDetails(test);
  useEffect(() => {
    if (ready) void useTestStore.getState().open(id);
  }, [id, ready]);

  const sheet = test ? sheetFor(test.sheet) : undefined;
  const outcome = test ? scoreOf(test) : undefined;
  const form = useFormApi(test);

  if (!ready || loading || openedId !== id) return <Loading />;
  if (!test || test.id !== id) {
    return (
      <section aria-labelledby="form-title">
        <h1 id="form-title">{tr({ zh: '找不到這份測試', en: 'Test not found' })}</h1>
        <p>
          <a href={hrefOf({ name: 'home' })}>{tr({ zh: '回到測試清單', en: 'Back to the tests' })}</a>
        </p>
      </section>
    );
  }
  if (!sheet || !form || !outcome) {
    return (
      <section aria-labelledby="form-title">
        <h1 id="form-title">{tr({ zh: '不認得此測試的量表版本', en: 'Unknown sheet version' })}</h1>
      </section>
    );
  }
  const sync = syncLabel(test.sync);
  const readOnly = test.status === 'completed';
  return (
    <section aria-labelledby="form-title" className={`form-screen${readOnly ? ' is-read-only' : ''}`}>
      <h1 id="form-title">
        {tr(sheet.title)}
        <span className="subtitle">
          {test.unitName || tr({ zh: '（未填單位）', en: '(no unit)' })} · {formatRocDateTime(test.testedAt, lang)}
        </span>
      </h1>
      <p className="status-line">
        {readOnly ? tr({ zh: '✓ 已完成（唯讀）', en: '✓ Completed (read-only)' }) : tr({ zh: '✎ 草稿：每次點選都已存在此裝置', en: '✎ Draft: every tap is saved on this device' })}
        {' · '}
        <Icon name={sync.icon} />{' '}
        {tr(sync.text)}
      </p>
      {!readOnly && sheet.callSteps?.length ? (
        <p className="actions">
          <a className="button" href={hrefOf({ name: 'test', id: test.id, view: 'live' })}>
            {tr({ zh: '通話模式（逐步）', en: 'Live call (step by step)' })}
          </a>
        </p>
      ) : null}
      {test.sync?.state === 'conflict' ? <ConflictView test={test} onKeep={(keep) => void store.resolveConflict(keep)} /> : null}
      <StickyTotals sheet={sheet} outcome={outcome} saving={pending > 0} onJump={readOnly ? undefined : jumpToItem} />
      <DetailsBox startOpen={!test.unitName}>
        <SameDetailsFields sheet={sheet} value={details!} disabled={readOnly} onChange={onDetails} />
      </DetailsBox>
      <FormContext.Provider value={form}>
        <SheetForm />
      </FormContext.Provider>
      <CompletePanel test={test} outcome={outcome} sheet={sheet} />
      <SameHistory test={test} />
      <SameSyncPanel />
      <p className="actions">
        <a className="button" href={hrefOf({ name: 'print', id: test.id })}>
          <Icon name="printer" /> {tr({ zh: '列印附表3', en: 'Print Annex 3' })}
        </a>
        <a className="button" href={hrefOf({ name: 'home' })}>
          {tr({ zh: '回到測試清單', en: 'Back to the tests' })}
        </a>
      </p>
    </section>
  );
}

// A tap on the sheet changes none of these: they are not drawn again for it (bench: interaction).
const SameDetailsFields = memo(DetailsFields);
const SameSyncPanel = memo(SyncPanel);
const SameHistory = memo(HistoryList, (a, b) => a.test.history === b.test.history || JSON.stringify(a.test.history) === JSON.stringify(b.test.history));

/** The test's details as the fields show them: the same object until one of them changes. */
function useDetails(test: DeviceTest | null): Details | undefined {
  const t = test;
  return useMemo(
    () =>
      t
        ? { unitId: t.unitId, unitName: t.unitName, switchboardNumber: t.switchboardNumber, answererSurname: t.answererSurname, extension: t.extension, testerName: t.testerName, testedAt: t.testedAt }
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fields, not the test object (new after every save)
    [t?.unitId, t?.unitName, t?.switchboardNumber, t?.answererSurname, t?.extension, t?.testerName, t?.testedAt],
  );
}

/** Open at first when the details are still empty; after that the tester decides (typing never folds it). */
function DetailsBox({ startOpen, children }: { startOpen: boolean; children: ReactNode }) {
  const tr = useTr();
  const [open, setOpen] = useState(startOpen);
  return (
    <details className="details-box" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      {/* The summary is a flex row (a tall target), which drops the browser's ▸ marker: draw one. */}
      <summary>
        <Icon name={open ? 'chevronUp' : 'chevronDown'} /> {tr({ zh: '測試資料（受測單位、受話者、測試時間）', en: 'Test details (unit, answerer, time)' })}
      </summary>
      {children}
    </details>
  );
}
