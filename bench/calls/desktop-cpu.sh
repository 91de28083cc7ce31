#!/usr/bin/env bash
# CPU per call of the desktop app with rendering (issue 14, item 3), beside run.sh's headless and
# Chromium numbers: the desktop app under Xvfb calls a headless peer; both send the 640x480 test
# pattern (VP8, 30 fps) both ways with silence; the app draws the remote video and its local
# preview. After a warm-up, the CPU of the desktop JVM and of the X server drawing for it is read
# from /proc over a window, then the app saves its window and prints its render statistics.
# Needs: JDK 17, Maven, xvfb (apt-get install -y xvfb). Quiet machine: check run.sh's output.
# Usage: bench/calls/desktop-cpu.sh [warm-up seconds] [window seconds]   (default 10 30)
#   DESKTOP_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/desktop.jfr,settings=profile"
#   profiles the desktop app alone (the server and the headless peer run without it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
warm="${1:-10}"; window="${2:-30}"
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
  app="$(pgrep -f 'dev.peerphone.app.cli.Main desktop' | head -1 || true)"
  [ -n "$app" ] && grep -q connected "$tmp/bob.log" 2>/dev/null && break
  sleep 0.2
done
[ -n "$app" ] || { echo "desktop app did not start; see $tmp/desktop.log" >&2; cat "$tmp/desktop.log" >&2; exit 1; }
xvfb="$(pgrep -x Xvfb | tail -1)"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
sleep "$warm"
a0=$(ticks "$app"); x0=$(ticks "$xvfb"); b0=$(ticks "$(pgrep -f 'Main headless' | head -1)")
sleep "$window"
a1=$(ticks "$app"); x1=$(ticks "$xvfb"); b1=$(ticks "$(pgrep -f 'Main headless' | head -1)")
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$app/status")
wait "${pids[2]}" || true
cores() { awk -v d="$1" -v hz="$hz" -v w="$window" 'BEGIN { printf "%.0f", 100 * d / hz / w }'; }
echo "CPU per call, the desktop app drawing remote video and its local preview (640x480 both ways, synthetic video and silence, ${window} s after ${warm} s warm-up): **$(cores $((a1 - a0))) % of one core** for the app, $rss MiB RSS, plus $(cores $((x1 - x0))) % for the Xvfb server it draws on; the headless peer it called: $(cores $((b1 - b0))) %."
grep -E "^(render|remote|local)|frames|shown|dropped" "$tmp/desktop.log" | head -8 || true
