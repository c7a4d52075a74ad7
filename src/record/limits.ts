// The bounds of the record contract. Every string has a maximum length and every array a maximum
// count, so no client can store a record that later breaks a pull, a report or a browser's
// structured clone. docs/record-contract.md explains each figure; change them only with a note there.

/** A filled sheet is about 2 KB; a record with a long correction history stays well under this. */
export const RECORD_MAX_BYTES = 64 * 1024;
/** One push request: at most PUSH_MAX_OPS records, and at most this many bytes of JSON. */
export const PUSH_MAX_BYTES = 2 * 1024 * 1024;
export const PUSH_MAX_OPS = 100;
/** A pull page: at most this many changes and about this many bytes (whichever comes first). */
export const PULL_MAX_CHANGES = 1000;
export const PULL_MAX_BYTES = 1024 * 1024;
/** JSON nesting the server parses at all (a record is at most 4 deep). */
export const JSON_MAX_DEPTH = 16;

export const MAX = {
  id: 36,
  unitId: 64,
  unitName: 100,
  switchboardNumber: 40,
  answererSurname: 20,
  extension: 20,
  testerName: 100,
  testerId: 64,
  reason: 500,
  opId: 100,
  clientId: 100,
  sheetId: 64,
  /** Item ids and the keys inside an answer (band, points, outcome, rings …). */
  key: 32,
  /** Option, band, variant and outcome keys. */
  answerText: 32,
  answers: 200,
  answerFields: 8,
  attempts: 20,
  history: 50,
  sheets: 50,
} as const;

/** Earliest and latest instants any timestamp of a record may carry (years of ROC 89 … 189). */
export const EARLIEST_INSTANT = '2000-01-01T00:00:00Z';
export const LATEST_INSTANT = '2100-01-01T00:00:00Z';

/** How far ahead of the server clock testedAt may be (a phone's clock a little fast, time zones). */
export const FUTURE_SLACK_MS = 24 * 3600_000;
