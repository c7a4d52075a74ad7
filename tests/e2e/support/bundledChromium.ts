// The browser that comes with `npm install`: @sparticuz/chromium ships a headless Chromium as
// brotli-compressed files inside the registry package (nothing is downloaded). Unpacked once per
// package version into node_modules/.cache, then reused. The package's own unpacker writes to a
// fixed /tmp/chromium and trusts any file found there; this one unpacks into a private directory
// and renames it into place whole, so an interrupted unpack is never mistaken for a browser and two
// runs unpacking at the same time cannot corrupt each other.
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';

export const REPO_ROOT = join(import.meta.dirname, '../../..');
const CACHE = join(REPO_ROOT, 'node_modules/.cache/courtesy-chromium');

export interface BundledPackage {
  dir: string;
  version: string;
}

/** Where the @sparticuz/chromium package is installed, or undefined (not installed, or no binary for this platform). */
export function bundledPackage(): BundledPackage | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  // Its exports map hides package.json; walk up from the entry point to the package's own folder.
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (pkg.name !== '@sparticuz/chromium') continue;
    return existsSync(join(dir, 'bin/chromium.br')) ? { dir, version: String(pkg.version) } : undefined;
  }
  return undefined;
}

export interface UnpackedChromium {
  executablePath: string;
  /** Shared libraries the binary links against that a bare machine may lack (NSS, NSPR, expat). */
  libDir: string;
  version: string;
}

/**
 * The bundled browser unpacked: `<cache>/<version>/chromium`, with the SwiftShader GL libraries next
 * to it (Chromium loads them from its own folder) and the package's Amazon Linux libraries in lib/.
 */
export async function unpackBundledChromium(pkg: BundledPackage): Promise<UnpackedChromium> {
  const target = join(CACHE, pkg.version);
  const result = { executablePath: join(target, 'chromium'), libDir: join(target, 'lib'), version: pkg.version };
  if (existsSync(result.executablePath)) return result;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, `${pkg.version}.partial-`));
  try {
    const bin = join(pkg.dir, 'bin');
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(work, 'chromium'), { mode: 0o755 }));
    untar(brotliDecompressSync(readFileSync(join(bin, 'swiftshader.tar.br'))), work);
    // al2023.tar holds lib/libnss3.so and friends.
    untar(brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))), work);
    try {
      renameSync(work, target);
    } catch (error) {
      // Another run finished first: use its copy.
      if (!existsSync(result.executablePath)) throw error;
      rmSync(work, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return result;
}

/**
 * A minimal reader of the package's plain ustar archives: regular files and folders only. Anything
 * else (links, long-name extensions, a path leaving the folder) is refused loudly rather than
 * half-unpacked, so a new package version that changes its archives fails here with a clear message.
 */
export function untar(archive: Uint8Array, into: string): void {
  const buf = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const text = (start: number, length: number) => buf.toString('utf8', start, start + length).replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= buf.length; ) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end of archive
    const prefix = text(offset + 345, 155);
    const name = (prefix ? `${prefix}/` : '') + text(offset, 100);
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = text(offset + 156, 1) || '0';
    const path = normalize(join(into, name));
    if (path !== into && !path.startsWith(into + sep)) throw new Error(`archive entry ${name} leaves the folder`);
    if (type === '5') mkdirSync(path, { recursive: true });
    else if (type === '0') {
      mkdirSync(dirname(path), { recursive: true });
      const mode = Number.parseInt(text(offset + 100, 8).trim() || '644', 8) & 0o777;
      writeFileSync(path, buf.subarray(offset + 512, offset + 512 + size), { mode });
    } else throw new Error(`archive entry ${name}: unsupported tar entry type '${type}'`);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

/**
 * A fontconfig file with a CJK font from the registry (Noto Sans TC, @expo-google-fonts/noto-sans-tc)
 * added to whatever the machine has (/etc/fonts when present), so the sheet's Chinese renders on a
 * machine with no font packages, in either browser. Undefined when the font package is missing.
 */
export function fontConfigFile(): string | undefined {
  let fontDir: string;
  try {
    fontDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf'));
  } catch {
    return undefined;
  }
  const root = dirname(fontDir);
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${join(root, '400Regular')}</dir>`,
    `  <dir>${join(root, '700Bold')}</dir>`,
    `  <cachedir>${join(CACHE, 'fontconfig')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  const file = join(CACHE, 'fonts.conf');
  if (existsSync(file) && readFileSync(file, 'utf8') === xml) return file;
  mkdirSync(CACHE, { recursive: true });
  const temp = `${file}.${process.pid}`;
  writeFileSync(temp, xml);
  renameSync(temp, file);
  return file;
}
