// The one call the app makes to sync this device: a stable client id (kept in the device's meta
// table), the engine over the device's outbox, and the browser triggers.
import type { Device } from '../device';
import { startAutoSync, type AutoSync, type AutoSyncOptions } from './browserTriggers';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './client';


export interface DeviceSync {
  clientId: string;
  engine: SyncEngine;
  autoSync: AutoSync;
}

/** Made once per device database and kept: the server's audit names the device by it. */
export function deviceClientId(device: Device): Promise<string> {
  return device.syncStore.clientId();
}

/** The pull cursor belongs to the account that advanced it (the device keeps that rule). */
export function claimCursorFor(device: Device, userId: string): Promise<boolean> {
  return device.syncStore.claimCursorFor(userId);
}

/** A refused test is sent again this long after its refusal (each sync round checks), so it heals by itself. */
export const RESEND_REJECTED_AFTER_MS = 60_000;

export async function startDeviceSync(
  device: Device,
  options: Omit<SyncEngineOptions, 'store' | 'clientId'> & {
    triggers?: Omit<AutoSyncOptions, 'onLocalChange'>;
    /** The signed-in account: only its tests (and those made without an account) are sent. */
    userId?: string;
    resendRejectedAfterMs?: number;
  } = {},
): Promise<DeviceSync> {
  const { triggers, userId, resendRejectedAfterMs = RESEND_REJECTED_AFTER_MS, beforeRun, ...engineOptions } = options;
  if (userId) await claimCursorFor(device, userId);
  device.syncStore.setOwner(userId);
  const clientId = await deviceClientId(device);
  const lastSyncedAt = await device.syncStore.lastSyncedAt();
  const engine = createSyncEngine({
    ...(lastSyncedAt ? { lastSyncedAt } : {}),
    ...engineOptions,
    store: device.syncStore,
    clientId,
    async beforeRun() {
      await beforeRun?.();
      // Refused tests go again by themselves once a while has passed: the quarter may be reopened.
      await device.syncStore.requeueRejected(resendRejectedAfterMs);
    },
  });
  const autoSync = startAutoSync(engine, { ...triggers, onLocalChange: (listener) => device.subscribe(listener) });
  return { clientId, engine, autoSync };
}
