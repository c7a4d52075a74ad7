// Debian's Chromium driven by playwright-core. Nothing here ever downloads a browser: the binary is
// the system package (`apt-get install chromium fonts-noto-cjk`), or the suite refuses to run on CI.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep the browser quiet and deterministic: no GPU, no QUIC, no background calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumMissingMessage =
  `Chromium not found at ${CHROMIUM_PATH}. Install Debian's packages: ` +
  '`apt-get install -y chromium fonts-noto-cjk` (the e2e suite never downloads a browser).';

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

function options(extra: LaunchOptions = {}): LaunchOptions {
  return { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, ...extra };
}

/** How long one action or wait may take: generous for a loaded 2-core CI machine, short enough that
 * a missing label fails the step in seconds instead of stalling the whole run. */
export const ACTION_TIMEOUT_MS = 30_000;

export function launchBrowser(extra?: LaunchOptions): Promise<Browser> {
  return chromium.launch(options(extra));
}

/** A page in a fresh context (its own cookies and storage), Taiwanese locale and time zone. */
export async function freshPage(browser: Browser, extra: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei', ...extra });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return context.newPage();
}

/**
 * A browser with a profile on disk: closing it and launching again with the same directory is
 * "the tester closed the browser and opened it again" (IndexedDB, service worker, cookies survive).
 */
export async function launchProfile(userDataDir: string, extra: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'zh-TW',
    timezoneId: 'Asia/Taipei',
    ...extra,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return context;
}
