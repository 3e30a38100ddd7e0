#!/usr/bin/env bash
# Starts a throw-away single-node Ceph (Debian 12 packages, 16.2): one mon, one OSD on memstore (RAM; the data
# goes with the process), no mgr, cephx off, and radosgw (beast) on 127.0.0.1, for the S3 driver tests.
# Usage: start-ceph-rgw.sh DATA_DIR
#   env: RGW_PORT (7480), CEPH_MON_PORT (6789, msgr v1 only), CEPH_MEMSTORE_BYTES (4 GiB cap; RAM is used as
#        objects are written), CEPH_START_TIMEOUT (120 s)
# Creates the S3 user test / testtest. Stop with stop-ceph-rgw.sh DATA_DIR.
set -euo pipefail
DATA=${1:?usage: $0 DATA_DIR}
RGW_PORT=${RGW_PORT:-7480}
MON_PORT=${CEPH_MON_PORT:-6789}

for p in ceph-mon ceph-osd radosgw ceph-common uuid-runtime; do
  dpkg -s "$p" >/dev/null 2>&1 || { echo "start-ceph-rgw.sh: package $p is missing; run scripts/install-test-deps.sh (as root)" >&2; exit 1; }
done
for p in $RGW_PORT $MON_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "start-ceph-rgw.sh: port $p on 127.0.0.1 is in use" >&2; exit 1; fi
done

# Only ever wipe a directory this script made (it holds ceph.conf) or an empty one.
if [ -d "$DATA" ] && [ -n "$(ls -A "$DATA")" ] && [ ! -f "$DATA/ceph.conf" ]; then
  echo "start-ceph-rgw.sh: $DATA is neither empty nor a ceph directory of this script" >&2; exit 1
fi
rm -rf "$DATA"; mkdir -p "$DATA"; DATA=$(cd "$DATA" && pwd)
mkdir -p "$DATA"/{mon,osd0,run,log,rgw}
show_logs() {
  echo "start-ceph-rgw.sh: failed (exit $1) at line $2; the last lines of each log in $DATA/log:" >&2
  for f in "$DATA"/log/*.log; do [ -s "$f" ] && { echo "--- $f" >&2; tail -n 15 "$f" >&2; }; done
}
trap 'show_logs $? $LINENO' ERR
FSID=$(uuidgen)
CONF=$DATA/ceph.conf
cat > "$CONF" <<CONF
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
keyring = $DATA/keyring
run dir = $DATA/run
admin socket = $DATA/run/\$name.asok
pid file = $DATA/run/\$name.pid
log file = $DATA/log/\$name.log
mon data = $DATA/mon
osd data = $DATA/osd\$id
osd objectstore = memstore
memstore device bytes = ${CEPH_MEMSTORE_BYTES:-4294967296}
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon allow pool delete = true
osd op num shards = 1
# The OSD would place itself in the CRUSH map and set its device class from its own init, which on a quiet machine
# can ask before it holds the cluster's fsid and fail with 'wrong fsid' (exit 250); the script places it instead.
osd crush update on start = false
osd class update on start = false
osd op num threads per shard = 2
mon data avail warn = 2
mon data avail crit = 1
mon warn on insecure global id reclaim allowed = false
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $DATA/rgw
rgw enable usage log = false
rgw dns name = 127.0.0.1
CONF
ceph-authtool --create-keyring "$DATA/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --fsid "$FSID" --addv a "[v1:127.0.0.1:$MON_PORT]" "$DATA/monmap" >/dev/null
ceph-mon -c "$CONF" --mkfs -i a --monmap "$DATA/monmap" --keyring "$DATA/keyring"
ceph-mon -c "$CONF" -i a
C="ceph -c $CONF --connect-timeout 20"
$C osd pool ls >/dev/null   # returns once the mon has quorum
OSD_UUID=$(uuidgen)
OSD_ID=$($C osd new "$OSD_UUID")
ceph-osd -c "$CONF" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" 2>>"$DATA/log/osd-mkfs.log"
$C osd crush add "osd.$OSD_ID" 1.0 root=default host=localhost >/dev/null 2>&1
ceph-osd -c "$CONF" -i "$OSD_ID"
deadline=$(( $(date +%s) + ${CEPH_START_TIMEOUT:-120} ))
until $C osd stat 2>/dev/null | grep -q "1 up"; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "start-ceph-rgw.sh: the OSD did not come up" >&2; false; }
  sleep 0.5
done
radosgw -c "$CONF" -n client.rgw.a
until curl -fs -o /dev/null "http://127.0.0.1:$RGW_PORT/"; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "start-ceph-rgw.sh: radosgw did not answer" >&2; false; }
  sleep 0.5
done
radosgw-admin -c "$CONF" -n client.rgw.a user create --uid test --display-name test \
  --access-key test --secret testtest >/dev/null 2>>"$DATA/log/radosgw-admin.log"
