// The device's view of a test: the shared CourtesyTest record plus where it stands with the server.
// Kept apart from the Dexie code so the app can import the shapes without pulling storage in.
import type { CourtesyTest } from '../record/courtesyTest';
import type { RecordError } from '../record/errors';
import type { ServerRecord } from '../sync/protocol';

/**
 * Where a test stands with the server, shown next to it in the list:
 * - `local`: the server has never confirmed any version (only on this device);
 * - `pending`: the server confirmed an earlier version (`rev`), a newer change waits to be sent;
 * - `confirmed`: the server holds exactly this version, at revision `rev`;
 * - `conflict`: someone else changed it on the server; `server` holds their copy, nothing was overwritten;
 * - `rejected`: the server refused the last change; `error` says why (the local copy is kept).
 */
export interface SyncInfo {
  state: 'local' | 'pending' | 'confirmed' | 'conflict' | 'rejected';
  /** The latest revision the server confirmed for this test (even while newer local changes wait). */
  rev?: number;
  /** Why the server refused or conflicted, in one English line (for logs and old screens). */
  error?: string;
  /** The same as data: field, rule, and the message in both languages. */
  errors?: RecordError[];
  /** When the server last refused it (a rejected test is sent again a while later, by itself). */
  rejectedAt?: string;
  server?: ServerRecord;
  /** On a conflict: the server's revision, which "keep mine" sends as its baseRev. */
  serverRev?: number;
  /** On a conflict with a deletion on the server: the tombstone's revision (`server` is then absent). */
  serverDeletedRev?: number;
  syncedAt?: string;
}

export interface DeviceTest extends CourtesyTest {
  sync: SyncInfo;
}

export type NewTestInput = Pick<
  CourtesyTest,
  'unitId' | 'unitName' | 'switchboardNumber' | 'answererSurname' | 'extension' | 'testerName'
> & { testedAt?: string; testerId?: string };

export type PersistenceState = 'granted' | 'denied' | 'unsupported';

export interface DeviceEvent {
  type: 'versionchange' | 'closed' | 'quota';
  message: string;
  zh: string;
}

export interface BackupImportResult {
  added: number;
  updated: number;
  /** Completed tests replaced as a correction: the replaced version is kept in their history. */
  corrected: number;
  unchanged: number;
  /** Why entries were refused, each naming its field as `tests[3].testedAt` and the rule. */
  errors: RecordError[];
}

import type { AnswerValue } from '../scoresheet';
import type { SwitchboardAttempt } from '../record/courtesyTest';
import type { SyncLocalStore } from '../sync/protocol';
/** The live tools of one timing item of one test. Times are epoch milliseconds (absolute, so elapsed time survives a reload). */
export interface LiveRecord {
  testId: string;
  itemId: string;
  /** The stopwatch was started (dialled). */
  startedAt?: number;
  /** Tapped 「已接聽」: the stopwatch stopped here. */
  answeredAt?: number;
  /** Taps on the counter (rings). */
  count: number;
  lastRingAt?: number;
}

/** What the tester did with a live tool, at epoch ms `at`. */
export type LiveEvent = { type: 'start'; at: number } | { type: 'ring'; at: number } | { type: 'answered'; at: number } | { type: 'reset' };

