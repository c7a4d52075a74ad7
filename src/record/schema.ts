// The one schema of a test record and of the sync wire, in valibot. The device's writes, backup
// import, the server's push and the CLIs validate with it, the TypeScript types are inferred from
// it, and the OpenAPI document is generated from it: they cannot disagree. Objects are strict
// (an unknown key is refused, naming it) and everything is bounded (limits.ts).
import * as v from 'valibot';
import type { Answers as SheetAnswers } from '../scoresheet/types';
import { says } from './errors';
import { EARLIEST_INSTANT, LATEST_INSTANT, MAX } from './limits';


const noNul = v.check((s: string) => !s.includes('\u0000'), says('must not contain NUL characters', '不可含 NUL 字元'));

/** Free text shown to people: bounded, never NUL (PostgreSQL text cannot hold it). */
export const text = (max: number) => v.pipe(v.string(), v.maxLength(max), noNul);
const nonEmptyText = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max), noNul);

// ISO 8601 with an explicit Z or offset: the quarter of a test depends on its instant.
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const earliest = Date.parse(EARLIEST_INSTANT);
const latest = Date.parse(LATEST_INSTANT);

export const InstantSchema = v.pipe(
  v.string(),
  v.maxLength(40),
  v.check((s) => ISO_RE.test(s) && !Number.isNaN(Date.parse(s)), says('must be an ISO 8601 date-time with Z or an offset, e.g. 2026-11-22T14:07:00+08:00', '必須是含時區的 ISO 8601 日期時間，例如 2026-11-22T14:07:00+08:00')),
  v.check((s) => Date.parse(s) >= earliest && Date.parse(s) < latest, says('must fall between the years 2000 and 2099', '必須介於西元 2000 年與 2099 年之間')),
  v.metadata({ format: 'date-time' }),
);

/** An ISO 8601 date-time with Z or an offset, within the years the contract allows. */
export function isInstant(value: unknown): value is string {
  return v.is(InstantSchema, value);
}

const KEY_RE = /^[A-Za-z0-9_.\-]+$/;
const key = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX.key), v.regex(KEY_RE, says('must use only letters, digits, "_", "." or "-"', '只能使用英數字、「_」、「.」或「-」')));

export const UuidSchema = v.pipe(v.string(), v.uuid());

/** One item's answer, by shape only; its sheet decides which keys and values are right. */
export const AnswerValueSchema = v.union(
  [
    v.boolean(),
    v.pipe(v.string(), v.maxLength(MAX.answerText)),
    v.pipe(v.record(key, v.union([v.pipe(v.string(), v.maxLength(MAX.answerText)), v.pipe(v.number(), v.finite()), v.boolean()])), v.maxEntries(MAX.answerFields)),
  ],
  says(
    'must be true/false, an option key, or an answer object whose values are short texts, numbers or true/false',
    '必須是 true/false、選項代碼，或值為短文字、數字、true/false 的答案物件',
  ),
);

/** The `answers` of a courtesy-answers/1 document: item id → answer. Typed as the scoresheet's
 *  answers, whose shapes per item kind the sheet itself checks (tryScore). */
export const AnswersSchema = v.pipe(v.record(key, AnswerValueSchema), v.maxEntries(MAX.answers)) as unknown as v.GenericSchema<SheetAnswers>;

export const SheetRefSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX.sheetId), v.regex(/^[a-z0-9][a-z0-9-]*$/, says('must use only lower-case letters, digits and "-"', '只能使用小寫英文字母、數字與「-」'))),
  version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
});

export const TestStatusSchema = v.picklist(['draft', 'completed']);

/** One try at reaching the switchboard; two unanswered tries ≥ 10 minutes apart make 「連打 2 次無人接聽」. */
export const AttemptSchema = v.strictObject({
  at: InstantSchema,
  outcome: v.picklist(['answered', 'unanswered', 'outOfOrder']),
});

/** An earlier version kept when a completed test is corrected (「更正」). */
export const HistoryEntrySchema = v.strictObject({
  savedAt: InstantSchema,
  status: TestStatusSchema,
  answers: AnswersSchema,
  reason: v.optional(text(MAX.reason)),
});

/** 「連打 2 次無人接聽」 without the two logged attempts: allowed only with a reason, which is kept. */
export const RetestOverrideSchema = v.strictObject({
  reason: nonEmptyText(MAX.reason),
  at: InstantSchema,
});

/** The fields of a test that the device fills and the server stores. */
const recordFields = {
  /** UUID made on the device that started the test. */
  id: UuidSchema,
  /** The unit's id on the server; empty while the unit was only typed (no unit list yet). */
  unitId: text(MAX.unitId),
  unitName: text(MAX.unitName),
  switchboardNumber: text(MAX.switchboardNumber),
  /** Personal data (個資法): shown masked, purged after the retention period. */
  answererSurname: text(MAX.answererSurname),
  /** Personal data (個資法): shown masked, purged after the retention period. */
  extension: text(MAX.extension),
  /** On the server: the signed-in account's name, whatever the client sent. */
  testerName: text(MAX.testerName),
  testerId: v.optional(text(MAX.testerId)),
  /** Its Asia/Taipei date decides the quarter. */
  testedAt: InstantSchema,
  sheet: SheetRefSchema,
  answers: AnswersSchema,
  attempts: v.pipe(v.array(AttemptSchema), v.maxLength(MAX.attempts)),
  retestOverride: v.optional(RetestOverrideSchema),
  status: TestStatusSchema,
  history: v.pipe(v.array(HistoryEntrySchema), v.maxLength(MAX.history)),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  deleted: v.optional(v.boolean()),
};

