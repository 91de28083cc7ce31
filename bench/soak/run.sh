#!/usr/bin/env bash
# Soak benchmark: clients churning through sessions on ./peerphone server (default limits) for
# --minutes; per-minute relay latency, failures, server heap after GC, descriptors, tables.
#   bench/soak/run.sh [options]        (options: bench/soak/run.sh --help)
# Results: bench/results/soak-<time>.{json,md} and the tables on stdout; exit 1 on a FAIL verdict.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(cd "$here/.." && pwd)"
root="$(cd "$bench/.." && pwd)"
if [ ! -d "$bench/node_modules/ws" ]; then
  (cd "$bench" && npm ci --no-audit --no-fund >&2)
fi
# Build the server now (the launcher builds on first use) so the soak does not wait for Maven.
"$root/peerphone" server --help >/dev/null
# 10,000 clients need ~10,000 descriptors here and in the server (which inherits the limit).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$here/soak.js" "$@"
