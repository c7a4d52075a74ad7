export { openStore, type OpenStoreOptions } from './kysely';
export { InputError } from './accounts';
export type { ServerStore, AuthStore, LoginOutcome, Session } from './authTypes';
export type * from './types';
