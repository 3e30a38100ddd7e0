#!/usr/bin/env bash
# Push CPU against the floor (issue 16): what receiving, hashing and writing a blob must cost on this machine, measured
# in the same run as Berth (and distribution 2.8) receiving the same bytes.
#   floor = nginx receiving the body into a file (client_body_in_file_only, the kernel's receive and write)
#           + `openssl dgst -sha256` of the same file (SHA-256 with the CPU's SHA extensions);
#   Berth = POST + PUT ?digest= with the whole body (monolithic), and POST + PATCH chunks of 4 MiB and 64 MiB + PUT
#           (chunked, on one keep-alive connection as docker and containerd send them: bench/chunked-upload.py; until
#           2026-12-05 14:30 UTC each PATCH was a curl of its own, a new connection per chunk), every blob fsynced as
#           the filesystem driver always does (the floor does not fsync);
#   distribution = the monolithic upload.
# Every upload sends content never sent before (its first 16 bytes changed, the digest computed before the upload and
# outside its measurement): a registry that already holds a blob drops a repeated upload's bytes at the commit without
# fsyncing them, which made repeated uploads of one file cheaper than a real push (until 2026-12-05 13:30 UTC). Each
# stored copy (nginx's body file, the registries' blob) is deleted by this script after its upload, outside the
# measurement, so every upload writes into page cache freed the same way.
# Server CPU is utime+stime from /proc/PID/stat around each upload; each measurement is repeated BENCH_REPEAT times and
# the median kept. With PERF=1, `perf record` profiles Berth's monolithic uploads (DOTNET_PerfMapEnabled for JIT
# frames) and the top symbols go to push-floor-perf.txt (PERF_CHUNKED=1: the 4 MiB chunked uploads instead). With
# BERTH_BEFORE set to another build's `berth` (e.g. main's), that build's uploads are measured in the same run,
# interleaved with this build's (after, before, after...), for every upload path.
# The issue's figure: `NO_BUILD=1 bench/push-floor.sh` (512 MiB, median of 3), the "× floor" column.
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
# The upload location reads the whole body into a file of its own (kept: this script deletes it after the upload, as it
# deletes the registries' blobs, so that page cache is freed alike for every upload path), then
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
      client_body_in_file_only on;
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

blob=$work/blob
head -c "$((mib * 1024 * 1024))" /dev/urandom >"$blob"
bytes=$(stat -c %s "$blob")
hex=$(openssl dgst -sha256 -r "$blob" | cut -d' ' -f1)

echo 0 >"$work/serial"
fresh() { # new content for the next upload: its first 16 bytes changed, its digest computed before the measurement
  local serial; serial=$(($(cat "$work/serial") + 1)); echo "$serial" >"$work/serial"
  printf '%016x' "$serial" | dd of="$blob" bs=16 count=1 conv=notrunc status=none
  hex=$(openssl dgst -sha256 -r "$blob" | cut -d' ' -f1)
}
forget() { # deletes the stored copies of the last upload (registries' blob files, nginx's body files), outside any measurement
  find "$work/berth" "$work/berth-before" "$work/distribution" -path "*/$hex/data" -type f -delete 2>/dev/null || true
  find "$work/body" -type f -delete
}
ticks() { local sum=0 pid; for pid in ${1//,/ }; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
location() { # registry-url repository -> absolute upload URL
  local l; l=$(curl -fs -D - -o /dev/null -X POST "$1/v2/$2/blobs/uploads/" | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
  case $l in http*) echo "$l" ;; *) echo "$1$l" ;; esac
}
with_query() { case $1 in *\?*) echo "$1&$2" ;; *) echo "$1?$2" ;; esac; }

monolithic() { # url pids -> cpu ticks of one upload
  local url=$1 pids=$2 loc c0 c1; fresh; loc=$(location "$url" bench/floor-$RANDOM)
  c0=$(ticks "$pids")
  curl -fs -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$blob" "$(with_query "$loc" "digest=sha256:$hex")"
  c1=$(ticks "$pids"); forget; echo $((c1 - c0))
}
chunked() { # url pids chunk-mib -> cpu ticks of one chunked upload (one keep-alive connection, as real clients do)
  local url=$1 pids=$2 chunk=$(( $3 * 1024 * 1024 )) loc c0 c1
  fresh; loc=$(location "$url" bench/floor-$RANDOM)
  c0=$(ticks "$pids")
  python3 "$repo/bench/chunked-upload.py" "$loc" "$blob" "$chunk" "sha256:$hex"
  c1=$(ticks "$pids"); forget; echo $((c1 - c0))
}
nginx_receive() { local c0 c1; fresh; c0=$(ticks "$nginx_pids"); curl -fs -o /dev/null -X POST -H 'Content-Type: application/octet-stream' --data-binary "@$blob" "http://127.0.0.1:$nginx_port/upload"; c1=$(ticks "$nginx_pids"); forget; echo $((c1 - c0)); }
openssl_hash() { /usr/bin/time -f '%U %S' openssl dgst -sha256 "$blob" 2>&1 >/dev/null | awk '{printf "%d\n", ($1 + $2) * 100 + 0.5}'; }
measure() { local i; for i in $(seq "$repeat"); do "$@"; done | median; }

