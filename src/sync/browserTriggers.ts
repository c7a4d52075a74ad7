// When to sync in the browser: on start, when the network comes back, when the app becomes
// visible, shortly after a local change, every minute while visible, and on "Sync now".
import type { SyncEngine, SyncState } from './client';

export interface AutoSyncOptions {
  /** Local changes (device.subscribe): each one (re)starts the debounce timer. */
  onLocalChange?: (listener: () => void) => () => void;
  debounceMs?: number;
  intervalMs?: number;
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  document?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export interface AutoSync {
  /** For the "Sync now" button: waits for another tab's sync, then syncs (also after a 401). */
  syncNow(): Promise<SyncState>;
  stop(): void;
}

export function startAutoSync(engine: SyncEngine, options: AutoSyncOptions = {}): AutoSync {
  const win = options.window ?? (typeof window !== 'undefined' ? window : undefined);
  const doc = options.document ?? (typeof document !== 'undefined' ? document : undefined);
  const setTimer = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const clearTimer = options.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
  const setEvery = options.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
  const clearEvery = options.clearInterval ?? ((h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>));
  const visible = () => !doc || doc.visibilityState === 'visible';

  // Automatic runs skip while signed out (only a sign-in or "Sync now" can help) and never wait
  // for another tab's lock (that tab is already syncing the shared outbox).
  const auto = () => {
    if (engine.getState().phase === 'signedOut') return;
    void engine.syncNow({ wait: false });
  };

  let debounce: unknown;
  const onChange = () => {
    if (debounce !== undefined) clearTimer(debounce);
    debounce = setTimer(() => {
      debounce = undefined;
      auto();
    }, options.debounceMs ?? 2_000);
  };
  const onOnline = () => auto();
  const onVisibility = () => {
    if (visible()) auto();
  };

  const unsubscribe = options.onLocalChange?.(onChange);
  win?.addEventListener('online', onOnline);
  doc?.addEventListener('visibilitychange', onVisibility);
  const interval = setEvery(() => {
    if (visible()) auto();
  }, options.intervalMs ?? 60_000);
  auto();

  return {
    syncNow: () => engine.syncNow({ wait: true }),
    stop() {
      unsubscribe?.();
      win?.removeEventListener('online', onOnline);
      doc?.removeEventListener('visibilitychange', onVisibility);
      clearEvery(interval);
      if (debounce !== undefined) clearTimer(debounce);
      engine.stop();
    },
  };
}
