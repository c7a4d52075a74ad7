// Settings: language, persistent storage, local backup, and signing in (which adds syncing).
import { errorsText } from '../../record/errors';
import { useState, type FormEvent } from 'react';
import { useLang, useLangStore, useTr } from '../i18n';
import { useSession, type SessionUser } from '../session';
import { useDeviceStore } from '../state/deviceStore';
import { RadioGroup } from '../form/nodes/RadioGroup';
import { ChangePassword } from './ChangePassword';

export default function SettingsScreen() {
  const tr = useTr();
  const lang = useLang();
  const setLang = useLangStore((s) => s.setLang);
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{tr({ zh: '設定', en: 'Settings' })}</h1>
      <RadioGroup
        name="lang"
        legend={tr({ zh: '介面語言', en: 'Language' })}
        value={lang}
        choices={[
          { value: 'zh', label: '中文（臺灣）' },
          { value: 'en', label: 'English' },
        ]}
        onChange={(v) => setLang(v === 'en' ? 'en' : 'zh')}
      />
      <Persistence />
      <Backup />
      <SignIn />
    </section>
  );
}

function Persistence() {
  const tr = useTr();
  const persistence = useDeviceStore((s) => s.persistence);
  const request = useDeviceStore((s) => s.requestPersistence);
  const text = {
    granted: { zh: '✓ 已取得永久儲存：瀏覽器不會自動清除測試資料。', en: '✓ Persistent storage granted: the browser will not clear the tests on its own.' },
    denied: { zh: '⚠ 未取得永久儲存：空間不足時瀏覽器可能清除資料，請定期匯出備份或同步。', en: '⚠ Persistent storage not granted: the browser may clear data when space runs low; export backups or sync regularly.' },
    unsupported: { zh: '⚠ 此瀏覽器不支援永久儲存，請定期匯出備份或同步。', en: '⚠ This browser cannot make storage persistent; export backups or sync regularly.' },
    unknown: { zh: '尚未確認儲存狀態。', en: 'Storage state not checked yet.' },
  }[persistence];
  return (
    <section aria-labelledby="persist-title">
      <h2 id="persist-title">{tr({ zh: '裝置儲存', en: 'Device storage' })}</h2>
      <p role="status">{tr(text)}</p>
      {persistence !== 'granted' ? (
        <button type="button" onClick={() => void request()}>
          {tr({ zh: '要求永久儲存', en: 'Ask for persistent storage' })}
        </button>
      ) : null}
    </section>
  );
}

