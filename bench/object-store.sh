#!/usr/bin/env bash
# Berth against CNCF distribution 2.8 on the same object store (Ceph RGW, each in a bucket of its own) and on the
# filesystem, all on 127.0.0.1, measured by `berth bench` in one run (issue 16). Per store and target:
#   manifest GET and HEAD by tag, blob pull (all clients the same image), push (monolithic and chunked), mixed, at
#   BENCH_LEVELS clients; on RGW also cold reads (a Berth node with every cache off — storage cache, manifest cache,
#   blob link cache — and clients spread over BENCH_COLD_IMAGES distinct images, so every request reaches the store)
#   and cold bytes (issue 16's definition: the content cache off, the same distinct images, so every blob's bytes come
#   from the store while links and manifests seen before are known: a Berth node with only Storage:Cache off),
#   and beside Berth's streaming in the pull and cold scenarios two more targets:
#   berth-redirect — a Berth node with Storage:S3:RedirectGets, answering each blob GET with a 307 to a presigned URL
#     that the client follows (caches on for pull, every cache off for cold, like the streaming node of each);
#   rgw-direct — the ceiling: blobs fetched straight from RGW at presigned URLs (`berth bench pull --blobs-direct`:
#     each blob's redirect is resolved once before the level, then only RGW serves its bytes; manifests still come
#     from the redirecting node, from its cache), so Berth's own CPU is out of the blob path entirely;
#   sustained concurrency: whole-image pulls at 1, 2, 4 … 256 clients (each client pulls three times); the figure is the
#   largest count whose p99 stays within 2× the faster target's single-client time, with zero errors;
#   the crowd: BENCH_CROWD clients pulling one image of BENCH_CROWD_MIB MiB at once (time until the last finishes).
# Server CPU and RSS come from `berth bench --server-pid`; RGW's own CPU (radosgw + ceph-osd, which other users of the
# shared RGW also load) is read around every level and added to each level as rgwCpuSeconds.
# RGW is the shared test server ($BERTH_TEST_S3_ENDPOINT from /tmp/berth-test-env.sh, or scripts/test-services/
# ceph-rgw.sh when unset); its memstore is RAM shared with everyone's tests, so pushes are bounded by operation count
# and each push level's bucket is emptied before the next, and both buckets are removed at the end.
# Writes JSON per scenario and target, charts and summary.md into $BENCH_OUT (bench/results/object-store).
# Issue 16's object-store figures: cold reads vs RGW direct (streaming, redirect and direct in one run)
# `BENCH_STORES=rgw BENCH_SCENARIOS=cold,coldbytes,pull BENCH_LEVELS=1,16,64`;
# the crowd `BENCH_STORES=rgw BENCH_SCENARIOS=crowd BENCH_CROWD_MIB=500` (the issue's 100 clients × 500 MB; shared
# reads, docs/storage.md, are on in the Berth nodes by default); sustained concurrency
# `BENCH_STORES=rgw BENCH_SCENARIOS=sustained BENCH_SUSTAINED_LEVELS=1,2,4,8,16,32,64`.
# Knobs: BENCH_STORES (rgw,filesystem), BENCH_LEVELS (1,16,64,256), BENCH_DURATION (3s), BENCH_PULL_DURATION (5s),
# BENCH_BLOB_SIZE (16MiB), BENCH_PUSH_LEVELS (1,16,64), BENCH_PUSH_LAYER (4MiB), BENCH_PUSH_OPS (2 pushes per client and level), BENCH_CHUNK (1MiB),
# BENCH_COLD_IMAGES (16), BENCH_SUSTAINED_LEVELS (1,2,4,8,16,32,64,128,256), BENCH_IMAGE_LAYERS (3),
# BENCH_IMAGE_LAYER (4MiB), BENCH_CROWD (100), BENCH_CROWD_MIB (100), BENCH_SCENARIOS (all), BENCH_WARMUP (20s), NO_BUILD,
# BENCH_OUT, BENCH_PORT_BASE (15650; the servers listen on it and the next six ports, so two runs can share the
# machine), BERTH (the berth to measure; default: this tree's Release build), BERTH_BEFORE (another build's berth, e.g.
# main's: measured in the push scenarios of the same run as "berth-before", on the port after those four and a bucket of
# its own), BENCH_S3_PAYLOAD_SIGNING (Storage:S3:PayloadSigning of the Berth nodes; unset: the default, Auto).
# The push goal of issue 16 (≥ 1.5× distribution at 16 clients, monolithic and chunked):
#   source /tmp/berth-test-env.sh; BENCH_STORES=rgw BENCH_SCENARIOS=push BENCH_PUSH_LEVELS=1,16 bench/object-store.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${BENCH_OUT:-$repo/bench/results/object-store}
stores=${BENCH_STORES:-rgw,filesystem}
levels=${BENCH_LEVELS:-1,16,64,256}
duration=${BENCH_DURATION:-3s}
pull_duration=${BENCH_PULL_DURATION:-5s}
blob_size=${BENCH_BLOB_SIZE:-16MiB}
push_levels=${BENCH_PUSH_LEVELS:-1,16,64}
push_layer=${BENCH_PUSH_LAYER:-4MiB}
push_ops=${BENCH_PUSH_OPS:-2}
chunk=${BENCH_CHUNK:-1MiB}
cold_images=${BENCH_COLD_IMAGES:-16}
sustained_levels=${BENCH_SUSTAINED_LEVELS:-1,2,4,8,16,32,64,128,256}
image_layers=${BENCH_IMAGE_LAYERS:-3}
image_layer=${BENCH_IMAGE_LAYER:-4MiB}
crowd=${BENCH_CROWD:-100}
crowd_mib=${BENCH_CROWD_MIB:-100}
scenarios=${BENCH_SCENARIOS:-manifest,head,pull,cold,coldbytes,mixed,sustained,crowd,push}
port_base=${BENCH_PORT_BASE:-15650}
berth_port=$port_base dist_port=$((port_base + 1)) ceiling_port=$((port_base + 2)) cold_port=$((port_base + 3)) before_port=$((port_base + 4))
cold_redirect_port=$((port_base + 5)) bytes_port=$((port_base + 6))
for tool in docker-registry curl jq python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install docker-registry curl jq python3" >&2; exit 1; }
done
ulimit -n 65536 2>/dev/null || true

