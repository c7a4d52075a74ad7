// The app's one way to call the server. Mutating calls carry the session's CSRF token; every
// failure becomes an ApiError with a readable message (the server names the field and the rule).
import { useLangStore } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server's 4xx body carries its message in both languages (`{field, rule, message: {zh, en}}`):
 *  show the user's, naming the field, never the English line meant for logs. */
function messageOf(body: unknown, status: number): string {
  const b = (body ?? {}) as { error?: unknown; field?: unknown; message?: { zh?: unknown; en?: unknown } };
  const lang = useLangStore.getState().lang;
  const said = b.message?.[lang];
  if (typeof said !== 'string') return typeof b.error === 'string' ? b.error : `HTTP ${status}`;
  // Name the field, unless the message already does.
  return typeof b.field === 'string' && b.field && !said.includes(b.field) ? `${b.field}：${said}` : said;
}

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (e) {
    throw new ApiError(0, `offline or server unreachable: ${(e as Error).message}`);
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (!response.ok) {
    throw new ApiError(response.status, messageOf(body, response.status), body);
  }
  return body as T;
}
