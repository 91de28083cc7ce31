// The soak's reading of /metrics, its verdicts (flat or growing, back to empty) and its Markdown.
'use strict';
const { fmt, mb, linearFit, median } = require('../lib/common');

/** The server's gauges and counters from its Prometheus text. */
function scrape(text) {
  const v = (re) => { const m = re.exec(text); return m ? Number(m[1]) : NaN; };
  const labelled = (metric, label) => {
    const out = {};
    for (const m of text.matchAll(new RegExp(`^${metric}\\{${label}="([^"]+)"\\} (\\d+)$`, 'gm'))) out[m[1]] = Number(m[2]);
    return out;
  };
  const relayed = labelled('peerphone_relayed_messages_total', 'type');
  return {
    users: v(/^peerphone_users (\d+)$/m), connections: v(/^peerphone_connections (\d+)$/m), queue: v(/^peerphone_roulette_queue_length (\d+)$/m),
    byState: labelled('peerphone_connections_by_state', 'state'), tables: labelled('peerphone_table_entries', 'table'),
    refusals: labelled('peerphone_refusals_total', 'cause'), errors: labelled('peerphone_errors_total', 'code'),
    relayedTotal: Object.values(relayed).reduce((a, b) => a + b, 0),
  };
}

const sum = (o) => Object.values(o || {}).reduce((a, b) => a + b, 0);
const causes = (o) => Object.entries(o || {}).map(([k, n]) => `${n} ${k}`).join(', ');

/** Growth of `value(row)` per minute over minutes 2..N (minute 1 still warms the JIT up). */
function trend(rows, value) {
  const use = rows.length >= 3 ? rows.slice(1) : rows;
  const pts = use.map((r) => [r.minute, value(r)]).filter((p) => Number.isFinite(p[1]));
  const { slope, slopeError } = linearFit(pts);
  const mean = pts.reduce((a, p) => a + p[1], 0) / (pts.length || 1);
  return { slope, slopeError, mean, span: pts.length ? pts[pts.length - 1][0] - pts[0][0] : 0, from: use.length ? use[0].minute : 0 };
}

/**
 * One line per check, starting with PASS, FAIL or NOTE. A quantity grows when its least-squares
 * growth over the measured span (slope x minutes) exceeds its allowance and the slope is more
 * than twice its standard error (so a population that merely fluctuates is not called growing);
 * it takes at least 4 minutes (3 points after the first) to tell.
 */
