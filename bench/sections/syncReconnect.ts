// Placeholder until the sync engine lands; replaced below.
import type { Section } from '../lib/section';
export const syncReconnect: Section = { name: 'syncReconnect', title: 'Sync of 1,000 queued tests on reconnect', async run() { return { skipped: 'not yet written' }; } };
