#!/usr/bin/env bash
# Call-setup benchmark (docs/BENCHMARKS.md, "## Call setup"), issue 14:
#   0. waits for a quiet machine (bench/calls/machine.mjs: CPU of other processes, steal, load);
#      refuses to measure on a busy one unless --allow-busy;
#   1. Java<->Java through our signaling server, ring flow, every setup phase of both peers
#      (app/src/test/.../bench/CallSetupBench.java);
#   2. the same for two headless Chromium pages through the same server (chromium.mjs, page.html);
#   3. steady-state CPU and memory of one `peerphone headless` peer in a 640x480 two-way call, then
#      of one Chromium peer (all its processes) in the same call (chromium-cpu.mjs; --no-cpu skips);
#   4. prints the Markdown report (report.mjs): load during each part, per-phase medians/p90,
#      headline ratios only from a quiet machine (--allow-busy prints them marked BUSY).
# Needs: JDK 17, Maven, Node 18+, Debian's chromium (apt-get install chromium).
# Usage: bench/calls/run.sh [calls] [--allow-busy] [--quiet-cores C] [--quiet-timeout S] [--no-cpu]
#                           [--ring-ms R]
#        (default 20 calls; quiet = other processes < 0.15 cores and steal < half that)
# Each pair runs twice: answered at once (the phase breakdown), then with the callee pressing
# Accept R ms (default 300) after the ring, as a person would, for Accept -> first frame.
# The raw run goes to bench/results/calls-<UTC time>.jsonl; exit status 3 = busy machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
orig_args="$*"
calls=20 allow_busy="" quiet_cores=0.15 quiet_timeout=120 cpu=1 ring_ms=300
while [ $# -gt 0 ]; do
  case "$1" in
    --allow-busy) allow_busy=--allow-busy ;;
    --quiet-cores) quiet_cores="$2"; shift ;;
    --quiet-timeout) quiet_timeout="$2"; shift ;;
    --no-cpu) cpu="" ;;
    --ring-ms) ring_ms="$2"; shift ;;
    [0-9]*) calls="$1" ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
cp="app/target/peerphone-app.jar:app/target/lib/*"

mvn -q -B -pl app -am package -DskipTests >&2
(cd bench/calls && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund >&2)
mkdir -p bench/results
out="bench/results/calls-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
machine() { node bench/calls/machine.mjs "$@"; }
printf '{"kind":"run","date":"%s","command":"bench/calls/run.sh %s","calls":'"$calls"',"cores":%d,"cpu":"%s"}\n' \
  "$(date -u +%FT%TZ)" "$orig_args" "$(nproc)" \
  "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" > "$out"

echo "== waiting for a quiet machine (other processes < $quiet_cores cores, up to $quiet_timeout s)" >&2
if ! machine wait-quiet $$ --quiet-cores "$quiet_cores" --timeout "$quiet_timeout" >> "$out"; then
  tail -1 "$out" >&2
  if [ -z "$allow_busy" ]; then
    echo "machine busy: refusing to measure (pass --allow-busy to measure anyway, marked BUSY)" >&2
    exit 3
  fi
fi

port=$((20000 + RANDOM % 20000))
java -cp "$cp" dev.peerphone.app.cli.Main server --port "$port" --http-port -1 \
  --max-logins-per-minute-per-ip 0 --max-names-per-ip 0 2>/dev/null & # every call logs in two users
server=$!
pids=("$server")
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
url="ws://127.0.0.1:$port"

for ring in 0 "$ring_ms"; do
  tag=$([ "$ring" = 0 ] && echo "" || echo "-ring")
  echo "== Java <-> Java, $calls calls, callee accepts ${ring} ms after the ring" >&2
  machine snapshot $$ "java$tag-start" >> "$out"
  java -cp "$cp:app/target/test-classes" dev.peerphone.app.bench.CallSetupBench "$url" "$calls" "$ring" 2>/dev/null | grep '^{' >> "$out"
  machine snapshot $$ "java$tag-end" >> "$out"
  echo "== Chromium <-> Chromium, $calls calls, callee accepts ${ring} ms after the ring" >&2
  BENCH_ROOT_PID=$$ node bench/calls/chromium.mjs "$url" "$calls" "$ring" >> "$out" # with its load snapshots
done

if [ -n "$cpu" ]; then
  echo "== headless peer in a 640x480 call: CPU and RSS over 30 s after 10 s warm-up" >&2
  java -cp "$cp" dev.peerphone.app.cli.Main headless --server "$url" --name cpu-b --fake-video --fake-audio >/dev/null 2>&1 &
  b=$!; pids+=("$b")
  sleep 2
  java -cp "$cp" dev.peerphone.app.cli.Main headless --server "$url" --name cpu-a --call cpu-b --fake-video --fake-audio >/dev/null 2>&1 &
  a=$!; pids+=("$a")
  sleep 10
  ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
  hz=$(getconf CLK_TCK)
  t0=$(ticks "$a"); s0=$(date +%s.%N)
  sleep 30
  t1=$(ticks "$a"); s1=$(date +%s.%N)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$a/status")
  awk -v t0="$t0" -v t1="$t1" -v s0="$s0" -v s1="$s1" -v hz="$hz" -v rss="$rss" 'BEGIN {
    printf("{\"kind\":\"cpu\",\"what\":\"one headless Java peer\",\"cpuPercentOfOneCore\":%.1f,\"rssMiB\":%.0f,\"note\":\"VP8 640x480@30 both ways, synthetic video and silence, 30 s after 10 s warm-up\"}\n",
           100 * (t1 - t0) / hz / (s1 - s0), rss / 1024) }' >> "$out"
  kill "$a" "$b" 2>/dev/null || true
  wait "$a" "$b" 2>/dev/null || true
  echo "== one Chromium peer (all its processes) in the same kind of call: CPU over 30 s after 10 s warm-up" >&2
  node bench/calls/chromium-cpu.mjs "$url" 10 30 >> "$out"
fi

echo "== report (raw run: $out)" >&2
node bench/calls/report.mjs "$out" --quiet-cores "$quiet_cores" $allow_busy
