// The sync endpoints: push (one result per op, in order) and the pull feed. Both speak the record
// contract's protocol: an app that is too old is told so (426), never looped through failures.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import type { ServerStore } from '../store';
import { fromIssue, recordError } from '../../record/errors';
import { MAX, PULL_MAX_CHANGES, PUSH_MAX_BYTES } from '../../record/limits';
import { PushEnvelopeSchema } from '../../record/schema';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, parseSheetKey, sheetKey, type PushOp } from '../../sync/protocol';
import { requireRole } from '../routes/deps';
import { HttpError, badRequest, intParam, readJson, refused } from './errors';
import type { AppEnv } from './session';

export const MAX_OPS = 100;
export const DEFAULT_PULL = 200;
export const MAX_PULL = PULL_MAX_CHANGES;

/** 426 Upgrade Required: the app shows 「請更新 App」 with its update button. */
function outdated(sent: unknown): HttpError {
  return refused(426, [
    recordError(
      'protocol',
      'outdated app',
      `this app speaks sync protocol ${JSON.stringify(sent ?? 1)}; the server needs ${MIN_PROTOCOL_VERSION}–${PROTOCOL_VERSION}: update the app`,
      '請更新 App：此版本的同步格式已過時，更新後即可繼續同步（已存的測試不會遺失）',
    ),
  ]);
}

function checkProtocol(sent: unknown): void {
  if (typeof sent !== 'number' || !Number.isInteger(sent) || sent < MIN_PROTOCOL_VERSION) throw outdated(sent);
  if (sent > PROTOCOL_VERSION) throw badRequest(`protocol: ${sent} is newer than this server's ${PROTOCOL_VERSION}`);
}

/** `sheets=bsmi-fubiao3@1,other@2`: the sheet versions the app can render. */
function sheetsParam(raw: string | undefined): Set<string> {
  if (raw === undefined || raw === '') throw refused(400, [recordError('sheets', 'required', 'required: the sheet versions this app can render, e.g. bsmi-fubiao3@1', '必填：此 App 能顯示的量表版本')]);
  const keys = raw.split(',');
  if (keys.length > MAX.sheets) throw badRequest(`sheets: at most ${MAX.sheets}`);
  const out = new Set<string>();
  for (const key of keys) {
    const ref = parseSheetKey(key);
    if (!ref) throw refused(400, [recordError('sheets', 'format', `${JSON.stringify(key.slice(0, 80))} is not a sheet version like bsmi-fubiao3@1`, `「${key.slice(0, 80)}」不是量表版本（例如 bsmi-fubiao3@1）`)]);
    out.add(sheetKey(ref));
  }
  return out;
}

export function syncRoutes(store: ServerStore) {
  const app = new Hono<AppEnv>();

  app.post(
    '/sync/push',
    bodyLimit({
      maxSize: PUSH_MAX_BYTES,
      onError: (c) => c.json({ error: `body: larger than the ${PUSH_MAX_BYTES} byte push limit; send fewer tests per push`, field: 'body', rule: 'max size', message: { en: `larger than the ${PUSH_MAX_BYTES} byte push limit`, zh: `超過單次上傳上限 ${PUSH_MAX_BYTES} 位元組` } }, 413),
    }),
    async (c) => {
      const actor = requireRole(c, 'tester', 'admin');
      if (actor instanceof Response) return actor;
      const body = await readJson(c);
      // The protocol first: an old app's body need not match today's envelope to be told to update.
      checkProtocol(body.protocol);
      const parsed = v.safeParse(PushEnvelopeSchema, body, { abortPipeEarly: true });
      if (!parsed.success) throw refused(400, parsed.issues.map(fromIssue));
      const { clientId, ops } = parsed.output;
      const results = await store.push(actor, clientId, ops as PushOp[]);
      if (results.length > 0) {
        const count = (s: string) => results.filter((r) => r.status === s).length;
        await store.audit({
          actor: c.get('actor')!.username,
          action: 'push',
          target: clientId,
          detail: `applied ${count('applied')}, duplicate ${count('duplicate')}, conflict ${count('conflict')}, rejected ${count('rejected')}`,
        });
      }
      return c.json({ protocol: PROTOCOL_VERSION, results });
    },
  );

  app.get('/sync/pull', async (c) => {
    const actor = requireRole(c);
    if (actor instanceof Response) return actor;
    const protocol = c.req.query('protocol');
    checkProtocol(protocol === undefined ? undefined : /^\d{1,4}$/.test(protocol) ? Number(protocol) : protocol);
    const sheets = sheetsParam(c.req.query('sheets'));
    // seq is a 32-bit integer column on both engines.
    const since = intParam(c, 'since', 0, 0, 2_147_483_647);
    const limit = intParam(c, 'limit', DEFAULT_PULL, 1, MAX_PULL);
    const clientId = c.req.query('clientId');
    if (clientId !== undefined && (clientId.length === 0 || clientId.length > MAX.clientId)) throw badRequest(`clientId: 1–${MAX.clientId} characters when given`);
    const page = await store.pull(actor, since, limit, { ...(clientId ? { exceptClientId: clientId } : {}), sheets });
    return c.json({ protocol: PROTOCOL_VERSION, ...page });
  });

  return app;
}
