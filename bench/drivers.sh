#!/usr/bin/env bash
# Pull and push through Berth on each storage driver, on this machine: filesystem, S3 on Ceph RGW, Swift (native API),
# Azure on Azurite, GCS on the firebase-tools emulator, and Glance. Short runs with the same data and the same
# `berth bench` settings, so what a driver costs shows beside the others. The stores are the test servers
# (scripts/test-services/*.sh): started here when their BERTH_TEST_* variables are not already exported.
# Prints a Markdown table (also drivers.md) and writes each run's JSON, drivers.tsv and drivers.png (berth bench bars)
# into bench/results/drivers/ (or $BENCH_OUT), with the 1-minute load average before each run. Each bench run is
# killed after BENCH_RUN_TIMEOUT seconds (300); every server started here is stopped on exit.
#
# Knobs (environment): BENCH_DRIVERS (filesystem,s3,swift,azure,gcs,glance), BENCH_CLIENTS (4), BENCH_DURATION (5s),
# BENCH_LAYER_SIZE (16MiB), BENCH_OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${BENCH_OUT:-$repo/bench/results/drivers}
drivers=${BENCH_DRIVERS:-filesystem,s3,swift,azure,gcs,glance}
clients=${BENCH_CLIENTS:-4}
duration=${BENCH_DURATION:-5s}
layer_size=${BENCH_LAYER_SIZE:-16MiB}
run_timeout=${BENCH_RUN_TIMEOUT:-300}
port=15620
export BERTH_TEST_RUN_DIR=${BERTH_TEST_RUN_DIR:-$(mktemp -d /tmp/berth-drivers.XXXXXX)}
work=$(mktemp -d /tmp/berth-drivers-work.XXXXXX)
cleanups=("rm -rf '$work'")
on_exit() { for ((i=${#cleanups[@]}-1; i>=0; i--)); do eval "${cleanups[$i]}" || true; done; }
trap on_exit EXIT
mkdir -p "$out"

# Starts the test server a driver needs unless the environment already points at one.
need_service() { # variable script
  if [ -z "${!1:-}" ]; then
    echo "== starting $2" >&2
    # shellcheck disable=SC1090
    source "scripts/test-services/$2.sh"
  fi
}

settings() { # driver -> berth command-line settings for it
  local id; id=bench-$(date +%s)-$RANDOM
  case $1 in
    filesystem) echo "--storage filesystem" ;;
    s3)
      need_service BERTH_TEST_S3_ENDPOINT ceph-rgw >&2
      # RGW checks x-amz-content-sha256 (here: of the empty body), which curl 7.88 does not sign by itself.
      curl -fsS -X PUT --aws-sigv4 "aws:amz:${BERTH_TEST_S3_REGION:-us-east-1}:s3" \
        -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" \
        --user "$BERTH_TEST_S3_ACCESS_KEY:$BERTH_TEST_S3_SECRET_KEY" "$BERTH_TEST_S3_ENDPOINT/$id" >&2
      echo "--storage s3 --Storage:S3:Bucket=$id --Storage:S3:Endpoint=$BERTH_TEST_S3_ENDPOINT --Storage:S3:ForcePathStyle=true" \
        "--Storage:S3:AccessKey=$BERTH_TEST_S3_ACCESS_KEY --Storage:S3:SecretKey=$BERTH_TEST_S3_SECRET_KEY" ;;
    swift)
      need_service BERTH_TEST_SWIFT_AUTH_URL swift >&2
      echo "--storage swift --Storage:Swift:AuthUrl=$BERTH_TEST_SWIFT_AUTH_URL --Storage:Swift:Username=$BERTH_TEST_SWIFT_USER" \
        "--Storage:Swift:Key=$BERTH_TEST_SWIFT_KEY --Storage:Swift:Container=$id" ;;
    azure)
      need_service BERTH_TEST_AZURE_CONNECTION_STRING azurite >&2
      echo "--storage azure --Storage:Azure:ConnectionString=$BERTH_TEST_AZURE_CONNECTION_STRING --Storage:Azure:Container=$id" ;;
    gcs)
      need_service BERTH_TEST_GCS_BASE_URI gcs >&2
      echo "--storage gcs --Storage:Gcs:Bucket=$id --Storage:Gcs:BaseUri=$BERTH_TEST_GCS_BASE_URI --Storage:Gcs:Authentication=None" ;;
    glance)
      need_service BERTH_TEST_GLANCE_URL glance >&2
      echo "--storage glance --Storage:Glance:Endpoint=$BERTH_TEST_GLANCE_URL --Storage:Glance:Namespace=$id" ;;
    *) echo "unknown driver $1" >&2; return 1 ;;
  esac
}

