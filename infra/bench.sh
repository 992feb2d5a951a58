#!/usr/bin/env bash
# The benchmark of issue #7 in one run: a private PostgreSQL cluster with fsync on, a seeded quarter,
# the app in Release under load beside pgbench doing the same work, the sweeps, memory and start-up.
# Prints a table and writes bench-results.json at the repository root. Extra arguments go to the
# program (e.g. --seconds 5, --sweep-budget 30).
#
# infra/bench.sh --before <git ref> [...]: what a change bought. The app as it was at <ref> and as it is now take
# turns with pgbench in every round (booking x32 and x8, availability x8) and a before/after table is printed;
# the results go to bench-compare.json.
set -euo pipefail
cd "$(dirname "$0")/.."

before_args=()
out=bench-results.json
if [ "${1:-}" = "--before" ]; then
  ref=${2:?--before needs a git ref, e.g. HEAD~1}
  shift 2
  src=$(mktemp -d /tmp/makerspace-bench-before-src.XXXXXX)
  before=$(mktemp -d /tmp/makerspace-bench-before.XXXXXX)
  git worktree add --detach -q "$src" "$ref"
  dotnet publish "$src/src/Booking.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$before" -nologo -v q -clp:ErrorsOnly
  git worktree remove --force "$src"
  before_args=(--app-before "$before/Booking.Web.dll")
  out=bench-compare.json
fi

dotnet build Makerspace.sln -c Release -nologo -v q -clp:ErrorsOnly
# The app as it is deployed (README "Deploy"): published ReadyToRun, so start-up is not spent in the JIT.
app=$(mktemp -d /tmp/makerspace-bench-app.XXXXXX)
dotnet publish src/Booking.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$app" -nologo -v q -clp:ErrorsOnly

export MAKERSPACE_PG_DIR
MAKERSPACE_PG_DIR=$(mktemp -d /tmp/makerspace-bench-pg.XXXXXX)
# Default durability: every commit waits for its WAL flush, as in production.
export MAKERSPACE_PG_FSYNC=on
trap 'infra/postgres.sh stop; rm -rf "$app" ${before:+"$before"}' EXIT
url=$(infra/postgres.sh start)
# shellcheck disable=SC1091
. "$MAKERSPACE_PG_DIR/port.env"

dotnet tests/Booking.Benchmarks/bin/Release/net10.0/Booking.Benchmarks.dll \
  --connection "$url" \
  --app "$app/Booking.Web.dll" \
  --pgbench "$BINDIR/pgbench" \
  --out "$out" \
  "${before_args[@]}" \
  "$@"
