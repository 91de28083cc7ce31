#!/usr/bin/env node
// Signaling relay benchmark: our Java server vs a minimal Node.js `ws` relay (node-relay.js),
// measured alternately in the same run with identical load. See docs/BENCHMARKS.md.
//
// Phases (each target gets the same rounds, alternating java, node, java, node, ...):
//   1. closed loop: N pairs, each side keeps --window candidates in flight to its peer; every
//      candidate received is answered with a new one -> max relay throughput, latency under it.
//   2. open loop: the same pairs send at a fixed total rate (default 60% of the lower median
//      closed-loop throughput of the two) -> p50/p99/p999 at the SAME offered load.
//   3. idle: 10,000 logged-in idle connections -> server heap (after a full GC) and RSS.
// Latency is one-way sender -> server -> receiver, both ends in this process (one clock):
// the candidate object carries the send time (performance.now()) and a per-direction sequence.
// Server CPU is utime+stime from /proc/<pid>/stat over the measured window / messages relayed.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const WebSocket = require('ws');
const {
  sleep, log, cpuSeconds, threadCpu, busiestThreads, machineCpuSeconds, stealSeconds, rssBytes, javaHeapUsed,
  jvmGcCounters, startProcess, startJavaServer, parseOptions, httpGet, fmt, mb, percentile, median, machine,
} = require('./lib/common');

// ---------------------------------------------------------------- options
const defaults = {
  rounds: 3, prewarm: 10, pairs: 500, window: 2, warmup: 5, duration: 10, rate: 'auto', rateFraction: 0.3,
  idle: 10000, idleRounds: 1, javaHeap: '512m', javaPort: 19090, javaHttpPort: 18080,
  nodePort: 19191, nodeStatsPort: 19192, targets: 'java,node', connectConcurrency: 200,
  sourceAddresses: 50, nice: -10, maxForeign: 0.25, retries: 3, jfrMode: 'closed', quietCores: 0.1, quietTimeout: 30, jfr: '', out: path.join(__dirname, 'results'),
};
const HELP = `usage: node signaling-bench.js [options]
  --rounds N            alternating rounds per phase and target (default ${defaults.rounds})
  --prewarm S           untimed closed-loop load per target before round 1 (JIT warm-up; default ${defaults.prewarm})
  --pairs N             pairs of logged-in clients relaying to each other (default ${defaults.pairs})
  --window N            closed loop: candidates in flight per direction per pair (default ${defaults.window})
  --warmup S            seconds of load before each measured window (default ${defaults.warmup})
  --duration S          measured seconds per round and phase (default ${defaults.duration})
  --rate R|auto         open loop total msgs/s; auto = --rate-fraction x lower closed-loop median
  --rate-fraction F     (default ${defaults.rateFraction})
  --idle N              idle logged-in connections for the memory phase, 0 = skip (default ${defaults.idle})
  --idle-rounds N       (default ${defaults.idleRounds})
  --java-heap SIZE      -Xmx for the Java server (default ${defaults.javaHeap})
  --targets LIST        java,node | java | node | java,javaws (default ${defaults.targets}); javaws is the
                        same Java server reached at /ws on its HTTP port (one origin) instead of its WebSocket port
  --quiet-cores C       before each round wait until other processes use < C cores (default ${defaults.quietCores})
  --quiet-timeout S     ... for at most S seconds (default ${defaults.quietTimeout}); rounds record the foreign load
  --nice N              run the load generator and both servers at this nice value, so a build
                        running beside the benchmark disturbs it less (default ${defaults.nice}; needs root)
  --max-foreign C       a round during which other processes used more than C cores is re-run (default ${defaults.maxForeign})
  --retries N           ... at most N times; the last attempt is kept and marked (default ${defaults.retries})
  --jfr FILE            record a JFR profile of the Java server during its first closed-loop round
  --jfr-mode closed|open  which phase's first Java round --jfr records (default closed)
  --out DIR             where the JSON and Markdown results go (default bench/results)
  --source-addresses N  spread client sockets over 127.0.0.2 .. 127.0.0.(N+1) (default ${defaults.sourceAddresses})`;
