// Storage failures the tester must understand: each carries an English and a zh-TW message, and a
// `kind` the app can branch on (e.g. prompt a reload on `versionchange`).
import Dexie from 'dexie';
import { errorsText, type RecordError } from '../record/errors';

export type DeviceErrorKind = 'quota' | 'closed' | 'versionchange' | 'readonly' | 'notFound' | 'invalid';

export class DeviceStorageError extends Error {
  readonly kind: DeviceErrorKind;
  readonly zh: string;
  override readonly cause?: unknown;
  /** For `invalid`: what the record contract refused, field by field (the server would say the same). */
  readonly errors: RecordError[];

  constructor(kind: DeviceErrorKind, message: string, zh: string, cause?: unknown, errors: RecordError[] = []) {
    super(message);
    this.name = 'DeviceStorageError';
    this.kind = kind;
    this.zh = zh;
    this.cause = cause;
    this.errors = errors;
  }
}

/** The record contract refused a write: nothing was saved, the earlier version stands. */
export function refusedRecord(errors: RecordError[]): DeviceStorageError {
  return new DeviceStorageError('invalid', errorsText(errors, 'en'), errorsText(errors, 'zh'), undefined, errors);
}

export const QUOTA_MESSAGE = {
  message:
    'The device storage is full, so this change was not saved. Everything saved before is intact. Free some space (or export a backup) and try again.',
  zh: '裝置儲存空間已滿，這次變更未能儲存；先前已儲存的資料完整無缺。請釋放空間（或先匯出備份）後再試一次。',
};

export const CLOSED_MESSAGE = {
  message: 'The connection to the device database was lost. Everything saved before is intact. Reload the page to continue.',
  zh: '與裝置資料庫的連線已中斷；先前已儲存的資料完整無缺。請重新載入頁面後繼續。',
};

/** The browser closed the connection (storage cleared, disk error); Dexie reopens it on the next call. */
export const CONNECTION_LOST_MESSAGE = {
  message: 'The browser closed the device database. It is reopened on the next change; if a change then fails, reload the page. Everything saved before is intact.',
  zh: '瀏覽器關閉了裝置資料庫，下一次變更時會自動重新開啟；若變更仍失敗，請重新載入頁面。先前已儲存的資料完整無缺。',
};

export const VERSIONCHANGE_MESSAGE = {
  message: 'The app was updated in another tab. Reload this page to continue; everything saved is intact.',
  zh: '應用程式已在另一個分頁更新，請重新載入此頁面後繼續；已儲存的資料完整無缺。',
};

function isQuota(e: unknown): boolean {
  // Browsers report a full disk as a DOMException named QuotaExceededError; Dexie may wrap it
  // (AbortError / inner), so look one level down as well.
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const name = (cur as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === Dexie.errnames.QuotaExceeded) return true;
    cur = (cur as { inner?: unknown }).inner ?? (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Turn whatever IndexedDB/Dexie threw into a DeviceStorageError (unknown errors pass through). */
export function toDeviceError(e: unknown): unknown {
  if (e instanceof DeviceStorageError) return e;
  if (isQuota(e)) return new DeviceStorageError('quota', QUOTA_MESSAGE.message, QUOTA_MESSAGE.zh, e);
  const name = (e as { name?: string } | undefined)?.name;
  if (name === Dexie.errnames.DatabaseClosed) return new DeviceStorageError('closed', CLOSED_MESSAGE.message, CLOSED_MESSAGE.zh, e);
  if (name === Dexie.errnames.VersionChange || name === 'VersionError')
    return new DeviceStorageError('versionchange', VERSIONCHANGE_MESSAGE.message, VERSIONCHANGE_MESSAGE.zh, e);
  return e;
}

export function notFound(testId: string): DeviceStorageError {
  return new DeviceStorageError('notFound', `No test with id ${testId} on this device.`, `此裝置上找不到測試 ${testId}。`);
}

export function readonlyError(testId: string): DeviceStorageError {
  return new DeviceStorageError(
    'readonly',
    `Test ${testId} is completed and read-only; choose "correct" to reopen it.`,
    `測試 ${testId} 已完成，為唯讀；請按「更正」重新開啟。`,
  );
}

export function invalid(message: string, zh: string): DeviceStorageError {
  return new DeviceStorageError('invalid', message, zh);
}
