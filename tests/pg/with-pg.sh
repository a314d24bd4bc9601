#!/usr/bin/env bash
# with-pg.sh
# Project: sfia-evidence, tests/pg (the test PostgreSQL server)
# Runs a test command against the test PostgreSQL server that the ctest fixture `pg` started:
#
#   with-pg.sh STATE_DIR COMMAND [ARGS...]
#
# exports SFE_TEST_PG (the admin conninfo from STATE_DIR/conninfo, e.g.
# "host=127.0.0.1 port=41234 user=sfe dbname=postgres") and SFE_TEST_PG_BINDIR (the server's binaries:
# psql, createdb, dropdb of the same version), then execs COMMAND. The port is only known once the
# server runs, so it travels through the state directory rather than through ctest's ENVIRONMENT.
set -euo pipefail

if (($# < 2)); then
  echo "usage: with-pg.sh STATE_DIR COMMAND [ARGS...]" >&2
  exit 2
fi
state="$1"
shift
if [[ ! -s "$state/conninfo" ]]; then
  echo "with-pg.sh: no test PostgreSQL server runs for $state (no $state/conninfo): run the test through" \
       "ctest (fixture \`pg\`, test pg_start), or start one with tests/pg/pg.sh start $state" >&2
  exit 1
fi
SFE_TEST_PG="$(cat "$state/conninfo")"
export SFE_TEST_PG
if [[ -s "$state/bindir" ]]; then
  SFE_TEST_PG_BINDIR="$(cat "$state/bindir")"
  export SFE_TEST_PG_BINDIR
fi
exec "$@"
