// 稽核紀錄: who did what and when (logins, pushes, corrections, quarter changes, exports, purges),
// newest first as the server returns it, with ROC dates in Taipei time.
import { useId, useState } from 'react';
import { formatRocDateTime } from '../../record/quarter';
import { useLang, useTr } from '../i18n';
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
                <td>{asText(r.action)}</td>
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
