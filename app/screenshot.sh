#!/usr/bin/env bash
# Regenerates docs/screenshot.png (or the file given): a signaling server, a headless peer "bob"
# sending the 1280x720 test pattern and echoing chat, and the desktop app as "alice" under Xvfb
# calling bob; the app saves its window after 5 s of video and prints its render statistics.
#   app/screenshot.sh [out.png]        (needs xvfb: apt-get install -y xvfb)
# With PULSE_SERVER set (a sound server with microphones), both use real audio devices: the
# window then shows the microphone level and bob's speaking indicator.
# PEERPHONE_SHOT_THEME=dark takes it in the dark variant (default light, whatever the desktop says).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-docs/screenshot.png}"
port="${PEERPHONE_SHOT_PORT:-19090}"
./peerphone server --port "$port" --http-port -1 >/tmp/peerphone-shot-server.log 2>&1 &
server=$!
bob=""
trap 'kill $server ${bob:-} 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
audio="--fake-audio"; media="--synthetic"
if [ -n "${PULSE_SERVER:-}" ]; then audio=""; media="--camera"; fi
./peerphone headless --server "ws://127.0.0.1:$port/" --name bob --echo $audio \
  --camera "Test pattern 1280x720" >/tmp/peerphone-shot-bob.log 2>&1 &
bob=$!
for _ in $(seq 150); do grep -q logged-in /tmp/peerphone-shot-bob.log 2>/dev/null && break; sleep 0.2; done
xvfb-run -a -s "-screen 0 1280x800x24" ./peerphone desktop --name alice --server "127.0.0.1:$port" \
  $media ${PULSE_SERVER:+"Test pattern 640x480"} --call bob --say "Hi Bob! Can you see me?" --say "<b>markup stays plain text</b>" \
  --theme "${PEERPHONE_SHOT_THEME:-light}" --screenshot "$out" --measure "${PEERPHONE_SHOT_SECONDS:-5}"
