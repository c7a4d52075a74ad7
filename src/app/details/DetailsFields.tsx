// The header of 附表3: unit, switchboard number, answerer, extension, tester, time. Labels are the
// sheet's own header texts. Used to start a test and to edit a draft's details.
import { useEffect, useId } from 'react';
import type { NewTestInput } from '../../device';
import { formatRocDateTime } from '../../record/quarter';
import type { Sheet } from '../../scoresheet';
import { useLang, useTr } from '../i18n';
import { fromTaipeiInput, toTaipeiInput } from './taipeiInput';
import { matchUnit } from './matchUnit';
import { useUnits } from './units';

export type Details = Required<Pick<NewTestInput, 'unitId' | 'unitName' | 'switchboardNumber' | 'answererSurname' | 'extension' | 'testerName' | 'testedAt'>>;

interface Props {
  sheet: Sheet;
  value: Details;
  disabled?: boolean;
  onChange(patch: Partial<Details>): void;
}

export function DetailsFields({ sheet, value, disabled, onChange }: Props) {
  const tr = useTr();
  const lang = useLang();
  const units = useUnits();
  const id = useId();
  const h = sheet.header;
  const text = (key: keyof Details, label: string, extra: { inputMode?: 'tel' | 'numeric' | 'text'; autoComplete?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="text"
        value={value[key]}
        disabled={disabled}
        inputMode={extra.inputMode}
        autoComplete={extra.autoComplete ?? 'off'}
        onChange={(e) => onChange({ [key]: e.target.value })}
      />
    </div>
  );
  // A name typed before the list was on the device (offline, signed out): match it once the list is here.
  const typed = value.unitName;
  const unitId = value.unitId;
  useEffect(() => {
    if (disabled || unitId || !typed.trim()) return;
    const unit = matchUnit(typed, units);
    if (unit) onChange({ unitId: unit.id, unitName: unit.name });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onChange is a new closure each render
  }, [typed, unitId, units, disabled]);
  return (
    <div className="details-fields">
      <div className="field">
        <label htmlFor={`${id}-unit`}>{tr(h.unit)}</label>
        <input
          id={`${id}-unit`}
          type="text"
          list={units.length ? `${id}-units` : undefined}
          value={value.unitName}
          disabled={disabled}
          autoComplete="off"
          aria-describedby={`${id}-unit-hint`}
          onChange={(e) => {
            const name = e.target.value;
            const unit = matchUnit(name, units);
            onChange(unit ? { unitName: name, unitId: unit.id, ...(unit.phone && !value.switchboardNumber ? { switchboardNumber: unit.phone } : {}) } : { unitName: name, unitId: '' });
          }}
        />
        {units.length ? (
          <datalist id={`${id}-units`}>
            {units.map((u) => (
              <option key={u.id} value={u.name} />
            ))}
          </datalist>
        ) : null}
        <p className="hint" id={`${id}-unit-hint`}>
          {units.length
            ? tr({ zh: '可從清單選擇或自行輸入。', en: 'Pick from the list or type the name.' })
            : tr({ zh: '請輸入單位名稱（登入後可從清單選擇）。', en: 'Type the unit’s name (sign in to pick from the list).' })}
        </p>
        {value.unitName.trim() && !value.unitId && units.length ? (
          // Said now, not at sync: the server refuses a test whose unit is not on its list.
          <p className="error" role="alert">
            {tr({ zh: `⚠ 「${value.unitName}」不在單位清單中：這份測試將無法同步。請從清單選擇受測單位。`, en: `⚠ “${value.unitName}” is not on the unit list: this test cannot sync as it is. Pick the unit from the list.` })}
          </p>
        ) : null}
      </div>
      {text('switchboardNumber', tr(h.switchboardNumber), { inputMode: 'tel' })}
      {text('answererSurname', tr(h.answererSurname))}
      {text('extension', tr(h.extension), { inputMode: 'numeric' })}
      {text('testerName', tr({ zh: '測試人員', en: 'Tester' }), { autoComplete: 'name' })}
      <div className="field">
        <label htmlFor={`${id}-testedAt`}>{tr(h.testedAt)}</label>
        <input
          id={`${id}-testedAt`}
          type="datetime-local"
          value={toTaipeiInput(value.testedAt)}
          disabled={disabled}
          aria-describedby={`${id}-testedAt-roc`}
          onChange={(e) => {
            const iso = fromTaipeiInput(e.target.value);
            if (iso) onChange({ testedAt: iso });
          }}
        />
        <p className="hint" id={`${id}-testedAt-roc`}>
          {formatRocDateTime(value.testedAt, lang)}
        </p>
      </div>
    </div>
  );
}
