// The sync engine: pushes the device's outbox, then pulls the server's changes, and keeps one state
// object the app shows ("同步中", "離線", last synced…). It knows nothing about Dexie or the DOM:
// storage comes in as a SyncLocalStore, the network as `fetch`, time and randomness are injectable.
import { backoffDelay, type BackoffOptions } from './backoff';
import { pullChanges, pushOps, SyncFailure, type SyncHttpOptions } from './http';
import type { SyncLocalStore } from './protocol';
import { browserTabLock, type TabLock } from './tabLock';

/** `outdated`: the server needs a newer app (「請更新 App」); retrying cannot help until it updates. */
export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'signedOut' | 'outdated';

export interface SyncState {
  phase: SyncPhase;
  /** ISO time of the last sync that finished without error. */
  lastSyncedAt?: string;
  /** Ops waiting in the outbox (when the store can count them). */
  pending: number;
  /** What went wrong last (server's message names the field), while phase is offline/error/signedOut. */
  error?: string;
  /** When the next automatic retry runs (ISO), while backing off. */
  nextRetryAt?: string;
  /** The server's words for `error`, in both languages, when it gave them. */
  said?: { zh: string; en: string };
  /** Pulled changes this device could not store, set aside (so far); the rest synced. */
  setAside?: number;
}

export interface SyncEngineOptions {
  store: SyncLocalStore & { pendingCount?(): Promise<number> };
  fetch?: typeof fetch;
  /** Prefix for /api/… ('' = same origin). */
  baseUrl?: string;
  clientId: string;
  getCsrfToken?: () => string | undefined;
  onState?: (state: SyncState) => void;
  /** Shown until the first run finishes (e.g. remembered from the last session). */
  lastSyncedAt?: string;
  /** Ops per push request (halved automatically on 413). */
  batchSize?: number;
  pullLimit?: number;
  backoff?: BackoffOptions;
  requestTimeoutMs?: number;
  /** One tab at a time (default: navigator.locks when available). */
  lock?: TabLock;
  random?: () => number;
  now?: () => Date;
  /** The retry timer (injectable so tests can see and fire the backoff delays). */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /**
   * Runs before every push/pull (e.g. "check the session, fetch its CSRF token" after an offline
   * start). A SyncFailure it throws decides the phase like a failed request would: offline → retry
   * later, signedOut → wait for a sign-in.
   */
  beforeRun?: () => Promise<void>;
}

export interface SyncEngine {
  /**
   * Push then pull now. Concurrent calls share one run. `wait: false` (automatic triggers) skips
   * the run when another tab is syncing; the default waits for it (the "Sync now" button).
   */
  syncNow(opts?: { wait?: boolean }): Promise<SyncState>;
  getState(): SyncState;
  subscribe(listener: (state: SyncState) => void): () => void;
  /** Dispose: cancel the retry timer and schedule no more (a run in flight still finishes). */
  stop(): void;
}

/** A pull that does not advance or a push whose replies match nothing must not loop forever. */
const MAX_ROUNDS = 1000;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const setTimer = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const clearTimer = options.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const lock = options.lock ?? browserTabLock();
  const http: SyncHttpOptions = {
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    baseUrl: (options.baseUrl ?? '').replace(/\/$/, ''),
    getCsrfToken: options.getCsrfToken,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
  };
  const pullLimit = options.pullLimit ?? 200;
  let batchSize = options.batchSize ?? 50;

  let state: SyncState = { phase: 'idle', pending: 0, ...(options.lastSyncedAt ? { lastSyncedAt: options.lastSyncedAt } : {}) };
  const listeners = new Set<(s: SyncState) => void>();
  let failures = 0;
  let retryTimer: unknown;
  let running: Promise<SyncState> | undefined;
  let stopped = false;

  function setState(patch: Partial<SyncState>) {
    state = { ...state, ...patch };
    options.onState?.(state);
    listeners.forEach((l) => l(state));
  }

  async function countPending(): Promise<number> {
    return options.store.pendingCount ? options.store.pendingCount() : state.pending;
  }

  async function push(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const ops = await options.store.pendingOps(batchSize);
      if (ops.length === 0) return;
      let results;
      try {
        results = await pushOps(http, options.clientId, ops);
      } catch (e) {
        // Body too big: send fewer ops per request (the ops stay queued, same opIds).
        if (e instanceof SyncFailure && e.kind === 'tooLarge' && batchSize > 1) {
          batchSize = Math.max(1, Math.floor(batchSize / 2));
          continue;
        }
        throw e;
      }
      const sent = new Set(ops.map((op) => op.opId));
      const answered = results.filter((r) => sent.has(r.opId));
      if (answered.length === 0) throw new SyncFailure('badReply', 'push reply: no result for any op sent');
      await options.store.applyPushResults(answered);
      setState({ pending: await countPending() });
    }
  }

  async function pull(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const since = await options.store.getCursor();
      // Our own writes come back in push results already; the server leaves them out of the feed.
      const page = await pullChanges(http, since, pullLimit, options.clientId);
      const { setAside } = await options.store.applyPulled(page.changes, page.cursor);
      if (setAside) setState({ setAside: (state.setAside ?? 0) + setAside });
      if (!page.more) return;
      if (page.cursor <= since) throw new SyncFailure('badReply', `pull reply: more=true but the cursor did not advance past ${since}`);
    }
  }

  function scheduleRetry() {
    if (stopped) return;
    failures++;
    const delay = backoffDelay(failures, random, options.backoff);
    setState({ nextRetryAt: new Date(now().getTime() + delay).toISOString() });
    retryTimer = setTimer(() => {
      retryTimer = undefined;
      void syncNow({ wait: false });
    }, delay);
  }

  function cancelRetry() {
    if (retryTimer !== undefined) clearTimer(retryTimer);
    retryTimer = undefined;
  }

  async function run(): Promise<SyncState> {
    cancelRetry();
    setState({ phase: 'syncing', error: undefined, said: undefined, nextRetryAt: undefined });
    try {
      await options.beforeRun?.();
      setState({ pending: await countPending() });
      await push();
      await pull();
      failures = 0;
      setState({ phase: 'idle', lastSyncedAt: now().toISOString(), pending: await countPending() });
    } catch (e) {
      const failure = e instanceof SyncFailure ? e : new SyncFailure('server', (e as Error)?.message ?? String(e));
      const pending = await countPending().catch(() => state.pending);
      if (failure.kind === 'signedOut' || failure.kind === 'outdated') {
        // Retrying cannot help until the tester signs in again (or the app updates): no retry storm.
        failures = 0;
        setState({ phase: failure.kind, error: failure.message, said: failure.said, pending });
      } else {
        setState({ phase: failure.kind === 'offline' ? 'offline' : 'error', error: failure.message, said: failure.said, pending });
        scheduleRetry();
      }
    }
    return state;
  }

  function syncNow({ wait = true }: { wait?: boolean } = {}): Promise<SyncState> {
    if (running) return running;
    running = lock(run, { wait })
      .then((outcome) => (outcome.ran ? outcome.value : state))
      .catch((e: unknown) => {
        // Only the lock itself can fail here (run() catches everything): report, never reject.
        setState({ phase: 'error', error: `sync lock: ${(e as Error)?.message ?? String(e)}` });
        return state;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    syncNow,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      cancelRetry();
    },
  };
}
