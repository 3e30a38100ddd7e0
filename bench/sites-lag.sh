#!/usr/bin/env bash
# Event lag of one index serving a registry running apart (docs/deployment.md, "One index, registries apart"): the
# time from a push accepted at the registry (its manifest PUT answered 201) until the index shows the tag
# (GET /api/v1/tags/TAG/NAME answers 200), measured by a probe that pushes a tiny unique image and polls the index.
#   rest: PROBES probes one after another, nothing else running;
#   load: probes one after another while LOAD_CLIENTS clients push images (`berth bench push`, LAYER_SIZE layers)
#         to the registry for LOAD_SECONDS; probing stops with the load, or at PROBES.
# A probe that is not shown within PROBE_TIMEOUT seconds counts as that many and ends its phase (the index is behind).
# Prints min/p50/p90/p99/max of each and the load average. Everything on loopback (index, registry, probe, load), on
# the filesystem and SQLite; it stops by itself.
# The probe is curl in a loop: each poll costs a process start (a few ms), which bounds the resolution.
# Usage: bench/sites-lag.sh   env: PROBES (20), LOAD_CLIENTS (64), LOAD_SECONDS (30), LAYER_SIZE (256k),
#        PROBE_TIMEOUT (60), NO_BUILD (skip the build), INDEX_ARGS / REGISTRY_ARGS (extra `berth serve` options of the
#        index / the registry, space-separated)
# The issue's figures (#15): `PROBES=20 LOAD_SECONDS=30 NO_BUILD=1 bench/sites-lag.sh` (64 clients), the same with
# LOAD_CLIENTS=16; the index reading every push back as before the events carried manifests:
# REGISTRY_ARGS=--IndexEvents:MaxCarriedBytes=0; SQLite without an fsync per commit: INDEX_ARGS=--Index:SqliteSynchronous=Normal.
set -euo pipefail
cd "$(dirname "$0")/.."
probes=${PROBES:-20} load_clients=${LOAD_CLIENTS:-64} load_seconds=${LOAD_SECONDS:-30} layer_size=${LAYER_SIZE:-256k}
probe_timeout=${PROBE_TIMEOUT:-60}
work=$(mktemp -d /tmp/berth-sites-lag.XXXXXX)
index_port=5495 registry_port=5496 password=bench-password-1 secret=bench-site-secret-0123456789
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -n "${NO_BUILD:-}" ] || dotnet build src/Berth -c Release -v q >/dev/null
berth=(dotnet src/Berth/bin/Release/net10.0/berth.dll)
index=http://127.0.0.1:$index_port registry=http://127.0.0.1:$registry_port

"${berth[@]}" serve --role index --listen 127.0.0.1:$index_port --data-dir "$work/index" --Index:AdminPassword="$password" \
  --Index:BcryptWorkFactor=4 --Index:RegistryResyncInterval=00:00:00 --Logging:LogLevel:Default=Warning ${INDEX_ARGS:-} >"$work/index.log" 2>&1 &
pids+=($!)
until curl -s -o /dev/null "$index/healthz"; do sleep 0.2; done
"${berth[@]}" registry add site-a --url "$registry/" --secret "$secret" --data-dir "$work/index" >/dev/null
"${berth[@]}" serve --role registry --listen 127.0.0.1:$registry_port --data-dir "$work/registry" --index-url "$index/" \
  --Auth:Service=site-a --IndexEvents:Secret="$secret" --IndexEvents:MaxBackoff=00:00:01 \
  --GarbageCollection:Enabled=false --Logging:LogLevel:Default=Warning ${REGISTRY_ARGS:-} >"$work/registry.log" 2>&1 &
pids+=($!)
until curl -s -o /dev/null "$registry/v2/"; do sleep 0.2; done

now_ms() { local t=$EPOCHREALTIME; echo $(( ${t/./} / 1000 )); }
token() { curl -sf -u "admin:$password" "$index/token?service=site-a&scope=repository:lag/probe:pull,push" | jq -r .token; }

