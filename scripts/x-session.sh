# Sourced by the benchmark scripts: a private X server and D-Bus session bus for the apps
# they start, so that nothing on the desktop (a tray host, another Närvaro) takes part.
# `start_x_session DISPLAY` needs `$work` (a scratch folder); `stop_x_session` ends both.

start_x_session() {
  Xvfb "$1" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=$1 NO_AT_BRIDGE=1
  dbus-daemon --session --fork --print-address=3 --print-pid=4 3>"$work/addr" 4>"$work/pid"
  DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$work/addr")
  bus_pid=$(head -n1 "$work/pid")
  export DBUS_SESSION_BUS_ADDRESS
}

stop_x_session() {
  [ -n "${bus_pid:-}" ] && kill "$bus_pid" 2>/dev/null || true
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
}
