// 稽核紀錄: who did what and when (logins, pushes, corrections, quarter changes, exports, purges),
// newest first as the server returns it, with ROC dates in Taipei time.
import { useId, useState } from 'react';
import { formatRocDateTime } from '../../record/quarter';
import { useLang, useTr } from '../i18n';
import type { Text } from '../../scoresheet';
import { LoadState } from './ui';
import { useLoad } from '../useLoad';

export interface AuditRow {
  at: string;
  actor: unknown;
  action: unknown;
  target?: unknown;
  detail?: unknown;
}

/** Shows any value as text; a structured detail is printed as JSON instead of crashing React. */
function asText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const LIMITS = [50, 200, 1000];

/** What each logged action means, in the user's language (issue 13); an unknown code is shown as is. */
export const AUDIT_ACTIONS: Record<string, Text> = {
  login: { zh: '登入', en: 'Signed in' },
  'login-locked': { zh: '登入失敗過多，帳號暫時鎖定', en: 'Locked after failed sign-ins' },
  logout: { zh: '登出', en: 'Signed out' },
  'first-admin': { zh: '建立第一位管理者', en: 'First admin created' },
  push: { zh: '同步上傳測試', en: 'Tests synced up' },
  correction: { zh: '更正已完成的測試', en: 'Completed test corrected' },
  delete: { zh: '刪除測試', en: 'Test deleted' },
  'create-unit': { zh: '新增受測單位', en: 'Unit added' },
  'unit-start': { zh: '設定單位起始日', en: 'Unit start date set' },
  'create-user': { zh: '新增使用者', en: 'User added' },
  'quarter-close': { zh: '關閉季別', en: 'Quarter closed' },
  'quarter-reopen': { zh: '重新開放季別', en: 'Quarter reopened' },
  'purge-personal-data': { zh: '清除個人資料', en: 'Personal data purged' },
  'report.export': { zh: '匯出報告', en: 'Report exported' },
  'settings.grades': { zh: '修改等第級距', en: 'Grade bands changed' },
  'settings.plan': { zh: '修改測試頻率', en: 'Test plan changed' },
  'settings.follow-up': { zh: '修改改善報告門檻', en: 'Follow-up threshold changed' },
  'settings.calibration': { zh: '修改評分校準差距', en: 'Calibration margin changed' },
  acknowledge: { zh: '主管確認測試結果', en: 'Result acknowledged' },
  'follow-up.report': { zh: '提報改善情形', en: 'Improvement report sent' },
  'follow-up.close': { zh: '改善報告結案', en: 'Improvement report closed' },
};

function actionText(action: unknown, lang: 'zh' | 'en'): string {
  const known = typeof action === 'string' ? AUDIT_ACTIONS[action] : undefined;
  return known ? known[lang] : asText(action);
}

function safeDate(at: string, lang: 'zh' | 'en'): string {
  try {
    return formatRocDateTime(at, lang);
  } catch {
    return at; // an unreadable timestamp is shown as sent rather than hiding the entry
  }
}

export default function AuditSection() {
  const tr = useTr();
  const lang = useLang();
  const id = useId();
  const [limit, setLimit] = useState(LIMITS[0]);
  const audit = useLoad<AuditRow[]>(`/api/audit?limit=${limit}`);
  const rows = audit.data ?? [];

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tr({ zh: '稽核紀錄', en: 'Audit log' })}</h2>
      <div className="adm-actions">
        <div className="adm-field">
          <label htmlFor={`${id}-limit`}>{tr({ zh: '顯示筆數', en: 'Entries shown' })}</label>
          <select id={`${id}-limit`} value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                {tr({ zh: `最近 ${n} 筆`, en: `Latest ${n}` })}
              </option>
            ))}
          </select>
        </div>
        <div className="adm-field">
          <button type="button" className="adm-secondary" onClick={audit.reload} disabled={audit.loading}>
            {tr({ zh: '重新整理', en: 'Refresh' })}
          </button>
        </div>
      </div>
      <LoadState loading={audit.loading} error={audit.error} hasData={!!audit.data} empty={!!audit.data && rows.length === 0} emptyText={{ zh: '尚無稽核紀錄。', en: 'No audit entries yet.' }} />
      {rows.length > 0 && (
        <table>
          <caption>{tr({ zh: `稽核紀錄（${rows.length} 筆，最新在前）`, en: `Audit log (${rows.length}, newest first)` })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr({ zh: '時間', en: 'Time' })}</th>
              <th scope="col">{tr({ zh: '操作者', en: 'Actor' })}</th>
              <th scope="col">{tr({ zh: '動作', en: 'Action' })}</th>
              <th scope="col">{tr({ zh: '對象', en: 'Target' })}</th>
              <th scope="col">{tr({ zh: '說明', en: 'Detail' })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <td>
                  <time dateTime={r.at}>{safeDate(r.at, lang)}</time>
                </td>
                <td>{asText(r.actor)}</td>
                <td data-action={typeof r.action === 'string' ? r.action : undefined}>{actionText(r.action, lang)}</td>
                <td>{asText(r.target)}</td>
                <td>{asText(r.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
