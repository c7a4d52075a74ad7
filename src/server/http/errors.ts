// Bad input becomes a 4xx with a message naming the field and the rule; only real faults are 500s.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { InputError } from '../store/accounts';
import { QueueFullError } from '../store/hashQueue';
import { errorsText, recordError, type RecordError } from '../../record/errors';
import { JSON_MAX_DEPTH } from '../../record/limits';

/** A 4xx answer. Its body is `{error, field, rule, message: {zh, en}, errors?}`: one English line for
 *  logs and old clients, the same as data for the app, which shows `message` in the user's language. */
export class HttpError extends Error {
  readonly errors: RecordError[];
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    errors?: RecordError[],
  ) {
    super(message);
    this.name = 'HttpError';
    this.errors = errors ?? [fromMessage(message)];
  }
}

/** An older English-only message "field: what is wrong" as data (zh says which field to check). */
function fromMessage(message: string): RecordError {
  const m = /^([\w.\[\]-]{1,80}):\s*(.*)$/s.exec(message);
  const field = m ? m[1] : '';
  const en = m ? m[2] : message;
  return recordError(field, 'input', en, `輸入有誤：${en}`);
}

export const badRequest = (message: string) => new HttpError(400, message);

/** A 4xx from errors that are already data (the record contract's). */
export function refused(status: ContentfulStatusCode, errors: RecordError[]): HttpError {
  return new HttpError(status, errorsText(errors), errors);
}

export function errorBody(err: HttpError) {
  const [first] = err.errors;
  return { error: err.message, field: first.field, rule: first.rule, message: first.message, ...(err.errors.length > 1 ? { errors: err.errors } : {}) };
}

export type Logger = (line: string) => void;

export function errorHandler(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof HttpError) return c.json(errorBody(err), err.status);
    if (err instanceof InputError) return c.json(errorBody(new HttpError(err.status as ContentfulStatusCode, err.message)), err.status as ContentfulStatusCode);
    if (err instanceof QueueFullError) return c.json({ error: err.message }, 503, { 'retry-after': '2' });
    if (isDatabaseUnavailable(err)) {
      log(`error ${c.req.method} ${c.req.path}: database unavailable: ${err.message}`);
      // Nothing from this request was acknowledged; the client retries after the pause.
      return c.json({ error: 'database unavailable: the server cannot reach its database right now; nothing was saved, try again shortly' }, 503, { 'retry-after': String(RETRY_AFTER_S) });
    }
    // Only the error's name and message: never a request body (it may hold a password or a surname).
    log(`error ${c.req.method} ${c.req.path}: ${err.name}: ${err.message}`);
    return c.json({ error: 'internal error: the server failed; nothing from this request was lost, try again' }, 500);
  };
}

export const RETRY_AFTER_S = 5;

/** The database is away (restarting, unreachable, locked by another process), as opposed to a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // PostgreSQL: class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now), 53300 (too many connections).
  if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
  // The socket under the pg client, and pg's own messages for a connection that ended or never came.
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|the database system is (starting up|shutting down|in recovery mode)/i.test(message)) return true;
  // SQLite: another process holds the lock past busy_timeout, or the disk/file is failing.
  if (/^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/.test(code)) return true;
  return false;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The request body as a JSON object, or a 400 that says what is wrong with it. */
/** The JSON object body; `optional`: an empty body reads as {} (for actions whose fields are all optional). */
export async function readJson(c: Context, options: { optional?: boolean } = {}): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) throw new HttpError(415, `body: content-type must be application/json, not ${type}`);
  const text = await c.req.text();
  if (!text.trim()) {
    if (options.optional) return {};
    throw badRequest('body: empty; expected a JSON object');
  }
  const depth = jsonDepth(text);
  if (depth > JSON_MAX_DEPTH)
    throw refused(400, [recordError('body', 'max depth', `nested ${depth} levels deep; at most ${JSON_MAX_DEPTH} are allowed`, `巢狀層數 ${depth} 超過上限 ${JSON_MAX_DEPTH}`)]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest(`body: not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(value)) throw badRequest('body: must be a JSON object');
  return value;
}

export function stringField(body: Record<string, unknown>, field: string, opts: { optional?: boolean; max?: number } = {}): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (opts.optional) return undefined;
    throw badRequest(`${field}: required`);
  }
  if (typeof value !== 'string') throw badRequest(`${field}: must be a string, not ${Array.isArray(value) ? 'an array' : typeof value}`);
  if (opts.max !== undefined && value.length > opts.max) throw badRequest(`${field}: at most ${opts.max} characters`);
  // PostgreSQL text cannot hold NUL; refuse it here for both engines alike.
  if (value.includes('\u0000')) throw badRequest(`${field}: must not contain NUL characters`);
  return value;
}

/** A whole-number query parameter within [min, max], or its default when absent. */
export function intParam(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`${name}: must be a whole number, not ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max) throw badRequest(`${name}: must be between ${min} and ${max}`);
  return n;
}

/** How deeply a JSON text nests, found without parsing it (a hostile body may nest thousands deep). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}
