#!/usr/bin/env bash
# Several Makerspace nodes on one PostgreSQL, on this machine, behind nginx: what a consortium runs, in miniature.
#
#   infra/cluster.sh start [--web N] [--web-scheduler K] [--app DIR] [--no-build]
#       a private PostgreSQL (infra/postgres.sh), N web nodes (default 3; jobs off except on the first K, default 0),
#       one jobs node (Quartz sweeps and Hangfire mail), and nginx in front with the production site file
#       infra/deploy/nginx-makerspace.conf (TLS with a throwaway certificate, round robin, passive health checks)
#       on a free loopback port. Prints the public address.
#   infra/cluster.sh stop                  stops everything and deletes the cluster's files
#   infra/cluster.sh status                each node: pid, port, alive, ready
#   infra/cluster.sh node-stop NAME        stops one node (web1, web2, ..., jobs) with SIGTERM
#   infra/cluster.sh node-start NAME       starts that node again with the same settings
#   infra/cluster.sh publish [--no-build] [--out DIR]   publishes the web and jobs apps (for --app)
#
# State lives in $MAKERSPACE_CLUSTER_DIR (default /tmp/makerspace-cluster-$UID): nodes.tsv (name, pid, port, role),
# each node's log and data folder, nginx's files, the PostgreSQL cluster. Settings in the caller's environment
# (Smtp__Host, Jobs__SweepInterval, ...) reach every node; the cluster's own (database, URLs, roles) are set here.
# Installs nginx from Debian's packages when it is missing and this runs as root.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${MAKERSPACE_CLUSTER_DIR:-/tmp/makerspace-cluster-$(id -u)}

die() { echo "cluster.sh: $*" >&2; exit 1; }
say() { echo "cluster.sh: $*" >&2; }

# A port no socket on this machine uses in any state (listening, connected, closing), below Linux's usual
# ephemeral range (32768-60999) so that the nodes' own outgoing connections do not take it between the
# pick and the bind; it is not one this cluster has already handed out either.
free_port() {
  local port hex
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    hex=$(printf '%04X' "$port")
    if ! awk -v p="$hex" 'FNR > 1 { split($2, a, ":"); if (a[2] == p) found = 1 } END { exit !found }' \
          /proc/net/tcp /proc/net/tcp6 2>/dev/null \
       && ! grep -qs "	$port	\|	$port\$" "$dir/nodes.tsv" \
       && ! grep -qs "^PROXY_PORT=$port\$" "$dir/cluster.env"; then
      echo "$port"; return
    fi
  done
  die "no free port found"
}

nginx_bin() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }; }

ensure_nginx() {
  [ -n "$(nginx_bin)" ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing nginx from Debian's packages"
    # Only the binary is wanted: keep the package from starting a system-wide nginx on port 80.
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"
    fi
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    [ -z "$policy" ] || rm -f "$policy"
  else
    die "nginx is missing: install Debian's 'nginx' (sudo apt-get install nginx)"
  fi
}

publish() {
  local out=$1 build=$2
  say "publishing the web and jobs apps to $out"
  mkdir -p "$out"
  dotnet publish src/Booking.Web -c Release $build -nologo -v q -clp:ErrorsOnly -o "$out/web" >/dev/null
  dotnet publish src/Booking.Jobs -c Release $build -nologo -v q -clp:ErrorsOnly -o "$out/jobs" >/dev/null
}

# name role port [extra env...]: one line per node in nodes.tsv; pid filled in when it starts.
node_line() { awk -F'\t' -v n="$1" '$1 == n' "$dir/nodes.tsv"; }

# The settings every node and the migrate command share, in the array "env".
common_env() {
  local name=$1
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  env=(
    ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
    DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-${ASPNETCORE_ENVIRONMENT:-Production}}"
    Database__Provider=Postgres
    ConnectionStrings__Booking="$DB_URL"
    Site__PublicUrl="$PUBLIC_URL"
    Storage__DataFolder="$dir/$name/data"
    Proxy__KnownProxies=127.0.0.1
    Bootstrap__AdminEmail="${Bootstrap__AdminEmail:-admin@cluster.test}"
    Bootstrap__AdminPassword="${Bootstrap__AdminPassword:-$ADMIN_PASSWORD}"
    # As in production (README "Upgrades"): the schema is migrated once, before the nodes start.
    Database__MigrateOnStartup=false
  )
}

