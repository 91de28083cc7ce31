#!/usr/bin/env bash
# Microphone-switch benchmark (docs/BENCHMARKS.md, "## Microphone switch"): time from a mid-call
# microphone switch to the other side hearing the new microphone, Peerphone's headless peer
# (`mic NAME`: a sound-server stream move) side by side with Chromium switching microphone in the
# browser client (getUserMedia + replaceTrack), both on one throwaway PulseAudio server with
# virtual microphones, both heard by a Chromium WebAudio analyser
# (app/src/test/java/dev/peerphone/app/interop/AudioSwitchBench.java).
# Needs: JDK 17, Maven, Debian's chromium, pulseaudio and pulseaudio-utils.
# Usage: bench/audio/run.sh [switches]      (default 20)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
switches="${1:-20}"

mvn -q -B -pl app -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
cp="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
java -cp "$cp" dev.peerphone.app.interop.AudioSwitchBench "$switches" 2>/dev/null | grep '^{'
