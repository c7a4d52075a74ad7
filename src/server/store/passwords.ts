// Password hashing with scrypt (node:crypto): salted, parameters stored with the hash so they can grow.
// OWASP's Password Storage Cheat Sheet (2023–): scrypt N=2^17, r=8, p=1. That needs 128 MiB per hash
// (128·N·r bytes), above node's 32 MiB default maxmem, so maxmem is raised for exactly that much.
// Hashes made with weaker parameters still verify, and login re-hashes them (needsRehash).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hashQueue } from './hashQueue';

/** OWASP's minimum, the default everywhere. */
export const OWASP_SCRYPT_N = 2 ** 17;

/** SCRYPT_LOG_N (14–20) overrides N: the test suite runs at 2^14 so hundreds of test users do not cost
 *  minutes on a 2-core CI machine; the server warns at start when it runs below OWASP's minimum. */
export function scryptN(env: string | undefined): number {
  const log = Number(env);
  return env && Number.isInteger(log) && log >= 14 && log <= 20 ? 2 ** log : OWASP_SCRYPT_N;
}

export const SCRYPT = { N: scryptN(process.env.SCRYPT_LOG_N), r: 8, p: 1, keylen: 64 } as const;

/** Memory one scrypt call needs, plus slack for node's own accounting. */
const maxmemFor = (N: number, r: number) => 128 * N * r + 1024 * 1024;

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  hashQueue.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCb(password, salt, keylen, { ...options, maxmem: maxmemFor(options.N ?? 16384, options.r ?? 8) }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );

export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: params.N, r: params.r, p: params.p });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Stored parameters we accept: a tampered row must not make us allocate gigabytes. */
function storedParams(stored: string) {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (kind !== 'scrypt' || !salt || !hash) return undefined;
  if (!Number.isInteger(Math.log2(N)) || N < 2 || N > 2 ** 20 || !Number.isInteger(R) || R < 1 || R > 32 || !Number.isInteger(P) || P < 1 || P > 16) return undefined;
  return { N, r: R, p: P, salt, hash };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = storedParams(stored);
  if (!params) return false;
  const expected = Buffer.from(params.hash, 'base64');
  const key = await scrypt(password, Buffer.from(params.salt, 'base64'), expected.length, { N: params.N, r: params.r, p: params.p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when the hash was made with weaker parameters than today's: re-hash it after a good login. */
export function needsRehash(stored: string): boolean {
  const params = storedParams(stored);
  return !params || params.N < SCRYPT.N || params.r < SCRYPT.r || params.p < SCRYPT.p;
}

/** Spend the same effort for an unknown username, so response time does not reveal which names exist. */
export const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(SCRYPT.keylen).toString('base64')}`;
