// Turns one bench/calls/run.sh run (a JSON-lines file) into the Markdown written to
// docs/BENCHMARKS.md ("## Call setup"): the machine's state, the per-phase breakdown of both
// peers (Java<->Java and Chromium<->Chromium, median and p90), the headline rows with ratios,
// and the CPU per call. Headline ratios are withheld when the machine was busy (other processes
// or steal above the limit before or during the measured calls), unless --allow-busy, which
// prints them marked BUSY (for development only).
//
// Usage: node report.mjs RUN.jsonl [--allow-busy] [--quiet-cores C]
import fs from 'node:fs';

const args = process.argv.slice(2);
const file = args.find(a => !a.startsWith('--'));
const allowBusy = args.includes('--allow-busy');
const qi = args.indexOf('--quiet-cores');
const quietCores = qi >= 0 ? Number(args[qi + 1]) : 0.15;
const lines = fs.readFileSync(file, 'utf8').split('\n').filter(l => l.startsWith('{')).map(l => JSON.parse(l));
const one = pred => lines.find(pred);
const java = one(l => l.side === 'java' && !l.ringMs);
const chrome = one(l => l.side === 'chromium' && !l.ringMs);
const javaRing = one(l => l.side === 'java' && l.ringMs > 0);
const chromeRing = one(l => l.side === 'chromium' && l.ringMs > 0);
const ringMs = javaRing ? javaRing.ringMs : 0;
const quiet = one(l => l.kind === 'quiet-check');
const meta = one(l => l.kind === 'run') || {};
const cpu = lines.filter(l => l.kind === 'cpu');