const opt = parseOptions(process.argv.slice(2), defaults, HELP);

// ---------------------------------------------------------------- servers
/** CPU seconds used so far by this benchmark's own processes (load generator and both servers). */
function ourCpuSeconds() {
  const me = process.cpuUsage();
  let s = (me.user + me.system) / 1e6;
  for (const c of children) if (c.exitCode === null) { try { s += cpuSeconds(c.pid); } catch (e) { /* gone */ } }
  return s;
}
/** Cores used by processes other than ours over the next `ms` (e.g. a build running beside us). */
async function foreignCores(ms) {
  const m0 = machineCpuSeconds(), o0 = ourCpuSeconds(), t0 = performance.now();
  await sleep(ms);
  return Math.max(0, (machineCpuSeconds() - m0 - (ourCpuSeconds() - o0)) / ((performance.now() - t0) / 1000));
}
/** Waits (up to --quiet-timeout s) until other processes use less than --quiet-cores. */
async function waitQuiet() {
  const start = performance.now();
  let f = await foreignCores(1000);
  if (f <= opt.quietCores) return f;
  log(`machine busy: other processes use ${fmt(f, 2)} cores; waiting up to ${opt.quietTimeout} s for them`);
  while (f > opt.quietCores && performance.now() - start < opt.quietTimeout * 1000) f = await foreignCores(1000);
  if (f > opt.quietCores) log(`WARNING: still ${fmt(f, 2)} foreign cores busy; measuring anyway`);
  return f;
}

let stopping = false;
const children = [];
async function startTargets() {
  const targets = {};
  const want = opt.targets.split(',');
  if (want.includes('java') || want.includes('javaws')) {
    const child = await startJavaServer({
      // a load generator is one client with thousands of users: no per-address limits
      args: ['--port', String(opt.javaPort), '--http-port', String(opt.javaHttpPort), '--max-connections-per-ip', '0',
        '--max-logins-per-minute-per-ip', '0', '--max-names-per-ip', '0'],
      heap: opt.javaHeap, logDir: opt.out, isStopping: () => stopping });
    children.push(child);
    targets.java = { name: 'java', jvm: true, pid: child.pid, url: `ws://127.0.0.1:${opt.javaPort}/` };
    targets.javaws = { name: 'javaws', jvm: true, pid: child.pid, url: `ws://127.0.0.1:${opt.javaHttpPort}/ws` };
  }
  if (want.includes('node')) {
    const child = await startProcess({ name: 'node-relay', cmd: process.execPath,
      args: ['--expose-gc', path.join(__dirname, 'node-relay.js'), String(opt.nodePort), String(opt.nodeStatsPort)],
      readyRe: /listening/, logDir: opt.out, isStopping: () => stopping });
    children.push(child);
    targets.node = { name: 'node', pid: child.pid, url: `ws://127.0.0.1:${opt.nodePort}/` };
  }
  return targets;
}
function stopTargets() {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('SIGINT', () => { stopTargets(); process.exit(130); });
process.on('exit', stopTargets);

// ---------------------------------------------------------------- clients
let runId = process.pid.toString(36);
let sourceIndex = 0;
function nextSource() { return `127.0.0.${2 + (sourceIndex++ % opt.sourceAddresses)}`; }

// A realistic trickled ICE candidate (~250 bytes on the wire), plus the benchmark's ts/seq.
const CAND = 'candidate:1467250027 1 udp 2122260223 192.168.1.196 46243 typ host generation 0 ufrag 6BqW network-id 1';
function candidateMessage(peer, seq) {
  return `{"type":"candidate","name":"${peer}","candidate":{"candidate":"${CAND}","sdpMid":"0","sdpMLineIndex":0,` +
    `"usernameFragment":"6BqW","ts":${performance.now().toFixed(3)},"seq":${seq}}}`;
}

class Stats {
  constructor() { this.reset(); }
  reset() { this.lat = []; this.received = 0; this.recording = false; }
}

/** One logged-in client. onCandidate(client, latencyMs) is the load's hook. */
class Client {
  constructor(url, name, stats, counters) {
    this.url = url; this.name = name; this.stats = stats; this.c = counters;
    this.peer = null; this.sendSeq = 0; this.recvSeq = 0; this.onCandidate = null;
  }
  open() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false, localAddress: nextSource() });
      this.ws = ws;
      let done = false;
      const fail = (e) => { if (!done) { done = true; reject(e); } };
      ws.on('error', (e) => { if (done) this.c.errors++; fail(e); });
      ws.on('close', (code) => { this.closed = true; if (done && !this.c.closing) this.c.unexpectedCloses.push(code); fail(new Error('closed ' + code)); });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'login', name: this.name })));
      ws.on('message', (data) => {
        const s = data.toString();
        if (s.startsWith(this.expectPrefix)) return this.candidate(s);
        if (s.startsWith('{"type":"users"')) { this.c.presence++; this.c.presenceBytes += s.length; return; }
        const m = JSON.parse(s);
        if (m.type === 'login') {
          if (!m.success) return fail(new Error(`login ${this.name} failed: ${s}`));
          done = true; return resolve(this);
        }
        if (m.type === 'error') { this.c.serverErrors[m.code || m.message] = (this.c.serverErrors[m.code || m.message] || 0) + 1; return; }
        if (m.type === 'candidate') { this.c.wrongSender++; return; }
        this.c.other[m.type] = (this.c.other[m.type] || 0) + 1;
      });
    });
  }
  pairWith(peer) {
    this.peer = peer;
    this.expectPrefix = `{"type":"candidate","name":"${peer.name}","candidate":`;
  }
  send() { this.ws.send(candidateMessage(this.peer.name, ++this.sendSeq)); this.c.sent++; }
  candidate(s) {
    const now = performance.now();
    const ts = parseFloat(s.slice(s.lastIndexOf('"ts":') + 5));
    const seq = parseInt(s.slice(s.lastIndexOf('"seq":') + 6), 10);
    if (seq !== this.recvSeq + 1) this.c.outOfSequence++;
    this.recvSeq = seq;
    this.c.received++;
    const st = this.stats;
    if (st.recording) { st.received++; st.lat.push(now - ts); }
    if (this.onCandidate) this.onCandidate(this);
  }
}

