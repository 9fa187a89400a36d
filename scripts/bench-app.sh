#!/usr/bin/env bash
# Measures the real app on Linux under a private X server and D-Bus, against a bare Tauri 2 app
# (bench/bare-tauri: same Tauri, same release profile, a tray icon, one window that makes one
# IPC call) in the same run, so that the figures are ratios to what Tauri itself costs here:
#
# - start-up: time to a visible window (as seen from outside) and to the first answered IPC
#   call (Närvaro: Today's first agenda; bare: its ping), as the apps log it, timed from
#   their main(); the median of alternating starts, the first pair dropped (cold caches);
# - memory: PSS summed over the app and its WebKit processes (/proc/PID/smaps_rollup), with
#   the window open and after Ctrl+W closed it (the webview is destroyed, the app stays);
# - idle wake-ups: context switches per minute, summed over every thread of those processes,
#   window open and closed, with the busiest threads named, so a cost is attributed; counted
#   from SETTLE_SECONDS after the start and after the close, for both apps alike (the web
#   process's timers after a page load and the first scheduler pass are start-up, not idle).
#
#   scripts/bench-app.sh                          # release builds, 7 starts each, 300 s idle
#   IDLE_SECONDS=60 STARTS=4 scripts/bench-app.sh
#   SETTLE_SECONDS=0 scripts/bench-app.sh       # idle counted from 5 s after start and close
#
# Needs: xvfb, dbus-daemon, xdotool (apt-get install xvfb dbus-daemon xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/x-session.sh
. scripts/x-session.sh

IDLE_SECONDS=${IDLE_SECONDS:-300}
STARTS=${STARTS:-7}
SETTLE_SECONDS=${SETTLE_SECONDS:-30}
NARVARO=${NARVARO:-target/release/narvaro}
BARE=${BARE:-target/release/bare-tauri}
if [ ! -x "$NARVARO" ] || [ ! -x "$BARE" ]; then
  (cd ui && npm run build >/dev/null)
  cargo build --release -p narvaro -p bare-tauri \
    --features narvaro/custom-protocol,bare-tauri/custom-protocol
fi
for tool in Xvfb dbus-daemon xdotool bc; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xvfb dbus-daemon xdotool bc)"; exit 1; }
done

work=$(mktemp -d)
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  stop_x_session
  rm -rf "$work"
}
trap cleanup EXIT

start_x_session :97

