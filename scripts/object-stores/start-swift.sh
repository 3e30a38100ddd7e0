#!/usr/bin/env bash
# Starts an OpenStack Swift all-in-one (Debian 12 packages, Swift 2.30) on 127.0.0.1 with the s3api, slo and
# tempauth middlewares: one replica, one device directory, one process per server and the object updater, for the S3 driver (S3 API)
# and the Swift driver (native API, auth v1 at /auth/v1.0) tests.
# Usage: start-swift.sh DATA_DIR
#   env: SWIFT_S3_PORT (8080) proxy port, for both APIs
#        SWIFT_BACKEND_PORT (6200): object = P, container = P+1, account = P+2, memcached = P+3
#        SWIFT_VERBOSE=1 logs every request to DATA_DIR/log/*.log
# Accounts: user test:tester key testing (S3 access key test:tester, secret testing), admin:admin.
# Stop with stop-swift.sh DATA_DIR.
set -euo pipefail

DATA=${1:?usage: $0 DATA_DIR}
PORT=${SWIFT_S3_PORT:-8080}
BP=${SWIFT_BACKEND_PORT:-6200}
OBJ_PORT=$BP; CONT_PORT=$((BP + 1)); ACCT_PORT=$((BP + 2)); MC_PORT=$((BP + 3))

for p in swift swift-proxy swift-object swift-container swift-account memcached curl; do
  dpkg -s "$p" >/dev/null 2>&1 || { echo "start-swift.sh: package $p is missing; run scripts/install-test-deps.sh (as root)" >&2; exit 1; }
done
# The packages' postinst does not start daemons in a container without init,
# but make sure nothing else owns our ports.
for p in $PORT $OBJ_PORT $CONT_PORT $ACCT_PORT $MC_PORT; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then
    echo "port $p on 127.0.0.1 is already in use" >&2; exit 1
  fi
done

# Swift reads the hash prefix/suffix from /etc/swift/swift.conf only (servers
# never call set_swift_dir). The Debian package ships one ("changeme"); write
# one only if it is missing.
if [ ! -s /etc/swift/swift.conf ]; then
  mkdir -p /etc/swift
  cat > /etc/swift/swift.conf <<'EOF'
[swift-hash]
swift_hash_path_suffix = changeme
swift_hash_path_prefix = changeme
[storage-policy:0]
name = Policy-0
default = yes
EOF
fi

DATA=$(mkdir -p "$DATA" && cd "$DATA" && pwd)
ETC=$DATA/etc; LOG=$DATA/log; RUN=$DATA/run
mkdir -p "$ETC" "$DATA/node/d1" "$LOG" "$RUN" "$DATA/cache"
USER_NAME=$(id -un)

common() {  # $1 port $2 log_name
  cat <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $1
workers = 0
user = $USER_NAME
swift_dir = $ETC
devices = $DATA/node
mount_check = false
disable_fallocate = true
log_name = $2
log_level = ${SWIFT_LOG_LEVEL:-INFO}
recon_cache_path = $DATA/cache
EOF
}

{ common $OBJ_PORT object-server; cat <<EOF
[pipeline:main]
pipeline = object-server
[app:object-server]
use = egg:swift#object
# A PUT or DELETE answers only once the container listing holds it (Swift waits 1 s by default, then answers and
# lets the listing lag), and a container server slowed by a busy machine gets 60 s, not 0.5 + 3 s, before the
# update is parked for the object updater: tests read listings right after writes.
conn_timeout = 5
node_timeout = 60
container_update_timeout = 60
[object-replicator]
[object-updater]
interval = 1
[object-auditor]
EOF
} > "$ETC/object-server.conf"

{ common $CONT_PORT container-server; cat <<EOF
[pipeline:main]
pipeline = container-server
[app:container-server]
use = egg:swift#container
allow_versions = true
[container-replicator]
[container-updater]
[container-auditor]
[container-sync]
EOF
} > "$ETC/container-server.conf"

{ common $ACCT_PORT account-server; cat <<EOF
[pipeline:main]
pipeline = account-server
[app:account-server]
use = egg:swift#account
[account-replicator]
[account-auditor]
[account-reaper]
EOF
} > "$ETC/account-server.conf"

