// Call-setup anchor: two headless Chromium pages (fake camera) through our signaling server, ring
// flow, the same setup steps as the Java peer (page.html), 2 warm-up calls then N measured.
// With BENCH_ROOT_PID set (run.sh), also prints load snapshots "chromium-start"/"-end" around the
// measured calls, while every Chromium process is alive (machine.mjs).
// Usage: node chromium.mjs ws://HOST:PORT [calls] [ringMs]   -> JSON lines on stdout:
//   {"side":"chromium","calls":N,"phases":{"caller.dc-open":[ms,...],"callee.accept-sent":[...]},"version":...}
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshot } from './machine.mjs';

const server = process.argv[2];
const calls = Number(process.argv[3] || 20);
const ringMs = Number(process.argv[4] || 0); // the callee accepts this long after the ring
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
  await p.goto(`${base}?name=${name}&ring=${ringMs}&server=${encodeURIComponent(server)}`);
  await p.waitForFunction(() => window.bench && window.bench.loggedIn, null, { timeout: 20000 });
  return p;
};
const callee = await open('cb' + suffix);
const caller = await open('ca' + suffix);
const phases = {};
const add = (side, marks, t0) => {
  for (const [k, t] of Object.entries(marks)) (phases[`${side}.${k}`] ??= []).push(Math.round((t - t0) * 10) / 10);
};
const rootPid = Number(process.env.BENCH_ROOT_PID || 0);
for (let i = 0; i < calls + 2; i++) {
  if (i === 2 && rootPid) console.log(JSON.stringify({ kind: 'snapshot', name: `chromium${ringMs ? '-ring' : ''}-start`, ...snapshot(rootPid) }));
  await callee.evaluate(() => window.bench.reset());
  const a = await caller.evaluate(n => window.bench.call(n), 'cb' + suffix);
  await callee.waitForFunction(() => window.bench.done(), null, { timeout: 20000 });
  const b = await callee.evaluate(() => window.bench.phases);
  if (i >= 2) { add('caller', a, a['call-sent']); add('callee', b, a['call-sent']); }
  await caller.evaluate(() => window.bench.hangup());
  await callee.waitForFunction(() => window.bench.idle, null, { timeout: 10000 });
}
if (rootPid) console.log(JSON.stringify({ kind: 'snapshot', name: `chromium${ringMs ? '-ring' : ''}-end`, ...snapshot(rootPid) }));
console.log(JSON.stringify({ side: 'chromium', calls, ringMs, phases, version: browser.version() }));
await browser.close();
web.close();
