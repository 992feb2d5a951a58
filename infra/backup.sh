#!/usr/bin/env bash
# Backs up a Makerspace site, while it runs, into one archive with a manifest (README "Backups and restore").
set -euo pipefail
me=backup.sh
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/site.sh
. "$here/lib/site.sh"

usage() {
  cat <<'EOF'
usage: infra/backup.sh [--env-file FILE] [--to DIR] [--data-folder DIR] [--app DIR] [--sqlite-copy HOW] [--keep N]

Backs up a running Makerspace site into one archive, DIR/makerspace-<provider>-<UTC time>.tar.gz, and prints its path.
  PostgreSQL: pg_dump (custom format) of the app's database: its tables, the Data Protection keys, Hangfire's
              'hangfire' schema and Quartz's qrtz_ tables; plus the data folder's files with --data-folder.
  SQLite:     the app's database and Hangfire's makerspace-jobs.db through SQLite's online backup (consistent while
              the app writes), and every other file of the data folder (mail pickup).
Every archive holds manifest.txt (time, provider, app version, last migration, contents) and SHA256SUMS.

Settings come from the app's own variables (Database__Provider, ConnectionStrings__Booking, Storage__DataFolder);
an environment file wins over them, and options win over both.
  --env-file FILE     the service's environment file, e.g. /etc/makerspace/makerspace.env
  --to DIR            where archives go (default /var/backups/makerspace; made if missing, mode 0700)
  --data-folder DIR   the app's data folder (default Storage__DataFolder, else /var/lib/makerspace)
  --app DIR           the published web app (default /opt/makerspace/web): its version goes into the manifest
  --sqlite-copy HOW   sqlite3 (the sqlite3 tool's .backup) or app (the app's own: dotnet Booking.Web.dll
                      sqlite-backup); default sqlite3 when installed, otherwise app
  --keep N            after a good backup, delete all but the newest N archives in DIR (default: keep all)
  -h, --help          this text
Exit status: 0 when the archive is complete, 1 on any error (no partial archive is left), 2 on a usage error.
EOF
}

to=/var/backups/makerspace
app=/opt/makerspace/web
app_given=""
keep=""
sqlite_copy=""
opt_data_folder=""
env_file=""
while [ $# -gt 0 ]; do
  case $1 in
    --env-file) env_file=${2:?--env-file needs a file}; shift 2 ;;
    --to) to=${2:?--to needs a folder}; shift 2 ;;
    --data-folder) opt_data_folder=${2:?--data-folder needs a folder}; shift 2 ;;
    --app) app=${2:?--app needs a folder}; app_given=1; shift 2 ;;
    --sqlite-copy) sqlite_copy=${2:?--sqlite-copy needs sqlite3 or app}; shift 2 ;;
    --keep) keep=${2:?--keep needs a number}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$me: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[ -z "$keep" ] || [[ $keep =~ ^[1-9][0-9]*$ ]] || { echo "$me: --keep is '$keep'; give a whole number above zero" >&2; exit 2; }
case $sqlite_copy in '' | sqlite3 | app) ;; *) echo "$me: --sqlite-copy is '$sqlite_copy'; use sqlite3 or app" >&2; exit 2 ;; esac

[ -z "$env_file" ] || read_env_file "$env_file"
[ -z "$opt_data_folder" ] || site_data_folder=$opt_data_folder
[ -n "$site_data_folder" ] || site_data_folder=/var/lib/makerspace
provider=$(normalize_provider "$site_provider")
[ -n "$app_given" ] && [ ! -f "$app/Booking.Web.dll" ] && die "--app $app: there is no Booking.Web.dll in it"

# Backups hold password hashes and the sign-in keys: nobody but their owner reads them.
umask 077
mkdir -p "$to" || die "cannot make $to (run as root, or give --to a folder you may write)"
[ -w "$to" ] || die "$to is not writable by $(id -un)"
to=$(cd "$to" && pwd)

stage=$(mktemp -d "$to/.backup.XXXXXX")
copies=""
cleanup() {
  rm -rf "$stage" "${partial:-}"
  [ -z "$copies" ] || rm -rf "$copies"
}
trap cleanup EXIT

