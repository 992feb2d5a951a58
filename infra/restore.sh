#!/usr/bin/env bash
# Restores an archive of infra/backup.sh into an empty database or data folder (README "Backups and restore").
set -euo pipefail
me=restore.sh
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/site.sh
. "$here/lib/site.sh"

usage() {
  cat <<'EOF'
usage: infra/restore.sh ARCHIVE [--env-file FILE] [--data-folder DIR] [--owner USER] [--force]

Restores a backup made by infra/backup.sh. Stop the app (every node) first.
  PostgreSQL: pg_restore into the database of ConnectionStrings__Booking, which must exist and hold no tables
              (createdb -O makerspace makerspace); objects are owned by the connecting user. The archive's data
              folder files go to --data-folder when it is given.
  SQLite:     the app's database, Hangfire's makerspace-jobs.db and the data folder's files into the data folder
              (Storage__DataFolder, else /var/lib/makerspace), which must be empty or missing.
The archive's checksums are verified before anything is written.

Settings come from the app's own variables (Database__Provider, ConnectionStrings__Booking, Storage__DataFolder);
an environment file wins over them, and options win over both.
  --env-file FILE     the service's environment file, e.g. /etc/makerspace/makerspace.env
  --data-folder DIR   the app's data folder
  --owner USER        as root: the user the restored files belong to (default: the data folder's owner; for a
                      folder this restore makes, give the service's user, e.g. --owner makerspace)
  --force             restore over a database or data folder that holds data: PostgreSQL objects in the backup
                      are dropped and made again; SQLite database files are replaced, other files overwritten
  -h, --help          this text
Exit status: 0 restored, 1 on any error or a target that holds data (without --force), 2 on a usage error.
EOF
}

archive=""
force=""
env_file=""
opt_data_folder=""
owner=""
while [ $# -gt 0 ]; do
  case $1 in
    --env-file) env_file=${2:?--env-file needs a file}; shift 2 ;;
    --data-folder) opt_data_folder=${2:?--data-folder needs a folder}; shift 2 ;;
    --owner) owner=${2:?--owner needs a user}; shift 2 ;;
    --force) force=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "$me: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *) [ -z "$archive" ] || { echo "$me: one archive at a time ('$archive' and '$1')" >&2; exit 2; }; archive=$1; shift ;;
  esac
done
[ -n "$archive" ] || { usage >&2; exit 2; }
[ -f "$archive" ] || die "$archive: no such file"
[ -z "$env_file" ] || read_env_file "$env_file"
[ -z "$opt_data_folder" ] || site_data_folder=$opt_data_folder
[ -n "$site_data_folder" ] || site_data_folder=/var/lib/makerspace
[ -z "$owner" ] || id -u "$owner" >/dev/null 2>&1 || die "--owner $owner: no such user"

umask 077
stage=$(mktemp -d)
cleanup() { rm -rf "$stage"; }
trap cleanup EXIT

# Never the archive's owners (another machine's user ids): hand_over gives the files to the service's user.
tar -C "$stage" --no-same-owner -xzf "$archive" || die "$archive is not a readable backup archive"
[ -f "$stage/manifest.txt" ] && grep -qx "format: makerspace-backup 1" "$stage/manifest.txt" \
  || die "$archive has no Makerspace backup manifest (made by infra/backup.sh?)"
[ -f "$stage/SHA256SUMS" ] || die "$archive has no SHA256SUMS"
(cd "$stage" && sha256sum --check --quiet --strict SHA256SUMS) >&2 || die "$archive is damaged: its checksums do not match"
field() { sed -n "s/^$1: //p" "$stage/manifest.txt" | head -n 1; }
backup_provider=$(field provider)
last_migration=$(field last-migration)
say "backup of $(field created) from $(field host): $backup_provider, last migration $last_migration, app $(field app-version)"

if [ -n "$site_provider" ] && [ "$(normalize_provider "$site_provider")" != "$backup_provider" ]; then
  die "the backup is of a $backup_provider database, but Database__Provider here is $site_provider; a backup restores into the same kind of database"
fi

# Makes the restored files the data folder owner's (as root: the service's user, as systemd made the folder).
hand_over() {
  local folder=$1
  [ "$(id -u)" = 0 ] || return 0
  if [ -n "$owner" ]; then
    chown -R "$owner:$(id -gn "$owner")" "$folder"
  else
    chown -R --reference="$folder" "$folder"
    [ "$(stat -c %U "$folder")" != root ] || say "the restored files in $folder belong to root; the service's user needs them (--owner makerspace)"
  fi
}

