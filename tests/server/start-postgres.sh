#!/bin/sh
# Start a throwaway PostgreSQL on loopback for the server tests (Debian's postgresql package) and print
# the TEST_DATABASE_URL to export. Idempotent: a running cluster is reused. Run as root.
#   apt-get update && apt-get install -y postgresql
#   export TEST_DATABASE_URL=$(sh tests/server/start-postgres.sh)
set -eu
PORT="${PGPORT_TEST:-54329}"
BASE="${PGBASE_TEST:-/tmp/pgdata}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
mkdir -p "$BASE"
chown postgres:postgres "$BASE"
if [ ! -f "$BASE/db/PG_VERSION" ]; then
  su postgres -c "$PGBIN/initdb -D $BASE/db -A trust -U postgres" >"$BASE/initdb.log" 2>&1
fi
if ! su postgres -c "$PGBIN/pg_ctl -D $BASE/db status" >/dev/null 2>&1; then
  su postgres -c "$PGBIN/pg_ctl -D $BASE/db -w -l $BASE/log -o '-p $PORT -k $BASE -c listen_addresses=127.0.0.1' start" >&2
fi
psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='courtesy_test'" | grep -q 1 ||
  psql -h 127.0.0.1 -p "$PORT" -U postgres -qc 'create database courtesy_test'
echo "postgres://postgres@127.0.0.1:$PORT/courtesy_test"
