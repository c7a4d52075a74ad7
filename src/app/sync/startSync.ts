// Runs the sync engine while someone is signed in and the device is open: pushes the outbox and
// pulls changes on start, on reconnect, after local changes, and on "Sync now". Signed out, the
// tests simply stay on the device.
import { getCsrfToken } from '../api';
import { useSession } from '../session';
import { useDeviceStore } from '../state/deviceStore';
import { useSyncStore } from './syncStore';

let running: { stop(): void } | null = null;
let starting = false;

async function reconcile(): Promise<void> {
  const device = useDeviceStore.getState().device;
  const user = useSession.getState().user;
  if ((!user || !device) && running) {
    running.stop();
    running = null;
    useSyncStore.getState().setRunner(null);
    return;
  }
  if (!user || !device || running || starting) return;
  starting = true;
  // Keep the unit list on the device from the moment of signing in: the tester may go offline next.
  void import('../details/units').then((units) => units.refreshUnitList());
  // …and the published sheet versions, so a test started offline gets the version in force.
  void import('./sheets').then((sheets) => sheets.refreshServedSheets(device));
  try {
    const { startDeviceSync } = await import('../../sync/deviceSync');
    const sync = await startDeviceSync(device, {
      userId: user.id,
      getCsrfToken,
      onState: (state) => useSyncStore.setState({ engine: state }),
    });
    const unsubscribe = sync.engine.subscribe((state) => useSyncStore.setState({ engine: state }));
    running = {
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
}

export function startSync(): void {
  useSession.subscribe(() => void reconcile());
  useDeviceStore.subscribe((s, prev) => {
    if (s.device !== prev.device) void reconcile();
  });
  void reconcile();
}