function newCounters() {
  return { sent: 0, received: 0, errors: 0, serverErrors: {}, other: {}, presence: 0, presenceBytes: 0,
    wrongSender: 0, outOfSequence: 0, unexpectedCloses: [], closing: false, connectFailures: {} };
}

/** Opens and logs in one client per name; a failed connect is counted and retried (3 tries). */
async function openAll(url, names, stats, counters) {
  const clients = names.map((n) => new Client(url, n, stats, counters));
  let next = 0;
  async function worker() {
    while (next < clients.length) {
      const i = next++;
      for (let attempt = 1; ; attempt++) {
        try {
          await clients[i].open();
          break;
        } catch (e) {
          const key = e.code || e.message.replace(/\d+/g, 'N');
          counters.connectFailures[key] = (counters.connectFailures[key] || 0) + 1;
          if (clients[i].ws) clients[i].ws.terminate();
          if (attempt === 3) throw new Error(`cannot log in ${names[i]} after 3 tries: ${e.message}`);
          clients[i] = new Client(url, `${names[i]}x${attempt}`, stats, counters);
          await sleep(100);
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(opt.connectConcurrency, clients.length) }, worker));
  return clients;
}

async function closeAll(clients, counters) {
  counters.closing = true;
  await Promise.all(clients.map((c) => new Promise((resolve) => {
    if (c.closed || !c.ws) return resolve();
    c.ws.once('close', resolve);
    c.ws.close();
    setTimeout(() => { c.ws.terminate(); resolve(); }, 5000).unref();
  })));
}

// ---------------------------------------------------------------- relay round
let roundSeq = 0;
async function relayRound(target, mode, rate, warmupOnly = false) {
  if (!warmupOnly) await waitQuiet();
  const tag = `${runId}r${++roundSeq}`;
  const stats = new Stats();
  const c = newCounters();
  const names = [];
  for (let i = 0; i < 2 * opt.pairs; i++) names.push(`${tag}_${i}`);
  const clients = await openAll(target.url, names, stats, c);
  for (let i = 0; i < clients.length; i += 2) { clients[i].pairWith(clients[i + 1]); clients[i + 1].pairWith(clients[i]); }
  await sleep(1500); // let presence pushes after the login storm settle

  let sending = true;
  let timer = null;
  if (mode === 'closed') {
    // a reply goes back the other way: each received candidate makes its receiver send one to its sender
    for (const cl of clients) cl.onCandidate = (me) => { if (sending) me.send(); };
    for (const cl of clients) for (let w = 0; w < opt.window; w++) cl.send();
  } else {
    const t0 = performance.now();
    let sent = 0, rr = 0;
    const tick = () => {
      const due = Math.floor(((performance.now() - t0) / 1000) * rate) - sent;
      for (let i = 0; i < due; i++) { clients[rr].send(); rr = (rr + 1) % clients.length; }
      sent += Math.max(0, due);
      if (sending) timer = setTimeout(tick, 1);
    };
    tick();
  }
  await sleep((warmupOnly ? opt.prewarm : opt.warmup) * 1000);
  if (warmupOnly) {
    sending = false;
    if (timer) clearTimeout(timer);
    await sleep(500);
    await closeAll(clients, c);
    log(`${target.name} pre-warmed for ${opt.prewarm} s (${c.received} messages)`);
    return null;
  }
  if (opt.jfr && target.name === 'java' && mode === opt.jfrMode && !target.jfrDone) {
    target.jfrDone = true;
    execFileSync('jcmd', [String(target.pid), 'JFR.start', `duration=${opt.duration}s`, `filename=${path.resolve(opt.jfr)}`, 'settings=profile']);
    log(`JFR recording to ${opt.jfr}`);
  }
  const gc0 = await gcCounters(target);
  const cpu0 = cpuSeconds(target.pid), me0 = process.cpuUsage(), t0 = performance.now(), sent0 = c.sent;
  const mach0 = machineCpuSeconds(), ours0 = ourCpuSeconds(), steal0 = stealSeconds(), threads0 = threadCpu(target.pid);
  stats.recording = true;
  await sleep(opt.duration * 1000);
  stats.recording = false;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds(target.pid), me1 = process.cpuUsage(me0), sentInWindow = c.sent - sent0;
  const threads = busiestThreads(threads0, threadCpu(target.pid), elapsed);
  const steal = (stealSeconds() - steal0) / elapsed;
  const foreign = Math.max(0, (machineCpuSeconds() - mach0 - (ourCpuSeconds() - ours0)) / elapsed);
  sending = false;
  if (timer) clearTimeout(timer);
  const gc1 = await gcCounters(target);
  const drainStart = performance.now();
  while (c.received < c.sent && performance.now() - drainStart < 5000) await sleep(20);
  const lost = c.sent - c.received;
  await closeAll(clients, c);

  const lat = Float64Array.from(stats.lat).sort();
  const received = stats.received;
  const r = {
    target: target.name, mode, offeredRate: mode === 'open' ? rate : null,
    sentRate: sentInWindow / elapsed, throughput: received / elapsed,
    p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), p999: percentile(lat, 0.999), max: lat[lat.length - 1],
    serverCpuUsPerMsg: ((cpu1 - cpu0) * 1e6) / received, serverCpuCores: (cpu1 - cpu0) / elapsed,
    loadgenCpuCores: (me1.user + me1.system) / 1e6 / elapsed, foreignCores: foreign, stealCores: steal,
    serverThreads: threads,
    gcCount: gc0 && gc1 ? gc1.count - gc0.count : null, gcMs: gc0 && gc1 ? (gc1.seconds - gc0.seconds) * 1000 : null,
    lost, outOfSequence: c.outOfSequence, wrongSender: c.wrongSender, serverErrors: c.serverErrors,
    unexpectedCloses: c.unexpectedCloses.length, presencePushes: c.presence, other: c.other,
  };
  const problems = [];
  if (mode === 'open' && r.throughput < 0.98 * rate) problems.push(`saturated: relayed ${fmt(r.throughput, 0)} of ${rate} msg/s offered`);
  if (lost) problems.push(`${lost} lost`);
  if (c.outOfSequence) problems.push(`${c.outOfSequence} out of sequence`);
  if (c.wrongSender) problems.push(`${c.wrongSender} with wrong sender`);
  if (Object.keys(c.serverErrors).length) problems.push(`server errors ${JSON.stringify(c.serverErrors)}`);
  if (c.unexpectedCloses.length) problems.push(`${c.unexpectedCloses.length} unexpected closes`);
  if (Object.keys(c.connectFailures).length) problems.push(`connect failures (retried) ${JSON.stringify(c.connectFailures)}`);
  r.problems = problems;
  log(`${target.name.padEnd(4)} ${mode.padEnd(6)} ${fmt(r.throughput, 0).padStart(7)} msg/s  p50 ${fmt(r.p50, 2)} ms  p99 ${fmt(r.p99, 2)} ms  ` +
    `p999 ${fmt(r.p999, 2)} ms  cpu ${fmt(r.serverCpuUsPerMsg, 1)} us/msg (${fmt(r.serverCpuCores, 2)} cores)  loadgen ${fmt(r.loadgenCpuCores, 2)} cores` +
    `  foreign ${fmt(foreign, 2)} cores  steal ${fmt(steal, 2)} cores` + (r.gcCount !== null ? `  gc ${r.gcCount} (${fmt(r.gcMs, 0)} ms)` : '') +
    (problems.length ? `  PROBLEMS: ${problems.join('; ')}` : '') + `\n           server threads (cores): ${threads.join(', ')}`);
  return r;
}

