#!/usr/bin/env bash
# How long online garbage collection takes on a store of about 10,000 blobs, on the filesystem and on S3 (Ceph RGW).
# Seeds IMAGES images of LAYERS small unique layers (each image = LAYERS layers + config + manifest blobs) with
# `berth bench push`, deletes every other tag, then times `berth gc --dry-run`, a real `berth gc` (which removes the
# untagged half) and a second run with nothing left to remove, while the server keeps running.
# Usage: bench/gc.sh [filesystem|rgw|all]   env: IMAGES (2000), LAYERS (3), CONCURRENCY (GarbageCollection:Concurrency, 16)
#   RGW: uses BERTH_BENCH_RGW (default http://127.0.0.1:7480, user test/testtest) when it answers, else starts its own
#   on 7491 (mon 6791) with scripts/object-stores/start-ceph-rgw.sh and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
images=${IMAGES:-2000} layers=${LAYERS:-3} concurrency=${CONCURRENCY:-16}
work=$(mktemp -d /tmp/berth-gc-bench.XXXXXX)
port=5491 berth_pid= own_rgw=
cleanup() {
  [ -n "$berth_pid" ] && kill "$berth_pid" 2>/dev/null || true
  [ -n "$own_rgw" ] && scripts/object-stores/stop-ceph-rgw.sh "$work/ceph" --purge >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/Berth -c Release -v q >/dev/null
berth=(dotnet src/Berth/bin/Release/net10.0/berth.dll)
gc_settings=(--GarbageCollection:GracePeriod=00:00:00 --GarbageCollection:UntaggedManifestAge=00:00:00
  --GarbageCollection:Concurrency="$concurrency" --GarbageCollection:LeaseSettleTime=00:00:00)

run_backend() {
  local name=$1; shift
  local storage=("$@") data="$work/$name"
  "${berth[@]}" serve --listen 127.0.0.1:$port --auth none --data-dir "$data" "${storage[@]}" \
    --GarbageCollection:Enabled=false --Logging:LogLevel:Default=Warning >"$work/$name.log" 2>&1 &
  berth_pid=$!
  until curl -sf "http://127.0.0.1:$port/v2/" >/dev/null; do sleep 0.2; done
  "${berth[@]}" bench push --registry "http://127.0.0.1:$port/" -c 16 -n "$images" --layers "$layers" --layer-size 1k \
    --repository bench/gc >/dev/null
  curl -sf "http://127.0.0.1:$port/v2/bench/gc-push/tags/list?n=1000000" | tr -d '[]"{}' | sed 's/.*tags://' | tr ',' '\n' \
    | awk 'NR % 2 == 0' | xargs -P 8 -I{} curl -sf -X DELETE -o /dev/null "http://127.0.0.1:$port/v2/bench/gc-push/manifests/{}"
  for step in "dry-run" "collect" "steady"; do
    local flags=(); [ "$step" = dry-run ] && flags=(--dry-run)
    local start=$(date +%s%N)
    "${berth[@]}" gc "${flags[@]}" --data-dir "$data" "${storage[@]}" "${gc_settings[@]}" >"$work/$name-$step.txt"
    local ms=$(( ($(date +%s%N) - start) / 1000000 ))
    local stored=$(awk -F'│' '/blob folders listed/{gsub(/[ ,]/,"",$3); print $3}' "$work/$name-$step.txt")
    local removed=$(awk -F'│' '/blobs (would delete|deleted)/{gsub(/[ ,]/,"",$3); print $3}' "$work/$name-$step.txt")
    local inner=$(awk -F'│' '/duration/{gsub(/ /,"",$3); print $3}' "$work/$name-$step.txt")
    printf '%-10s %-8s blobs listed %6s  removed %6s  run %8s  (process incl. start-up %6d ms)\n' "$name" "$step" "$stored" "$removed" "$inner" "$ms"
  done
  kill "$berth_pid"; wait "$berth_pid" 2>/dev/null || true; berth_pid=
}

echo "images: $images x ($layers layers + config + manifest) = $((images * (layers + 2))) blobs; half the tags deleted; concurrency $concurrency"
if [ "$which" = all ] || [ "$which" = filesystem ]; then
  run_backend filesystem --Storage:Driver=filesystem
fi
if [ "$which" = all ] || [ "$which" = rgw ]; then
  endpoint=${BERTH_BENCH_RGW:-http://127.0.0.1:7480}
  if ! curl -s -m 3 "$endpoint" >/dev/null; then
    RGW_PORT=7491 CEPH_MON_PORT=6791 scripts/object-stores/start-ceph-rgw.sh "$work/ceph" >/dev/null
    own_rgw=yes endpoint=http://127.0.0.1:7491
  fi
  bucket=berth-gc-bench-$RANDOM$RANDOM
  curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user test:testtest -X PUT "$endpoint/$bucket" \
    -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" >/dev/null
  run_backend rgw --Storage:Driver=s3 --Storage:S3:Endpoint="$endpoint" --Storage:S3:Bucket="$bucket" \
    --Storage:S3:ForcePathStyle=true --Storage:S3:AccessKey=test --Storage:S3:SecretKey=testtest
fi
