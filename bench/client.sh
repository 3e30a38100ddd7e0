#!/usr/bin/env bash
# End-to-end client benchmark (issue 17): `berth copy` against `skopeo copy` (and raw curl on the same bytes), same
# run, same images, on 127.0.0.1. A 3-layer image of 3 × BENCH_CLIENT_LAYER_MIB MiB uncompressed (half random, half
# text, so gzip has work to do) is:
#   push   docker-archive (uncompressed layers) -> registry (Berth), compressing on the way;
#   r2r    registry (Berth) -> registry (distribution 2.8), a different registry so nothing is mounted;
#   pull   registry (Berth) -> OCI layout;
#   curl   the compressed blobs berth pushed, uploaded (POST + PUT) and downloaded with curl: the floor for the bytes.
# Each client gets its own repositories and its own copy of the bytes (no HEAD skips between tools; skopeo's
# blob-info cache is removed first). Wall time and client CPU (user+sys) come from /usr/bin/time, server CPU from
# /proc/PID/stat of both registries (r2r involves both), throughput = bytes moved / wall time (push: the uncompressed
# image read; the others: the compressed blobs as stored), and the 1-minute load average is recorded with each row.
# Writes bench/results/client.tsv, client-summary.md and client-*.png (berth bench bars, ScottPlot) or to $BENCH_OUT.
# docker is measured only when a dockerd is already running at $DOCKER_HOST (see docs/performance.md). Every
# measured command is killed after BENCH_CLIENT_TIMEOUT seconds, and the servers are stopped on exit.
#
# curl+verify is curl doing what a pull does on top of moving the bytes: each blob written to a file and its sha256
# checked (openssl dgst, SHA-NI like berth's), the three in parallel; plain curl discards the bytes unchecked.
# berth is the published executable (`dotnet publish`, ReadyToRun, as installed: docs/client.md), also running the
# registry; the issue's figures: `bench/client.sh` (publishes first), or `NO_BUILD=1 bench/client.sh` after a publish.
# Knobs: BENCH_CLIENT_LAYER_MIB (340, about 1 GB in all), BENCH_OUT (bench/results), BENCH_CLIENT_JOBS (4),
# BENCH_CLIENT_TIMEOUT (600), NO_BUILD (set: use the existing publish), BERTH (another berth executable to measure,
# e.g. a plain `dotnet build` output), BERTH_BEFORE (another build's berth executable, e.g. main's: also measured on
# push, r2r and pull-same-bytes as "berth-before", same bytes, its own repositories), BENCH_CLIENT_WARMUP (2: before
# measuring, both clients copy a third image of the same size through every scenario twice, untimed, so that no row pays
# for the registries' JIT warm-up; 0: measure fresh registries, as runs before 2026-12-05 13:40 UTC did).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${BENCH_OUT:-$repo/bench/results}
layer_mib=${BENCH_CLIENT_LAYER_MIB:-340}
jobs=${BENCH_CLIENT_JOBS:-4}
warmup=${BENCH_CLIENT_WARMUP:-2}
limit=${BENCH_CLIENT_TIMEOUT:-600}
berth_port=15620 dist_port=15621
berth_host=127.0.0.1:$berth_port dist_host=127.0.0.1:$dist_port
for tool in docker-registry skopeo curl python3 jq bc openssl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install docker-registry skopeo curl python3 jq bc openssl" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }

work=$(mktemp -d /tmp/berth-client-bench.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; sleep 0.5; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$out"

published="$repo/src/Berth/bin/Release/publish"
echo "== publishing Berth (Release, ReadyToRun) to $published" >&2
[ -n "${NO_BUILD:-}" ] || dotnet publish src/Berth/Berth.csproj -c Release -warnaserror -nologo -v q -o "$published" >&2
berth=${BERTH:-$published/berth}
[ -x "$berth" ] || { echo "$berth does not exist: run bench/client.sh without NO_BUILD (it publishes), or set BERTH" >&2; exit 1; }

for hostport in "$berth_host" "$dist_host"; do
  if curl -s -o /dev/null "http://$hostport/"; then echo "$hostport is already in use" >&2; exit 1; fi
done
"$berth" serve --auth none --listen "$berth_host" --data-dir "$work/berth" --Logging:LogLevel:Default=Warning >"$work/berth.log" 2>&1 &
pids+=($!)
berth_pid=$!
cat >"$work/dist.yml" <<YAML
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $work/dist}, delete: {enabled: true}}
http: {addr: $dist_host}
YAML
docker-registry serve "$work/dist.yml" >"$work/dist.log" 2>&1 &
pids+=($!)
dist_pid=$!
for url in "http://$berth_host/v2/" "http://$dist_host/v2/"; do
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$url" && break; sleep 0.1; done
done

