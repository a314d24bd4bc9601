#!/usr/bin/env bash
# pg.sh
# Project: sfia-evidence, tests/pg (the test PostgreSQL server)
# Starts and stops a private, throw-away PostgreSQL server for the tests: initdb into a fresh folder,
# pg_ctl on a free port on 127.0.0.1, trust authentication, superuser `sfe`.
#
# Usage: pg.sh start    [STATE_DIR]   initdb and start (or reuse a running one), print the admin conninfo
#        pg.sh stop     [STATE_DIR]   stop it and remove its data folder; a no-op when it is not running
#        pg.sh conninfo [STATE_DIR]   print the admin conninfo of the running server
#        pg.sh status   [STATE_DIR]   exit 0 when it is running and accepts connections
#
# STATE_DIR defaults to $SFE_PG_STATE, else ${TMPDIR:-/tmp}/sfe-pg. It holds `conninfo` (what the tests
# read, e.g. "host=127.0.0.1 port=41234 user=sfe dbname=postgres"), `port`, `bindir` (the server's
# binaries, whose psql/createdb/dropdb the tests may use), `rundir` (the server's folder: data/, socket,
# server.log) and, after a stop, the server's last log `server.log`.
#
# PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the user `postgres` (Debian's
# postgresql package creates it; override with SFE_PG_OS_USER) through runuser.
# The server is for tests only: fsync, synchronous_commit and full_page_writes are off (a crash of the
# machine loses it; nothing outlives a test run anyway).
#
# Override: SFE_PG_BINDIR (folder with initdb, pg_ctl, postgres), SFE_PG_OS_USER, SFE_PG_START_TIMEOUT
# (seconds, 60), SFE_PG_PORT (use this port instead of a free one the OS picks).
set -euo pipefail

readonly START_TIMEOUT_S="${SFE_PG_START_TIMEOUT:-60}"
readonly DB_USER=sfe

die() { echo "pg.sh: $*" >&2; exit 1; }

state_dir() {
  local dir="${1:-${SFE_PG_STATE:-${TMPDIR:-/tmp}/sfe-pg}}"
  mkdir -p "$dir" || die "cannot create state directory '$dir'"
  (cd "$dir" && pwd)
}

# The folder with initdb, pg_ctl and postgres: $SFE_PG_BINDIR, else pg_config's (Debian's libpq-dev
# pg_config names the server's folder), else the newest /usr/lib/postgresql/N/bin, else PATH.
find_bindir() {
  local dir candidate
  if [[ -n "${SFE_PG_BINDIR:-}" ]]; then
    [[ -x "$SFE_PG_BINDIR/initdb" ]] || die "SFE_PG_BINDIR=$SFE_PG_BINDIR has no initdb"
    echo "$SFE_PG_BINDIR"; return
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return; fi
  fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then echo "$candidate"; return; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dir="$(dirname "$(readlink -f "$(command -v initdb)")")"
    echo "$dir"; return
  fi
  die "no PostgreSQL server binaries (initdb, pg_ctl) found: install postgresql-15 (bash packaging/install-deps.sh) or set SFE_PG_BINDIR"
}

# The OS user the server runs as: ourselves, unless we are root.
os_user() {
  if [[ "$(id -u)" -ne 0 ]]; then id -un; return; fi
  local user="${SFE_PG_OS_USER:-postgres}"
  id "$user" >/dev/null 2>&1 || die "running as root, but there is no user '$user' to run PostgreSQL as (install postgresql-15, or set SFE_PG_OS_USER)"
  echo "$user"
}

# Runs a command as the server's OS user.
as_server_user() {
  if [[ "$(id -u)" -ne 0 ]]; then "$@"; return; fi
  runuser -u "$(os_user)" -- "$@"
}

# A port that is free on 127.0.0.1 right now (the OS picks it); the start retries if it is taken meanwhile.
free_port() {
  if [[ -n "${SFE_PG_PORT:-}" ]]; then echo "$SFE_PG_PORT"; return; fi
  python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Closes every descriptor above stderr that this shell inherited or opened (pipes of a test runner), so
# the long-lived server holds none of them: a runner waits for its pipes to close.
close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd="${fd##*/}"
    if ((fd > 2)); then
      eval "exec $fd>&-" 2>/dev/null || true
    fi
  done
}

