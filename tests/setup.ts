// Shared by every unit test file. Screens talk to a real server app in-process; on a loaded 2-core
// machine a round trip can pass Testing Library's 1 s default for findBy*/waitFor, which is a speed
// check we do not want in tests. Waiting longer never makes a passing assertion fail.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 10_000 });
}
export {};
// Password hashing at scrypt N=2^14 instead of OWASP's 2^17 (the server's default): the suites create and
// sign in hundreds of users, at ~0.5 s each on this machine otherwise. tests/server/passwords.test.ts
// checks the default itself and the upgrade of weaker hashes. Child processes inherit it.
process.env.SCRYPT_LOG_N ??= '14';
