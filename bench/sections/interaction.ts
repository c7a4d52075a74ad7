// Placeholder until the app's form lands; replaced below.
import type { Section } from '../lib/section';
export const interaction: Section = { name: 'interaction', title: 'Tap → total and autosave', async run() { return { skipped: 'not yet written' }; } };
