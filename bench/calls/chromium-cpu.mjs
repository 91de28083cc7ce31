// CPU per call of Chromium, beside run.sh's headless Java peer: two separate headless Chromium
// browsers (fake camera, 640x480) in a two-way call through our server; after a warm-up, the CPU
// of ONE browser with all its processes (browser, renderer, GPU/compositor, utility, network) over
// the sample window, and the sum of their RSS (shared pages counted per process, an upper bound)
// and of their PSS (shared pages split).
// Usage: node chromium-cpu.mjs ws://HOST:PORT [warmupSeconds] [sampleSeconds]  -> one JSON line
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeUsage } from './machine.mjs';

const server = process.argv[2];
const warmup = Number(process.argv[3] || 10);
const sample = Number(process.argv[4] || 30);
const dir = path.dirname(fileURLToPath(import.meta.url));
const html = fs.readFileSync(path.join(dir, 'page.html'));
const web = http.createServer((req, res) => { res.setHeader('content-type', 'text/html'); res.end(html); });
await new Promise(r => web.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${web.address().port}/page.html`;
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const suffix = String(Date.now() % 100000);

async function peer(name) {
  const srv = await chromium.launchServer({ executablePath, args });
  const browser = await chromium.connect(srv.wsEndpoint());
  const page = await browser.newPage();
  await page.goto(`${base}?name=${name}&server=${encodeURIComponent(server)}`);
  await page.waitForFunction(() => window.bench && window.bench.loggedIn, null, { timeout: 20000 });
  return { srv, browser, page };
}
const b = await peer('cpucb' + suffix);
const a = await peer('cpuca' + suffix);
await a.page.evaluate(n => window.bench.call(n), 'cpucb' + suffix);
await new Promise(r => setTimeout(r, warmup * 1000));
const pid = a.srv.process().pid;
const u0 = treeUsage(pid), t0 = performance.now();
await new Promise(r => setTimeout(r, sample * 1000));
const u1 = treeUsage(pid), t1 = performance.now();
const fps = await a.page.evaluate(async () => {
  const v = document.getElementById('remote');
  return { width: v.videoWidth, height: v.videoHeight, frames: v.getVideoPlaybackQuality().totalVideoFrames };
});
console.log(JSON.stringify({ kind: 'cpu', what: 'one Chromium peer (all its processes)',
  cpuPercentOfOneCore: 100 * (u1.cpu - u0.cpu) / ((t1 - t0) / 1000), rssMiB: u1.rss / 1048576, pssMiB: u1.pss / 1048576,
  note: `fake camera 640x480 both ways, remote video ${fps.width}x${fps.height} in a <video>, ${sample} s after ${warmup} s warm-up, RSS summed over its processes (PSS ${Math.round(u1.pss / 1048576)} MiB)` }));
await a.browser.close(); await b.browser.close(); await a.srv.close(); await b.srv.close();
web.close();