const sorted = a => [...a].sort((x, y) => x - y);
const median = a => { const s = sorted(a), n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const pct = (a, p) => { const s = sorted(a); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
const f0 = x => (x === undefined || Number.isNaN(x) ? '–' : Math.round(x).toString());
const f2 = x => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(2));

/** Foreign CPU and steal between two snapshots named `${name}-start` / `${name}-end`. */
function loadDuring(name) {
  const a = one(l => l.kind === 'snapshot' && l.name === `${name}-start`);
  const b = one(l => l.kind === 'snapshot' && l.name === `${name}-end`);
  if (!a || !b) return null;
  const s = (b.t - a.t) / 1000;
  return { seconds: s, foreign: Math.max(0, (b.busy - a.busy - (b.ours - a.ours)) / s), steal: (b.steal - a.steal) / s, load: b.load };
}
const windows = { java: loadDuring('java'), chromium: loadDuring('chromium') };
if (javaRing || chromeRing) Object.assign(windows, { 'java (ring)': loadDuring('java-ring'), 'chromium (ring)': loadDuring('chromium-ring') });
const reasons = [];
if (!quiet) reasons.push('no quiet check before the run');
else if (!quiet.quiet) reasons.push(`busy before the run (other processes ${f2(quiet.foreignCores)} cores, steal ${f2(quiet.stealCores)})`);
for (const [k, w] of Object.entries(windows)) {
  if (!w) { reasons.push(`no load record for the ${k} calls`); continue; }
  if (w.foreign >= quietCores) reasons.push(`other processes used ${f2(w.foreign)} cores during the ${k} calls`);
  if (w.steal >= quietCores / 2) reasons.push(`steal ${f2(w.steal)} cores during the ${k} calls`);
}
const busy = reasons.length > 0;
const showRatios = !busy || allowBusy;
const tag = busy ? ' — BUSY MACHINE, not a headline' : '';

const out = [];
out.push(`### Run of ${meta.date || '?'}${tag}`, '');
out.push(`Command: \`${meta.command || 'bench/calls/run.sh'}\`; ${java ? java.calls : '?'} measured calls per pair after 2 warm-up calls; ` +
  `${meta.cores || '?'} cores (${meta.cpu || '?'}); Chromium ${chrome ? chrome.version : '?'}.`, '');
out.push('| machine | other processes (cores) | steal (cores) | load average 1/5/15 min |', '|---|---|---|---|');
if (quiet) out.push(`| before (quiet check) | ${f2(quiet.foreignCores)} | ${f2(quiet.stealCores)} | ${quiet.load.join(' / ')} |`);
for (const [k, w] of Object.entries(windows)) if (w) out.push(`| during the ${k} calls (${f0(w.seconds)} s) | ${f2(w.foreign)} | ${f2(w.steal)} | ${w.load.join(' / ')} |`);
out.push('');
if (busy) {
  out.push(`**Busy machine** (limit: other processes < ${quietCores} cores, steal < ${quietCores / 2}): ${reasons.join('; ')}. ` +
    (allowBusy ? 'Ratios printed anyway because of --allow-busy; use them to find causes, not as results.'
      : 'Headline ratios withheld; rerun on a quiet machine (or pass --allow-busy for development).'), '');
}

const P = (side, key) => (side && side.phases[key]) || null;
const derived = (side, from, to) => {
  const a = P(side, to), b = P(side, from);
  return a && b && a.length === b.length ? a.map((x, i) => x - b[i]) : null;
};
const cell = a => (a ? `${f0(median(a))} / ${f0(pct(a, 90))}` : '–');
const ratio = (a, b) => (a && b ? (median(a) / median(b)).toFixed(2) : '–');

const keys = [...new Set([...Object.keys(java ? java.phases : {}), ...Object.keys(chrome ? chrome.phases : {})])]
  .filter(k => !k.endsWith('call-sent'));
const order = k => median(P(chrome, k) || P(java, k) || [0]);
keys.sort((a, b) => order(a) - order(b));
out.push('Per phase, ms after the caller sent `call` (median / p90). `caller.` and `callee.` are the two peers; ' +
  '`first-frame-sink` is the first remote frame at our `VideoTrackSink` (Java) or `requestVideoFrameCallback` (Chromium); ' +
  '`first-frame-encoded`/`-decoded` come from a 10 ms `getStats` poll (the first report counting one).', '');
out.push(`| phase | Java ↔ Java | Chromium ↔ Chromium${showRatios ? ' | Java / Chromium (median)' : ''} |`, `|---|---|---|${showRatios ? '---|' : ''}`);
for (const k of keys) out.push(`| ${k} | ${cell(P(java, k))} | ${cell(P(chrome, k))}${showRatios ? ` | ${ratio(P(java, k), P(chrome, k))}` : ''} |`);
out.push('');

const acceptCallee = s => derived(s, 'callee.accept-sent', 'callee.first-frame-sink');
const acceptCaller = s => derived(s, 'caller.accept-received', 'caller.first-frame-sink');
const headline = [
  ['`call` → DataChannel open (caller)', s => P(s, 'caller.dc-open'), java, chrome],
  ['`call` → first remote frame (caller)', s => P(s, 'caller.first-frame-sink'), java, chrome],
  ['Accept → first frame (callee: `accept` sent → first remote frame), answered at once', acceptCallee, java, chrome],
  ['Accept → first frame (caller: `accept` received → first remote frame), answered at once', acceptCaller, java, chrome],
];
if (javaRing && chromeRing) headline.push(
  [`Accept → first frame (callee), Accept pressed ${ringMs} ms after the ring`, acceptCallee, javaRing, chromeRing],
  [`Accept → first frame (caller), Accept pressed ${ringMs} ms after the ring`, acceptCaller, javaRing, chromeRing]);
if (showRatios) {
  out.push(`| headline, ms (median / p90)${tag} | Java ↔ Java | Chromium ↔ Chromium | ratio of medians | ratio of p90s | target met |`,
    '|---|---|---|---|---|---|');
  for (const [name, get, js, cs] of headline) {
    const j = get(js), c = get(cs);
    const rm = j && c ? median(j) / median(c) : NaN, rp = j && c ? pct(j, 90) / pct(c, 90) : NaN;
    const met = Number.isNaN(rm) ? '–' : (rm <= 1 && rp <= 1.2 ? 'yes' : 'no');
    out.push(`| ${name} | ${cell(j)} | ${cell(c)} | ${f2(rm)} | ${f2(rp)} | ${met} |`);
  }
  out.push('', 'Target (issue 14): median ≤ 1.00× Chromium\'s and p90 ≤ 1.2× Chromium\'s, same run, quiet machine.', '');
}
for (const c of cpu) out.push(`CPU per call, ${c.what}: **${f0(c.cpuPercentOfOneCore)} % of one core**, ${f0(c.rssMiB)} MiB RSS (${c.note || ''}).`);
console.log(out.join('\n'));
process.exit(busy && !allowBusy ? 3 : 0);
