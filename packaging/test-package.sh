#!/usr/bin/env bash
# The package test (issue 12; run by ./peerphone test after mvn verify): builds the .deb with
# packaging/package.sh, installs it with apt-get (which must pull the dependencies it declares)
# and checks the installed Peerphone on its own trimmed runtime, no JDK or Maven involved:
#   - /usr/bin/peerphone, the menu entry (categories, icon) and the declared dependencies;
#   - peerphone server --help; peerphone server (serial GC) answers /healthz; with --redis on a
#     throwaway redis-server too (Lettuce/Netty on the trimmed runtime), when redis-server exists;
#   - the menu's launcher under Xvfb: the window appears, signs in to its embedded server
#     (wss://, self-signed) with --synthetic and calls the installed `peerphone headless`;
#     video frames arrive both ways (the app's render statistics, the peer's remote-video events).
# Then it removes the package (apt-get remove) and any package the install pulled in, and checks
# nothing of it is left. Every process it starts gets a temporary HOME and config directory.
# Needs root (apt-get) on Debian/Ubuntu with xvfb, x11-utils and curl: ./peerphone test installs
# them. Not root, or a peerphone package already installed: it says SKIPPED and why.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$SECONDS
step() { echo "package test: $*" >&2; }
skip() { echo "package test: SKIPPED: $*" >&2; exit 0; }
fail() { echo "package test: FAILED: $*" >&2; exit 1; }

{ [ "$(uname -s)" = Linux ] && command -v dpkg >/dev/null && command -v apt-get >/dev/null; } \
  || skip "needs Debian or Ubuntu (dpkg, apt-get)"
[ "$(id -u)" -eq 0 ] || skip "installing the .deb needs root (apt-get); CI runs as root. Run: sudo packaging/test-package.sh"
installed() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }
# Known to dpkg in any state (installed, half-configured, config files left).
present() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^.[^n]'; }
if present peerphone; then
  skip "a peerphone package is installed here already; the test would replace and then remove it"
fi
for tool in Xvfb xwininfo curl; do
  command -v "$tool" >/dev/null || fail "$tool missing (./peerphone test installs xvfb, x11-utils and curl)"
done

tmp="$(mktemp -d /tmp/peerphone-package-test.XXXXXX)"
pids=()
we_installed=""
packages_before="$tmp/packages-before"
dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort >"$packages_before"
uninstall() {
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q peerphone >"$tmp/remove.log" 2>&1 \
    || { cat "$tmp/remove.log" >&2; return 1; }
  # remove keeps the package's record (state rc) while it has config files; it has none: purge it.
  if present peerphone; then dpkg --purge peerphone >>"$tmp/remove.log" 2>&1; fi
  # Remove what the install pulled in (new and marked automatic), nothing else.
  local new
  new="$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort \
    | comm -13 "$packages_before" - | grep -Fxf <(apt-mark showauto) || true)"
  if [ -n "$new" ]; then
    step "removing what the install pulled in: $(echo $new)"
    # shellcheck disable=SC2086 # one package name per word
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -q $new >>"$tmp/remove.log" 2>&1
  fi
}
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$we_installed" ] && present peerphone; then uninstall || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A clean environment: no JAVA_HOME, no Maven; HOME, config and JavaFX's cache under $tmp.
mkdir -p "$tmp/home" "$tmp/config"
run_env=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
  HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" JAVA_TOOL_OPTIONS="-Duser.home=$tmp/home")
# The process runs the package's own JVM, not the machine's JDK.
own_runtime() {
  local maps="/proc/$1/maps"
  grep -q '/opt/peerphone/lib/runtime/lib/server/libjvm.so' "$maps" || fail "$2 does not run the package's runtime"
  if grep -q '/usr/lib/jvm/' "$maps"; then fail "$2 loaded something of the machine's JDK (/usr/lib/jvm)"; fi
}
wait_for() { # FILE PATTERN SECONDS WHAT
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  fail "no $4 within $3 s; $1:"$'\n'"$(tail -20 "$1" 2>/dev/null)"
}

step "building the .deb (packaging/package.sh --type deb --fast)"
"$root/packaging/package.sh" --type deb --fast
deb="$(ls "$root"/packaging/target/peerphone_*.deb)"

step "installing $(basename "$deb") with apt-get"
we_installed=1
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$tmp/install.log" 2>&1; then
  step "apt-get install failed; updating the package lists once and retrying"
  apt-get update -q >>"$tmp/install.log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >>"$tmp/install.log" 2>&1 \
    || fail "apt-get install:"$'\n'"$(tail -30 "$tmp/install.log")"
