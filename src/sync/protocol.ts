// The sync protocol, shared by the server and the device. Its messages are the record contract's
// schemas (src/record/schema.ts); this file adds the version and what each side implements. A
// contract others rely on: change it only with a new PROTOCOL_VERSION and a note in docs/.
import type { Change, PushOp, PushResult, SheetRef, Tombstone } from '../record/schema';

export type {
  Change,
  PullResponse,
  PushOp,
  PushRecord,
  PushRequest,
  PushResponse,
  PushResult,
  PushStatus,
  ServerRecord,
  Tombstone,
} from '../record/schema';

/**
 * 2: every push and pull names its protocol and the sheet versions the app can render; records are
 * strict (record contract); rejections carry `errors` as data. An app that speaks an older version
 * (1 sent none) is answered 426 「請更新 App」, never a sync-failure loop.
 */
export const PROTOCOL_VERSION = 2;
export const MIN_PROTOCOL_VERSION = 2;

/** "bsmi-fubiao3@1": how a sheet version is named in a query string. */
export function sheetKey(ref: SheetRef): string {
  return `${ref.id}@${ref.version}`;
}

export function parseSheetKey(key: string): SheetRef | undefined {
  const m = /^([a-z0-9][a-z0-9-]{0,63})@(\d{1,5})$/.exec(key);
  return m ? { id: m[1], version: Number(m[2]) } : undefined;
}

export function isTombstone(change: Change): change is Tombstone {
  return (change as Tombstone).deleted === true && !('answers' in change);
}

/** What the sync engine needs from the device's storage (implemented over Dexie in src/device). */
export interface SyncLocalStore {
  /** Queued ops, oldest first; each op's opId is stable across retries. */
  pendingOps(limit: number): Promise<PushOp[]>;
  /** Record the server's verdict per op: confirmed (rev), conflict (server copy), or rejected (reason). */
  applyPushResults(results: PushResult[]): Promise<void>;
  getCursor(): Promise<number>;
  /** Merge pulled changes; a test with an unsent local change is never overwritten in silence. A
   *  change this device cannot store is set aside (and reported), never aborting the page. */
  applyPulled(changes: unknown[], cursor: number): Promise<{ setAside: number }>;
}
