#!/usr/bin/env bash
# ./peerphone package: builds Peerphone's installers with jpackage (JDK 17+) for the platform it
# runs on — jpackage cannot cross-build:
#   Linux    an app-image (packaging/target/Peerphone/) and a .deb (packaging/target/peerphone_*.deb)
#   macOS    a .dmg           Windows (Git Bash)  an .msi (needs the WiX Toolset 3 on PATH)
# Each bundles a Java runtime trimmed by jlink to the modules jdeps finds, the app's jars with the
# platform's JavaFX and webrtc-java native jars (the build's OS profiles pick them: native-libs.md),
# a desktop entry and the icon (packaging/icons). The version is the pom's, without -SNAPSHOT.
# Usage: packaging/package.sh [--type TYPE]... [--fast]
#   TYPE: app-image, and deb (Linux), dmg or pkg (macOS), msi or exe (Windows); default as above
#   --fast   (.deb) gzip -1 instead of dpkg-deb's default xz: same contents, quicker (the package test)
# Needs: a JDK 17+ with jlink/jpackage/jdeps (JAVA_HOME, else the one on PATH), Maven;
#   for .deb: dpkg-deb, fakeroot, binutils (readelf; for the dependency check).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { echo "package: $*" >&2; }
die() { echo "package: $*" >&2; exit 1; }

types=(); fast=""
while [ $# -gt 0 ]; do
  case "$1" in
    --type) [ $# -ge 2 ] || die "--type needs a value"; types+=("$2"); shift 2 ;;
    --fast) fast=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown option $1 (--help)" ;;
  esac
done

os="$(uname -s)"; arch="$(uname -m)"
case "$os/$arch" in
  Linux/x86_64) classifier=linux-x86_64; default_types=(app-image deb) ;;
  Linux/aarch64) classifier=linux-aarch64; default_types=(app-image deb) ;;
  Darwin/x86_64) classifier=macos-x86_64; default_types=(dmg) ;;
  Darwin/arm64) classifier=macos-aarch64; default_types=(dmg) ;;
  MINGW*/x86_64|MSYS*/x86_64|CYGWIN*/x86_64) classifier=windows-x86_64; default_types=(msi) ;;
  *) die "no installer for $os/$arch: webrtc-java 0.14.0 ships natives for linux, macos, windows (native-libs.md)" ;;
esac
case "$os" in Linux) allowed="app-image deb" ;; Darwin) allowed="app-image dmg pkg" ;; *) allowed="app-image msi exe" ;; esac
[ ${#types[@]} -gt 0 ] || types=("${default_types[@]}")
for type in "${types[@]}"; do
  [[ " $allowed " == *" $type "* ]] || die "--type $type cannot be built on $os (jpackage does not cross-build): $allowed"
done

jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink || command -v java || echo /nonexistent/bin/java)")")")}"
for tool in jlink jpackage jdeps; do
  [ -x "$jdk/bin/$tool" ] || [ -x "$jdk/bin/$tool.exe" ] || die "$jdk has no $tool: install a full JDK 17+ (Debian: openjdk-17-jdk) or set JAVA_HOME"
done
[ -d "$jdk/jmods" ] || die "$jdk has no jmods/ (jlink needs them; Debian: openjdk-17-jdk-headless)"

# 1. The jars: built as ./peerphone builds them, when missing or older than the sources.
jar="$root/app/target/peerphone-app.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/signaling" "$root/app" \( -path '*/target' -prune \) -o \
    \( -path '*/src/main/*' -o -name 'pom.xml' \) -type f -newer "$jar" -print -quit)" ]; then
  say "building the jars (mvn package)..."
  mvn -q -B -DskipTests -pl app -am package >&2
fi
shopt -s nullglob
natives=("$root"/app/target/lib/webrtc-java-*-"$classifier".jar)
others=()
for f in "$root"/app/target/lib/webrtc-java-*-*.jar; do
  [[ "$f" == *"-$classifier.jar" ]] || others+=("$f")
