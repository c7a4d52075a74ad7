// Table shapes as Kysely sees them. Both engines store the same columns: ids and timestamps as
// text (ISO 8601, UTC), JSON documents as text, flags as 0/1 integers, so one query layer serves both.
import type { Generated } from 'kysely';

export interface UnitsTable {
  id: string;
  name: string;
  phone: string | null;
  created_at: string;
  /** The unit's own start date (YYYY-MM-DD, Taipei): plan periods wholly before it are 免測. */
  starts_on: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string | null;
  role: string;
  /** JSON array of unit ids. */
  unit_ids: string;
  password_hash: string;
  created_at: string;
  disabled: number;
  /** 1 after an admin reset: the temporary password works only to set a new one. */
  must_change_password: number;
}

export interface SessionsTable {
  /** sha256 of the cookie value, so a copy of the database does not hand out live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  /** The absolute end (created_at + the maximum session length). */
  expires_at: string;
  /** Sliding idle timeout: the session ends when unused for the idle period. */
  last_seen_at: string | null;
}

export interface LoginThrottleTable {
  /** address:<ip>, account:<name> or pair:<name>|<ip>. */
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface PurgedTestsTable {
  test_id: string;
  purged_at: string;
}

export interface ScopeExitsTable {
  seq: number;
  test_id: string;
  unit_id: string | null;
  user_id: string | null;
  rev: number;
}

export interface LoginFailuresTable {
  username: string;
  failures: number;
  locked_until: string | null;
  last_failure_at: string;
}

export interface TestsTable {
  id: string;
  rev: number;
  seq: number;
  unit_id: string;
  tester_id: string;
  /** testedAt normalised to UTC ISO, so range queries compare like with like. */
  tested_at: string;
  quarter: string;
  status: string;
  /** The record as JSON (without rev/seq/score/quarter). */
  record: string;
  /** The server's ScoreResult as JSON; null for a tombstone. */
  score: string | null;
  deleted: number;
  updated_at: string;
  /** 1: the record failed the record contract when stored data was checked (record_problems says
   *  why); it stays here for the admin, out of every pull, list and report. */
  set_aside: number;
}

/** What the check of stored records found and did, one row per test (`admin check-records`). */
export interface RecordProblemsTable {
  test_id: string;
  found_at: string;
  /** 'repaired' (fixed and re-sent as a new revision) or 'set aside' (kept out until fixed). */
  action: string;
  /** JSON array of RecordError. */
  errors: string;
  /** What a repair changed, e.g. "removed unknown keys: answererFullName". Never a value. */
  detail: string;
}

/** Every version of a test the server accepted, with when it arrived (append-only). */
export interface TestRevisionsTable {
  id: string;
  rev: number;
  seq: number;
  received_at: string;
  unit_id: string;
  tester_id: string;
  tested_at: string;
  quarter: string;
  status: string;
  record: string;
  score: string | null;
  deleted: number;
}

/** A unit head's improvement report on a result under the follow-up threshold. */
export interface ImprovementReportsTable {
  test_id: string;
  unit_id: string;
  cause: string;
  measures: string;
  due_on: string;
  submitted_by: string;
  submitted_at: string;
  closed_at: string | null;
  closed_by: string | null;
  closing_note: string | null;
}

export interface OpsTable {
  op_id: string;
  test_id: string;
  actor_id: string;
  client_id: string;
  rev: number;
  seq: number;
  at: string;
}

export interface QuartersTable {
  key: string;
  closed: number;
  closed_at: string | null;
  closed_by: string | null;
  updated_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AcknowledgementsTable {
  test_id: string;
  user_id: string;
  comment: string | null;
  corrective_action: string | null;
  at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface SheetVersionsTable {
  sheet_id: string;
  version: number;
  /** The sheet document as uploaded (JSON text). */
  document: string;
  uploaded_at: string;
  uploaded_by: string;
  effective_from: string | null;
  published_at: string | null;
  published_by: string | null;
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  tests: TestsTable;
  ops: OpsTable;
  quarters: QuartersTable;
  audit: AuditTable;
  settings: SettingsTable;
  acknowledgements: AcknowledgementsTable;
  counters: CountersTable;
  test_revisions: TestRevisionsTable;
  improvement_reports: ImprovementReportsTable;
  login_throttle: LoginThrottleTable;
  purged_tests: PurgedTestsTable;
  scope_exits: ScopeExitsTable;
  scope_enters: ScopeEntersTable;
  sheet_versions: SheetVersionsTable;
  record_problems: RecordProblemsTable;
}

export interface ScopeEntersTable {
  seq: number;
  test_id: string;
  user_id: string;
}

export type Engine = 'sqlite' | 'postgres';
