// Errors are data: every refusal names the field and the rule, with a message in both UI languages.
// The device, backup import, the server's push and 400 answers, and the CLIs all give this shape,
// so the app can show the message in the user's language and point at the field.
import type { BaseIssue } from 'valibot';

/** A schema check's message carries both languages, split again below: "English␞中文". */
const SEP = '␞';
export const says = (en: string, zh: string) => `${en}${SEP}${zh}`;

export interface RecordError {
  /** Where, as a path into the record: "status", "attempts[1].at", "answers.1.2". */
  field: string;
  /** Which rule, stable for code and tests: "unknown key", "required", "max length", "retest" … */
  rule: string;
  message: { zh: string; en: string };
}

export function recordError(field: string, rule: string, en: string, zh: string): RecordError {
  return { field, rule, message: { en, zh } };
}

/** One line for logs, CLIs and English-only callers: "attempts[1].at: must be … (rule)". */
export function errorText(error: RecordError, lang: 'zh' | 'en' = 'en'): string {
  return `${error.field}: ${error.message[lang]} (${error.rule})`;
}

export function errorsText(errors: readonly RecordError[], lang: 'zh' | 'en' = 'en'): string {
  return errors.map((e) => errorText(e, lang)).join(lang === 'zh' ? '；' : '; ');
}

/** Prefix every error's field, e.g. a record's errors inside ops[3].record. */
export function within(prefix: string, errors: readonly RecordError[]): RecordError[] {
  return errors.map((e) => ({ ...e, field: e.field ? `${prefix}.${e.field}` : prefix }));
}

/** "attempts[1].at" from a valibot issue path. */
function pathOf(issue: BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key as unknown;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

const TYPE_EN: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  strict_object: 'an object',
  record: 'an object',
};

const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '數字',
  boolean: 'true 或 false',
  array: '陣列',
  object: '物件',
  strict_object: '物件',
  record: '物件',
  literal: '固定值',
  picklist: '指定值之一',
};

/** A check or regex whose message the schema wrote in both languages ("English␞中文", schema.ts). */
function bilingual(issue: BaseIssue<unknown>, field: string, rule: string): RecordError {
  const [en, zh] = issue.message.split(SEP);
  return recordError(field, rule, en, zh ?? en);
}

/** A valibot issue as a RecordError. Structure only: the record's own rules say their own words. */
export function fromIssue(issue: BaseIssue<unknown>): RecordError {
  const field = pathOf(issue);
  const expected = issue.expected ?? '';
  if (issue.message.includes(SEP)) return bilingual(issue, field, issue.type === 'union' ? 'type' : 'format');
  if (issue.received === 'undefined' && expected !== 'never') return recordError(field, 'required', 'required', '必填');
  switch (issue.type) {
    case 'strict_object':
    case 'object':
      if (expected === 'never') {
        const key = field.split(/[.[]/).pop() ?? field;
        return recordError(field, 'unknown key', `unknown field "${key}": not part of the record contract`, `不認得的欄位「${key}」：不屬於紀錄格式`);
      }
      if (issue.received === 'undefined') return recordError(field, 'required', 'required', '必填');
      return recordError(field, 'type', 'must be an object', '必須是物件');
    case 'max_length':
    case 'max_entries':
    case 'max_bytes': {
      const n = String(issue.requirement);
      const counted = issue.type === 'max_entries' ? 'entries' : typeof issue.input === 'string' ? 'characters' : 'items';
      const zh = issue.type === 'max_entries' ? '項' : typeof issue.input === 'string' ? '個字' : '筆';
      return recordError(field, 'max length', `at most ${n} ${counted}`, `最多 ${n} ${zh}`);
    }
    case 'min_length':
    case 'non_empty':
      return recordError(field, 'required', 'must not be empty', '不可空白');
    case 'uuid':
      return recordError(field, 'uuid', 'must be a UUID (e.g. 3f2b…-…)', '必須是 UUID');
    case 'integer':
      return recordError(field, 'integer', 'must be a whole number', '必須是整數');
    case 'min_value':
      return recordError(field, 'range', `must be at least ${String(issue.requirement)}`, `不可小於 ${String(issue.requirement)}`);
    case 'max_value':
      return recordError(field, 'range', `must be at most ${String(issue.requirement)}`, `不可大於 ${String(issue.requirement)}`);
    case 'picklist':
    case 'literal':
    case 'union':
    case 'variant':
      return recordError(field, 'one of', `must be ${expected}, not ${issue.received}`, `必須是 ${expected}，不可為 ${issue.received}`);
    default:
      return recordError(field, 'type', `must be ${TYPE_EN[issue.type] ?? (expected ? `a ${expected}` : 'something else')}, not ${issue.received}`, `必須是${TYPE_ZH[issue.type] ?? expected}，不可為 ${issue.received}`);
  }
}
