#!/usr/bin/env node
// Signaling relay benchmark: our Java server vs a minimal Node.js `ws` relay (node-relay.js), and
// our server as a cluster on Redis (one node, two nodes), measured alternately in the same run with
// identical load. See docs/BENCHMARKS.md "Signaling relay".
//
// For each load shape (--shapes PAIRSxWINDOW,...; each target gets the same rounds, alternating
// java, node, java, node, ...):
//   1. closed loop: N pairs, each side keeps WINDOW candidates in flight to its peer; every
//      candidate received is answered with a new one -> max relay throughput, latency under it.
//   2. open loop: the same pairs send at a fixed total rate (default 0.3 x the lowest median
//      closed-loop throughput of the targets at that shape) -> p50/p99/p999 at the SAME offered load.
// Then once: 3. idle: 10,000 logged-in idle connections -> server heap (after a full GC) and RSS
// (java, javaws and node only).
// Latency is one-way sender -> server(s) -> receiver, both ends in this process (one clock):
// the candidate object carries the send time (performance.now()) and a per-direction sequence.
// Server CPU is utime+stime from /proc/<pid>/stat of every process of the target (cluster: the
// nodes and redis-server) over the measured window / messages relayed.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const {
  sleep, log, cpuSeconds, threadCpu, busiestThreads, machineCpuSeconds, stealSeconds, rssBytes, javaHeapUsed,
  jvmGcCounters, syscalls, parseOptions, httpGet, fmt, mb, percentile, median, machine, loadAverage,
} = require('./lib/common');
const { configure, candidateMessage, Stats, newCounters, openAll, closeAll } = require('./lib/relay-clients');
const { startTargets, redisCommandCalls } = require('./lib/relay-targets');
const { markdown, RATIOS, MEDIAN_KEYS } = require('./lib/relay-report');

// ---------------------------------------------------------------- options
const RATE_LIMIT = 100; // the server's sustained per-connection limit (msg/s; burst 200), ServerConfig.defaults()
const defaults = {
  rounds: 3, prewarm: 10, shapes: '', pairs: 500, window: 2, warmup: 5, duration: 10, rate: 'auto', rateFraction: 0.3, loops: 'closed,open',
  idle: 10000, idleRounds: 1, javaHeap: '512m', javaPort: 0, javaHttpPort: 0,
  nodePort: 0, nodeStatsPort: 0, targets: 'java,node', base: '', connectConcurrency: 200,
  sourceAddresses: 50, nice: -10, maxForeign: 0.25, retries: 3, jfrMode: 'closed', quietCores: 0.1, quietTimeout: 30, jfr: '', out: path.join(__dirname, 'results'),
};
const HELP = `usage: node signaling-bench.js [options]
  --shapes LIST         load shapes PAIRSxWINDOW,... run one after the other, e.g. 500x4,1000x2,2000x1
                        (default: the one shape --pairs x --window). Each connection may send at most
                        ${RATE_LIMIT} msg/s sustained (the server's rate limit): for more throughput use more
                        pairs, not a higher limit; a round that gets any rate-limited error, or whose
                        connections send over ${0.8 * RATE_LIMIT} msg/s, is marked as a problem
  --pairs N             pairs of logged-in clients relaying to each other (default ${defaults.pairs})
  --window N            closed loop: candidates in flight per direction per pair (default ${defaults.window})
  --rounds N            alternating rounds per shape, phase and target (default ${defaults.rounds})
  --prewarm S           untimed closed-loop load per target before the first shape (JIT warm-up; default ${defaults.prewarm})
  --warmup S            seconds of load before each measured window (default ${defaults.warmup})
  --duration S          measured seconds per round and phase (default ${defaults.duration})
  --rate R|auto         open loop total msgs/s (every shape); auto = --rate-fraction x the lowest
                        closed-loop median of the targets at that shape
  --rate-fraction F     (default ${defaults.rateFraction})
  --loops LIST          which phases run per shape: closed, open or both (default ${defaults.loops}); open
                        alone needs a numeric --rate, e.g. long open-loop windows for a stable p99
  --idle N              idle logged-in connections for the memory phase, 0 = skip (default ${defaults.idle})
  --idle-rounds N       (default ${defaults.idleRounds})
  --java-port N, --java-http-port N, --node-port N, --node-stats-port N
                        ports of the java and node targets (default 0: free ports picked at start)
  --java-heap SIZE      -Xmx for every Java server process (default ${defaults.javaHeap})
  --targets LIST        any of java,javaws,node,cluster1,cluster2 (default ${defaults.targets}):
                          java     ./peerphone server, one node without Redis
                          javaws   the same Java server reached at /ws on its HTTP port (one origin)
                          node     bench/node-relay.js, the Node.js ws baseline
                          cluster1 one ./peerphone server --redis node: pairs on one node (no Redis on a relay)
                          cluster2 two --redis nodes, each pair split across them (every relay via Redis)
                          java-base, cluster2-base  java and cluster2 of another checkout (--base), so a
                                   change is compared with its base revision in one run, rounds alternating
                        each cluster target has its own throwaway redis-server (--save '' --appendonly no)
                        on a free loopback port; its nodes take free ports too
  --base DIR            another checkout of this repository (e.g. \`git worktree add /tmp/base REV\`), whose
                        ./peerphone server the *-base targets run (it builds itself on first use)
  --quiet-cores C       before each round wait until other processes use < C cores (default ${defaults.quietCores})
  --quiet-timeout S     ... for at most S seconds (default ${defaults.quietTimeout}); rounds record the foreign load
  --nice N              run the load generator and the servers at this nice value, so a build
                        running beside the benchmark disturbs it less (default ${defaults.nice}; needs root)
  --max-foreign C       a round during which other processes used more than C cores is re-run (default ${defaults.maxForeign})
  --retries N           ... at most N times; the last attempt is kept and marked (default ${defaults.retries})
  --jfr FILE            record a JFR profile of the java target's first round of each shape
                        (FILE-<shape>.jfr when there are several shapes)
  --jfr-mode closed|open  which phase's first java round --jfr records (default closed)
  --out DIR             where the JSON and Markdown results go (default bench/results)
  --source-addresses N  spread client sockets over 127.0.0.2 .. 127.0.0.(N+1) (default ${defaults.sourceAddresses})`;
