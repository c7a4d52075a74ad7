// The rules of a test record, beyond its shape: the one function the device (every write), backup
// import, the server's push and the CLIs call, so what the server would refuse later the device
// refuses at once, with the same reason.
import * as v from 'valibot';
import {
  settledAnswers,
  sheetFor,
  sheetInForceFrom,
  findNode,
  sheetItems,
  tryScore,
  type Answers,
  type ScoreResult,
  type Sheet,
} from '../scoresheet';
import { ANSWERS_FORMAT } from './courtesyTest';
import { fromIssue, recordError, type RecordError } from './errors';
import { FUTURE_SLACK_MS, RECORD_MAX_BYTES } from './limits';
import { quarterKey, quarterOf, taipeiParts } from './quarter';
import { CourtesyTestSchema, PushRecordSchema, type CourtesyTest, type PushRecord, type SwitchboardAttempt } from './schema';

export interface RecordContext {
  /** The clock of whoever checks: the server's for a push, the device's for its own writes. */
  now: Date;
  /** The unit list a test may name. Absent only where none is known yet (a device never signed
   *  in): the server always passes it, so such a test is refused at sync, never stored wrong. */
  unitIds?: ReadonlySet<string>;
}

export interface Checked<T> {
  ok: true;
  record: T;
  sheet: Sheet;
  /** The score the server stores (null for a deletion). Drafts are scored on their settled answers. */
  score: ScoreResult | null;
  /** "115-Q4": the Asia/Taipei quarter of testedAt. */
  quarter: string;
  testedAtUtc: string;
}

export type RecordCheck<T> = Checked<T> | { ok: false; errors: RecordError[] };

type RecordFields = Omit<CourtesyTest, 'rev'>;

const encoder = new TextEncoder();

/** The size a record takes as JSON on the wire and in the store. */
export function recordBytes(record: unknown): number {
  return encoder.encode(JSON.stringify(record)).length;
}

function parse<S extends v.GenericSchema>(schema: S, input: unknown): { ok: true; value: v.InferOutput<S> } | { ok: false; errors: RecordError[] } {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  return result.success ? { ok: true, value: result.output } : { ok: false, errors: result.issues.map(fromIssue) };
}

/** A device's or a backup's copy of a test (with its `rev`). */
export function checkTestRecord(input: unknown, ctx: RecordContext): RecordCheck<CourtesyTest> {
  const parsed = parse(CourtesyTestSchema, input);
  if (!parsed.ok) return parsed;
  return checkRules(parsed.value, ctx);
}

/** A pushed record (with `baseRev`). */
export function checkPushRecord(input: unknown, ctx: RecordContext): RecordCheck<PushRecord> {
  const parsed = parse(PushRecordSchema, input);
  if (!parsed.ok) return parsed;
  return checkRules(parsed.value, ctx);
}

/** The rules every record obeys, whatever carried it. */
export function checkRules<T extends RecordFields>(record: T, ctx: RecordContext): RecordCheck<T> {
  const errors: RecordError[] = [];
  const bytes = recordBytes(record);
  if (bytes > RECORD_MAX_BYTES)
    errors.push(recordError('', 'max size', `the record is ${bytes} bytes; at most ${RECORD_MAX_BYTES} are allowed`, `紀錄大小 ${bytes} 位元組，超過上限 ${RECORD_MAX_BYTES}`));

  const sheet = sheetFor(record.sheet);
  if (!sheet) {
    const name = `${record.sheet.id} v${record.sheet.version}`;
    errors.push(recordError('sheet', 'known sheet', `unknown sheet ${name}`, `不認得的量表 ${name}`));
    return { ok: false, errors };
  }
  errors.push(...checkTestedAt(record.testedAt, sheet, ctx.now));

  let score: ScoreResult | null = null;
  if (!record.deleted) {
    errors.push(...checkUnit(record, ctx));
    const scored = scoreRecord(sheet, record);
    if (scored.ok) score = scored.score;
    errors.push(...scored.errors);
    errors.push(...checkRetest(sheet, record.answers, record.attempts, record.retestOverride !== undefined));
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, record, sheet, score, quarter: quarterKey(quarterOf(record.testedAt)), testedAtUtc: new Date(record.testedAt).toISOString() };
}

