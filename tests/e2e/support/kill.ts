// "The battery died": SIGKILL the Chromium this test launched on `userDataDir` (found by that unique
// profile directory on its command line, ended by pid). Nothing gets a chance to flush or say goodbye.
import { readdirSync, readFileSync } from 'node:fs';

export function killBrowserOnProfile(userDataDir: string): number[] {
  const killed: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!args.includes(`--user-data-dir=${userDataDir}`)) continue;
    try {
      process.kill(Number(name), 'SIGKILL');
      killed.push(Number(name));
    } catch {
      /* already gone */
    }
  }
  if (killed.length === 0) throw new Error(`no Chromium process found on profile ${userDataDir}`);
  return killed;
}
