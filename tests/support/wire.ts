// The sync wire as an up-to-date app speaks it: every push body and pull query names the protocol
// version and the sheet versions the app can render (record contract).
import { PROTOCOL_VERSION, sheetKey } from '../../src/sync/protocol';
import { sheets } from '../../src/scoresheet';

export const SHEETS = Object.values(sheets).map((s) => ({ id: s.id, version: s.version }));

/** A push body: `{protocol, clientId, sheets, ops}`. */
export function pushBody(clientId: string, ops: unknown[]): { protocol: number; clientId: string; sheets: typeof SHEETS; ops: unknown[] } {
  return { protocol: PROTOCOL_VERSION, clientId, sheets: SHEETS, ops };
}

/** `/api/sync/pull?protocol=2&sheets=…&<query>`. */
export function pullPath(query = ''): string {
  const base = `/api/sync/pull?protocol=${PROTOCOL_VERSION}&sheets=${encodeURIComponent(SHEETS.map(sheetKey).join(','))}`;
  return query ? `${base}&${query}` : base;
}
