import { useEffect, useState } from 'react';
import { liveToolsOf, retestOf, type TimingAnswer, type TimingItem } from '../../../scoresheet';
import { useLang, useTr } from '../../i18n';
import { paren } from '../../shell/punct';
import { useForm } from '../formContext';
import { secondsSince, timerKey, useLiveCall } from '../liveCall';
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
      {!form.readOnly && liveToolsOf(node) ? <LiveTools node={node} /> : null}
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

/** The big buttons used during the call: start / answered stopwatch and one tap per ring. */
function LiveTools({ node }: { node: TimingItem }) {
  const form = useForm();
  const tr = useTr();
  const key = timerKey(form.testId, node.id);
  const timer = useLiveCall((s) => s.timers[key]) ?? { count: 0 };
  const live = useLiveCall.getState();
  const start = () => live.start(key, Date.now());
  const ring = () => live.ring(key);
  const reset = () => live.reset(key);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (timer.startedAt === undefined) return;
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, [timer.startedAt]);
  const running = timer.startedAt !== undefined;
  const tools = liveToolsOf(node)!;
  const hasCounter = tools.counter !== undefined;
  const hasStopwatch = tools.stopwatch !== undefined;
  const answered = () => {
    const result: Record<string, unknown> = { outcome: tools.answered.key };
    if (tools.stopwatch && running) result[tools.stopwatch.key] = secondsSince(timer.startedAt!, Date.now());
    if (tools.counter && timer.count > 0) result[tools.counter.key] = timer.count;
    form.setAnswer(node.id, result as TimingAnswer);
    reset();
  };
  const elapsed = running ? secondsSince(timer.startedAt!, now).toFixed(1) : undefined;
  return (
    // Thumb-sized and stacked: the stopwatch first (tapped at dialling, then at the answer), the
    // ring counter under it (tapped again and again while it rings). 「重設」 sits apart, below,
    // so a hurried ring tap never wipes the count.
    <div className="live-tools" role="group" aria-label={tr({ zh: '通話計時工具', en: 'Call timing tools' })}>
      {hasStopwatch ? (
        <button type="button" className={`big stopwatch${running ? ' primary is-running' : ''}`} onClick={() => (running ? answered() : start())}>
          {running
            ? tr({ zh: `已接聽（${elapsed} 秒）`, en: `Answered (${elapsed} s)` })
            : tr({ zh: '開始計時（撥出）', en: 'Start timing (dialled)' })}
        </button>
      ) : null}
      {hasCounter ? (
        <button type="button" className="big ring" onClick={ring}>
          {tr({ zh: `${tools.counter!.label.zh} +1（已 ${timer.count} ${tools.counter!.unit.zh}）`, en: `${tools.counter!.label.en} +1 (${timer.count} so far)` })}
        </button>
      ) : null}
      {running ? (
        <p className="live-hint">{tr({ zh: '計時中：對方接起時按「已接聽」。', en: 'Timing: tap “Answered” when they pick up.' })}</p>
      ) : null}
      {running || timer.count > 0 ? (
        <div className="live-secondary">
          {!hasStopwatch && timer.count > 0 ? (
            <button type="button" onClick={answered}>
              {tr({ zh: '已接聽', en: 'Answered' })}
            </button>
          ) : null}
          <button type="button" className="reset" onClick={reset}>
            {tr({ zh: '重設計時', en: 'Reset' })}
          </button>
        </div>
      ) : null}
    </div>
  );
}
