// openDevice: the tests on this phone. Every method is one IndexedDB transaction that saves the
// test and its outbox op together, so each tap survives a reload, a crash or a dead battery.
import Dexie, { type DexieOptions } from 'dexie';
import { checkTestRecord, type RecordContext } from '../record/check';
import { ANSWERS_FORMAT, type SwitchboardAttempt } from '../record/courtesyTest';
import { recordError, within } from '../record/errors';
import { MAX } from '../record/limits';
import { currentSheet, issueText, sheetFor, sheetInForce, tapAnswer, tryScore, type AnswerValue, type Sheet } from '../scoresheet';
import { correctedFromBackup, parseBackup, parseEntry, sameRecord, toBackup } from './backup';
import {
  CONNECTION_LOST_MESSAGE,
  DeviceStorageError,
  invalid,
  notFound,
  QUOTA_MESSAGE,
  readonlyError,
  refusedRecord,
  toDeviceError,
  VERSIONCHANGE_MESSAGE,
} from './errors';
import { dropOps, opsOf, queueOp, saveWithOp, saveWithOps } from './outbox';
import { persistenceState, requestPersistence } from './persistence';
import { fromServer, nowIso } from './records';
import { createDb, type CourtesyDb, type OutboxOp } from './schema';
import { CURSOR_KEY, createSyncStore } from './syncStore';
import type { BackupImportResult, Device, DeviceEvent, DeviceTest, LiveEvent, LiveRecord, NewTestInput } from './types';

export const DEFAULT_DB_NAME = 'courtesy-tests';

/** The sheet in force at a test's time; for a time that does not parse or precedes every version, the
 *  one in force now (the record contract then refuses the time, naming it). */
function inForceAt(testedAt: string, now: string): Sheet {
  try {
    if (!Number.isNaN(Date.parse(testedAt))) return sheetInForce(testedAt);
  } catch {
    /* no version in force then: see below */
  }
  return sheetInForce(now);
}
/** The unit list's ids, remembered at sign-in: a test may name only these (as on the server). */
const UNIT_IDS_KEY = 'unitIds';

export interface OpenDeviceOptions {
  /** For tests: a fake-indexeddb IDBFactory / IDBKeyRange (Dexie options). */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
  /** For tests: the clock (ISO strings). */
  now?: () => string;
}

const DETAIL_FIELDS = ['unitId', 'unitName', 'switchboardNumber', 'answererSurname', 'extension', 'testerName', 'testedAt', 'testerId'] as const;

export async function openDevice(name: string = DEFAULT_DB_NAME, options: OpenDeviceOptions = {}): Promise<Device> {
  const db = createDb(name, {
    // No optimistic query cache: every liveQuery here reads one test or one small index, so the
    // cache saves no reads, while keeping it adds bookkeeping to every write (each tap's): about a
    // third of Dexie's script time per tap in a CPU profile (bench: interaction).
    cache: 'disabled',
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  });
  const events = new Set<(e: DeviceEvent) => void>();
  const emit = (e: DeviceEvent) => events.forEach((l) => l(e));
  const status = { versionChanged: false, closingOnPurpose: false };

  // Another tab opened a newer version: close, so its upgrade is not blocked, and let the app
  // prompt a reload (never reload under a tester's fingers).
  db.on('versionchange', () => {
    status.versionChanged = true;
    status.closingOnPurpose = true;
    db.close();
    emit({ type: 'versionchange', ...VERSIONCHANGE_MESSAGE });
    return false;
  });
  // Dexie fires 'close' for every close; only an unexpected one (the browser's) is news to the tester.
  db.on('close', () => {
    if (!status.closingOnPurpose) emit({ type: 'closed', ...CONNECTION_LOST_MESSAGE });
  });

  try {
    await db.open();
  } catch (e) {
    throw toDeviceError(e);
  }
  return new DexieDevice(name, db, options.now ?? nowIso, emit, events, status);
}

/** The single keys of a Dexie range set, or null when it holds a real range (a clear: reload everything). */
function changedKeys(tree: unknown): string[] | null {
  const keys: string[] = [];
  const stack = [tree as { from?: unknown; to?: unknown; l?: unknown; r?: unknown; d?: number } | null | undefined];
  while (stack.length) {
    const node = stack.pop();
    if (!node || !node.d) continue;
    if (typeof node.from !== 'string' || node.from !== node.to) return null;
    keys.push(node.from);
    stack.push(node.l as typeof node, node.r as typeof node);
  }
  return keys;
}