echo "== building Berth (Release)" >&2
dotnet build src/Berth/Berth.csproj -c Release -warnaserror -nologo -v q >&2
berth="$repo/src/Berth/bin/Release/net10.0/berth"

for driver in ${drivers//,/ }; do
  # Sourcing a service script changes this shell's environment, so settings are computed here, not in a subshell.
  settings "$driver" >"$work/$driver.args"
  read -r -a args <"$work/$driver.args"
  mkdir -p "$work/$driver"
  "$berth" serve --auth none --listen "127.0.0.1:$port" --data-dir "$work/$driver" "${args[@]}" \
    --Logging:LogLevel:Default=Warning >"$work/$driver.log" 2>&1 &
  pid=$!
  cleanups+=("kill $pid 2>/dev/null; wait $pid 2>/dev/null")
  for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
  echo "== $driver: push, then pull ($clients clients, $duration, 1 layer of $layer_size)" >&2
  for scenario in push pull; do
    cut -d' ' -f1 /proc/loadavg >"$out/$scenario-$driver.load"
    timeout "$run_timeout" "$berth" bench "$scenario" --registry "http://127.0.0.1:$port" --label "$driver" --server-pid "$pid" \
      --repository "bench/$driver" --layers 1 --layer-size "$layer_size" -c "$clients" -d "$duration" \
      --json "$out/$scenario-$driver.json" >&2 || echo "!! $driver $scenario failed; log: $work/$driver.log" >&2
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  port=$((port + 1))
done

tsv="$out/drivers.tsv"
printf 'driver\tscenario\tMB_per_s\tp50_ms\tp99_ms\terrors\tserver_cpu_s_per_GB\tload1\n' >"$tsv"
for driver in ${drivers//,/ }; do
  for scenario in push pull; do
    f="$out/$scenario-$driver.json"
    [ -f "$f" ] || continue
    jq -r --arg d "$driver" --arg s "$scenario" --arg l "$(cat "$out/$scenario-$driver.load")" \
      '.levels[0] | [$d, $s, (.megabytesPerSecond * 10 | floor / 10), (.latency.p50 | floor), (.latency.p99 | floor), .errorCount,
        ((.serverCpuSecondsPerGigabyte // 0) * 100 | floor / 100), $l] | @tsv' "$f" >>"$tsv"
  done
done
"$berth" bench bars -o "$out/drivers.png" --group driver --series scenario --value MB_per_s --value-label "MB/s through Berth" \
  --title "Berth on each storage driver: $clients clients, $duration, 1 layer of $layer_size" "$tsv" >&2

{
  echo "| driver | push MB/s | push p50 / p99 ms | pull MB/s | pull p50 / p99 ms | server CPU s/GB push / pull | errors push / pull | load1 push / pull |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  awk -F'\t' 'NR > 1 { k = $1 "," $2; mb[k] = $3; lat[k] = $4 " / " $5; err[k] = $6; cpu[k] = $7; load[k] = $8; if (!seen[$1]++) order[++n] = $1 }
    function v(x) { return x == "" ? "-" : x }
    END { for (i = 1; i <= n; i++) { d = order[i]; p = d ",push"; q = d ",pull"
      printf "| %s | %s | %s | %s | %s | %s / %s | %s / %s | %s / %s |\n", d, v(mb[p]), v(lat[p]), v(mb[q]), v(lat[q]), v(cpu[p]), v(cpu[q]), v(err[p]), v(err[q]), v(load[p]), v(load[q]) } }' "$tsv"
  echo
  echo "$clients clients, $duration per scenario, 1 layer of $layer_size; $(nproc) cores; uptime at the end: $(uptime); $(date -u +%FT%TZ)."
} | tee "$out/drivers.md"