work=$(mktemp -d /tmp/berth-object-store.XXXXXX)
repo_dir=$repo
server_pids=() buckets=()
cleanups=()
on_exit() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.3
  for bucket in "${buckets[@]}"; do purge_bucket "$bucket" remove || true; done
  for ((i=${#cleanups[@]}-1; i>=0; i--)); do eval "${cleanups[$i]}" || true; done
  rm -rf "$work"
}
trap on_exit EXIT
mkdir -p "$out"
has() { [[ ",$scenarios," == *",$1,"* ]]; }

if [[ ",$stores," == *",rgw,"* ]]; then
  [ -n "${BERTH_TEST_S3_ENDPOINT:-}" ] || { [ -f /tmp/berth-test-env.sh ] && source /tmp/berth-test-env.sh; } || true
  if [ -z "${BERTH_TEST_S3_ENDPOINT:-}" ]; then
    export BERTH_TEST_RUN_DIR=${BERTH_TEST_RUN_DIR:-$work/services}
    mkdir -p "$BERTH_TEST_RUN_DIR"; repo=$repo_dir
    # shellcheck disable=SC1091
    source scripts/test-services/ceph-rgw.sh
  fi
  ceph_conf=${BERTH_TEST_RUN_DIR:-/tmp/berth-shared-run}/ceph-rgw/ceph.conf
  rgw_port=${BERTH_TEST_S3_ENDPOINT##*:}
  rgw_pids=$(ss -ltnpH "sport = :$rgw_port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  osd_pid=$(pgrep -f "ceph-osd -c $ceph_conf" | head -1 || true)
  [ -n "$osd_pid" ] && rgw_pids="$rgw_pids,$osd_pid"
fi

# RGW wants the payload hash header that curl's SigV4 signing does not add (this is the hash of an empty body).
s3() { curl -fsS --aws-sigv4 "aws:amz:${BERTH_TEST_S3_REGION:-us-east-1}:s3" --user "$BERTH_TEST_S3_ACCESS_KEY:$BERTH_TEST_S3_SECRET_KEY" \
  -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" "$@"; }
make_bucket() { s3 -X PUT "$BERTH_TEST_S3_ENDPOINT/$1" >/dev/null; buckets+=("$1"); }
# Empties a bucket (radosgw-admin, the store's own tool, when its config is at hand; else key by key), removing it with "remove".
purge_bucket() {
  if [ -f "${ceph_conf:-}" ] && command -v radosgw-admin >/dev/null; then
    radosgw-admin -c "$ceph_conf" bucket rm --bucket="$1" --purge-objects >/dev/null 2>&1 || true
    [ "${2:-}" = remove ] || s3 -X PUT "$BERTH_TEST_S3_ENDPOINT/$1" >/dev/null
    return
  fi
  local keys
  while keys=$(s3 "$BERTH_TEST_S3_ENDPOINT/$1?list-type=2&max-keys=1000" | grep -o '<Key>[^<]*</Key>' | sed 's/<[^>]*>//g') && [ -n "$keys" ]; do
    while read -r key; do s3 -X DELETE "$BERTH_TEST_S3_ENDPOINT/$1/$key" >/dev/null || true; done <<<"$keys"
  done
  [ "${2:-}" != remove ] || s3 -X DELETE "$BERTH_TEST_S3_ENDPOINT/$1" >/dev/null || true
}

[ -n "${NO_BUILD:-}" ] || dotnet build src/Berth/Berth.csproj -c Release -nologo -v q >&2
berth=${BERTH:-$repo_dir/src/Berth/bin/Release/net10.0/berth}
wait_up() { for _ in $(seq 600); do curl -fs -o /dev/null "$1/v2/" && return 0; sleep 0.1; done; echo "$1 did not come up" >&2; return 1; }
ticks() { local sum=0 pid; for pid in ${1//,/ }; do [ -r "/proc/$pid/stat" ] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }

# A port another run holds would answer wait_up, and the scenario would measure that run's server: refuse instead.
port_free() { ! ss -ltnH "sport = :$1" | grep -q . || { echo "port $1 is taken (another run?): set BENCH_PORT_BASE" >&2; return 1; }; }
start_berth() { # port data-dir name extra-args… -> pid in $started (BIN: another berth binary)
  local port=$1 data=$2 name=$3; shift 3
  port_free "$port"
  "${BIN:-$berth}" serve --auth none --listen "127.0.0.1:$port" --data-dir "$data" --GarbageCollection:Enabled=false \
    --Logging:LogLevel:Default=Warning "$@" >"$work/$name.log" 2>&1 &
  started=$!; server_pids+=("$started"); wait_up "http://127.0.0.1:$port"
}
start_distribution() { # storage-yaml
  cat >"$work/distribution.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
$1
  delete: {enabled: true}
  redirect: {disable: true}
  cache: {blobdescriptor: inmemory}
http: {addr: 127.0.0.1:$dist_port}
YAML
  port_free "$dist_port"
  # distribution 2.8 panics at start when AWS_CA_BUNDLE is set.
  env -u AWS_CA_BUNDLE docker-registry serve "$work/distribution.yml" >"$work/distribution.log" 2>&1 &
  started=$!; server_pids+=("$started"); wait_up "http://127.0.0.1:$dist_port"
}

# Runs one scenario against one target level by level, adding RGW's CPU per level, into one JSON report.
run() { # store scenario label url pids levels args…
  local store=$1 scenario=$2 label=$3 url=$4 pids=$5 lv=$6; shift 6
  local file="$out/$store-$scenario-$label.json" parts=() c r0 r1
  echo "   $store $scenario $label: $lv" >&2
  for c in ${lv//,/ }; do
    r0=$(ticks "${rgw_pids:-}")
    # A level is bounded by time, or (OPS_PER_CLIENT) by operations, so that every client's operations finish.
    local bound=(-d "${DUR:-3s}")
    [ -z "${OPS_PER_CLIENT:-}" ] || bound=(-n "$(( c * OPS_PER_CLIENT < OPS_MIN ? OPS_MIN : c * OPS_PER_CLIENT ))")
    "$berth" bench "$KIND" --registry "$url" --label "$label" --server-pid "$pids" -c "$c" "${bound[@]}" \
      --json "$work/part-$c.json" "$@" >/dev/null 2>"$work/bench.err" \
      || { echo "!! $store $scenario $label at $c failed: $(tail -1 "$work/bench.err")" >&2; continue; }
    r1=$(ticks "${rgw_pids:-}")
    jq --argjson r "$(( r1 - r0 ))" '.levels[0].rgwCpuSeconds = ($r / 100)' "$work/part-$c.json" >"$work/part-$c.rgw.json"
    parts+=("$work/part-$c.rgw.json")
    [ -z "${AFTER_LEVEL:-}" ] || eval "$AFTER_LEVEL"
  done
  [ ${#parts[@]} -gt 0 ] && jq -s '.[0] + {levels: [.[].levels[]]}' "${parts[@]}" >"$file"
  rm -f "$work"/part-*.json
}

bench_store() { # store
  local store=$1 berth_args=() dist_yaml data="$work/$1"
  mkdir -p "$data"
  if [ "$store" = rgw ]; then
    local stamp; stamp=$(date +%s)-$RANDOM
    berth_bucket=bench-berth-$stamp dist_bucket=bench-dist-$stamp before_bucket=bench-before-$stamp
    make_bucket "$berth_bucket"; make_bucket "$dist_bucket"
    berth_args=(--storage s3 --Storage:S3:Bucket="$berth_bucket" --Storage:S3:Endpoint="$BERTH_TEST_S3_ENDPOINT"
      --Storage:S3:ForcePathStyle=true --Storage:S3:AccessKey="$BERTH_TEST_S3_ACCESS_KEY" --Storage:S3:SecretKey="$BERTH_TEST_S3_SECRET_KEY"
      ${BENCH_S3_PAYLOAD_SIGNING:+--Storage:S3:PayloadSigning=$BENCH_S3_PAYLOAD_SIGNING})
    dist_yaml="  s3: {accesskey: $BERTH_TEST_S3_ACCESS_KEY, secretkey: $BERTH_TEST_S3_SECRET_KEY, region: ${BERTH_TEST_S3_REGION:-us-east-1}, regionendpoint: $BERTH_TEST_S3_ENDPOINT, bucket: $dist_bucket, secure: false, v4auth: true, rootdirectory: /}"
  else
    berth_args=(--storage filesystem)
    dist_yaml="  filesystem: {rootdirectory: $data/distribution}"
  fi
  start_berth $berth_port "$data/berth" "$store-berth" "${berth_args[@]}"; local berth_pid=$started
  start_distribution "$dist_yaml"; local dist_pid=$started
  local B=http://127.0.0.1:$berth_port D=http://127.0.0.1:$dist_port
  local blob=(--repository bench/pull --tag v1 --layers 1 --layer-size "$blob_size")
  local image=(--repository bench/image --tag v1 --layers "$image_layers" --layer-size "$image_layer")
  local crowd_image=(--repository bench/crowd --tag v1 --layers 5 --layer-size "$((crowd_mib / 5))MiB")
  echo "== $store: seeding" >&2
  for url in "$B" "$D"; do
    "$berth" bench seed --registry "$url" "${blob[@]}" >/dev/null
    "$berth" bench seed --registry "$url" "${image[@]}" >/dev/null
  done
  local ceiling_pid= cold_pid= cold_redirect_pid= bytes_pid=
  if [ "$store" = rgw ]; then
    # The redirecting node: berth-redirect of the pull scenario, and the one rgw-direct's manifests come from.
    start_berth $ceiling_port "$data/ceiling" rgw-ceiling "${berth_args[@]}" --Storage:S3:RedirectGets=true; ceiling_pid=$started
    local no_caches=(--Storage:Cache:MaxBytes=0 --Registry:ManifestCache:MaxBytes=0 --Registry:BlobLinkCache:Revalidation=00:00:00)
    start_berth $cold_port "$data/cold" rgw-cold "${berth_args[@]}" "${no_caches[@]}"; cold_pid=$started
    start_berth $cold_redirect_port "$data/cold-redirect" rgw-cold-redirect "${berth_args[@]}" "${no_caches[@]}" \
      --Storage:S3:RedirectGets=true; cold_redirect_pid=$started
    if has coldbytes; then
      start_berth $bytes_port "$data/cold-bytes" rgw-cold-bytes "${berth_args[@]}" --Storage:Cache:MaxBytes=0; bytes_pid=$started
    fi
  fi
  local before_pid=
  if [ -n "${BERTH_BEFORE:-}" ] && has push; then
    local before_args=("${berth_args[@]}")
    if [ "$store" = rgw ]; then make_bucket "$before_bucket"; before_args=("${berth_args[@]/#--Storage:S3:Bucket=*/--Storage:S3:Bucket=$before_bucket}"); fi
    BIN=$BERTH_BEFORE start_berth $before_port "$data/before" "$store-berth-before" "${before_args[@]}"; before_pid=$started
  fi
  local C=http://127.0.0.1:$ceiling_port K=http://127.0.0.1:$cold_port P=http://127.0.0.1:$before_port R=http://127.0.0.1:$cold_redirect_port
  local Y=http://127.0.0.1:$bytes_port
  if has manifest; then
    KIND=manifest DUR=$duration run "$store" manifest berth "$B" "$berth_pid" "$levels" "${blob[@]}" --no-seed
    KIND=manifest DUR=$duration run "$store" manifest distribution "$D" "$dist_pid" "$levels" "${blob[@]}" --no-seed
  fi
  if has head; then
    KIND=manifest DUR=$duration run "$store" head berth "$B" "$berth_pid" "$levels" "${blob[@]}" --no-seed --head
    KIND=manifest DUR=$duration run "$store" head distribution "$D" "$dist_pid" "$levels" "${blob[@]}" --no-seed --head
  fi
  if has pull; then
    KIND=pull DUR=$pull_duration run "$store" pull berth "$B" "$berth_pid" "$levels" "${blob[@]}" --no-seed
    KIND=pull DUR=$pull_duration run "$store" pull distribution "$D" "$dist_pid" "$levels" "${blob[@]}" --no-seed
    if [ -n "$ceiling_pid" ]; then
      KIND=pull DUR=$pull_duration run "$store" pull berth-redirect "$C" "$ceiling_pid" "$levels" "${blob[@]}" --no-seed
      KIND=pull DUR=$pull_duration run "$store" pull rgw-direct "$C" "$ceiling_pid" "$levels" "${blob[@]}" --no-seed --blobs-direct
    fi
  fi
  # The distinct images of the cold and coldbytes scenarios, seeded once into the bucket their nodes share.
  local cold=(--repository bench/cold --tag v1 --layers 1 --layer-size "$image_layer" --images "$cold_images")
  if { has cold || has coldbytes; } && [ -n "$cold_pid" ]; then "$berth" bench seed --registry "$B" "${cold[@]}" >/dev/null; fi
  if has cold && [ -n "$cold_pid" ]; then
    # Both nodes warm up first (the JIT's tiering takes minutes of CPU on a busy 2-core machine), so that the first
    # level does not measure the compiler; reads stay cold, as every cache of the cold node is off.
    for url in "$K" "$R" "$C"; do "$berth" bench pull --registry "$url" "${cold[@]}" --no-seed -c 4 -d "${BENCH_WARMUP:-20s}" >/dev/null 2>&1 || true; done
    KIND=pull DUR=$pull_duration run "$store" cold berth "$K" "$cold_pid" "$levels" "${cold[@]}" --no-seed
    KIND=pull DUR=$pull_duration run "$store" cold berth-redirect "$R" "$cold_redirect_pid" "$levels" "${cold[@]}" --no-seed
    KIND=pull DUR=$pull_duration run "$store" cold rgw-direct "$C" "$ceiling_pid" "$levels" "${cold[@]}" --no-seed --blobs-direct
  fi
  if has coldbytes && [ -n "$bytes_pid" ]; then
    # The warm-up also lets each node see every image's links and manifest once; the bytes stay cold (no content
    # cache on the streaming node; the redirecting node never serves a blob's bytes).
    for url in "$Y" "$C"; do "$berth" bench pull --registry "$url" "${cold[@]}" --no-seed -c 4 -d "${BENCH_WARMUP:-20s}" >/dev/null 2>&1 || true; done
    KIND=pull DUR=$pull_duration run "$store" coldbytes berth "$Y" "$bytes_pid" "$levels" "${cold[@]}" --no-seed
    KIND=pull DUR=$pull_duration run "$store" coldbytes berth-redirect "$C" "$ceiling_pid" "$levels" "${cold[@]}" --no-seed
    KIND=pull DUR=$pull_duration run "$store" coldbytes rgw-direct "$C" "$ceiling_pid" "$levels" "${cold[@]}" --no-seed --blobs-direct
  fi
  if has mixed; then
    KIND=mixed DUR=$duration run "$store" mixed berth "$B" "$berth_pid" 64 --repository bench/mixed --layer-size 1MiB
    KIND=mixed DUR=$duration run "$store" mixed distribution "$D" "$dist_pid" 64 --repository bench/mixed --layer-size 1MiB
  fi
  if has sustained; then
    # Each target pulls the image a few times first, so single-client time is not its first, cold pull.
    for url in "$B" "$D"; do "$berth" bench pull --registry "$url" "${image[@]}" --no-seed -c 2 -n 6 >/dev/null 2>&1 || true; done
    KIND=pull OPS_PER_CLIENT=3 OPS_MIN=3 run "$store" sustained berth "$B" "$berth_pid" "$sustained_levels" "${image[@]}" --no-seed
    KIND=pull OPS_PER_CLIENT=3 OPS_MIN=3 run "$store" sustained distribution "$D" "$dist_pid" "$sustained_levels" "${image[@]}" --no-seed
  fi
  if has crowd; then
    for url in "$B" "$D"; do "$berth" bench seed --registry "$url" "${crowd_image[@]}" >/dev/null; done
    # Warmed up like the cold nodes: a fresh node's JIT tiering (the ".NET Tiered Compilation" thread) was 18 % of
    # Berth's CPU during a crowd on the loaded machine, a start-up cost the crowd on a running registry does not pay.
    for url in "$B" "$D"; do "$berth" bench pull --registry "$url" "${crowd_image[@]}" --no-seed -c 16 -d "${BENCH_WARMUP:-20s}" >/dev/null 2>&1 || true; done
    KIND=pull OPS_PER_CLIENT=1 OPS_MIN=1 run "$store" crowd berth "$B" "$berth_pid" "$crowd" "${crowd_image[@]}" --no-seed
    KIND=pull OPS_PER_CLIENT=1 OPS_MIN=1 run "$store" crowd distribution "$D" "$dist_pid" "$crowd" "${crowd_image[@]}" --no-seed
  fi
  if has push; then
    # Pushed content is removed after every level (the RGW memstore is shared RAM).
    local empty_berth= empty_dist= empty_before=
    if [ "$store" = rgw ]; then
      empty_berth="purge_bucket $berth_bucket; \"\$berth\" bench seed --registry $B ${blob[*]} >/dev/null"
      empty_dist="purge_bucket $dist_bucket"
      empty_before="purge_bucket $before_bucket"
    fi
    local pushed=(--layers 1 --layer-size "$push_layer")
    for kind in push chunked; do
      local args=(--repository "bench/$kind" "${pushed[@]}")
      [ "$kind" = push ] || args+=(--chunk-size "$chunk")
      KIND=push OPS_PER_CLIENT=$push_ops OPS_MIN=8 AFTER_LEVEL=$empty_berth run "$store" "$kind" berth "$B" "$berth_pid" "$push_levels" "${args[@]}"
      [ -z "$before_pid" ] || KIND=push OPS_PER_CLIENT=$push_ops OPS_MIN=8 AFTER_LEVEL=$empty_before run "$store" "$kind" berth-before "$P" "$before_pid" "$push_levels" "${args[@]}"
      KIND=push OPS_PER_CLIENT=$push_ops OPS_MIN=8 AFTER_LEVEL=$empty_dist run "$store" "$kind" distribution "$D" "$dist_pid" "$push_levels" "${args[@]}"
    done
  fi
  for pid in $berth_pid $dist_pid $ceiling_pid $cold_pid $cold_redirect_pid $bytes_pid $before_pid; do kill "$pid" 2>/dev/null || true; done
  sleep 0.5
}

echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/run.txt" >&2
for store in ${stores//,/ }; do bench_store "$store"; done
echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/run.txt" >&2

echo "== charts and summary" >&2
for f in "$out"/*-berth.json; do
  [ -f "$f" ] || continue
  base=${f%-berth.json}; files=("$f")
  for other in berth-before berth-redirect distribution rgw-direct; do [ -f "$base-$other.json" ] && files+=("$base-$other.json"); done
  "$berth" bench chart -o "$base.png" --title "$(basename "$base")" "${files[@]}" >/dev/null 2>&1 || true
done
python3 "$repo_dir/bench/object-store-summary.py" "$out" | tee "$out/summary.md"
cat "$out/run.txt" >>"$out/summary.md"
