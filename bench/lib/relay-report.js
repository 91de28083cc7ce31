// The relay benchmark's Markdown report: per shape, every round and then the medians with ratios.
'use strict';
const { fmt, mb } = require('./common');

/** Which ratios a report shows, "a/b": a's median ÷ b's median (both measured in the run). */
const RATIOS = [['java', 'node'], ['javaws', 'java'], ['cluster1', 'java'], ['cluster2', 'java'], ['java', 'java-base'],
  ['cluster2', 'cluster2-base'], ['cluster2-base', 'java-base']];
const MEDIAN_KEYS = ['throughput', 'p50', 'p99', 'p999', 'serverCpuUsPerMsg', 'serverCpuCores', 'loadgenCpuCores', 'perConnRate', 'redisCmdsPerMsg', 'writeCallsPerMsg', 'readCallsPerMsg'];

const ROUND_HEAD = '| round | target | relayed msg/s | per conn msg/s | p50 ms | p99 ms | p999 ms | server CPU µs/msg | server cores | ' +
  'server write / read syscalls per msg | Redis cmds/msg | load-gen cores | other processes (cores) | steal (cores) | GCs (ms) | busiest server threads (cores) | problems |';

function roundRow(r) {
  return `| ${r.round} | ${r.target} | ${fmt(r.throughput, 0)} | ${fmt(r.perConnRate, 1)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.p999, 2)} | ` +
    `${fmt(r.serverCpuUsPerMsg, 1)} | ${fmt(r.serverCpuCores, 2)} | ${fmt(r.writeCallsPerMsg, 2)} / ${fmt(r.readCallsPerMsg, 2)} | ${r.redisCmdsPerMsg === null ? '–' : fmt(r.redisCmdsPerMsg, 2)} | ` +
    `${fmt(r.loadgenCpuCores, 2)} | ${fmt(r.foreignCores, 2)} | ${fmt(r.stealCores, 2)} | ` +
    `${r.gcCount === null ? '–' : `${r.gcCount} (${fmt(r.gcMs, 0)})`} | ${r.serverThreads.slice(0, 3).join(', ')} | ${r.problems.join('; ') || '–'} |`;
}

function shapeTitle(s) {
  return `${s.pairs} pairs × ${s.window} in flight (${2 * s.pairs} connections, ${2 * s.pairs * s.window} messages in flight in the closed loop)`;
}

/** The medians and ratios of one shape: one table, closed and open loop. */
function summaryTable(res, label) {
  const L = ['| loop | target | relayed msg/s | p50 ms | p99 ms | p999 ms | server CPU µs/msg | server cores | write / read syscalls per msg | Redis cmds/msg |',
    '|---|---|---|---|---|---|---|---|---|---|'];
  for (const mode of ['closed', 'open']) {
    const med = (res.medians[label] || {})[mode];
    if (!med) continue;
    const loop = mode === 'closed' ? 'closed' : `open ${fmt(res.openRates[label], 0)}/s`;
    for (const [t, x] of Object.entries(med)) {
      L.push(`| ${loop} | ${t} | ${fmt(x.throughput, 0)} | ${fmt(x.p50, 2)} | ${fmt(x.p99, 2)} | ${fmt(x.p999, 2)} | ${fmt(x.serverCpuUsPerMsg, 1)} | ` +
        `${fmt(x.serverCpuCores, 2)} | ${fmt(x.writeCallsPerMsg, 2)} / ${fmt(x.readCallsPerMsg, 2)} | ${Number.isNaN(x.redisCmdsPerMsg) ? '–' : fmt(x.redisCmdsPerMsg, 2)} |`);
    }
    for (const [r, q] of Object.entries(res.ratios[label][mode] || {})) {
      L.push(`| ${loop} | **${r}** | **${fmt(q.throughput, 2)}×** | **${fmt(q.p50, 2)}×** | **${fmt(q.p99, 2)}×** | **${fmt(q.p999, 2)}×** | ` +
        `**${fmt(q.serverCpuUsPerMsg, 2)}×** | | **${fmt(q.writeCallsPerMsg, 2)}×** | |`);
    }
  }
  const open = (res.medians[label] || {}).open || {};
  for (const [cross, single] of [['cluster2', 'java'], ['cluster2-base', 'java-base']]) {
    if (!open[cross] || !open[single]) continue;
    const d = open[cross].p99 - open[single].p99;
    const disturbed = res.relay.some((r) => r.shape === label && r.mode === 'open' && [single, cross].includes(r.target) &&
      r.foreignCores > res.options.maxForeign);
    L.push('', `Cross-node p99 − single-node p99 at the same open-loop load (${cross} − ${single}): **${fmt(d, 2)} ms** (target ≤ 1 ms: ${d <= 1 ? 'met' : 'NOT met'})` +
      (disturbed ? ' — but other processes used the machine during these rounds: not a verdict.' : '.'));
  }
  return L;
}

