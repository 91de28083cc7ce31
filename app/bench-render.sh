#!/usr/bin/env bash
# JMH benchmark of the desktop render path (dev.peerphone.app.ui.bench.RenderBench):
# ms per frame and bytes allocated per frame at 640x480, 1280x720, 1920x1080.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -pl app -am test-compile
mvn -q -B -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
exec java -cp "app/target/test-classes:app/target/classes:$(cat app/target/bench-cp.txt)" \
  dev.peerphone.app.ui.bench.RenderBench "$@"