function verdicts(res) {
  const { rows, start, end } = res;
  const out = [];
  if (rows.length < 4) out.push('NOTE too few minutes to tell growth from fluctuation: run at least 4 (the trend skips minute 1)');
  const sessionsPerMinute = median(rows.map((r) => r.sessionsPerSecond * 60));
  const flat = (label, value, allowance, unit, perSession) => {
    const t = trend(rows, value);
    const growth = t.slope * t.span;
    const significant = t.slope > 2 * t.slopeError;
    const verdict = !(growth > allowance(t.mean)) ? 'PASS' : Number.isNaN(t.slopeError) ? 'NOTE' : significant ? 'FAIL' : 'PASS';
    const word = verdict === 'PASS' && growth > allowance(t.mean) ? 'no significant growth' : { PASS: 'flat', FAIL: 'GROWS', NOTE: 'may grow' }[verdict];
    out.push(`${verdict} ${label} ${word}: ${fmt(t.slope, 3)} ± ${fmt(t.slopeError, 3)} ${unit}/min over minutes ${t.from}..${rows.length} ` +
      `(${fmt(growth, 2)} ${unit} in all, allowed ${fmt(allowance(t.mean), 2)}; mean ${fmt(t.mean, 1)} ${unit})` +
      (perSession && Number.isFinite(sessionsPerMinute) && sessionsPerMinute > 0 && Number.isFinite(t.slopeError)
        ? `; what a session could leave behind: at most ${fmt(Math.max(0, perSession(t.slope + 2 * t.slopeError) / sessionsPerMinute), 0)} bytes ` +
          '(slope + 2 standard errors ÷ sessions per minute)' : ''));
  };
  flat('heap after GC', (r) => r.heap / 1048576, (m) => Math.max(4, 0.1 * m), 'MB', (s) => s * 1048576);
  flat('open descriptors', (r) => r.fds, (m) => Math.max(10, 0.01 * m), 'fds');
  // every socket is a descriptor: what is left besides the sockets must not move at all
  flat('descriptors besides sockets', (r) => r.fds - r.metrics.connections - (r.metrics.byState.handshaking || 0), () => 5, 'fds');
  flat('threads', (r) => r.threads, () => 2, 'threads');
  flat('users', (r) => r.metrics.users, (m) => Math.max(10, 0.05 * m), 'users');
  flat('roulette queue', (r) => r.metrics.queue, (m) => Math.max(10, 0.05 * m), 'entries');
  for (const t of Object.keys((rows[0] && rows[0].metrics.tables) || {})) {
    // login-rate buckets follow the logins of the last seconds (forgotten once full again):
    // bounded by the addresses in use, they move with the login rate
    const allowance = t === 'login_rate_addresses' ? () => Math.max(10, 0.1 * res.options.addresses) : (m) => Math.max(10, 0.05 * m);
    flat(`table ${t}`, (r) => r.metrics.tables[t], allowance, 'entries');
  }
  const failures = {};
  for (const r of rows) for (const [k, n] of Object.entries(r.failures)) failures[k] = (failures[k] || 0) + n;
  for (const [k, n] of Object.entries(res.afterLeaving.failures)) failures[`${k} (while leaving)`] = n;
  out.push(sum(failures) ? `FAIL failures: ${causes(failures)}` : 'PASS no failures (every expected message within the timeout, no unexpected close, no error reply)');
  const refusals = {};
  for (const r of rows) for (const [k, n] of Object.entries(r.refusals)) refusals[k] = (refusals[k] || 0) + n;
  out.push(sum(refusals) ? `NOTE refused by the server's limits: ${causes(refusals)}` : 'PASS no session refused by the default limits');
  // compared with the empty start, which already holds the tool's own /metrics request (one socket)
  const held = (x) => ({ users: x.users, connections: x.connections, queue: x.queue, ...x.byState, ...x.tables });
  const before = held(start.metrics), after = held(end.metrics);
  const left = Object.keys(after).filter((k) => after[k] !== before[k]);
  out.push(left.length ? `FAIL not back to the empty start after everyone left: ${left.map((k) => `${k} ${after[k]} (start ${before[k]})`).join(', ')}`
    : 'PASS back to the empty start after everyone left: users, connections by state, queue and every table as before the first client');
  if (res.afterLeaving.stillOpen) out.push(`FAIL ${res.afterLeaving.stillOpen} client sockets still open 30 s after leaving`);
  const fdDiff = end.fds - start.fds;
  out.push(`${fdDiff <= 5 ? 'PASS' : 'FAIL'} descriptors back to baseline: ${end.fds} (empty start ${start.fds})`);
  const heapDiff = end.heap - start.heap;
  const heapAllowed = Math.max(8 * 1048576, 0.25 * start.heap);
  out.push(`${heapDiff <= heapAllowed ? 'PASS' : 'FAIL'} heap back near baseline: ${mb(end.heap)} MB after GC (empty start ${mb(start.heap)} MB, allowed +${mb(heapAllowed)} MB for caches and JIT)`);
  const busy = rows.filter((r) => r.foreignCores > res.options.quietCores);
  out.push(`NOTE machine ${busy.length ? `BUSY in ${busy.length} of ${rows.length} minutes` : 'quiet'}: other processes used median ` +
    `${fmt(median(rows.map((r) => r.foreignCores)), 2)} cores (max ${fmt(Math.max(...rows.map((r) => r.foreignCores)), 2)}), steal median ` +
    `${fmt(median(rows.map((r) => r.stealCores)), 2)} cores, load average up to ${fmt(Math.max(...rows.map((r) => r.loadavg)), 2)}`);
  return out;
}

