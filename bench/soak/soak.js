#!/usr/bin/env node
// Soak benchmark: a population of clients churning through sessions on our signaling server
// (./peerphone server, a separate process with its default limits) for --minutes; one row per
// minute of what was relayed, how fast, what failed, and what the server holds (heap after a full
// GC, descriptors, threads, RSS, its users / connections / queue / per-user tables from
// /metrics), then everybody leaves and the server must be back at its empty baseline.
// Run it with bench/soak/run.sh; see docs/BENCHMARKS.md "## Soak".
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const L = require('../lib/common');
const { Population, SoakClient, newCounters } = require('./clients');
const { scrape, verdicts, markdown } = require('./report');

const defaults = {
  clients: 10000, minutes: 10, rate: 50, addresses: 2000, seed: 1, out: path.join(__dirname, '..', 'results'),
  calls: 2, holdSeconds: 8, ringSeconds: 4, candidates: 4, reject: 0.1, noAnswer: 0.1, roulette: 0.2, matches: 3,
  abrupt: 0.1, pause: 1, rampRate: 500, rampConcurrency: 200, expectTimeout: 5, javaHeap: '', nice: 0, quietCores: 0.25, rowSeconds: 60,
};
const HELP = `usage: bench/soak/run.sh [options]      (or node bench/soak/soak.js, with ulimit -n raised)
  --clients N          population: clients connected and logged in at any moment (default ${defaults.clients})
  --minutes N          measured minutes after the ramp (default ${defaults.minutes}; rows are per minute)
  --rate R             sessions started per second, steady (default ${defaults.rate}); each session then
                       lasts about clients/rate - pause seconds (± 50 %)
  --addresses N        loopback source addresses 127.0.1.1, 127.0.1.2, ... the clients are spread over,
                       so the server's per-address defaults apply as to real users (default ${defaults.addresses})
  --seed N             random seed for every choice (default ${defaults.seed})
  --out DIR            where soak-<time>.{json,md} and the server log go (default bench/results)
  --calls N            calls each non-roulette session places to random idle users (default ${defaults.calls})
  --hold-seconds S     a call or roulette match lasts S ± 50 % before the caller leaves (default ${defaults.holdSeconds})
  --ring-seconds S     an unanswered call is given up (leave) after S (default ${defaults.ringSeconds})
  --candidates N       ICE candidates each side trickles per call (default ${defaults.candidates})
  --reject F           fraction of calls rejected (default ${defaults.reject}); --no-answer F: not answered (default ${defaults.noAnswer})
  --roulette F         fraction of sessions playing roulette (find, match, next ..., stop) (default ${defaults.roulette})
  --matches N          roulette calls a player starts before stop (default ${defaults.matches})
  --abrupt F           fraction of sessions ending without leave/stop: the socket just dies (default ${defaults.abrupt})
  --pause S            pause between a client's sessions, S ± 50 % (default ${defaults.pause})
  --ramp-rate R        sessions per second while the population first connects (default ${defaults.rampRate}),
  --ramp-concurrency N with at most N of them waiting for their socket or login reply (default ${defaults.rampConcurrency})
  --expect-timeout S   a relayed message or reply not there within S is a failure (default ${defaults.expectTimeout})
  --java-heap SIZE     -Xmx for the server (default: the JVM's own)
  --nice N             run the load generator and the server at this nice value (e.g. -10 so that
                       builds beside the soak disturb it less; needs root; default ${defaults.nice})
  --quiet-cores C      a minute where other processes used more than C cores is marked busy (default ${defaults.quietCores})
  --row-seconds S      length of a "minute" row, for trying the tool out quickly (default ${defaults.rowSeconds})`;

function parseArgs(argv) {
  const o = L.parseOptions(argv, defaults, HELP);
  if (o.clients / o.rate - o.pause < 10) { console.error(`--clients/--rate gives sessions under 10 s: lower --rate`); process.exit(2); }
  if (o.addresses < 1 || o.addresses > 62500 * 250) { console.error('--addresses out of range'); process.exit(2); }
  return o;
}

/** mulberry32: a small seeded generator, so a run's choices can be repeated. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CPU seconds of this process and its reaped children (jcmd), from /proc/self/stat. */
function selfCpuSeconds() {
  const f = fs.readFileSync('/proc/self/stat', 'utf8');
  const x = f.slice(f.lastIndexOf(')') + 2).split(' ').map(Number);
  return (x[11] + x[12] + x[13] + x[14]) / L.CLK_TCK;
}

