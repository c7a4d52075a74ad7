// The e2e browser, driven by playwright-core. Nothing here ever downloads a browser. Which one:
//   CHROMIUM_PATH=/path/to/chrome   that binary;
//   E2E_CHROMIUM=system             the system Chromium (/usr/bin/chromium), required;
//   E2E_CHROMIUM=bundled            the one the @sparticuz/chromium package ships (bundledChromium.ts);
//   neither                         the system Chromium when installed, else the bundled one.
// Either way the browser gets a CJK font from the registry (Noto Sans TC) beside the machine's fonts.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import { bundledPackage, fontConfigFile, unpackBundledChromium } from './bundledChromium';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** The system (or explicitly given) binary; `resolveChromium()` says which browser a run really uses. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? SYSTEM_CHROMIUM;

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

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'bundled';

export interface ResolvedChromium {
  source: ChromiumSource;
  executablePath: string;
  /** Added to the browser's environment (library path of the bundled one, the font configuration). */
  env: Record<string, string>;
  /** For people: which browser this run uses. */
  description: string;
}

type Choice = 'system' | 'bundled' | 'auto';

function choice(): Choice {
  const value = process.env.E2E_CHROMIUM ?? '';
  if (value === '' || value === 'auto') return 'auto';
  if (value === 'system' || value === 'bundled') return value;
  throw new Error(`E2E_CHROMIUM=${value}: use 'system', 'bundled' or leave it unset`);
}

export const chromiumMissingMessage =
  `No Chromium for the e2e tests: neither ${SYSTEM_CHROMIUM} nor the @sparticuz/chromium package (npm install; ` +
  'linux-x64 only) is there. Run `npm install`, install Debian\'s `chromium`, or set CHROMIUM_PATH.';

/** True when some browser can be had (bench uses it to decide whether to run its browser sections). */
export function chromiumInstalled(): boolean {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH);
  const wanted = choice();
  if (wanted === 'system') return existsSync(SYSTEM_CHROMIUM);
  if (wanted === 'bundled') return bundledPackage() !== undefined;
  return existsSync(SYSTEM_CHROMIUM) || bundledPackage() !== undefined;
}

function withFonts(env: Record<string, string>): Record<string, string> {
  const fonts = fontConfigFile();
  return fonts ? { ...env, FONTCONFIG_FILE: fonts } : env;
}

async function bundled(): Promise<ResolvedChromium> {
  const pkg = bundledPackage();
  if (!pkg) throw new Error(`E2E_CHROMIUM=bundled, but the @sparticuz/chromium package is not installed for ${process.platform}-${process.arch}. ${chromiumMissingMessage}`);
  const unpacked = await unpackBundledChromium(pkg);
  const libraryPath = [unpacked.libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return {
    source: 'bundled',
    executablePath: unpacked.executablePath,
    env: withFonts({ LD_LIBRARY_PATH: libraryPath }),
    description: `Chromium ${pkg.version} from the @sparticuz/chromium package (${unpacked.executablePath})`,
  };
}

async function pick(): Promise<ResolvedChromium> {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given}: no such file`);
    return { source: 'CHROMIUM_PATH', executablePath: given, env: withFonts({}), description: `CHROMIUM_PATH (${given})` };
  }
  const wanted = choice();
  const system: ResolvedChromium = { source: 'system', executablePath: SYSTEM_CHROMIUM, env: withFonts({}), description: `the system Chromium (${SYSTEM_CHROMIUM})` };
  if (wanted === 'system') {
    if (!existsSync(SYSTEM_CHROMIUM)) throw new Error(`E2E_CHROMIUM=system, but ${SYSTEM_CHROMIUM} is not installed`);
    return system;
  }
  if (wanted === 'auto' && existsSync(SYSTEM_CHROMIUM)) return system;
  if (wanted === 'auto' && !bundledPackage()) throw new Error(chromiumMissingMessage);
  return bundled();
}

let resolved: Promise<ResolvedChromium> | undefined;

/** The browser this run uses (unpacking the bundled one on first use). */
export function resolveChromium(): Promise<ResolvedChromium> {
  resolved ??= pick();
  return resolved;
}

/** The bundled browser whatever the settings say: the harness checks it starts on a bare machine. */
export function resolveBundledChromium(): Promise<ResolvedChromium> {
  return bundled();
}

async function options(extra: LaunchOptions = {}, browser?: ResolvedChromium): Promise<LaunchOptions> {
  const b = browser ?? (await resolveChromium());
  return { executablePath: b.executablePath, args: CHROMIUM_ARGS, headless: true, env: { ...process.env, ...b.env }, ...extra };
}

/** How long one action or wait may take: generous for a loaded 2-core CI machine, short enough that
 * a missing label fails the step in seconds instead of stalling the whole run. */
export const ACTION_TIMEOUT_MS = 30_000;

export async function launchBrowser(extra?: LaunchOptions, browser?: ResolvedChromium): Promise<Browser> {
  return chromium.launch(await options(extra, browser));
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
    ...(await options()),
    locale: 'zh-TW',
    timezoneId: 'Asia/Taipei',
    ...extra,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return context;
}
