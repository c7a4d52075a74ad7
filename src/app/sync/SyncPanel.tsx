// "Sync now" and the last result. Without an account the tests simply stay on the device.
import { formatRocDateTime } from '../../record/quarter';
import { useLang, useTr } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { useSyncStore } from './syncStore';

export function SyncPanel() {
  const tr = useTr();
  const lang = useLang();
  const user = useSession((s) => s.user);
  const { runner, running, lastError, lastRunAt, syncNow } = useSyncStore();
  if (!user) {
    return (
      <p className="sync-panel">
        {tr({ zh: '📱 測試存在此裝置上。', en: '📱 Tests are kept on this device.' })}{' '}
        <a href={hrefOf({ name: 'settings' })}>{tr({ zh: '登入後可同步', en: 'Sign in to sync' })}</a>
      </p>
    );
  }
  return (
    <div className="sync-panel">
      <button type="button" onClick={() => void syncNow()} disabled={!runner || running}>
        {running ? tr({ zh: '⟳ 同步中…', en: '⟳ Syncing…' }) : tr({ zh: '⇅ 立即同步', en: '⇅ Sync now' })}
      </button>
      <p role="status">
        {lastError
          ? tr({ zh: `⚠ 同步失敗：${lastError}（資料仍保留在此裝置）`, en: `⚠ Sync failed: ${lastError} (everything stays on this device)` })
          : lastRunAt
            ? tr({ zh: `✓ 上次同步：${formatRocDateTime(lastRunAt, 'zh')}`, en: `✓ Last synced: ${formatRocDateTime(lastRunAt, 'en')}` })
            : null}
      </p>
    </div>
  );
}
