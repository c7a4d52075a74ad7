// Pure conversions between the device's copy of a test and the shapes sync uses.
import type { CourtesyTest } from '../record/courtesyTest';
import type { ServerRecord } from '../sync/protocol';
import type { DeviceTest } from './types';

/** What the server will store for this change: the record without device-only fields. */
export function snapshotOf(test: DeviceTest): Omit<CourtesyTest, 'rev'> {
  const { rev: _rev, sync: _sync, ...record } = structuredClone(test);
  return record;
}

/** The device copy of a server record: confirmed at its revision, the server's extras dropped. */
export function fromServer(record: ServerRecord, now: string): DeviceTest {
  const { seq: _seq, score: _score, quarter: _quarter, rev, ...rest } = structuredClone(record);
  return { ...rest, rev, sync: { state: 'confirmed', rev, syncedAt: now } };
}

/** A test the server never confirmed, or one with local changes, must never be overwritten in silence. */
export function hasLocalChanges(test: DeviceTest, queuedOps: number): boolean {
  return queuedOps > 0 || test.sync.state !== 'confirmed';
}

export function nowIso(): string {
  return new Date().toISOString();
}
