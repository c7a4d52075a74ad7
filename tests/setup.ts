// Shared by every unit test file. Screens talk to a real server app in-process; on a loaded 2-core
// machine a round trip can pass Testing Library's 1 s default for findBy*/waitFor, which is a speed
// check we do not want in tests. Waiting longer never makes a passing assertion fail.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 10_000 });
}
export {};