# One OCI layout with uncompressed layers per tool (distinct bytes: a different seed), turned into docker-archives.
make_image() { # $1 dir, $2 seed
  python3 - "$1" "$2" "$layer_mib" <<'PY'
import hashlib, io, json, os, random, sys, tarfile
out, seed, mib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
os.makedirs(f"{out}/blobs/sha256", exist_ok=True)
def blob(data):
    h = hashlib.sha256(data).hexdigest()
    open(f"{out}/blobs/sha256/{h}", "wb").write(data)
    return "sha256:" + h
text = (b"lorem ipsum dolor sit amet, consectetur adipiscing elit " * 20000)[: 1 << 20]
layers, diffs = [], []
for i in range(3):
    path = f"{out}/layer{i}.tar"
    with tarfile.open(path, "w") as tar:
        for f in range(mib // 16):
            chunk = b"".join(rng.randbytes(1 << 20) if m % 2 == 0 else text for m in range(16))
            info = tarfile.TarInfo(f"layer{i}/file{f}"); info.size = len(chunk)
            tar.addfile(info, io.BytesIO(chunk))
    h = hashlib.sha256(); size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block); size += len(block)
    digest = "sha256:" + h.hexdigest()
    os.rename(path, f"{out}/blobs/sha256/{h.hexdigest()}")
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": digest, "size": size}); diffs.append(digest)
config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": diffs}, "config": {}}).encode()
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": blob(config), "size": len(config)},
    "layers": layers}).encode()
digest = blob(manifest)
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest,
    "size": len(manifest), "annotations": {"org.opencontainers.image.ref.name": "v1"}}]}, open(f"{out}/index.json", "w"))
open(f"{out}/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
PY
}
images="skopeo berth"
[ "$warmup" = 0 ] || images="warm $images"
echo "== generating images of 3 x $layer_mib MiB: $images" >&2
for tool in $images; do
  make_image "$work/src-$tool" "$(case $tool in skopeo) echo 1 ;; berth) echo 2 ;; *) echo 3 ;; esac)"
  skopeo --insecure-policy copy -q "oci:$work/src-$tool:v1" "docker-archive:$work/$tool.tar:bench/app:v1"
  rm -rf "$work/src-$tool"
done
if [ "$warmup" != 0 ]; then
  # A registry just started runs its request paths as tier-0 code and recompiles the hot ones in the background for
  # its first gigabytes (JIT was a third of a fresh Berth's CPU in its first push), so whichever client went first paid
  # for it. Both clients take every path in each pass, untimed, on a third image.
  echo "== warming the registries up (untimed, $warmup passes)" >&2
  for pass in $(seq 1 "$warmup"); do
    skopeo --insecure-policy copy -q --dest-tls-verify=false "docker-archive:$work/warm.tar" "docker://$berth_host/warm-sk$pass/app:v1"
    "$berth" copy -q --jobs "$jobs" "docker-archive:$work/warm.tar" "docker://$berth_host/warm-bt$pass/app:v1" >/dev/null
    skopeo --insecure-policy copy -q --src-tls-verify=false --dest-tls-verify=false "docker://$berth_host/warm-sk$pass/app:v1" "docker://$dist_host/warm-sk$pass/app:v1"
    "$berth" copy -q --jobs "$jobs" "docker://$berth_host/warm-bt$pass/app:v1" "docker://$dist_host/warm-bt$pass/app:v1" >/dev/null
    rm -rf "$work/warm-sk" "$work/warm-bt"
    skopeo --insecure-policy copy -q --src-tls-verify=false "docker://$berth_host/warm-sk$pass/app:v1" "oci:$work/warm-sk:v1"
    "$berth" copy -q --jobs "$jobs" "docker://$berth_host/warm-bt$pass/app:v1" "oci:$work/warm-bt:v1" >/dev/null
    "$berth" copy -q --jobs "$jobs" "oci:$work/warm-bt:v1" "docker://$berth_host/warm-bl$pass/app:v1" >/dev/null
  done
  rm -rf "$work/warm.tar" "$work/warm-sk" "$work/warm-bt"
  # The recompilation goes on in the background after the traffic: wait until Berth is idle (at most 30 s).
  for _ in $(seq 1 60); do
    t0=$(awk '{print $14 + $15}' "/proc/$berth_pid/stat"); sleep 0.5; t1=$(awk '{print $14 + $15}' "/proc/$berth_pid/stat")
    [ $((t1 - t0)) -ge 2 ] || break
  done
