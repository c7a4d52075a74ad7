// Data already stored, checked against the record contract (docs/record-contract.md). Runs once per
// contract version, after the migrations, and again on `admin check-records --recheck`:
// - keys the contract does not know are removed (their names, never their values, are logged);
// - the tester's name is the account's, whatever a client once wrote;
// - a record that then passes is "repaired": stored as a new revision, so every device pulls it;
// - one that still fails is "set aside": kept for the admin, out of every pull, list and report.
// Nothing is dropped in silence: every repair and every set-aside row is in record_problems.
import type { Kysely } from 'kysely';
import { checkPushRecord, errorsText, type RecordError } from '../../record';
import { stripUnknown } from '../../record/strip';
import type { Database, Engine } from './db';
import type { RecordProblem } from './types';
import { nextSeq } from './tests';
import { nowIso } from './rows';

export const RECORD_CONTRACT_VERSION = 1;
const SETTING = 'recordContractChecked';

type Db = Kysely<Database>;


/** Check every stored record once per contract version (or now, with `force`). */
export async function checkStoredRecords(db: Db, engine: Engine, options: { force?: boolean; now?: Date } = {}): Promise<{ checked: number; repaired: number; setAside: number }> {
  if (!options.force) {
    const done = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
    if (done && JSON.parse(done.value) >= RECORD_CONTRACT_VERSION) return { checked: 0, repaired: 0, setAside: 0 };
  }
  const now = options.now ?? new Date();
  const units = new Set((await db.selectFrom('units').select('id').execute()).map((u) => u.id));
  const users = new Map((await db.selectFrom('users').select(['id', 'username', 'display_name']).execute()).map((u) => [u.id, u.display_name || u.username]));
  const ids = (await db.selectFrom('tests').select('id').orderBy('seq').execute()).map((r) => r.id);
  const tally = { checked: 0, repaired: 0, setAside: 0 };
  for (const id of ids) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('tests').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return;
      tally.checked++;
      let stored: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(row.record);
        stored = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      } catch {
        stored = {};
      }
      const { record, removed } = stripUnknown(stored, { withRev: false });
      const changes = removed.length ? [`removed unknown keys: ${removed.join(', ')}`] : [];
      const accountName = users.get(row.tester_id);
      if (accountName !== undefined && record.testerName !== accountName) {
        record.testerName = accountName;
        changes.push('tester name set from the account');
      }
      if (record.testerId !== row.tester_id) {
        record.testerId = row.tester_id;
        if (stored.testerId !== undefined) changes.push('tester id set from the account');
      }
      const checked = checkPushRecord({ ...record, baseRev: Number(row.rev) }, { now, unitIds: units });
      const problem = (action: RecordProblem['action'], errors: RecordError[]) =>
        trx
          .insertInto('record_problems')
          .values({ test_id: id, found_at: nowIso(now), action, errors: JSON.stringify(errors), detail: changes.join('; ') || errorsText(errors) })
          .onConflict((oc) => oc.column('test_id').doUpdateSet({ found_at: nowIso(now), action, errors: JSON.stringify(errors), detail: changes.join('; ') || errorsText(errors) }))
          .execute();
      if (!checked.ok) {
        // Set aside, without the unknown keys (they may hold personal data the contract never allowed).
        await trx.updateTable('tests').set({ record: JSON.stringify(record), set_aside: 1 }).where('id', '=', id).execute();
        await problem('set aside', checked.errors);
        tally.setAside++;
        return;
      }
      if (changes.length === 0 && !Number(row.set_aside)) return;
      // Repaired: a new revision and place in the feed, so every device pulls the clean copy.
      const seq = await nextSeq(trx, engine);
      const { baseRev: _b, ...clean } = checked.record;
      await trx
        .updateTable('tests')
        .set({
          record: JSON.stringify(clean),
          score: Number(row.deleted) ? null : JSON.stringify(checked.score),
          quarter: checked.quarter,
          tested_at: checked.testedAtUtc,
          rev: Number(row.rev) + 1,
          seq,
          set_aside: 0,
          updated_at: nowIso(now),
        })
        .where('id', '=', id)
        .execute();
      await problem('repaired', []);
      tally.repaired++;
    });
  }
  await db
    .insertInto('settings')
    .values({ key: SETTING, value: JSON.stringify(RECORD_CONTRACT_VERSION) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(RECORD_CONTRACT_VERSION) }))
    .execute();
  return tally;
}

export async function listRecordProblems(db: Db): Promise<RecordProblem[]> {
  const rows = await db
    .selectFrom('record_problems')
    .leftJoin('tests', 'tests.id', 'record_problems.test_id')
    .select(['record_problems.test_id', 'record_problems.found_at', 'record_problems.action', 'record_problems.errors', 'record_problems.detail', 'tests.set_aside', 'tests.quarter', 'tests.unit_id'])
    .orderBy('record_problems.found_at')
    .orderBy('record_problems.test_id')
    .execute();
  return rows.map((r) => ({
    testId: r.test_id,
    foundAt: r.found_at,
    action: r.action as RecordProblem['action'],
    errors: JSON.parse(r.errors) as RecordError[],
    detail: r.detail,
    setAside: Number(r.set_aside) === 1,
    ...(r.quarter ? { quarter: r.quarter } : {}),
    ...(r.unit_id ? { unitId: r.unit_id } : {}),
  }));
}