function Backup() {
  const tr = useTr();
  const device = useDeviceStore((s) => s.device);
  const report = useDeviceStore((s) => s.report);
  const [message, setMessage] = useState('');
  const exportBackup = async () => {
    if (!device) return;
    try {
      const json = await device.exportBackup();
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `courtesy-tests-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage(tr({ zh: '✓ 已匯出備份檔。', en: '✓ Backup exported.' }));
    } catch (e) {
      report(e);
    }
  };
  const importBackup = async (file: File | undefined) => {
    if (!device || !file) return;
    try {
      const r = await device.importBackup(await file.text());
      setMessage(
        tr({
          zh: `✓ 匯入完成：新增 ${r.added}、更新 ${r.updated}、更正 ${r.corrected}、相同 ${r.unchanged}${r.errors.length ? `；無法匯入：${errorsText(r.errors, 'zh')}` : ''}`,
          en: `✓ Imported: ${r.added} added, ${r.updated} updated, ${r.corrected} corrected, ${r.unchanged} unchanged${r.errors.length ? `; refused: ${errorsText(r.errors, 'en')}` : ''}`,
        }),
      );
    } catch (e) {
      const err = e as { message?: string; zh?: string };
      setMessage(`⚠ ${tr({ zh: err.zh ?? err.message ?? String(e), en: err.message ?? String(e) })}`);
    }
  };
  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">{tr({ zh: '備份', en: 'Backup' })}</h2>
      <p>{tr({ zh: '將此裝置上所有測試匯出為 JSON 檔，或從備份檔匯入（相同的測試不會重複）。', en: 'Export every test on this device to a JSON file, or import one (the same test is never doubled).' })}</p>
      <button type="button" onClick={() => void exportBackup()} disabled={!device}>
        {tr({ zh: '匯出備份', en: 'Export backup' })}
      </button>
      <div className="field">
        <label htmlFor="backup-file">{tr({ zh: '匯入備份檔', en: 'Import a backup file' })}</label>
        <input id="backup-file" type="file" accept="application/json,.json" disabled={!device} onChange={(e) => void importBackup(e.target.files?.[0])} />
      </div>
      <p role="status">{message}</p>
    </section>
  );
}

const TESTER_NAME_KEY = 'courtesy.testerName';

/** Signing out of a shared phone offers to leave no one else's data behind (yes by default for unit heads and admins). */
function SignOut({ user, onDone }: { user: SessionUser; onDone(message: string): void }) {
  const tr = useTr();
  const signOut = useSession((s) => s.signOut);
  const device = useDeviceStore((s) => s.device);
  const report = useDeviceStore((s) => s.report);
  const [asking, setAsking] = useState(false);
  const [forget, setForget] = useState(user.role !== 'tester');
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {tr({ zh: '登出', en: 'Sign out' })}
      </button>
    );
  }
  const confirm = async () => {
    setBusy(true);
    // Sign out first: the sync engine stops, so nothing is pulled back in after the clean-up.
    await signOut();
    let message = tr({ zh: '已登出。', en: 'Signed out.' });
    if (forget && device) {
      try {
        const { removed, kept } = await device.forgetServerCopies();
        try {
          globalThis.localStorage?.removeItem(TESTER_NAME_KEY);
        } catch {
          /* nothing remembered */
        }
        message = tr({
          zh: `已登出，並從此裝置移除 ${removed} 份已在伺服器上的測試（含受話者個資）；保留 ${kept} 份尚未傳送的測試給原測試人員。`,
          en: `Signed out; ${removed} tests the server already holds (with the answerers' personal data) were removed from this device; ${kept} unsent tests stay for their testers.`,
        });
      } catch (e) {
        report(e);
      }
    }
    setBusy(false);
    onDone(message);
  };
  return (
    <div className="sign-out" role="group" aria-label={tr({ zh: '登出', en: 'Sign out' })}>
      <div className="check-row">
        <input id="signout-forget" type="checkbox" checked={forget} onChange={(e) => setForget(e.target.checked)} />
        <label htmlFor="signout-forget">
          {tr({
            zh: '從此裝置移除已同步的測試與個人資料（尚未傳送的測試會保留，只會以原測試人員的帳號傳送）',
            en: 'Remove synced tests and personal data from this device (unsent tests stay, and are only ever sent under their own tester’s account)',
          })}
        </label>
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
        {tr({ zh: '確認登出', en: 'Sign out now' })}
      </button>
      <button type="button" disabled={busy} onClick={() => setAsking(false)}>
        {tr({ zh: '取消', en: 'Cancel' })}
      </button>
    </div>
  );
}

function SignIn() {
  const tr = useTr();
  const { user, expired, signIn } = useSession();
  const [username, setUsername] = useState(expired?.username ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    setDone('');
    try {
      await signIn(username, password);
      setPassword('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="signin-title">
      <h2 id="signin-title">{tr({ zh: '帳號', en: 'Account' })}</h2>
      {done ? <p role="status">{done}</p> : null}
      {user ? (
        <>
          <p>{tr({ zh: `已登入：${user.displayName ?? user.username}`, en: `Signed in as ${user.displayName ?? user.username}` })}</p>
          <SignOut user={user} onDone={setDone} />
          <ChangePassword />
        </>
      ) : (
        <form onSubmit={submit}>
          {expired ? (
            <p role="alert">
              {tr({
                zh: `${expired.displayName ?? expired.username} 的登入已過期，請重新登入；待傳送的測試都還在此裝置。`,
                en: `${expired.displayName ?? expired.username}'s session has ended: sign in again; tests waiting to be sent are still on this device.`,
              })}
            </p>
          ) : (
            <p>{tr({ zh: '不登入也能在此裝置記錄測試；登入後可同步到伺服器。', en: 'You can record tests on this device without an account; signing in adds syncing.' })}</p>
          )}
          <div className="field">
            <label htmlFor="signin-user">{tr({ zh: '帳號', en: 'Username' })}</label>
            <input id="signin-user" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="signin-password">{tr({ zh: '密碼', en: 'Password' })}</label>
            <input id="signin-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </div>
          {error ? (
            <p role="alert" className="error">
              ⚠ {error}
            </p>
          ) : null}
          <button type="submit" className="primary">
            {tr({ zh: '登入', en: 'Sign in' })}
          </button>
        </form>
      )}
    </section>
  );
}