# Uploads a blob (file) to lag/probe; prints its digest.
upload() {
  local file=$1 digest location
  digest=sha256:$(sha256sum "$file" | cut -d' ' -f1)
  location=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $tok" "$registry/v2/lag/probe/blobs/uploads/" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
  case $location in /*) location=$registry$location ;; esac
  case $location in *\?*) location="$location&digest=$digest" ;; *) location="$location?digest=$digest" ;; esac
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $tok" -H "Content-Type: application/octet-stream" --data-binary "@$file" "$location"
  echo "$digest"
}

# One probe: a unique config and manifest (the layer is shared), tagged TAG; prints the lag in ms (the timeout at most).
probe() {
  local tag=$1 config=$work/config-$1.json manifest=$work/manifest-$1.json config_digest accepted deadline
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]},"config":{"Labels":{"probe":"%s"}}}' "$layer_digest" "$tag" >"$config"
  config_digest=$(upload "$config")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}' \
    "$config_digest" "$(stat -c %s "$config")" "$layer_digest" "$(stat -c %s "$work/layer")" >"$manifest"
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $tok" -H "Content-Type: application/vnd.oci.image.manifest.v1+json" \
    --data-binary "@$manifest" "$registry/v2/lag/probe/manifests/$tag"
  accepted=$(now_ms) deadline=$(( $(now_ms) + probe_timeout * 1000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$password" "$index/api/v1/tags/$tag/lag/probe")" = 200 ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo $(( probe_timeout * 1000 )); return 1; }
    sleep 0.005
  done
  echo $(( $(now_ms) - accepted ))
}

summary() {
  sort -n "$1" | awk -v name="$2" '{ v[NR] = $1 } END {
    n = NR
    i50 = int(n * 0.50 + 0.999999); i90 = int(n * 0.90 + 0.999999); i99 = int(n * 0.99 + 0.999999)
    printf "| %s | %d | %d | %d | %d | %d | %d |\n", name, n, v[1], v[i50], v[i90], v[i99], v[n] }'
}

# Probes of a phase; with a PID, only while that process runs. Stops at the first probe past the timeout.
run_probes() {
  local phase=$1 while_pid=${2:-}
  tok=$(token)
  for i in $(seq "$probes"); do
    [ -z "$while_pid" ] || kill -0 "$while_pid" 2>/dev/null || break
    probe "$phase-$i" >>"$work/$phase.ms" || { echo "$phase: probe $i not shown within ${probe_timeout}s" >&2; break; }
  done
}

head -c 1024 /dev/urandom >"$work/layer"
tok=$(token)
layer_digest=$(upload "$work/layer")

run_probes rest
"${berth[@]}" bench push --registry "$registry/" --username admin --password "$password" -c "$load_clients" -d "${load_seconds}s" \
  --layers 1 --layer-size "$layer_size" --repository lag/load --json "$work/load.json" >"$work/load.txt" 2>&1 &
load_pid=$!
pids+=($load_pid)
sleep 5   # let the load clients log in and start pushing before probing
load_uptime=$(uptime)
run_probes load "$load_pid"
wait "$load_pid" || true
pushes=$(jq -r '.levels[0] | "\(.operations) image pushes, \([.errors[]] | add // 0) errors, image push p50 \(.latency.p50) ms, p99 \(.latency.p99) ms"' "$work/load.json" 2>/dev/null || echo "no report")

echo "index lag of one registry (push accepted at the registry -> tag shown by the index), ms"
echo "| phase | probes | min | p50 | p90 | p99 | max |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
summary "$work/rest.ms" "at rest"
summary "$work/load.ms" "$load_clients clients pushing"
echo "uptime during the load phase: $load_uptime"
echo "load (berth bench push, ${load_seconds}s): $pushes"
echo "registry status at the end: $(curl -s -u "admin:$password" "$index/api/v1/registries" | jq -c '.[0] | {lastEventAt, lagSeconds, repositories}')"
