#!/usr/bin/env bash
# The one test command: installs what the tests need, starts the servers they use on 127.0.0.1,
# runs every test project, and prints "N passed, N failed[, N skipped]" from the TRX results.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
scripts/install-test-deps.sh

export BERTH_TEST_RUN_DIR=${BERTH_TEST_RUN_DIR:-$(mktemp -d /tmp/berth-test-run.XXXXXX)}
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
status=0
dotnet build Berth.slnx -c Release -warnaserror >&2 || { echo "0 passed, 1 failed"; exit 1; }
dotnet test Berth.slnx -c Release --no-build --logger "trx" --results-directory "$results" "$@" >&2 || status=$?

dotnet run --file "$repo/scripts/CountTrx.cs" -- "$results" || status=1
exit $status
