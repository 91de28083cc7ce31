// Drives Debian's firefox-esr for the Java interop tests (dev.peerphone.app.interop.Firefox):
// puppeteer-core over WebDriver BiDi, one Firefox per process, one browser context per page.
//
// stdin: one JSON request per line, {id, op, ...}; stdout: one JSON line per reply,
// {id, ok: true, value} or {id, ok: false, error}, plus events {event: "ready" | "console" |
// "pageerror", page, text}. Requests run one at a time, in order. Ops:
//   open {url} → page number          evaluate {page, fn, arg} → fn(arg), awaited
//   waitFor {page, fn, arg, timeout}  polls fn(arg) every 100 ms until truthy, → its value
//   click {page, selector, timeout}   fill {page, selector, value}   select {page, selector, value}
//   screenshot {page, path}           close {page}                   quit
// Waiting is done here with evaluate (page.waitForFunction compiles with new Function, which the
// page's Content-Security-Policy forbids).
//
// Environment: FIREFOX (the executable, default /usr/bin/firefox-esr); FIREFOX_PREFS (a JSON
// object of extra preferences, e.g. {"network.dns.localDomains": "peerphone.test"}).

import puppeteer from 'puppeteer-core';
import readline from 'node:readline';

const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const pages = new Map();
let nextPage = 1;

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
  headless: true,
  protocolTimeout: 60000,
  extraPrefsFirefox: {
    // A generated camera picture and microphone tone, granted without a prompt.
    'media.navigator.streams.fake': true,
    'media.navigator.permission.disabled': true,
    // Autoplay of remote audio without a user gesture, as a person clicking would allow.
    'media.autoplay.default': 0,
    'media.autoplay.blocking_policy': 0,
    ...JSON.parse(process.env.FIREFOX_PREFS || '{}'),
  },
});

function page(n) {
  const p = pages.get(n);
  if (!p) throw new Error(`no page ${n}`);
  return p;
}

/** fn(arg) in the page; fn is a function's source text, arg any JSON value. */
function evaluate(p, fn, arg) {
  return p.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`);
}

async function waitFor(p, fn, arg, timeout) {
  const deadline = Date.now() + (timeout || 30000);
  let last;
  for (;;) {
    try {
      last = await evaluate(p, fn, arg);
      if (last) return last;
    } catch (e) {
      last = `threw ${e.message}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${fn} (${JSON.stringify(arg)}); last: ${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const present = (selector) => `() => { const e = document.querySelector(${JSON.stringify(selector)});
  return !!e && !e.disabled && e.getClientRects().length > 0; }`;

const ops = {
  async open({ url }) {
    const context = await browser.createBrowserContext();
    const p = await context.newPage();
    const n = nextPage++;
    p.on('console', (m) => {
      if (m.type() === 'error') out({ event: 'console', page: n, text: m.text() });
    });
    p.on('pageerror', (e) => out({ event: 'pageerror', page: n, text: String(e && e.message ? e.message : e) }));
    pages.set(n, p);
    await p.goto(url, { waitUntil: 'load' });
    return n;
  },
  evaluate: ({ page: n, fn, arg }) => evaluate(page(n), fn, arg),
  waitFor: ({ page: n, fn, arg, timeout }) => waitFor(page(n), fn, arg, timeout),
  async click({ page: n, selector, timeout }) {
    await waitFor(page(n), present(selector), null, timeout || 20000);
    await page(n).click(selector);
    return null;
  },
  async fill({ page: n, selector, value }) {
    const p = page(n);
    await waitFor(p, present(selector), null, 20000);
    await evaluate(p, '(s) => { const e = document.querySelector(s); e.focus(); e.select(); }', selector);
    await p.keyboard.press('Backspace');
    await p.keyboard.type(value);
    return null;
  },
  async select({ page: n, selector, value }) {
    await page(n).select(selector, value);
    return null;
  },
  async screenshot({ page: n, path }) {
    await page(n).screenshot({ path, fullPage: true });
    return null;
  },
  async close({ page: n }) {
    const p = page(n);
    pages.delete(n);
    await p.browserContext().close();
    return null;
  },
};

out({ event: 'ready', version: await browser.version() });

let queue = Promise.resolve();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let req;
    try {
      req = JSON.parse(line);
    } catch (e) {
      out({ id: null, ok: false, error: `bad request line: ${e.message}` });
      return;
    }
    if (req.op === 'quit') {
      await browser.close().catch(() => {});
      out({ id: req.id, ok: true, value: null });
      process.exit(0);
    }
    const op = ops[req.op];
    try {
      if (!op) throw new Error(`unknown op ${req.op}`);
      out({ id: req.id, ok: true, value: (await op(req)) ?? null });
    } catch (e) {
      out({ id: req.id, ok: false, error: String(e && e.message ? e.message : e) });
    }
  });
});
// The Java side went away (test JVM killed): take Firefox down with us.
lines.on('close', () => {
  queue.then(() => browser.close()).finally(() => process.exit(0));
});
