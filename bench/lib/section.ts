// One bench section: it either measures (figures, each documented in its notes) or says why it
// could not (a missing feature, a missing database), so results.json always explains every gap.
import type { Browser } from 'playwright-core';

export interface BenchContext {
  root: string;
  runs: number;
  /** Launched lazily: sections that need no browser never start one. */
  browser(): Promise<Browser>;
}

export interface SectionOutcome {
  figures?: Record<string, number>;
  notes?: string[];
  skipped?: string;
}

export interface Section {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<SectionOutcome>;
}
