// The big buttons of a timing item, in thumb reach: the stopwatch (dialled → 已接聽), one tap per
// ring, and the outcomes that need no measure (無人接聽…). Every tap is saved in IndexedDB at once
// (testStore → Device.recordLive), so a browser killed between two rings keeps both.
import { useEffect, useState } from 'react';
import type { TimingAnswer, TimingItem } from '../../scoresheet';
import { useTr } from '../i18n';
import { useTestStore } from '../state/testStore';
import { secondsBetween } from './clock';
import './TimerTools.css';

export function TimerTools({ node, outcomesElsewhere, readOnly }: { node: TimingItem; outcomesElsewhere: boolean; readOnly: boolean }) {
  const tr = useTr();
  const record = useTestStore((s) => s.live[node.id]);
  const answer = useTestStore((s) => s.test?.answers[node.id]) as TimingAnswer | undefined;
  const store = useTestStore.getState();
  const running = record?.startedAt !== undefined && record.answeredAt === undefined;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, [running]);
  const timed = node.outcomes.find((o) => o.timed);
  const untimed = node.outcomes.filter((o) => !o.timed);
  const rings = record?.count ?? 0;
  const measured = (key: string | undefined) => (key ? ((answer as Record<string, unknown> | undefined)?.[key] as number | undefined) : undefined);
  const ringsAnswered = measured(node.live?.counter);
  const secondsAnswered = measured(node.live?.stopwatch);
  const elapsed = record?.startedAt !== undefined ? secondsBetween(record.startedAt, record.answeredAt ?? now).toFixed(1) : undefined;
  const isAnswered = timed && answer?.outcome === timed.key;
  return (
    <div className="timer-tools" role="group" aria-label={tr({ zh: `${node.id} 通話計時工具`, en: `${node.id} call timing tools` })}>
      <div className="timer-head">
      <p className="timer-state" aria-live="polite">
        {isAnswered
          ? tr({
              zh: `✓ 已接聽${ringsAnswered !== undefined ? `・${ringsAnswered} 聲` : ''}${secondsAnswered !== undefined ? `・${secondsAnswered} 秒` : ''}`,
              en: `✓ Answered${ringsAnswered !== undefined ? ` · ${ringsAnswered} rings` : ''}${secondsAnswered !== undefined ? ` · ${secondsAnswered} s` : ''}`,
            })
          : running
            ? tr({ zh: `計時中 ${elapsed} 秒・已 ${rings} 聲`, en: `Timing ${elapsed} s · ${rings} rings` })
            : rings > 0
              ? tr({ zh: `已 ${rings} 聲`, en: `${rings} rings so far` })
              : tr({ zh: `${node.id}：尚未計時`, en: `${node.id}: not timed yet` })}
      </p>
      {running || rings > 0 ? (
        <button type="button" className="reset" disabled={readOnly} onClick={() => store.resetTimer(node.id)}>
          {tr({ zh: '重設計時', en: 'Reset timer' })}
        </button>
      ) : null}
      </div>
      <div className="timer-buttons">
        {node.live?.stopwatch && !running && !isAnswered ? (
          <button type="button" className="huge" disabled={readOnly} onClick={() => store.startTimer(node.id)}>
            {tr({ zh: '開始計時（撥出）', en: 'Start timing (dialled)' })}
          </button>
        ) : null}
        {node.live?.counter ? (
          <button type="button" className="huge ring" disabled={readOnly} onClick={() => store.ring(node.id)}>
            {tr({ zh: `鈴響 +1（${rings}）`, en: `Ring +1 (${rings})` })}
          </button>
        ) : null}
        {timed ? (
          <button type="button" className={`huge primary${isAnswered ? ' is-done' : ''}`} disabled={readOnly} aria-pressed={isAnswered || undefined} onClick={() => store.answered(node.id)}>
            {tr({ zh: '已接聽', en: 'Answered' })}
          </button>
        ) : null}
      </div>
      {!outcomesElsewhere && untimed.length ? (
        <div className="timer-secondary">
          {!outcomesElsewhere
            ? untimed.map((o) => (
                <button
                  key={o.key}
                  type="button"
                  disabled={readOnly}
                  aria-pressed={answer?.outcome === o.key || undefined}
                  onClick={() => store.answer(node.id, { outcome: o.key })}
                >
                  {tr(o.label)}
                </button>
              ))
            : null}
        </div>
      ) : null}
    </div>
  );
}
