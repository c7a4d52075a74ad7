// The live-call screen (the default on a phone): the test follows the call one step at a time, as
// the sheet's callSteps list them (撥號／語音系統 → 總機 → 轉接 → 業務單位 → 答話內容 → 結束).
// Top: a thin bar with the step, the running total and 「尚缺 n 項」. Middle: the step's items.
// Bottom third, in thumb reach and never scrolled away: the step's stopwatch and ring counter, then
// ‹ 上一步 / 全表 / 下一步 ›. The screen reads its steps from the sheet and knows no item ids.
import { useEffect, useMemo, useRef, useState } from 'react';
import { findNode, sheetFor, type ItemNode, type TimingAnswer, type TimingItem } from '../../scoresheet';
import { Loading } from '../shell/Loading';
import { useTr } from '../i18n';
import { scoreOf } from '../list/testScore';
import { hrefOf } from '../routes';
import { useDeviceStore } from '../state/deviceStore';
import { useTestStore } from '../state/testStore';
import { FormContext, useForm } from '../form/formContext';
import { ItemControl } from '../form/SheetForm';
import { ItemScore } from '../form/nodes/ItemScore';
import { RadioGroup } from '../form/nodes/RadioGroup';
import { RetestTool } from '../form/nodes/RetestTool';
import { resumeStep, shownSteps, stepOf } from './steps';
import { TimerTools } from './TimerTools';
import { useFormApi } from './useFormApi';
import './live.css';

