// Lighthouse's mobile throttling over CDP: 4× CPU slowdown and "slow 4G" (562.5 ms RTT, 1.6 Mbps down,
// 750 kbps up). A service worker's fetches run in its own target and escape the page's network
// emulation, so every worker target attached to the page gets the same conditions before it runs.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export const MOBILE = {
  cpuRate: 4,
  network: { offline: false, latency: 562.5, downloadThroughput: 188_743, uploadThroughput: 86_400 },
} as const;

export interface Throttled {
  page: Page;
  cdp: CDPSession;
  /** Worker targets (service worker, dedicated workers) that received the same network conditions. */
  workers: string[];
}

/** Sends one command to a non-flattened child session (the only way playwright-core can reach it). */
function sendToChild(cdp: CDPSession, sessionId: string, id: number, method: string, params: object): Promise<unknown> {
  return cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
}

export async function throttledPage(context: BrowserContext, { cpu = true, network = true } = {}): Promise<Throttled> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const workers: string[] = [];
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    const { sessionId, targetInfo, waitingForDebugger } = event;
    workers.push(targetInfo.type);
    void (async () => {
      if (network) {
        await sendToChild(cdp, sessionId, nextId++, 'Network.enable', {});
        await sendToChild(cdp, sessionId, nextId++, 'Network.emulateNetworkConditions', MOBILE.network);
      }
      if (waitingForDebugger) await sendToChild(cdp, sessionId, nextId++, 'Runtime.runIfWaitingForDebugger', {});
    })().catch(() => undefined);
  });
  // Workers start paused until they are throttled too.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  if (cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuRate });
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', MOBILE.network);
  }
  return { page, cdp, workers };
}

/** Largest Contentful Paint of the current document, read from the buffered performance timeline. */
export async function readLcp(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) last = Math.max(last, entry.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        // Buffered entries are delivered in the next task; two frames later the value is final.
        setTimeout(() => resolve(last), 100);
      }),
  );
}
