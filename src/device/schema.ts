// The device database and its schema history. Each version is kept forever: a phone may still hold
// data from any earlier release, and Dexie upgrades it step by step when the app opens.
import Dexie, { type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import type { CourtesyTest } from '../record/courtesyTest';
import type { Answers, AnswerValue } from '../scoresheet';
import { stripUnknown } from '../record/strip';
import type { DeviceTest, LiveRecord } from './types';

/** One queued change for the server. */
export interface OutboxOp {
  /** Local order (auto-increment): ops are sent oldest first. */
  seq?: number;
  /** Made once per change and reused on every retry, so the server recognises a replay. */
  opId: string;
  testId: string;
  createdAt: string;
  /** Set once the op was handed to the sync engine; after that, later changes queue a new op. */
  attempted: boolean;
  /** The test as it was at this change (what the server will store). */
  snapshot: Omit<CourtesyTest, 'rev'>;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Version 1 (first release): tests without attempts/history/sync, one row per answered item. */
export interface V1Test {
  id: string;
  unitId?: string;
  unitName: string;
  switchboardNumber: string;
  answererSurname: string;
  extension: string;
  testerName: string;
  testedAt: string;
  sheetVersion: number;
  status: 'draft' | 'completed';
  createdAt: string;
  updatedAt: string;
}
export interface V1Answer {
  testId: string;
  itemId: string;
  value: AnswerValue;
}

export const SCHEMA_V1 = {
  tests: 'id, status, updatedAt',
  answers: '[testId+itemId], testId',
};

export const SCHEMA_V2 = {
  tests: 'id, status, testedAt, updatedAt',
  answers: null,
  outbox: '++seq, &opId, testId',
  meta: 'key',
};

/**
 * Version 4 adds the live-call tools as saved state: the stopwatch start, the answered time and
 * every ring are written as they happen, so a browser killed mid-call loses none of them.
 */
export const SCHEMA_V4 = {
  live: '[testId+itemId], testId',
};


export const SHEET_ID = 'bsmi-fubiao3';

export type CourtesyDb = Dexie & {
  tests: EntityTable<DeviceTest, 'id'>;
  outbox: EntityTable<OutboxOp, 'seq'>;
  meta: EntityTable<MetaRow, 'key'>;
  live: Dexie.Table<LiveRecord, [string, string]>;
};

export function createDb(name: string, options?: DexieOptions): CourtesyDb {
  const db = new Dexie(name, options) as CourtesyDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeV1toV2);
  // v3, the record contract: same stores; records lose keys the contract does not know, so every
  // later write (checked by the contract) and every push of an old test can pass.
  db.version(3).stores(SCHEMA_V2).upgrade(upgradeV2toV3);
  // v4, the live-call tools: a new, empty table (nothing to convert: timers of a call in progress
  // during the update were in localStorage).
  db.version(4).stores(SCHEMA_V4);
  return db;
}

/** A stored device test as the contract allows it (the device's own `sync` kept). */
export function contractCopy<T extends { sync?: unknown }>(test: T): T {
  const { sync, ...record } = test as T & Record<string, unknown>;
  const { record: clean } = stripUnknown(record);
  return { ...clean, ...(sync !== undefined ? { sync } : {}) } as unknown as T;
}

async function upgradeV2toV3(tx: Transaction): Promise<void> {
  await tx.table('tests').toCollection().modify((test: DeviceTest, ref: { value: DeviceTest }) => {
    ref.value = contractCopy(test);
  });
  await tx.table('outbox').toCollection().modify((op: OutboxOp) => {
    op.snapshot = stripUnknown(op.snapshot as unknown as Record<string, unknown>, { withRev: false }).record as unknown as OutboxOp['snapshot'];
  });
}

/** Convert a v1 test and its answer rows to the current record; exported for the migration test. */
export function testFromV1(old: V1Test, rows: V1Answer[]): DeviceTest {
  const answers: Answers = {};
  for (const row of rows) answers[row.itemId] = row.value;
  return {
    id: old.id,
    unitId: old.unitId ?? '',
    unitName: old.unitName,
    switchboardNumber: old.switchboardNumber,
    answererSurname: old.answererSurname,
    extension: old.extension,
    testerName: old.testerName,
    testedAt: old.testedAt,
    sheet: { id: SHEET_ID, version: old.sheetVersion || 1 },
    answers,
    attempts: [],
    status: old.status,
    history: [],
    createdAt: old.createdAt,
    updatedAt: old.updatedAt,
    rev: 0,
    sync: { state: 'local' },
  };
}

async function upgradeV1toV2(tx: Transaction): Promise<void> {
  // v1 had no sync, so every old test is only on this device: convert it and queue it for the server.
  const rows = (await tx.table('answers').toArray()) as V1Answer[];
  const byTest = new Map<string, V1Answer[]>();
  for (const row of rows) {
    const list = byTest.get(row.testId) ?? [];
    list.push(row);
    byTest.set(row.testId, list);
  }
  const oldTests = (await tx.table('tests').toArray()) as V1Test[];
  const converted = oldTests.map((old) => testFromV1(old, byTest.get(old.id) ?? []));
  await tx.table('tests').bulkPut(converted);
  await tx.table('outbox').bulkAdd(
    converted.map((t) => {
      const { rev: _rev, sync: _sync, ...snapshot } = t;
      return { opId: crypto.randomUUID(), testId: t.id, createdAt: t.updatedAt, attempted: false, snapshot } satisfies OutboxOp;
    }),
  );
}
