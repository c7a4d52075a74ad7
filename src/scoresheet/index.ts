// The scoresheet domain: sheets as data, the registry of versions, the one evaluator and the
// fill-time rules. No UI, storage or network here.
import manifest from './sheets/manifest.json';
import fubiao3v1 from './sheets/bsmi-fubiao3.v1.json';
import cityExample from './sheets/city-example.v1.json';
import { registryFromManifest, type Manifest } from './registry';
import type { Sheet, SheetRef } from './types';

export * from './types';
export { AnswersRejected, issueText } from './answers';
export { evaluateCondition } from './conditions';
export { rescale, score, tryScore, type ScoreOutcome } from './evaluate';
export { SheetError, deepFreeze, findNode, isGroup, itemMax, parentOf, sheetItems, walkSheet, type WalkedNode } from './sheet';
export { measurePoints } from './timing';
export { applyAnswer, choiceBlocked, exclusions, orderOf, tapAnswer, type TapOutcome } from './fillRules';
export { liveToolsOf, retestOf, retestState, type LiveToolsSpec, type RetestSpec, type RetestState } from './liveCall';
export { previewSheet, previewText, type OutlineRow, type SheetPreview } from './preview';
export { canonicalJson, isEffectiveDate, loadSheet, refKey, SheetRegistry, taipeiDay, type EffectiveDate, type Manifest, type SheetVersionEntry } from './registry';
export { settledAnswers, unfinishedItems } from './unfinished';

/** The library: every file in sheets/ that the manifest lists (a test checks none is left out). */
export const LIBRARY_FILES: Record<string, unknown> = {
  'bsmi-fubiao3.v1.json': fubiao3v1,
  'city-example.v1.json': cityExample,
};

/**
 * The one registry of this process: the library's versions, plus those published at run time
 * (the server adds what its store holds; a device adds what it cached from the server).
 */
export const registry = registryFromManifest(manifest as Manifest, LIBRARY_FILES);

/** The sheet a record names, or undefined when it names none or one not known here. Never a default. */
export function sheetFor(ref: SheetRef | undefined): Sheet | undefined {
  return registry.get(ref);
}

/** The version in force at an instant (a new test's time): see the manifest and published dates. */
export function sheetInForce(at: string | Date): Sheet {
  return registry.inForceAt(at);
}

/**
 * 附表3 as the library ships it (bsmi-fubiao3 v1). For tests, the bench and the spec's worked
 * example only: a new test takes sheetInForce(its time), a stored one the sheet it names.
 */
export const currentSheet: Sheet = registry.get({ id: 'bsmi-fubiao3', version: 1 })!;

/**
 * The Asia/Taipei date (YYYY-MM-DD) from which a sheet version is in force: no test on it can be
 * dated earlier (the record contract checks it). The library's dates are in sheets/manifest.json
 * (附表3 v1 came with the plan 中華民國 111 年 1 月 24 日經標南秘字第 11190000470 號函訂定); a
 * published version's is its publication's. Undefined for an unknown version or one not in force by date.
 */
export function sheetInForceFrom(ref: SheetRef): string | undefined {
  return registry.entry(ref)?.effectiveFrom;
}

/**
 * Every known version by "id@version": a read-only live view of the registry (a published version
 * shows up as soon as it is added; nothing can be written through it).
 */
export const sheets: Readonly<Record<string, Sheet>> = new Proxy({} as Record<string, Sheet>, {
  get: (_target, key) => (typeof key === 'string' ? byKey(key) : undefined),
  has: (_target, key) => typeof key === 'string' && byKey(key) !== undefined,
  ownKeys: () => registry.list().map((e) => refKeyOf(e.sheet)),
  getOwnPropertyDescriptor: (_target, key) => {
    const sheet = typeof key === 'string' ? byKey(key) : undefined;
    return sheet ? { value: sheet, enumerable: true, configurable: true, writable: false } : undefined;
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
});

function refKeyOf(s: SheetRef): string {
  return `${s.id}@${s.version}`;
}

function byKey(key: string): Sheet | undefined {
  const at = key.lastIndexOf('@');
  const version = Number(key.slice(at + 1));
  return at > 0 && Number.isInteger(version) ? registry.get({ id: key.slice(0, at), version }) : undefined;
}
