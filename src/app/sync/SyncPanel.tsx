// "Sync now" and what the engine last did. Without an account the tests simply stay on the device.
import { formatRocDateTime } from '../../record/quarter';
import { useLang, useTr } from '../i18n';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { useSyncStore } from './syncStore';
import { Icon } from '../shell/Icon';
import { usePwaStore } from '../pwa/pwaStore';

/** The server needs a newer app: say so, with the one button that helps (never a retry loop). */
function UpdateNeeded() {
  const tr = useTr();
  const { applyUpdate } = usePwaStore();
  return (
    <div className="sync-panel" role="alert">
      <p>
        <Icon name="warning" />{' '}
        {tr({ zh: '請更新 App：此版本已無法與伺服器同步。測試都保留在此裝置上，更新後會自動傳送。', en: 'Please update the app: this version can no longer sync. Every test stays on this device and is sent after the update.' })}
      </p>
      <button type="button" onClick={() => void (applyUpdate ? applyUpdate() : Promise.resolve(globalThis.location.reload()))}>
        {tr({ zh: '更新 App', en: 'Update the app' })}
      </button>
    </div>
  );
}

export function SyncPanel() {
  const tr = useTr();
  const lang = useLang();
  const user = useSession((s) => s.user);
  const expired = useSession((s) => s.expired);
  const { runner, running, lastError, engine, syncNow } = useSyncStore();
  if (!user && expired) {
    return (
      <p className="sync-panel" role="status">
        <Icon name="warning" />{' '}
        {tr({
          zh: `${expired.displayName ?? expired.username} 的登入已過期，待傳送的測試都保留在此裝置。`,
          en: `${expired.displayName ?? expired.username}'s session has ended; tests waiting to be sent stay on this device.`,
        })}{' '}
        <a href={hrefOf({ name: 'settings' })}>{tr({ zh: '重新登入', en: 'Sign in again' })}</a>
      </p>
    );
  }
  if (!user) {
    return (
      <p className="sync-panel">
        <Icon name="device" /> {tr({ zh: '測試存在此裝置上。', en: 'Tests are kept on this device.' })}{' '}
        <a href={hrefOf({ name: 'settings' })}>{tr({ zh: '登入後可同步', en: 'Sign in to sync' })}</a>
      </p>
    );
  }
  if (engine?.phase === 'outdated') return <UpdateNeeded />;
  const busy = running || engine?.phase === 'syncing';
  const error = lastError ?? engine?.error;
  const phase = engine?.phase;
  return (
    <div className="sync-panel">
      <button type="button" onClick={() => void syncNow()} disabled={!runner || busy}>
        {busy ? tr({ zh: '⟳ 同步中…', en: '⟳ Syncing…' }) : tr({ zh: '⇅ 立即同步', en: '⇅ Sync now' })}
      </button>
      <p role="status">
        {phase === 'offline'
          ? tr({ zh: '⚠ 離線：連線後會自動同步，資料都保留在此裝置。', en: '⚠ Offline: will sync when the network is back; everything stays on this device.' })
          : phase === 'signedOut'
            ? tr({ zh: '⚠ 登入已過期，請到「設定」重新登入。', en: '⚠ Signed out: sign in again under Settings.' })
            : error
              ? tr({ zh: `⚠ 同步失敗：${engine?.said?.zh ?? error}（資料仍保留在此裝置）`, en: `⚠ Sync failed: ${engine?.said?.en ?? error} (everything stays on this device)` })
              : engine?.lastSyncedAt
                ? tr({ zh: `✓ 上次同步：${formatRocDateTime(engine.lastSyncedAt, lang)}`, en: `✓ Last synced: ${formatRocDateTime(engine.lastSyncedAt, lang)}` })
                : null}
        {engine && engine.pending > 0 ? tr({ zh: `（待傳送 ${engine.pending} 筆）`, en: ` (${engine.pending} waiting to be sent)` }) : null}
        {engine?.setAside
          ? tr({
              zh: `；有 ${engine.setAside} 筆伺服器資料無法存入此裝置，已另行保留，其餘皆已同步（請洽秘書室）`,
              en: `; ${engine.setAside} record(s) from the server could not be stored on this device and were set aside; everything else synced (tell the secretariat)`,
            })
          : null}
      </p>
    </div>
  );
}