# Warm-up: every upload path runs a few times first, so the JIT's tier-1 compilations (which showed as a quarter of the
# CPU of a cold server's chunked uploads under perf) and the page cache are not measured. The per-request code (POST,
# PATCH, PUT) becomes hot only after some 30 calls: 30 small uploads of each kind go first (2 MiB, 1 MiB chunks).
(
  blob=$work/small; bytes=$((2 * 1024 * 1024)); head -c "$bytes" /dev/urandom >"$blob"
  for _ in $(seq 30); do
    monolithic "http://127.0.0.1:$berth_port" "$berth_pid" >/dev/null; chunked "http://127.0.0.1:$berth_port" "$berth_pid" 1 >/dev/null
    [ -z "$before_pid" ] || { monolithic "http://127.0.0.1:$before_port" "$before_pid" >/dev/null; chunked "http://127.0.0.1:$before_port" "$before_pid" 1 >/dev/null; }
  done
)
for _ in 1 2; do
  monolithic "http://127.0.0.1:$berth_port" "$berth_pid" >/dev/null; chunked "http://127.0.0.1:$berth_port" "$berth_pid" 4 >/dev/null
  monolithic "http://127.0.0.1:$dist_port" "$dist_pid" >/dev/null
  [ -z "$before_pid" ] || { monolithic "http://127.0.0.1:$before_port" "$before_pid" >/dev/null; chunked "http://127.0.0.1:$before_port" "$before_pid" 4 >/dev/null; }
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
# Each upload path is measured BENCH_REPEAT times; with BERTH_BEFORE, alternately with the other build's (after,
# before, after...) so that the machine's load falls on both alike. PERF profiles the first build's uploads only.
both() { # upload-function [args...] -> "after-median before-median"
  local i
  for i in $(seq "$repeat"); do
    echo "after $("$1" "http://127.0.0.1:$berth_port" "$berth_pid" "${@:2}")"
    [ -z "$before_pid" ] || echo "before $("$1" "http://127.0.0.1:$before_port" "$before_pid" "${@:2}")"
  done >"$work/ab.txt"
  echo "$(awk '$1 == "after" {print $2}' "$work/ab.txt" | median) $(awk '$1 == "before" {print $2}' "$work/ab.txt" | median)"
}
[ -n "${PERF_CHUNKED:-}" ] || perf_start
read -r berth_mono before_mono <<<"$(both monolithic)"
[ -n "${PERF_CHUNKED:-}" ] || perf_stop
read -r berth_c64 before_c64 <<<"$(both chunked 64)"
[ -z "${PERF_CHUNKED:-}" ] || perf_start
read -r berth_c4 before_c4 <<<"$(both chunked 4)"
[ -z "${PERF_CHUNKED:-}" ] || perf_stop
echo "== distribution 2.8: monolithic" >&2
dist_mono=$(measure monolithic "http://127.0.0.1:$dist_port" "$dist_pid")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  printf 'what\tserver_cpu_s\tcpu_s_per_gb\tx_floor\n'
  row() { awk -v w="$1" -v t="$2" -v f="$floor" -v b="$bytes" 'BEGIN {printf "%s\t%.2f\t%.3f\t%.2f\n", w, t/100, t/100/(b/1e9), t/f}'; }
  row "floor: nginx receive to file" "$floor_nginx"; row "floor: openssl dgst -sha256" "$floor_sha"; row "floor (sum)" "$floor"
  row "berth monolithic" "$berth_mono"; row "berth chunked 64 MiB" "$berth_c64"; row "berth chunked 4 MiB" "$berth_c4"
  if [ -n "$before_pid" ]; then
    row "berth-before monolithic" "$before_mono"; row "berth-before chunked 64 MiB" "$before_c64"; row "berth-before chunked 4 MiB" "$before_c4"
  fi
  row "distribution monolithic" "$dist_mono"
} >"$out/push-floor.tsv"
{
  echo "| upload of $mib MiB | server CPU s | CPU s/GB | × floor |"
  echo "|---|---:|---:|---:|"
  tail -n +2 "$out/push-floor.tsv" | awk -F'\t' '{printf "| %s | %s | %s | %s× |\n", $1, $2, $3, $4}'
  echo
  echo "Median of $repeat; CPU ticks are 10 ms. Load average before: $load_before; after: $load_after; $(date -u +%FT%TZ)."
} | tee "$out/push-floor.md"
