#!/usr/bin/env bash
# Runs every test: builds in Release, starts a private PostgreSQL, checks both migration sets,
# installs Chromium if missing, runs the domain tests, the integration tests and the browser tests
# against SQLite and PostgreSQL, and beside them the cluster tests (nginx, web and jobs nodes, their own PostgreSQL);
# stops what it started.
# Exits non-zero on any failure. Works as root or as a normal user on a fresh Debian machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Dynamic PGO off for every .NET process of the run (the build, dotnet format, the test hosts with the app in them, the
# cluster's nodes): its instrumented second compile of hot methods pays off in a server that runs for days, not in
# test processes that run most of their code a few times. Measured here on 2 cores, interleaved: the integration tests
# used 261 -> 210 CPU-s on SQLite and 465 -> 351 on PostgreSQL, dotnet format 124 -> 79. The app's code is the same;
# infra/bench.sh measures the app as it ships (PGO on).
export DOTNET_TieredPGO=0
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

export MAKERSPACE_PG_DIR=$(mktemp -d /tmp/makerspace-test-pg.XXXXXX)
# The cluster tests run in the background (below): on an early exit, stop their test host too.
cleanup() { [ -z "${build_server:-}" ] || dotnet build-server shutdown >/dev/null 2>&1 || true; [ -z "${packages_pid:-}" ] || wait "$packages_pid" 2>/dev/null || true; [ -z "${format_pid:-}" ] || pkill -TERM -P "$format_pid" 2>/dev/null || true; [ -z "${cluster_pid:-}" ] || pkill -TERM -P "$cluster_pid" 2>/dev/null || true; infra/postgres.sh stop || true; }
trap cleanup EXIT

step() { printf '\n== %s (at %ss)\n' "$*" "$SECONDS"; }

