#!/usr/bin/env bash
# lrs.sh
# Project: sfia-evidence, tests/lrs (the test LRS harness)
# Installs, starts and stops the test LRS: Learning Locker's statement service (npm xapi-statements@5.0.1)
# with in-memory storage, listening on a free port on 127.0.0.1.
#
# Usage: lrs.sh install
#        lrs.sh start  [STATE_DIR]   start (or reuse a running one), print the base URL
#        lrs.sh stop   [STATE_DIR]   stop it; a no-op when it is not running
#        lrs.sh url    [STATE_DIR]   print the base URL of the running LRS, e.g. http://127.0.0.1:41234/xAPI
#        lrs.sh status [STATE_DIR]   exit 0 when it is running and answers GET /about
#
# STATE_DIR defaults to $SFE_LRS_STATE, else ${TMPDIR:-/tmp}/sfe-lrs. It holds `url`, `pid`, `port`, the
# LRS's log `lrs.log` and its working directory `work/`.
# The package is installed once into ${SFE_LRS_CACHE:-$HOME/.cache/sfia-evidence/lrs}.
# Any Basic credentials are accepted (AUTH_REPO=test). Statements live at <url>/statements.
set -euo pipefail

readonly PACKAGE=xapi-statements
readonly VERSION=5.0.1
readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly CACHE="${SFE_LRS_CACHE:-${HOME:-/tmp}/.cache/sfia-evidence/lrs}"
readonly NODE="${SFE_NODE:-node}"
readonly START_TIMEOUT_S="${SFE_LRS_START_TIMEOUT:-60}"
readonly ENTRY="$CACHE/node_modules/$PACKAGE/dist/index.js"

die() { echo "lrs.sh: $*" >&2; exit 1; }

state_dir() {
  local dir="${1:-${SFE_LRS_STATE:-${TMPDIR:-/tmp}/sfe-lrs}}"
  mkdir -p "$dir" || die "cannot create state directory '$dir'"
  (cd "$dir" && pwd)
}

installed_version() {
  local manifest="$CACHE/node_modules/$PACKAGE/package.json"
  [[ -f "$manifest" ]] || return 0
  "$NODE" -e 'process.stdout.write(require(process.argv[1]).version)' "$manifest"
}

cmd_install() {
  command -v "$NODE" >/dev/null || die "node not found (set SFE_NODE to its path)"
  command -v npm >/dev/null || die "npm not found"
  [[ "$(installed_version)" == "$VERSION" ]] && return 0
  mkdir -p "$CACHE"
  # Two test runs starting at once must not run npm into the same folder together. The lock is released
  # before anything is started, so no long-lived process keeps it.
  exec 9>"$CACHE/.install.lock"
  flock 9
  if [[ "$(installed_version)" != "$VERSION" ]]; then
    echo "lrs.sh: installing $PACKAGE@$VERSION into $CACHE" >&2
    # The package declares node 6-8 in `engines`; it runs on node 20 all the same.
    npm install --prefix "$CACHE" --no-audit --no-fund --no-save --loglevel=error \
        "$PACKAGE@$VERSION" >&2 || die "npm install $PACKAGE@$VERSION into $CACHE failed"
    [[ "$(installed_version)" == "$VERSION" ]] || die "$PACKAGE@$VERSION is not in $CACHE after npm install"
  fi
  exec 9>&-
}

# Closes every descriptor above stderr that this shell inherited or opened (pipes of a test runner, locks),
# so the long-lived LRS holds none of them: a runner waits for its pipes to close.
close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd="${fd##*/}"
    if ((fd > 2)); then
      eval "exec $fd>&-" 2>/dev/null || true
    fi
  done
}

# Exit status 0 when GET <url>/about answers 200.
about_answers() {
  "$NODE" -e '
    const req = require("http").get(process.argv[1] + "/about",
      { headers: { "X-Experience-API-Version": "1.0.3" }, timeout: 2000 },
      (res) => { res.resume(); process.exit(res.statusCode === 200 ? 0 : 1); });
    req.on("timeout", () => req.destroy());
    req.on("error", () => process.exit(1));' "$1" 2>/dev/null
}

running_pid() {
  local dir="$1" pid
  [[ -f "$dir/pid" ]] || return 1
  pid="$(cat "$dir/pid")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

cmd_start() {
  local dir pid url deadline
  dir="$(state_dir "${1:-}")"
  if pid="$(running_pid "$dir")" && [[ -f "$dir/url" ]] && about_answers "$(cat "$dir/url")"; then
    cat "$dir/url"
    return 0
  fi
  cmd_install
  rm -f "$dir/url" "$dir/pid" "$dir/port"
  mkdir -p "$dir/work"
  # The service keeps its storage and access logs under its working directory and reads a .env there.
  (
    close_inherited_fds
    cd "$dir/work"
    MODELS_REPO=memory AUTH_REPO=test EVENTS_REPO=test STORAGE_REPO=local SERVICE_AWAIT_UPDATES=true \
    EXPRESS_PORT=0 SFE_LRS_PORT_FILE="$dir/port" WINSTON_CONSOLE_LEVEL=warn \
      setsid "$NODE" -r "$HERE/loopback-preload.js" "$ENTRY" </dev/null >"$dir/lrs.log" 2>&1 &
    echo $! >"$dir/pid"
  )
  pid="$(cat "$dir/pid")"
  deadline=$((SECONDS + START_TIMEOUT_S))
  while :; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$dir/lrs.log" >&2; die "the LRS exited during start-up (log: $dir/lrs.log)"; }
    if [[ -s "$dir/port" ]]; then
      url="http://127.0.0.1:$(cat "$dir/port")/xAPI"
      if about_answers "$url"; then
        break
      fi
    fi
    if ((SECONDS >= deadline)); then
      kill "$pid" 2>/dev/null || true
      die "the LRS did not answer GET /xAPI/about within ${START_TIMEOUT_S}s (log: $dir/lrs.log)"
    fi
    sleep 0.2
  done
  echo "$url" >"$dir/url"
  echo "$url"
}

cmd_stop() {
  local dir pid
  dir="$(state_dir "${1:-}")"
  if pid="$(running_pid "$dir")"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$dir/url" "$dir/pid" "$dir/port"
}

cmd_url() {
  local dir
  dir="$(state_dir "${1:-}")"
  running_pid "$dir" >/dev/null && [[ -f "$dir/url" ]] || die "no test LRS is running for state directory $dir"
  cat "$dir/url"
}

cmd_status() {
  local dir
  dir="$(state_dir "${1:-}")"
  running_pid "$dir" >/dev/null && [[ -f "$dir/url" ]] && about_answers "$(cat "$dir/url")"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  url) cmd_url "${2:-}" ;;
  status) cmd_status "${2:-}" ;;
  *) die "usage: lrs.sh install | start [STATE_DIR] | stop [STATE_DIR] | url [STATE_DIR] | status [STATE_DIR]" ;;
esac
