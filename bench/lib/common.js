// Helpers shared by the Node benchmark tools (signaling-bench.js, soak/soak.js): starting a
// server process, reading a process's and the machine's counters from /proc, the Java server's
// heap after a full GC, percentiles and formatting. Linux only (/proc).
'use strict';
const { spawn, execFile, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');

const ROOT = path.resolve(__dirname, '..', '..');
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

// ---------------------------------------------------------------- /proc readers
function procStatFields(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
/** CPU seconds (utime + stime) used so far by process `pid`. */
function cpuSeconds(pid) {
  const f = procStatFields(pid);
  return (Number(f[11]) + Number(f[12])) / CLK_TCK; // utime, stime (fields 14, 15)
}
/** CPU seconds per thread of a process: {"tid name": seconds}. */
function threadCpu(pid) {
  const out = {};
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[`${tid} ${name}`] = (Number(f[11]) + Number(f[12])) / CLK_TCK;
    } catch (e) { /* thread ended */ }
  }
  return out;
}
/** The busiest threads between two threadCpu snapshots, as "name cores" over `seconds`. */
function busiestThreads(a, b, seconds, n = 6) {
  return Object.keys(b).map((k) => [k.replace(/^\d+ /, ''), (b[k] - (a[k] || 0)) / seconds])
    .sort((x, y) => y[1] - x[1]).slice(0, n).filter((x) => x[1] >= 0.01)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`);
}
function machineCpuFields() {
  return fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
}
/** Seconds of user+nice+system CPU of the whole machine (all cores) so far. */
function machineCpuSeconds() {
  const f = machineCpuFields();
  return (f[0] + f[1] + f[2]) / CLK_TCK;
}
/** Seconds the hypervisor ran something else while this VM wanted to run (all cores). */
function stealSeconds() {
  return (machineCpuFields()[7] || 0) / CLK_TCK;
}
/** The 1-minute load average. */
function loadAverage() {
  return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
/** Read-type and write-type system calls made so far by process `pid` (/proc/PID/io syscr, syscw). */
function syscalls(pid) {
  const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
  return { reads: Number(/syscr:\s+(\d+)/.exec(io)[1]), writes: Number(/syscw:\s+(\d+)/.exec(io)[1]) };
}
function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}
function threadCount(pid) {
  const m = /Threads:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
/** Open file descriptors of `pid` (entries of /proc/PID/fd). */
function fdCount(pid) {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

// ---------------------------------------------------------------- the Java server
function run(cmd, args) {
  return new Promise((resolve, reject) => execFile(cmd, args, (err, out) => (err ? reject(err) : resolve(out))));
}
/**
 * Used heap of a JVM right after a full GC (jcmd GC.run, then GC.heap_info), in bytes. Runs jcmd
 * in the background, so a load generator's event loop keeps going meanwhile.
 */
async function javaHeapUsed(pid) {
  await run('jcmd', [String(pid), 'GC.run']);
  const out = await run('jcmd', [String(pid), 'GC.heap_info']);
  // G1 prints one "garbage-first heap ... used NK"; the serial and parallel collectors print one
  // line per generation: sum them.
  const used = [...out.matchAll(/(?:garbage-first heap|generation|PSYoungGen|ParOldGen)\s+total \d+K, used (\d+)K/g)];
  return used.length ? used.reduce((sum, m) => sum + Number(m[1]) * 1024, 0) : NaN;
}
/** Young+full GC count and seconds of a JVM (jstat), or null if jstat cannot read it. */
function jvmGcCounters(pid) {
  return new Promise((resolve) => execFile('jstat', ['-gc', String(pid)], (err, out) => {
    if (err) return resolve(null);
    const [head, vals] = out.trim().split('\n').map((l) => l.trim().split(/\s+/));
    const v = (k) => { const n = Number(vals[head.indexOf(k)]); return Number.isFinite(n) ? n : 0; }; // '-' for collectors without that column
    resolve({ count: v('YGC') + v('FGC') + (head.includes('CGC') ? v('CGC') : 0), seconds: v('GCT') });
  }));
}

/**
 * Starts `cmd args` (cwd: the repository) with its output in `logDir/name.log`; resolves with the
 * child once a line matches `readyRe` ("signaling on ws:" for our server; the output that matched
 * is in child.readyText, e.g. to read the ports a server on port 0 took). `isStopping()` tells
 * an expected exit from a crash, which is logged as a warning.
 */
function startProcess({ name, cmd, args, env = {}, readyRe, logDir, isStopping = () => false }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const logFile = fs.createWriteStream(path.join(logDir, `${name}.log`));
    let ready = false;
    const onData = (d) => {
      logFile.write(d);
      if (!ready && readyRe.test(d.toString())) { ready = true; child.readyText = d.toString(); resolve(child); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, sig) => {
      if (!ready) reject(new Error(`${name} exited (${code ?? sig}) before it was ready; see ${logDir}/${name}.log`));
      else if (!isStopping()) log(`WARNING: ${name} exited unexpectedly (${code ?? sig})`);
    });
    setTimeout(() => !ready && reject(new Error(`${name} not ready after 300 s`)), 300000).unref();
  });
}
/**
 * Starts `./peerphone server ARGS` (of this checkout, or of `root`: another one, e.g. a git
 * worktree of the revision to compare with) and checks that the pid is the JVM itself.
 */
async function startJavaServer({ name = 'java-server', args, heap, logDir, isStopping, root = ROOT }) {
  const child = await startProcess({ name, cmd: path.join(root, 'peerphone'), args: ['server', ...args],
    env: heap ? { PEERPHONE_JAVA_OPTS: `-Xmx${heap}` } : {}, readyRe: /signaling on ws:/, logDir, isStopping });
  const comm = fs.readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim();
  if (comm !== 'java') throw new Error(`pid ${child.pid} is ${comm}, not java`);
  return child;
}

/**
 * `--some-option VALUE` pairs into a copy of `defaults` (keys in camelCase; numbers where the
 * default is a number); --help prints `help`; anything else exits with status 2.
 */
function parseOptions(argv, defaults, help) {
  const o = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') { console.log(help); process.exit(0); }
    const key = a.replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!a.startsWith('--') || !(key in o) || i + 1 >= argv.length) { console.error(`bad option ${a}\n${help}`); process.exit(2); }
    const v = argv[++i];
    o[key] = typeof defaults[key] === 'number' ? Number(v) : v;
    if (typeof defaults[key] === 'number' && !Number.isFinite(o[key])) { console.error(`${a} needs a number, not ${v}`); process.exit(2); }
  }
  return o;
}

function httpGet(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => { let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => resolve(b)); }).on('error', reject);
  });
}

// ---------------------------------------------------------------- numbers
function fmt(x, d) { return x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d); }
function mb(x) { return fmt(x / 1048576, 1); }
/** The p-quantile (0..1) of an ascending array (nearest rank below). */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
function median(xs) {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
/**
 * Least-squares fit y = intercept + slope x over the points [x, y], with the slope's standard
 * error (NaN below 3 points).
 */
function linearFit(points) {
  const n = points.length;
  if (n < 2) return { slope: NaN, intercept: NaN, slopeError: NaN };
  const mx = points.reduce((s, p) => s + p[0], 0) / n, my = points.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0, sxx = 0;
  for (const [x, y] of points) { sxy += (x - mx) * (y - my); sxx += (x - mx) ** 2; }
  const slope = sxx ? sxy / sxx : NaN;
  const intercept = my - slope * mx;
  const residuals = points.reduce((s, [x, y]) => s + (y - intercept - slope * x) ** 2, 0);
  const slopeError = n > 2 && sxx ? Math.sqrt(residuals / (n - 2) / sxx) : NaN;
  return { slope, intercept, slopeError };
}
/** What ran the benchmark: CPU, memory, kernel, Java, Node, ws and the git revision. */
function machine() {
  const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1];
  const java = execFileSync('sh', ['-c', 'java -version 2>&1 | head -1']).toString().trim();
  let rev = '';
  try { rev = execFileSync('git', ['-C', ROOT, 'describe', '--always', '--dirty']).toString().trim(); } catch (e) { rev = '?'; }
  return { rev, nproc: os.cpus().length, cpu, memGB: (os.totalmem() / 2 ** 30).toFixed(1), kernel: os.release(), node: process.version,
    ws: require('ws/package.json').version, java };
}

module.exports = {
  ROOT, CLK_TCK, sleep, log, cpuSeconds, threadCpu, busiestThreads, machineCpuSeconds, stealSeconds, loadAverage,
  rssBytes, syscalls, threadCount, fdCount, javaHeapUsed, jvmGcCounters, startProcess, startJavaServer, parseOptions, httpGet,
  fmt, mb, percentile, median, linearFit, machine,
};
