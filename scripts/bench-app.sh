#!/usr/bin/env bash
# Measures the real app on Linux under a private X server: time to a visible window, memory
# (PSS summed over the app and its WebKit processes) and idle wake-ups (context switches of
# every thread of those processes) over a period with the window open and then closed (the
# app stays in the tray with its webview destroyed).
#
#   scripts/bench-app.sh                 # release build, 300 s per idle period
#   IDLE_SECONDS=60 BIN=target/debug/narvaro scripts/bench-app.sh
#
# Needs: xvfb, dbus-daemon, xdotool (apt-get install xvfb dbus-daemon xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."

IDLE_SECONDS=${IDLE_SECONDS:-300}
BIN=${BIN:-target/release/narvaro}
if [ ! -x "$BIN" ]; then
  (cd ui && npm run build >/dev/null)
  cargo build --release -p narvaro --features custom-protocol
fi
for tool in Xvfb dbus-daemon xdotool; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xvfb dbus-daemon xdotool)"; exit 1; }
done

work=$(mktemp -d)
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
  [ -n "${bus_pid:-}" ] && kill "$bus_pid" 2>/dev/null || true
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:97 NO_AT_BRIDGE=1
dbus-daemon --session --fork --print-address=3 --print-pid=4 3>"$work/addr" 4>"$work/pid"
DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$work/addr")
bus_pid=$(head -n1 "$work/pid")
export DBUS_SESSION_BUS_ADDRESS

tree() { # the app and all its descendants
  local pids=("$1") i=0
  while [ $i -lt ${#pids[@]} ]; do
    for c in $(pgrep -P "${pids[$i]}" || true); do pids+=("$c"); done
    i=$((i + 1))
  done
  echo "${pids[@]}"
}
pss_mb() {
  local total=0
  for p in $(tree "$app"); do
    local kb
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo $((total / 1024))
}
switches() { # "tid count" per thread of the app's process tree
  for p in $(tree "$app"); do
    for s in /proc/"$p"/task/*/status; do
      awk -v f="$s" '/ctxt_switches/ {n += $2} END {split(f, a, "/"); print a[5], n + 0}' "$s" 2>/dev/null || true
    done
  done
}
idle_rate() { # context switches per minute over IDLE_SECONDS, summed over threads that lived
  switches >"$work/before"
  sleep "$IDLE_SECONDS"
  switches >"$work/after"
  awk 'NR == FNR {b[$1] = $2; next} {d += $2 - ($1 in b ? b[$1] : 0)} END {print int(d * 60 / secs)}' \
    secs="$IDLE_SECONDS" "$work/before" "$work/after"
}

start=$(date +%s.%N)
"$BIN" --data-dir "$work/data" >"$work/app.log" 2>&1 &
app=$!
xdotool search --sync --onlyvisible --name "Närvaro" >/dev/null
shown=$(date +%s.%N)
sleep 5
echo "binary:                 $BIN"
echo "start to visible window: $(echo "$shown - $start" | bc) s"
echo "memory, window open:    $(pss_mb) MB PSS ($(tree "$app" | wc -w) processes)"
echo "idle, window open:      $(idle_rate) context switches/min over ${IDLE_SECONDS} s"
# Ctrl+W closes the window like a person would; the webview is destroyed, the app stays.
window=$(xdotool search --limit 1 --onlyvisible --name "Närvaro")
xdotool mousemove --window "$window" 600 700 click 1
sleep 0.5
xdotool key ctrl+w
sleep 5
kill -0 "$app" 2>/dev/null || { echo "the app exited when its window closed (no tray?)"; exit 1; }
echo "memory, window closed:  $(pss_mb) MB PSS ($(tree "$app" | wc -w) processes)"
echo "idle, window closed:    $(idle_rate) context switches/min over ${IDLE_SECONDS} s"
