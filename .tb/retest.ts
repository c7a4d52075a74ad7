import { chromium } from 'playwright-core';
const URL = 'http://localhost:8193/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(URL + '#/new', { waitUntil: 'networkidle' });
await page.getByLabel('受測單位').fill('第二組');
await page.getByRole('button', { name: '開始測試' }).click(); await page.waitForTimeout(800);
const b = page.getByRole('button', { name: /總機無人接聽/ });
await b.scrollIntoViewIfNeeded(); await b.click(); await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/tb/f-retest.png' });
// keyboard focus on a radio row
await page.getByRole('radio').first().focus(); await page.keyboard.press('ArrowDown'); await page.waitForTimeout(300);
await page.getByRole('radio').nth(1).scrollIntoViewIfNeeded();
await page.screenshot({ path: '/tmp/tb/f-focus.png' });
await browser.close();