# The server's folder: <state>/run when the server's OS user can reach it and the socket path stays
# short (a Unix socket path has at most 107 bytes), else a fresh folder under ${TMPDIR:-/tmp}.
make_rundir() {
  local state="$1" user="$2" dir
  dir="$state/run"
  rm -rf "$dir"
  mkdir -p "$dir"
  if [[ "$(id -u)" -eq 0 ]]; then chown "$user" "$dir"; fi
  if (( ${#dir} > 80 )) || ! as_server_user test -w "$dir" 2>/dev/null; then
    rm -rf "$dir"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/sfe-pg.XXXXXX")"
    if [[ "$(id -u)" -eq 0 ]]; then chown "$user" "$dir"; fi
    chmod 700 "$dir"
    as_server_user test -w "$dir" || die "the user '$user' cannot write $dir"
  fi
  echo "$dir"
}

# Exit status 0 when the server in $1 (rundir) on port $2 accepts connections.
accepts() {
  local bindir="$1" port="$2"
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres -t 2 >/dev/null 2>&1
}

running() {
  local dir="$1"
  [[ -s "$dir/conninfo" && -s "$dir/port" && -s "$dir/bindir" && -s "$dir/rundir" ]] || return 1
  [[ -f "$(cat "$dir/rundir")/data/postmaster.pid" ]] || return 1
  accepts "$(cat "$dir/bindir")" "$(cat "$dir/port")"
}

cmd_start() {
  local dir bindir user rundir port attempt conninfo
  dir="$(state_dir "${1:-}")"
  if running "$dir"; then
    cat "$dir/conninfo"
    return 0
  fi
  (cmd_stop "$dir") >/dev/null 2>&1 || true   # leftovers of a run that was killed
  bindir="$(find_bindir)"
  user="$(os_user)"
  rundir="$(make_rundir "$dir" "$user")"
  echo "$rundir" >"$dir/rundir"
  echo "$bindir" >"$dir/bindir"

  # C.UTF-8 is in every glibc since 2.35 (Debian 12): no locale package needed, and sorting is by code point.
  if ! as_server_user "$bindir/initdb" -D "$rundir/data" -U "$DB_USER" -A trust -E UTF8 --locale=C.UTF-8 \
         --no-sync >"$dir/initdb.log" 2>&1; then
    tail -n 20 "$dir/initdb.log" >&2
    die "initdb failed (log: $dir/initdb.log)"
  fi

  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    : >"$rundir/server.log"
    if [[ "$(id -u)" -eq 0 ]]; then chown "$user" "$rundir/server.log"; fi
    # pg_ctl puts the server in its own session with stdin from /dev/null and output to the log; it
    # must not inherit ctest's pipes either.
    if (
      close_inherited_fds
      as_server_user "$bindir/pg_ctl" -D "$rundir/data" -l "$rundir/server.log" -w -t "$START_TIMEOUT_S" \
        -o "-p $port -k $rundir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c max_connections=200 -c log_min_messages=warning" \
        start </dev/null >"$dir/pg_ctl.log" 2>&1
    ); then
      break
    fi
    if grep -q "could not bind\|Address already in use" "$rundir/server.log" && ((attempt < 5)); then
      echo "pg.sh: port $port was taken, trying another" >&2
      continue
    fi
    tail -n 20 "$rundir/server.log" >&2
    die "the server did not start (logs: $dir/pg_ctl.log, $rundir/server.log)"
  done

  accepts "$bindir" "$port" || die "the server started but does not accept connections on port $port (log: $rundir/server.log)"
  conninfo="host=127.0.0.1 port=$port user=$DB_USER dbname=postgres"
  echo "$port" >"$dir/port"
  echo "$conninfo" >"$dir/conninfo"
  echo "$conninfo"
}

cmd_stop() {
  local dir rundir bindir pid
  dir="$(state_dir "${1:-}")"
  rm -f "$dir/conninfo" "$dir/port"
  [[ -s "$dir/rundir" ]] || return 0
  rundir="$(cat "$dir/rundir")"
  bindir="$(cat "$dir/bindir" 2>/dev/null || find_bindir)"
  if [[ -f "$rundir/data/postmaster.pid" ]]; then
    if ! as_server_user "$bindir/pg_ctl" -D "$rundir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      pid="$(head -n 1 "$rundir/data/postmaster.pid" 2>/dev/null || true)"
      if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -QUIT "$pid" 2>/dev/null || true     # immediate shutdown
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  fi
  [[ -f "$rundir/server.log" ]] && cp "$rundir/server.log" "$dir/server.log" 2>/dev/null || true
  rm -rf "$rundir"
  rm -f "$dir/rundir"
}

cmd_conninfo() {
  local dir
  dir="$(state_dir "${1:-}")"
  running "$dir" || die "no test PostgreSQL server is running for state directory $dir"
  cat "$dir/conninfo"
}

cmd_status() {
  local dir
  dir="$(state_dir "${1:-}")"
  running "$dir"
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  conninfo) cmd_conninfo "${2:-}" ;;
  status) cmd_status "${2:-}" ;;
  *) die "usage: pg.sh start [STATE_DIR] | stop [STATE_DIR] | conninfo [STATE_DIR] | status [STATE_DIR]" ;;
esac
