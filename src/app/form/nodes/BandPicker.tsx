// A band (語調謙和 8–10 …) and then whole points inside it (rule 7). Used by band and variantBand items.
import type { Band, Text } from '../../../scoresheet';
import { useTr } from '../../i18n';
import { RadioGroup } from './RadioGroup';

interface Props {
  name: string;
  legend: string;
  bands: Band[];
  band: string | undefined;
  points: number | undefined;
  disabled: boolean;
  onChange(band: string, points: number | undefined): void;
  blocked?(band: string): Text | undefined;
}

export function BandPicker({ name, legend, bands, band, points, disabled, onChange, blocked }: Props) {
  const tr = useTr();
  const chosen = bands.find((b) => b.key === band);
  const range = (b: Band) => (b.min === b.max ? tr({ zh: `${b.min} 分`, en: `${b.min} pts` }) : tr({ zh: `${b.min}–${b.max} 分`, en: `${b.min}–${b.max} pts` }));
  const steps = chosen ? Array.from({ length: chosen.max - chosen.min + 1 }, (_, i) => chosen.max - i) : [];
  return (
    <div className="band-picker">
      <RadioGroup
        name={`${name}-band`}
        legend={legend}
        value={band}
        disabled={disabled}
        choices={bands.map((b) => ({ value: b.key, label: tr(b.label), hint: range(b), blocked: blocked?.(b.key) }))}
        // A one-value band (0 分) needs no second tap.
        onChange={(key) => {
          const b = bands.find((x) => x.key === key)!;
          onChange(key, b.min === b.max ? b.min : undefined);
        }}
      />
      {chosen && chosen.min !== chosen.max ? (
        <RadioGroup
          name={`${name}-points`}
          className="points-row"
          legend={tr({ zh: `${legend} — 分數（${chosen.min}–${chosen.max}）`, en: `${legend} — points (${chosen.min}–${chosen.max})` })}
          value={points === undefined ? undefined : String(points)}
          disabled={disabled}
          choices={steps.map((n) => ({ value: String(n), label: tr({ zh: `${n} 分`, en: `${n} pts` }) }))}
          onChange={(v) => onChange(chosen.key, Number(v))}
        />
      ) : null}
    </div>
  );
}
