#!/usr/bin/env bash
# The benchmark of issue #7 in one run: a private PostgreSQL cluster with fsync on, a seeded quarter,
# the app in Release under load beside pgbench doing the same work, the sweeps, memory and start-up.
# Prints a table and writes bench-results.json at the repository root. Extra arguments go to the
# program (e.g. --seconds 5, --sweep-budget 30).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build Makerspace.sln -c Release -nologo -v q -clp:ErrorsOnly
# The app as it is deployed (README "Deploy"): published ReadyToRun, so start-up is not spent in the JIT.
app=$(mktemp -d /tmp/makerspace-bench-app.XXXXXX)
dotnet publish src/Booking.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$app" -nologo -v q -clp:ErrorsOnly

export MAKERSPACE_PG_DIR
MAKERSPACE_PG_DIR=$(mktemp -d /tmp/makerspace-bench-pg.XXXXXX)
# Default durability: every commit waits for its WAL flush, as in production.
export MAKERSPACE_PG_FSYNC=on
trap 'infra/postgres.sh stop; rm -rf "$app"' EXIT
url=$(infra/postgres.sh start)
# shellcheck disable=SC1091
. "$MAKERSPACE_PG_DIR/port.env"

dotnet tests/Booking.Benchmarks/bin/Release/net10.0/Booking.Benchmarks.dll \
  --connection "$url" \
  --app "$app/Booking.Web.dll" \
  --pgbench "$BINDIR/pgbench" \
  --out bench-results.json \
  "$@"