# Debian's packages the tests need and a fresh machine may lack (Chromium for the browser tests, nginx for the cluster
# tests) are installed in the background while the build runs: the download and unpacking (about 40 s for Chromium)
# wait on the network and the disk more than on the cores. One apt-get for both, as dpkg takes one install at a time.
chromium_missing() { [ -z "${MAKERSPACE_CHROMIUM:-}" ] && [ ! -x /usr/lib/chromium/chromium ] && ! command -v chromium >/dev/null; }
packages=()
chromium_missing && packages+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || packages+=(nginx)
packages_log="$results/packages.log"
if [ "${#packages[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  ( echo "installing Debian's ${packages[*]}"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" ) >"$packages_log" 2>&1 &
  packages_pid=$!
fi

step "restore and build (Release)"
dotnet tool restore >/dev/null
# With the C# compiler as a server (VBCSCompiler) for this build, its projects share one warmed-up compiler instead of
# starting one each; some machines turn it off in the environment (UseSharedCompilation=false). Measured here on 2
# cores, fresh clones, alternating: 56 and 61 s against 96 and 110 s (103-113 against 157-175 CPU-s). The server is
# stopped after the build (and on an early exit), so it holds no memory during the tests.
build_server=1
dotnet build Makerspace.sln -c Release -nologo -v q -clp:ErrorsOnly -p:UseSharedCompilation=true
dotnet build-server shutdown >/dev/null 2>&1 || true
build_server=

# The style check runs in the background while PostgreSQL starts and the migrations are checked, and its result is read
# before the first test. It is what `dotnet format --verify-no-changes` checks, in two quicker parts: whitespace file
# by file (no project loaded, 8 s), then the code style (IDE rules, the imports' order). The third part of a plain
# `dotnet format`, the analyzers, is left to the build just made, which fails on any analyzer warning. Measured here:
# 8 + 32 s against 59 s for a plain `dotnet format` (two runs each); tried on files breaking each rule, both caught the same.
step "code style (dotnet format whitespace and style --verify-no-changes), in the background"
format_log="$results/format.log"
( dotnet format whitespace --folder --verify-no-changes -v q --exclude '**/obj/**' '**/bin/**' . \
    && dotnet format style Makerspace.sln --verify-no-changes --no-restore -v q ) >"$format_log" 2>&1 &
format_pid=$!

step "deploy kit: systemd units (systemd-analyze verify)"
if command -v systemd-analyze >/dev/null; then
  units=$(mktemp -d)
  cp infra/deploy/*.service "$units/"
  # The units name Debian's /usr/bin/dotnet; where the SDK lives elsewhere, check them against the one on PATH.
  [ -x /usr/bin/dotnet ] || sed -i "s|/usr/bin/dotnet|$(command -v dotnet)|" "$units"/*.service
  # verify exits 0 on unknown keys and bad values, only printing them: any output is a failure.
  out=$(systemd-analyze verify "$units"/*.service 2>&1) && [ -z "$out" ] || { echo "$out" >&2; echo "systemd units do not verify" >&2; exit 1; }
  rm -rf "$units"
  echo "makerspace-web.service and makerspace-jobs.service verify"
else
  echo "systemd-analyze is not on this machine: the units were not verified"
fi

step "Chromium for the browser tests (and nginx for the cluster tests)"
if [ -n "${packages_pid:-}" ]; then
  packages_rc=0
  wait "$packages_pid" || packages_rc=$?
  packages_pid=
  [ "$packages_rc" = 0 ] || { cat "$packages_log"; echo "apt-get could not install ${packages[*]}" >&2; exit 1; }
  echo "installed Debian's ${packages[*]} (apt-get's output: $packages_log)"
fi
if chromium_missing; then
  echo "Chromium is missing: install Debian's 'chromium' (sudo apt-get install chromium) or set MAKERSPACE_CHROMIUM" >&2
  exit 1
fi

step "PostgreSQL"
pg_url=$(infra/postgres.sh start)

step "migrations are complete for both providers"
CONFIGURATION=Release infra/migrations.sh check

step "code style: the result"
format_rc=0
wait "$format_pid" || format_rc=$?
cat "$format_log"
[ "$format_rc" = 0 ] || { echo "dotnet format --verify-no-changes found code to format (run: dotnet format Makerspace.sln)" >&2; exit 1; }
echo "clean"

summary=()
run_tests() {
  local name=$1; shift
  step "tests: $name"
  local log="$results/$name.log"
  set +e
  dotnet test "$@" -c Release --no-build --nologo --results-directory "$results/$name" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  summary+=("$(grep -aE '^(Passed|Failed)!' "$log" | tail -n 1 | sed "s/^/$name: /")")
  return "$rc"
}

# Published nodes, nginx and a PostgreSQL of their own (infra/cluster.sh): several clusters, one after another. Their
# tests mostly wait (for Quartz check-ins, reminders falling due, a restarted server), so they run in the background,
# beside the integration tests, which leave the machine 10-15 % idle (the browser tests leave it about 1 % idle); their
# log is printed at the end. Measured here on 2 cores: beside the integration tests on SQLite they added about 230
# CPU-s to the machine's work, beside the browser tests about 300 (alone: 206).
# The publishing runs in the background too (7 s in CI's last log, mostly copying): the first tests need not wait for it.
step "cluster: publish the web and jobs apps, then its tests, in the background"
export MAKERSPACE_CLUSTER_APP="$root/artifacts/cluster-app"
cluster_log="$results/cluster.log"
( infra/cluster.sh publish --no-build --out "$MAKERSPACE_CLUSTER_APP" >/dev/null \
    && dotnet test tests/Booking.ClusterTests -c Release --no-build --nologo --results-directory "$results/cluster" \
    --logger "trx;LogFileName=cluster.trx" --logger "console;verbosity=minimal" ) >"$cluster_log" 2>&1 &
cluster_pid=$!

failed=0
run_tests domain tests/Booking.Domain.Tests || failed=1
BOOKING_TEST_DB=Sqlite run_tests integration-sqlite tests/Booking.IntegrationTests || failed=1
BOOKING_TEST_DB=Postgres BOOKING_TEST_PG="$pg_url" run_tests integration-postgres tests/Booking.IntegrationTests || failed=1

# Screenshots (for people to look at; nothing checks them) are taken only with MAKERSPACE_SCREENSHOTS=1.
export MAKERSPACE_ARTIFACTS="$root/artifacts/screenshots"
BOOKING_TEST_DB=Sqlite run_tests browser-sqlite tests/Booking.BrowserTests || failed=1
# On PostgreSQL, the journeys marked BothDatabases (the core path): every rule, API and page's server side already
# runs on both databases in the integration tests (the reports, finding a room and demand, whose SQL differs between
# the providers, among them), and layout does not depend on one.
BOOKING_TEST_DB=Postgres BOOKING_TEST_PG="$pg_url" run_tests browser-postgres tests/Booking.BrowserTests \
  --filter "Checks=both-databases&Checks!=layout" || failed=1

step "tests: cluster (ran beside the other tests)"
cluster_rc=0
wait "$cluster_pid" || cluster_rc=$?
cat "$cluster_log"
summary+=("$(grep -aE '^(Passed|Failed)!' "$cluster_log" | tail -n 1 | sed "s/^/cluster: /")")
[ "$cluster_rc" = 0 ] || failed=1

step "summary"
passed_total=0; failed_total=0; skipped_total=0
for line in "${summary[@]}"; do
  echo "$line"
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line")
  s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  passed_total=$((passed_total + ${p:-0})); failed_total=$((failed_total + ${f:-0})); skipped_total=$((skipped_total + ${s:-0}))
done
[ "$failed" = 0 ] || [ "$failed_total" -gt 0 ] || failed_total=1
echo "whole run: ${SECONDS}s"
echo "$passed_total passed, $failed_total failed, $skipped_total skipped"
exit "$failed"
