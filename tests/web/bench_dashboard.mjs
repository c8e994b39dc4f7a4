/*
 * tests/web/bench_dashboard.mjs - how long the dashboard takes in Chromium: from navigation
 * start (a full page load, session cookie already set) to the figures shown, on whatever
 * database the server has (bench.sh gives it the 1M-task dataset).
 *
 * Usage: node tests/web/bench_dashboard.mjs BASE USER PASSWORD UNIT_ID AS_OF [RUNS]
 * Prints each run and the median, in milliseconds, and the bytes the page downloaded.
 */
import { chromium } from 'playwright-core';

const [BASE, USER, PASS, UNIT, AS_OF, RUNS = '7'] = process.argv.slice(2);
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const page = await ctx.newPage();
page.setDefaultTimeout(60000);
await page.goto(BASE + '/#/login');
await page.fill('input[name=username]', USER);
await page.fill('input[name=password]', PASS);
await page.press('input[name=password]', 'Enter');
await page.waitForSelector('#top:not([hidden])');
const times = [];
let detail = null;
for (let i = 0; i <= +RUNS; i++) {
    await page.goto(`${BASE}/?run=${i}#/?unit=${UNIT}&subtree=1&as_of=${AS_OF}`);
    await page.waitForFunction(() => window.gbFiguresShown > 0);
    const r = await page.evaluate(() => ({
        shown: Math.round(window.gbFiguresShown),
        overdue: document.querySelector('.card[data-figure="open_overdue"] .num').textContent,
        assigned: document.querySelector('.card[data-figure="assigned"] .num').textContent,
        res: performance.getEntriesByType('resource').map(e => [e.name.replace(location.origin, '').slice(0, 40),
            Math.round(e.startTime), Math.round(e.duration), e.encodedBodySize]),
    }));
    if (i === 0) { console.log(`warm-up: ${r.shown} ms`); continue; }
    times.push(r.shown);
    detail = r;
    console.log(`run ${i}: figures shown ${r.shown} ms after navigation start (assigned ${r.assigned}, overdue ${r.overdue})`);
}
times.sort((a, b) => a - b);
console.log('requests of the last run [path, start ms, duration ms, bytes]:');
for (const x of detail.res) console.log('  ' + JSON.stringify(x));
console.log(`median ${times[Math.floor(times.length / 2)]} ms, min ${times[0]} ms, max ${times[times.length - 1]} ms`);
await browser.close();
