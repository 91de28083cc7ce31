#!/usr/bin/env bash
# The proctor grid (issue 12 item 4; docs/BENCHMARKS.md, "## Proctor grid"): the desktop app in a
# real window on a throwaway Xvfb, with its embedded server and "Allow several calls", calls 1, 4
# and 8 headless peers (separate JVMs) that send the 640x480 moving test pattern at 30 fps with
# silence; the app sends its own 640x480 test pattern to each. After a warm-up, over a fixed
# window, it reads from /proc the desktop JVM's CPU (utime+stime, % of one core; the embedded
# signaling server is inside it), its RSS, the Xvfb server's CPU and the peers' CPU, and from the
# app's --bench-stats file each tile's frames received, shown and dropped (dropped: replaced by a
# newer frame before a JavaFX pulse drew it). Also what the rest of the machine did meanwhile
# (load average, every other process's CPU, steal): quote numbers only from a quiet run.
# Writes a Markdown table to bench/results/grid-<UTC time>.md and prints it.
# Needs: JDK 17, Maven, xvfb (apt-get install -y xvfb). Everything runs on this machine (loopback).
# Usage: bench/grid/run.sh [warm-up seconds] [window seconds] [peer counts]   (default 10 20 "1 4 8")
#   GRID_PEER_VIDEO / GRID_DESKTOP_VIDEO (default 640x480@30): what the peers / the app send.
#   GRID_SETUP_SECONDS (default 120): how long the peers may take until every tile draws; after
#   that it measures anyway and the table says how many tiles drew.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
warm="${1:-10}"; window="${2:-20}"; counts="${3:-1 4 8}"
setup="${GRID_SETUP_SECONDS:-120}" # how long the peers may take to start and connect
peer_video="${GRID_PEER_VIDEO:-640x480@30}"; desk_video="${GRID_DESKTOP_VIDEO:-640x480@30}"
command -v xvfb-run >/dev/null || { echo "xvfb-run missing (apt-get install -y xvfb)" >&2; exit 1; }
./peerphone --help >/dev/null 2>&1 || true # builds the launcher jar if sources changed
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $9}' /proc/stat; }
pct() { awk -v d="$1" -v hz="$hz" -v w="$window" 'BEGIN { printf "%.0f", 100 * d / hz / w }'; }
frac() { awk -v d="$1" -v hz="$hz" -v w="$window" 'BEGIN { printf "%.2f", d / hz / w }'; }
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="bench/results/grid-$stamp.md"
mkdir -p bench/results
rows=()
notes=()
pids=()
tmp=""
cleanup() {
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  for p in "${pids[@]}"; do # the app and Xvfb are not this shell's children: wait for them too
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
  [ -n "$tmp" ] && rm -rf "$tmp"
  return 0
}
trap cleanup EXIT
trap 'exit 143' INT TERM

tiles_drawing() { awk '/^tile / && $6 > 0' "$tmp/stats.txt" 2>/dev/null | wc -l; }

