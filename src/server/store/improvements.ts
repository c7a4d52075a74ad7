// Improvement reports (考核結果處理情形): a unit head's cause, measures and due date for a result under
// the follow-up threshold, and the secretariat closing it. One report per test; the head may revise
// it until it is closed.
import type { Kysely } from 'kysely';
import type { Database, ImprovementReportsTable } from './db';
import type { ImprovementReport } from './types';
import { InputError } from './accounts';

type Db = Kysely<Database>;

const toReport = (r: ImprovementReportsTable): ImprovementReport => ({
  testId: r.test_id,
  unitId: r.unit_id,
  cause: r.cause,
  measures: r.measures,
  dueOn: r.due_on,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  ...(r.closed_at ? { closedAt: r.closed_at } : {}),
  ...(r.closed_by ? { closedBy: r.closed_by } : {}),
  ...(r.closing_note ? { closingNote: r.closing_note } : {}),
});

export async function submitImprovement(db: Db, report: Omit<ImprovementReport, 'closedAt' | 'closedBy' | 'closingNote'>): Promise<ImprovementReport> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('improvement_reports').selectAll().where('test_id', '=', report.testId).executeTakeFirst();
    if (existing?.closed_at) throw new InputError(`testId: the improvement report on ${report.testId} was closed by the secretariat and can no longer change`, 409);
    const values = {
      unit_id: report.unitId,
      cause: report.cause,
      measures: report.measures,
      due_on: report.dueOn,
      submitted_by: report.submittedBy,
      submitted_at: report.submittedAt,
    };
    if (existing) await trx.updateTable('improvement_reports').set(values).where('test_id', '=', report.testId).execute();
    else await trx.insertInto('improvement_reports').values({ test_id: report.testId, ...values, closed_at: null, closed_by: null, closing_note: null }).execute();
    return toReport((await trx.selectFrom('improvement_reports').selectAll().where('test_id', '=', report.testId).executeTakeFirstOrThrow()) as ImprovementReportsTable);
  });
}

export async function closeImprovement(db: Db, testId: string, closedBy: string, note: string | undefined, at: string): Promise<ImprovementReport> {
  const existing = await db.selectFrom('improvement_reports').selectAll().where('test_id', '=', testId).executeTakeFirst();
  if (!existing) throw new InputError(`testId: no improvement report has been submitted for ${JSON.stringify(testId)}`, 404);
  if (existing.closed_at) throw new InputError(`testId: the improvement report on ${testId} is already closed`, 409);
  await db.updateTable('improvement_reports').set({ closed_at: at, closed_by: closedBy, closing_note: note ?? null }).where('test_id', '=', testId).execute();
  return toReport({ ...(existing as ImprovementReportsTable), closed_at: at, closed_by: closedBy, closing_note: note ?? null });
}

export async function listImprovements(db: Db, testIds?: string[]): Promise<ImprovementReport[]> {
  let q = db.selectFrom('improvement_reports').selectAll();
  if (testIds) {
    if (testIds.length === 0) return [];
    q = q.where('test_id', 'in', testIds);
  }
  return (await q.orderBy('submitted_at').orderBy('test_id').execute()).map((r) => toReport(r as ImprovementReportsTable));
}
