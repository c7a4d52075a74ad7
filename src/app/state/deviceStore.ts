// The device's storage as app state: the open database, the list of tests on it, and anything the
// tester must be told about storage (full disk, lost connection, another tab upgraded the app).
import { create } from 'zustand';
import type { Device, DeviceEvent, DeviceTest, PersistenceState } from '../../device';
import type { Text } from '../../scoresheet';

export interface StorageProblem extends Text {
  kind: string;
}

interface DeviceState {
  device: Device | null;
  status: 'opening' | 'ready' | 'failed';
  tests: DeviceTest[];
  /** A storage failure, in both languages; nothing saved before it is lost. */
  problem: StorageProblem | null;
  /** Another tab upgraded the database: this tab must reload (after its last write). */
  reloadNeeded: boolean;
  persistence: PersistenceState | 'unknown';
  init(open: () => Promise<Device>): Promise<void>;
  refresh(): Promise<void>;
  /** Reload only these tests (a tap changes one test: the rest of the list is not read again). */
  refreshSome(ids: string[]): Promise<void>;
  report(e: unknown): void;
  clearProblem(): void;
  requestPersistence(): Promise<void>;
  /** For tests: forget the device (after closing it). */
  reset(): void;
}

/** Any thrown value as a message the tester can read; DeviceStorageError carries both languages. */
export function problemOf(e: unknown): StorageProblem {
  const err = e as { kind?: string; message?: string; zh?: string };
  const message = err?.message ?? String(e);
  return { kind: err?.kind ?? 'error', en: message, zh: err?.zh ?? message };
}

let unsubscribe: (() => void)[] = [];

/** The list's order (as Device.listTests): by instant, not by the stored string (Z vs +08:00). */
function newestFirst(a: DeviceTest, b: DeviceTest): number {
  return Date.parse(b.testedAt) - Date.parse(a.testedAt) || b.createdAt.localeCompare(a.createdAt);
}

export const useDeviceStore = create<DeviceState>((set, get) => ({
  device: null,
  status: 'opening',
  tests: [],
  problem: null,
  reloadNeeded: false,
  persistence: 'unknown',
  async init(open) {
    if (get().device) return;
    try {
      const device = await open();
      // Versions cached from the server join the registry before any test is started or shown.
      // (Loaded with the storage code, not with the first screen: it brings the whole sheet engine.)
      await import('../../device/sheetCache').then((m) => m.loadCachedSheets(device)).catch(() => undefined);
      unsubscribe.push(
        device.subscribeTests((ids) => void (ids ? get().refreshSome(ids) : get().refresh())),
        device.onEvent((e: DeviceEvent) => {
          if (e.type === 'versionchange') set({ reloadNeeded: true });
          set({ problem: { kind: e.type, en: e.message, zh: e.zh } });
        }),
      );
      set({ device, status: 'ready' });
      await get().refresh();
      const persistence = await device.persistenceState().catch(() => 'unsupported' as const);
      set({ persistence });
    } catch (e) {
      set({ status: 'failed', problem: problemOf(e) });
    }
  },
  async refresh() {
    const device = get().device;
    if (!device) return;
    try {
      set({ tests: await device.listTests() });
    } catch (e) {
      get().report(e);
    }
  },
  async refreshSome(ids) {
    const device = get().device;
    if (!device || ids.length === 0) return;
    try {
      const fresh = await device.getTests(ids);
      const tests = [...get().tests];
      let resort = false;
      ids.forEach((id, i) => {
        const at = tests.findIndex((t) => t.id === id);
        const test = fresh[i];
        if (!test) {
          if (at >= 0) tests.splice(at, 1);
        } else if (at >= 0) {
          resort ||= tests[at].testedAt !== test.testedAt;
          tests[at] = test;
        } else {
          tests.push(test);
          resort = true;
        }
      });
      if (resort) tests.sort(newestFirst);
      set({ tests });
    } catch (e) {
      get().report(e);
    }
  },
  report(e) {
    const problem = problemOf(e);
    set({ problem, reloadNeeded: get().reloadNeeded || problem.kind === 'versionchange' });
  },
  clearProblem: () => set({ problem: null }),
  async requestPersistence() {
    const device = get().device;
    if (!device) return;
    set({ persistence: await device.requestPersistence().catch(() => 'unsupported' as const) });
  },
  reset() {
    for (const u of unsubscribe) u();
    unsubscribe = [];
    set({ device: null, status: 'opening', tests: [], problem: null, reloadNeeded: false, persistence: 'unknown' });
  },
}));
