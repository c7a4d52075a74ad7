// The device storage API the app uses: tests saved on the phone at every tap (Dexie / IndexedDB),
// with an outbox for sync, local backup and clear storage errors.
export type {
  BackupImportResult,
  Device,
  DeviceEvent,
  DeviceTest,
  LiveEvent,
  LiveRecord,
  NewTestInput,
  PersistenceState,
  SyncInfo,
} from './types';
export { DeviceStorageError, type DeviceErrorKind } from './errors';
export { openDevice, type OpenDeviceOptions } from './device';
export { BACKUP_FORMAT } from './backup';
