# Shared helpers for the end-to-end scripts: start processes, wait on
# conditions with deadlines (never a bare sleep), clean up on exit.
set -euo pipefail

: "${STREAMLENS_BIN:?STREAMLENS_BIN must point at the streamlens binary}"
: "${STREAMLENS_SOURCE_DIR:?STREAMLENS_SOURCE_DIR must point at the source tree}"

E2E_TMP="$(mktemp -d)"
E2E_PIDS=()
# The test's own stderr, kept for the failure report: `fail` may run inside a
# wait_for condition, whose output (and so the EXIT trap's) goes to /dev/null.
exec {E2E_STDERR}>&2

e2e_cleanup() {
  local rc=$?
  # A failed run shows the logs of the processes it started (CTest keeps the
  # output only), so a failure seen once can be understood.
  if [ "$rc" -ne 0 ]; then
    {
      [ -f "$E2E_TMP/failed" ] && cat "$E2E_TMP/failed"
      for log in "$E2E_TMP"/*.log; do
        [ -f "$log" ] || continue
        echo "--- $(basename "$log") (last 40 lines)"
        tail -n 40 "$log"
      done
    } >&"$E2E_STDERR" 2>&1
  fi
  for pid in "${E2E_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${E2E_PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

# fail MESSAGE: ends the test. The message is shown on exit, also when fail
# is called from a condition whose output wait_for silences.
fail() {
  echo "FAIL: $*" >>"$E2E_TMP/failed"
  exit 1
}

# wait_for DEADLINE_SECONDS DESCRIPTION COMMAND...: runs COMMAND until it
# succeeds, polling every 100 ms, or fails after the deadline.
wait_for() {
  local deadline=$(( $(date +%s) + $1 )); shift
  local what="$1"; shift
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then fail "timed out waiting for $what"; fi
    sleep 0.1
  done
}

# A free TCP port on 127.0.0.1 (for servers that cannot report a port 0 bind).
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start NAME COMMAND...: runs COMMAND in the background, output to $E2E_TMP/NAME.log.
start() {
  local name="$1"; shift
  "$@" >"$E2E_TMP/$name.log" 2>&1 {E2E_STDERR}>&- &
  E2E_PIDS+=("$!")
  echo "$!"
}
