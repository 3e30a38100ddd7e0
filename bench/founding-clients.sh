#!/usr/bin/env bash
# The founding analysis's first table, redone (issue 16): a client pushing and pulling a multi-layer image against raw
# curl moving the same layers, with the client's CPU split from the server's. On 127.0.0.1, filesystem storage, Berth
# and distribution 2.8 in the same run.
#   skopeo push: docker-archive with uncompressed layers -> registry (skopeo compresses and hashes on the way);
#   skopeo pull: registry -> OCI layout (skopeo hashes what it receives);
#   curl upload / download: the compressed layers skopeo pushed, POST + PUT ?digest= and GET, the layers in parallel.
# Wall time and client CPU (user+sys) from /usr/bin/time, server CPU from /proc/PID/stat.
# Writes founding-clients.tsv and founding-clients.md into $BENCH_OUT (bench/results).
# Knobs: BENCH_LAYER_MIB (64: three layers, half random, half text), NO_BUILD, BENCH_OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${BENCH_OUT:-$repo/bench/results}
layer_mib=${BENCH_LAYER_MIB:-64}
for tool in skopeo curl docker-registry python3 openssl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install skopeo curl docker-registry python3 openssl" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
work=$(mktemp -d /tmp/berth-founding.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; sleep 0.3; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$out"
[ -n "${NO_BUILD:-}" ] || dotnet build src/Berth/Berth.csproj -c Release -nologo -v q >&2
berth="$repo/src/Berth/bin/Release/net10.0/berth"
wait_up() { for _ in $(seq 600); do curl -fs -o /dev/null "$1/v2/" && return 0; sleep 0.1; done; echo "$1 did not come up" >&2; return 1; }

"$berth" serve --auth none --listen 127.0.0.1:15670 --data-dir "$work/berth" --storage filesystem --GarbageCollection:Enabled=false \
  --Logging:LogLevel:Default=Warning >"$work/berth.log" 2>&1 &
berth_pid=$!; pids+=("$berth_pid")
cat >"$work/dist.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/distribution}, delete: {enabled: true}}
http: {addr: 127.0.0.1:15671}
YAML
docker-registry serve "$work/dist.yml" >"$work/dist.log" 2>&1 &
dist_pid=$!; pids+=("$dist_pid")
wait_up http://127.0.0.1:15670; wait_up http://127.0.0.1:15671

echo "== building a docker-archive of 3 uncompressed layers of $layer_mib MiB (half random, half text)" >&2
mkdir -p "$work/archive"
diff_ids=() layers=()
for i in 1 2 3; do
  mkdir -p "$work/l$i"
  head -c $((layer_mib * 512 * 1024)) /dev/urandom >"$work/l$i/random"
  { yes "layer $i: some text that compresses, as the files of a real image do" | head -c $((layer_mib * 512 * 1024)) || true; } >"$work/l$i/text"
  tar -C "$work/l$i" -cf "$work/archive/layer$i.tar" random text
  diff_ids+=("\"sha256:$(openssl dgst -sha256 -r "$work/archive/layer$i.tar" | cut -d' ' -f1)\""); layers+=("\"layer$i.tar\"")
  rm -rf "$work/l$i"
done
config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$(IFS=,; echo "${diff_ids[*]}")]}}"
printf '%s' "$config" >"$work/archive/config.json"
printf '[{"Config":"config.json","RepoTags":["bench/founding:v1"],"Layers":[%s]}]' "$(IFS=,; echo "${layers[*]}")" >"$work/archive/manifest.json"
tar -C "$work/archive" -cf "$work/image.tar" .
rm -rf "$work/archive"

# Warm-up: both servers push and serve an image first, so Berth's JIT compilation is not counted as the clients' work.
for port in 15670 15671; do
  "$berth" bench seed --registry "http://127.0.0.1:$port" --repository bench/warm --layers 2 --layer-size 8MiB >/dev/null
  "$berth" bench pull --registry "http://127.0.0.1:$port" --repository bench/warm --layers 2 --layer-size 8MiB --no-seed -c 2 -n 8 >/dev/null 2>&1
