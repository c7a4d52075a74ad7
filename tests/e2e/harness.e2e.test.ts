// The harness itself, checked against real parts: the fault proxy really lets the server commit
// before cutting the reply, and the run's Chromium (system or bundled) starts and has a CJK font for
// the sheet: Debian's Noto Sans CJK, or the Noto Sans TC that comes with npm install.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/chromium';
import { PUSH, startFaultProxy, type FaultProxy } from './support/faultProxy';

const skip = inject('e2eSkipReason') !== '';

describe('fault proxy', () => {
  let upstream: Server;
  let proxy: FaultProxy;
  const committed: string[] = [];

  beforeAll(async () => {
    // A tiny stand-in origin that "commits" each push body it receives.
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (b) => (body += b));
      req.on('end', () => {
        if (req.method === 'POST') committed.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, n: committed.length }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const address = upstream.address();
    proxy = await startFaultProxy(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  });
  afterAll(async () => {
    await proxy.close();
    upstream.closeAllConnections();
    await new Promise((r) => upstream.close(r));
  });

  it('forwards ordinary requests untouched', async () => {
    const res = await fetch(`${proxy.url}/api/other`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, n: 1 });
  });

  it('drops the reply of the next push only after the origin committed it', async () => {
    const dropped = proxy.dropNextReply();
    await expect(fetch(`${proxy.url}${PUSH.path}`, { method: 'POST', body: 'op-1' })).rejects.toThrow();
    const seen = await dropped;
    expect(seen.status).toBe(200);
    expect(seen.requestBody).toBe('op-1');
    expect(committed).toContain('op-1');
    // The retry goes through normally.
    const retry = await fetch(`${proxy.url}${PUSH.path}`, { method: 'POST', body: 'op-1' });
    expect(retry.status).toBe(200);
    expect(proxy.count(PUSH)).toBe(2);
  });

  it('holds a request until released, and answers 502 when the origin is gone', async () => {
    const held = proxy.holdNext();
    const reply = fetch(`${proxy.url}${PUSH.path}`, { method: 'POST', body: 'op-2' });
    await held.arrived;
    expect(committed).not.toContain('op-2');
    proxy.setTarget('http://127.0.0.1:9'); // discard port: nothing listens
    held.release();
    expect((await reply).status).toBe(502);
  });
});

describe.skipIf(skip)('the run’s Chromium', () => {
  it('starts headless and renders the sheet’s Chinese with a CJK font', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent('<html lang="zh-Hant-TW"><body><p id="t">總機人員接聽速度</p></body></html>');
      // A missing CJK font would render tofu: ask the renderer which platform font drew the text.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#t' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      expect(fonts.map((f) => f.familyName).join(',')).toMatch(/CJK|Noto Sans TC/);
      await expect(page.locator('#t').textContent()).resolves.toBe('總機人員接聽速度');
    } finally {
      await browser.close();
    }
  });
});
