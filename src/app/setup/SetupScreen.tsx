// 建立第一位管理者: on first start with an empty store the server prints a one-time link
// (#/setup?token=…). This screen creates the first secretariat account with that token and signs in.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Text } from '../../scoresheet';
import { api } from '../api';
import { useTr } from '../i18n';
import { useSession } from '../session';
import '../admin/admin.css';
import { passwordErrors, PasswordFields } from '../admin/PasswordFields';
import { Field, fieldMessage, LiveMessages } from '../admin/ui';
import { errorText } from '../useLoad';
import { useSubmission } from '../useSubmission';
import { tokenFromHash } from './setupToken';

type FieldName = 'username' | 'password' | 'confirm';
const usernameLabel: Text = { zh: '管理者帳號', en: 'Admin username' };

export default function SetupScreen() {
  const tr = useTr();
  const id = useId();
  const signIn = useSession((s) => s.signIn);
  const [token] = useState(() => (typeof location === 'undefined' ? undefined : tokenFromHash(location.hash)));
  const [needed, setNeeded] = useState<boolean>();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // Ask whether a first admin is still needed, so a used link says so instead of failing on submit.
  useEffect(() => {
    let live = true;
    api<{ needsFirstAdmin: boolean }>('/api/setup/status')
      .then((s) => live && setNeeded(!!s.needsFirstAdmin))
      .catch(() => live && setNeeded(true)); // unknown: let the submit's own error speak
    return () => {
      live = false;
    };
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setStatus(undefined);
    const found: Partial<Record<FieldName, string>> = passwordErrors(tr, password, confirm);
    if (!username.trim()) found.username = fieldMessage(tr, usernameLabel, { zh: '必填', en: 'is required' });
    setErrors(found);
    const first = (['username', 'password', 'confirm'] as FieldName[]).find((f) => found[f]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    await send(async () => {
      // A refused account is the plain error, and the passwords stay for another try.
      await api('/api/setup/first-admin', { body: { token, username: username.trim(), password } });
      try {
        await signIn(username.trim(), password);
        setDone(true);
        setStatus(tr({ zh: `已建立管理者「${username.trim()}」並登入。`, en: `Admin “${username.trim()}” created and signed in.` }));
      } catch (e) {
        setDone(true);
        setError(tr({ zh: `帳號已建立，但登入失敗：${errorText(e)}`, en: `The account was created but signing in failed: ${errorText(e)}` }));
      } finally {
        setPassword('');
        setConfirm('');
      }
    });
  }

  const f = (name: string) => `${id}-${name}`;
  return (
    <section className="adm" aria-labelledby={f('title')}>
      <h1 id={f('title')}>{tr({ zh: '建立第一位管理者', en: 'Create the first administrator' })}</h1>
      {!token ? (
        <p className="adm-error" role="alert">
          {tr({
            zh: '錯誤：連結缺少一次性權杖（token）。請使用伺服器首次啟動時顯示的完整連結。',
            en: 'Error: the link has no one-time token. Use the full link the server printed on first start.',
          })}
        </p>
      ) : needed === false && !done ? (
        <p role="status">
          {tr({ zh: '已有管理者帳號，此連結已不需要。請直接登入。', en: 'An administrator already exists; this link is no longer needed. Please sign in.' })}
        </p>
      ) : done ? null : (
        <form ref={formRef} onSubmit={submit} noValidate>
          <p>
            {tr({
              zh: '此帳號屬於秘書室（研考），可管理受測單位、使用者、季別與個資清除。',
              en: 'This secretariat account manages units, users, quarters and the personal-data purge.',
            })}
          </p>
          <Field id={f('username')} label={tr(usernameLabel)} error={errors.username}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                required
                aria-required="true"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
              />
            )}
          </Field>
          <PasswordFields idPrefix={id} password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={errors} />
          <button type="submit" disabled={busy}>
            {busy ? tr({ zh: '建立中…', en: 'Creating…' }) : tr({ zh: '建立並登入', en: 'Create and sign in' })}
          </button>
        </form>
      )}
      <LiveMessages status={status} error={error} />
      {done && (
        <p>
          <a className="adm-link-button" href="#/admin">
            {tr({ zh: '前往系統管理', en: 'Go to administration' })}
          </a>
        </p>
      )}
    </section>
  );
}
