// The unpacker of the bundled Chromium's archives (tests/e2e/support/bundledChromium.ts) on archives
// made here: files and folders come out with their modes; a path leaving the folder or an entry
// type it does not handle is refused with the entry's name, never half-unpacked silently.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { untar } from '../e2e/support/bundledChromium';

function entry(name: string, type: string, body = '', mode = 0o644): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write(mode.toString(8).padStart(7, '0'), 100);
  header.write(Buffer.byteLength(body).toString(8).padStart(11, '0'), 124);
  header.write(type, 156);
  header.write('ustar\u000000', 257, 'binary');
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
  data.write(body);
  return Buffer.concat([header, data]);
}
const archive = (...entries: Buffer[]) => Buffer.concat([...entries, Buffer.alloc(1024)]);

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'courtesy-untar-')));

it('unpacks folders and files with their contents and modes', () => {
  const into = fresh();
  untar(archive(entry('lib', '5', '', 0o755), entry('lib/libx.so', '0', 'x'.repeat(700), 0o755), entry('notes.txt', '0', '總機')), into);
  expect(readFileSync(join(into, 'lib/libx.so'), 'utf8')).toBe('x'.repeat(700));
  expect(statSync(join(into, 'lib/libx.so')).mode & 0o777).toBe(0o755);
  expect(readFileSync(join(into, 'notes.txt'), 'utf8')).toBe('總機');
});

it('refuses an entry that would land outside the folder', () => {
  const into = fresh();
  expect(() => untar(archive(entry(['..', 'escape.txt'].join('/'), '0', 'x')), into)).toThrow(/escape\.txt leaves the folder/);
});

it('refuses entry types it does not unpack (a symbolic link)', () => {
  const into = fresh();
  expect(() => untar(archive(entry('link', '2')), into)).toThrow(/link: unsupported tar entry type '2'/);
});