fi
installed peerphone || fail "apt-get install did not install peerphone"
depends="$(dpkg-query -W -f='${Depends}' peerphone)"
for p in $(sed 's/#.*//' "$root/packaging/linux/depends"); do
  [[ ", $depends," == *", $p,"* ]] || fail "the installed package does not declare $p: $depends"
  installed "$p" || fail "apt-get did not install the declared dependency $p"
done
# What a clean machine would get: peerphone's dependency closure. Every library that the package's
# native code links (ldd: the runtime, the launcher, the natives inside the jars) must come from it.
closure="$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances peerphone | grep -v '^ ' | tr -d '<>' | sort -u)"
mkdir -p "$tmp/so"
jar="$(command -v jar || echo "${JAVA_HOME:-/usr}/bin/jar")"
for j in /opt/peerphone/lib/app/*.jar; do
  entries="$("$jar" tf "$j" | grep -E '^[^/]*\.so$|^com/sun/jna/linux-x86-64/.*\.so$' || true)"
  # shellcheck disable=SC2086 # entry names have no spaces
  [ -z "$entries" ] || (cd "$tmp/so" && "$jar" xf "$j" $entries)
done
libs=0
while read -r lib; do
  pkg="$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null)" || fail "no package owns $lib"
  pkg="${pkg%%:*}"
  grep -qx "$pkg" <<<"$closure" || fail "$lib comes from $pkg, which peerphone's dependencies do not pull in"
  libs=$((libs + 1))
done < <(find /opt/peerphone "$tmp/so" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | LD_LIBRARY_PATH=/opt/peerphone/lib/runtime/lib/server:/opt/peerphone/lib/runtime/lib xargs -0 ldd 2>/dev/null \
  | awk '/not found/ { print "NOTFOUND " $1; next } $2 == "=>" && $3 ~ /^\// { print $3 }' \
  | grep -v -e '^/opt/peerphone/' | sort -u | tee "$tmp/libs" | grep -v '^NOTFOUND' || true)
if grep -q '^NOTFOUND' "$tmp/libs"; then fail "unresolved libraries: $(grep '^NOTFOUND' "$tmp/libs" | sort -u | tr '\n' ' ')"; fi
step "the $libs libraries the package's native code links all come from its dependency closure ($(wc -l <<<"$closure") packages)"
[ "$(readlink /usr/bin/peerphone)" = /opt/peerphone/lib/app/peerphone ] || fail "/usr/bin/peerphone is not the package's launcher"
entry=/usr/share/applications/peerphone-Peerphone.desktop
[ -f "$entry" ] || fail "no menu entry $entry"
grep -qx 'Categories=Network;Telephony;VideoConference;' "$entry" || fail "menu entry categories: $(grep Categories "$entry")"
exec_line="$(sed -n 's/^Exec=//p' "$entry")"
icon="$(sed -n 's/^Icon=//p' "$entry")"
cmp -s "$icon" "$root/packaging/icons/peerphone.png" || fail "menu entry icon $icon is not packaging/icons/peerphone.png"
[ -x "$exec_line" ] || fail "menu entry Exec=$exec_line is not executable"
step "installed: /usr/bin/peerphone, menu entry ($exec_line), $(du -sh /opt/peerphone | cut -f1) in /opt/peerphone (runtime $(du -sh /opt/peerphone/lib/runtime | cut -f1))"

step "peerphone server --help"
"${run_env[@]}" peerphone server --help >"$tmp/help.out" 2>&1 || fail "peerphone server --help exited $?: $(cat "$tmp/help.out")"
grep -q -- '--http-port' "$tmp/help.out" || fail "peerphone server --help printed no options: $(cat "$tmp/help.out")"

step "peerphone server: /healthz"
"${run_env[@]}" peerphone server --host 127.0.0.1 --port 0 --http-port 0 >"$tmp/server.log" 2>&1 &
server=$!; pids+=("$server")
wait_for "$tmp/server.log" "browser client" 60 "server start"
own_runtime "$server" "peerphone server"
tr '\0' ' ' <"/proc/$server/cmdline" | grep -q -- '-XX:+UseSerialGC' || fail "peerphone server runs without -XX:+UseSerialGC"
http="$(sed -n 's/.* on \(http:[^ ]*\)$/\1/p' "$tmp/server.log" | head -1)"
[ "$(curl -fsS --max-time 10 "${http}healthz")" = ok ] || fail "${http}healthz did not answer ok"
kill "$server"; wait "$server" 2>/dev/null || true

if command -v redis-server >/dev/null; then
  step "peerphone server --redis: /healthz (a throwaway redis-server)"
  rport=""
  for _ in $(seq 20); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then rport=$p; break; fi
  done
  [ -n "$rport" ] || fail "no free port for redis-server"
  redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --dir "$tmp" >"$tmp/redis.log" 2>&1 &
  pids+=($!)
  wait_for "$tmp/redis.log" "Ready to accept connections" 30 "redis-server start"
  "${run_env[@]}" peerphone server --host 127.0.0.1 --port 0 --http-port 0 --redis "redis://127.0.0.1:$rport" \
    >"$tmp/cluster.log" 2>&1 &
  server=$!; pids+=("$server")
  wait_for "$tmp/cluster.log" "browser client" 60 "cluster node start"
  http="$(sed -n 's/.* on \(http:[^ ]*\)$/\1/p' "$tmp/cluster.log" | head -1)"
  health=""
  for _ in $(seq 50); do
    health="$(curl -sS --max-time 5 "${http}healthz" 2>&1 || true)"
    [ "$health" = ok ] && break
    sleep 0.2
  done
  [ "$health" = ok ] || fail "the cluster node's /healthz: $health; log:"$'\n'"$(tail -20 "$tmp/cluster.log")"
  kill "$server"; wait "$server" 2>/dev/null || true
else
  step "no redis-server here: the --redis check is skipped (./peerphone test installs it)"
fi

step "the menu's launcher under Xvfb: sign in to the embedded server, call the installed headless peer"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
wait_for "$tmp/display" '[0-9]' 20 "Xvfb display"
display=":$(head -1 "$tmp/display")"
"${run_env[@]}" DISPLAY="$display" "$exec_line" desktop --name alice --server "" --synthetic --call bob \
  --screenshot "$tmp/window.png" --measure 3 >"$tmp/desktop.out" 2>"$tmp/desktop.err" &
desktop=$!; pids+=("$desktop")
wait_for "$tmp/desktop.out" "Peerphone desktop: server" 90 "embedded server address from the app (stderr: $tmp/desktop.err)"
own_runtime "$desktop" "the desktop app"
xwininfo -root -tree -display "$display" | grep -q 'Peerphone' || fail "no Peerphone window on $display"
address="$(sed -n 's/^Peerphone desktop: server \([^ ]*\).*/\1/p' "$tmp/desktop.out" | head -1)"
fingerprint="$(sed -n "s/^Its certificate's SHA-256 fingerprint: //p" "$tmp/desktop.out" | head -1)"
[ -n "$fingerprint" ] || fail "the embedded server printed no certificate fingerprint (wss expected)"
"${run_env[@]}" peerphone headless --server "wss://$address/" --trust-fingerprint "$fingerprint" --name bob \
  --fake-audio --duration 90 >"$tmp/bob.out" 2>"$tmp/bob.err" &