tree() { # the app and all its descendants
  local pids=("$1") i=0
  while [ $i -lt ${#pids[@]} ]; do
    for c in $(pgrep -P "${pids[$i]}" || true); do pids+=("$c"); done
    i=$((i + 1))
  done
  echo "${pids[@]}"
}
# PSS in MB per process of the tree: "narvaro 120, WebKitWebProces 150, …"
pss_each() {
  for p in $(tree "$app"); do
    awk -v name="$(cat "/proc/$p/comm" 2>/dev/null)" '/^Pss:/ {printf "%s %d MB; ", name, $2 / 1024}' \
      "/proc/$p/smaps_rollup" 2>/dev/null || true
  done
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
switches() { # "tid name count" per thread of the app's process tree
  for p in $(tree "$app"); do
    for t in /proc/"$p"/task/*; do
      local name n
      name=$(tr ' ' '_' <"$t/comm" 2>/dev/null) || continue
      n=$(awk '/ctxt_switches/ {n += $2} END {print n + 0}' "$t/status" 2>/dev/null) || continue
      echo "${t##*/} $name $n"
    done
  done
}
# Context switches per minute over IDLE_SECONDS, summed over the threads that lived through
# it; the busiest threads go to $work/threads.
idle_rate() {
  switches >"$work/before"
  sleep "$IDLE_SECONDS"
  switches >"$work/after"
  awk -v secs="$IDLE_SECONDS" 'NR == FNR {b[$1] = $3; next}
    ($1 in b) {d = ($3 - b[$1]) * 60 / secs; total += d; if (d >= 0.5) printf "%s %.1f\n", $2, d > "/dev/stderr"}
    END {printf "%.0f\n", total}' "$work/before" "$work/after" 2>"$work/threads"
}
busiest() { sort -k2 -n -r "$work/threads" | head -n 5 | awk '{printf "%s %s/min; ", $1, $2}'; }
median() { sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# launch NAME BIN TITLE: starts a fresh copy (empty data folder); sets $app and $shown_s
launch() {
  local name=$1 bin=$2 title=$3 start
  rm -rf "$work/data" && mkdir -p "$work/data"
  start=$(date +%s.%N)
  if [ "$name" = narvaro ]; then
    RUST_LOG=narvaro_lib=info "$bin" --data-dir "$work/data" >"$work/$name.log" 2>&1 &
  else
    "$bin" >"$work/$name.log" 2>&1 &
  fi
  app=$!
  # Asked again until the window is there: xdotool gives up with BadWindow when a window
  # goes away while it looks (GTK's short-lived windows at start), and --sync polls only
  # every half second.
  until xdotool search --onlyvisible --name "$title" >/dev/null 2>&1; do
    kill -0 "$app" 2>/dev/null || { echo "$name ended before its window was shown"; exit 1; }
    sleep 0.01
  done
  shown_s=$(echo "$(date +%s.%N) - $start" | bc)
}
# first_answer NAME: seconds from the app's main() to its first answered IPC call
first_answer() {
  local pattern="first (agenda|IPC) answered ([0-9.]+) s"
  for _ in $(seq 1 200); do
    if grep -Eq "$pattern" "$work/$1.log"; then
      grep -Eo "$pattern" "$work/$1.log" | head -n1 | grep -Eo "[0-9]+\.[0-9]+"
      return
    fi
    sleep 0.1
  done
  echo "NA"
}
# first_rendered NAME: seconds from the app's main() to its first drawn page with data (the
# page tells the app once the answer is drawn and a frame has passed: Närvaro's first Today,
# ui/src/lib/perf.ts; the bare app's "pong", bench/bare-tauri/dist/index.html)
first_rendered() {
  local pattern="first (Today|frame) rendered ([0-9.]+) s"
  for _ in $(seq 1 200); do
    if grep -Eq "$pattern" "$work/$1.log"; then
      grep -Eo "$pattern" "$work/$1.log" | head -n1 | grep -Eo "[0-9]+\.[0-9]+"
      return
    fi
    sleep 0.1
  done
  echo "NA"
}
stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; }

echo "Närvaro:  $NARVARO ($(du -b "$NARVARO" | cut -f1) bytes)"
echo "baseline: $BARE ($(du -b "$BARE" | cut -f1) bytes)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for round in $(seq 1 "$STARTS"); do
  for which in narvaro bare; do
    if [ "$which" = narvaro ]; then launch narvaro "$NARVARO" "Närvaro"; else launch bare "$BARE" "Bare Tauri"; fi
    answer=$(first_answer "$which")
    rendered=$(first_rendered "$which")
    stop
    # The first pair warms the caches: not counted.
    if [ "$round" -gt 1 ]; then
      echo "$shown_s" >>"$work/$which.window"
      echo "$answer" >>"$work/$which.answer"
      echo "$rendered" >>"$work/$which.rendered"
    fi
  done
done
printf "%-44s %12s %12s\n" "" "bare Tauri" "Närvaro"
printf "%-44s %11ss %11ss\n" "start to visible window (median of $((STARTS - 1)))" \
  "$(median <"$work/bare.window")" "$(median <"$work/narvaro.window")"
printf "%-44s %11ss %11ss\n" "start to first answered IPC call (median)" \
  "$(median <"$work/bare.answer")" "$(median <"$work/narvaro.answer")"
# The bare app's first drawn answer is its "Today": the same IPC, a DOM change and a frame.
printf "%-44s %11ss %11ss\n" "start to first rendered page (median)" \
  "$(median <"$work/bare.rendered")" "$(median <"$work/narvaro.rendered")"
# Issue 16's goal compares Närvaro's first drawn Today with the bare app's first IPC answer.
printf "%-44s %11ss %11ss\n" "goal: Närvaro's first Today, bare's first IPC" \
  "$(median <"$work/bare.answer")" "$(median <"$work/narvaro.rendered")"

# PSS divides a shared page among all processes that map it: another WebKit app running on
# this machine (end-to-end tests) takes part of both apps' libraries and lowers their figures.
# (The helpers of the app stopped last take a moment to end: wait for them first.)
for _ in $(seq 1 20); do
  others=$(($(pgrep -c -x WebKitWebProces || true) + $(pgrep -c -x WebKitNetworkPr || true)))
  [ "${others:-0}" -eq 0 ] && break
  sleep 0.5
done
if [ "${others:-0}" -gt 0 ]; then
  echo "warning: $others other WebKit processes are running: the PSS figures below are lower than alone"
fi
for which in bare narvaro; do
  if [ "$which" = narvaro ]; then launch narvaro "$NARVARO" "Närvaro"; else launch bare "$BARE" "Bare Tauri"; fi
  sleep 5
  open_mb=$(pss_mb); open_procs=$(tree "$app" | wc -w); pss_each >"$work/$which.open_pss"
  sleep "$SETTLE_SECONDS"
  open_rate=$(idle_rate); open_threads=$(busiest)
  # Ctrl+W closes the window like a person would; the webview is destroyed, the app stays.
  title=$([ "$which" = narvaro ] && echo Närvaro || echo 'Bare Tauri')
  # A search can trip over a window that vanishes under it (BadWindow): try again.
  window=""
  for _ in 1 2 3 4 5; do
    window=$(xdotool search --limit 1 --onlyvisible --name "$title" 2>/dev/null || true)
    [ -n "$window" ] && break
    sleep 0.5
  done
  [ -n "$window" ] || { echo "no window named $title"; exit 1; }
  xdotool mousemove --window "$window" 600 700 click 1
  sleep 0.5
  xdotool key ctrl+w
  sleep 5
  if ! kill -0 "$app" 2>/dev/null; then echo "$which exited when its window closed"; exit 1; fi
  closed_mb=$(pss_mb); closed_procs=$(tree "$app" | wc -w); pss_each >"$work/$which.closed_pss"
  sleep "$SETTLE_SECONDS"
  closed_rate=$(idle_rate); closed_threads=$(busiest)
  stop
  echo "$open_mb $open_procs $open_rate $closed_mb $closed_procs $closed_rate" >"$work/$which.idle"
  echo "$open_threads" >"$work/$which.open_threads"
  echo "$closed_threads" >"$work/$which.closed_threads"
done
read -r b_open b_oprocs b_orate b_closed b_cprocs b_crate <"$work/bare.idle"
read -r n_open n_oprocs n_orate n_closed n_cprocs n_crate <"$work/narvaro.idle"
printf "%-44s %9s MB %9s MB\n" "PSS, window open" "$b_open" "$n_open"
printf "%-44s %9s MB %9s MB\n" "PSS, window closed to the tray" "$b_closed" "$n_closed"
printf "%-44s %9s    %9s\n" "processes, window open / closed" "$b_oprocs / $b_cprocs" "$n_oprocs / $n_cprocs"
printf "%-44s %8s/min %8s/min\n" "idle context switches, window open" "$b_orate" "$n_orate"
printf "%-44s %8s/min %8s/min\n" "idle context switches, window closed" "$b_crate" "$n_crate"
echo
echo "PSS per process, window open:"
echo "  bare Tauri: $(cat "$work/bare.open_pss")"
echo "  Närvaro:    $(cat "$work/narvaro.open_pss")"
echo "PSS per process, window closed:"
echo "  bare Tauri: $(cat "$work/bare.closed_pss")"
echo "  Närvaro:    $(cat "$work/narvaro.closed_pss")"
echo "busiest threads over ${IDLE_SECONDS} s (from $((5 + SETTLE_SECONDS)) s after start and after the close), window open:"
echo "  bare Tauri: $(cat "$work/bare.open_threads")"
echo "  Närvaro:    $(cat "$work/narvaro.open_threads")"
echo "busiest threads, window closed:"
echo "  bare Tauri: $(cat "$work/bare.closed_threads")"
echo "  Närvaro:    $(cat "$work/narvaro.closed_threads")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
