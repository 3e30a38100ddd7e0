#!/usr/bin/env bash
# Side-by-side benchmark: Berth, CNCF distribution 2.8 (Debian docker-registry) and nginx serving the same bytes as
# static files, all on 127.0.0.1 on this machine, with the same data, measured by the same tools in one run.
# Prints tables with each figure and the ratios Berth/distribution and Berth/nginx; writes JSON, TSV, charts and
# summary.md into bench/results/ (or $BENCH_OUT).
#
# Knobs (environment): BENCH_LEVELS (1,16,64,256,1024), BENCH_DURATION (3s), BENCH_PULL_DURATION (8s),
# BENCH_BLOB_SIZE (64MiB), BENCH_PUSH_LEVELS (1,16,64,256), BENCH_PUSH_LAYER (16MiB), BENCH_E2E_LAYER_MIB (32),
# BENCH_CURL_MIB (256), BENCH_OUT (bench/results).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${BENCH_OUT:-$repo/bench/results}
levels=${BENCH_LEVELS:-1,16,64,256,1024}
duration=${BENCH_DURATION:-3s}
pull_duration=${BENCH_PULL_DURATION:-8s}
blob_size=${BENCH_BLOB_SIZE:-64MiB}
push_levels=${BENCH_PUSH_LEVELS:-1,16,64,256}
push_layer=${BENCH_PUSH_LAYER:-16MiB}
e2e_layer_mib=${BENCH_E2E_LAYER_MIB:-32}
curl_mib=${BENCH_CURL_MIB:-256}
berth_port=15610 dist_port=15611 nginx_port=15612 offload_berth_port=15613 offload_port=15614
berth_url=http://127.0.0.1:$berth_port dist_url=http://127.0.0.1:$dist_port nginx_url=http://127.0.0.1:$nginx_port
offload_url=http://127.0.0.1:$offload_port
accept="application/vnd.oci.image.manifest.v1+json"

need=()
for tool in docker-registry:docker-registry nginx:nginx wrk:wrk skopeo:skopeo curl:curl jq:jq openssl:openssl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${tool%%:*}" ] || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}" >&2
fi
ulimit -n 65536 2>/dev/null || echo "note: could not raise the open-files limit ($(ulimit -n))" >&2

work=$(mktemp -d /tmp/berth-compare.XXXXXX)
chmod 755 "$work" # nginx workers run unprivileged and must read the static root inside
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for f in "$work"/nginx*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out" "$work/static" "$work/nginx-tmp"

echo "== building Berth (Release)" >&2
dotnet build src/Berth/Berth.csproj -c Release -nologo -v q >&2
berth="$repo/src/Berth/bin/Release/net10.0/berth"

wait_up() { for _ in $(seq 1 200); do curl -fs -o /dev/null "$1/v2/" && return 0; sleep 0.1; done; echo "$1 did not come up" >&2; return 1; }

echo "== starting servers on 127.0.0.1:$berth_port (berth), :$dist_port (distribution), :$nginx_port (nginx)" >&2
"$berth" serve --auth none --listen "127.0.0.1:$berth_port" --data-dir "$work/berth" --storage filesystem \
  --Logging:LogLevel:Default=Warning >"$work/berth.log" 2>&1 &
berth_pid=$!; server_pids+=("$berth_pid")

cat >"$work/distribution.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $work/distribution}
  delete: {enabled: true}
http: {addr: 127.0.0.1:$dist_port}
EOF
docker-registry serve "$work/distribution.yml" >"$work/distribution.log" 2>&1 &
dist_pid=$!; server_pids+=("$dist_pid")

cat >"$work/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000; keepalive_timeout 120s;
  client_body_temp_path $work/nginx-tmp/body; proxy_temp_path $work/nginx-tmp/proxy;
  fastcgi_temp_path $work/nginx-tmp/fastcgi; uwsgi_temp_path $work/nginx-tmp/uwsgi; scgi_temp_path $work/nginx-tmp/scgi;
  types { }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    location = /v2/ { default_type application/json; return 200 '{}'; }
    location ~ ^/v2/.+/manifests/ { default_type $accept; add_header Docker-Distribution-API-Version registry/2.0; }
    location ~ ^/v2/.+/blobs/ { default_type application/octet-stream; }
  }
}
EOF
nginx -c "$work/nginx.conf" -g 'daemon on;' >&2
for url in "$berth_url" "$dist_url" "$nginx_url"; do wait_up "$url"; done
nginx_pids=$(cat "$work/nginx.pid"),$(pgrep -d, -P "$(cat "$work/nginx.pid")")

