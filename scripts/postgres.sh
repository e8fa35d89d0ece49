#!/usr/bin/env bash
# Runs a throwaway PostgreSQL 15 on loopback for the storage integration tests.
#   scripts/postgres.sh start|stop|status|analyze
# Database, user and password are all "dikast". The port is DIKAST_PG_PORT (default 55432) and the
# data lives in DIKAST_PG_DIR (default ${TMPDIR:-/tmp}/dikast-postgres-<port>); stop deletes it.
set -euo pipefail

port="${DIKAST_PG_PORT:-55432}"
dir="${DIKAST_PG_DIR:-${TMPDIR:-/tmp}/dikast-postgres-${port}}"
data="${dir}/data"
log="${dir}/postgres.log"

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

find_bin() {
  local name="$1" candidate
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    return
  fi
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    if [ -x "$candidate" ]; then
      echo "$candidate"
      return
    fi
  done
  die "'$name' not found: install PostgreSQL server binaries (Debian: apt-get install postgresql)"
}

initdb_bin="$(find_bin initdb)"
pg_ctl_bin="$(find_bin pg_ctl)"
psql_bin="$(find_bin psql)"
find_bin postgres >/dev/null

# PostgreSQL refuses to run as root, so root runs it as an unprivileged user that owns the data.
run_user=""
if [ "$(id -u)" = 0 ]; then
  if id postgres >/dev/null 2>&1; then run_user=postgres; else run_user=nobody; fi
fi

as_db_user() {
  if [ -n "$run_user" ]; then
    runuser -u "$run_user" -- "$@"
  else
    "$@"
  fi
}

sql() {
  PGPASSWORD=dikast "$psql_bin" -h 127.0.0.1 -p "$port" -U dikast -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
}

is_running() {
  [ -f "${data}/postmaster.pid" ] && as_db_user "$pg_ctl_bin" -D "$data" status >/dev/null 2>&1
}

start() {
  if is_running; then
    echo "postgres.sh: already running on 127.0.0.1:${port} (data ${data})"
    return
  fi
  mkdir -p "$dir"
  [ -n "$run_user" ] && chown "$run_user" "$dir"
  chmod 700 "$dir"
  if [ ! -f "${data}/PG_VERSION" ]; then
    local pwfile="${dir}/pwfile"
    echo dikast >"$pwfile"
    [ -n "$run_user" ] && chown "$run_user" "$pwfile"
    as_db_user "$initdb_bin" -D "$data" -U dikast --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --no-locale >"${dir}/initdb.log" 2>&1 \
      || die "initdb failed, see ${dir}/initdb.log"
    rm -f "$pwfile"
  fi
  as_db_user "$pg_ctl_bin" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=on" \
    start >/dev/null || die "could not start PostgreSQL, see ${log}"
  # The database is created on first start; "dikast" is the bootstrap superuser.
  if ! sql "select 1 from pg_database where datname = 'dikast'" | grep -q 1; then
    sql "create database dikast" >/dev/null
  fi
  echo "postgres.sh: PostgreSQL running on 127.0.0.1:${port}, database/user/password dikast"
}

stop() {
  if is_running; then
    as_db_user "$pg_ctl_bin" -D "$data" -m fast -w -t 60 stop >/dev/null
  fi
  rm -rf "$dir"
  echo "postgres.sh: stopped, ${dir} removed"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if is_running; then echo "running on 127.0.0.1:${port}"; else echo "not running"; exit 3; fi
    ;;
  # Fresh planner statistics after a bulk load (the benchmarks' fills), rather than waiting for autovacuum.
  analyze)
    PGPASSWORD=dikast "$psql_bin" -h 127.0.0.1 -p "$port" -U dikast -d dikast -v ON_ERROR_STOP=1 -qc ANALYZE
    ;;
  *) die "usage: $0 start|stop|status|analyze" ;;
esac
