// Lighthouse's mobile throttling over CDP: 4× CPU slowdown and "slow 4G" (562.5 ms RTT, 1.6 Mbps down,
// 750 kbps up). A service worker's fetches run in its own target and escape the page's network
// emulation, so every worker target attached to the page gets the same conditions before it runs.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export const MOBILE = {
  cpuRate: 4,
  network: { offline: false, latency: 562.5, downloadThroughput: 188_743, uploadThroughput: 86_400 },
} as const;

export type NetworkConditions = { offline: boolean; latency: number; downloadThroughput: number; uploadThroughput: number };

export interface Throttled {
  page: Page;
  cdp: CDPSession;
  /** Worker targets (service worker, dedicated workers) that received the same network conditions. */
  workers: string[];
  /**
   * Network conditions for the page and every worker attached so far. Going offline and back this
   * way keeps the throttle (Playwright's setOffline would reset it), and fires online/offline events.
   */
  setNetwork(conditions: NetworkConditions): Promise<void>;
}

/** Sends one command to a non-flattened child session (the only way playwright-core can reach it). */
function sendToChild(cdp: CDPSession, sessionId: string, id: number, method: string, params: object): Promise<unknown> {
  return cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
}

export async function throttledPage(context: BrowserContext, { cpu = true, network = true } = {}): Promise<Throttled> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const workers: string[] = [];
  const sessions: string[] = [];
  let current: NetworkConditions | undefined = network ? { ...MOBILE.network } : undefined;
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    const { sessionId, targetInfo, waitingForDebugger } = event;
    workers.push(targetInfo.type);
    sessions.push(sessionId);
    void (async () => {
      await sendToChild(cdp, sessionId, nextId++, 'Network.enable', {});
      if (current) await sendToChild(cdp, sessionId, nextId++, 'Network.emulateNetworkConditions', current);
      if (waitingForDebugger) await sendToChild(cdp, sessionId, nextId++, 'Runtime.runIfWaitingForDebugger', {});
    })().catch(() => undefined);
  });
  // Workers start paused until they are throttled too.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  if (cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuRate });
  await cdp.send('Network.enable');
  if (current) await cdp.send('Network.emulateNetworkConditions', current);
  const setNetwork = async (conditions: NetworkConditions) => {
    current = conditions;
    await cdp.send('Network.emulateNetworkConditions', conditions);
    for (const sessionId of sessions) await sendToChild(cdp, sessionId, nextId++, 'Network.emulateNetworkConditions', conditions).catch(() => undefined);
  };
  return { page, cdp, workers, setNetwork };
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