export default function LiveCallScreen({ id }: { id: string }) {
  const tr = useTr();
  const ready = useDeviceStore((s) => s.status === 'ready');
  const { test, loading, openedId, pending } = useTestStore();
  useEffect(() => {
    if (ready) void useTestStore.getState().open(id);
  }, [id, ready]);
  const form = useFormApi(test && test.id === id ? test : null);
  const sheet = test ? sheetFor(test.sheet) : undefined;
  const steps = useMemo(() => (sheet && form ? shownSteps(sheet, form.exclusions) : []), [sheet, form]);
  const outcome = test ? scoreOf(test) : undefined;
  const missing = outcome?.ok ? outcome.result.missing : [];
  const [stepId, setStepId] = useState<string | undefined>();
  const [showMissing, setShowMissing] = useState(false);
  // First render of this test: resume at the first step with something missing.
  useEffect(() => {
    if (form && stepId === undefined) setStepId(resumeStep(steps, missing));
  }, [form, steps, missing, stepId]);

  // A tap that answers the step's last missing item moves on to the next step by itself (one tap
  // less per step); going back (‹ 上一步) and correcting never jumps, as nothing was missing then.
  const stepIndex = Math.max(0, steps.findIndex((s) => s.step.id === stepId));
  const stepMissing = steps[stepIndex] ? steps[stepIndex].items.filter((i) => missing.includes(i)).length : 0;
  const lastMissing = useRef<{ step?: string; count: number }>({ count: 0 });
  useEffect(() => {
    const before = lastMissing.current;
    lastMissing.current = { step: stepId, count: stepMissing };
    if (before.step === stepId && before.count > 0 && stepMissing === 0 && stepIndex < steps.length - 1 && test?.status !== 'completed') {
      setStepId(steps[stepIndex + 1].step.id);
      window.scrollTo?.({ top: 0 });
    }
  }, [stepId, stepMissing, stepIndex, steps, test?.status]);

  // After an answer, the step's next unanswered item comes up under the bar by itself: the thumb
  // stays on the choices instead of scrolling for the next question.
  // (Compared by content: a write coming back from IndexedDB is a new object with the same answers.)
  const answersNow = test ? JSON.stringify(test.answers) : undefined;
  const prevAnswers = useRef(answersNow);
  useEffect(() => {
    const before = prevAnswers.current;
    prevAnswers.current = answersNow;
    if (!before || !answersNow || before === answersNow) return;
    const next = steps[stepIndex]?.items.find((i) => missing.includes(i));
    const el = next ? document.getElementById(`live-item-${next}`) : null;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const bottomLimit = document.querySelector('.live-tools')?.getBoundingClientRect().top ?? window.innerHeight;
    if (r.top < 0 || r.bottom > bottomLimit) el.scrollIntoView?.({ block: 'start' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of the answers moves on
  }, [answersNow]);

  if (!ready || loading || openedId !== id) return <Loading />;
  if (!test || !sheet || !form || !outcome) {
    return (
      <section aria-labelledby="live-title">
        <h1 id="live-title">{tr({ zh: '找不到這份測試', en: 'Test not found' })}</h1>
        <p>
          <a href={hrefOf({ name: 'home' })}>{tr({ zh: '回到測試清單', en: 'Back to the tests' })}</a>
        </p>
      </section>
    );
  }
  if (!sheet.callSteps?.length) {
    // A sheet without steps has only the full view.
    return (
      <p>
        <a className="button" href={hrefOf({ name: 'test', id, view: 'sheet' })}>
          {tr({ zh: '開啟全表', en: 'Open the full sheet' })}
        </a>
      </p>
    );
  }
  // A step the rules just took out (e.g. 轉接 once the operator never answered): go to the next one shown.
  const index = Math.max(0, steps.findIndex((s) => s.step.id === stepId));
  const shown = steps[index];
  const isLast = index === steps.length - 1;
  const go = (to: number) => {
    const next = steps[Math.min(steps.length - 1, Math.max(0, to))];
    setStepId(next.step.id);
    setShowMissing(false);
    window.scrollTo?.({ top: 0 });
  };
  const readOnly = test.status === 'completed';
  const timerNode = shown.timer ? (findNode(sheet, shown.timer) as TimingItem) : undefined;
  const retestNode = shown.retest ? (findNode(sheet, shown.retest) as TimingItem) : undefined;
  return (
    <FormContext.Provider value={form}>
      <section className="live-call" aria-labelledby="live-title">
        <div className="live-top" role="region" aria-label={tr({ zh: '得分', en: 'Score' })}>
          <h1 id="live-title">
            <span className="step-no">
              {index + 1}／{steps.length}
            </span>{' '}
            {tr(shown.step.label)}
          </h1>
          <p className="live-total" aria-live="polite" aria-atomic="true">
            {outcome.ok ? (
              <>
                <strong>{outcome.result.total}</strong>／{outcome.result.max}
              </>
            ) : (
              tr({ zh: '無法計分', en: 'cannot score' })
            )}
            <span className="visually-hidden">{pending > 0 ? tr({ zh: '儲存中', en: 'saving' }) : tr({ zh: '已儲存在此裝置', en: 'saved on device' })}</span>
          </p>
          {missing.length ? (
            <button type="button" className="compact" aria-expanded={showMissing} onClick={() => setShowMissing((x) => !x)}>
              {tr({ zh: `尚缺 ${missing.length} 項`, en: `${missing.length} missing` })}
            </button>
          ) : (
            <span className="all-done">{tr({ zh: '✓ 已填完', en: '✓ All answered' })}</span>
          )}
        </div>
        {showMissing ? (
          <ul className="live-missing" aria-label={tr({ zh: '尚缺的項目', en: 'Missing items' })}>
            {missing.map((itemId) => {
              const to = stepOf(steps, itemId);
              const node = findNode(sheet, itemId);
              return (
                <li key={itemId}>
                  <button type="button" className="compact" onClick={() => to && go(steps.findIndex((s) => s.step.id === to))}>
                    {itemId} {node ? short(tr(node.label)) : ''}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        {shown.step.hint ? <p className="live-hint">{tr(shown.step.hint)}</p> : null}
        <div className="live-items">
          {shown.items.map((itemId) => {
            const node = findNode(sheet, itemId) as ItemNode;
            return (
              <div key={itemId} className={`live-item kind-${node.kind}`} id={`live-item-${itemId}`}>
                <LiveItem node={node} hasTools={shown.timer === itemId} />
                {node.kind !== 'switch' ? <ItemScore id={node.id} result={form.results[node.id]} /> : null}
              </div>
            );
          })}
          {isLast ? <Finish missing={missing} onJump={(itemId) => go(steps.findIndex((s) => s.step.id === stepOf(steps, itemId)))} /> : null}
        </div>
        <div className="live-tools">
          {timerNode && !readOnly ? <TimerTools node={timerNode} readOnly={readOnly} outcomesElsewhere={shown.retest === shown.timer || !shown.items.includes(timerNode.id)} /> : null}
          {retestNode && !readOnly ? <RetestTool node={retestNode} /> : null}
          <nav className="live-nav" aria-label={tr({ zh: '通話步驟', en: 'Call steps' })}>
            <button type="button" disabled={index === 0} onClick={() => go(index - 1)}>
              {tr({ zh: '‹ 上一步', en: '‹ Back' })}
            </button>
            <a className="button" href={hrefOf({ name: 'test', id, view: 'sheet' })}>
              {tr({ zh: '全表', en: 'Full sheet' })}
            </a>
            <button type="button" className="primary" disabled={isLast} onClick={() => go(index + 1)}>
              {tr({ zh: '下一步 ›', en: 'Next ›' })}
            </button>
          </nav>
        </div>
      </section>
    </FormContext.Provider>
  );
}

const short = (label: string) => (label.length > 18 ? `${label.slice(0, 18)}…` : label);

/** One item as the full sheet draws it; a timing item whose big tools sit below shows its outcome and measures only. */
function LiveItem({ node, hasTools }: { node: ItemNode; hasTools: boolean }) {
  return <ItemControl node={node} timing={(timed) => <TimingOutcome node={timed} compact={hasTools} />} />;
}

/** The outcome of a timed item, and its measures to type or correct (the tools below fill them). */
function TimingOutcome({ node, compact }: { node: TimingItem; compact: boolean }) {
  const form = useForm();
  const tr = useTr();
  const value = form.answers[node.id] as TimingAnswer | undefined;
  const outcome = node.outcomes.find((o) => o.key === value?.outcome);
  return (
    <fieldset className="timing live-timing" disabled={form.readOnly}>
      <legend>{tr(node.label)}</legend>
      {compact ? null : (
        <RadioGroup
          name={`live-${node.id}`}
          legend={tr({ zh: '接聽情形', en: 'Outcome' })}
          value={value?.outcome}
          choices={node.outcomes.map((o) => ({ value: o.key, label: tr(o.label), blocked: form.blocked(node.id, { outcome: o.key }) }))}
          onChange={(key) => {
            const o = node.outcomes.find((x) => x.key === key)!;
            if (o.timed) useTestStore.getState().answered(node.id);
            else form.setAnswer(node.id, { outcome: key });
          }}
        />
      )}
      {compact ? null : outcome?.timed || !value ? (
        <div className="measures">
          {node.measures.map((m) => (
            <MeasureBox key={m.key} itemId={node.id} measureKey={m.key} label={`${tr(m.label)}（${tr(m.unit)}）`} integer={m.integer} />
          ))}
        </div>
      ) : (
        <p>{outcome ? tr(outcome.label) : null}</p>
      )}
      {compact ? (
        // Measured by the big tools below; typed or corrected on the full sheet (one tap away).
        <p className="live-measured">
          {value?.outcome ? tr(outcome?.label ?? { zh: value.outcome, en: value.outcome }).slice(0, 24) : tr({ zh: '用下方按鈕計時、數鈴響', en: 'Time it and count rings with the buttons below' })}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A measure to type or correct; an empty box leaves the item unfinished (the total stays). */
function MeasureBox({ itemId, measureKey, label, integer }: { itemId: string; measureKey: string; label: string; integer: boolean }) {
  const form = useForm();
  const tr = useTr();
  const node = findNode(form.sheet, itemId) as TimingItem;
  const value = form.answers[itemId] as Record<string, unknown> | undefined;
  const stored = value?.[measureKey];
  const [text, setText] = useState(typeof stored === 'number' ? String(stored) : '');
  const [error, setError] = useState(false);
  useEffect(() => setText(typeof stored === 'number' ? String(stored) : ''), [stored]);
  const id = `live-${itemId}-${measureKey}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={0}
        step={integer ? 1 : 0.1}
        value={text}
        aria-invalid={error || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          const timed = node.outcomes.find((o) => o.timed)!;
          const next: Record<string, unknown> = { ...(value ?? {}), outcome: timed.key };
          if (raw.trim() === '') {
            setError(false);
            delete next[measureKey];
          } else {
            const x = Number(raw);
            const ok = Number.isFinite(x) && x >= 0 && (!integer || Number.isInteger(x));
            setError(!ok);
            // A wrong number is never scored: the item stays unfinished until it is whole.
            if (ok) next[measureKey] = x;
            else delete next[measureKey];
          }
          form.setAnswer(itemId, next as TimingAnswer);
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="error" role="alert">
          ⚠ {tr(integer ? { zh: '請填 0 或以上的整數', en: 'Enter a whole number, 0 or more' } : { zh: '請填 0 或以上的數字', en: 'Enter a number, 0 or more' })}
        </p>
      ) : null}
    </div>
  );
}

function Finish({ missing, onJump }: { missing: string[]; onJump(itemId: string): void }) {
  const tr = useTr();
  const form = useForm();
  const test = useTestStore((s) => s.test);
  const [tried, setTried] = useState(false);
  if (!test) return null;
  if (test.status === 'completed') {
    return (
      <div className="live-finish">
        <p role="status">{tr({ zh: '✓ 已完成（唯讀）', en: '✓ Completed (read-only)' })}</p>
        <a className="button" href={hrefOf({ name: 'home' })}>
          {tr({ zh: '回到測試清單', en: 'Back to the tests' })}
        </a>
      </div>
    );
  }
  return (
    <div className="live-finish">
      {tried && missing.length ? (
        <div role="alert">
          <p>{tr({ zh: `還有 ${missing.length} 項未填：`, en: `${missing.length} items are not answered yet:` })}</p>
          <ul>
            {missing.map((itemId) => (
              <li key={itemId}>
                <button type="button" className="compact" onClick={() => onJump(itemId)}>
                  {itemId} {short(tr(findNode(form.sheet, itemId)?.label ?? { zh: '', en: '' }))}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button
        type="button"
        className="primary big"
        onClick={() => {
          setTried(true);
          if (!missing.length) void useTestStore.getState().complete();
        }}
      >
        {tr({ zh: '完成測試', en: 'Complete the test' })}
      </button>
    </div>
  );
}
