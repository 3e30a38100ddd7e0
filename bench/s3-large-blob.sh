#!/usr/bin/env bash
# Pushes one large blob (default 5 GiB) through Berth onto S3 (a throwaway Ceph RGW on loopback) in 1 GiB chunks,
# pulls it back, checks the digest, and reports the server's peak RSS (VmHWM) and CPU time.
# Usage: bench/s3-large-blob.sh [SIZE_GIB]   (needs root for the Ceph packages; a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
gib=${1:-5}
work=$(mktemp -d /tmp/berth-s3-large.XXXXXX)
rgw_port=7490 mon_port=6790 berth_port=5490
berth_pid=
cleanup() {
  [ -n "$berth_pid" ] && kill "$berth_pid" 2>/dev/null || true
  scripts/object-stores/stop-ceph-rgw.sh "$work/ceph" --purge >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

RGW_PORT=$rgw_port CEPH_MON_PORT=$mon_port CEPH_MEMSTORE_BYTES=$(( (gib + 3) * 1024 * 1024 * 1024 )) \
  scripts/object-stores/start-ceph-rgw.sh "$work/ceph" >/dev/null
# RGW wants the payload hash header that curl's SigV4 signing does not add by itself (this is the hash of an empty body).
curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user test:testtest -X PUT "http://127.0.0.1:$rgw_port/large" \
  -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" >/dev/null

dotnet build src/Berth -c Release -v q >/dev/null
dotnet src/Berth/bin/Release/net10.0/berth.dll serve --listen 127.0.0.1:$berth_port --auth none --data-dir "$work/data" \
  --Storage:Driver=s3 --Storage:S3:Endpoint=http://127.0.0.1:$rgw_port --Storage:S3:Bucket=large \
  --Storage:S3:ForcePathStyle=true --Storage:S3:AccessKey=test --Storage:S3:SecretKey=testtest \
  --Logging:LogLevel:Default=Warning >"$work/berth.log" 2>&1 &
berth_pid=$!
until curl -sf "http://127.0.0.1:$berth_port/v2/" >/dev/null; do sleep 0.2; done

echo "writing ${gib} GiB of random data in 1 GiB parts" >&2
mkdir -p "$work/parts"
for ((i = 0; i < gib; i++)); do head -c 1073741824 /dev/urandom > "$work/parts/$i"; done
digest=sha256:$(cat "$work"/parts/* | openssl dgst -sha256 -r | cut -d' ' -f1)

url() { [[ $1 == http* ]] && echo "$1" || echo "http://127.0.0.1:$berth_port$1"; }
cpu() { awk '{print $14 + $15}' "/proc/$berth_pid/stat"; }
cpu0=$(cpu)
start=$SECONDS
location=$(curl -sf -X POST -D - -o /dev/null "http://127.0.0.1:$berth_port/v2/big/blob/blobs/uploads/" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
offset=0
for ((i = 0; i < gib; i++)); do
  end=$((offset + 1073741824 - 1))
  curl -sf -X PATCH -T "$work/parts/$i" -H "Content-Type: application/octet-stream" -H "Content-Range: $offset-$end" \
    -D "$work/patch.headers" -o /dev/null "$(url "$location")"
  location=$(tr -d '\r' < "$work/patch.headers" | awk -F': ' 'tolower($1)=="location"{print $2}')
  offset=$((end + 1))
done
sep='?'; [[ $location == *\?* ]] && sep='&'
curl -sf -X PUT "$(url "$location")${sep}digest=$digest" -o /dev/null
push_s=$((SECONDS - start))
rm -rf "$work/parts"

start=$SECONDS
pulled=sha256:$(curl -sf "http://127.0.0.1:$berth_port/v2/big/blob/blobs/$digest" | openssl dgst -sha256 -r | cut -d' ' -f1)
pull_s=$((SECONDS - start))
cpu1=$(cpu)
hwm=$(awk '/VmHWM/{print $2}' "/proc/$berth_pid/status")

[ "$pulled" = "$digest" ] && same=yes || same=NO
echo "blob: ${gib} GiB ($digest)"
echo "push (${gib} PATCH chunks of 1 GiB + PUT): ${push_s} s; pull: ${pull_s} s; bytes identical: $same"
echo "server CPU: $(( (cpu1 - cpu0) / 100 )) s; peak RSS (VmHWM): $((hwm / 1024)) MiB"
[ "$same" = yes ]