/** The device's storage as the app sees it: every method saves at once (one IndexedDB transaction). */
export interface Device {
  /** The database name (tests open a second Device on the same name to prove autosave). */
  readonly name: string;
  createTest(input: NewTestInput): Promise<DeviceTest>;
  /** `undefined` clears the answer. */
  setAnswer(testId: string, itemId: string, value: AnswerValue | undefined): Promise<DeviceTest>;
  /**
   * Several answers in ONE transaction (a tap that also clears what it rules out): all saved or
   * none. `undefined` clears; applied in the order given.
   */
  setAnswers(testId: string, changes: Array<[itemId: string, value: AnswerValue | undefined]>): Promise<DeviceTest>;
  updateDetails(testId: string, patch: Partial<NewTestInput>): Promise<DeviceTest>;
  addAttempt(testId: string, attempt: SwitchboardAttempt): Promise<DeviceTest>;
  /** 「連打 2 次無人接聽」 without the logged tries the sheet asks for: allowed with a reason, kept in the record. */
  overrideRetest(testId: string, reason: string): Promise<DeviceTest>;
  /** The unit list's ids (at sign-in): the record contract lets a test name only these. */
  rememberUnits(unitIds: string[]): Promise<void>;
  /** Status `completed`; refused while items are missing or break a rule. Then read-only. */
  completeTest(testId: string): Promise<DeviceTest>;
  /** 「更正」: the completed version goes into `history`, the test is a draft again. */
  reopenTest(testId: string, reason: string): Promise<DeviceTest>;
  /** Drafts only; queues a deletion for the server when the server may have the test. */
  discardTest(testId: string): Promise<void>;
  resolveConflict(testId: string, keep: 'mine' | 'server'): Promise<DeviceTest>;
  getTest(id: string): Promise<DeviceTest | undefined>;
  /** Newest first (by testedAt). */
  listTests(): Promise<DeviceTest[]>;
  /** Fires after any change, from this tab or another one. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Fires after a change to tests, here or in another tab, with the ids changed (null: unknown,
   * reload all). Writes that touch only the outbox or the live tools do not fire it.
   */
  subscribeTests(listener: (ids: string[] | null) => void): () => void;
  /** Several tests by id (undefined where absent or deleted), in one read. */
  getTests(ids: string[]): Promise<Array<DeviceTest | undefined>>;
  exportBackup(): Promise<string>;
  importBackup(json: string): Promise<BackupImportResult>;
  requestPersistence(): Promise<PersistenceState>;
  persistenceState(): Promise<PersistenceState>;
  onEvent(listener: (e: DeviceEvent) => void): () => void;
  syncStore: DeviceSyncStore;
  /**
   * A live-call tool event, saved at once; `changes` (answers it fills, e.g. rings and seconds on
   * 「已接聽」) are saved in the SAME transaction, so a kill never keeps one without the other.
   */
  recordLive(testId: string, itemId: string, event: LiveEvent, changes?: Array<[itemId: string, value: AnswerValue | undefined]>): Promise<{ live: LiveRecord | undefined; test?: DeviceTest }>;
  /** The live tools of a test, per timing item. */
  liveOf(testId: string): Promise<LiveRecord[]>;
  /** Shared-phone sign-out: drop tests the server holds exactly (with their personal data); unsent ones stay. */
  forgetServerCopies(): Promise<{ removed: number; kept: number }>;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta<T>(key: string, value: T): Promise<void>;
  close(): void;
}

export interface SetAsidePull {
  id: string;
  at: string;
  errors: RecordError[];
}

export type DeviceSyncStore = SyncLocalStore & {
  pendingCount(): Promise<number>;
  /**
   * What the server lets one account see differs from another's, so the pull cursor belongs to the
   * account that advanced it: when someone else signs in on this device, pull again from the start.
   * Returns whether another account had synced here before.
   */
  claimCursorFor(userId: string): Promise<boolean>;
  setAsidePulls(): Promise<SetAsidePull[]>;
  /** Made once per device database and kept: the server's audit names the device by it. */
  clientId(): Promise<string>;
  lastSyncedAt(): Promise<string | undefined>;
  /**
   * A shared phone: only the signed-in account's tests (and tests made without an account) are
   * sent. Another tester's unsent tests stay queued for them, never sent under someone else's name.
   */
  setOwner(userId: string | undefined): void;
  /**
   * Queue again the tests the server refused at least `olderThanMs` ago: the cause may be gone
   * (the quarter reopened, the unit added). The server answers again; nothing is lost either way.
   */
  requeueRejected(olderThanMs: number): Promise<number>;
};
