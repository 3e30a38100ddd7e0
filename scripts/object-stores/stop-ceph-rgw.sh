#!/usr/bin/env bash
# Stops what start-ceph-rgw.sh DATA_DIR started (radosgw, then the OSD, then the mon) and deletes DATA_DIR.
set -uo pipefail
DATA=${1:?usage: $0 DATA_DIR}
for name in client.rgw.a osd.0 mon.a; do
  f=$DATA/run/$name.pid
  [ -s "$f" ] || continue
  pid=$(cat "$f")
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
  rm -f "$f"
done
[ -f "$DATA/ceph.conf" ] && rm -rf "$DATA"
exit 0