migrate_db() {
  local app; app=$(cat "$dir/app-path")
  local -a env; common_env migrate
  mkdir -p "$dir/migrate/data"
  (cd "$dir" && exec env "${env[@]}" dotnet "$app/web/Booking.Web.dll" migrate >"$dir/migrate.log" 2>&1 </dev/null) \
    || { cat "$dir/migrate.log" >&2; die "migrate failed (log: $dir/migrate.log)"; }
}

start_node() {
  local name=$1 line role port app dll
  line=$(node_line "$name"); [ -n "$line" ] || die "no node named $name"
  role=$(cut -f3 <<<"$line"); port=$(cut -f4 <<<"$line")
  app=$(cat "$dir/app-path")
  mkdir -p "$dir/$name/data"
  local -a env; common_env "$name"
  case $role in
    web) env+=(ASPNETCORE_URLS="http://127.0.0.1:$port" Jobs__Scheduler__Enabled=false Jobs__Workers__Enabled=false); dll="$app/web/Booking.Web.dll" ;;
    web+jobs) env+=(ASPNETCORE_URLS="http://127.0.0.1:$port" Jobs__Scheduler__Enabled=true Jobs__Workers__Enabled=true); dll="$app/web/Booking.Web.dll" ;;
    jobs) env+=(Health__Urls="http://127.0.0.1:$port" Jobs__Scheduler__Enabled=true Jobs__Workers__Enabled=true); dll="$app/jobs/Booking.Jobs.dll" ;;
    *) die "unknown role $role" ;;
  esac
  # exec: the recorded pid is the node's own process, so node-stop and a test's kill -9 reach the node itself.
  (cd "$dir/$name" && exec env "${env[@]}" dotnet "$dll" >>"$dir/$name/node.log" 2>&1 </dev/null) &
  local pid=$!
  awk -F'\t' -v OFS='\t' -v n="$name" -v p="$pid" '$1 == n { $2 = p } { print }' "$dir/nodes.tsv" >"$dir/nodes.tsv.new"
  mv "$dir/nodes.tsv.new" "$dir/nodes.tsv"
}

alive() { [ -n "$1" ] && [ "$1" != "-" ] && kill -0 "$1" 2>/dev/null; }

# A web node is up when /health/ready answers 200; the jobs node when its log says the host started.
wait_node() {
  local name=$1 line role port pid
  line=$(node_line "$name"); role=$(cut -f3 <<<"$line"); port=$(cut -f4 <<<"$line"); pid=$(cut -f2 <<<"$line")
  for _ in $(seq 1 240); do
    alive "$pid" || { tail -n 20 "$dir/$name/node.log" >&2; die "$name stopped while starting (log: $dir/$name/node.log)"; }
    if [ "$role" = jobs ]; then
      grep -q "Application started" "$dir/$name/node.log" && return
    else
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ] && return
    fi
    sleep 0.25
  done
  die "$name did not get ready within 60 s (log: $dir/$name/node.log)"
}

stop_node() {
  local name=$1 pid
  pid=$(node_line "$name" | cut -f2)
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do alive "$pid" || break; sleep 0.25; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
  fi
}

