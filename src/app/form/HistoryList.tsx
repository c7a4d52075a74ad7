// Earlier versions of a corrected test: when, why, and the score it had then.
import type { DeviceTest } from '../../device';
import { formatRocDateTime } from '../../record/quarter';
import { useLang, useTr } from '../i18n';
import { colon } from '../shell/punct';
import { scoreOf } from '../list/testScore';

export function HistoryList({ test }: { test: DeviceTest }) {
  const tr = useTr();
  const lang = useLang();
  if (!test.history.length) return null;
  return (
    <section aria-labelledby="history-title" className="history">
      <h2 id="history-title">{tr({ zh: '更正紀錄', en: 'Correction history' })}</h2>
      <ol>
        {test.history.map((v, i) => {
          const o = scoreOf({ answers: v.answers, sheet: test.sheet });
          return (
            <li key={i}>
              {formatRocDateTime(v.savedAt, lang)}
              {colon(lang)}
              {o.ok ? tr({ zh: `${o.result.total} 分`, en: `${o.result.total} pts` }) : '—'}
              {v.reason ? tr({ zh: `；更正原因：${v.reason}`, en: `; reason: ${v.reason}` }) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
