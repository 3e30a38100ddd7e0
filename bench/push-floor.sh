#!/usr/bin/env bash
# Push CPU against the floor (issue 16): what receiving, hashing and writing a blob must cost on this machine, measured
# in the same run as Berth (and distribution 2.8) receiving the same bytes.
#   floor = nginx receiving the body into a file (client_body_in_file_only, the kernel's receive and write)
#           + `openssl dgst -sha256` of the same file (SHA-256 with the CPU's SHA extensions);
#   Berth = POST + PUT ?digest= with the whole body (monolithic), and POST + PATCH chunks of 4 MiB and 64 MiB + PUT
#           (chunked), every blob fsynced as the filesystem driver always does (the floor does not fsync);
#   distribution = the monolithic upload.
# Server CPU is utime+stime from /proc/PID/stat around each upload; each measurement is repeated BENCH_REPEAT times and
# the median kept. With PERF=1, `perf record` profiles Berth's monolithic uploads (DOTNET_PerfMapEnabled for JIT
# frames) and the top symbols go to push-floor-perf.txt (PERF_CHUNKED=1: the 4 MiB chunked uploads instead). With
# BERTH_BEFORE set to another build's `berth` (e.g. main's), that build's chunked 4 MiB upload is measured in the same run.
# Writes push-floor.tsv and push-floor.md into $BENCH_OUT.
# Knobs: BENCH_PUSH_MIB (512), BENCH_REPEAT (3), BENCH_OUT (bench/results), NO_BUILD, PERF, PERF_CHUNKED, BERTH_BEFORE,
# BERTH (the berth to measure; default: this tree's Release build).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${BENCH_OUT:-$repo/bench/results}
mib=${BENCH_PUSH_MIB:-512} repeat=${BENCH_REPEAT:-3}
berth_port=15640 dist_port=15641 nginx_port=15642 sink_port=15643 before_port=15644
for tool in nginx curl openssl docker-registry python3; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is missing: apt-get install nginx curl openssl docker-registry python3" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
[ -z "${PERF:-}" ] || command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }

work=$(mktemp -d /tmp/berth-push-floor.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  sleep 0.3; rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out" "$work/body" "$work/tmp"

[ -n "${NO_BUILD:-}" ] || dotnet build src/Berth/Berth.csproj -c Release -nologo -v q >&2
berth=${BERTH:-$repo/src/Berth/bin/Release/net10.0/berth}

DOTNET_PerfMapEnabled=${PERF:+1} DOTNET_EnableWriteXorExecute=${PERF:+0} "$berth" serve --auth none --listen "127.0.0.1:$berth_port" \
  --data-dir "$work/berth" --storage filesystem --GarbageCollection:Enabled=false --Logging:LogLevel:Default=Warning >"$work/berth.log" 2>&1 &
berth_pid=$!; pids+=("$berth_pid")
before_pid=
if [ -n "${BERTH_BEFORE:-}" ]; then
  DOTNET_PerfMapEnabled=${PERF:+1} DOTNET_EnableWriteXorExecute=${PERF:+0} "$BERTH_BEFORE" serve --auth none --listen "127.0.0.1:$before_port" --data-dir "$work/berth-before" --storage filesystem \
    --GarbageCollection:Enabled=false --Logging:LogLevel:Default=Warning >"$work/berth-before.log" 2>&1 &
  before_pid=$!; pids+=("$before_pid")
fi
cat >"$work/dist.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/distribution}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$dist_port}
YAML
docker-registry serve "$work/dist.yml" >"$work/dist.log" 2>&1 &
dist_pid=$!; pids+=("$dist_pid")
# The upload location reads the whole body into a file of its own (kept only for the request: "clean"), then
# proxies an empty request to a sink that answers 201: nginx's cheapest path that receives every byte to disk.
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/tmp/p; fastcgi_temp_path $work/tmp/f;
  uwsgi_temp_path $work/tmp/u; scgi_temp_path $work/tmp/s;
  server {
    listen 127.0.0.1:$nginx_port;
    client_max_body_size 0;
    location /upload {
      client_body_in_file_only clean;
      client_body_buffer_size 1m;
      proxy_pass http://127.0.0.1:$sink_port/;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
    }
  }
  server { listen 127.0.0.1:$sink_port; location / { return 201; } }
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon on;' >&2
for url in "http://127.0.0.1:$berth_port/v2/" "http://127.0.0.1:$dist_port/v2/" ${before_pid:+"http://127.0.0.1:$before_port/v2/"}; do
  for _ in $(seq 600); do curl -fs -o /dev/null "$url" && break; sleep 0.1; done
done
nginx_pids=$(cat "$work/nginx.pid"),$(pgrep -d, -P "$(cat "$work/nginx.pid")")

head -c "$((mib * 1024 * 1024))" /dev/urandom >"$work/blob"
bytes=$(stat -c %s "$work/blob")
hex=$(openssl dgst -sha256 -r "$work/blob" | cut -d' ' -f1)

ticks() { local sum=0 pid; for pid in ${1//,/ }; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
location() { # registry-url repository -> absolute upload URL
  local l; l=$(curl -fs -D - -o /dev/null -X POST "$1/v2/$2/blobs/uploads/" | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
  case $l in http*) echo "$l" ;; *) echo "$1$l" ;; esac
}
with_query() { case $1 in *\?*) echo "$1&$2" ;; *) echo "$1?$2" ;; esac; }

