#!/usr/bin/env bash
# Fuzz campaign (issue 10 item 4): 1,000,000 generated and mutated inputs against a signaling
# server child process with the shipped limits, an innocent pair chatting and calling throughout.
#   bench/fuzz/run.sh [options]          (options: bench/fuzz/run.sh --help)
# Results: bench/results/fuzz-<time>.{json,md} (+ server.log) and the table on stdout;
# exit status 0 only when every oracle is 0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mvn -q -B -Dstyle.color=never -pl bench/fuzz -am package -DskipTests >&2
# Tens of thousands of short connections: this process needs descriptors, the server gets its own.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -cp "$here/target/peerphone-fuzz.jar:$here/target/lib/*" dev.peerphone.fuzz.Campaign "$@"
