// The one set of migrations, as code, for both engines. Append new migrations; never edit a shipped one.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Engine } from './db';

function migrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('units')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('phone', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text')
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('unit_ids', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('login_failures')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('locked_until', 'text')
          .addColumn('last_failure_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('tests')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('rev', 'integer', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull().unique())
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('tester_id', 'text', (c) => c.notNull())
          .addColumn('tested_at', 'text', (c) => c.notNull())
          .addColumn('quarter', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .addColumn('score', 'text')
          .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('tests_unit_tested').on('tests').columns(['unit_id', 'tested_at']).execute();
        await db.schema.createIndex('tests_tester_seq').on('tests').columns(['tester_id', 'seq']).execute();
        await db.schema.createIndex('tests_tested_at').on('tests').column('tested_at').execute();
        await db.schema
          .createTable('ops')
          .addColumn('op_id', 'text', (c) => c.primaryKey())
          .addColumn('test_id', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('rev', 'integer', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('quarters')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('closed', 'integer', (c) => c.notNull())
          .addColumn('closed_at', 'text')
          .addColumn('closed_by', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // The only engine difference: how an auto-numbered key is spelled.
        await db.schema
          .createTable('audit')
          .addColumn('id', engine === 'postgres' ? 'serial' : 'integer', (c) =>
            engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text')
          .addColumn('detail', 'text')
          .execute();
        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('acknowledgements')
          .addColumn('test_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('comment', 'text')
          .addColumn('corrective_action', 'text')
          .addColumn('at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('acknowledgements_pk', ['test_id', 'user_id'])
          .execute();
        // The change feed's counter: one row, locked by each write so seq order is commit order.
        await db.schema
          .createTable('counters')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'integer', (c) => c.notNull())
          .execute();
        await sql`insert into counters (name, value) values ('seq', 0)`.execute(db);
      },
      async down(db: Kysely<any>) {
        for (const t of ['counters', 'acknowledgements', 'settings', 'audit', 'quarters', 'ops', 'tests', 'login_failures', 'sessions', 'users', 'units']) {
          await db.schema.dropTable(t).ifExists().execute();
        }
      },
    },
    // The record contract (issue 9): stored records are checked against it once, after this
    // migration (storedRecords.ts); what fails is repaired or set aside, and listed.
    '0009_record_contract': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('tests').addColumn('set_aside', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema
          .createTable('record_problems')
          .addColumn('test_id', 'text', (c) => c.primaryKey())
          .addColumn('found_at', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('errors', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropTable('record_problems').ifExists().execute();
        await db.schema.alterTable('tests').dropColumn('set_aside').execute();
      },
    },
    // Issue 11: sheet versions uploaded and published by an admin (the library's live in the code).
    '0011_sheet_versions': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('sheet_versions')
          .addColumn('sheet_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('uploaded_at', 'text', (c) => c.notNull())
          .addColumn('uploaded_by', 'text', (c) => c.notNull())
          // Null until published; an Asia/Taipei date YYYY-MM-DD from which the version is in force.
          .addColumn('effective_from', 'text')
          .addColumn('published_at', 'text')
          .addColumn('published_by', 'text')
          .addPrimaryKeyConstraint('sheet_versions_pk', ['sheet_id', 'version'])
          .execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropTable('sheet_versions').ifExists().execute();
      },
    },
    // Issue 12: throttling counted per address, per account and per pair, each row locked while counted.
    '0012_login_throttle': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('login_throttle')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('window_start', 'text', (c) => c.notNull())
          .addColumn('locked_until', 'text')
          .execute();
      },
    },
    // Issue 12: sliding sessions and passwords that must be changed after an admin reset.
    '0012_account_lifecycle': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
        await sql`update sessions set last_seen_at = created_at`.execute(db);
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      },
    },
    // Issue 12: purged tests are remembered, so a late push cannot bring the personal data back.
    '0012_purged_tests': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('purged_tests')
          .addColumn('test_id', 'text', (c) => c.primaryKey())
          .addColumn('purged_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    // Issue 12: a test leaving a reader's scope (moved unit, the head's units changed) is a feed entry too,
    // so the reader's device gets a tombstone. unit_id: everyone heading that unit; user_id: one reader.
    '0012_scope_exits': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('scope_exits')
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('test_id', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'text')
          .addColumn('user_id', 'text')
          .addColumn('rev', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('scope_exits_seq').on('scope_exits').column('seq').execute();
        // And the reverse: a unit head given a unit gets its tests again, though their cursor is past them.
        await db.schema
          .createTable('scope_enters')
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('test_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('scope_enters_user_seq').on('scope_enters').columns(['user_id', 'seq']).execute();
      },
    },
    // Issue 13: a report "as of" a date reproduces what the server held then, so every version of a
    // test is kept with the moment the server received it (append-only; the purge of personal data is
    // the one exception, by law). Units get their own start date for the plan (免測 before it), and
    // a result under the follow-up threshold gets its improvement report (考核結果處理情形).
    '0013_report_history': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('units').addColumn('starts_on', 'text').execute();
        await db.schema
          .createTable('test_revisions')
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('rev', 'integer', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('tester_id', 'text', (c) => c.notNull())
          .addColumn('tested_at', 'text', (c) => c.notNull())
          .addColumn('quarter', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .addColumn('score', 'text')
          .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
          .addPrimaryKeyConstraint('test_revisions_pk', ['id', 'rev'])
          .execute();
        await db.schema.createIndex('test_revisions_received').on('test_revisions').columns(['received_at']).execute();
        await db.schema.createIndex('test_revisions_tested').on('test_revisions').columns(['tested_at']).execute();
        // Tests stored before this migration: only their current version is known, received when it was last written.
        await sql`insert into test_revisions (id, rev, seq, received_at, unit_id, tester_id, tested_at, quarter, status, record, score, deleted)
                  select id, rev, seq, updated_at, unit_id, tester_id, tested_at, quarter, status, record, score, deleted from tests`.execute(db);
        await db.schema
          .createTable('improvement_reports')
          .addColumn('test_id', 'text', (c) => c.primaryKey())
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('cause', 'text', (c) => c.notNull())
          .addColumn('measures', 'text', (c) => c.notNull())
          .addColumn('due_on', 'text', (c) => c.notNull())
          .addColumn('submitted_by', 'text', (c) => c.notNull())
          .addColumn('submitted_at', 'text', (c) => c.notNull())
          .addColumn('closed_at', 'text')
          .addColumn('closed_by', 'text')
          .addColumn('closing_note', 'text')
          .execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropTable('improvement_reports').ifExists().execute();
        await db.schema.dropTable('test_revisions').ifExists().execute();
        await db.schema.alterTable('units').dropColumn('starts_on').execute();
      },
    },
  };
}

class CodeProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations() {
    return migrations(this.engine);
  }
}

/** Bring the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, engine: Engine, schema?: string): Promise<void> {
  // With a schema of its own (PostgreSQL), the migrator's bookkeeping tables live there too: without
  // it, Kysely looks for them in every schema and may find another store's (parallel test runs).
  const migrator = new Migrator({ db, provider: new CodeProvider(engine), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}