bench() { "$berth" bench "$@"; }
common=(--repository bench/pull --tag v1 --layers 1 --layer-size "$blob_size")

echo "== seeding the same image (1 layer of $blob_size) into both registries and the nginx root" >&2
bench seed --registry "$dist_url" "${common[@]}" --export-dir "$work/static" >&2
bench seed --registry "$berth_url" "${common[@]}" >&2 || echo "!! seeding Berth failed: its figures will show errors" >&2

run_targets() { # scenario, extra args…: runs berth bench against berth, distribution and nginx (read scenarios)
  local scenario=$1; shift
  bench "$scenario" --registry "$berth_url" --label berth --server-pid "$berth_pid" --json "$out/$scenario-berth.json" "$@" || true
  bench "$scenario" --registry "$dist_url" --label distribution --server-pid "$dist_pid" --json "$out/$scenario-distribution.json" "$@" || true
  if [ "$scenario" != push ]; then
    bench "$scenario" --registry "$nginx_url" --label nginx --no-seed --server-pid "$nginx_pids" --json "$out/$scenario-nginx.json" "$@" || true
  fi
}

# Offload mode: a second Berth node on the same storage answers blob GETs with X-Accel-Redirect, and an nginx in
# front of it sends the file itself. Only pulls are measured through it.
"$berth" serve --auth none --listen "127.0.0.1:$offload_berth_port" --data-dir "$work/berth" --storage filesystem \
  --Logging:LogLevel:Default=Warning --Registry:BlobOffload:Mode=XAccelRedirect \
  --Registry:BlobOffload:InternalLocation=/_berth/storage >"$work/berth-offload.log" 2>&1 &
offload_berth_pid=$!; server_pids+=("$offload_berth_pid")
cat >"$work/nginx-offload.conf" <<EOF
worker_processes 2;
pid $work/nginx-offload.pid;
error_log $work/nginx-offload-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000; keepalive_timeout 120s;
  client_body_temp_path $work/nginx-tmp/obody; proxy_temp_path $work/nginx-tmp/oproxy;
  fastcgi_temp_path $work/nginx-tmp/ofastcgi; uwsgi_temp_path $work/nginx-tmp/ouwsgi; scgi_temp_path $work/nginx-tmp/oscgi;
  types { }
  upstream berth { server 127.0.0.1:$offload_berth_port; keepalive 512; }
  server {
    listen 127.0.0.1:$offload_port;
    client_max_body_size 0;
    location / {
      proxy_pass http://berth; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host \$http_host; proxy_request_buffering off; proxy_buffering off;
    }
    location ~ "^/_berth/storage/(.+/blobs/(sha256|sha512)/[0-9a-f]{2}/([0-9a-f]+)/data)$" { # docs/deployment.md, section 5
      internal;
      alias $work/berth/\$1;
      default_type application/octet-stream;
      etag off;
      add_header ETag "\\"\$2:\$3\\"";
      add_header Docker-Content-Digest \$2:\$3;
      add_header Docker-Distribution-API-Version registry/2.0;
    }
  }
}
EOF
nginx -c "$work/nginx-offload.conf" -g 'daemon on;' >&2
wait_up "$offload_url" || true
offload_pids=$offload_berth_pid,$(cat "$work/nginx-offload.pid"),$(pgrep -d, -P "$(cat "$work/nginx-offload.pid")")