restore_data_files() { # the archive's data/ into FOLDER (merged)
  local folder=$1
  [ -d "$stage/data" ] || return 0
  mkdir -p "$folder"
  # The folder's own owner and mode stay as they are (systemd made it for the service's user).
  tar -C "$stage/data" -cf - . | tar -C "$folder" --no-same-owner --no-overwrite-dir -xf -
}

if [ "$backup_provider" = Postgres ]; then
  pg_restore=$(pg_tool pg_restore) || exit 1
  psql=$(pg_tool psql) || exit 1
  [ -f "$stage/postgres/makerspace.dump" ] || die "$archive has no postgres/makerspace.dump"
  export_pg_environment "$site_connection"
  export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
  if ! reply=$("$psql" -X -w -qAt -c "SELECT 1" 2>&1); then
    case $reply in *"does not exist"*) reply="$reply (create it first: createdb -O <the app's user> $PGDATABASE)" ;; esac
    die "cannot reach database '$PGDATABASE' on ${PGHOST:-the local socket}: $reply"
  fi
  tables=$("$psql" -X -w -qAt -c "SELECT count(*) FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")
  clean=()
  if [ "$tables" != 0 ]; then
    [ -n "$force" ] || die "database '$PGDATABASE' is not empty ($tables tables); restore into an empty database (createdb), or add --force to drop and replace the objects in the backup"
    say "--force: database '$PGDATABASE' holds $tables tables; the backup's objects are dropped and made again"
    clean=(--clean --if-exists)
  fi
  # Extensions are made (if missing) before the restore, not by it: only their owner may drop or comment on them.
  "$pg_restore" --list "$stage/postgres/makerspace.dump" >"$stage/toc" || die "the dump cannot be read by pg_restore"
  for extension in $(sed -nE 's/^[0-9]+; [0-9]+ [0-9]+ EXTENSION - ([A-Za-z0-9_]+).*/\1/p' "$stage/toc"); do
    "$psql" -X -w -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS \"$extension\"" \
      || die "cannot create the extension $extension in '$PGDATABASE'; as a superuser: psql -d $PGDATABASE -c 'CREATE EXTENSION $extension'"
  done
  grep -vE '^[0-9]+; [0-9]+ [0-9]+ (EXTENSION|COMMENT - EXTENSION) ' "$stage/toc" >"$stage/toc.restore"
  say "pg_restore into '$PGDATABASE' on ${PGHOST:-the local socket}"
  # One transaction: a restore that fails leaves the database as it was.
  "$pg_restore" --no-password --no-owner --no-privileges --exit-on-error --single-transaction "${clean[@]}" \
    --use-list="$stage/toc.restore" --dbname="$PGDATABASE" "$stage/postgres/makerspace.dump" \
    || die "pg_restore failed (see above); the database is unchanged"
  "$psql" -X -w -q -c "ANALYZE" || say "ANALYZE failed; the planner catches up on its own"
  if [ -n "$opt_data_folder" ]; then
    restore_data_files "$opt_data_folder"
    hand_over "$opt_data_folder"
  fi
  say "restored into database '$PGDATABASE'"
else
  [ -f "$stage/sqlite/makerspace.db" ] || die "$archive has no sqlite/makerspace.db"
  database=$(sqlite_database_path)
  database_folder=$(dirname "$database")
  jobs_database="$database_folder/makerspace-jobs.db"
  for folder in "$site_data_folder" "$database_folder"; do
    if [ -d "$folder" ] && [ -n "$(ls -A "$folder")" ]; then
      [ -n "$force" ] || die "$folder is not empty ($(ls -A "$folder" | head -n 5 | paste -sd ' ' -)); stop the app and restore into an empty folder, or add --force to replace its databases"
    fi
  done
  if [ -n "$force" ]; then
    # A -wal or -shm left beside a replaced database would be read as part of it: they go too.
    for file in "$database" "$jobs_database"; do rm -f "$file" "$file-wal" "$file-shm" "$file-journal"; done
  fi
  mkdir -p "$site_data_folder" "$database_folder"
  restore_data_files "$site_data_folder"
  cp "$stage/sqlite/makerspace.db" "$database"
  [ ! -f "$stage/sqlite/makerspace-jobs.db" ] || cp "$stage/sqlite/makerspace-jobs.db" "$jobs_database"
  hand_over "$site_data_folder"
  [ "$database_folder" = "$site_data_folder" ] || hand_over "$database_folder"
  say "restored into $database (and the data folder $site_data_folder)"
fi
say "next: if the installed version is newer than the backup's, run its migrate command, then start the nodes"
