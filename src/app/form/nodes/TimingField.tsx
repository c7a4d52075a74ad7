import { useEffect, useState } from 'react';
import { liveToolsOf, retestOf, type TimingAnswer, type TimingItem } from '../../../scoresheet';
import { useLang, useTr } from '../../i18n';
import { TimerTools } from '../../live/TimerTools';
import { paren } from '../../shell/punct';
import { useForm } from '../formContext';
import { RadioGroup } from './RadioGroup';
import { RetestTool } from './RetestTool';

/** Outcome of the call, then its measures — typed, or filled by the live-call tools the sheet declares. */
export function TimingField({ node }: { node: TimingItem }) {
  const form = useForm();
  const tr = useTr();
  const lang = useLang();
  const value = form.answers[node.id] as TimingAnswer | undefined;
  const outcome = node.outcomes.find((o) => o.key === value?.outcome);
  const timed = node.outcomes.find((o) => o.timed)!;
  const setMeasure = (key: string, x: number | undefined) => {
    const next: Record<string, unknown> = { ...(value ?? {}), outcome: outcome?.timed ? outcome.key : timed.key };
    if (x === undefined) delete next[key];
    else next[key] = x;
    form.setAnswer(node.id, next as TimingAnswer);
  };
  return (
    // One fieldset named by the item's text holds everything about it, so "電話鈴響" is never ambiguous.
    <fieldset className="timing" disabled={form.readOnly}>
      <legend>{tr(node.label)}</legend>
      {/* The sheet declares which tools an item has (its `live` and `retest` data). */}
      {/* The live-call screen's tools (stopwatch, ring counter, 已接聽), every tap saved in IndexedDB
          at once; the outcomes are the radios below. */}
      {!form.readOnly && liveToolsOf(node) ? <TimerTools node={node} outcomesElsewhere readOnly={form.readOnly} /> : null}
      {!form.readOnly && retestOf(node) ? <RetestTool node={node} /> : null}
      <RadioGroup
        name={`item-${node.id}`}
        legend={tr({ zh: '接聽情形', en: 'Outcome' })}
        value={value?.outcome}
        disabled={form.readOnly}
        choices={node.outcomes.map((o) => ({ value: o.key, label: tr(o.label), blocked: form.blocked(node.id, { outcome: o.key }) }))}
        // A timed outcome keeps what was measured; an untimed one is the whole answer.
        onChange={(key) => {
          const o = node.outcomes.find((x) => x.key === key)!;
          form.setAnswer(node.id, o.timed ? { ...(value ?? {}), outcome: key } : { outcome: key });
        }}
      />
      {outcome?.timed || !value ? (
        <div className="measures">
          {node.measures.map((m) => (
            <MeasureInput
              key={m.key}
              id={`item-${node.id}-${m.key}`}
              label={`${tr(m.label)}${paren(tr(m.unit), lang)}`}
              integer={m.integer}
              value={(value as Record<string, unknown> | undefined)?.[m.key] as number | undefined}
              disabled={form.readOnly}
              onChange={(x) => setMeasure(m.key, x)}
            />
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

function MeasureInput(props: { id: string; label: string; integer: boolean; value: number | undefined; disabled: boolean; onChange(x: number | undefined): void }) {
  const tr = useTr();
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  const [error, setError] = useState(false);
  // Follow the stored answer when a live-call tool fills it.
  useEffect(() => setText(props.value === undefined ? '' : String(props.value)), [props.value]);
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode={props.integer ? 'numeric' : 'decimal'}
        min={0}
        step={props.integer ? 1 : 0.1}
        value={text}
        disabled={props.disabled}
        aria-invalid={error || undefined}
        aria-describedby={error ? `${props.id}-error` : undefined}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          if (raw.trim() === '') {
            setError(false);
            props.onChange(undefined);
            return;
          }
          const x = Number(raw);
          const ok = Number.isFinite(x) && x >= 0 && (!props.integer || Number.isInteger(x));
          setError(!ok);
          // A value that is not allowed ("2.5" rings) must not leave the last good keystroke's "2"
          // scoring in silence: the measure is cleared, and the item shows as unfinished.
          props.onChange(ok ? x : undefined);
        }}
      />
      {error ? (
        <p id={`${props.id}-error`} className="error" role="alert">
          ⚠ {tr(props.integer ? { zh: '請填 0 或以上的整數', en: 'Enter a whole number, 0 or more' } : { zh: '請填 0 或以上的數字', en: 'Enter a number, 0 or more' })}
        </p>
      ) : null}
    </div>
  );
}
