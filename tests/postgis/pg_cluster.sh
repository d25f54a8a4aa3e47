#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster for the database tests.
#
#   pg_cluster.sh start DIR   initdb a cluster in DIR/data, start it on a free
#                             loopback port, create the test database with the
#                             postgis extension, write DIR/connection
#   pg_cluster.sh stop DIR    stop the cluster and delete DIR/data
#
# DIR/connection holds one `key=value` per line for the tests: host, port,
# dbname (with PostGIS), user and password (its owner), reader_user and
# reader_password (a role with no privileges), plain_dbname (no PostGIS).
# When the server binaries or PostGIS are missing, DIR/unavailable says why and
# `start` exits 0 so the tests can skip with that message -- except under CI
# (CI set), where a missing server is a failure.  Anything else that goes
# wrong is a failure.
#
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres`
# user of the Debian package.  Passwords are random per cluster and the server
# demands them (scram-sha-256), so wrong credentials really are refused.
set -euo pipefail

action=${1:-}
dir=${2:-}
if [ -z "$action" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# Where the server keeps its files: DIR, unless the server user cannot reach
# it (a build tree under /root), then a private folder under /tmp that
# DIR/server_dir names.
server_dir() {
  if [ -f "$dir/server_dir" ]; then cat "$dir/server_dir"; else echo "$dir"; fi
}

# The newest installed server's bin directory (LOCALMAP_PG_BINDIR overrides).
find_bindir() {
  if [ -n "${LOCALMAP_PG_BINDIR:-}" ]; then
    if [ -x "$LOCALMAP_PG_BINDIR/initdb" ]; then echo "$LOCALMAP_PG_BINDIR"; fi
    return
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; fi
}

# Runs a server program as a user PostgreSQL accepts.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

unavailable() {
  rm -f "$dir/connection"
  echo "$1" >"$dir/unavailable"
  if [ -n "${CI:-}" ]; then
    echo "pg_cluster.sh: $1 (CI is set, so this is a failure)" >&2
    exit 1
  fi
  echo "pg_cluster.sh: $1; the PostGIS tests will be skipped"
  exit 0
}

stop_cluster() {
  local base
  base=$(server_dir)
  if [ -f "$base/data/postmaster.pid" ]; then
    local bindir
    bindir=$(find_bindir)
    as_server_user "$bindir/pg_ctl" -D "$base/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$base/data" "$dir/connection" "$dir/unavailable" "$dir/server_dir"
  if [ "$base" != "$dir" ]; then rm -rf "$base"; fi
}

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    ss -Htln "sport = :$1" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

start_cluster() {
  stop_cluster  # a cluster left by an interrupted run
  local bindir
  bindir=$(find_bindir)
  [ -n "$bindir" ] || unavailable "no PostgreSQL server binaries (initdb, pg_ctl) found; install postgresql-15 and postgresql-15-postgis-3"
  local major sharedir
  major=$("$bindir/postgres" -V | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')
  sharedir="/usr/share/postgresql/$major"
  if [ -x "$bindir/pg_config" ]; then sharedir=$("$bindir/pg_config" --sharedir); fi
  [ -f "$sharedir/extension/postgis.control" ] ||
    unavailable "PostgreSQL $major has no PostGIS extension; install postgresql-$major-postgis-3"
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    unavailable "running as root and there is no 'postgres' user to run the server as"
  fi

  local admin_password test_password reader_password
  admin_password=$(random_hex 16)
  test_password=$(random_hex 16)
  reader_password=$(random_hex 16)
  # The server user writes the data directory and the log beside it.
  local base="$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      base=$(mktemp -d /tmp/localmap-pg.XXXXXX)
      chown postgres: "$base"
      echo "$base" >"$dir/server_dir"
    fi
  fi
  local data="$base/data" log="$base/server.log"
  mkdir -p "$data"
  chmod 700 "$data"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data"; fi
  local pwfile="$base/admin.pw"
  echo "$admin_password" >"$pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pwfile"; fi
  as_server_user "$bindir/initdb" -D "$data" -U localmap_admin --pwfile="$pwfile" -A scram-sha-256 --no-sync \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    rm -f "$pwfile"
    exit 1
  }
  rm -f "$pwfile"
  # Loopback TCP only (no Unix socket to collide with a system cluster), and
  # no durability: the cluster lives for one test run.
  cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
EOF

  # A free port: ask the kernel which ports listen, then let the server's own
  # bind decide; on a lost race try another.
  local port="" attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if port_in_use "$port"; then continue; fi
    if as_server_user "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "-p $port" start >/dev/null 2>&1; then
      break
    fi
    if ! grep -q "could not bind\|Address already in use" "$log" 2>/dev/null; then
      echo "pg_cluster.sh: the server did not start; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    port=""
  done
  if [ -z "$port" ]; then
    echo "pg_cluster.sh: found no free loopback port in 10 attempts" >&2
    exit 1
  fi

  PGPASSWORD="$admin_password" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
    -U localmap_admin -d postgres >/dev/null <<EOF
CREATE ROLE localmap_test LOGIN PASSWORD '$test_password';
CREATE ROLE localmap_reader LOGIN PASSWORD '$reader_password';
CREATE DATABASE localmap_test OWNER localmap_test;
CREATE DATABASE localmap_plain OWNER localmap_test;
\\connect localmap_test
CREATE EXTENSION postgis;
EOF

  cat >"$dir/connection" <<EOF
host=127.0.0.1
port=$port
dbname=localmap_test
user=localmap_test
password=$test_password
reader_user=localmap_reader
reader_password=$reader_password
plain_dbname=localmap_plain
EOF
  echo "pg_cluster.sh: PostgreSQL $major with PostGIS on 127.0.0.1:$port (data in $data)"
}

case "$action" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