bob=$!; pids+=("$bob")
wait_for "$tmp/bob.out" '"logged-in"' 60 "headless peer login"
own_runtime "$bob" "peerphone headless"
for _ in $(seq 450); do kill -0 "$desktop" 2>/dev/null || break; sleep 0.2; done
kill -0 "$desktop" 2>/dev/null && fail "the desktop app did not finish its scripted call within 90 s: $(tail -5 "$tmp/desktop.err")"
wait "$desktop" || fail "the desktop app exited with $?: $(tail -20 "$tmp/desktop.err")"
shown="$(sed -n 's/^remote received [0-9]*, shown \([0-9]*\),.*/\1/p' "$tmp/desktop.out")"
[ "${shown:-0}" -gt 0 ] || fail "the window showed no remote video: $(cat "$tmp/desktop.out")"
[ -s "$tmp/window.png" ] || fail "the app saved no window image"
grep -q '"event":"incoming-call","peer":"alice"' "$tmp/bob.out" || fail "bob was not called by alice: $(head -5 "$tmp/bob.out")"
frames="$(grep '"event":"remote-video"' "$tmp/bob.out" | sed -n 's/.*"frames":\([0-9]*\).*/\1/p' | sort -n | tail -1)"
[ "${frames:-0}" -gt 0 ] || fail "bob received no video frames: $(cat "$tmp/bob.out")"
kill "$bob" 2>/dev/null || true
step "call: the window showed $shown remote frames ($(grep '^remote' "$tmp/desktop.out")); bob received $frames frames of the app's video (its last remote-video event)"

step "removing the package (apt-get remove -y peerphone)"
uninstall || fail "apt-get remove peerphone"
we_installed=""
present peerphone && fail "peerphone still known to dpkg after apt-get remove"
for f in /opt/peerphone /usr/bin/peerphone "$entry"; do
  if [ -e "$f" ] || [ -L "$f" ]; then fail "$f left behind after apt-get remove"; fi
done
dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort \
  | cmp -s - "$packages_before" || fail "the installed packages differ from before the test"
step "PASSED in $((SECONDS - started)) s: built, installed with its dependencies, window + call + server + headless from the package, removed"