/** Young+full GC count and seconds of the Java server (jstat), or null for other targets. */
function gcCounters(target) {
  return target.jvm ? jvmGcCounters(target.pid) : Promise.resolve(null);
}

// ---------------------------------------------------------------- idle memory
async function nodeHeapUsed() {
  return JSON.parse(await httpGet(`http://127.0.0.1:${opt.nodeStatsPort}/stats?gc=1`)).heapUsed;
}
async function idleRound(target) {
  await waitQuiet();
  const heap = () => (target.jvm ? javaHeapUsed(target.pid) : nodeHeapUsed());
  await sleep(1000);
  const heap0 = await heap(), rss0 = rssBytes(target.pid);
  const tag = `${runId}i${++roundSeq}`;
  const c = newCounters();
  const names = Array.from({ length: opt.idle }, (_, i) => `${tag}_${i}`);
  const t0 = performance.now();
  const clients = await openAll(target.url, names, new Stats(), c);
  const loginSeconds = (performance.now() - t0) / 1000;
  // settle: wait until no presence push arrived for 4 s (the Java server coalesces them)
  let last = c.presence, quietSince = performance.now();
  const settleStart = performance.now();
  while (performance.now() - quietSince < 4000 && performance.now() - settleStart < 60000) {
    await sleep(250);
    if (c.presence !== last) { last = c.presence; quietSince = performance.now(); }
  }
  let users = null;
  if (target.jvm) {
    const m = /^peerphone_users\S*\s+(\d+)/m.exec(await httpGet(`http://127.0.0.1:${opt.javaHttpPort}/metrics`).catch(() => ''));
    users = m ? Number(m[1]) : null;
  } else {
    users = JSON.parse(await httpGet(`http://127.0.0.1:${opt.nodeStatsPort}/stats`)).users;
  }
  const heap1 = await heap(), rss1 = rssBytes(target.pid);
  const open = clients.filter((cl) => !cl.closed).length;
  await closeAll(clients, c);
  const r = {
    target: target.name, connections: open, usersReported: users, loginSeconds,
    heapUsedBefore: heap0, heapUsed: heap1, rssBefore: rss0, rss: rss1,
    heapPerConn: (heap1 - heap0) / opt.idle, rssPerConn: (rss1 - rss0) / opt.idle,
    presencePushesReceived: c.presence, presenceMB: c.presenceBytes / 1e6,
    serverErrors: c.serverErrors, unexpectedCloses: c.unexpectedCloses.length, connectFailures: c.connectFailures,
  };
  log(`${target.name.padEnd(4)} idle   ${open} open (${users} users reported), logged in in ${fmt(loginSeconds, 1)} s; heap used ${mb(heap1)} MB ` +
    `(${mb(heap0)} MB empty, ${fmt(r.heapPerConn / 1024, 1)} KiB/conn), RSS ${mb(rss1)} MB (${mb(rss0)} MB empty); ` +
    `presence pushes received ${c.presence} (${fmt(r.presenceMB, 0)} MB)` +
    (Object.keys(c.connectFailures).length ? `; connect failures (retried): ${JSON.stringify(c.connectFailures)}` : ''));
  await sleep(2000);
  return r;
}