monolithic() { # url pids -> cpu ticks of one upload
  local url=$1 pids=$2 loc c0 c1; loc=$(location "$url" bench/floor-$RANDOM)
  c0=$(ticks "$pids")
  curl -fs -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$work/blob" "$(with_query "$loc" "digest=sha256:$hex")"
  c1=$(ticks "$pids"); echo $((c1 - c0))
}
chunked() { # url pids chunk-mib -> cpu ticks of one chunked upload
  local url=$1 pids=$2 chunk=$(( $3 * 1024 * 1024 )) loc c0 c1 offset=0 n=0 end
  loc=$(location "$url" bench/floor-$RANDOM)
  c0=$(ticks "$pids")
  while [ $offset -lt "$bytes" ]; do
    end=$(( offset + chunk < bytes ? offset + chunk : bytes ))
    loc=$(dd if="$work/blob" iflag=skip_bytes,count_bytes skip=$offset count=$((end - offset)) bs=1M status=none | curl -fs -D - -o /dev/null -X PATCH \
      -H 'Content-Type: application/octet-stream' -H "Content-Range: $offset-$((end - 1))" -H "Content-Length: $((end - offset))" \
      --data-binary @- "$loc" | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
    case $loc in http*) ;; *) loc="$url$loc" ;; esac
    offset=$end; n=$((n + 1))
  done
  curl -fs -o /dev/null -X PUT "$(with_query "$loc" "digest=sha256:$hex")"
  c1=$(ticks "$pids"); echo $((c1 - c0))
}
nginx_receive() { local c0 c1; c0=$(ticks "$nginx_pids"); curl -fs -o /dev/null -X POST -H 'Content-Type: application/octet-stream' --data-binary "@$work/blob" "http://127.0.0.1:$nginx_port/upload"; c1=$(ticks "$nginx_pids"); echo $((c1 - c0)); }
openssl_hash() { /usr/bin/time -f '%U %S' openssl dgst -sha256 "$work/blob" 2>&1 >/dev/null | awk '{printf "%d\n", ($1 + $2) * 100 + 0.5}'; }
measure() { local i; for i in $(seq "$repeat"); do "$@"; done | median; }