# s3api must sit before the auth middleware (tempauth); slo is needed for
# S3 multipart upload completion. The cache (memcache) filter is required by
# tempauth; a private memcached holds the Swift-API tokens.
{ common $PORT proxy-server; cat <<EOF
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo versioned_writes symlink proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
# longer than the object server's wait on a container update (above)
node_timeout = 120
account_autocreate = true
allow_account_management = true
[filter:s3api]
use = egg:swift#s3api
location = us-east-1
# s3_acl = false (default): bucket owner = the tempauth account
[filter:tempauth]
use = egg:swift#tempauth
# S3 access key "test:tester", secret key "testing" (account AUTH_test)
user_test_tester = testing .admin
user_admin_admin = admin .admin .reseller_admin
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MC_PORT
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
allow_object_versioning = true
[filter:symlink]
use = egg:swift#symlink
EOF
} > "$ETC/proxy-server.conf"

# Rings: 2^6 partitions, 1 replica, one device. Built once per data dir.
build_ring() {  # $1 type $2 port
  local b=$ETC/$1.builder
  if [ ! -s "$ETC/$1.ring.gz" ]; then
    rm -f "$b"
    swift-ring-builder "$b" create 6 1 1 >/dev/null
    swift-ring-builder "$b" add "r1z1-127.0.0.1:$2/d1" 100 >/dev/null
    swift-ring-builder "$b" rebalance >/dev/null || true  # exit 1 = warning
    [ -s "$ETC/$1.ring.gz" ] || { echo "ring $1 not built" >&2; exit 1; }
  fi
}
build_ring object $OBJ_PORT & build_ring container $CONT_PORT & build_ring account $ACCT_PORT & wait
# the port in an existing ring must match (re-run with other ports => rebuild)
for t in object:$OBJ_PORT container:$CONT_PORT account:$ACCT_PORT; do
  if ! swift-ring-builder "$ETC/${t%%:*}.builder" 2>/dev/null | grep -q "127.0.0.1:${t##*:}"; then
    rm -f "$ETC/${t%%:*}".{builder,ring.gz}; build_ring "${t%%:*}" "${t##*:}"
  fi
done

setsid nohup memcached -l 127.0.0.1 -p $MC_PORT -U 0 -m 64 -u "$USER_NAME" \
  >>"$LOG/memcached.log" 2>&1 < /dev/null &
echo $! > "$RUN/memcached.pid"
V=""; [ "${SWIFT_VERBOSE:-0}" = 1 ] && V="-v"
for s in account container object proxy; do
  setsid nohup swift-$s-server "$ETC/$s-server.conf" $V \
    >>"$LOG/$s.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$s.pid"
done
# The object updater applies any container update the object server parked: listings catch up within a second.
setsid nohup swift-object-updater "$ETC/object-server.conf" \
  >>"$LOG/object-updater.log" 2>&1 < /dev/null &
echo $! > "$RUN/object-updater.pid"

# Ready = all four ports answer and an S3 request (ListBuckets, anonymous ->
# 403 AccessDenied XML from s3api) comes back; then a tempauth token works.
deadline=$(( $(date +%s) + ${SWIFT_START_TIMEOUT:-60} ))
ready=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  ok=1
  for s in account container object proxy; do
    kill -0 "$(cat "$RUN/$s.pid")" 2>/dev/null || { echo "swift-$s-server died; log:" >&2; tail -20 "$LOG/$s.log" >&2; exit 1; }
  done
  for p in $OBJ_PORT $CONT_PORT $ACCT_PORT $MC_PORT; do
    (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || ok=0
  done
  if [ $ok = 1 ] && curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthcheck" 2>/dev/null \
     && curl -fsS -o /dev/null -H 'X-Auth-User: test:tester' -H 'X-Auth-Key: testing' \
          "http://127.0.0.1:$PORT/auth/v1.0" 2>/dev/null; then
    ready=1; break
  fi
  sleep 0.2
done
if [ $ready != 1 ]; then echo "swift did not become ready; see $LOG" >&2; exit 1; fi