// ---------------------------------------------------------------- report
function markdown(res) {
  const L = [];
  const m = res.machine;
  L.push(`Machine: ${m.nproc} × ${m.cpu}, ${m.memGB} GiB RAM, Linux ${m.kernel}; ${m.java}; Node ${m.node}, ws ${m.ws}; server at git ${m.rev}.`);
  L.push(`Options: ${JSON.stringify(res.options)}`, '');
  for (const mode of ['closed', 'open']) {
    const rows = res.relay.filter((r) => r.mode === mode);
    if (!rows.length) continue;
    L.push(mode === 'closed'
      ? `### Closed loop (${res.options.pairs} pairs, ${res.options.window} in flight per direction per pair)`
      : `### Open loop at a fixed ${fmt(rows[0].offeredRate, 0)} msg/s (same offered load for both)`);
    L.push('', '| round | target | relayed msg/s | p50 ms | p99 ms | p999 ms | server CPU µs/msg | server cores | load-gen cores | other processes (cores) | steal (cores) | GCs (ms) | problems |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    rows.forEach((r) => L.push(`| ${r.round} | ${r.target} | ${fmt(r.throughput, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.p999, 2)} | ` +
      `${fmt(r.serverCpuUsPerMsg, 1)} | ${fmt(r.serverCpuCores, 2)} | ${fmt(r.loadgenCpuCores, 2)} | ${fmt(r.foreignCores, 2)} | ${fmt(r.stealCores, 2)} | ` +
      `${r.gcCount === null ? '–' : `${r.gcCount} (${fmt(r.gcMs, 0)})`} | ${r.problems.join('; ') || '–'} |`));
    const med = res.medians[mode];
    for (const t of Object.keys(med)) {
      const x = med[t];
      L.push(`| **median** | **${t}** | **${fmt(x.throughput, 0)}** | **${fmt(x.p50, 2)}** | **${fmt(x.p99, 2)}** | **${fmt(x.p999, 2)}** | **${fmt(x.serverCpuUsPerMsg, 1)}** | ${fmt(x.serverCpuCores, 2)} | ${fmt(x.loadgenCpuCores, 2)} | | | | |`);
    }
    for (const [label, q] of Object.entries(res.ratios[mode] || {})) {
      L.push(`| **ratio** | **${label}** | **${fmt(q.throughput, 2)}** | **${fmt(q.p50, 2)}** | **${fmt(q.p99, 2)}** | **${fmt(q.p999, 2)}** | **${fmt(q.serverCpuUsPerMsg, 2)}** | | | | | | |`);
    }
    L.push('');
  }
  if (res.idle.length) {
    L.push(`### ${res.options.idle} idle logged-in connections`, '',
      '| target | open | users (server) | heap used after GC | heap empty | heap/conn | RSS | RSS empty | login time | presence pushes received | connect failures (retried) |',
      '|---|---|---|---|---|---|---|---|---|---|---|');
    res.idle.forEach((r) => L.push(`| ${r.target} | ${r.connections} | ${r.usersReported ?? '-'} | ${mb(r.heapUsed)} MB | ${mb(r.heapUsedBefore)} MB | ` +
      `${fmt(r.heapPerConn / 1024, 1)} KiB | ${mb(r.rss)} MB | ${mb(r.rssBefore)} MB | ${fmt(r.loginSeconds, 1)} s | ${r.presencePushesReceived} (${fmt(r.presenceMB, 0)} MB) | ` +
      `${Object.entries(r.connectFailures).map(([k, v]) => `${v} ${k}`).join(', ') || '0'} |`));
    L.push('');
  }
  return L.join('\n');
}

