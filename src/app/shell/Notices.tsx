// The banners' content (see Banners.tsx): a storage failure (in both languages, saying nothing saved
// was lost), a reload asked by another tab, a waiting app update, and due retests.
import { useLang, useTr } from '../i18n';
import { usePwaStore } from '../pwa/pwaStore';
import { useDeviceStore } from '../state/deviceStore';
import { useSaveState } from '../state/saveState';
import { pendingRetests } from '../live/retests';
import { RetestAlerts } from '../live/RetestReminders';

export default function Notices() {
  const tr = useTr();
  const lang = useLang();
  const problem = useDeviceStore((s) => s.problem);
  const reloadNeeded = useDeviceStore((s) => s.reloadNeeded);
  const clearProblem = useDeviceStore((s) => s.clearProblem);
  const pending = useSaveState((s) => s.pending);
  const { updateReady, applyUpdate, offlineReady } = usePwaStore();
  const saved = pending === 0;
  const retestPending = useDeviceStore((s) => pendingRetests(s.tests).length > 0);
  return (
    <>
      {retestPending ? <RetestAlerts /> : null}
      {problem ? (
        <div className="banner is-problem" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>
            {lang === 'zh' ? problem.zh : problem.en}
          </p>
          {/* The other language too: a shared phone may be set to either. */}
          <p className="other-lang" lang={lang === 'zh' ? 'en' : 'zh-Hant-TW'}>
            {lang === 'zh' ? problem.en : problem.zh}
          </p>
          {!reloadNeeded ? (
            <button type="button" onClick={clearProblem}>
              {tr({ zh: '知道了', en: 'Dismiss' })}
            </button>
          ) : null}
        </div>
      ) : null}
      {reloadNeeded ? (
        <div className="banner" role="status">
          <p>{tr({ zh: '應用程式已在另一個分頁更新，請重新載入。', en: 'The app was updated in another tab; please reload.' })}</p>
          <button type="button" disabled={!saved} onClick={() => window.location.reload()}>
            {saved ? tr({ zh: '重新載入', en: 'Reload' }) : tr({ zh: '儲存中…', en: 'Saving…' })}
          </button>
        </div>
      ) : null}
      {updateReady && applyUpdate ? (
        <div className="banner" role="status">
          <p>{tr({ zh: '有新版本可用。', en: 'A new version is available.' })}</p>
          <button type="button" disabled={!saved} onClick={() => void applyUpdate()}>
            {saved ? tr({ zh: '更新（目前測試已儲存）', en: 'Update (current test is saved)' }) : tr({ zh: '儲存中，稍候再更新…', en: 'Saving, update shortly…' })}
          </button>
        </div>
      ) : null}
      {offlineReady ? (
        <p className="banner is-quiet" role="status">
          {tr({ zh: '✓ 已可離線使用。', en: '✓ Ready to work offline.' })}
        </p>
      ) : null}
    </>
  );
}
