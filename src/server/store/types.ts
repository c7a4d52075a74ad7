// The server's storage contract. One implementation (Kysely) serves SQLite and PostgreSQL; routes,
// the admin CLI and the report CLI depend only on this interface.
import type { PushOp, PushResult, Change, ServerRecord } from '../../sync/protocol';

export type Role = 'tester' | 'unitHead' | 'admin';

export interface Unit {
  id: string;
  name: string;
  phone?: string;
  createdAt: string;
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

export interface TestQuery {
  /** ISO instants [start, end) on testedAt. */
  start?: string;
  end?: string;
  unitIds?: string[];
  includeDeleted?: boolean;
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  close(): Promise<void>;

  // units and users
  createUnit(input: { name: string; phone?: string }): Promise<Unit>;
  listUnits(): Promise<Unit[]>;
  createUser(input: { username: string; password: string; role: Role; unitIds?: string[]; displayName?: string }): Promise<User>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;

  // tests
  /** Applies ops in order, exactly once per opId, for the actor; never throws for a bad record. */
  push(actor: Actor, clientId: string, ops: PushOp[]): Promise<PushResult[]>;
  /**
   * `exceptClientId`: leave out changes that this device itself wrote (their revisions already came
   * back in its push results); the cursor still moves past them.
   */
  pull(actor: Actor, since: number, limit: number, options?: { exceptClientId?: string }): Promise<{ changes: Change[]; cursor: number; more: boolean }>;
  /** Scored, non-deleted tests (admin view: full records) for reports. */
  listTests(query: TestQuery): Promise<ServerRecord[]>;
  purgePersonalData(before: string): Promise<number>;

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
}