# Warm-up: every upload path runs a few times first, so the JIT's tier-1 compilations (which showed as a quarter of the
# CPU of a cold server's chunked uploads under perf) and the page cache are not measured.
for _ in 1 2; do
  monolithic "http://127.0.0.1:$berth_port" "$berth_pid" >/dev/null; chunked "http://127.0.0.1:$berth_port" "$berth_pid" 4 >/dev/null
  monolithic "http://127.0.0.1:$dist_port" "$dist_pid" >/dev/null
  [ -z "$before_pid" ] || chunked "http://127.0.0.1:$before_port" "$before_pid" 4 >/dev/null
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== floor: nginx receive into a file + openssl dgst -sha256 ($mib MiB, median of $repeat)" >&2
floor_nginx=$(measure nginx_receive); floor_sha=$(measure openssl_hash)
floor=$((floor_nginx + floor_sha))
echo "== berth: monolithic, chunked 64 MiB, chunked 4 MiB" >&2
perf_pid=
perf_report=push-floor-perf.txt
perf_start() { # [pid] [report file]
  [ -n "${PERF:-}" ] || return 0
  perf_report=${2:-push-floor-perf.txt}; perf record -F 999 -g -p "${1:-$berth_pid}" -o "$work/perf.data" >/dev/null 2>&1 & perf_pid=$!
}
perf_stop() {
  [ -n "$perf_pid" ] || return 0
  kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true; perf_pid=
  { perf report -i "$work/perf.data" --no-children -g none --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -15 || true
    echo; perf report -i "$work/perf.data" --no-children -g none --sort sym --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -40 || true
  } >"$out/$perf_report"
}
[ -n "${PERF_CHUNKED:-}" ] || perf_start
berth_mono=$(measure monolithic "http://127.0.0.1:$berth_port" "$berth_pid")
[ -n "${PERF_CHUNKED:-}" ] || perf_stop
berth_c64=$(measure chunked "http://127.0.0.1:$berth_port" "$berth_pid" 64)
[ -z "${PERF_CHUNKED:-}" ] || perf_start
berth_c4=$(measure chunked "http://127.0.0.1:$berth_port" "$berth_pid" 4)
[ -z "${PERF_CHUNKED:-}" ] || perf_stop
before_c4=
if [ -n "$before_pid" ]; then
  [ -z "${PERF_CHUNKED:-}" ] || perf_start "$before_pid" push-floor-perf-before.txt
  before_c4=$(measure chunked "http://127.0.0.1:$before_port" "$before_pid" 4)
  [ -z "${PERF_CHUNKED:-}" ] || perf_stop
fi
# Before/after of the 4 MiB chunked upload, interleaved (after, before, after…) so that the machine's load falls on both
# alike: server CPU and the client's wall time of each whole upload (POST, 128 PATCHes, PUT for 512 MiB).
ab=
if [ -n "$before_pid" ]; then
  timed() { local t0 t1 c; t0=$(date +%s%N); c=$(chunked "$@"); t1=$(date +%s%N); echo "$c $(( (t1 - t0) / 1000000 ))"; }
  for _ in $(seq "$((repeat * 2))"); do
    echo "after $(timed "http://127.0.0.1:$berth_port" "$berth_pid" 4)"
    echo "before $(timed "http://127.0.0.1:$before_port" "$before_pid" 4)"
  done >"$work/ab.txt"
  ab=$(for w in after before; do
    awk -v w="$w" '$1 == w {print $2}' "$work/ab.txt" | median | awk -v w="$w" '{printf "%s %s ", w, $1}'
    awk -v w="$w" '$1 == w {print $3}' "$work/ab.txt" | median | awk '{printf "%s\n", $1}'
  done)
fi
echo "== distribution 2.8: monolithic" >&2
dist_mono=$(measure monolithic "http://127.0.0.1:$dist_port" "$dist_pid")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  printf 'what\tserver_cpu_s\tcpu_s_per_gb\tx_floor\n'
  row() { awk -v w="$1" -v t="$2" -v f="$floor" -v b="$bytes" 'BEGIN {printf "%s\t%.2f\t%.3f\t%.2f\n", w, t/100, t/100/(b/1e9), t/f}'; }
  row "floor: nginx receive to file" "$floor_nginx"; row "floor: openssl dgst -sha256" "$floor_sha"; row "floor (sum)" "$floor"
  row "berth monolithic" "$berth_mono"; row "berth chunked 64 MiB" "$berth_c64"; row "berth chunked 4 MiB" "$berth_c4"
  [ -z "$before_c4" ] || row "berth-before chunked 4 MiB" "$before_c4"
  row "distribution monolithic" "$dist_mono"
} >"$out/push-floor.tsv"
{
  echo "| upload of $mib MiB | server CPU s | CPU s/GB | × floor |"
  echo "|---|---:|---:|---:|"
  tail -n +2 "$out/push-floor.tsv" | awk -F'\t' '{printf "| %s | %s | %s | %s× |\n", $1, $2, $3, $4}'
  echo
  echo "Median of $repeat; CPU ticks are 10 ms. Load average before: $load_before; after: $load_after; $(date -u +%FT%TZ)."
  if [ -n "$ab" ]; then
    echo
    echo "| 4 MiB chunks, interleaved ($((repeat * 2)) each) | server CPU s (median) | × floor | upload wall time s (median) |"
    echo "|---|---:|---:|---:|"
    awk -v f="$floor" '{printf "| berth%s | %.2f | %.2f× | %.2f |\n", ($1 == "after" ? "" : "-before"), $2/100, $2/f, $3/1000}' <<<"$ab"
  fi
} | tee "$out/push-floor.md"