function checkTestedAt(testedAt: string, sheet: Sheet, now: Date): RecordError[] {
  const errors: RecordError[] = [];
  const from = sheetInForceFrom(sheet);
  if (from) {
    const { year, month, day } = taipeiParts(testedAt);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (date < from)
      errors.push(
        recordError('testedAt', 'sheet in force', `${date} is before ${from}, the first day sheet ${sheet.id} v${sheet.version} is in force`, `${date} 早於量表 ${sheet.id} 第 ${sheet.version} 版的施行日 ${from}`),
      );
  }
  if (Date.parse(testedAt) > now.getTime() + FUTURE_SLACK_MS)
    errors.push(recordError('testedAt', 'not in the future', 'is more than one day ahead of the clock; check the date and the phone’s clock', '比目前時間晚一天以上，請檢查日期與手機時鐘'));
  return errors;
}

function checkUnit(record: RecordFields, ctx: RecordContext): RecordError[] {
  if (record.status === 'completed' && record.unitId === '')
    return [recordError('unitId', 'required to complete', 'a completed test must name its unit from the unit list', '完成的測試必須從受測單位清單選擇單位')];
  if (record.unitId !== '' && ctx.unitIds && !ctx.unitIds.has(record.unitId))
    return [recordError('unitId', 'known unit', `no unit with id ${JSON.stringify(record.unitId)} in the unit list`, `受測單位清單中沒有編號 ${JSON.stringify(record.unitId)}`)];
  return [];
}

/** Completed: the whole sheet, every rule, nothing missing. Draft: partial, but no rule broken;
 *  answers still being filled in (a timed outcome with nothing measured yet) count as missing. */
function scoreRecord(sheet: Sheet, record: RecordFields): { ok: true; score: ScoreResult; errors: [] } | { ok: false; errors: RecordError[] } {
  const answers = record.status === 'completed' ? record.answers : settledAnswers(sheet, record.answers);
  const outcome = tryScore(sheet, { format: ANSWERS_FORMAT, answers });
  if (!outcome.ok) {
    return { ok: false, errors: outcome.issues.map((i) => recordError(i.item.startsWith('(') ? 'answers' : `answers.${i.item}`, i.rule, i.message.en, i.message.zh)) };
  }
  if (record.status === 'completed' && !outcome.result.complete) {
    const missing = outcome.result.missing;
    return { ok: false, errors: [recordError('answers', 'complete', `a completed test answers every item; missing: ${missing.join(', ')}`, `完成的測試須填答所有項目；尚缺：${missing.join('、')}`)] };
  }
  return { ok: true, score: outcome.result, errors: [] };
}

/** 「連打 2 次無人接聽」 stands only with the tries logged as the sheet asks (two, ≥ 10 minutes
 *  apart), or with an override whose reason is kept in the record. */
function checkRetest(sheet: Sheet, answers: Answers, attempts: SwitchboardAttempt[], overridden: boolean): RecordError[] {
  if (overridden) return [];
  return sheetItems(sheet).flatMap((item) => {
    const error = retestUnmet(sheet, item.id, answers[item.id], attempts);
    return error ? [error] : [];
  });
}

/**
 * Why this answer cannot stand yet under its outcome's retest rule, or undefined when it can: the
 * form blocks the choice with this message, and the contract refuses a record that holds it.
 */
export function retestUnmet(sheet: Sheet, itemId: string, value: unknown, attempts: readonly SwitchboardAttempt[]): RecordError | undefined {
  const item = findNode(sheet, itemId);
  if (item?.kind !== 'timing') return undefined;
  const rule = item.outcomes.find((o) => o.key === (value as { outcome?: unknown } | undefined)?.outcome)?.retest;
  if (!rule) return undefined;
  const tries = attempts
    .filter((a) => a.outcome === 'unanswered')
    .map((a) => Date.parse(a.at))
    .sort((a, b) => a - b);
  const spanMinutes = tries.length ? (tries[tries.length - 1] - tries[0]) / 60_000 : 0;
  if (tries.length >= rule.attempts && spanMinutes >= rule.minutesApart) return undefined;
  return recordError(
    'attempts',
    'retest',
    `${item.id}: this outcome needs ${rule.attempts} logged unanswered attempts at least ${rule.minutesApart} minutes apart (logged: ${tries.length}), or an override with a reason`,
    `${item.id}：須記錄 ${rule.attempts} 次無人接聽、前後相隔至少 ${rule.minutesApart} 分鐘（目前 ${tries.length} 次），或註明原因後改判`,
  );
}
