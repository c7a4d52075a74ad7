// While online and signed in: fetch the published sheet versions and keep them on the device
// (src/device/sheetCache.ts), so a revised sheet is in force on this phone from its effective
// date — also offline — with no app update.
import type { Device } from '../../device';
import { cacheServedSheets } from '../../device/sheetCache';
import { api } from '../api';

export async function refreshServedSheets(device: Device): Promise<string[] | undefined> {
  try {
    const served = await api<unknown>('/api/sheets');
    const result = await cacheServedSheets(device, served);
    // A version the device refused is the server's problem to fix; the device keeps working.
    for (const error of result.errors) console.warn(`sheet not cached: ${error}`);
    return result.known;
  } catch {
    return undefined; // offline: the cached versions stay in force
  }
}
