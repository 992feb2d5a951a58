# Shared by infra/backup.sh and infra/restore.sh (sourced, not run): a site's settings under the app's own names,
# read from the environment and from the service's environment file, and what they mean for the tools.
# shellcheck shell=bash

die() { echo "$me: $*" >&2; exit 1; }
say() { echo "$me: $*" >&2; }

trim() {
  local s=$1
  s=${s#"${s%%[![:space:]]*}"}
  s=${s%"${s##*[![:space:]]}"}
  printf '%s' "$s"
}

# The app's settings from the process environment first; an environment file (--env-file) wins over them.
site_provider=${Database__Provider:-}
site_connection=${ConnectionStrings__Booking:-}
site_data_folder=${Storage__DataFolder:-}

# Reads Database__Provider, ConnectionStrings__Booking and Storage__DataFolder from a systemd environment file
# (KEY=VALUE lines, # comments, optional quotes); other keys are not ours to read.
read_env_file() {
  local file=$1 line key value
  [ -f "$file" ] || die "--env-file $file: no such file"
  [ -r "$file" ] || die "--env-file $file: not readable by $(id -un) (run as root, or as a member of its group)"
  while IFS= read -r line || [ -n "$line" ]; do
    line=$(trim "$line")
    case $line in '' | '#'* | ';'*) continue ;; esac
    line=${line#export }
    key=$(trim "${line%%=*}")
    value=$(trim "${line#*=}")
    case $value in
      \"*\") value=${value:1:${#value}-2} ;;
      \'*\') value=${value:1:${#value}-2} ;;
    esac
    case $key in
      Database__Provider) site_provider=$value ;;
      ConnectionStrings__Booking) site_connection=$value ;;
      Storage__DataFolder) site_data_folder=$value ;;
    esac
  done <"$file"
}

# Sqlite or Postgres, as the app spells them (any case, empty means Sqlite).
normalize_provider() {
  case $(tr '[:upper:]' '[:lower:]' <<<"${1:-sqlite}") in
    sqlite) echo Sqlite ;;
    postgres) echo Postgres ;;
    *) die "Database__Provider is '$1'; allowed values: Sqlite, Postgres" ;;
  esac
}

# The value of KEY in an ADO.NET connection string (keys compared without case and spaces), or nothing.
connection_value() {
  local connection=$1 wanted part key
  wanted=$(tr -d ' ' <<<"$2" | tr '[:upper:]' '[:lower:]')
  local IFS=';'
  for part in $connection; do
    [[ $part == *=* ]] || continue
    key=$(tr -d ' ' <<<"${part%%=*}" | tr '[:upper:]' '[:lower:]')
    if [[ "|$wanted|" == *"|$key|"* ]]; then
      trim "${part#*=}"
      return 0
    fi
  done
}

# Npgsql's connection string as libpq's variables, so the password never shows on a command line.
# A password holding ';' cannot be split here: leave it out of the string and use ~/.pgpass or PGPASSWORD.
export_pg_environment() {
  local connection=$1 value
  [ -n "$connection" ] || die "ConnectionStrings__Booking is empty; give the PostgreSQL connection string (--env-file FILE, or the variable)"
  value=$(connection_value "$connection" "host|server") && [ -n "$value" ] && export PGHOST=$value
  value=$(connection_value "$connection" "port") && [ -n "$value" ] && export PGPORT=$value
  value=$(connection_value "$connection" "database|db") && [ -n "$value" ] && export PGDATABASE=$value
  value=$(connection_value "$connection" "username|userid|user|uid|username") && [ -n "$value" ] && export PGUSER=$value
  value=$(connection_value "$connection" "password|pwd|psw") && [ -n "$value" ] && export PGPASSWORD=$value
  value=$(connection_value "$connection" "passfile") && [ -n "$value" ] && export PGPASSFILE=$value
  value=$(connection_value "$connection" "sslmode") && [ -n "$value" ] && {
    value=$(tr '[:upper:]' '[:lower:]' <<<"$value")
    case $value in verifyca) value=verify-ca ;; verifyfull) value=verify-full ;; esac
    export PGSSLMODE=$value
  }
  [ -n "${PGDATABASE:-}" ] || die "ConnectionStrings__Booking names no Database"
  return 0
}

# The SQLite database file: the connection string's Data Source, or makerspace.db in the data folder (as the app does).
sqlite_database_path() {
  local source=""
  [ -n "$site_connection" ] && source=$(connection_value "$site_connection" "datasource|filename|data source") || true
  if [ -n "$source" ]; then
    case $source in /*) echo "$source" ;; *) echo "$site_data_folder/$source" ;; esac
  else
    echo "$site_data_folder/makerspace.db"
  fi
}

# Runs a command as USER when we are root and USER is another account (so files SQLite creates beside a live
# database, its -wal and -shm, stay the service's own); otherwise as ourselves.
as_user() {
  local user=$1; shift
  if [ "$(id -u)" = 0 ] && [ "$user" != root ]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

# A PostgreSQL client tool: on PATH, or the newest of Debian's /usr/lib/postgresql/*/bin (a server-only install).
pg_tool() {
  local d
  if command -v "$1" >/dev/null; then command -v "$1"; return 0; fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
  done
  die "$1 is not installed; install PostgreSQL's client tools (apt-get install postgresql-client)"
}

require_tool() {
  command -v "$1" >/dev/null || die "$1 is not installed; $2"
}
