// The one radio-group control every item kind is built from: a fieldset whose legend is the
// sheet's item text, and big radio rows (≥ 44 px, the whole row is the target) whose labels are
// the sheet's option texts.
import type { ReactNode } from 'react';
import { useLang, useTr } from '../../i18n';
import { paren } from '../../shell/punct';
import type { Text } from '../../../scoresheet';

export interface Choice {
  value: string;
  label: string;
  /** Shown next to the label, e.g. 「3 分」. */
  hint?: string;
  /** Why this choice cannot be made now (a rule steered by an earlier answer). */
  blocked?: Text;
}

interface Props {
  name: string;
  legend: ReactNode;
  choices: Choice[];
  value: string | undefined;
  disabled?: boolean;
  onChange(value: string): void;
  className?: string;
}

export function RadioGroup({ name, legend, choices, value, disabled, onChange, className }: Props) {
  const tr = useTr();
  const lang = useLang();
  return (
    <fieldset className={`radio-group ${className ?? ''}`} disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((choice) => {
        const id = `${name}-${choice.value}`;
        const checked = value === choice.value;
        const blockedId = choice.blocked ? `${id}-blocked` : undefined;
        return (
          <div key={choice.value} className={`choice${checked ? ' is-checked' : ''}`}>
            <input
              type="radio"
              id={id}
              name={name}
              value={choice.value}
              checked={checked}
              disabled={Boolean(choice.blocked)}
              aria-describedby={blockedId}
              onChange={() => onChange(choice.value)}
            />
            {/* The chosen row is told by the radio's dot, bold text and a thicker frame, not by colour alone.
                (A ☐/☑ glyph next to the radio said the same thing twice and squeezed long option texts.) */}
            <label htmlFor={id}>
              <span className="choice-text">{choice.label}</span>
              {choice.hint ? <span className="hint">{paren(choice.hint, lang)}</span> : null}
            </label>
            {choice.blocked ? (
              <p id={blockedId} className="blocked">
                <span aria-hidden="true">⚠ </span>
                {tr(choice.blocked)}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