done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tsv="$out/founding-clients.tsv"
printf 'target\toperation\tseconds\tclient_cpu_s\tserver_cpu_s\tMB\n' >"$tsv"
timed() { # target operation server-pid megabytes command… : one row
  local target=$1 op=$2 pid=$3 mb=$4 c0 c1; shift 4
  c0=$(ticks "$pid")
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/cmd.err" || { echo "!! $target $op failed: $(tail -1 "$work/cmd.err")" >&2; return 0; }
  c1=$(ticks "$pid")
  awk -v t="$target" -v o="$op" -v k=$((c1 - c0)) -v mb="$mb" '{printf "%s\t%s\t%.2f\t%.2f\t%.2f\t%.0f\n", t, o, $1, $2 + $3, k / 100, mb}' "$work/time" >>"$tsv"
}
parallel_curl() { # mode url-prefix… : uploads or downloads the pushed layers in parallel
  local mode=$1 url=$2 f hex loc jobs=()
  for f in "$work"/pulled/blobs/sha256/*; do
    hex=$(basename "$f"); [ "$(stat -c %s "$f")" -gt 1048576 ] || continue
    if [ "$mode" = upload ]; then
      loc=$(curl -fs -D - -o /dev/null -X POST "$url/v2/bench/curl/blobs/uploads/" | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
      case $loc in http*) ;; *) loc="$url$loc" ;; esac
      case $loc in *\?*) loc="$loc&digest=sha256:$hex" ;; *) loc="$loc?digest=sha256:$hex" ;; esac
      curl -fs -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$f" "$loc" & jobs+=($!)
    else
      curl -fs -o /dev/null "$url/v2/bench/curl/blobs/sha256:$hex" & jobs+=($!)
    fi
  done
  for j in "${jobs[@]}"; do wait "$j"; done
}
export -f parallel_curl
image_mb=$(( 3 * layer_mib ))
for t in berth:15670:$berth_pid distribution:15671:$dist_pid; do
  IFS=: read -r label port pid <<<"$t"
  rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb; rm -rf "$work/pulled"
  timed "$label" "skopeo push (compresses)" "$pid" "$image_mb" skopeo copy -q --dest-tls-verify=false "docker-archive:$work/image.tar" "docker://127.0.0.1:$port/bench/founding:v1"
  timed "$label" "skopeo pull" "$pid" "$image_mb" skopeo copy -q --src-tls-verify=false "docker://127.0.0.1:$port/bench/founding:v1" "oci:$work/pulled:v1"
  pushed_mb=$(du -cm "$work"/pulled/blobs/sha256/* | tail -1 | cut -f1)
  work=$work timed "$label" "curl upload (same compressed layers)" "$pid" "$pushed_mb" bash -c "work=$work; parallel_curl upload http://127.0.0.1:$port"
  work=$work timed "$label" "curl download (same layers)" "$pid" "$pushed_mb" bash -c "work=$work; parallel_curl download http://127.0.0.1:$port"
done
python3 - "$tsv" "$(cut -d' ' -f1-3 /proc/loadavg)" >"$out/founding-clients.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| target | operation | MB | seconds | client CPU s | server CPU s | client share of CPU |")
print("|---|---|---:|---:|---:|---:|---:|")
for r in rows:
    c, s = float(r["client_cpu_s"]), float(r["server_cpu_s"])
    share = "%.0f%%" % (100 * c / (c + s)) if c + s else "-"
    print(f"| {r['target']} | {r['operation']} | {r['MB']} | {r['seconds']} | {r['client_cpu_s']} | {r['server_cpu_s']} | {share} |")
print(f"\nLoad average at the end: {sys.argv[2]}.")
PY
cat "$out/founding-clients.md"
