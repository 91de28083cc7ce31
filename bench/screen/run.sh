#!/usr/bin/env bash
# Screen-sharing cost (docs/BENCHMARKS.md, "## Screen sharing"): for each screen size a throwaway
# Xvfb showing a known picture, then a fresh JVM on it that times AWT Robot capture and the libyuv
# ARGB->I420 conversion per frame and runs the real capture source at 15 fps, measuring its own CPU
# and the X server's (app/src/test/java/dev/peerphone/app/rtc/ScreenShareBench.java).
# Needs: JDK 17, Maven, Xvfb (package xvfb). Sends nothing over the network.
# Usage: bench/screen/run.sh [seconds-at-15-fps] [sizes]   (default 20 1280x720,1920x1080,2560x1440)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
command -v Xvfb >/dev/null || { echo "Xvfb missing (apt-get install xvfb)" >&2; exit 1; }
mvn -q -B -pl app -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
mkdir -p target
cp="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
exec java -cp "$cp" dev.peerphone.app.rtc.ScreenShareBench "$@"
