// The account lifecycle for one user, from the 使用者 table: disable/enable (their sessions end at once),
// reset the password (a temporary one shown here once, to be changed at the next sign-in), sign them
// out everywhere, and change their role and units. The server audit-logs every action.
import { useId, useState } from 'react';
import type { Text } from '../../scoresheet';
import { api } from '../api';
import { useTr } from '../i18n';
import type { Role, SessionUser } from '../session';
import { useSubmission } from '../useSubmission';
import { roleNames, ROLES } from './roles';
import type { UnitRow } from './UnitsSection';
import { LiveMessages } from './ui';

export type LifecycleUser = SessionUser & { disabled?: boolean; mustChangePassword?: boolean };

const t = {
  disable: { zh: '停用', en: 'Disable' },
  enable: { zh: '啟用', en: 'Enable' },
  reset: { zh: '重設密碼', en: 'Reset password' },
  revoke: { zh: '登出所有裝置', en: 'Sign out everywhere' },
  edit: { zh: '變更角色／單位', en: 'Change role / units' },
} satisfies Record<string, Text>;

export function UserActions(props: { user: LifecycleUser; self: boolean; units: UnitRow[]; onChanged(): void }) {
  const tr = useTr();
  const id = useId();
  const { user } = props;
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<Role>(user.role);
  const [unitIds, setUnitIds] = useState<string[]>(user.unitIds ?? []);
  const who = user.displayName || user.username;

  const act = (path: string, done: (reply: any) => string) =>
    send(async () => {
      setError(undefined);
      const reply = await api<any>(`/api/users/${encodeURIComponent(user.id)}/${path}`, { method: 'POST' });
      setStatus(done(reply));
      props.onChanged();
    });

  const save = () =>
    send(async () => {
      setError(undefined);
      await api(`/api/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { role, unitIds: role === 'unitHead' ? unitIds : [] } });
      setStatus(tr({ zh: `已變更「${who}」的角色與單位。`, en: `Changed the role and units of “${who}”.` }));
      setEditing(false);
      props.onChanged();
    });

  return (
    <div className="adm-user-actions">
      <div className="adm-actions">
        {!props.self &&
          (user.disabled ? (
            <button type="button" className="adm-secondary" disabled={busy} onClick={() => act('enable', () => tr({ zh: `已啟用「${who}」。`, en: `“${who}” enabled.` }))} aria-label={`${tr(t.enable)} ${who}`}>
              {tr(t.enable)}
            </button>
          ) : (
            <button type="button" className="adm-danger" disabled={busy} onClick={() => act('disable', () => tr({ zh: `已停用「${who}」，其登入已全部結束。`, en: `“${who}” disabled; their sessions have ended.` }))} aria-label={`${tr(t.disable)} ${who}`}>
              {tr(t.disable)}
            </button>
          ))}
        <button
          type="button"
          className="adm-secondary"
          disabled={busy}
          aria-label={`${tr(t.reset)} ${who}`}
          onClick={() =>
            act('reset-password', (reply: { temporaryPassword: string }) =>
              tr({
                zh: `「${who}」的臨時密碼：${reply.temporaryPassword}（只顯示這一次；對方登入後須立即設定新密碼）`,
                en: `Temporary password for “${who}”: ${reply.temporaryPassword} (shown this once; they must set a new one when they sign in)`,
              }),
            )
          }
        >
          {tr(t.reset)}
        </button>
        <button type="button" className="adm-secondary" disabled={busy} aria-label={`${tr(t.revoke)} ${who}`} onClick={() => act('revoke-sessions', (reply: { revoked: number }) => tr({ zh: `已結束「${who}」的 ${reply.revoked} 個登入。`, en: `Ended ${reply.revoked} session(s) of “${who}”.` }))}>
          {tr(t.revoke)}
        </button>
        {!props.self && (
          <button type="button" className="adm-secondary" aria-expanded={editing} aria-controls={`${id}-edit`} aria-label={`${tr(t.edit)} ${who}`} onClick={() => setEditing((e) => !e)}>
            {tr(t.edit)}
          </button>
        )}
      </div>
      {editing && (
        <div id={`${id}-edit`} role="group" aria-label={`${tr(t.edit)} ${who}`}>
          <fieldset>
            <legend>{tr({ zh: '角色', en: 'Role' })}</legend>
            {ROLES.map((r) => (
              <label key={r} className="adm-choice">
                <input type="radio" name={`${id}-role`} value={r} checked={role === r} onChange={() => setRole(r)} />
                {tr(roleNames[r])}
              </label>
            ))}
          </fieldset>
          {role === 'unitHead' && (
            <fieldset>
              <legend>{tr({ zh: '主管的受測單位', en: 'Units headed' })}</legend>
              {props.units.map((u) => (
                <label key={u.id} className="adm-choice">
                  <input type="checkbox" checked={unitIds.includes(u.id)} onChange={(e) => setUnitIds((ids) => (e.target.checked ? [...ids, u.id] : ids.filter((x) => x !== u.id)))} />
                  {u.name}
                </label>
              ))}
            </fieldset>
          )}
          <button type="button" disabled={busy} onClick={() => void save()}>
            {tr({ zh: '儲存變更', en: 'Save changes' })}
          </button>
        </div>
      )}
      <LiveMessages status={status} error={error} />
    </div>
  );
}

type Lock = { key: string; kind: 'address' | 'account' | 'pair'; username?: string; address?: string; failures: number; lockedUntil: string };

/** 登入鎖定: throttles now locked, each with an unlock button (audited). */
export function LoginLocks(props: { locks: Lock[]; onChanged(): void }) {
  const tr = useTr();
  const id = useId();
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const unlock = (lock: Lock) =>
    send(async () => {
      setError(undefined);
      const body = lock.kind === 'address' ? { address: lock.address } : { username: lock.username };
      await api('/api/admin/unlock-login', { body });
      setStatus(tr({ zh: `已解除「${lock.username ?? lock.address}」的登入鎖定。`, en: `Unlocked “${lock.username ?? lock.address}”.` }));
      props.onChanged();
    });
  const kind: Record<Lock['kind'], Text> = {
    address: { zh: '來源位址', en: 'Address' },
    account: { zh: '帳號（所有位址）', en: 'Account (all addresses)' },
    pair: { zh: '帳號＋來源位址', en: 'Account + address' },
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{tr({ zh: '登入鎖定', en: 'Sign-in locks' })}</h3>
      {props.locks.length === 0 ? (
        <p>{tr({ zh: '目前沒有被鎖定的帳號或位址。', en: 'No account or address is locked.' })}</p>
      ) : (
        <table>
          <caption>{tr({ zh: '連續登入失敗而暫停的帳號與位址', en: 'Accounts and addresses paused after failed sign-ins' })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr({ zh: '類型', en: 'Kind' })}</th>
              <th scope="col">{tr({ zh: '帳號', en: 'Username' })}</th>
              <th scope="col">{tr({ zh: '來源位址', en: 'Address' })}</th>
              <th scope="col">{tr({ zh: '鎖定至', en: 'Locked until' })}</th>
              <th scope="col">{tr({ zh: '動作', en: 'Action' })}</th>
            </tr>
          </thead>
          <tbody>
            {props.locks.map((lock) => (
              <tr key={lock.key}>
                <td>{tr(kind[lock.kind])}</td>
                <td>{lock.username ?? '—'}</td>
                <td>{lock.address ?? '—'}</td>
                <td>{new Date(lock.lockedUntil).toLocaleString('zh-TW', { timeZone: 'Asia/Taipei' })}</td>
                <td>
                  <button type="button" className="adm-secondary" disabled={busy} onClick={() => void unlock(lock)} aria-label={`${tr({ zh: '解除鎖定', en: 'Unlock' })} ${lock.username ?? lock.address}`}>
                    {tr({ zh: '解除鎖定', en: 'Unlock' })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LiveMessages status={status} error={error} />
    </section>
  );
}
