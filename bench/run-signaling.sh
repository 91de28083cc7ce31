#!/usr/bin/env bash
# Signaling relay benchmark: Java server vs the Node.js ws baseline, alternating rounds.
#   bench/run-signaling.sh [options]     (options: bench/run-signaling.sh --help)
# Results: bench/results/signaling-<time>.{json,md} and the table on stdout.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"
if [ ! -d node_modules/ws ]; then
  npm ci --no-audit --no-fund >&2
fi
# Build the server now (the launcher builds on first use) so no round waits for Maven.
"$root/peerphone" server --help >/dev/null
# 10,000 idle connections need ~10,000 descriptors in this process and in each server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$here/signaling-bench.js" "$@"