// ---------------------------------------------------------------- main
async function main() {
  fs.mkdirSync(opt.out, { recursive: true });
  if (opt.nice) {
    // Inherited by the servers started below (and every thread they create).
    try { os.setPriority(0, opt.nice); } catch (e) { log(`cannot set nice ${opt.nice} (${e.message}); running at normal priority`); }
  }
  log(`starting targets (${opt.targets})`);
  const targets = await startTargets();
  const order = opt.targets.split(',').map((t) => targets[t]);
  for (const t of order) log(`${t.name}: pid ${t.pid} ${t.url}`);
  const res = { options: opt, machine: machine(), started: new Date().toISOString(), relay: [], idle: [], medians: {}, ratios: {} };

  /** A relay round, re-run while something else on the machine disturbed it. */
  const measured = async (t, mode, rate) => {
    for (let attempt = 1; ; attempt++) {
      const r = await relayRound(t, mode, rate);
      if (r.foreignCores <= opt.maxForeign) return r;
      if (attempt > opt.retries) {
        r.problems.push(`disturbed: other processes used ${fmt(r.foreignCores, 2)} cores`);
        return r;
      }
      log(`round disturbed (other processes used ${fmt(r.foreignCores, 2)} cores): running it again`);
    }
  };
  const summarize = (mode) => {
    const med = {};
    for (const t of order) {
      const rows = res.relay.filter((r) => r.mode === mode && r.target === t.name);
      med[t.name] = {};
      for (const k of ['throughput', 'p50', 'p99', 'p999', 'serverCpuUsPerMsg', 'serverCpuCores', 'loadgenCpuCores']) med[t.name][k] = median(rows.map((r) => r[k]));
    }
    res.medians[mode] = med;
    for (const [a, b] of [['java', 'node'], ['javaws', 'java']]) {
      if (!med[a] || !med[b]) continue;
      const q = (res.ratios[mode] = res.ratios[mode] || {})[`${a}/${b}`] = {};
      for (const k of Object.keys(med[a])) q[k] = med[a][k] / med[b][k];
    }
  };

  if (opt.prewarm > 0) for (const t of order) await relayRound(t, 'closed', 0, true);
  for (let round = 1; round <= opt.rounds; round++) {
    for (const t of order) res.relay.push({ round, ...(await measured(t, 'closed')) });
  }
  summarize('closed');
  let rate = Number(opt.rate);
  if (opt.rate === 'auto') {
    rate = Math.round(opt.rateFraction * Math.min(...order.map((t) => res.medians.closed[t.name].throughput)) / 100) * 100;
  }
  if (opt.rounds > 0) log(`open loop at ${rate} msg/s total (${fmt(rate / (2 * opt.pairs), 1)} msg/s per connection)`);
  for (let round = 1; round <= opt.rounds; round++) {
    for (const t of order) res.relay.push({ round, ...(await measured(t, 'open', rate)) });
  }
  summarize('open');
  if (opt.idle > 0) {
    for (let round = 1; round <= opt.idleRounds; round++) for (const t of order) res.idle.push({ round, ...(await idleRound(t)) });
  }
  res.finished = new Date().toISOString();
  const stamp = res.started.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(opt.out, `signaling-${stamp}.json`), JSON.stringify(res, null, 2));
  const md = markdown(res);
  fs.writeFileSync(path.join(opt.out, `signaling-${stamp}.md`), md + '\n');
  console.log(md);
  log(`results in ${opt.out}/signaling-${stamp}.{json,md}`);
  stopTargets();
}
main().catch((e) => { console.error(e); stopTargets(); process.exit(1); });
