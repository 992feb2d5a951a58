#!/usr/bin/env bash
# Every model change needs a migration for both providers; this adds or checks both.
#   infra/migrations.sh add NAME   add migration NAME to Booking.Data.Sqlite and Booking.Data.Postgres
#   infra/migrations.sh check      fail if either provider has model changes without a migration
#   infra/migrations.sh remove     remove the last migration of both
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore >/dev/null
# Design time never connects; the PostgreSQL provider only needs a well-formed connection string.
pg_design="Host=localhost;Database=makerspace_design;Username=postgres"

ef() {
  local provider=$1; shift
  local project=src/Booking.Data.$provider
  local extra=()
  [ "$provider" = Postgres ] && extra=(--ConnectionStrings:Booking "$pg_design")
  dotnet ef "$@" --project "$project" --startup-project src/Booking.Web --no-build --configuration "${CONFIGURATION:-Debug}" \
    -- --Database:Provider "$provider" "${extra[@]}"
}

case "${1:-}" in
  add)
    [ -n "${2:-}" ] || { echo "usage: $0 add NAME" >&2; exit 2; }
    dotnet build src/Booking.Web -v q -nologo -c "${CONFIGURATION:-Debug}"
    for p in Sqlite Postgres; do ef "$p" migrations add "$2" --output-dir Migrations; done
    ;;
  check)
    for p in Sqlite Postgres; do
      echo "== pending model changes, $p"
      ef "$p" migrations has-pending-model-changes
    done
    ;;
  remove)
    dotnet build src/Booking.Web -v q -nologo -c "${CONFIGURATION:-Debug}"
    for p in Sqlite Postgres; do ef "$p" migrations remove --force; done
    ;;
  *)
    echo "usage: $0 add NAME | check | remove" >&2; exit 2 ;;
esac
