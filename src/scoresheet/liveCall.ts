// What the sheet data says about the live call, read in one place so the form's renderers never
// name a measure or an outcome: which measure the stopwatch fills and which the tap counter, the
// retest rule (how many attempts, how many minutes apart), and the one-tap outcomes.
import type { Measure, Outcome, OutcomeKind, RetestRule, TimingItem } from './types';

export interface LiveToolsSpec {
  /** The timed outcome the tools record ("answered"). */
  answered: Outcome;
  stopwatch?: Measure;
  counter?: Measure;
}

/** The live-call tools of a timing item, or undefined when the sheet declares none for it. */
export function liveToolsOf(item: TimingItem): LiveToolsSpec | undefined {
  if (!item.live) return undefined;
  const answered = item.outcomes.find((o) => o.timed)!;
  const stopwatch = item.measures.find((m) => m.key === item.live!.stopwatch);
  const counter = item.measures.find((m) => m.key === item.live!.counter);
  if (!stopwatch && !counter) return undefined;
  return { answered, ...(stopwatch ? { stopwatch } : {}), ...(counter ? { counter } : {}) };
}

export interface RetestSpec extends RetestRule {
  /** Key of the outcome the retest leads to. */
  outcome: string;
  /** The outcome reached after the last attempt (「連打 2 次無人接聽」). */
  result: Outcome;
  /** The attempt-log word of each attempt that counts. */
  kind: OutcomeKind;
  /** Other untimed outcomes with a kind: one tap logs the attempt and sets the answer (電話故障). */
  oneTap: Outcome[];
}

export interface RetestState {
  /** Attempts that count so far (at most the rule's number). */
  logged: number;
  /** When the next attempt may be logged (ms since epoch); undefined before the first. */
  dueAt?: number;
  done: boolean;
}

/** The retest rule of a timing item, or undefined when it has none. */
export function retestOf(item: TimingItem): RetestSpec | undefined {
  const result = item.outcomes.find((o) => o.retest !== undefined);
  if (!result) return undefined;
  const oneTap = item.outcomes.filter((o) => !o.timed && o.kind && o.key !== result.key);
  return { ...result.retest!, outcome: result.key, result, kind: result.kind ?? 'unanswered', oneTap };
}

/** Where a retest stands, from the stored attempt log (so it survives a reload). */
export function retestState(spec: RetestSpec, attempts: readonly { at: string; outcome: string }[]): RetestState {
  const times = attempts.filter((a) => a.outcome === spec.kind).map((a) => Date.parse(a.at));
  const logged = Math.min(times.length, spec.attempts);
  const last = times[logged - 1];
  return {
    logged,
    done: logged >= spec.attempts,
    ...(last !== undefined && logged < spec.attempts ? { dueAt: last + spec.minutesApart * 60_000 } : {}),
  };
}
