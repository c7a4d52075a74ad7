// 受測單位: the offices that are called. Lists them and adds one (name + phone).
import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useTr } from '../i18n';
import { Field, fieldMessage, LiveMessages, LoadState } from './ui';
import { useSubmission } from '../useSubmission';
import { useLoad } from '../useLoad';

export interface UnitRow {
  id: string;
  name: string;
  phone?: string;
  /** The unit's own start date (YYYY-MM-DD): plan periods wholly before it are 免測. */
  startsOn?: string;
}

const nameLabel = { zh: '單位名稱', en: 'Unit name' };
const phoneLabel = { zh: '電話號碼', en: 'Phone number' };
const startLabel = { zh: '起始日（納入測試計畫）', en: 'Start date (held to the plan from)' };

/** One unit's start date, editable in its row: periods wholly before it are 免測 in the plan. */
function StartDateCell({ unit, onSaved }: { unit: UnitRow; onSaved(): void }) {
  const tr = useTr();
  const id = useId();
  const [value, setValue] = useState(unit.startsOn ?? '');
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    setError(undefined);
    await send(async () => {
      await api(`/api/units/${encodeURIComponent(unit.id)}`, { method: 'PATCH', body: { startsOn: value || null } });
      setStatus(value ? tr({ zh: `已設定起始日 ${value}。`, en: `Start date set to ${value}.` }) : tr({ zh: '已清除起始日。', en: 'Start date cleared.' }));
      onSaved();
    });
  }
  return (
    <form onSubmit={save} noValidate aria-label={tr({ zh: `${unit.name}的起始日`, en: `Start date of ${unit.name}` })}>
      <label htmlFor={`${id}-d`} className="adm-hint">
        {tr(startLabel)}
      </label>
      <input id={`${id}-d`} type="date" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} />
      <button type="submit" className="adm-secondary" disabled={busy}>
        {tr({ zh: '儲存起始日', en: 'Save start date' })}
      </button>
      <LiveMessages status={status} error={error} />
    </form>
  );
}

export default function UnitsSection() {
  const tr = useTr();
  const id = useId();
  const units = useLoad<UnitRow[]>('/api/units');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [nameError, setNameError] = useState<string>();
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const nameRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    setError(undefined);
    if (!name.trim()) {
      setNameError(fieldMessage(tr, nameLabel, { zh: '必填', en: 'is required' }));
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    await send(async () => {
      const created = await api<UnitRow>('/api/units', { body: { name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) } });
      setStatus(tr({ zh: `已新增受測單位「${created.name}」。`, en: `Unit “${created.name}” added.` }));
      setName('');
      setPhone('');
      units.reload();
    });
  }

  const list = units.data ?? [];
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tr({ zh: '受測單位', en: 'Units tested' })}</h2>
      <LoadState loading={units.loading} error={units.error} hasData={!!units.data} empty={!!units.data && list.length === 0} emptyText={{ zh: '尚無受測單位。', en: 'No units yet.' }} />
      {list.length > 0 && (
        <table>
          <caption>{tr({ zh: `受測單位（共 ${list.length} 個）`, en: `Units tested (${list.length})` })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(nameLabel)}</th>
              <th scope="col">{tr(phoneLabel)}</th>
              <th scope="col">{tr(startLabel)}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.phone || tr({ zh: '（未填）', en: '(none)' })}</td>
                <td>
                  <StartDateCell unit={u} onSaved={units.reload} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form onSubmit={submit} noValidate aria-labelledby={`${id}-new`}>
        <h3 id={`${id}-new`}>{tr({ zh: '新增受測單位', en: 'Add a unit' })}</h3>
        <Field id={`${id}-name`} label={tr(nameLabel)} error={nameError}>
          {(control) => (
            <input
              {...control}
              ref={nameRef}
              type="text"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              aria-required="true"
              autoComplete="off"
            />
          )}
        </Field>
        <Field id={`${id}-phone`} label={tr(phoneLabel)} hint={tr({ zh: '選填，例如 02-2343-1700', en: 'Optional, e.g. 02-2343-1700' })}>
          {(control) => (
            <input
              {...control}
              type="tel"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? tr({ zh: '新增中…', en: 'Adding…' }) : tr({ zh: '新增受測單位', en: 'Add unit' })}
        </button>
        <LiveMessages status={status} error={error} />
      </form>
    </section>
  );
}