fi
rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb "${HOME:-/root}/.local/share/containers/cache/blob-info-cache-v1.boltdb"
image_bytes=$(( $(stat -c %s "$work/berth.tar") ))

results="$out/client.tsv"
printf 'scenario\tclient\twall_s\tcpu_s\tserver_cpu_s\tMB_per_s\tload1\n' >"$results"
cpu_ticks() {
  local sum=0 pid
  for pid in "$berth_pid" "$dist_pid"; do
    [ -r "/proc/$pid/stat" ] || { echo "registry process $pid exited; see $work/berth.log and $work/dist.log" >&2; tail -5 "$work/berth.log" "$work/dist.log" >&2; exit 1; }
    sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$sum"
}
stored_bytes() { # repository on Berth -> bytes of its config and layers as stored (compressed)
  curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
    "http://$berth_host/v2/$1/manifests/v1" | jq '[.config.size] + [.layers[].size] | add'
}
measure() { # $1 scenario, $2 client, $3 bytes moved, rest: command
  local scenario=$1 client=$2 bytes=$3 c0 c1; shift 3
  c0=$(cpu_ticks)
  /usr/bin/time -f '%e %U %S' -o "$work/time" timeout "$limit" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" "$work/time" >&2; exit 1; }
  c1=$(cpu_ticks)
  read -r wall user sys <"$work/time"
  awk -v s="$scenario" -v c="$client" -v w="$wall" -v u="$user" -v y="$sys" -v k=$((c1 - c0)) -v b="$bytes" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%s\t%s\t%.2f\t%.2f\t%.2f\t%.1f\t%s\n", s, c, w, u + y, k / 100, b / 1e6 / (w > 0 ? w : 0.01), l }' | tee -a "$results" >&2
}

echo "== push: docker-archive -> registry (compressing)" >&2
measure push skopeo "$image_bytes" skopeo --insecure-policy copy -q --dest-tls-verify=false "docker-archive:$work/skopeo.tar" "docker://$berth_host/sk/app:v1"
measure push berth "$image_bytes" "$berth" copy -q --jobs "$jobs" "docker-archive:$work/berth.tar" "docker://$berth_host/bt/app:v1"
[ -z "${BERTH_BEFORE:-}" ] || measure push berth-before "$image_bytes" "$BERTH_BEFORE" copy -q --jobs "$jobs" "docker-archive:$work/berth.tar" "docker://$berth_host/bb/app:v1"
sk_bytes=$(stored_bytes sk/app) bt_bytes=$(stored_bytes bt/app)
echo "== registry -> registry" >&2
measure r2r skopeo "$sk_bytes" skopeo --insecure-policy copy -q --src-tls-verify=false --dest-tls-verify=false "docker://$berth_host/sk/app:v1" "docker://$dist_host/sk/app:v1"
measure r2r berth "$bt_bytes" "$berth" copy -q --jobs "$jobs" "docker://$berth_host/bt/app:v1" "docker://$dist_host/bt/app:v1"
[ -z "${BERTH_BEFORE:-}" ] || measure r2r berth-before "$(stored_bytes bb/app)" "$BERTH_BEFORE" copy -q --jobs "$jobs" "docker://$berth_host/bb/app:v1" "docker://$dist_host/bb/app:v1"
echo "== pull: registry -> OCI layout" >&2
measure pull skopeo "$sk_bytes" skopeo --insecure-policy copy -q --src-tls-verify=false "docker://$berth_host/sk/app:v1" "oci:$work/pull-skopeo:v1"
measure pull berth "$bt_bytes" "$berth" copy -q --jobs "$jobs" "docker://$berth_host/bt/app:v1" "oci:$work/pull-berth:v1"

echo "== curl on the same compressed bytes berth pushed (3 layers in parallel, like berth)" >&2
blobs=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(' '.join(l['digest'] for l in m['layers']))" \
  "$work/pull-berth/blobs/sha256/$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['manifests'][0]['digest'][7:])" "$work/pull-berth/index.json")")