one_config() {
  local n="$1" calls=() port app xvfb i m0 m1 st0 st1 a0 a1 x0 x1 p0 p1 rss others
  tmp="$(mktemp -d)"
  pids=()
  for i in $(seq "$n"); do calls+=(--call "s$i"); done
  PEERPHONE_JAVA_OPTS="${DESKTOP_JAVA_OPTS:-}" xvfb-run -a -s "-screen 0 1280x800x24" ./peerphone desktop \
    --name teacher --server "" --no-tls --settings none --synthetic --multi-call --video "$desk_video" \
    --bench-stats "$tmp/stats.txt" "${calls[@]}" >"$tmp/desktop.log" 2>&1 &
  pids+=($!)
  port=""
  for _ in $(seq 300); do
    port="$(sed -n 's/^Peerphone desktop: server [^ ]*:\([0-9]*\).*/\1/p' "$tmp/desktop.log" | head -1)"
    [ -n "$port" ] && break
    sleep 0.2
  done
  [ -n "$port" ] || { echo "desktop app did not start; its log:" >&2; cat "$tmp/desktop.log" >&2; exit 1; }
  # xvfb-run (a shell) is the parent of both the X server and the app's JVM (./peerphone execs java).
  app="$(pgrep -f "dev.peerphone.app.cli.Main desktop" -P "${pids[0]}" | head -1 || true)"
  xvfb="$(pgrep -x Xvfb -P "${pids[0]}" | head -1 || true)"
  [ -n "$app" ] && [ -n "$xvfb" ] || { echo "cannot find the app's or Xvfb's process under xvfb-run" >&2; exit 1; }
  pids+=("$app" "$xvfb") # killing xvfb-run alone leaves its children running
  for i in $(seq "$n"); do
    PEERPHONE_JAVA_OPTS= ./peerphone headless --server "ws://127.0.0.1:$port/" --name "s$i" --fake-audio \
      --fake-video --video "$peer_video" >"$tmp/s$i.log" 2>&1 &
    pids+=($!)
  done
  # Every tile drawing before the warm-up starts (JVMs start slowly on a busy machine).
  local waited=0
  while [ "$(tiles_drawing)" -lt "$n" ] && [ "$waited" -lt "$setup" ]; do
    sleep 1
    waited=$((waited + 1))
    [ $((waited % 15)) -eq 0 ] && echo "    ${waited} s: $(grep -l logged-in "$tmp"/s*.log 2>/dev/null | wc -l) of $n peers signed in, $(tiles_drawing) tiles drawing" >&2
  done
  local short=""
  if [ "$(tiles_drawing)" -lt "$n" ]; then
    # Measured anyway: the row says how many tiles drew (the machine could not carry them all).
    short=" **only $(tiles_drawing) of $n tiles showed video after $setup s**;"
    echo "only $(tiles_drawing) of $n tiles drawing after $setup s; measuring anyway. Peers' events:" >&2
    for i in $(seq "$n"); do echo "  s$i: $(grep -o '"event":"[a-z-]*"' "$tmp/s$i.log" | sort | uniq -c | tr -s ' \n' ' ')" >&2; done
  fi
  sleep "$warm"
  local pj=("${pids[@]:3}") # ./peerphone execs java: these are the peers' JVMs
  read -r m0 st0 < <(machine)
  a0=$(ticks "$app"); x0=$(ticks "$xvfb"); p0=0
  for p in "${pj[@]}"; do p0=$((p0 + $(ticks "$p"))); done
  cp "$tmp/stats.txt" "$tmp/stats0.txt"
  sleep "$window"
  read -r m1 st1 < <(machine)
  a1=$(ticks "$app"); x1=$(ticks "$xvfb"); p1=0
  for p in "${pj[@]}"; do p1=$((p1 + $(ticks "$p"))); done
  cp "$tmp/stats.txt" "$tmp/stats1.txt"
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$app/status")
  others=$(( (m1 - m0) - (a1 - a0) - (x1 - x0) - (p1 - p0) ))
  [ "$others" -ge 0 ] || others=0
  # Per tile, over the window: frames per second received / shown / dropped.
  local tiles
  tiles=$(awk -v w="$window" '
    FNR == 1 { f++ }
    /^tile / { k = $2; if (f == 1) { r0[k] = $4; s0[k] = $6; d0[k] = $8; m0[k] = $10 } else { r1[k] = $4; s1[k] = $6; d1[k] = $8; m1[k] = $10 } }
    END {
      n = 0; sr = 0; ss = 0; sd = 0; sm = 0; sf = 0; minS = -1; maxS = 0; out = ""
      for (k in r1) if (k in r0) {
        r = (r1[k] - r0[k]) / w; s = (s1[k] - s0[k]) / w; d = (d1[k] - d0[k]) / w
        n++; sr += r; ss += s; sd += d; sm += m1[k] - m0[k]; sf += s1[k] - s0[k]
        if (minS < 0 || s < minS) minS = s; if (s > maxS) maxS = s
        out = out sprintf("%s %.1f/%.1f/%.1f; ", k, r, s, d)
      }
      if (n == 0) { print "0|-|-|-|-|-|-"; exit }
      printf "%d|%.1f|%.1f|%.1f|%.1f-%.1f|%.2f|%s\n", n, sr / n, ss / n, sd / n, minS, maxS, (sf > 0 ? sm / sf : 0), out
    }' "$tmp/stats0.txt" "$tmp/stats1.txt")
  IFS='|' read -r nt rcv shw drp range drawms detail <<<"$tiles"
  rows+=("| $n | $(pct $((a1 - a0))) | $rss | $(pct $((x1 - x0))) | $(pct $((p1 - p0))) | $nt | $rcv | $shw | $drp | $range | $drawms |")
  notes+=("- $n peer(s):$short load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; every other process together $(frac "$others") cores, steal $(frac $((st1 - st0))) cores. Per tile received/shown/dropped fps: ${detail}")
  cleanup
  tmp=""
  pids=()
}

for n in $counts; do
  echo "--- $n peer(s): warm-up ${warm} s, window ${window} s" >&2
  one_config "$n"
done

{
  echo "## Proctor grid: desktop app with several calls ($stamp)"
  echo
  echo "Command: \`GRID_PEER_VIDEO=$peer_video GRID_DESKTOP_VIDEO=$desk_video bench/grid/run.sh $warm $window \"$counts\"\` at git $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- app signaling || echo ' (with local changes)') on $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo))."
  echo "The desktop app (real JavaFX window on Xvfb 1280x800, embedded server, --synthetic, --multi-call) calls N headless peers;"
  echo "the peers send the moving test pattern at $peer_video, the app its own at $desk_video (VP8), with silence. Over ${window} s after ${warm} s warm-up:"
  echo "CPU in % of one core (utime+stime from /proc), RSS at the end, per-tile frames per second averaged over the tiles;"
  echo "FX ms per drawn frame: FX-thread time in VideoRenderer (scale, convert, hand to JavaFX), not the repaint itself."
  echo
  echo "| peers | desktop CPU % | desktop RSS MiB | Xvfb CPU % | all peers CPU % | tiles | received fps/tile | shown fps/tile | dropped fps/tile | shown fps min-max | FX ms per drawn frame |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "What else ran meanwhile (quote only a run where this is ~0):"
  printf '%s\n' "${notes[@]}"
} | tee "$out"
echo >&2
echo "written to $out" >&2
