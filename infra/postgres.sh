#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster from this machine's binaries, on a free loopback port.
#   infra/postgres.sh start   start it (state in $MAKERSPACE_PG_DIR, default /tmp/makerspace-pg-$UID)
#   infra/postgres.sh stop    stop it and delete its files
#   infra/postgres.sh url     print the connection string of the running cluster
#   infra/postgres.sh down    stop the server, keep its files and port (an outage, for tests of recovery)
#   infra/postgres.sh up      start it again after 'down', on the same port
# As root the server runs as the 'postgres' user (PostgreSQL refuses to run as root).
set -euo pipefail

dir=${MAKERSPACE_PG_DIR:-/tmp/makerspace-pg-$(id -u)}
fsync=${MAKERSPACE_PG_FSYNC:-off}

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  return 1
}

install_postgres() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  else
    echo "postgres.sh: no PostgreSQL binaries found; install postgresql and postgresql-contrib" >&2
    exit 1
  fi
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    # Below Linux's usual ephemeral range (32768-60999), and unused by any socket in any state: an outgoing
    # connection that took the port between the pick and the bind (or while the server is 'down') fails the bind.
    port=$((20000 + RANDOM % 12000))
    if ! awk -v p="$(printf '%04X' "$port")" 'FNR > 1 { split($2, a, ":"); if (a[2] == p) found = 1 } END { exit !found }' \
         /proc/net/tcp /proc/net/tcp6 2>/dev/null; then echo "$port"; return; fi
  done
  echo "postgres.sh: no free port found" >&2; return 1
}

url() {
  # shellcheck disable=SC1091
  . "$dir/port.env"
  echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
}

start() {
  if [ -f "$dir/port.env" ] && [ -f "$dir/data/postmaster.pid" ]; then
    echo "postgres.sh: already running in $dir" >&2; url; return
  fi
  bindir=$(find_bindir) || { install_postgres; bindir=$(find_bindir); }
  rm -rf "$dir"; mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$dir"
  fi
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(free_port)
  echo "PGPORT=$port" >"$dir/port.env"
  echo "BINDIR=$bindir" >>"$dir/port.env"
  echo "FSYNC=$fsync" >>"$dir/port.env"
  server_start
  # btree_gist backs the no-double-booking exclusion constraint; fail early if contrib is missing.
  as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d template1 -qAt \
    -c "CREATE EXTENSION IF NOT EXISTS btree_gist" >/dev/null
  echo "postgres.sh: PostgreSQL on 127.0.0.1:$port (files in $dir)" >&2
  url
}

server_start() {
  # shellcheck disable=SC1091
  . "$dir/port.env"
  as_owner "$BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $PGPORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=$FSYNC -c max_connections=300 -c shared_buffers=256MB" >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
}

down() {
  [ -f "$dir/port.env" ] || { echo "postgres.sh: nothing in $dir" >&2; exit 1; }
  # shellcheck disable=SC1091
  . "$dir/port.env"
  # fast: clients are disconnected at once, as in a failover or a crash of the server's host.
  as_owner "$BINDIR/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

up() {
  [ -f "$dir/port.env" ] || { echo "postgres.sh: nothing in $dir" >&2; exit 1; }
  server_start
  url
}

stop() {
  [ -f "$dir/port.env" ] || return 0
  # shellcheck disable=SC1091
  . "$dir/port.env"
  as_owner "$BINDIR/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  down) down ;;
  up) up ;;
  *) echo "usage: $0 start|stop|url|down|up" >&2; exit 2 ;;
esac
