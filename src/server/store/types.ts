// The server's storage contract. One implementation (Kysely) serves SQLite and PostgreSQL; routes,
// the admin CLI and the report CLI depend only on this interface.
import type { PushOp, PushResult, Change, ServerRecord } from '../../sync/protocol';
import type { RecordError } from '../../record/errors';

/** What a check of stored records found and did with one test (`admin check-records`). */
export interface RecordProblem {
  testId: string;
  foundAt: string;
  action: 'repaired' | 'set aside';
  errors: RecordError[];
  detail: string;
  /** Still set aside now (a later push that passes the contract releases it). */
  setAside: boolean;
  quarter?: string;
  unitId?: string;
}


export type Role = 'tester' | 'unitHead' | 'admin';

export interface Unit {
  id: string;
  name: string;
  phone?: string;
  createdAt: string;
  /** The unit's own start date (YYYY-MM-DD, Taipei time): plan periods wholly before it are 免測. Unset: held to every period. */
  startsOn?: string;
}

export interface User {
  id: string;
  username: string;
  displayName?: string;
  role: Role;
  /** Unit heads: the units they head; testers: optional home unit(s). */
  unitIds: string[];
  createdAt: string;
  disabled?: boolean;
  /** After an admin reset: only changing the password is allowed until it is done. */
  mustChangePassword?: boolean;
}

export interface QuarterState {
  key: string;
  closed: boolean;
  closedAt?: string;
  closedBy?: string;
  /** Draft (not completed) tests the server holds in the quarter, when there are any. */
  drafts?: number;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target?: string;
  detail?: string;
}

export interface Acknowledgement {
  testId: string;
  userId: string;
  comment?: string;
  correctiveAction?: string;
  at: string;
}

/** Who is asking: decides what a read returns and what a write may touch. */
export interface Actor {
  userId: string;
  role: Role;
  unitIds: string[];
}

export interface PullOptions {
  exceptClientId?: string;
  /** The sheet versions the device can render ("bsmi-fubiao3@1"); tests on others are withheld. */
  sheets?: ReadonlySet<string>;
  /** A page stops at about this many bytes of JSON, as well as at `limit` changes. */
  maxBytes?: number;
}

export interface PullPage {
  changes: Change[];
  cursor: number;
  more: boolean;
  /** Tests on this page left out because the device cannot render their sheet. */
  withheld: number;
}

export interface TestQuery {
  /** ISO instants [start, end) on testedAt. */
  start?: string;
  end?: string;
  unitIds?: string[];
  includeDeleted?: boolean;
  /**
   * A reproducible cut (ISO instant): each test in the version the server had received by then, and
   * only tests it had received by then. Omit for the current versions.
   */
  asOf?: string;
}

/** A unit head's improvement report on a result under the follow-up threshold (考核結果處理情形). */
export interface ImprovementReport {
  testId: string;
  unitId: string;
  cause: string;
  measures: string;
  /** YYYY-MM-DD (Taipei): when the measures will be in place. */
  dueOn: string;
  submittedBy: string;
  submittedAt: string;
  closedAt?: string;
  closedBy?: string;
  closingNote?: string;
}

/** A sheet version an admin uploaded; published once it has an effective date. */
export interface StoredSheetVersion {
  sheetId: string;
  version: number;
  document: unknown;
  uploadedAt: string;
  uploadedBy: string;
  effectiveFrom?: string;
  publishedAt?: string;
  publishedBy?: string;
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  close(): Promise<void>;

  // units and users
  createUnit(input: { name: string; phone?: string; startsOn?: string }): Promise<Unit>;
  listUnits(): Promise<Unit[]>;
  /** Set (or clear, with null) a unit's own start date, YYYY-MM-DD. */
  setUnitStart(id: string, startsOn: string | null): Promise<Unit>;
  createUser(input: { username: string; password: string; role: Role; unitIds?: string[]; displayName?: string }): Promise<User>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;

  // tests
  /** Applies ops in order, exactly once per opId, for the actor; never throws for a bad record. */
  push(actor: Actor, clientId: string, ops: PushOp[], now?: Date): Promise<PushResult[]>;
  /**
   * `exceptClientId`: leave out changes that this device itself wrote (their revisions already came
   * back in its push results); the cursor still moves past them.
   */
  pull(actor: Actor, since: number, limit: number, options?: PullOptions): Promise<PullPage>;
  /** Scored, non-deleted tests (admin view: full records) for reports. */
  listTests(query: TestQuery): Promise<ServerRecord[]>;
  purgePersonalData(before: string): Promise<number>;
  /** Check every stored record against the record contract now: repair or set aside (record_problems). */
  checkRecords(options?: { now?: Date }): Promise<{ checked: number; repaired: number; setAside: number }>;
  /** What the checks of stored records found and did. */
  listRecordProblems(): Promise<RecordProblem[]>;

  // quarters
  listQuarters(): Promise<QuarterState[]>;
  setQuarterClosed(key: string, closed: boolean, actor: string): Promise<QuarterState>;

  // audit
  audit(entry: Omit<AuditEntry, 'at'>): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;

  // settings (grade bands, test plan …) as JSON values
  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting<T>(key: string, value: T): Promise<void>;

  // unit heads' acknowledgements of results
  acknowledge(ack: Acknowledgement): Promise<void>;
  listAcknowledgements(testIds?: string[]): Promise<Acknowledgement[]>;

  // improvement reports (follow-up of results under the threshold)
  /** Save (or revise, while open) the report on a test; refused once the secretariat closed it. */
  submitImprovement(report: Omit<ImprovementReport, 'closedAt' | 'closedBy' | 'closingNote'>): Promise<ImprovementReport>;
  closeImprovement(testId: string, closedBy: string, note: string | undefined, at: string): Promise<ImprovementReport>;
  listImprovements(testIds?: string[]): Promise<ImprovementReport[]>;
  // sheet versions (issue 11): upload once, publish once with an effective date; never changed
  /** Same id@version and same document again: returns the stored one; other content: InputError 409. */
  saveSheetVersion(input: { sheetId: string; version: number; document: unknown; by: string }): Promise<StoredSheetVersion>;
  publishSheetVersion(input: { sheetId: string; version: number; effectiveFrom: string; by: string }): Promise<StoredSheetVersion>;
  listSheetVersions(): Promise<StoredSheetVersion[]>;
}
