import { chromium } from 'playwright-core';
const URL = 'http://localhost:8193/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const check = async (name: string) => {
  await page.waitForTimeout(700);
  const small = await page.evaluate(() => {
    const out: string[] = [];
    document.querySelectorAll('a[href], button, input, select, summary, label[for]').forEach((el) => {
      const r = (el as HTMLElement).getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      if (el.matches('input[type=radio]')) return; // the label row is the target
      if (el.closest('.skip-link')) return;
      if (r.height < 43.5 || r.width < 43.5) out.push(`${el.tagName} ${Math.round(r.width)}x${Math.round(r.height)} ${(el.textContent || (el as HTMLInputElement).id || '').trim().slice(0, 40)}`);
    });
    return [...new Set(out)].slice(0, 15);
  });
  console.log(name, small);
};
await page.goto(URL, { waitUntil: 'networkidle' }); await check('home');
await page.goto(URL + '#/new'); await check('new');
await page.getByRole('button', { name: '開始測試' }).click(); await check('form');
await page.goto(URL + '#/settings'); await check('settings');
// focus ring via keyboard
await page.goto(URL + '#/new'); await page.waitForTimeout(500);
for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
console.log('focus outline', await page.evaluate(() => { const e = document.activeElement as HTMLElement; const c = getComputedStyle(e); return e.tagName + ' ' + c.outlineStyle + ' ' + c.outlineWidth + ' ' + c.outlineColor; }));
await browser.close();
