// The browser a bare machine gets from `npm install`: the @sparticuz/chromium package's Chromium,
// checked on every run even where a system Chromium exists (which the other e2e files then use),
// so the "only Node" path never rots unseen. It needs nothing from the machine beyond glibc (and
// libgcc_s/libstdc++, which Node itself needs), starts under playwright-core, and renders the
// sheet's Chinese with the CJK font that also comes from the registry.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchBrowser, resolveBundledChromium } from './support/chromium';

/** What any glibc Linux that runs Node has: the C library and its parts, the loader, the GCC runtime. */
const BASE_SYSTEM = /^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|ld-linux-x86-64\.so\.2|libgcc_s\.so\.1|libstdc\+\+\.so\.6)$/;

/** Every shared library mapped by the running processes of one executable (what it really loaded, dlopen included). */
function loadedLibraries(executable: string): string[] {
  const libs = new Set<string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(executable)) continue;
      for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
        const path = line.match(/\s(\/\S+\.so(?:\.[\d.]+)?)$/)?.[1];
        if (path) libs.add(path);
      }
    } catch {
      /* the process ended meanwhile */
    }
  }
  return [...libs].sort();
}

describe('the bundled Chromium (@sparticuz/chromium)', () => {
  it('links only against its own libraries and glibc (ldd)', async () => {
    const browser = await resolveBundledChromium();
    const run = spawnSync('ldd', [browser.executablePath], { encoding: 'utf8', env: { ...process.env, ...browser.env } });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.filter((l) => l.includes('not found'))).toEqual([]);
    const libDir = browser.env.LD_LIBRARY_PATH!.split(':')[0]!;
    const fromMachine = lines
      .map((l) => {
        const [name, , path] = l.split(/\s+/);
        return { name: name!.split('/').pop()!, path: path ?? '' };
      })
      .filter((lib) => !lib.path.startsWith(libDir) && !BASE_SYSTEM.test(lib.name))
      .map((lib) => lib.name);
    expect(fromMachine).toEqual([]);
    // NSS really comes from the package, not from a system Chromium's dependencies.
    expect(lines.find((l) => l.startsWith('libnss3.so'))).toContain(libDir);
  });

  it('starts under playwright-core and renders Chinese with a CJK font', async () => {
    const resolved = await resolveBundledChromium();
    const browser = await launchBrowser({}, resolved);
    try {
      expect(browser.version()).toMatch(/^\d+\./);
      const page = await browser.newPage();
      await page.setContent('<html lang="zh-Hant-TW"><body><p id="t">總機人員接聽速度</p></body></html>');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#t' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      expect(fonts.map((f) => f.familyName).join(',')).toMatch(/CJK|Noto Sans TC/);
      await expect(page.locator('#t').textContent()).resolves.toBe('總機人員接聽速度');
      // What it really loaded while rendering (dlopen'd GL, NSS modules…): its own files and glibc only.
      // (NSS's TLS soft token, libsoftokn3, would want the machine's libsqlite3; the tests speak plain
      // HTTP on loopback, so it is never loaded: this check would catch it if it were.)
      const loaded = loadedLibraries(resolved.executablePath);
      expect(loaded.length).toBeGreaterThan(5);
      const own = dirname(resolved.executablePath);
      expect(loaded.filter((lib) => !lib.startsWith(own) && !BASE_SYSTEM.test(basename(lib)))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
