#!/usr/bin/env bash
# The floor of the start goal (issue 16): how soon WebKit draws Närvaro's first Today when no
# script of Närvaro's has to build it. The bare Tauri app of scripts/bench-app.sh is built a
# second time with a page that *is* that Today: the DOM of Närvaro's first Today on empty data
# (taken through WebDriver), its module script removed, the same stylesheet, and the bare
# page's own ping and "rendered" script. Then the bare app, that static Today and Närvaro are
# started in turn under one private X server and D-Bus, and the medians are printed: the first
# answered IPC call, the drawn page (both timed from main()), and the page's start to drawn.
#
#   scripts/bench-start-floor.sh               # release builds, 12 starts of each
#   STARTS=20 scripts/bench-start-floor.sh
#
# Needs: xvfb, dbus-daemon, tauri-driver and WebKitWebDriver (webkit2gtk-driver), python3.
# Rebuilds the release bare-tauri twice (the static page, then its own page again).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/x-session.sh
. scripts/x-session.sh

STARTS=${STARTS:-12}
release=${CARGO_TARGET_DIR:-target}/release
NARVARO=${NARVARO:-$release/narvaro}
for tool in Xvfb dbus-daemon tauri-driver WebKitWebDriver python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool"; exit 1; }
done
(cd ui && npm run build >/dev/null)
cargo build --release -p narvaro -p bare-tauri --features narvaro/custom-protocol,bare-tauri/custom-protocol

work=$(mktemp -d)
driver="" app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$driver" ] && kill -- "-$driver" 2>/dev/null || true
  stop_x_session
  rm -rf "$work"
}
trap cleanup EXIT

start_x_session :96

# Närvaro's first Today, as WebKit holds it once drawn.
setsid tauri-driver --port 4544 --native-port 4545 >"$work/driver.log" 2>&1 &
driver=$!
mkdir -p "$work/data" "$work/dist/assets"
python3 - "$(realpath "$NARVARO")" "$work/data" "$work/today.html" <<'PY'
import json, socket, sys, time, urllib.request
for _ in range(100):
    try:
        socket.create_connection(('127.0.0.1', 4544), timeout=1).close()
        socket.create_connection(('127.0.0.1', 4545), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)
def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request('http://127.0.0.1:4544' + path, method=method, data=data,
                                     headers={'Content-Type': 'application/json'})
    return json.loads(urllib.request.urlopen(request, timeout=30).read())['value']
options = {'application': sys.argv[1], 'args': ['--data-dir', sys.argv[2]]}
session = call('POST', '/session', {'capabilities': {'alwaysMatch': {'browserName': 'wry', 'tauri:options': options}}})['sessionId']
script = "return document.querySelector('main h1') && performance.getEntriesByName('view:today').length ? document.documentElement.outerHTML : null"
for _ in range(100):
    page = call('POST', f'/session/{session}/execute/sync', {'script': script, 'args': []})
    if page:
        break
    time.sleep(0.1)
call('DELETE', f'/session/{session}')
if not page:
    sys.exit('no Today drawn within 10 s')
open(sys.argv[3], 'w').write(page)
PY
kill -- "-$driver" 2>/dev/null || true
driver=""

# The bare app's page with that Today in it, and the same stylesheet.
cp ui/dist/assets/*.css "$work/dist/assets/"
python3 - "$work/today.html" bench/bare-tauri/dist/index.html "$work/dist/index.html" <<'PY'
import re, sys
today = re.sub(r'<script type="module"[^>]*></script>', '', open(sys.argv[1]).read())
bare = open(sys.argv[2]).read()
ping = bare[bare.index('<script>'):bare.index('</script>') + len('</script>')]
page = today.replace('</body>', '<p id="state" hidden></p>' + ping + '</body>')
open(sys.argv[3], 'w').write('<!doctype html>\n' + page)
PY
TAURI_CONFIG="{\"build\":{\"frontendDist\":\"$work/dist\"}}" \
  cargo build --release -p bare-tauri --features bare-tauri/custom-protocol
cp "$release/bare-tauri" "$work/static-today"
cargo build --release -p bare-tauri --features bare-tauri/custom-protocol

one() { # name binary...
  local name=$1
  shift
  rm -rf "$work/data" && mkdir -p "$work/data"
  RUST_LOG=narvaro_lib=info "$@" >"$work/log" 2>&1 &
  app=$!
  for _ in $(seq 1 100); do
    grep -Eq "first (Today|frame) rendered" "$work/log" && break
    sleep 0.1
  done
  sleep 0.3
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
  echo "$name $(grep -Eo "answered [0-9.]+|rendered [0-9.]+ s after start \([0-9]+" "$work/log" | tr '\n' ' ')" >>"$work/runs"
}
for i in $(seq 0 "$STARTS"); do
  one bare "$release/bare-tauri"
  one static "$work/static-today"
  one narvaro "$NARVARO" --data-dir "$work/data"
  if [ "$i" = 0 ]; then : >"$work/runs"; fi # the first round warms the caches
done
python3 - "$work/runs" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name = line.split()[0]
    answered = re.search(r'answered ([\d.]+)', line)
    drawn = re.search(r'rendered ([\d.]+) s after start \((\d+)', line)
    if answered and drawn:
        rows.setdefault(name, []).append((float(answered[1]), float(drawn[1]), int(drawn[2])))
bare = statistics.median(a for a, _, _ in rows['bare'])
print(f"{'':34s}{'answered':>10s}{'drawn':>9s}{'page':>8s}  drawn / bare's answer")
labels = {'bare': 'bare Tauri', 'static': "bare Tauri, Närvaro's Today static", 'narvaro': 'Närvaro'}
for name in ('bare', 'static', 'narvaro'):
    runs = rows.get(name, [])
    if not runs:
        print(f'{labels[name]:34s} no complete start')
        continue
    a, d, p = (statistics.median(r[i] for r in runs) for i in range(3))
    print(f'{labels[name]:34s}{a:9.3f}s{d:8.3f}s{p:6.0f}ms  {d / bare:.2f} x  (n={len(runs)})')
PY