echo "== manifest GET by tag (berth bench), levels $levels, $duration each" >&2
run_targets manifest "${common[@]}" -c "$levels" -d "$duration"
echo "== blob pull ($blob_size, all clients the same image), levels $levels, $pull_duration each" >&2
run_targets pull "${common[@]}" -c "$levels" -d "$pull_duration"
echo "== blob pull through nginx with X-Accel-Redirect to Berth's storage, levels $levels, $pull_duration each" >&2
bench pull --registry "$offload_url" --label berth+nginx --no-seed --server-pid "$offload_pids" --json "$out/pull-offload.json" "${common[@]}" -c "$levels" -d "$pull_duration" || true
echo "== push (1 layer of $push_layer per image, unique content), levels $push_levels, $duration each" >&2
run_targets push --repository bench/push --layers 1 --layer-size "$push_layer" -c "$push_levels" -d "$duration"
echo "== mixed (90% manifest GET, 9% pull, 1% push of 1 MiB images) at 64 clients" >&2
for t in berth:$berth_url:$berth_pid distribution:$dist_url:$dist_pid; do
  label=${t%%:*}; rest=${t#*:}; url=${rest%:*}; pid=${rest##*:}
  bench mixed --registry "$url" --label "$label" --server-pid "$pid" --repository bench/mixed --layer-size 1MiB -c 64 -d "$duration" --json "$out/mixed-$label.json" || true
done

echo "== manifest GET by tag (wrk -t2), levels $levels, $duration each" >&2
printf 'target\tclients\trequests_per_s\tp50_ms\tp99_ms\terrors\n' >"$out/wrk-manifest.tsv"
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
for t in berth:$berth_url distribution:$dist_url nginx:$nginx_url; do
  label=${t%%:*}; url=${t#*:}
  for c in ${levels//,/ }; do
    threads=2; [ "$c" -lt 2 ] && threads=1
    result=$(wrk -t"$threads" -c"$c" -d"$duration" --latency -H "Accept: $accept" "$url/v2/bench/pull/manifests/v1" 2>&1 || true)
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$result")
    p50=$(awk '$1=="50%" {print $2}' <<<"$result" | to_ms); p99=$(awk '$1=="99%" {print $2}' <<<"$result" | to_ms)
    errors=$(awk '/Non-2xx|Socket errors/ {for (i=1;i<=NF;i++) if ($i ~ /^[0-9]+,?$/) s+=$i} END {print s+0}' <<<"$result")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$c" "${rps:-0}" "${p50:-0}" "${p99:-0}" "$errors" >>"$out/wrk-manifest.tsv"
  done
done

echo "== end to end: skopeo copy (3 layers of $e2e_layer_mib MiB) and curl ($curl_mib MiB blob)" >&2
layout="$work/layout"; mkdir -p "$layout/blobs/sha256"
diff_ids=() layers_json=()
for i in 1 2 3; do
  head -c "$((e2e_layer_mib * 1024 * 1024))" /dev/urandom >"$work/f$i"
  tar -C "$work" -cf "$work/l$i.tar" "f$i"; diff_ids+=("\"sha256:$(openssl dgst -sha256 -r "$work/l$i.tar" | cut -d' ' -f1)\"")
  gzip -1 -n -c "$work/l$i.tar" >"$work/l$i.tgz"; hex=$(openssl dgst -sha256 -r "$work/l$i.tgz" | cut -d' ' -f1)
  mv "$work/l$i.tgz" "$layout/blobs/sha256/$hex"; rm -f "$work/l$i.tar" "$work/f$i"
  layers_json+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$hex\",\"size\":$(stat -c %s "$layout/blobs/sha256/$hex")}")
done
put_json() { local hex; hex=$(printf '%s' "$1" | openssl dgst -sha256 -r | cut -d' ' -f1); printf '%s' "$1" >"$layout/blobs/sha256/$hex"; echo "$hex"; }
config_hex=$(put_json "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$(IFS=,; echo "${diff_ids[*]}")]}}")
manifest="{\"schemaVersion\":2,\"mediaType\":\"$accept\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_hex\",\"size\":$(stat -c %s "$layout/blobs/sha256/$config_hex")},\"layers\":[$(IFS=,; echo "${layers_json[*]}")]}"
manifest_hex=$(put_json "$manifest")
printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"%s","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}' \
  "$accept" "$manifest_hex" "${#manifest}" >"$layout/index.json"
mkdir -p "$work/static/v2/e2e/skopeo/manifests" "$work/static/v2/e2e/skopeo/blobs"
cp "$layout/blobs/sha256/$manifest_hex" "$work/static/v2/e2e/skopeo/manifests/v1"
for f in "$layout"/blobs/sha256/*; do ln "$f" "$work/static/v2/e2e/skopeo/blobs/sha256:$(basename "$f")"; done

cpu_ticks() { local sum=0; for pid in ${1//,/ }; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }
now() { date +%s.%N; }
printf 'client\toperation\ttarget\tseconds\tMB_per_s\tserver_cpu_s\n' >"$out/e2e.tsv"
e2e_row() { # client op target seconds bytes cpu_ticks; seconds "-" when the client failed
  if [ "$4" = - ]; then printf '%s\t%s\t%s\t-\t-\t-\n' "$1" "$2" "$3" >>"$out/e2e.tsv"; return; fi
  awk -v c="$1" -v o="$2" -v t="$3" -v s="$4" -v b="$5" -v k="$6" 'BEGIN {printf "%s\t%s\t%s\t%.3f\t%.1f\t%.2f\n", c, o, t, s, b/s/1e6, k/100}' >>"$out/e2e.tsv"
}
image_bytes=$(du -cb "$layout"/blobs/sha256/* | tail -1 | cut -f1)
for t in berth:$berth_url:$berth_pid distribution:$dist_url:$dist_pid nginx:$nginx_url:$nginx_pids; do
  label=${t%%:*}; rest=${t#*:}; url=${rest%:*}; pids=${rest##*:}; hostport=${url#http://}
  if [ "$label" != nginx ]; then
    rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb
    c0=$(cpu_ticks "$pids"); t0=$(now)
    if skopeo copy -q --dest-tls-verify=false "oci:$layout:v1" "docker://$hostport/e2e/skopeo:v1" >&2; then
      t1=$(now); c1=$(cpu_ticks "$pids")
      e2e_row skopeo push "$label" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$image_bytes" $((c1 - c0))
    else e2e_row skopeo push "$label" - 0 0; fi
  fi
  rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb; rm -rf "$work/pulled"
  c0=$(cpu_ticks "$pids"); t0=$(now)
  if skopeo copy -q --src-tls-verify=false "docker://$hostport/e2e/skopeo:v1" "oci:$work/pulled:v1" >&2; then
    t1=$(now); c1=$(cpu_ticks "$pids")
    e2e_row skopeo pull "$label" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$image_bytes" $((c1 - c0))
  else e2e_row skopeo pull "$label" - 0 0; fi
done

head -c "$((curl_mib * 1024 * 1024))" /dev/urandom >"$work/blob"
blob_hex=$(openssl dgst -sha256 -r "$work/blob" | cut -d' ' -f1)
curl_bytes=$(stat -c %s "$work/blob")
mkdir -p "$work/static/v2/e2e/curl/blobs"; ln "$work/blob" "$work/static/v2/e2e/curl/blobs/sha256:$blob_hex"
for t in berth:$berth_url:$berth_pid distribution:$dist_url:$dist_pid nginx:$nginx_url:$nginx_pids; do
  label=${t%%:*}; rest=${t#*:}; url=${rest%:*}; pids=${rest##*:}
  if [ "$label" != nginx ]; then
    location=$(curl -s -D - -o /dev/null -X POST "$url/v2/e2e/curl/blobs/uploads/" | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
    case $location in http*) ;; *) location="$url$location" ;; esac
    sep='?'; [[ $location == *\?* ]] && sep='&'
    c0=$(cpu_ticks "$pids")
    seconds=$(curl -fs -o /dev/null -w '%{time_total}' -T "$work/blob" -H 'Content-Type: application/octet-stream' "$location${sep}digest=sha256:$blob_hex") || seconds=-
    c1=$(cpu_ticks "$pids")
    e2e_row curl upload "$label" "$seconds" "$curl_bytes" $((c1 - c0))
  fi
  c0=$(cpu_ticks "$pids")
  seconds=$(curl -fs -o /dev/null -w '%{time_total}' "$url/v2/e2e/curl/blobs/sha256:$blob_hex") || seconds=-
  c1=$(cpu_ticks "$pids")
  e2e_row curl download "$label" "$seconds" "$curl_bytes" $((c1 - c0))
done
sha_rate=$(openssl speed -seconds 3 -bytes 1048576 -evp sha256 2>/dev/null | awk '/^sha256/ {v=$NF; sub(/k$/,"",v); print v*1000}')
awk -v r="$sha_rate" 'BEGIN {printf "openssl\tsha256 1 GB\t1 core\t%.3f\t%.1f\t%.3f\n", 1e9/r, r/1e6, 1e9/r}' >>"$out/e2e.tsv"

echo "== charts" >&2
chart() { # name title: one series per target that produced a report
  local files=(); for label in berth distribution nginx; do [ -f "$out/$1-$label.json" ] && files+=("$out/$1-$label.json"); done
  [ ${#files[@]} -gt 0 ] && bench chart -o "$out/$1.png" --title "$2" "${files[@]}" || true
}
chart manifest "Manifest GET by tag (berth bench)"
chart pull "Blob pull, $blob_size, all clients the same image"
if [ -f "$out/pull-offload.json" ]; then
  files=("$out/pull-offload.json")
  for label in nginx berth; do [ -f "$out/pull-$label.json" ] && files+=("$out/pull-$label.json"); done
  bench chart -o "$out/pull-offload.png" --title "Blob pull: Berth behind nginx (X-Accel-Redirect) vs nginx static vs Berth" "${files[@]}" || true
fi
chart push "Push, 1 x $push_layer layer per image, unique content"

"$repo/bench/summarize.sh" "$out" | tee "$out/summary.md"
{ echo; echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GB RAM;" \
    "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); run at $(date -u +%FT%TZ)."; } | tee -a "$out/summary.md"
