# Sourced by scripts/test.sh: starts Ceph RGW (mon + memstore OSD + radosgw) on 127.0.0.1 once for the whole run,
# for the S3 driver tests, exports how to reach it and appends its stop command to cleanups.
# Port: BERTH_TEST_RGW_PORT (7480; mon on BERTH_TEST_CEPH_MON_PORT, 6789). A start that fails (a port taken, an
# OSD or radosgw that does not come up) is stopped and tried again, up to three times, each time on ports 10 higher.
ceph_rgw_dir="$BERTH_TEST_RUN_DIR/ceph-rgw"
ceph_rgw_port=${BERTH_TEST_RGW_PORT:-7480}
ceph_mon_port=${BERTH_TEST_CEPH_MON_PORT:-6789}
ceph_rgw_started=$(date +%s%N)
cleanups+=("$repo/scripts/object-stores/stop-ceph-rgw.sh '$ceph_rgw_dir'")
for ceph_rgw_attempt in 1 2 3; do
  if RGW_PORT=$ceph_rgw_port CEPH_MON_PORT=$ceph_mon_port \
      "$repo/scripts/object-stores/start-ceph-rgw.sh" "$ceph_rgw_dir" >&2; then
    break
  fi
  "$repo/scripts/object-stores/stop-ceph-rgw.sh" "$ceph_rgw_dir"
  [ "$ceph_rgw_attempt" -lt 3 ] || { echo "ceph rgw did not start in 3 attempts" >&2; false; }
  ceph_rgw_port=$((ceph_rgw_port + 10)) ceph_mon_port=$((ceph_mon_port + 10))
  echo "ceph rgw: starting again on port $ceph_rgw_port (mon $ceph_mon_port)" >&2
done
echo "ceph rgw ready on 127.0.0.1:$ceph_rgw_port in $(( ($(date +%s%N) - ceph_rgw_started) / 1000000 )) ms" >&2

export BERTH_TEST_S3_ENDPOINT="http://127.0.0.1:$ceph_rgw_port"
export BERTH_TEST_S3_REGION=us-east-1
export BERTH_TEST_S3_ACCESS_KEY=test
export BERTH_TEST_S3_SECRET_KEY=testtest
