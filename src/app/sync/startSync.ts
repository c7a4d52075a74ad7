// Runs the sync engine while someone is signed in and the device is open: pushes the outbox and
// pulls changes on start, on reconnect, on becoming visible, every minute, after local changes and
// on "Sync now" — with no reload. The account is remembered across offline starts (session.ts), so
// the engine starts at once; before each run it checks the session with the server (which also
// fetches the CSRF token). Signed out or expired, the tests simply stay queued on the device.
import { getCsrfToken } from '../api';
import { ensureSession, useSession, watchSession } from '../session';
import { useDeviceStore } from '../state/deviceStore';
import { useSyncStore } from './syncStore';

let running: { userId: string; stop(): void } | null = null;
let starting = false;

function stopRunning(): void {
  running?.stop();
  running = null;
  useSyncStore.getState().setRunner(null);
}

async function reconcile(): Promise<void> {
  const device = useDeviceStore.getState().device;
  const user = useSession.getState().user;
  // Someone else signed in on this phone: the engine of the previous account must not send for them.
  if (running && (!user || !device || running.userId !== user.id)) stopRunning();
  if (!user || !device || running || starting) return;
  starting = true;
  // Keep the unit list on the device from the moment of signing in: the tester may go offline next.
  void import('../details/units').then((units) => units.refreshUnitList());
  // …and the published sheet versions, so a test started offline gets the version in force.
  void import('./sheets').then((sheets) => sheets.refreshServedSheets(device));
  try {
    const [{ startDeviceSync }, { SyncFailure }] = await Promise.all([import('../../sync/deviceSync'), import('../../sync/http')]);
    const sync = await startDeviceSync(device, {
      userId: user.id,
      getCsrfToken,
      onState: (state) => {
        useSyncStore.setState({ engine: state });
        // The server ended the session (401): ask for a sign-in; the outbox stays as it is.
        if (state.phase === 'signedOut') void useSession.getState().refresh();
      },
      async beforeRun() {
        const session = await ensureSession();
        if (session === 'offline') throw new SyncFailure('offline', 'server unreachable (session check)');
        if (session === 'signedOut') throw new SyncFailure('signedOut', 'the session ended: sign in again', 401);
      },
    });
    const unsubscribe = sync.engine.subscribe((state) => useSyncStore.setState({ engine: state }));
    running = {
      userId: user.id,
      stop() {
        unsubscribe();
        sync.autoSync.stop();
        sync.engine.stop();
      },
    };
    useSyncStore.getState().setRunner(() => sync.autoSync.syncNow());
    useSyncStore.setState({ engine: sync.engine.getState() });
  } catch (e) {
    useSyncStore.setState({ lastError: (e as Error).message });
  } finally {
    starting = false;
  }
  // The account may have changed while the engine was starting.
  if (running && useSession.getState().user?.id !== running.userId) void reconcile();
}

export function startSync(): void {
  watchSession();
  useSession.subscribe((s, prev) => {
    if (s.user?.id !== prev.user?.id) void reconcile();
  });
  useDeviceStore.subscribe((s, prev) => {
    if (s.device !== prev.device) void reconcile();
  });
  void reconcile();
}