/** What the server process holds now: heap after a full GC, descriptors, threads, RSS, /metrics. */
async function serverSample(server) {
  const heap = await L.javaHeapUsed(server.pid);
  return { heap, fds: L.fdCount(server.pid), threads: L.threadCount(server.pid), rss: L.rssBytes(server.pid),
    metrics: scrape(await L.httpGet(`${server.httpUrl}/metrics`)) };
}

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  fs.mkdirSync(opt.out, { recursive: true });
  if (opt.nice) {
    // inherited by the server started below and every thread it creates
    try { os.setPriority(0, opt.nice); } catch (e) { L.log(`cannot set nice ${opt.nice} (${e.message}); running at normal priority`); }
  }
  let stopping = false;
  const proc = await L.startJavaServer({ name: 'soak-server', heap: opt.javaHeap || null, logDir: opt.out, isStopping: () => stopping,
    // default limits; loopback only; free ports
    args: ['--host', '127.0.0.1', '--port', '0', '--http-port', '0'] });
  const stop = () => { stopping = true; if (proc.exitCode === null) proc.kill('SIGTERM'); };
  process.on('exit', stop);
  process.on('SIGINT', () => { stop(); process.exit(130); });
  const ports = /ignaling on ws:\/\/[^:]+:(\d+)\/.*?http:\/\/[^:]+:(\d+)/.exec(proc.readyText);
  if (!ports) throw new Error(`cannot read the ports from: ${proc.readyText}`);
  const server = { pid: proc.pid, url: `ws://127.0.0.1:${ports[1]}/`, httpUrl: `http://127.0.0.1:${ports[2]}` };
  L.log(`server pid ${server.pid} on ${server.url}; ${opt.clients} clients over ${opt.addresses} addresses, ${opt.rate} sessions/s, ${opt.minutes} min`);

  await L.sleep(2000);
  const start = await serverSample(server);
  L.log(`empty server: heap after GC ${L.mb(start.heap)} MB, ${start.fds} fds, ${start.threads} threads`);

  const pop = new Population(opt, seeded(opt.seed), server.url, `k${Date.now().toString(36).slice(-4)}_`);
  for (let i = 0; i < opt.clients; i++) pop.clients.push(new SoakClient(pop, i));
  const sweeper = setInterval(() => pop.sweep(), 500);

  // Ramp: the population connects at --ramp-rate; first sessions get spread lengths so that
  // departures (and with them session starts) are steady from the first minute on.
  const rampStart = performance.now();
  for (let i = 0; i < opt.clients; i++) {
    pop.clients[i].start(pop.between(0.1, 1.5) * pop.sessionLength);
    const due = rampStart + ((i + 1) * 1000) / opt.rampRate;
    while (performance.now() < due || pop.connecting >= opt.rampConcurrency) await L.sleep(Math.max(1, due - performance.now()));
  }
  while (pop.loggedIn() < 0.98 * opt.clients && performance.now() - rampStart < 120000) await L.sleep(250);
  const ramp = { seconds: (performance.now() - rampStart) / 1000, loggedIn: pop.loggedIn(), counters: pop.c };
  L.log(`ramp: ${ramp.loggedIn} logged in after ${L.fmt(ramp.seconds, 1)} s; refusals ${JSON.stringify(pop.c.refusals)} failures ${JSON.stringify(pop.c.failures)}`);

  const rows = [];
  pop.c = newCounters();
  let t0 = performance.now(), cpu0 = L.cpuSeconds(server.pid), me0 = selfCpuSeconds(), threads0 = L.threadCpu(server.pid);
  let mach0 = L.machineCpuSeconds(), steal0 = L.stealSeconds();
  for (let minute = 1; minute <= opt.minutes; minute++) {
    await L.sleep(Math.max(0, t0 + opt.rowSeconds * 1000 - performance.now()));
    const c = pop.c;
    pop.c = newCounters();
    const t1 = performance.now(), cpu1 = L.cpuSeconds(server.pid), me1 = selfCpuSeconds();
    const mach1 = L.machineCpuSeconds(), steal1 = L.stealSeconds();
    const secs = (t1 - t0) / 1000;
    const lat = Float64Array.from(c.latencies).sort();
    const logins = Float64Array.from(c.loginTimes).sort();
    const busiest = L.busiestThreads(threads0, L.threadCpu(server.pid), secs, 4);
    const sample = await serverSample(server);
    const row = {
      minute, seconds: secs, sessionsPerSecond: c.sessions / secs, logins: c.logins, relayed: c.relayedIn,
      relayedPerSecond: c.relayedIn / secs, sentPerSecond: c.sent / secs,
      p50: L.percentile(lat, 0.5), p99: L.percentile(lat, 0.99), max: lat.length ? lat[lat.length - 1] : NaN,
      loginP50: L.percentile(logins, 0.5), loginP99: L.percentile(logins, 0.99), serverThreads: busiest,
      calls: c.calls, accepted: c.accepted, rejected: c.rejected, unanswered: c.unanswered, matches: c.matches,
      graceful: c.graceful, abrupt: c.abrupt, races: c.races, noIdlePeer: c.noIdlePeer,
      refusals: c.refusals, failures: c.failures, presencePushes: c.presencePushes, presenceMB: c.presenceBytes / 1e6,
      heap: sample.heap, fds: sample.fds, threads: sample.threads, rss: sample.rss, metrics: sample.metrics,
      serverCores: (cpu1 - cpu0) / secs, loadgenCores: (me1 - me0) / secs,
      foreignCores: Math.max(0, (mach1 - mach0 - (cpu1 - cpu0) - (me1 - me0)) / secs),
      stealCores: (steal1 - steal0) / secs, loadavg: L.loadAverage(), clientsLoggedIn: pop.loggedIn(),
    };
    rows.push(row);
    const m = row.metrics;
    L.log(`minute ${minute}: ${L.fmt(row.sessionsPerSecond, 1)} sessions/s, ${L.fmt(row.relayedPerSecond, 0)} relayed/s, ` +
      `p50 ${L.fmt(row.p50, 2)} p99 ${L.fmt(row.p99, 2)} max ${L.fmt(row.max, 1)} ms; heap ${L.mb(row.heap)} MB, ${row.fds} fds, ` +
      `${row.threads} threads; users ${m.users} queue ${m.queue} calls ${m.tables.call_pairs}; server ${L.fmt(row.serverCores, 2)} ` +
      `loadgen ${L.fmt(row.loadgenCores, 2)} other ${L.fmt(row.foreignCores, 2)} steal ${L.fmt(row.stealCores, 2)} cores; ` +
      `login p50 ${L.fmt(row.loginP50, 1)} p99 ${L.fmt(row.loginP99, 1)} ms; failures ${JSON.stringify(row.failures)} ` +
      `refusals ${JSON.stringify(row.refusals)}; busiest server threads (cores) ${busiest.join(', ')}`);
    t0 = t1; cpu0 = L.cpuSeconds(server.pid); me0 = selfCpuSeconds(); mach0 = L.machineCpuSeconds(); steal0 = L.stealSeconds();
    threads0 = L.threadCpu(server.pid);
  }

  // Everybody leaves (gracefully); the server must return to its empty baseline.
  L.log('all clients leave');
  pop.stopping = true;
  for (const cl of pop.clients) cl.end(true); // those still connecting leave as soon as they are logged in
  const leaveStart = performance.now();
  while (pop.clients.some((cl) => cl.ws) && performance.now() - leaveStart < 30000) await L.sleep(250);
  const tail = pop.c;
  pop.sweep();
  clearInterval(sweeper);
  let end = await serverSample(server);
  // login-rate buckets are forgotten once full again (up to a minute); the rest must be 0 at once
  const settleStart = performance.now();
  while (Object.values(end.metrics.tables).some((n) => n > 0) && performance.now() - settleStart < 75000) {
    await L.sleep(5000);
    end = await serverSample(server);
  }
  const res = {
    options: opt, machine: L.machine(), started: startedAt, ramp: { seconds: ramp.seconds, loggedIn: ramp.loggedIn },
    start, rows, end, afterLeaving: { failures: tail.failures, refusals: tail.refusals, stillOpen: pop.clients.filter((cl) => cl.ws).length },
    loadavgNow: os.loadavg(),
  };
  res.verdicts = verdicts(res);
  const md = markdown(res);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(opt.out, `soak-${stamp}.json`), JSON.stringify(res, null, 2));
  fs.writeFileSync(path.join(opt.out, `soak-${stamp}.md`), `${md}\n`);
  console.log(md);
  L.log(`results in ${opt.out}/soak-${stamp}.{json,md}`);
  stop();
  process.exit(res.verdicts.some((v) => v.startsWith('FAIL')) ? 1 : 0);
}
main().catch((e) => { console.error(e); process.exit(2); });
