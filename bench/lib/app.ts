// The app as the bench measures it: built from the current sources, served by the real server.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, distIsStale } from '../../tests/e2e/support/globalSetup';

/** true when dist/ is current, else the reason the browser sections cannot run. */
export function ensureBuilt(root: string): true | string {
  if (!existsSync(join(root, 'index.html'))) return 'no index.html: the app cannot be built';
  try {
    if (distIsStale()) buildApp();
    return true;
  } catch (e) {
    return `vite build failed: ${(e as Error).message.slice(0, 500)}`;
  }
}
