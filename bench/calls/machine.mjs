// How busy the machine is, for bench/calls/run.sh (the same idea as bench/signaling-bench.js):
// CPU used by processes outside the benchmark's own process tree, hypervisor steal, load average.
//
//   node machine.mjs wait-quiet ROOT_PID [--quiet-cores C] [--timeout S]
//       samples 2 s windows until other processes use < C cores (default 0.15) and steal < C/2,
//       for at most S s (default 60); prints one JSON line; exit 0 quiet, 3 still busy.
//   node machine.mjs snapshot ROOT_PID NAME
//       prints one JSON line of counters; two of them give a window's foreign CPU (report.mjs).
//
// "Ours" is every live process under ROOT_PID (run.sh's shell), counting utime+stime plus
// cutime+cstime (the CPU of children already reaped), so a finished Java run still counts as ours.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLK_TCK = 100; // Linux USER_HZ

/** Machine-wide user+nice+system+irq+softirq and steal seconds so far. */
function machine() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { busy: (f[0] + f[1] + f[2] + f[5] + f[6]) / CLK_TCK, steal: (f[7] || 0) / CLK_TCK };
}

function stat(pid) {
  const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
  return { ppid: Number(rest[1]), cpu: (Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) / CLK_TCK };
}

/** CPU seconds of ROOT_PID's whole live tree (with its reaped children), plus this process's own. */
function ours(root) {
  return treeUsage(root, true).cpu;
}

/**
 * CPU seconds (with reaped children), summed RSS and PSS (shared pages split between the processes
 * sharing them) bytes of `root` and every live process below
 * it; `withSelf` adds this Node process (the benchmark's own tool).
 */
export function treeUsage(root, withSelf = false) {
  const procs = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try { procs.set(Number(d), stat(d)); } catch { /* gone */ }
  }
  const inTree = pid => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === root) return true;
      const s = procs.get(p);
      if (!s) return false;
      p = s.ppid;
    }
    return false;
  };
  let cpu = 0, rss = 0, pss = 0;
  for (const [pid, s] of procs) {
    if (!inTree(pid) && !(withSelf && pid === process.pid)) continue;
    cpu += s.cpu;
    try { rss += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] || 0) * 1024; } catch { /* gone */ }
    try { pss += Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] || 0) * 1024; } catch { /* gone */ }
  }
  return { cpu, rss, pss };
}

/** Counters now: machine busy and steal seconds, our tree's CPU seconds, load average. */
export function snapshot(root) {
  const m = machine();
  return { t: performance.timeOrigin + performance.now(), busy: m.busy, steal: m.steal, ours: ours(root),
    load: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number) };
}

/** The processes using most CPU right now (ps's lifetime average is useless; sample 1 s). */
function topOthers(root) {
  try {
    return execFileSync('top', ['-b', '-n', '2', '-d', '1', '-o', '%CPU', '-w', '200'], { encoding: 'utf8' })
      .split(/^\s*PID\s+USER.*$/m).slice(-1)[0].split('\n').filter(l => /^\s*\d+/.test(l)).slice(0, 5)
      .map(l => l.trim().split(/\s+/)).filter(c => Number(c[8]) >= 5)
      .map(c => `${c[11]}(${c[0]}) ${c[8]}%`);
  } catch { return []; }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

async function main() {
  const [cmd, rootArg, ...rest] = process.argv.slice(2);
  const name = cmd === 'snapshot' ? rest.shift() : undefined;
  const root = Number(rootArg);
  const opt = { quietCores: 0.15, timeout: 60 };
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === '--quiet-cores') opt.quietCores = Number(rest[i + 1]);
    else if (rest[i] === '--timeout') opt.timeout = Number(rest[i + 1]);
    else { console.error(`unknown option ${rest[i]}`); process.exit(2); }
  }
  if (!root || !['wait-quiet', 'snapshot'].includes(cmd)) {
    console.error('usage: node machine.mjs wait-quiet ROOT_PID [--quiet-cores C] [--timeout S] | snapshot ROOT_PID NAME');
    process.exit(2);
  }
  if (cmd === 'snapshot') {
    console.log(JSON.stringify({ kind: 'snapshot', name, ...snapshot(root) }));
  } else {
    const start = Date.now();
    let w;
    for (;;) {
      const a = snapshot(root);
      await new Promise(r => setTimeout(r, 2000));
      const b = snapshot(root);
      const s = (b.t - a.t) / 1000;
      w = { foreignCores: Math.max(0, (b.busy - a.busy - (b.ours - a.ours)) / s), stealCores: (b.steal - a.steal) / s, load: b.load };
      w.quiet = w.foreignCores < opt.quietCores && w.stealCores < opt.quietCores / 2;
      if (w.quiet || Date.now() - start > opt.timeout * 1000) break;
      console.error(`machine busy: other processes ${w.foreignCores.toFixed(2)} cores, steal ${w.stealCores.toFixed(2)}, ` +
        `load ${w.load.join(' ')}; waiting up to ${opt.timeout} s`);
    }
    if (!w.quiet) w.busiest = topOthers(root);
    console.log(JSON.stringify({ kind: 'quiet-check', ...w, quietCores: opt.quietCores }));
    process.exit(w.quiet ? 0 : 3);
  }
}
