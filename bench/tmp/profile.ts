import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
import { currentSheet, findNode } from '../../src/scoresheet';
import { choice, itemGroup, startTest } from '../../tests/e2e/support/app';
import { launchBrowser } from '../../tests/e2e/support/chromium';
import { startServer } from '../../tests/e2e/support/server';

const server = await startServer();
const browser = await launchBrowser();
const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await page.goto(server.url + '/');
await startTest(page, { unitName: '第五組', answererSurname: '王', extension: '123', testerName: '林測試' });
await page.getByRole('region', { name: '得分' }).waitFor();
const group = itemGroup(page, findNode(currentSheet, '1.3.1')!.label.zh);
const yes = choice(group, '有');
const no = choice(group, '無');
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.start');
for (let i = 0; i < 20; i++) { await (i % 2 ? no : yes).click(); await page.waitForTimeout(400); }
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas!;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map<number, number>();
profile.samples!.forEach((s, i) => counts.set(s, (counts.get(s) ?? 0) + (dt[i] ?? 0)));
const maps = new Map<string, SourceMapConsumer | null>();
function where(url: string, line: number, col: number, name: string): string {
  const m = url.match(/\/assets\/(.+\.js)$/);
  if (!m) return `${name || '(anon)'} ${url.split('/').pop()}`;
  if (!maps.has(m[1])) { try { maps.set(m[1], new SourceMapConsumer(JSON.parse(readFileSync(`dist/assets/${m[1]}.map`, 'utf8')))); } catch { maps.set(m[1], null); } }
  const c = maps.get(m[1]);
  const p = c?.originalPositionFor({ line: line + 1, column: col });
  return p?.source ? `${p.name ?? name} ${p.source.replace(/.*node_modules\//, 'nm:').replace(/.*src\//, 'src/')}:${p.line}` : `${name} ${m[1]}`;
}
const bySrc = new Map<string, number>();
for (const [id, us] of counts) {
  const n = byId.get(id)!;
  const f = n.callFrame;
  const k = where(f.url, f.lineNumber, f.columnNumber, f.functionName);
  self.set(k, (self.get(k) ?? 0) + us);
  const file = k.split(' ')[1]?.replace(/:\d+$/, '') ?? k;
  bySrc.set(file, (bySrc.get(file) ?? 0) + us);
}
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
for (const [k, us] of top) console.log((us / 1000).toFixed(1).padStart(8), k);
console.log('--- by file');
for (const [k, us] of [...bySrc.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((us / 1000).toFixed(1).padStart(8), k);
await browser.close();
await server.dispose();
