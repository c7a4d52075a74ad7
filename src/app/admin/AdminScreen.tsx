// 系統管理 (secretariat only): units, users, quarters, sheet versions, audit log and the personal-data purge, one
// tab each. The server refuses non-admins anyway; this screen says so instead of showing errors.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Text } from '../../scoresheet';
import { useTr } from '../i18n';
import { useSession } from '../session';
import { NAV_LABELS } from '../shell/labels';
import './admin.css';
import AuditSection from './AuditSection';
import PurgeSection from './PurgeSection';
import QuartersSection from './QuartersSection';
import SheetsSection from './SheetsSection';
import UnitsSection from './UnitsSection';
import UsersSection from './UsersSection';

type TabKey = 'units' | 'users' | 'quarters' | 'sheets' | 'audit' | 'purge';

const TABS: { key: TabKey; label: Text; Section: () => React.JSX.Element }[] = [
  { key: 'units', label: { zh: '受測單位', en: 'Units tested' }, Section: UnitsSection },
  { key: 'users', label: { zh: '使用者', en: 'Users' }, Section: UsersSection },
  { key: 'quarters', label: { zh: '季別', en: 'Quarters' }, Section: QuartersSection },
  { key: 'sheets', label: { zh: '量表版本', en: 'Sheet versions' }, Section: SheetsSection },
  { key: 'audit', label: { zh: '稽核紀錄', en: 'Audit log' }, Section: AuditSection },
  { key: 'purge', label: { zh: '個資清除', en: 'Personal-data purge' }, Section: PurgeSection },
];

export default function AdminScreen() {
  const tr = useTr();
  const id = useId();
  const { user, checked, refresh } = useSession();
  const [tab, setTab] = useState<TabKey>('units');
  const tabRefs = useRef(new Map<TabKey, HTMLButtonElement>());

  useEffect(() => {
    if (!checked) void refresh();
  }, [checked, refresh]);

  const title = <h1 id={`${id}-title`}>{tr(NAV_LABELS.admin)}</h1>;
  if (!user) {
    return (
      <section className="adm" aria-labelledby={`${id}-title`}>
        {title}
        <p role="status">
          {checked
            ? tr({ zh: '請先以秘書室（研考）帳號登入。', en: 'Please sign in with a secretariat account first.' })
            : tr({ zh: '確認登入狀態中…', en: 'Checking sign-in…' })}
        </p>
      </section>
    );
  }
  if (user.role !== 'admin') {
    return (
      <section className="adm" aria-labelledby={`${id}-title`}>
        {title}
        <p role="status">{tr({ zh: '此頁限秘書室（研考）使用。', en: 'This page is for the secretariat only.' })}</p>
      </section>
    );
  }

  // Arrow keys, Home and End move between tabs (the ARIA tabs pattern); Tab moves into the panel.
  function onKeyDown(event: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.key === tab);
    const next =
      event.key === 'ArrowRight' ? (i + 1) % TABS.length
      : event.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? TABS.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    setTab(TABS[next].key);
    tabRefs.current.get(TABS[next].key)?.focus();
  }

  const active = TABS.find((t) => t.key === tab)!;
  return (
    <section className="adm" aria-labelledby={`${id}-title`}>
      {title}
      <div role="tablist" aria-label={tr({ zh: '管理項目', en: 'Administration sections' })} className="adm-tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.key}
            ref={(el) => {
              if (el) tabRefs.current.set(t.key, el);
              else tabRefs.current.delete(t.key);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.key}`}
            aria-selected={t.key === tab}
            aria-controls={t.key === tab ? `${id}-panel-${t.key}` : undefined}
            tabIndex={t.key === tab ? 0 : -1}
            onClick={() => setTab(t.key)}
          >
            {tr(t.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel-${active.key}`} aria-labelledby={`${id}-tab-${active.key}`}>
        <active.Section />
      </div>
    </section>
  );
}
