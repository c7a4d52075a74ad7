// The record contract: one schema of a test record and of the sync wire, its rules, its limits,
// and errors as data. Everything that reads or writes a record goes through here.
export * from './schema';
export * from './check';
export * from './errors';
export * from './limits';
export { ANSWERS_FORMAT, answersDocument } from './courtesyTest';
export { stripUnknown } from './strip';