const opt = parseOptions(process.argv.slice(2), defaults, HELP);
configure({ sourceAddresses: opt.sourceAddresses, connectConcurrency: opt.connectConcurrency });

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
function stopTargets() {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('SIGINT', () => { stopTargets(); process.exit(130); });
process.on('exit', stopTargets);
const runId = process.pid.toString(36);

/** --shapes "500x4,1000x2" (pairs x window), or the one shape --pairs x --window. */
function parseShapes() {
  const list = opt.shapes ? opt.shapes.split(',') : [`${opt.pairs}x${opt.window}`];
  return list.map((x) => {
    const m = /^(\d+)x(\d+)$/.exec(x.trim());
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) { console.error(`bad shape ${x}: want PAIRSxWINDOW, e.g. 500x4`); process.exit(2); }
    return { label: `${m[1]}x${m[2]}`, pairs: Number(m[1]), window: Number(m[2]) };
  });
}

// ---------------------------------------------------------------- relay round
/** CPU seconds of every process of a target, and its threads (named by process when several). */
function targetCpu(target) {
  return target.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}
function targetSyscalls(target) {
  return target.pids.map(syscalls).reduce((a, b) => ({ reads: a.reads + b.reads, writes: a.writes + b.writes }));
}
function targetThreads(target) {
  const out = {};
  for (const pid of target.pids) {
    const prefix = target.pids.length > 1 ? `${target.pidNames[pid]}/` : '';
    for (const [k, v] of Object.entries(threadCpu(pid))) out[k.replace(/^(\d+) /, `$1 ${prefix}`)] = v;
  }
  return out;
}
/** Young+full GC count and seconds summed over the target's JVMs (jstat), or null for node. */
async function gcCounters(target) {
  if (!target.jvmPids.length) return null;
  const all = await Promise.all(target.jvmPids.map(jvmGcCounters));
  if (all.some((g) => !g)) return null;
  return all.reduce((a, g) => ({ count: a.count + g.count, seconds: a.seconds + g.seconds }), { count: 0, seconds: 0 });
}
/** Redis command counts of a cluster target, or null (no Redis, or it did not answer INFO in time). */
async function redisCalls(target) {
  if (!target.redisPort) return null;
  try {
    return await redisCommandCalls(target.redisPort);
  } catch (e) {
    log(`WARNING: ${target.name}: no Redis command counts this round (${e.message})`);
    return null;
  }
}
function startJfr(target, shape) {
  const file = path.resolve(opt.shapeCount > 1 ? opt.jfr.replace(/(\.jfr)?$/, `-${shape.label}.jfr`) : opt.jfr);
  execFileSync('jcmd', [String(target.pids[0]), 'JFR.start', `duration=${opt.duration}s`, `filename=${file}`, 'settings=profile']);
  log(`JFR recording to ${file}`);
}

