#!/usr/bin/env bash
# Tail latency of blob pulls (issue 16): clients each pulling one blob (BENCH_BLOB_SIZE, 18 MiB) over and over from
# Berth, from Berth behind nginx with blob offload (Registry:BlobOffload:Mode=XAccelRedirect: Berth checks access and
# answers with X-Accel-Redirect, nginx sends the file with sendfile; "berth+nginx"), from distribution 2.8 and from
# nginx serving the same bytes as a static file (sendfile), filesystem storage, all on 127.0.0.1.
# Rounds interleave the targets so load from elsewhere on the machine falls on all of them alike. With BERTH_BEFORE
# set to another build's `berth` (e.g. main's), that build is measured in the same rounds ("before").
# Per round, target and client count: MB/s, p50/p90/p99/max of one whole pull, errors, server CPU s/GB and RSS.
# Writes pull-tail.tsv and pull-tail.md into $BENCH_OUT (bench/results). With PERF=1, `perf record` profiles the Berth
# and berth+nginx servers during round 1 at the first level; the top symbols go to pull-tail-perf-<target>.txt.
# Knobs: BENCH_LEVELS (16,64), BENCH_DURATION (8s), BENCH_ROUNDS (2), BENCH_BLOB_SIZE (18MiB), BERTH_BEFORE, NO_BUILD, PERF,
# BERTH (the berth to measure; default: this tree's Release build).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${BENCH_OUT:-$repo/bench/results}
levels=${BENCH_LEVELS:-16,64} duration=${BENCH_DURATION:-8s} rounds=${BENCH_ROUNDS:-2} blob_size=${BENCH_BLOB_SIZE:-18MiB}
[ -z "${PERF:-}" ] || command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
for tool in nginx curl python3 docker-registry; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is missing: apt-get install nginx curl python3 docker-registry" >&2; exit 1; }
done
ulimit -n 65536 2>/dev/null || true
work=$(mktemp -d /tmp/berth-pull-tail.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  sleep 0.3; rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out" "$work/static" "$work/tmp"
[ -n "${NO_BUILD:-}" ] || dotnet build src/Berth/Berth.csproj -c Release -nologo -v q >&2
berth=${BERTH:-$repo/src/Berth/bin/Release/net10.0/berth}
wait_up() { for _ in $(seq 600); do curl -fs -o /dev/null "$1/v2/" && return 0; sleep 0.1; done; echo "$1 did not come up" >&2; return 1; }

targets=() # label|url|pids
start_berth() { # label binary port [settings...]
  local label=$1 binary=$2 port=$3; shift 3
  DOTNET_PerfMapEnabled=${PERF:+1} DOTNET_EnableWriteXorExecute=${PERF:+0} "$binary" serve --auth none --listen "127.0.0.1:$port" --data-dir "$work/berth-$label" --storage filesystem \
    --GarbageCollection:Enabled=false --Logging:LogLevel:Default=Warning "$@" >"$work/$label.log" 2>&1 &
  pids+=($!); wait_up "http://127.0.0.1:$port"; targets+=("$label|http://127.0.0.1:$port|$!")
}
start_berth berth "$berth" 15660
[ -z "${BERTH_BEFORE:-}" ] || start_berth berth-before "$BERTH_BEFORE" 15661
# The offload node keeps its own storage (nginx's internal location maps onto it); nginx on 15663 fronts it.
start_berth offload "$berth" 15664 --Registry:BlobOffload:Mode=XAccelRedirect --Registry:BlobOffload:InternalLocation=/_berth/storage
offload_pid=${targets[-1]##*|}; unset 'targets[-1]'
cat >"$work/dist.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/distribution}, delete: {enabled: true}}
http: {addr: 127.0.0.1:15665}
YAML
docker-registry serve "$work/dist.yml" >"$work/distribution.log" 2>&1 &
pids+=($!); wait_up http://127.0.0.1:15665; targets+=("distribution|http://127.0.0.1:15665|$!")
cat >"$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000; keepalive_timeout 120s;
  client_body_temp_path $work/tmp/b; proxy_temp_path $work/tmp/p; fastcgi_temp_path $work/tmp/f; uwsgi_temp_path $work/tmp/u; scgi_temp_path $work/tmp/s;
  types { }
  server {
    listen 127.0.0.1:15662;
    root $work/static;
    location = /v2/ { default_type application/json; return 200 '{}'; }
    location ~ ^/v2/.+/manifests/ { default_type application/vnd.oci.image.manifest.v1+json; }
    location ~ ^/v2/.+/blobs/ { default_type application/octet-stream; }
  }
  upstream berth_offload { server 127.0.0.1:15664; keepalive 512; }
  server {
    listen 127.0.0.1:15663;
    client_max_body_size 0;
    location / {
      proxy_pass http://berth_offload; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host \$http_host; proxy_request_buffering off; proxy_buffering off;
    }
    location ~ "^/_berth/storage/(.+/blobs/(sha256|sha512)/[0-9a-f]{2}/([0-9a-f]+)/data)$" { # docs/deployment.md, section 5
      internal;
      alias $work/berth-offload/\$1;
      default_type application/octet-stream;
      etag off;
      add_header ETag "\\"\$2:\$3\\"";
      add_header Docker-Content-Digest \$2:\$3;
      add_header Docker-Distribution-API-Version registry/2.0;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon on;' >&2
wait_up http://127.0.0.1:15662
nginx_pids=$(cat "$work/nginx.pid"),$(pgrep -d, -P "$(cat "$work/nginx.pid")")
targets+=("berth+nginx|http://127.0.0.1:15663|$offload_pid,$nginx_pids" "nginx|http://127.0.0.1:15662|$nginx_pids")

common=(--repository bench/pull --tag v1 --layers 1 --layer-size "$blob_size")
"$berth" bench seed --registry http://127.0.0.1:15660 "${common[@]}" --export-dir "$work/static" >/dev/null
for port in 15664 15665 ${BERTH_BEFORE:+15661}; do "$berth" bench seed --registry "http://127.0.0.1:$port" "${common[@]}" >/dev/null; done
# Warm-up: JIT and page cache.
for t in "${targets[@]}"; do IFS='|' read -r label url pid <<<"$t"; "$berth" bench pull --registry "$url" --no-seed "${common[@]}" -c 16 -d 2s >/dev/null 2>&1 || true; done

tsv="$out/pull-tail.tsv"
printf 'round\ttarget\tclients\tMB_per_s\tp50_ms\tp90_ms\tp99_ms\tmax_ms\toperations\terrors\tcpu_s_per_GB\trss_MiB\tload1\n' >"$tsv"
for round in $(seq "$rounds"); do
  for c in ${levels//,/ }; do
    for t in "${targets[@]}"; do
      IFS='|' read -r label url pid <<<"$t"
      perf_pid=
      if [ -n "${PERF:-}" ] && [ "$round" = 1 ] && [ "$c" = "${levels%%,*}" ] && [[ $label == berth || $label == berth+nginx ]]; then
        perf record -F 499 -g -p "$pid" -o "$work/perf.data" >"$work/perf.log" 2>&1 & perf_pid=$!
      fi
      "$berth" bench pull --registry "$url" --label "$label" --no-seed --server-pid "$pid" "${common[@]}" -c "$c" -d "$duration" \
        --json "$work/r.json" >/dev/null 2>&1 || { echo "!! $label at $c failed" >&2; continue; }
      if [ -n "$perf_pid" ]; then
        kill -INT "$perf_pid" 2>/dev/null || echo "!! perf record ended early: $(tail -2 "$work/perf.log")" >&2
        wait "$perf_pid" 2>/dev/null || true
        { perf report -i "$work/perf.data" --no-children -g none --sort comm,dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -15 || true
          echo; perf report -i "$work/perf.data" --no-children -g none --sort sym --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -30 || true
        } >"$out/pull-tail-perf-${label/+/-}.txt"
      fi
      python3 - "$work/r.json" "$round" "$label" "$(cut -d' ' -f1 /proc/loadavg)" >>"$tsv" <<'PY'
import json, sys
l = json.load(open(sys.argv[1]))["levels"][0]; t = l["latency"]; s = l["server"]
print("\t".join([sys.argv[2], sys.argv[3], str(l["concurrency"]), "%.0f" % l["megabytesPerSecond"], "%.0f" % t["p50"], "%.0f" % t["p90"],
                 "%.0f" % t["p99"], "%.0f" % t["max"], str(l["operations"]), str(l["errorCount"]), "%.2f" % (l["serverCpuSecondsPerGigabyte"] or 0),
                 "%.0f" % max(s.get("peakRssMiB") or 0, s.get("maxSampledRssMiB") or 0), sys.argv[4]]))
PY
    done
  done
done
python3 - "$tsv" >"$out/pull-tail.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| round | clients | target | MB/s | p50 ms | p99 ms | max ms | p99 ÷ nginx's | MB/s ÷ nginx's | errors | CPU s/GB | RSS MiB | load |")
print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    n = next((x for x in rows if x["round"] == r["round"] and x["clients"] == r["clients"] and x["target"] == "nginx"), None)
    rel = lambda k: "%.2f×" % (float(r[k]) / float(n[k])) if n and float(n[k]) else "-"
    print(f"| {r['round']} | {r['clients']} | {r['target']} | {r['MB_per_s']} | {r['p50_ms']} | {r['p99_ms']} | {r['max_ms']} | {rel('p99_ms')} | {rel('MB_per_s')} | {r['errors']} | {r['cpu_s_per_GB']} | {r['rss_MiB']} | {r['load1']} |")
PY
cat "$out/pull-tail.md"