done
[ ${#natives[@]} -eq 1 ] && [ ${#others[@]} -eq 0 ] || die "app/target/lib holds webrtc-java natives for another platform (${others[*]:-none for $classifier}); rebuild here: mvn -B -DskipTests -pl app -am clean package"

version="$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
app_version="$(echo "$version" | grep -oE '^[0-9]+(\.[0-9]+){0,2}')" || die "pom version $version does not start with a number"

out="$root/packaging/target"
work="$out/work"
rm -rf "$work" "$out/Peerphone" "$out/Peerphone.app"
mkdir -p "$work/input" "$out"
cp "$jar" "$root"/app/target/lib/*.jar "$work/input/"
[ "$os" = Linux ] && cp "$root/packaging/linux/peerphone" "$work/input/"

check_deb_depends() {
  command -v readelf >/dev/null || die "readelf missing (apt-get install binutils): cannot check the .deb's dependencies"
  local so="$work/so" jna ldarch declared needed lib path pkg missing=()
  case "$arch" in x86_64) jna=linux-x86-64; ldarch=x86-64 ;; *) jna="linux-$arch"; ldarch="$arch" ;; esac
  mkdir -p "$so"
  # Every .so inside the jars; of JNA's, only this platform's (it carries every OS's).
  for j in "$work"/input/*.jar; do
    entries="$("$jdk/bin/jar" tf "$j" | grep '\.so$' | grep -v '^com/sun/jna/' || true)"
    entries="$entries $("$jdk/bin/jar" tf "$j" | grep "^com/sun/jna/$jna/.*\.so$" || true)"
    # shellcheck disable=SC2086 # entry names have no spaces
    [ -z "${entries// /}" ] || (cd "$so" && "$jdk/bin/jar" xf "$j" $entries)
  done
  declared=" $(sed 's/#.*//' "$root/packaging/linux/depends" | tr -s ' \n' ' ') "
  needed="$(find "$so" -name '*.so' -print0 | xargs -0 readelf -d | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)"
  for lib in $needed; do
    path="$(ldconfig -p | grep -F "$lib (" | grep -F "$ldarch" | head -1 | sed 's/.*=> //')"
    [ -n "$path" ] || die "$lib (linked by a bundled native library) is not installed here: cannot tell its package"
    pkg="$(dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null)" || die "no package owns $path ($lib)"
    pkg="${pkg%%:*}"
    [[ "$declared" == *" $pkg "* ]] || missing+=("$pkg ($lib)")
  done
  [ ${#missing[@]} -eq 0 ] || die "packaging/linux/depends lacks: ${missing[*]}"
  say "the $(echo "$needed" | wc -w) libraries that the jars' native libraries link all come from packages in packaging/linux/depends"
}

[[ " ${types[*]} " != *" deb "* ]] || check_deb_depends

# 2. The runtime: the modules jdeps finds in the jars, plus service providers it cannot see.
say "finding the Java modules (jdeps)..."
modules="$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps -q \
  --class-path "$work/input/*" "$work"/input/*.jar)"
# jdk.crypto.ec: the SunEC provider, loaded by name — EC keys and TLS key exchange; without it the
# embedded server's self-signed certificate fails ("EC KeyPairGenerator not available").
modules="$modules,jdk.crypto.ec"
say "runtime modules: $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$work/runtime"

# 3. The app-image and the installers.
common=(--name Peerphone --app-version "$app_version" --vendor Peerphone
  --description "Video phone: calls and chat by name, browser users too, with its own server"
  --copyright "Peerphone contributors")
icon="$root/packaging/icons/peerphone.png"
case "$os" in Darwin) icon="${icon%.png}.icns" ;; MINGW*|MSYS*|CYGWIN*) icon="${icon%.png}.ico" ;; esac
say "jpackage app-image..."
image_opts=()
case "$os" in MINGW*|MSYS*|CYGWIN*)
  # A second launcher with a console, for server/headless/devices output on Windows.
  # (Git Bash converts plain path arguments for Windows programs, not this NAME=PATH one.)
  image_opts+=(--add-launcher "PeerphoneConsole=$(cygpath -w "$root/packaging/windows/console.properties")") ;;
esac
"$jdk/bin/jpackage" --type app-image "${common[@]}" --input "$work/input" --main-jar peerphone-app.jar \
  --main-class dev.peerphone.app.cli.Main --runtime-image "$work/runtime" --icon "$icon" \
  --dest "$work/image" ${image_opts[@]+"${image_opts[@]}"}
image="$(ls -d "$work"/image/Peerphone*)"

for type in "${types[@]}"; do
  case "$type" in
    app-image)
      cp -a "$image" "$out/"
      say "app-image: $out/$(basename "$image") ($(du -sh "$image" | cut -f1); runtime $(du -sh "$image"/lib/runtime 2>/dev/null | cut -f1))" ;;
    deb)
      deps="$(sed 's/#.*//' "$root/packaging/linux/depends" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//; s/ /, /g')"
      [ -z "$fast" ] || export DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1
      say "jpackage $type (compressing ~100 MB: a minute or more)..."
      rm -f "$out"/peerphone[_-]*."$type"
      "$jdk/bin/jpackage" --type "$type" "${common[@]}" --app-image "$image" --dest "$out" \
        --linux-package-name peerphone --linux-deb-maintainer peerphone@localhost \
        --linux-app-category net --linux-shortcut --linux-package-deps "$deps" \
        --icon "$icon" --resource-dir "$root/packaging/linux" --temp "$work/jpackage-$type"
      say "$type: $(ls "$out"/peerphone[_-]*."$type") ($(du -h "$out"/peerphone[_-]*."$type" | cut -f1))" ;;
    dmg|pkg)
      "$jdk/bin/jpackage" --type "$type" "${common[@]}" --app-image "$image" --dest "$out" \
        --mac-package-name Peerphone
      say "$type: $(ls "$out"/Peerphone*."$type")" ;;
    msi|exe)
      "$jdk/bin/jpackage" --type "$type" "${common[@]}" --app-image "$image" --dest "$out" \
        --win-menu --win-shortcut --win-dir-chooser --win-upgrade-uuid 7d4c7a3e-2f5b-4b8e-9a61-5e0c1f3d9b2a
      say "$type: $(ls "$out"/Peerphone*."$type")" ;;
  esac
done
rm -rf "$work"