function markdown(res) {
  const { options: o, machine: m, rows, start, end } = res;
  const med = (f) => median(rows.map(f));
  const L = [];
  L.push(`Machine: ${m.nproc} × ${m.cpu}, ${m.memGB} GiB RAM, Linux ${m.kernel}; ${m.java}; Node ${m.node}, ws ${m.ws}; server at git ${m.rev} ` +
    `(./peerphone server with its default limits${o.javaHeap ? `, -Xmx${o.javaHeap}` : ''}).`);
  L.push(`Load: ${o.clients} clients over ${o.addresses} source addresses, ${o.rate} sessions/s (sessions of ~${fmt(o.clients / o.rate - o.pause, 0)} s), ` +
    `${o.calls} calls per session (${fmt(100 * o.reject, 0)} % rejected, ${fmt(100 * o.noAnswer, 0)} % unanswered), ${fmt(100 * o.roulette, 0)} % roulette ` +
    `(${o.matches} matches), ${fmt(100 * o.abrupt, 0)} % abrupt ends, ${o.candidates} candidates per side, seed ${o.seed}. ` +
    `Ramp: ${res.ramp.loggedIn} logged in after ${fmt(res.ramp.seconds, 1)} s.`);
  L.push(`Steady (medians of the minutes): ${fmt(med((r) => r.sessionsPerSecond), 1)} sessions/s, ${fmt(med((r) => r.relayedPerSecond), 0)} relayed msg/s ` +
    `(offer, answer, candidate, chat with latency; ${fmt(med((r) => r.sentPerSecond), 0)} msg/s sent by clients in all), relay p50 ${fmt(med((r) => r.p50), 2)} ms, ` +
    `p99 ${fmt(med((r) => r.p99), 2)} ms; presence pushes ${fmt(med((r) => r.presenceMB / r.seconds), 1)} MB/s to clients.`, '');
  L.push('Per minute: load and relay (latency = one-way sender → server → receiver, both in the load generator; login = connect to login reply; failures = expected message not within ' +
    `${o.expectTimeout} s, unexpected close, or an error reply; refusals = the server's limits, by cause)`, '');
  L.push('| min | sessions/s | relayed msg/s | p50 ms | p99 ms | max ms | login p50 / p99 ms | calls (accepted / rejected / unanswered) | roulette matches | ends graceful / abrupt | failures | refusals | server cores | load-gen cores | other processes (cores) | steal (cores) | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    L.push(`| ${r.minute} | ${fmt(r.sessionsPerSecond, 1)} | ${fmt(r.relayedPerSecond, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.max, 1)} | ` +
      `${fmt(r.loginP50, 1)} / ${fmt(r.loginP99, 1)} | ` +
      `${r.calls} (${r.accepted} / ${r.rejected} / ${r.unanswered}) | ${r.matches} | ${r.graceful} / ${r.abrupt} | ${causes(r.failures) || 0} | ${causes(r.refusals) || 0} | ` +
      `${fmt(r.serverCores, 2)} | ${fmt(r.loadgenCores, 2)} | ${fmt(r.foreignCores, 2)} | ${fmt(r.stealCores, 2)} | ${fmt(r.loadavg, 2)} |`);
  }
  L.push('', 'Per minute: what the server holds (heap used right after a full GC; tables from `/metrics` peerphone_table_entries)', '');
  L.push('| min | heap MB | fds | threads | RSS MB | users | connections (handshaking / open / logged in) | roulette queue | call / ringing pairs | awaiting login | addresses: login-rate / names / sockets |',
    '|---|---|---|---|---|---|---|---|---|---|---|');
  const state = (label, s) => {
    const x = s.metrics, t = x.tables, b = x.byState;
    return `| ${label} | ${mb(s.heap)} | ${s.fds} | ${s.threads} | ${mb(s.rss)} | ${x.users} | ${x.connections} (${b.handshaking} / ${b.open} / ${b.logged_in}) | ${x.queue} | ` +
      `${t.call_pairs} / ${t.ringing_pairs} | ${t.awaiting_login} | ${t.login_rate_addresses} / ${t.name_addresses} / ${t.socket_addresses} |`;
  };
  L.push(state('empty start', start));
  for (const r of rows) L.push(state(r.minute, r));
  L.push(state('empty end', end));
  L.push('', 'Verdicts:', '');
  for (const v of res.verdicts) L.push(`- ${v}`);
  return L.join('\n');
}

module.exports = { scrape, verdicts, markdown };