# The shipped site file, with the cluster's upstream, port, name and throwaway certificate put in.
write_nginx() {
  local proxy_port=$1; shift
  local ng="$dir/nginx"
  mkdir -p "$ng/tmp"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$ng/key.pem" -out "$ng/cert.pem" 2>/dev/null
  local servers="" port
  for port in "$@"; do servers+="$port "; done
  awk -v servers="$servers" -v port="$proxy_port" -v cert="$ng/cert.pem" -v key="$ng/key.pem" '
    # The plain-http redirect server is the production edge; the cluster answers TLS only.
    /^server \{/ { block = ""; inblock = 1 }
    inblock { block = block $0 "\n"; if ($0 ~ /^\}/) { inblock = 0; if (block !~ /listen 80;/) printf "%s", block }; next }
    /server 127\.0\.0\.1:5000/ {
      n = split(servers, ports, " ")
      for (i = 1; i <= n; i++) { line = $0; sub(/127\.0\.0\.1:5000/, "127.0.0.1:" ports[i], line); print line }
      next
    }
    { print }
  ' infra/deploy/nginx-makerspace.conf \
    | sed -e "s|listen 443 ssl http2;|listen 127.0.0.1:$proxy_port ssl http2;|" -e '/listen \[::\]:443/d' \
          -e "s|server_name makerspace.library.example;|server_name localhost;|" \
          -e "s|ssl_certificate .*;|ssl_certificate     $ng/cert.pem;|" -e "s|ssl_certificate_key .*;|ssl_certificate_key $ng/key.pem;|" \
    >"$ng/site.conf"
  grep -q "listen 127.0.0.1:$proxy_port ssl" "$ng/site.conf" && grep -q "$ng/cert.pem" "$ng/site.conf" \
    || die "infra/deploy/nginx-makerspace.conf no longer has the lines cluster.sh adapts (listen 443, ssl_certificate)"
  {
    [ "$(id -u)" = 0 ] && echo "user root;"
    cat <<EOF
worker_processes 2;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events { worker_connections 1024; }
http {
    access_log $ng/access.log;
    client_body_temp_path $ng/tmp/body;
    proxy_temp_path $ng/tmp/proxy;
    fastcgi_temp_path $ng/tmp/fastcgi;
    uwsgi_temp_path $ng/tmp/uwsgi;
    scgi_temp_path $ng/tmp/scgi;
    include $ng/site.conf;
}
EOF
  } >"$ng/nginx.conf"
  "$(nginx_bin)" -t -q -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" || die "nginx does not accept $ng/nginx.conf"
}

cmd_start() {
  local web=3 web_scheduler=0 app="" build=""
  while [ $# -gt 0 ]; do
    case $1 in
      --web) web=$2; shift 2 ;;
      --web-scheduler) web_scheduler=$2; shift 2 ;;
      --app) app=$(cd "$2" && pwd); shift 2 ;;
      --no-build) build=--no-build; shift ;;
      *) die "unknown option $1 (see the top of infra/cluster.sh)" ;;
    esac
  done
  [[ $web =~ ^[1-9][0-9]?$ ]] || die "--web takes a number of web nodes from 1 to 99"
  [[ $web_scheduler =~ ^[0-9]+$ ]] && [ "$web_scheduler" -le "$web" ] || die "--web-scheduler takes 0 to the number of web nodes"
  [ ! -f "$dir/nodes.tsv" ] || die "a cluster is already in $dir: 'infra/cluster.sh stop' first"
  command -v curl >/dev/null || die "curl is missing"
  command -v openssl >/dev/null || die "openssl is missing"
  ensure_nginx

  rm -rf "$dir"; mkdir -p "$dir"; chmod 755 "$dir"
  if [ -z "$app" ]; then app="$dir/app"; publish "$app" "$build"; fi
  [ -f "$app/web/Booking.Web.dll" ] && [ -f "$app/jobs/Booking.Jobs.dll" ] || die "$app has no web/Booking.Web.dll and jobs/Booking.Jobs.dll"
  echo "$app" >"$dir/app-path"

  local pg_url
  pg_url=$(MAKERSPACE_PG_DIR="$dir/pg" infra/postgres.sh start)
  local db_url=${pg_url/Database=postgres/Database=makerspace}
  (MAKERSPACE_PG_DIR="$dir/pg"; . "$dir/pg/port.env"
   if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$BINDIR/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qAt -c "CREATE DATABASE makerspace" >/dev/null
   else "$BINDIR/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qAt -c "CREATE DATABASE makerspace" >/dev/null; fi)

  : >"$dir/nodes.tsv"
  local i ports=()
  for i in $(seq 1 "$web"); do
    local port; port=$(free_port); ports+=("$port")
    local role=web; [ "$i" -le "$web_scheduler" ] && role=web+jobs
    printf 'web%s\t-\t%s\t%s\n' "$i" "$role" "$port" >>"$dir/nodes.tsv"
  done
  printf 'jobs\t-\tjobs\t%s\n' "$(free_port)" >>"$dir/nodes.tsv"

  # nginx binds its port before any node starts, so the address the nodes are told (Site:PublicUrl) is
  # already held; a port something took after the pick is simply replaced by another.
  local proxy_port="" attempt
  for attempt in 1 2 3 4 5; do
    proxy_port=$(free_port)
    write_nginx "$proxy_port" "${ports[@]}"
    "$(nginx_bin)" -p "$dir/nginx" -e "$dir/nginx/error.log" -c "$dir/nginx/nginx.conf" 2>"$dir/nginx/start.log" && break
    say "nginx could not take port $proxy_port (attempt $attempt): $(tail -n 1 "$dir/nginx/start.log")"
    proxy_port=""
  done
  [ -n "$proxy_port" ] || die "nginx did not start (log: $dir/nginx/start.log)"
  local admin_password; admin_password="Cluster-$(openssl rand -hex 12)"
  {
    echo "DB_URL='$db_url'"
    echo "PUBLIC_URL='https://localhost:$proxy_port'"
    echo "ADMIN_PASSWORD='$admin_password'"
    echo "PROXY_PORT=$proxy_port"
  } >"$dir/cluster.env"

  # The schema first (the migrate command, as an upgrade runs it), then every node at once.
  migrate_db
  for i in $(seq 1 "$web"); do start_node "web$i"; done
  start_node jobs
  for i in $(seq 1 "$web"); do wait_node "web$i"; done
  wait_node jobs

  for _ in $(seq 1 40); do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://localhost:$proxy_port/health/ready")" = 200 ] && break
    sleep 0.25
  done
  say "$web web node(s), a jobs node, PostgreSQL and nginx are up (files in $dir)"
  say "admin: ${Bootstrap__AdminEmail:-admin@cluster.test} / ${Bootstrap__AdminPassword:-$admin_password}"
  echo "https://localhost:$proxy_port/"
}