const revision = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2_147_483_647));

/** A test as the device keeps it and a backup carries it: the record plus the revision it is based on. */
export const CourtesyTestSchema = v.strictObject({ ...recordFields, rev: revision });

/** What a device sends for one test: the record, plus the server revision it last saw (0: new). */
export const PushRecordSchema = v.strictObject({ ...recordFields, baseRev: revision });

const NodeResultSchema = v.object({
  points: v.number(),
  max: v.number(),
  state: v.picklist(['answered', 'missing', 'excluded']),
  reason: v.object({ zh: v.string(), en: v.string() }),
});

/** The server's score of a record (never the client's). */
export const ScoreResultSchema = v.object({
  sheet: v.object({ id: v.string(), version: v.number() }),
  total: v.number(),
  max: v.number(),
  complete: v.boolean(),
  missing: v.array(v.string()),
  sections: v.record(v.string(), v.number()),
  items: v.record(v.string(), NodeResultSchema),
});

export const QuarterKeySchema = v.pipe(v.string(), v.regex(/^\d{1,3}-Q[1-4]$/, says('must look like 115-Q4', '格式應如 115-Q4')));

/** A test as the server holds it and pulls send it. */
export const ServerRecordSchema = v.strictObject({
  ...recordFields,
  rev: revision,
  seq: revision,
  score: v.nullable(ScoreResultSchema),
  quarter: QuarterKeySchema,
});

export const TombstoneSchema = v.strictObject({ id: UuidSchema, deleted: v.literal(true), rev: revision, seq: revision });

export const ChangeSchema = v.union([TombstoneSchema, ServerRecordSchema]);

export const RecordErrorSchema = v.object({
  field: v.string(),
  rule: v.string(),
  message: v.object({ zh: v.string(), en: v.string() }),
});

/** An op's envelope is checked for the whole push; its record is checked op by op (one bad record
 *  is that op's `rejected`, never the whole push's 400). */
const pushOp = <R extends v.GenericSchema>(record: R) =>
  v.strictObject({
    /** Made once per local change and reused on every retry, so a replay is recognised. */
    opId: nonEmptyText(MAX.opId),
    record,
  });

const pushRequest = <R extends v.GenericSchema>(record: R) =>
  v.strictObject({
    protocol: v.pipe(v.number(), v.integer()),
    clientId: nonEmptyText(MAX.clientId),
    /** The sheet versions this app can render. */
    sheets: v.pipe(v.array(SheetRefSchema), v.maxLength(MAX.sheets)),
    ops: v.pipe(v.array(pushOp(record)), v.maxLength(100)),
  });

/** What the server parses: the envelope strictly, each record on its own. */
export const PushEnvelopeSchema = pushRequest(v.unknown());
/** What the contract says a push is (for the OpenAPI document and typed clients). */
export const PushRequestSchema = pushRequest(PushRecordSchema);

export const PushStatusSchema = v.picklist(['applied', 'duplicate', 'conflict', 'rejected']);

export const PushResultSchema = v.object({
  opId: v.string(),
  status: PushStatusSchema,
  rev: v.optional(v.number()),
  seq: v.optional(v.number()),
  /** On conflict: the server's copy, for the tester to resolve side by side. */
  record: v.optional(ServerRecordSchema),
  /** On rejected (and conflict): why, each naming the field and the rule. */
  errors: v.optional(v.array(RecordErrorSchema)),
  /** The same in one English line. */
  error: v.optional(v.string()),
});

export const PushResponseSchema = v.object({ protocol: v.number(), results: v.array(PushResultSchema) });

export const PullResponseSchema = v.object({
  protocol: v.number(),
  changes: v.array(ChangeSchema),
  /** Pass as `since` next time. */
  cursor: v.number(),
  more: v.boolean(),
  /** Tests left out because this app cannot render their sheet; they come once it can. */
  withheld: v.number(),
});

/** Every 4xx/5xx body: one English line for logs, and the same as data for the app. */
export const ErrorBodySchema = v.object({
  error: v.string(),
  field: v.optional(v.string()),
  rule: v.optional(v.string()),
  message: v.optional(v.object({ zh: v.string(), en: v.string() })),
  errors: v.optional(v.array(RecordErrorSchema)),
});

export type Answers = SheetAnswers;
export type SheetRef = v.InferOutput<typeof SheetRefSchema>;
export type TestStatus = v.InferOutput<typeof TestStatusSchema>;
export type SwitchboardAttempt = v.InferOutput<typeof AttemptSchema>;
export type TestVersion = v.InferOutput<typeof HistoryEntrySchema>;
export type RetestOverride = v.InferOutput<typeof RetestOverrideSchema>;
export type CourtesyTest = v.InferOutput<typeof CourtesyTestSchema>;
export type PushRecord = v.InferOutput<typeof PushRecordSchema>;
export type ServerRecord = v.InferOutput<typeof ServerRecordSchema>;
export type Tombstone = v.InferOutput<typeof TombstoneSchema>;
export type Change = ServerRecord | Tombstone;
export type PushOp = { opId: string; record: PushRecord };
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;
export type PushStatus = v.InferOutput<typeof PushStatusSchema>;
export type PushResult = v.InferOutput<typeof PushResultSchema>;
export type PushResponse = v.InferOutput<typeof PushResponseSchema>;
export type PullResponse = v.InferOutput<typeof PullResponseSchema>;
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
