// Time to open an HTML report in headless Chromium: from navigation until the page script has
// drawn every section (window.firmnetReport set), best of R runs, plus the file size and the
// page's main-thread CPU time (Chromium's ThreadTime metric), which a busy machine does not
// inflate the way it inflates wall time.
// Usage: node bench/report_open.mjs REPORT.html [RUNS]   (docs/benchmarks.md, "HTML report")
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import url from 'node:url';

const here = path.dirname(url.fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../report/web/package.json'));
const { chromium } = require('playwright-core');

const file = path.resolve(process.argv[2]);
const runs = Number(process.argv[3] || 3);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const times = [], cpu = [];
for (let r = 0; r < runs; ++r) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
  const cpuBefore = await threadTime();
  const start = Date.now();
  await page.goto('file://' + file, { timeout: 120000 });
  await page.waitForFunction(() => window.firmnetReport !== undefined, null, { timeout: 120000, polling: 20 });
  times.push(Date.now() - start);
  cpu.push(Math.round((await threadTime() - cpuBefore) * 1000));
  if (errors.length) console.log('page errors:', errors);
  await page.close();
}
await browser.close();
const bytes = fs.statSync(file).size;
console.log(JSON.stringify({ file: path.basename(file), bytes, megabytes: +(bytes / 1e6).toFixed(2),
  open_ms: times, best_ms: Math.min(...times), main_thread_cpu_ms: cpu, best_cpu_ms: Math.min(...cpu) }));
