// 使用者: accounts and their roles. A unit head heads one or more units, chosen here; the password
// is typed twice and must be at least 10 characters.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Text } from '../../scoresheet';
import { api } from '../api';
import { useLoad } from '../useLoad';
import { useTr } from '../i18n';
import type { Role, SessionUser } from '../session';
import { passwordErrors, PasswordFields } from './PasswordFields';
import { roleNames, ROLES } from './roles';
import type { UnitRow } from './UnitsSection';
import { Field, fieldMessage, FieldError, LiveMessages, LoadState } from './ui';
import { useSubmission } from '../useSubmission';
import { LoginLocks, UserActions } from './UserLifecycle';
import { useSession } from '../session';

type UserRow = SessionUser & { createdAt?: string; disabled?: boolean; mustChangePassword?: boolean };
type FieldName = 'username' | 'unitIds' | 'password' | 'confirm';

const labels: Record<'username' | 'unitIds' | 'displayName' | 'role', Text> = {
  username: { zh: '帳號', en: 'Username' },
  displayName: { zh: '顯示名稱', en: 'Display name' },
  role: { zh: '角色', en: 'Role' },
  unitIds: { zh: '主管的受測單位', en: 'Units headed' },
};

export default function UsersSection() {
  const tr = useTr();
  const id = useId();
  const users = useLoad<UserRow[]>('/api/users');
  const units = useLoad<UnitRow[]>('/api/units');
  const locks = useLoad<Parameters<typeof LoginLocks>[0]['locks']>('/api/admin/login-locks');
  const me = useSession((s) => s.user);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('tester');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const formRef = useRef<HTMLFormElement>(null);

  const unitName = (unitId: string) => units.data?.find((u) => u.id === unitId)?.name ?? unitId;

  function validate(): Partial<Record<FieldName, string>> {
    const found: Partial<Record<FieldName, string>> = {};
    const required = { zh: '必填', en: 'is required' };
    if (!username.trim()) found.username = fieldMessage(tr, labels.username, required);
    if (role === 'unitHead' && unitIds.length === 0)
      found.unitIds = fieldMessage(tr, labels.unitIds, { zh: '單位主管至少須選一個受測單位', en: 'a unit head needs at least one unit' });
    return { ...found, ...passwordErrors(tr, password, confirm) };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    setError(undefined);
    const found = validate();
    setErrors(found);
    const first = (['username', 'unitIds', 'password', 'confirm'] as FieldName[]).find((f) => found[f]);
    if (first) {
      // Move focus to the first field to fix; its error text is read with it (aria-describedby).
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    await send(async () => {
      const created = await api<UserRow>('/api/users', {
        body: {
          username: username.trim(),
          password,
          role,
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
          ...(role === 'unitHead' ? { unitIds } : {}),
        },
      });
      setStatus(tr({ zh: `已新增使用者「${created.username}」（${roleNames[created.role]?.zh ?? created.role}）。`, en: `User “${created.username}” (${roleNames[created.role]?.en ?? created.role}) added.` }));
      setUsername('');
      setDisplayName('');
      setRole('tester');
      setUnitIds([]);
      setPassword('');
      setConfirm('');
      users.reload();
    });
  }

  const list = users.data ?? [];
  const unitList = units.data ?? [];
  const f = (name: string) => `${id}-${name}`;

  return (
    <section aria-labelledby={f('title')}>
      <h2 id={f('title')}>{tr({ zh: '使用者', en: 'Users' })}</h2>
      <LoadState loading={users.loading} error={users.error} hasData={!!users.data} empty={!!users.data && list.length === 0} emptyText={{ zh: '尚無使用者。', en: 'No users yet.' }} />
      {list.length > 0 && (
        <table className="adm-users">
          <caption>{tr({ zh: `使用者（共 ${list.length} 位）`, en: `Users (${list.length})` })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(labels.username)}</th>
              <th scope="col">{tr(labels.displayName)}</th>
              <th scope="col">{tr(labels.role)}</th>
              <th scope="col">{tr({ zh: '受測單位', en: 'Units' })}</th>
              <th scope="col">{tr({ zh: '帳號管理', en: 'Account' })}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.id}>
                <td data-label={tr(labels.username)}>{u.username}</td>
                <td data-label={tr(labels.displayName)}>{u.displayName || '—'}</td>
                <td data-label={tr(labels.role)}>
                  {roleNames[u.role] ? tr(roleNames[u.role]) : u.role}
                  {u.disabled ? tr({ zh: '（已停用）', en: ' (disabled)' }) : ''}
                  {u.mustChangePassword ? tr({ zh: '（待設定新密碼）', en: ' (must set a new password)' }) : ''}
                </td>
                <td data-label={tr({ zh: '受測單位', en: 'Units' })}>{u.unitIds?.length ? u.unitIds.map(unitName).join('、') : '—'}</td>
                <td data-label={tr({ zh: '帳號管理', en: 'Account' })}>
                  <UserActions user={u} self={u.id === me?.id} units={unitList} onChanged={() => { users.reload(); locks.reload(); }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {locks.data && <LoginLocks locks={locks.data} onChanged={locks.reload} />}

      <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={f('new')}>
        <h3 id={f('new')}>{tr({ zh: '新增使用者', en: 'Add a user' })}</h3>
        <Field id={f('username')} label={tr(labels.username)} hint={tr({ zh: '英文字母、數字與 . _ @ -，最多 64 字元', en: 'Letters, digits and . _ @ -, up to 64 characters' })} error={errors.username}>
          {(control) => (
            <input
              {...control}
              data-field="username"
              type="text"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
              aria-required="true"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
          )}
        </Field>
        <Field id={f('displayName')} label={tr(labels.displayName)} hint={tr({ zh: '選填', en: 'Optional' })}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>

        <fieldset>
          <legend>{tr(labels.role)}</legend>
          {ROLES.map((r) => (
            <label key={r} className="adm-choice">
              <input type="radio" name={f('role')} value={r} checked={role === r} onChange={() => setRole(r)} />
              {tr(roleNames[r])}
            </label>
          ))}
        </fieldset>

        {role === 'unitHead' && (
          <fieldset aria-describedby={errors.unitIds ? f('unitIds-error') : undefined}>
            <legend>{tr(labels.unitIds)}</legend>
            {unitList.length === 0 && <p>{tr({ zh: '尚無受測單位，請先於「受測單位」新增。', en: 'No units yet; add them under “Units tested” first.' })}</p>}
            {unitList.map((u, i) => (
              <label key={u.id} className="adm-choice">
                <input
                  type="checkbox"
                  data-field={i === 0 ? 'unitIds' : undefined}
                  checked={unitIds.includes(u.id)}
                  aria-invalid={errors.unitIds ? true : undefined}
                  onChange={(e) => setUnitIds((ids) => (e.target.checked ? [...ids, u.id] : ids.filter((x) => x !== u.id)))}
                />
                {u.name}
              </label>
            ))}
            <FieldError id={f('unitIds-error')} message={errors.unitIds} />
          </fieldset>
        )}

        <PasswordFields idPrefix={id} password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={errors} />
        <button type="submit" disabled={busy}>
          {busy ? tr({ zh: '新增中…', en: 'Adding…' }) : tr({ zh: '新增使用者', en: 'Add user' })}
        </button>
        <LiveMessages status={status} error={error} />
      </form>
    </section>
  );
}
