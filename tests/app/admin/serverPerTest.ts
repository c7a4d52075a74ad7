// The hooks every admin-screen suite shares: before each test the UI in Chinese and a fresh real
// server (an admin signed in when asked); after it the rendered screen unmounted and the server
// closed, so no test sees another's rows, session or fetch.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { useLangStore } from '../../../src/app/i18n';
import { signInAs, startServer, type TestServer } from './harness';

/**
 * Registers the hooks on the calling suite. `use` is handed each test's server, so a suite keeps its
 * own plain `server` variable and its test bodies read as before.
 */
export function serverPerTest(
  use: (server: TestServer) => void,
  options: { setupToken?: string; signIn?: boolean } = {},
): void {
  let server: TestServer;
  beforeEach(async () => {
    useLangStore.setState({ lang: 'zh' });
    server = await startServer({ setupToken: options.setupToken });
    use(server);
    if (options.signIn) await signInAs(server);
  });
  afterEach(async () => {
    cleanup();
    await server.close();
  });
}
