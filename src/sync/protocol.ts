// The sync protocol, shared by the server and the device. A contract others rely on: change it
// only with a new `PROTOCOL_VERSION` and a migration note in docs/.
import type { ScoreResult } from '../scoresheet';
import type { CourtesyTest } from '../record/courtesyTest';

export const PROTOCOL_VERSION = 1;

/** What a device sends for one test: the record as the device keeps it, plus the revision it saw. */
export type PushRecord = Omit<CourtesyTest, 'rev'> & {
  /** The server revision the device last saw; 0 for a test the server has never confirmed. */
  baseRev: number;
};

export interface PushOp {
  /** Made once per local change and reused on every retry, so a replay is recognised. */
  opId: string;
  record: PushRecord;
}

export interface PushRequest {
  clientId: string;
  ops: PushOp[];
}

export type PushStatus = 'applied' | 'duplicate' | 'conflict' | 'rejected';

export interface PushResult {
  opId: string;
  status: PushStatus;
  rev?: number;
  seq?: number;
  /** On conflict: the server's copy, for the tester to resolve side by side. */
  record?: ServerRecord;
  /** On rejected: why, naming the field and the rule. */
  error?: string;
}

export interface PushResponse {
  results: PushResult[];
}

/** A test as the server holds it: the record, its revision, its place in the change feed, and the server's score. */
export interface ServerRecord extends Omit<CourtesyTest, 'rev'> {
  rev: number;
  seq: number;
  /** Always recomputed by the server from `answers`; a client's score is never trusted. */
  score: ScoreResult | null;
  /** The quarter key ("115-Q4") its testedAt falls in, Asia/Taipei. */
  quarter: string;
}

export interface Tombstone {
  id: string;
  deleted: true;
  rev: number;
  seq: number;
}

export type Change = ServerRecord | Tombstone;

export interface PullResponse {
  changes: Change[];
  /** Pass as `since` next time. */
  cursor: number;
  more: boolean;
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
  /** Merge pulled changes; a test with an unsent local change is never overwritten in silence. */
  applyPulled(changes: Change[], cursor: number): Promise<void>;
}
