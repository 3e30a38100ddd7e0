#!/usr/bin/env bash
# The one test command: installs what the tests need, starts the servers they use on 127.0.0.1, builds Release,
# runs every test project, and ends with the line "N passed, N failed" counted from the TRX results.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Interop").
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$SECONDS
scripts/install-test-deps.sh

export BERTH_TEST_RUN_DIR=${BERTH_TEST_RUN_DIR:-$(mktemp -d /tmp/berth-test-run.XXXXXX)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cleanups=()
on_exit() { for ((i=${#cleanups[@]}-1; i>=0; i--)); do eval "${cleanups[$i]}" || true; done; }
trap on_exit EXIT

# Each file here starts one server for the whole run, exports how to reach it and appends its stop command to cleanups.
for service in scripts/test-services/*.sh; do
  [ -e "$service" ] || continue
  echo "starting $(basename "$service" .sh)" >&2
  # shellcheck disable=SC1090
  source "$service"
done

results="$BERTH_TEST_RUN_DIR/results"
rm -rf "$results"
dotnet build Berth.slnx -c Release -warnaserror >&2 || { echo "0 passed, 1 failed"; exit 1; }

# Test projects run side by side (MSBuild runs one test host per project). A test that hangs is killed after
# --blame-hang-timeout and counted as failed instead of blocking CI.
test_status=0
dotnet test Berth.slnx -c Release --no-build \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout "${BERTH_TEST_HANG_TIMEOUT:-8m}" --blame-hang-dump-type none \
  "$@" >&2 || test_status=$?

echo "test run took $((SECONDS - started)) s" >&2
dotnet run --file "$repo/scripts/CountTrx.cs" -- "$results" "$test_status"
