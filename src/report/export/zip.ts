// Zip packaging shared by ODS, ODT and XLSX. Entries are written in the given order with a fixed
// timestamp (the report's date), so the same report always gives the same bytes: the CLI and the
// app's download can be compared file for file.
import { zipSync, type Zippable } from 'fflate';
import { encodeUtf8 } from './safe';

export interface ZipEntry {
  path: string;
  data: string | Uint8Array;
  /** Store without compression (ODF's `mimetype` must be). */
  stored?: boolean;
}

export function zipEntries(entries: ZipEntry[], date: string): Uint8Array {
  const mtime = new Date(date);
  // DOS time starts in 1980; an invalid or earlier date would make fflate throw.
  const when = Number.isNaN(mtime.getTime()) || mtime.getUTCFullYear() < 1981 ? new Date(Date.UTC(1981, 0, 1)) : mtime;
  const files: Zippable = {};
  for (const e of entries) {
    const bytes = typeof e.data === 'string' ? encodeUtf8(e.data) : e.data;
    files[e.path] = [bytes, { level: e.stored ? 0 : 6, mtime: when }];
  }
  return zipSync(files, { mtime: when });
}
