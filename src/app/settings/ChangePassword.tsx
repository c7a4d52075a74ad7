// 變更密碼: every signed-in user changes their own password here; after an admin reset it is the only
// thing the server allows until it is done. The current password is checked (and throttled) by the server.
import { useId, useState, type FormEvent } from 'react';
import { useTr } from '../i18n';
import { useSession } from '../session';
import { errorText } from '../useLoad';

export function ChangePassword() {
  const tr = useTr();
  const id = useId();
  const { user, changePassword } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    setDone('');
    if (next.length < 10) return setError(tr({ zh: '新密碼：至少需 10 個字元', en: 'New password: at least 10 characters' }));
    if (next !== confirm) return setError(tr({ zh: '確認新密碼：與新密碼不一致', en: 'Confirm new password: does not match' }));
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(tr({ zh: '密碼已變更；其他裝置上的登入已結束。', en: 'Password changed; your sessions on other devices have ended.' }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{tr({ zh: '變更密碼', en: 'Change password' })}</h3>
      {user.mustChangePassword && (
        <p role="alert" className="error">
          {tr({ zh: '⚠ 管理者已重設您的密碼。請先設定新密碼，才能同步或使用其他功能。', en: '⚠ An admin reset your password. Set a new one before syncing or using anything else.' })}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-current`}>{tr({ zh: user.mustChangePassword ? '臨時密碼' : '目前密碼', en: user.mustChangePassword ? 'Temporary password' : 'Current password' })}</label>
        <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-next`}>{tr({ zh: '新密碼', en: 'New password' })}</label>
        <input id={`${id}-next`} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={10} aria-describedby={`${id}-hint`} />
        <p id={`${id}-hint`}>{tr({ zh: '至少 10 個字元。', en: 'At least 10 characters.' })}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>{tr({ zh: '確認新密碼', en: 'Confirm new password' })}</label>
        <input id={`${id}-confirm`} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
      </div>
      {error ? (
        <p role="alert" className="error">
          ⚠ {error}
        </p>
      ) : null}
      <p role="status">{done}</p>
      <button type="submit" className="primary" disabled={busy}>
        {tr({ zh: '變更密碼', en: 'Change password' })}
      </button>
    </form>
  );
}
