// The servers the relay benchmark measures, each started fresh on loopback by the tool:
//   java     ./peerphone server (single node, no Redis)
//   javaws   the same process, reached at /ws on its HTTP port
//   node     bench/node-relay.js (Node.js `ws` baseline)
//   cluster1 one ./peerphone server --redis node (both ends of every pair on it: no Redis on a relay)
//   cluster2 two --redis nodes, every pair split across them (one end on each: every relay via Redis)
//   java-base, cluster2-base  the same as java and cluster2, run from another checkout (--base DIR:
//            e.g. a git worktree of the revision to compare with), in the same run, rounds alternating
// Each cluster target has its own throwaway redis-server (--save '' --appendonly no) on a free port.
// A target is {name, urls, pids, jvmPids, redis?, httpPorts}: its CPU is the sum over `pids`.
'use strict';
const net = require('net');
const path = require('path');
const { startProcess, startJavaServer, log } = require('./common');

const KNOWN = ['java', 'javaws', 'node', 'cluster1', 'cluster2', 'java-base', 'cluster2-base'];
// A load generator is one client with thousands of users: no per-address limits.
const NO_ADDRESS_LIMITS = ['--max-connections-per-ip', '0', '--max-logins-per-minute-per-ip', '0', '--max-names-per-ip', '0'];

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * Redis command counts so far (`INFO commandstats`): {total, publish}. Lets a round show how many
 * Redis commands each relayed message cost (cluster1 must show none: same-node relays skip Redis).
 */
function redisCommandCalls(port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let buf = '';
    sock.setTimeout(15000, () => { sock.destroy(); reject(new Error('redis INFO timed out')); });
    sock.on('error', reject);
    sock.on('connect', () => sock.write('*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n'));
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      const head = /^\$(\d+)\r\n/.exec(buf);
      if (!head || buf.length < head[0].length + Number(head[1])) return;
      sock.end();
      let total = 0, publish = 0;
      for (const m of buf.matchAll(/cmdstat_(\S+?):calls=(\d+)/g)) {
        if (m[1] === 'info') continue; // our own probes
        total += Number(m[2]);
        if (m[1] === 'publish') publish += Number(m[2]);
      }
      resolve({ total, publish });
    });
  });
}

async function startRedis(name, opt, isStopping) {
  const port = await freePort();
  const child = await startProcess({ name, cmd: 'redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    readyRe: /Ready to accept connections/, logDir: opt.out, isStopping });
  return { child, port };
}

async function startNode(name, opt, extra, isStopping, root) {
  const port = await freePort(), httpPort = await freePort();
  const child = await startJavaServer({ name,
    args: ['--port', String(port), '--http-port', String(httpPort), ...NO_ADDRESS_LIMITS, ...extra],
    heap: opt.javaHeap, logDir: opt.out, isStopping, root });
  return { child, port, httpPort };
}

/**
 * Starts every server `opt.targets` names (comma-separated), adding each process to `children`.
 * Resolves with {name: target}.
 */
async function startTargets(opt, children, isStopping) {
  const want = opt.targets.split(',');
  for (const w of want) if (!KNOWN.includes(w)) throw new Error(`unknown target ${w} (known: ${KNOWN.join(', ')})`);
  const targets = {};
  if (want.some((w) => w.endsWith('-base')) && !opt.base) throw new Error('targets *-base need --base DIR (another checkout, built)');
  const baseRoot = opt.base ? path.resolve(opt.base) : null;
  if (want.includes('java-base')) {
    const n = await startNode('java-base', opt, [], isStopping, baseRoot);
    children.push(n.child);
    targets['java-base'] = { name: 'java-base', jvm: true, urls: [`ws://127.0.0.1:${n.port}/`], pids: [n.child.pid],
      jvmPids: [n.child.pid], httpPorts: [n.httpPort] };
  }
  // 0 (the default) = a free port; opt is updated so the idle phase finds node-relay's stats port
  if (!opt.javaPort) opt.javaPort = await freePort();
  if (!opt.javaHttpPort) opt.javaHttpPort = await freePort();
  if (!opt.nodePort) opt.nodePort = await freePort();
  if (!opt.nodeStatsPort) opt.nodeStatsPort = await freePort();
  if (want.includes('java') || want.includes('javaws')) {
    const child = await startJavaServer({
      args: ['--port', String(opt.javaPort), '--http-port', String(opt.javaHttpPort), ...NO_ADDRESS_LIMITS],
      heap: opt.javaHeap, logDir: opt.out, isStopping });
    children.push(child);
    const one = { jvm: true, pids: [child.pid], jvmPids: [child.pid], httpPorts: [opt.javaHttpPort] };
    targets.java = { name: 'java', urls: [`ws://127.0.0.1:${opt.javaPort}/`], ...one };
    targets.javaws = { name: 'javaws', urls: [`ws://127.0.0.1:${opt.javaHttpPort}/ws`], ...one };
  }
  if (want.includes('node')) {
    const child = await startProcess({ name: 'node-relay', cmd: process.execPath,
      args: ['--expose-gc', path.join(__dirname, '..', 'node-relay.js'), String(opt.nodePort), String(opt.nodeStatsPort)],
      readyRe: /listening/, logDir: opt.out, isStopping });
    children.push(child);
    targets.node = { name: 'node', urls: [`ws://127.0.0.1:${opt.nodePort}/`], pids: [child.pid], jvmPids: [], httpPorts: [] };
  }
  // Each cluster target has its own Redis: nodes on one Redis are one cluster (pub/sub ignores DBs).
  for (const [name, count, root] of [['cluster1', 1], ['cluster2', 2], ['cluster2-base', 2, baseRoot]]) {
    if (!want.includes(name)) continue;
    const redis = await startRedis(`${name}-redis`, opt, isStopping);
    children.push(redis.child);
    const nodes = [];
    for (let i = 1; i <= count; i++) {
      const n = await startNode(`${name}-node${i}`, opt, ['--redis', `redis://127.0.0.1:${redis.port}`], isStopping, root);
      children.push(n.child);
      nodes.push(n);
    }
    log(`${name}: redis-server pid ${redis.child.pid} on 127.0.0.1:${redis.port}, nodes ${nodes.map((n) => `pid ${n.child.pid} :${n.port}`).join(', ')}`);
    targets[name] = { name, jvm: true, urls: nodes.map((n) => `ws://127.0.0.1:${n.port}/`),
      pids: [...nodes.map((n) => n.child.pid), redis.child.pid], jvmPids: nodes.map((n) => n.child.pid),
      httpPorts: nodes.map((n) => n.httpPort), redisPort: redis.port,
      pidNames: Object.fromEntries([...nodes.map((n, i) => [n.child.pid, `node${i + 1}`]), [redis.child.pid, 'redis']]) };
  }
  return targets;
}

module.exports = { startTargets, redisCommandCalls, freePort };