cmd_stop() {
  [ -d "$dir" ] || return 0
  if [ -f "$dir/nginx/nginx.pid" ]; then
    "$(nginx_bin)" -p "$dir/nginx" -e "$dir/nginx/error.log" -c "$dir/nginx/nginx.conf" -s stop 2>/dev/null || true
  fi
  if [ -f "$dir/nodes.tsv" ]; then
    local name
    for name in $(cut -f1 "$dir/nodes.tsv"); do stop_node "$name"; done
  fi
  MAKERSPACE_PG_DIR="$dir/pg" infra/postgres.sh stop
  rm -rf "$dir"
}

cmd_status() {
  [ -f "$dir/nodes.tsv" ] || { echo "no cluster in $dir"; return 1; }
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  printf '%-6s %-8s %-8s %-6s %-6s %s\n' node pid role port alive ready
  local name pid role port state ready
  while IFS=$'\t' read -r name pid role port; do
    state=no; alive "$pid" && state=yes
    ready=$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)
    printf '%-6s %-8s %-8s %-6s %-6s %s\n' "$name" "$pid" "$role" "$port" "$state" "$ready"
  done <"$dir/nodes.tsv"
  echo "proxy: https://localhost:$PROXY_PORT/ ($(curl -sk -o /dev/null -m 3 -w '%{http_code}' "https://localhost:$PROXY_PORT/health/ready" || true))"
  echo "database: $DB_URL"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  node-stop) [ -n "${2:-}" ] || die "node-stop NAME"; stop_node "$2" ;;
  node-start) [ -n "${2:-}" ] || die "node-start NAME"; start_node "$2"; wait_node "$2" ;;
  publish)
    shift; out="$root/artifacts/cluster-app"; build=""
    while [ $# -gt 0 ]; do
      case $1 in --out) out=$2; shift 2 ;; --no-build) build=--no-build; shift ;; *) die "unknown option $1" ;; esac
    done
    publish "$out" "$build"; echo "$out" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