let roundSeq = 0;
async function relayRound(target, shape, mode, rate, warmupOnly = false) {
  if (!warmupOnly) await waitQuiet();
  const tag = `${runId}r${++roundSeq}`;
  const stats = new Stats();
  const c = newCounters();
  const names = [];
  for (let i = 0; i < 2 * shape.pairs; i++) names.push(`${tag}_${i}`);
  // client i goes to target.urls[i % urls.length]: with two nodes, the two ends of each pair differ
  const clients = await openAll(target.urls, names, stats, c);
  for (let i = 0; i < clients.length; i += 2) { clients[i].pairWith(clients[i + 1]); clients[i + 1].pairWith(clients[i]); }
  await sleep(1500); // let presence pushes after the login storm settle

  let sending = true;
  let timer = null;
  if (mode === 'closed') {
    // a reply goes back the other way: each received candidate makes its receiver send one to its sender
    for (const cl of clients) cl.onCandidate = (me) => { if (sending) me.send(); };
    for (const cl of clients) for (let w = 0; w < shape.window; w++) cl.send();
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
  if (opt.jfr && target.name === 'java' && mode === opt.jfrMode && !target.jfrDone[shape.label]) {
    target.jfrDone[shape.label] = true;
    startJfr(target, shape);
  }
  const gc0 = await gcCounters(target), redis0 = await redisCalls(target);
  const cpu0 = targetCpu(target), sys0 = targetSyscalls(target), me0 = process.cpuUsage(), t0 = performance.now(), sent0 = c.sent;
  const mach0 = machineCpuSeconds(), ours0 = ourCpuSeconds(), steal0 = stealSeconds(), threads0 = targetThreads(target);
  stats.recording = true;
  await sleep(opt.duration * 1000);
  stats.recording = false;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = targetCpu(target), sys1 = targetSyscalls(target), me1 = process.cpuUsage(me0), sentInWindow = c.sent - sent0;
  const threads = busiestThreads(threads0, targetThreads(target), elapsed);
  const steal = (stealSeconds() - steal0) / elapsed;
  const foreign = Math.max(0, (machineCpuSeconds() - mach0 - (ourCpuSeconds() - ours0)) / elapsed);
  sending = false;
  if (timer) clearTimeout(timer);
  const gc1 = await gcCounters(target), redis1 = await redisCalls(target);
  const drainStart = performance.now();
  while (c.received < c.sent && performance.now() - drainStart < 5000) await sleep(20);
  const lost = c.sent - c.received;
  await closeAll(clients, c);

  const lat = Float64Array.from(stats.lat).sort();
  const received = stats.received;
  const r = {
    target: target.name, shape: shape.label, pairs: shape.pairs, window: shape.window, mode, offeredRate: mode === 'open' ? rate : null,
    sentRate: sentInWindow / elapsed, perConnRate: sentInWindow / elapsed / (2 * shape.pairs), throughput: received / elapsed,
    p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), p999: percentile(lat, 0.999), max: lat[lat.length - 1],
    serverCpuUsPerMsg: ((cpu1 - cpu0) * 1e6) / received, serverCpuCores: (cpu1 - cpu0) / elapsed,
    writeCallsPerMsg: (sys1.writes - sys0.writes) / received, readCallsPerMsg: (sys1.reads - sys0.reads) / received,
    loadgenCpuCores: (me1.user + me1.system) / 1e6 / elapsed, foreignCores: foreign, stealCores: steal,
    serverThreads: threads,
    gcCount: gc0 && gc1 ? gc1.count - gc0.count : null, gcMs: gc0 && gc1 ? (gc1.seconds - gc0.seconds) * 1000 : null,
    redisCmdsPerMsg: redis0 && redis1 ? (redis1.total - redis0.total) / received : null,
    redisPublishPerMsg: redis0 && redis1 ? (redis1.publish - redis0.publish) / received : null,
    lost, outOfSequence: c.outOfSequence, wrongSender: c.wrongSender, serverErrors: c.serverErrors,
    unexpectedCloses: c.unexpectedCloses.length, presencePushes: c.presence, other: c.other,
  };
  const problems = [];
  if (mode === 'open' && r.throughput < 0.98 * rate) problems.push(`saturated: relayed ${fmt(r.throughput, 0)} of ${rate} msg/s offered`);
  if (c.serverErrors['rate-limited']) problems.push(`RATE-LIMITED ${c.serverErrors['rate-limited']}× (the server allows ${RATE_LIMIT} msg/s per connection: use more pairs)`);
  else if (r.perConnRate > 0.8 * RATE_LIMIT) problems.push(`near the rate limit: ${fmt(r.perConnRate, 0)} msg/s per connection (limit ${RATE_LIMIT}): use more pairs`);
  if (target.name === 'cluster1' && r.redisPublishPerMsg > 0) problems.push(`same-node relays went through Redis (${fmt(r.redisPublishPerMsg, 3)} PUBLISH/msg)`);
  // publishes in the window vs messages SENT in it (what was received includes the warm-up's backlog)
  const publishPerSent = redis0 && redis1 ? (redis1.publish - redis0.publish) / sentInWindow : null;
  if (target.name.startsWith('cluster2') && publishPerSent !== null && publishPerSent < 0.95) problems.push(`only ${fmt(publishPerSent, 2)} PUBLISH per message sent: pairs not split across nodes?`);
  if (lost) problems.push(`${lost} lost`);
  if (c.outOfSequence) problems.push(`${c.outOfSequence} out of sequence`);
  if (c.wrongSender) problems.push(`${c.wrongSender} with wrong sender`);
  if (Object.keys(c.serverErrors).length) problems.push(`server errors ${JSON.stringify(c.serverErrors)}`);
  if (c.unexpectedCloses.length) problems.push(`${c.unexpectedCloses.length} unexpected closes`);
  if (Object.keys(c.connectFailures).length) problems.push(`connect failures (retried) ${JSON.stringify(c.connectFailures)}`);
  r.problems = problems;
  log(`${target.name.padEnd(8)} ${shape.label.padEnd(7)} ${mode.padEnd(6)} ${fmt(r.throughput, 0).padStart(7)} msg/s (${fmt(r.perConnRate, 1)}/conn)  ` +
    `p50 ${fmt(r.p50, 2)} ms  p99 ${fmt(r.p99, 2)} ms  p999 ${fmt(r.p999, 2)} ms  cpu ${fmt(r.serverCpuUsPerMsg, 1)} us/msg (${fmt(r.serverCpuCores, 2)} cores)` +
    `  syscalls/msg write ${fmt(r.writeCallsPerMsg, 2)} read ${fmt(r.readCallsPerMsg, 2)}` +
    (r.redisCmdsPerMsg !== null ? `  redis ${fmt(r.redisCmdsPerMsg, 2)} cmds/msg` : '') + `  loadgen ${fmt(r.loadgenCpuCores, 2)} cores` +
    `  foreign ${fmt(foreign, 2)} cores  steal ${fmt(steal, 2)} cores` + (r.gcCount !== null ? `  gc ${r.gcCount} (${fmt(r.gcMs, 0)} ms)` : '') +
    (problems.length ? `  PROBLEMS: ${problems.join('; ')}` : '') + `\n           server threads (cores): ${threads.join(', ')}`);
  return r;
}