function markdown(res) {
  const L = [];
  const m = res.machine;
  L.push(`Machine: ${m.nproc} × ${m.cpu}, ${m.memGB} GiB RAM, Linux ${m.kernel}; ${m.java}; Node ${m.node}, ws ${m.ws}; server at git ${m.rev}.`);
  L.push(`Run ${res.started} – ${res.finished}; load average at start ${res.loadStart}, at end ${res.loadEnd}.`);
  L.push(`Options: ${JSON.stringify(res.options)}`, '');
  L.push('Columns: per conn msg/s = what each connection sent (the server allows 100 msg/s sustained, burst 200); ' +
    'syscalls = read-type and write-type system calls of the server processes (/proc/PID/io syscr, syscw; socket writes are write/writev) per relayed message; ' +
    'server CPU = utime+stime of every server process of the target (both nodes and redis-server for cluster2) ÷ messages relayed; ' +
    'Redis cmds/msg = Redis commands (INFO commandstats) per relayed message; other processes = CPU used by processes not ' +
    'started by this tool during the round; ratios are a/b of the medians.', '');
  for (const s of res.shapes) {
    L.push(`## Shape ${s.label}: ${shapeTitle(s)}`, '');
    for (const mode of ['closed', 'open']) {
      const rows = res.relay.filter((r) => r.shape === s.label && r.mode === mode);
      if (!rows.length) continue;
      L.push(mode === 'closed' ? '### Closed loop' : `### Open loop at a fixed ${fmt(rows[0].offeredRate, 0)} msg/s (same offered load for every target)`);
      L.push('', ROUND_HEAD, '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
      rows.forEach((r) => L.push(roundRow(r)));
      L.push('');
    }
    L.push(`### Medians, shape ${s.label}`, '', ...summaryTable(res, s.label), '');
  }
  if (res.idle.length) {
    L.push(`## ${res.options.idle} idle logged-in connections`, '',
      '| target | open | users (server) | heap used after GC | heap empty | heap/conn | RSS | RSS empty | login time | presence pushes received | connect failures (retried) |',
      '|---|---|---|---|---|---|---|---|---|---|---|');
    res.idle.forEach((r) => L.push(`| ${r.target} | ${r.connections} | ${r.usersReported ?? '-'} | ${mb(r.heapUsed)} MB | ${mb(r.heapUsedBefore)} MB | ` +
      `${fmt(r.heapPerConn / 1024, 1)} KiB | ${mb(r.rss)} MB | ${mb(r.rssBefore)} MB | ${fmt(r.loginSeconds, 1)} s | ${r.presencePushesReceived} (${fmt(r.presenceMB, 0)} MB) | ` +
      `${Object.entries(r.connectFailures).map(([k, v]) => `${v} ${k}`).join(', ') || '0'} |`));
    L.push('');
  }
  const problems = res.relay.filter((r) => r.problems.length);
  L.push(problems.length ? `**Rounds with problems: ${problems.length}** (see the problems column).` : 'No round had a problem (no loss, reordering, wrong sender, server error such as `rate-limited`, or unexpected close).');
  return L.join('\n');
}

module.exports = { markdown, RATIOS, MEDIAN_KEYS };
