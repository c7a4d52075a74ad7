// The live-call screen's ergonomics on a 390 × 844 phone: a typical complete test (the spec's
// example answers, timers tapped live) run by tests/e2e/support/liveCall.ts, counting taps,
// the scrolling the tester needs, and whether each live tool was on screen when tapped. The
// figures are counts, not timings; each is printed next to issue 14's target (its "floor").
import { signIn } from '../../tests/e2e/support/app';
import { installErgonomicsProbe, PHONE, typicalLiveCall, type LiveCallFigures } from '../../tests/e2e/support/liveCall';
import { seedAccounts } from '../../tests/e2e/support/seed';
import { freshDataDir, startServer } from '../../tests/e2e/support/server';
import type { Section } from '../lib/section';
import { median } from '../lib/stats';

export const TARGETS = { taps: 30, screensScrolled: 3 };

export const liveCall: Section = {
  name: 'liveCall',
  title: 'Live-call screen: taps and scrolling for a typical complete test (390 × 844)',
  async run(ctx) {
    const browser = await ctx.browser();
    const dataDir = freshDataDir();
    const seed = await seedAccounts(dataDir);
    const server = await startServer({ dataDir });
    const runs: LiveCallFigures[] = [];
    try {
      // Counts do not vary with machine load; three runs show they do not vary at all.
      for (let i = 0; i < 3; i++) {
        const context = await browser.newContext({ viewport: PHONE, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
        try {
          await installErgonomicsProbe(context as never);
          const page = await context.newPage();
          await signIn(page, server.url, seed.tester);
          runs.push(await typicalLiveCall(page, server.url));
        } finally {
          await context.close();
        }
      }
    } finally {
      await server.dispose();
    }
    const m = (k: keyof LiveCallFigures) => median(runs.map((r) => r[k] as number));
    return {
      figures: {
        taps: m('taps'),
        tapsTarget: TARGETS.taps,
        tapsVsTarget: m('taps') / TARGETS.taps,
        screensScrolledByTester: m('screensScrolled'),
        screensScrolledTarget: TARGETS.screensScrolled,
        pageScreensScrolledIncludingApp: m('pageScreensScrolled'),
        liveToolTaps: m('toolTaps'),
        liveToolTapsOnScreen: m('toolsOnScreen'),
      },
      notes: [
        'typical test: the spec example (voice system, 3 rings at the switchboard, transfer not needed, 甲), each step as the call goes',
        'screensScrolledByTester: before each tap, how far the control was outside the visible band (between the score bar and the tools), summed, ÷ 844',
        'pageScreensScrolledIncludingApp: every page scroll, including the app bringing the next question up and returning to the top on a new step',
      ],
    };
  },
};