// ---------------------------------------------------------------- idle memory
async function nodeHeapUsed() {
  return JSON.parse(await httpGet(`http://127.0.0.1:${opt.nodeStatsPort}/stats?gc=1`)).heapUsed;
}
async function idleRound(target) {
  await waitQuiet();
  const heap = () => (target.jvm ? javaHeapUsed(target.pids[0]) : nodeHeapUsed());
  await sleep(1000);
  const heap0 = await heap(), rss0 = rssBytes(target.pids[0]);
  const tag = `${runId}i${++roundSeq}`;
  const c = newCounters();
  const names = Array.from({ length: opt.idle }, (_, i) => `${tag}_${i}`);
  const t0 = performance.now();
  const clients = await openAll(target.urls, names, new Stats(), c);
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
    const m = /^peerphone_users\S*\s+(\d+)/m.exec(await httpGet(`http://127.0.0.1:${target.httpPorts[0]}/metrics`).catch(() => ''));
    users = m ? Number(m[1]) : null;
  } else {
    users = JSON.parse(await httpGet(`http://127.0.0.1:${opt.nodeStatsPort}/stats`)).users;
  }
  const heap1 = await heap(), rss1 = rssBytes(target.pids[0]);
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

// ---------------------------------------------------------------- main
async function main() {
  const shapes = parseShapes();
  opt.shapeCount = shapes.length;
  fs.mkdirSync(opt.out, { recursive: true });
  if (opt.nice) {
    // Inherited by the servers started below (and every thread they create).
    try { os.setPriority(0, opt.nice); } catch (e) { log(`cannot set nice ${opt.nice} (${e.message}); running at normal priority`); }
  }
  log(`starting targets (${opt.targets})`);
  const targets = await startTargets(opt, children, () => stopping);
  const order = opt.targets.split(',').map((t) => targets[t]);
  for (const t of order) { t.jfrDone = {}; log(`${t.name}: pids ${t.pids.join(' ')} ${t.urls.join(' ')}`); }
  const res = { options: opt, machine: machine(), started: new Date().toISOString(), loadStart: loadAverage(), shapes,
    relay: [], idle: [], medians: {}, ratios: {}, openRates: {} };

  /** A relay round, re-run while something else on the machine disturbed it. */
  const measured = async (t, shape, mode, rate) => {
    for (let attempt = 1; ; attempt++) {
      const r = await relayRound(t, shape, mode, rate);
      if (r.foreignCores <= opt.maxForeign) return r;
      if (attempt > opt.retries) {
        r.problems.push(`disturbed: other processes used ${fmt(r.foreignCores, 2)} cores`);
        return r;
      }
      log(`round disturbed (other processes used ${fmt(r.foreignCores, 2)} cores): running it again`);
    }
  };
  const summarize = (shape, mode) => {
    const med = {};
    for (const t of order) {
      const rows = res.relay.filter((r) => r.shape === shape.label && r.mode === mode && r.target === t.name);
      med[t.name] = {};
      for (const k of MEDIAN_KEYS) med[t.name][k] = median(rows.map((r) => (r[k] === null ? NaN : r[k])));
    }
    (res.medians[shape.label] = res.medians[shape.label] || {})[mode] = med;
    const ratios = ((res.ratios[shape.label] = res.ratios[shape.label] || {})[mode] = {});
    for (const [a, b] of RATIOS) {
      if (!med[a] || !med[b]) continue;
      const q = (ratios[`${a}/${b}`] = {});
      for (const k of Object.keys(med[a])) q[k] = med[a][k] / med[b][k];
    }
  };

  const loops = String(opt.loops).split(',').map((x) => x.trim());
  if (!loops.length || loops.some((x) => !['closed', 'open'].includes(x)) || (!loops.includes('closed') && opt.rate === 'auto')) {
    console.error('--loops: closed, open or closed,open; open alone needs a numeric --rate');
    process.exit(2);
  }
  if (opt.prewarm > 0) for (const t of order) await relayRound(t, shapes[0], 'closed', 0, true);
  for (const shape of shapes) {
    log(`shape ${shape.label}: ${shape.pairs} pairs (${2 * shape.pairs} connections), ${shape.window} in flight per direction per pair`);
    if (loops.includes('closed')) {
      for (let round = 1; round <= opt.rounds; round++) {
        for (const t of order) res.relay.push({ round, ...(await measured(t, shape, 'closed')) });
      }
      summarize(shape, 'closed');
    }
    if (!loops.includes('open')) continue;
    let rate = Number(opt.rate);
    if (opt.rate === 'auto') {
      rate = Math.round(opt.rateFraction * Math.min(...order.map((t) => res.medians[shape.label].closed[t.name].throughput)) / 100) * 100;
    }
    res.openRates[shape.label] = rate;
    if (opt.rounds > 0) log(`shape ${shape.label}: open loop at ${rate} msg/s total (${fmt(rate / (2 * shape.pairs), 1)} msg/s per connection)`);
    for (let round = 1; round <= opt.rounds; round++) {
      for (const t of order) res.relay.push({ round, ...(await measured(t, shape, 'open', rate)) });
    }
    summarize(shape, 'open');
  }
  if (opt.idle > 0) {
    const idleTargets = order.filter((t) => ['java', 'javaws', 'node'].includes(t.name));
    for (let round = 1; round <= opt.idleRounds; round++) for (const t of idleTargets) res.idle.push({ round, ...(await idleRound(t)) });
  }
  res.finished = new Date().toISOString();
  res.loadEnd = loadAverage();
  const stamp = res.started.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(opt.out, `signaling-${stamp}.json`), JSON.stringify(res, null, 2));
  const md = markdown(res);
  fs.writeFileSync(path.join(opt.out, `signaling-${stamp}.md`), md + '\n');
  console.log(md);
  log(`results in ${opt.out}/signaling-${stamp}.{json,md}`);
  stopTargets();
}
main().catch((e) => { console.error(e); stopTargets(); process.exit(1); });
