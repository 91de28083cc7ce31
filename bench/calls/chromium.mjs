// Call-setup anchor: two headless Chromium pages (fake camera) through our signaling server.
// Usage: node chromium.mjs ws://HOST:PORT [calls]   -> one JSON line on stdout.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const server = process.argv[2];
const calls = Number(process.argv[3] || 20);
const dir = path.dirname(fileURLToPath(import.meta.url));
const html = fs.readFileSync(path.join(dir, 'page.html'));
const web = http.createServer((req, res) => { res.setHeader('content-type', 'text/html'); res.end(html); });
await new Promise(r => web.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${web.address().port}/page.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
const suffix = String(Date.now() % 100000);
const open = async name => {
  const p = await browser.newPage();
  await p.goto(`${base}?name=${name}&server=${encodeURIComponent(server)}`);
  await p.waitForFunction(() => window.bench && window.bench.loggedIn, null, { timeout: 20000 });
  return p;
};
const callee = await open('cb' + suffix);
const caller = await open('ca' + suffix);
const dc = [], frame = [];
for (let i = 0; i < calls + 2; i++) {
  const r = await caller.evaluate(n => window.bench.call(n), 'cb' + suffix);
  if (i >= 2) { dc.push(Math.round(r.dcOpenMs)); frame.push(Math.round(r.firstFrameMs)); }
  await caller.evaluate(() => window.bench.hangup());
  await callee.waitForFunction(() => window.bench.idle, null, { timeout: 10000 });
}
const median = a => { const s = [...a].sort((x, y) => x - y); const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : Math.round((s[n / 2 - 1] + s[n / 2]) / 2); };
console.log(JSON.stringify({ side: 'chromium', calls, dcOpenMedianMs: median(dc),
  firstFrameMedianMs: median(frame), dcOpenMs: dc, firstFrameMs: frame,
  version: browser.version() }));
await browser.close();
web.close();