cat >"$work/curl-up.sh" <<SH
set -e
for d in $blobs; do
  ( loc=\$(curl -fsS -X POST -o /dev/null -D - "http://$berth_host/v2/curl/app/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
    case "\$loc" in http*) ;; *) loc="http://$berth_host\$loc" ;; esac
    sep='?'; case "\$loc" in *\?*) sep='&' ;; esac
    curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$work/pull-berth/blobs/sha256/\${d#sha256:}" "\$loc\${sep}digest=\$d" -o /dev/null ) &
done
wait
SH
cat >"$work/curl-down.sh" <<SH
set -e
for d in $blobs; do curl -fsS -o /dev/null "http://$berth_host/v2/bt/app/blobs/\$d" & done
wait
SH
cat >"$work/curl-verify.sh" <<SH
set -e
mkdir -p "$work/curl-verify"
for d in $blobs; do
  ( f="$work/curl-verify/\${d#sha256:}"
    curl -fsS -o "\$f" "http://$berth_host/v2/bt/app/blobs/\$d"
    [ "\$(openssl dgst -sha256 -r "\$f" | cut -d' ' -f1)" = "\${d#sha256:}" ] ) &
done
wait
SH
measure push-same-bytes curl "$bt_bytes" bash "$work/curl-up.sh"
measure push-same-bytes berth "$bt_bytes" "$berth" copy -q --jobs "$jobs" "oci:$work/pull-berth:v1" "docker://$berth_host/bt2/app:v1"
measure pull-same-bytes curl "$bt_bytes" bash "$work/curl-down.sh"
measure pull-same-bytes curl+verify "$bt_bytes" bash "$work/curl-verify.sh"
measure pull-same-bytes berth "$bt_bytes" "$berth" copy -q --jobs "$jobs" "docker://$berth_host/bt/app:v1" "oci:$work/pull-berth-2:v1"
[ -z "${BERTH_BEFORE:-}" ] || measure pull-same-bytes berth-before "$bt_bytes" "$BERTH_BEFORE" copy -q --jobs "$jobs" "docker://$berth_host/bt/app:v1" "oci:$work/pull-berth-3:v1"

if [ -n "${DOCKER_HOST:-}" ] && docker info >/dev/null 2>&1; then
  echo "== docker (daemon at $DOCKER_HOST)" >&2
  docker load -q -i "$work/skopeo.tar" >/dev/null
  docker tag bench/app:v1 "$berth_host/dk/app:v1"
  measure push docker "$image_bytes" docker push -q "$berth_host/dk/app:v1"
  docker rmi -f "$berth_host/dk/app:v1" bench/app:v1 >/dev/null
  measure pull docker "$(stored_bytes dk/app)" docker pull -q "$berth_host/dk/app:v1"
else
  echo "== docker: no daemon at DOCKER_HOST, skipped" >&2
fi

echo "== charts" >&2
"$berth" bench bars -o "$out/client-wall.png" --group scenario --series client --value wall_s --value-label "wall time (s, lower is better)" \
  --title "berth copy vs skopeo vs curl: 3 x $layer_mib MiB image, loopback" "$results"
"$berth" bench bars -o "$out/client-cpu.png" --group scenario --series client --value cpu_s --value-label "client CPU (s, user+sys)" \
  --title "Client CPU per copy: 3 x $layer_mib MiB image" "$results"

{
  echo "| scenario | client | wall s | client CPU s | server CPU s | MB/s | speed vs skopeo (or curl) | load1 |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR>1 { key=$1","$2; wall[key]=$3; row[key]=$0; order[++n]=key }
    END { for (i=1;i<=n;i++) { split(order[i],k,","); split(row[order[i]],f,"\t");
      base=(k[1] ~ /same-bytes/) ? wall[k[1]",curl"] : wall[k[1]",skopeo"];
      printf "| %s | %s | %.2f | %.2f | %.2f | %.0f | %s | %s |\n", k[1], k[2], f[3], f[4], f[5], f[6],
        (base>0 && k[2]!="skopeo" && k[2]!="curl") ? sprintf("%.2f×", base/f[3]) : "-", f[7] } }' "$results"
  echo
  awk -F'\t' '$1 == "pull-same-bytes" { wall[$2] = $3 }
    END { if (wall["curl+verify"] > 0 && wall["berth"] > 0)
      printf "pull-same-bytes, the same work (bytes written to files and their sha256 checked): berth %.2f× curl+verify.\n\n", wall["curl+verify"] / wall["berth"] }' "$results"
  echo "Image: 3 layers × $layer_mib MiB uncompressed ($((image_bytes / 1048576)) MiB docker-archive); machine: $(nproc) cores;" \
    "uptime at the end: $(uptime); $(date -u +%FT%TZ)."
} >"$out/client-summary.md"
cat "$out/client-summary.md"
