# Sourced by scripts/test.sh: starts a throwaway PostgreSQL 15 on 127.0.0.1:55432 (BERTH_TEST_POSTGRES_PORT) for the index tests and exports
# BERTH_TEST_POSTGRES (a connection string to its "postgres" database; each test creates its own database there).
# Can also be sourced alone: `cleanups=(); source scripts/test-services/postgresql.sh`, then run the stop command in cleanups.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql (scripts/install-test-deps.sh does it)" >&2
  return 1
fi
pg_port=${BERTH_TEST_POSTGRES_PORT:-55432}
# Not under the run directory: mktemp makes that 0700, and the server runs as the postgres user.
pg_dir=$(mktemp -d /tmp/berth-postgres.XXXXXX)
chown postgres:postgres "$pg_dir"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; return 1; }
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o \
  "-k $pg_dir -p $pg_port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >&2 \
  || { cat "$pg_dir/server.log" >&2; return 1; }
cleanups+=("runuser -u postgres -- '$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate -w stop >/dev/null 2>&1; rm -rf '$pg_dir'")
export BERTH_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=false"
