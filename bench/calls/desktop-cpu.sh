#!/usr/bin/env bash
# CPU per call of the desktop app with rendering (issue 14, item 3), beside run.sh's headless and
# Chromium numbers: the desktop app under Xvfb calls a headless peer; both send the 640x480 test
# pattern (VP8, 30 fps) both ways with silence; the app draws the remote video and its local
# preview. After a warm-up, the CPU of the desktop JVM and of the X server drawing for it is read
# from /proc over a window, then the app saves its window and prints its render statistics.
# Each run also prints what the rest of the machine did meanwhile (load average, CPU of every
# other process, the hypervisor's steal): quote a result only from a run where that is ~0.
# Needs: JDK 17, Maven, xvfb (apt-get install -y xvfb).
# Usage: bench/calls/desktop-cpu.sh [warm-up seconds] [window seconds] [runs]   (default 10 30 1)
#   With several runs it ends with the median and range of the app's CPU.
#   DESKTOP_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/desktop.jfr,settings=profile"
#   profiles the desktop app alone (the server and the headless peer run without it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
warm="${1:-10}"; window="${2:-30}"; runs="${3:-1}"
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Busy and steal ticks of the whole machine (all cores): user nice system irq softirq / steal.
machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $9}' /proc/stat; }
cores() { awk -v d="$1" -v hz="$hz" -v w="$window" 'BEGIN { printf "%.0f", 100 * d / hz / w }'; }
frac() { awk -v d="$1" -v hz="$hz" -v w="$window" 'BEGIN { printf "%.2f", d / hz / w }'; }

one_run() {
  local tmp port app xvfb bob a0 a1 x0 x1 b0 b1 s0 s1 m0 m1 rss busy steal others
  tmp="$(mktemp -d)"
  port=$((20000 + RANDOM % 20000))
  PEERPHONE_JAVA_OPTS= ./peerphone server --port "$port" --http-port -1 >"$tmp/server.log" 2>&1 &
  pids=($!)
  trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  PEERPHONE_JAVA_OPTS= ./peerphone headless --server "ws://127.0.0.1:$port/" --name bob --fake-audio \
    --camera "Test pattern 640x480" >"$tmp/bob.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 150); do grep -q logged-in "$tmp/bob.log" 2>/dev/null && break; sleep 0.2; done
  PEERPHONE_JAVA_OPTS="${DESKTOP_JAVA_OPTS:-}" xvfb-run -a -s "-screen 0 1280x800x24" ./peerphone desktop --name alice --server "127.0.0.1:$port" \
    --synthetic --camera "Test pattern 640x480" --call bob --screenshot "$tmp/shot.png" \
    --measure $((warm + window + 5)) >"$tmp/desktop.log" 2>&1 &
  pids+=($!)
  app=""
  for _ in $(seq 300); do
    app="$(pgrep -f "dev.peerphone.app.cli.Main desktop --name alice --server 127.0.0.1:$port" | head -1 || true)"
    [ -n "$app" ] && grep -q connected "$tmp/bob.log" 2>/dev/null && break
    sleep 0.2
  done
  [ -n "$app" ] || { echo "desktop app did not start; see $tmp/desktop.log" >&2; cat "$tmp/desktop.log" >&2; exit 1; }
  xvfb="$(pgrep -x Xvfb | tail -1)"
  bob="$(pgrep -f "Main headless --server ws://127.0.0.1:$port/" | head -1)"
  sleep "$warm"
  read -r m0 st0 < <(machine)
  a0=$(ticks "$app"); x0=$(ticks "$xvfb"); b0=$(ticks "$bob"); s0=$(ticks "${pids[0]}")
  sleep "$window"
  read -r m1 st1 < <(machine)
  a1=$(ticks "$app"); x1=$(ticks "$xvfb"); b1=$(ticks "$bob"); s1=$(ticks "${pids[0]}")
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$app/status")
  others=$(( (m1 - m0) - (a1 - a0) - (x1 - x0) - (b1 - b0) - (s1 - s0) ))
  [ "$others" -ge 0 ] || others=0
  wait "${pids[2]}" || true
  echo "CPU per call, the desktop app drawing remote video and its local preview (640x480 both ways, synthetic video and silence, ${window} s after ${warm} s warm-up): **$(cores $((a1 - a0))) % of one core** for the app, $rss MiB RSS, plus $(cores $((x1 - x0))) % for the Xvfb server it draws on; the headless peer it called: $(cores $((b1 - b0))) %."
  echo "Machine meanwhile: load average $(cut -d' ' -f1-3 /proc/loadavg), every other process together $(frac "$others") cores (the server $(frac $((s1 - s0)))), steal $(frac $((st1 - st0))) cores."
  grep -E "^(render|remote|local)|frames|shown|dropped" "$tmp/desktop.log" | head -8 || true
  APP_CPU=$(cores $((a1 - a0)))
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
  trap - EXIT
}

results=()
for i in $(seq "$runs"); do
  [ "$runs" -gt 1 ] && echo "--- run $i of $runs"
  one_run
  results+=("$APP_CPU")
done
if [ "$runs" -gt 1 ]; then
  printf '%s\n' "${results[@]}" | sort -n | awk -v n="$runs" '
    { v[NR] = $1 }
    END { m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
          printf "Desktop app CPU per call over %d runs: median %s %% of one core (range %s-%s %%).\n", n, m, v[1], v[n] }'
fi
