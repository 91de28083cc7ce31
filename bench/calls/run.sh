#!/usr/bin/env bash
# Call-setup benchmark (docs/BENCHMARKS.md, "## Call setup"):
#   1. Java<->Java through our signaling server: `call` -> DataChannel open / first remote frame,
#      median of N calls (app/src/test/.../bench/CallSetupBench.java);
#   2. the same for two headless Chromium pages through the same server (anchor; chromium.mjs);
#   3. steady-state CPU and memory of one `peerphone headless` peer in a 640x480 call.
# Needs: JDK 17, Maven, Node 18+, Debian's chromium (apt-get install chromium).
# Usage: bench/calls/run.sh [calls]      (default 20)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
calls="${1:-20}"
cp="app/target/peerphone-app.jar:app/target/lib/*"

mvn -q -B -pl app -am package -DskipTests >&2
(cd bench/calls && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund >&2)

port=$((20000 + RANDOM % 20000))
java -cp "$cp" dev.peerphone.app.cli.Main server --port "$port" --http-port -1 \
  --max-logins-per-minute-per-ip 0 --max-names-per-ip 0 2>/dev/null & # every call logs in two users
server=$!
pids=("$server")
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
url="ws://127.0.0.1:$port"

echo "== Java <-> Java, $calls calls" >&2
java -cp "$cp:app/target/test-classes" dev.peerphone.app.bench.CallSetupBench "$url" "$calls" 2>/dev/null | grep '^{'
echo "== Chromium <-> Chromium, $calls calls" >&2
node bench/calls/chromium.mjs "$url" "$calls"

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
awk -v t0="$t0" -v t1="$t1" -v s0="$s0" -v s1="$s1" -v hz="$hz" -v rss="$rss" -v cores="$(nproc)" 'BEGIN {
  printf("{\"side\":\"headless-peer\",\"cpuPercentOfOneCore\":%.1f,\"rssMiB\":%.0f,\"cores\":%d}\n",
         100 * (t1 - t0) / hz / (s1 - s0), rss / 1024, cores) }'