stamp=$(date -u +%Y%m%dT%H%M%SZ)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
name="makerspace-$(tr '[:upper:]' '[:lower:]' <<<"$provider")-$stamp.tar.gz"
archive="$to/$name"
[ ! -e "$archive" ] || die "$archive exists already (one backup a second at most)"

app_version=unknown
if [ -f "$app/Booking.Web.deps.json" ]; then
  app_version=$(grep -o '"Booking.Web/[^"]*"' "$app/Booking.Web.deps.json" | head -n 1 | tr -d '"' | cut -d/ -f2) || app_version=unknown
fi

contents=()
last_migration=none
server_version=""

# The data folder's files, except the SQLite databases (copied through the online backup, never as raw files).
copy_data_folder() {
  local folder=$1; shift
  local excludes=() name
  for name in "$@"; do excludes+=(--exclude="./$name" --exclude="./$name-wal" --exclude="./$name-shm" --exclude="./$name-journal"); done
  mkdir -p "$stage/data"
  tar -C "$folder" "${excludes[@]}" -cf - . | tar -C "$stage/data" -xf -
  local count
  count=$(find "$stage/data" -type f | wc -l)
  contents+=("data/  the data folder's other files ($folder): $count file(s), e.g. mail-pickup/*.eml")
}

if [ "$provider" = Postgres ]; then
  pg_dump=$(pg_tool pg_dump) || exit 1
  pg_restore=$(pg_tool pg_restore) || exit 1
  psql=$(pg_tool psql) || exit 1
  export_pg_environment "$site_connection"
  export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
  server_version=$("$psql" -X -w -qAt -c "SHOW server_version" 2>&1) \
    || die "cannot reach database '$PGDATABASE' on ${PGHOST:-the local socket}: $server_version"
  last_migration=$("$psql" -X -w -qAt -c 'SELECT max("MigrationId") FROM "__EFMigrationsHistory"' 2>/dev/null) || last_migration=""
  [ -n "$last_migration" ] || die "database '$PGDATABASE' has no Makerspace tables (no __EFMigrationsHistory): is it the right database?"
  # What the dump holds, in words for the manifest: every schema's tables, and the parts a restore depends on.
  summary=$("$psql" -X -w -qAt -c "SELECT concat_ws('; ',
      (SELECT string_agg(table_schema || ' ' || n || ' tables', ', ') FROM (SELECT table_schema, count(*) AS n
         FROM information_schema.tables WHERE table_type = 'BASE TABLE'
          AND table_schema NOT IN ('pg_catalog', 'information_schema') GROUP BY 1 ORDER BY 1) s),
      (SELECT 'Data Protection keys: ' || count(*) FROM \"DataProtectionKeys\"),
      (SELECT 'Quartz tables: ' || count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz\\_%'),
      (SELECT 'Hangfire schema: ' || CASE WHEN count(*) > 0 THEN 'yes' ELSE 'no (no node has run the workers yet)' END
         FROM information_schema.schemata WHERE schema_name = 'hangfire'))")
  mkdir -p "$stage/postgres"
  say "pg_dump of '$PGDATABASE' on ${PGHOST:-the local socket}"
  # Waits at most 2 minutes for a table lock (a migration running), then fails instead of hanging a cron job.
  "$pg_dump" --no-password --format=custom --lock-wait-timeout=120000 --file="$stage/postgres/makerspace.dump" \
    || die "pg_dump failed (see above)"
  "$pg_restore" --list "$stage/postgres/makerspace.dump" >/dev/null || die "the dump cannot be read back by pg_restore"
  contents+=("postgres/makerspace.dump  pg_dump --format=custom of the whole database '$PGDATABASE': $summary")
  if [ -n "$opt_data_folder" ]; then
    [ -d "$opt_data_folder" ] || die "--data-folder $opt_data_folder: no such folder"
    copy_data_folder "$opt_data_folder"
  fi
else
  database=$(sqlite_database_path)
  jobs_database="$(dirname "$database")/makerspace-jobs.db"
  [ -f "$database" ] || die "no SQLite database at $database (give --data-folder, or Storage__DataFolder / ConnectionStrings__Booking as the app has them)"
  if [ -z "$sqlite_copy" ]; then
    if command -v sqlite3 >/dev/null; then sqlite_copy=sqlite3; else sqlite_copy=app; fi
  fi
  if [ "$sqlite_copy" = app ]; then
    [ -f "$app/Booking.Web.dll" ] || die "sqlite3 is not installed and there is no app at $app: install sqlite3 (apt-get install sqlite3) or give --app DIR, the published web app"
    require_tool dotnet "the .NET runtime runs the app's own backup"
  else
    require_tool sqlite3 "install it (apt-get install sqlite3) or use --sqlite-copy app"
  fi
  owner=$(stat -c %U "$database")
  # The copies are made by the database's owner (as root: the service's user), in a folder of theirs.
  copies=$(mktemp -d)
  [ "$(id -u)" != 0 ] || chown "$owner" "$copies"

  copy_sqlite() { # FROM TO: SQLite's online backup API, through the chosen tool
    local from=$1 dest=$2 out
    if [ "$sqlite_copy" = app ]; then
      out=$(as_user "$owner" env DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 "$(command -v dotnet)" "$app/Booking.Web.dll" sqlite-backup "$from" "$dest") \
        || die "the app's backup of $from failed"
      sed -n 's/^last-migration: //p' <<<"$out"
    else
      as_user "$owner" sqlite3 -bail -cmd ".timeout 60000" "$from" ".backup '${dest//\'/\'\'}'" \
        || die "sqlite3 could not back up $from"
      [ "$(sqlite3 -bail "$dest" "PRAGMA quick_check")" = ok ] || die "the copy of $from does not pass SQLite's check"
      if [ "$(sqlite3 "$dest" "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'")" = 1 ]; then
        sqlite3 "$dest" 'SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1'
      else
        echo none
      fi
    fi
  }

  say "SQLite online backup ($sqlite_copy) of $database"
  last_migration=$(copy_sqlite "$database" "$copies/makerspace.db") || exit 1
  [ -n "$last_migration" ] && [ "$last_migration" != none ] || die "$database has no Makerspace tables (no __EFMigrationsHistory): is it the app's database?"
  mkdir -p "$stage/sqlite"
  mv "$copies/makerspace.db" "$stage/sqlite/makerspace.db"
  contents+=("sqlite/makerspace.db  the app's database ($database), SQLite online backup by $sqlite_copy")
  if [ -f "$jobs_database" ]; then
    copy_sqlite "$jobs_database" "$copies/makerspace-jobs.db" >/dev/null
    mv "$copies/makerspace-jobs.db" "$stage/sqlite/makerspace-jobs.db"
    contents+=("sqlite/makerspace-jobs.db  Hangfire's queue ($jobs_database), SQLite online backup by $sqlite_copy")
  fi
  server_version="SQLite"
  if [ -d "$site_data_folder" ]; then
    copy_data_folder "$site_data_folder" "$(basename "$database")" "$(basename "$jobs_database")"
  fi
fi

{
  echo "format: makerspace-backup 1"
  echo "created: $created"
  echo "host: $(hostname)"
  echo "provider: $provider"
  echo "server: $server_version"
  echo "app-version: $app_version"
  echo "last-migration: $last_migration"
  echo "contents:"
  for line in "${contents[@]}"; do echo "  $line"; done
} >"$stage/manifest.txt"
sums=$(cd "$stage" && find . -type f -printf '%P\0' | sort -z | xargs -0 sha256sum)
printf '%s\n' "$sums" >"$stage/SHA256SUMS"

# Written under a temporary name and renamed: an archive with the final name is always complete.
partial="$archive.partial"
tar -C "$stage" -czf "$partial" .
mv "$partial" "$archive"
partial=""
say "wrote $archive ($(du -h "$archive" | cut -f1), last migration $last_migration)"

if [ -n "$keep" ]; then
  # Newest first by the name's UTC time; everything past the newest N goes.
  find "$to" -maxdepth 1 -type f -name 'makerspace-*.tar.gz' -printf '%f\n' | sort -t- -k3 -r | tail -n +"$((keep + 1))" |
    while IFS= read -r old; do
      rm -f "$to/$old" && say "deleted $old (--keep $keep)"
    done
fi

echo "$archive"