/** What this device last wrote of a test: the tap path's guess (DexieDevice.changeFrom). */
interface Committed {
  test: DeviceTest;
  json: string;
  ops: OutboxOp[];
  opsJson: string;
  ctx: RecordContext;
  /** The unit list as stored (JSON), for the check. */
  unitIds: string;
}

/** The stored test, ops or unit list differ from this device's last write: read first instead. */
class StaleGuess extends Error {}

class DexieDevice implements Device {
  readonly syncStore;
  private readonly committed = new Map<string, Committed>();

  constructor(
    readonly name: string,
    private readonly db: CourtesyDb,
    private readonly now: () => string,
    private readonly emit: (e: DeviceEvent) => void,
    private readonly events: Set<(e: DeviceEvent) => void>,
    private readonly status: { versionChanged: boolean; closingOnPurpose: boolean },
  ) {
    this.syncStore = createSyncStore(db, (fn) => this.run(fn));
  }

  /** Every storage call goes through here: raw IndexedDB errors become bilingual DeviceStorageErrors. */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      let err = toDeviceError(e);
      // Closed because another tab upgraded: say so, so the app prompts a reload rather than a retry.
      if (err instanceof DeviceStorageError && err.kind === 'closed' && this.status.versionChanged)
        err = new DeviceStorageError('versionchange', VERSIONCHANGE_MESSAGE.message, VERSIONCHANGE_MESSAGE.zh, e);
      if (err instanceof DeviceStorageError && err.kind === 'quota') this.emit({ type: 'quota', ...QUOTA_MESSAGE });
      throw err;
    }
  }

  /** What the record contract checks the device's writes against: this clock and the unit list
   *  remembered at sign-in (none before a first sign-in; the server then checks at sync). */
  private async context(): Promise<RecordContext> {
    return this.contextOf(await this.db.meta.get(UNIT_IDS_KEY));
  }

  private contextOf(stored: { value: unknown } | undefined): RecordContext {
    const ids = stored?.value as string[] | undefined;
    return { now: new Date(this.now()), ...(ids ? { unitIds: new Set(ids) } : {}) };
  }

  /** Refuse at once, with the server's own function, what the server would refuse at sync. */
  private async checked(test: DeviceTest): Promise<DeviceTest> {
    return this.checkedIn(await this.context(), test);
  }

  private checkedIn(ctx: RecordContext, test: DeviceTest): DeviceTest {
    const { sync: _sync, ...record } = test;
    const result = checkTestRecord(record, ctx);
    if (!result.ok) throw refusedRecord(result.errors);
    return test;
  }

  /** Load a live test, change it, check it, save it with its op: one transaction, all or nothing. */
  private change(testId: string, edit: (test: DeviceTest) => DeviceTest, opts: { allowCompleted?: boolean } = {}): Promise<DeviceTest> {
    const known = this.committed.get(testId);
    // Inside a caller's transaction (recordLive) a wrong guess would abort the caller's work too.
    if (!known || Dexie.currentTransaction) return this.run(() => this.readThenChange(testId, edit, opts));
    return this.run(() => this.changeFrom(known, testId, edit, opts).catch((e) => (e instanceof StaleGuess ? this.readThenChange(testId, edit, opts) : Promise.reject(e))));
  }

  /** The long way: read the stored test, its ops and the unit list, then edit and write. */
  private readThenChange(testId: string, edit: (test: DeviceTest) => DeviceTest, opts: { allowCompleted?: boolean }): Promise<DeviceTest> {
    this.committed.delete(testId);
    return this.db.transaction('rw', this.db.tests, this.db.outbox, this.db.meta, async () => {
      // Every read the tap needs at once: a tap's save is measured (bench: interaction, tap → saved).
      const [test, units, ops] = await Promise.all([this.db.tests.get(testId), this.db.meta.get(UNIT_IDS_KEY), opsOf(this.db, testId)]);
      const ctx = this.contextOf(units);
      return this.save(this.edited(test, ctx, testId, edit, opts), ops, JSON.stringify(units?.value), ctx);
    });
  }

  /**
   * The tap path: edit what this device last wrote of the test and issue the writes at once, in the
   * same transaction as the reads that check that guess. The disk then commits while the screen
   * draws, instead of reading first and writing after the paint (bench: interaction, tap → saved).
   * If the stored test, its ops or the unit list are not what was written last (another tab, sync),
   * the transaction aborts, so nothing of the guess is kept, and change() goes the long way.
   */
  private changeFrom(known: Committed, testId: string, edit: (test: DeviceTest) => DeviceTest, opts: { allowCompleted?: boolean }): Promise<DeviceTest> {
    return this.db.transaction('rw', this.db.tests, this.db.outbox, this.db.meta, async () => {
      // The reads go first, so they see the disk before this transaction's own writes.
      const stored = Promise.all([this.db.tests.get(testId), this.db.meta.get(UNIT_IDS_KEY), opsOf(this.db, testId)]);
      const confirmed = stored.then(([test, ids, ops]) => {
        if (!test || JSON.stringify(test) !== known.json || JSON.stringify(ids?.value) !== known.unitIds || JSON.stringify(ops) !== known.opsJson) throw new StaleGuess();
      });
      let saving: Promise<DeviceTest>;
      try {
        // The unit list as last read, and this moment's clock.
        const ctx = { ...known.ctx, now: new Date(this.now()) };
        saving = this.save(this.edited(known.test, ctx, testId, edit, opts), known.ops, known.unitIds, ctx);
      } catch (e) {
        // A refusal judged on a stale guess may be wrong: only a confirmed guess may refuse.
        await confirmed;
        throw e;
      }
      saving.catch(() => undefined); // aborted with the guess: confirmed's error is the one told
      await confirmed;
      return saving;
    });
  }

  private edited(test: DeviceTest | undefined, ctx: RecordContext, testId: string, edit: (test: DeviceTest) => DeviceTest, opts: { allowCompleted?: boolean }): DeviceTest {
    if (!test || test.deleted) throw notFound(testId);
    if (test.status === 'completed' && !opts.allowCompleted) throw readonlyError(testId);
    return this.checkedIn(ctx, { ...edit(structuredClone(test)), updatedAt: this.now() });
  }

  /** Write the test with its op, and remember what was written for the next tap's guess. */
  private async save(test: DeviceTest, ops: OutboxOp[], unitIds: string, ctx: RecordContext): Promise<DeviceTest> {
    const saved = await saveWithOps(this.db, test, this.now(), ops);
    // An abort after this (a failed commit, a caller's transaction) leaves a guess the next reads refute.
    if (saved.ops) this.committed.set(test.id, { test: saved.test, json: JSON.stringify(saved.test), ops: saved.ops, opsJson: JSON.stringify(saved.ops), ctx, unitIds });
    else this.committed.delete(test.id);
    return saved.test;
  }

  createTest(input: NewTestInput): Promise<DeviceTest> {
    const now = this.now();
    const testedAt = input.testedAt ?? now;
    // The version in force at the test's time (library or cached from the server: sheetCache.ts).
    const sheet = inForceAt(testedAt, now);
    const test: DeviceTest = {
      id: crypto.randomUUID(),
      unitId: input.unitId ?? '',
      unitName: input.unitName ?? '',
      switchboardNumber: input.switchboardNumber ?? '',
      answererSurname: input.answererSurname ?? '',
      extension: input.extension ?? '',
      testerName: input.testerName ?? '',
      ...(input.testerId ? { testerId: input.testerId } : {}),
      testedAt,
      sheet: { id: sheet.id, version: sheet.version },
      answers: {},
      attempts: [],
      status: 'draft',
      history: [],
      createdAt: now,
      updatedAt: now,
      rev: 0,
      sync: { state: 'local' },
    };
    return this.run(() => this.db.transaction('rw', this.db.tests, this.db.outbox, this.db.meta, async () => saveWithOp(this.db, await this.checked(test), now)));
  }

  setAnswer(testId: string, itemId: string, value: AnswerValue | undefined): Promise<DeviceTest> {
    return this.setAnswers(testId, [[itemId, value]]);
  }

  setAnswers(testId: string, changes: Array<[string, AnswerValue | undefined]>): Promise<DeviceTest> {
    return this.change(testId, (test) => {
      const sheet = sheetFor(test.sheet);
      if (!sheet) throw refusedRecord([recordError('sheet', 'known sheet', `${test.sheet.id}@${test.sheet.version} is not known on this device`, `此裝置沒有量表 ${test.sheet.id}@${test.sheet.version}`)]);
      // Every write goes through the fill rules: a tap that contradicts an earlier answer is
      // refused (naming the rule), and what a tap rules out is cleared in the same transaction.
      let answers = test.answers;
      for (const [itemId, value] of changes) {
        const tapped = tapAnswer(sheet, answers, itemId, value);
        if (!tapped.ok) throw refusedRecord([recordError(`answers.${tapped.issue.item}`, tapped.issue.rule, tapped.issue.message.en, tapped.issue.message.zh)]);
        answers = tapped.answers;
      }
      return { ...test, answers };
    });
  }

  updateDetails(testId: string, patch: Partial<NewTestInput>): Promise<DeviceTest> {
    return this.change(testId, (test) => {
      for (const field of DETAIL_FIELDS) if (patch[field] !== undefined) (test as unknown as Record<string, unknown>)[field] = patch[field];
      return test;
    });
  }

  addAttempt(testId: string, attempt: SwitchboardAttempt): Promise<DeviceTest> {
    // The contract checks the attempt's time and outcome with the rest of the record.
    return this.change(testId, (test) => ({ ...test, attempts: [...test.attempts, { at: attempt.at, outcome: attempt.outcome }] }));
  }

  overrideRetest(testId: string, reason: string): Promise<DeviceTest> {
    const why = reason.trim();
    if (!why) return Promise.reject(refusedRecord([recordError('retestOverride.reason', 'required', 'an override needs a reason', '改判須說明原因')]));
    return this.change(testId, (test) => ({ ...test, retestOverride: { reason: why.slice(0, MAX.reason), at: this.now() } }));
  }

  rememberUnits(unitIds: string[]): Promise<void> {
    return this.run(async () => {
      await this.db.meta.put({ key: UNIT_IDS_KEY, value: [...new Set(unitIds)] });
    });
  }

  completeTest(testId: string): Promise<DeviceTest> {
    return this.change(testId, (test) => {
      const sheet = sheetFor(test.sheet) ?? currentSheet;
      const outcome = tryScore(sheet, { format: ANSWERS_FORMAT, answers: test.answers });
      if (!outcome.ok)
        throw invalid(
          `Cannot complete: ${outcome.issues.map((i) => issueText(i, 'en')).join('; ')}`,
          `無法完成：${outcome.issues.map((i) => issueText(i, 'zh')).join('；')}`,
        );
      if (!outcome.result.complete)
        throw invalid(`Cannot complete: items not answered: ${outcome.result.missing.join(', ')}`, `無法完成：尚未填答的項目：${outcome.result.missing.join('、')}`);
      return { ...test, status: 'completed' };
    });
  }

  reopenTest(testId: string, reason: string): Promise<DeviceTest> {
    if (!reason.trim()) return Promise.reject(invalid('reason: a correction needs a reason', 'reason：更正必須說明原因'));
    return this.change(
      testId,
      (test) => {
        if (test.status !== 'completed') throw invalid(`Test ${testId} is not completed; only a completed test is corrected`, `測試 ${testId} 尚未完成，無須更正`);
        const earlier = { savedAt: test.updatedAt, status: test.status, answers: structuredClone(test.answers), reason: reason.trim() };
        return { ...test, status: 'draft', history: [...test.history, earlier] };
      },
      { allowCompleted: true },
    );
  }

  discardTest(testId: string): Promise<void> {
    return this.run(() =>
      this.db.transaction('rw', this.db.tests, this.db.outbox, async () => {
        const test = await this.db.tests.get(testId);
        if (!test || test.deleted) throw notFound(testId);
        if (test.status === 'completed') throw readonlyError(testId);
        const ops = await this.db.outbox.where('testId').equals(testId).toArray();
        const serverMayHaveIt = !!test.sync.rev || ops.some((op) => op.attempted);
        if (!serverMayHaveIt) {
          // Never reached the server: forget it entirely.
          await dropOps(this.db, testId);
          await this.db.tests.delete(testId);
          return;
        }
        // Keep a hidden local tombstone until the server confirms the deletion (its baseRev lives here).
        const now = this.now();
        const tomb: DeviceTest = { ...test, deleted: true, updatedAt: now, sync: { state: 'pending', ...(test.sync.rev ? { rev: test.sync.rev } : {}) } };
        await this.db.tests.put(tomb);
        await queueOp(this.db, tomb, now);
      }),
    );
  }

  resolveConflict(testId: string, keep: 'mine' | 'server'): Promise<DeviceTest> {
    return this.run(() =>
      this.db.transaction('rw', this.db.tests, this.db.outbox, this.db.meta, async () => {
        const test = await this.db.tests.get(testId);
        if (!test) throw notFound(testId);
        if (test.sync.state !== 'conflict') throw invalid(`Test ${testId} has no conflict to resolve`, `測試 ${testId} 沒有待解決的衝突`);
        const now = this.now();
        const server = test.sync.server;
        const serverRev = server?.rev ?? test.sync.serverRev ?? 0;
        if (keep === 'server' && !server && test.sync.serverDeletedRev === undefined)
          throw invalid(`The server has no copy of test ${testId}; keep this device's copy`, `伺服器沒有測試 ${testId} 的資料，請保留此裝置上的版本`);
        await dropOps(this.db, testId);
        if (keep === 'server') {
          if (!server) {
            await this.db.tests.delete(testId); // the server deleted it
            return { ...test, deleted: true };
          }
          const taken = fromServer(server, now);
          await this.db.tests.put(taken);
          return taken;
        }
        // Mine: send the local copy again, now based on the server's revision.
        const mine: DeviceTest = { ...test, rev: serverRev, updatedAt: now, sync: { state: 'pending', rev: serverRev } };
        return saveWithOp(this.db, await this.checked(mine), now);
      }),
    );
  }

  getTest(id: string): Promise<DeviceTest | undefined> {
    return this.run(async () => {
      const test = await this.db.tests.get(id);
      return test && !test.deleted ? test : undefined;
    });
  }

  listTests(): Promise<DeviceTest[]> {
    return this.run(async () => {
      // Sorted by instant, not by the stored string: offsets differ (Z vs +08:00).
      const all = await this.db.tests.toArray();
      return all.filter((t) => !t.deleted).sort((a, b) => Date.parse(b.testedAt) - Date.parse(a.testedAt) || b.createdAt.localeCompare(a.createdAt));
    });
  }

  subscribe(listener: () => void): () => void {
    // Dexie fires `storagemutated` after every committed write, in this tab and (via
    // BroadcastChannel) in other tabs of the same origin.
    const prefix = `idb://${this.name}/`;
    const handler = (parts: Record<string, unknown>) => {
      if (Object.keys(parts).some((key) => key.startsWith(prefix))) listener();
    };
    Dexie.on('storagemutated', handler);
    return () => Dexie.on('storagemutated').unsubscribe(handler);
  }

  subscribeTests(listener: (ids: string[] | null) => void): () => void {
    // Dexie's storagemutated names the primary keys each write touched (here and, by
    // BroadcastChannel, in other tabs): the list reloads those tests only, never the whole table.
    const part = `idb://${this.name}/tests/`;
    const handler = (parts: Record<string, unknown>) => {
      if (!(part in parts)) return; // only the outbox, the live tools or meta changed
      listener(changedKeys(parts[part]));
    };
    Dexie.on('storagemutated', handler);
    return () => Dexie.on('storagemutated').unsubscribe(handler);
  }

  getTests(ids: string[]): Promise<Array<DeviceTest | undefined>> {
    return this.run(async () => (await this.db.tests.bulkGet(ids)).map((t) => (t && !t.deleted ? t : undefined)));
  }

  exportBackup(): Promise<string> {
    return this.run(async () => toBackup(await this.listTests(), this.now()));
  }

  importBackup(json: string): Promise<BackupImportResult> {
    const file = parseBackup(json);
    if (!file.ok) return Promise.reject(refusedRecord(file.errors));
    return this.run(() =>
      this.db.transaction('rw', this.db.tests, this.db.outbox, this.db.meta, async () => {
        const result: BackupImportResult = { added: 0, updated: 0, corrected: 0, unchanged: 0, errors: [] };
        const now = this.now();
        const ctx = await this.context();
        const seen = new Set<string>();
        for (const [index, raw] of file.tests.entries()) {
          const parsed = parseEntry(raw, index, ctx);
          if (!parsed.ok) {
            result.errors.push(...parsed.errors);
            continue;
          }
          const incoming = parsed.test;
          if (seen.has(incoming.id)) {
            result.errors.push(recordError(`tests[${index}].id`, 'unique', `${incoming.id} appears twice in the file; the first is kept`, `${incoming.id} 在檔案中出現兩次，保留第一筆`));
            continue;
          }
          seen.add(incoming.id);
          const existing = await this.db.tests.get(incoming.id);
          if (existing && !existing.deleted) {
            // Same id: the newer edit wins; an older or identical copy changes nothing.
            if (sameRecord(existing, incoming) || Date.parse(incoming.updatedAt) <= Date.parse(existing.updatedAt)) {
              result.unchanged++;
              continue;
            }
            if (existing.status === 'completed') {
              // A completed test is read-only: the backup replaces it only as a correction does,
              // with the replaced version kept in its history and the reason said.
              const restored = correctedFromBackup(existing, incoming, file.exportedAt);
              const checked = checkTestRecord(restored, ctx);
              if (!checked.ok) {
                result.errors.push(...within(`tests[${index}]`, checked.errors));
                continue;
              }
              await saveWithOp(this.db, { ...restored, rev: existing.rev, sync: existing.sync }, now);
              result.corrected++;
              continue;
            }
            await saveWithOp(this.db, { ...incoming, rev: existing.rev, sync: existing.sync }, now);
            result.updated++;
          } else {
            const sync = incoming.rev ? { state: 'pending' as const, rev: incoming.rev } : { state: 'local' as const };
            await saveWithOp(this.db, { ...incoming, sync }, now);
            result.added++;
          }
        }
        return result;
      }),
    );
  }

  requestPersistence() {
    return requestPersistence();
  }

  persistenceState() {
    return persistenceState();
  }

  onEvent(listener: (e: DeviceEvent) => void): () => void {
    this.events.add(listener);
    return () => this.events.delete(listener);
  }

  getMeta<T>(key: string): Promise<T | undefined> {
    return this.run(async () => (await this.db.meta.get(key))?.value as T | undefined);
  }

  setMeta<T>(key: string, value: T): Promise<void> {
    return this.run(async () => {
      await this.db.meta.put({ key, value });
    });
  }

  recordLive(testId: string, itemId: string, event: LiveEvent, changes?: Array<[string, AnswerValue | undefined]>): Promise<{ live: LiveRecord | undefined; test?: DeviceTest }> {
    return this.run(() =>
      this.db.transaction('rw', [this.db.tests, this.db.outbox, this.db.meta, this.db.live], async () => {
        const before = await this.db.live.get([testId, itemId]);
        let live: LiveRecord | undefined = before ?? { testId, itemId, count: 0 };
        if (event.type === 'start') live = { ...live, startedAt: event.at, answeredAt: undefined };
        else if (event.type === 'ring') live = { ...live, count: live.count + 1, lastRingAt: event.at };
        else if (event.type === 'answered') live = { ...live, answeredAt: event.at };
        else live = undefined;
        if (live) await this.db.live.put(live);
        else await this.db.live.delete([testId, itemId]);
        // Nested: joins this transaction, so the tool and the answer it fills commit together.
        const test = changes?.length ? await this.setAnswers(testId, changes) : undefined;
        return { live, ...(test ? { test } : {}) };
      }),
    );
  }

  liveOf(testId: string): Promise<LiveRecord[]> {
    return this.run(() => this.db.live.where('testId').equals(testId).toArray());
  }

  /**
   * Signing out of a shared phone: remove every test the server already holds exactly (pulled or
   * confirmed, nothing queued), with its personal data, and pull from the start next time. Tests
   * with unsent changes stay: they belong to their tester and wait for them.
   */
  forgetServerCopies(): Promise<{ removed: number; kept: number }> {
    return this.run(() =>
      this.db.transaction('rw', this.db.tests, this.db.outbox, this.db.meta, async () => {
        const queued = new Set((await this.db.outbox.toArray()).map((op) => op.testId));
        const all = await this.db.tests.toArray();
        const gone = all.filter((t) => t.sync.state === 'confirmed' && !queued.has(t.id)).map((t) => t.id);
        await this.db.tests.bulkDelete(gone);
        // The next account pulls what it may see from the start (see claimCursorFor).
        await this.db.meta.bulkDelete([CURSOR_KEY, 'syncUser']);
        return { removed: gone.length, kept: all.length - gone.length };
      }),
    );
  }

  close(): void {
    this.status.closingOnPurpose = true;
    this.db.close();
  }
}
