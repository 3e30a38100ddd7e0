#!/usr/bin/env bash
# Keystone-less OpenStack Glance (Images API v2) for integration tests, loopback only.
# Debian 12 package glance-api 2:25.1.0 (Zed), eventlet server, sqlite DB, file store.
#
# usage: glance.sh [start|stop|status|restart|reset]        (default: start)
#   reset = stop + wipe DB and image data
# env:   GLANCE_PORT=9292  STATE_DIR=DIR  (state in $STATE_DIR/glance.$GLANCE_PORT)
#        GLANCE_AUTH=fakeidentity (default) every request is treated as authenticated
#              by Keystone as project demo-project / user demo-user / roles admin,member,reader
#              (client may override with X-Project-Id / X-User-Id / X-Roles headers);
#              image import (stage + glance-direct) works.
#        GLANCE_AUTH=noauth  stock "unauthenticated-context" ([paste_deploy] flavor empty):
#              admin context, owner=null; image import FAILS (500, tasks.owner NOT NULL).
#        GLANCE_HASH=sha256 (os_hash_algo; default here sha256 so os_hash_value == OCI digest hex;
#              glance's own default is sha512)
# Any X-Auth-Token sent by a client is ignored.
set -euo pipefail
DIR=${STATE_DIR:?set STATE_DIR to a state folder}
PORT=${GLANCE_PORT:-9292}
AUTH=${GLANCE_AUTH:-fakeidentity}
HASH=${GLANCE_HASH:-sha256}
S=$DIR/glance.$PORT
PIDF=$S/glance-api.pid
URL=http://127.0.0.1:$PORT
SELF=$(readlink -f "$0")

running() { [ -f "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null && grep -q glance-api "/proc/$(cat "$PIDF")/cmdline" 2>/dev/null; }

install() {
  command -v glance-api >/dev/null && command -v glance-manage >/dev/null && return 0
  echo "glance-api is not installed: apt-get install -y --no-install-recommends glance-api (scripts/install-test-deps.sh does it)" >&2
  exit 1
}

write_config() {
  mkdir -p "$S"/{images,staging,tasks,work,lock,log}
  cp /etc/glance/glance-api-paste.ini "$S/paste.ini"
  sed -i "s#/etc/glance/healthcheck_disable#$S/healthcheck_disable#" "$S/paste.ini"
  cat >>"$S/paste.ini" <<PASTE

# Keystone-less, fixed identity (see glance_fake_identity.py)
[pipeline:glance-api-fakeidentity]
pipeline = cors healthcheck http_proxy_to_wsgi versionnegotiation osprofiler fakeidentity context rootapp

[filter:fakeidentity]
paste.filter_factory = glance_fake_identity:filter_factory
project_id = demo-project
user_id = demo-user
roles = admin,member,reader
PASTE
  cat >"$S/glance_fake_identity.py" <<'PY'
"""Paste filter: pretend keystonemiddleware authenticated the request as a fixed
user/project (unless the client sent X-Project-Id/X-User-Id/X-Roles), so glance's
ContextMiddleware builds a context WITH a project. Loopback test use only."""


def filter_factory(global_conf, **local_conf):
    project = local_conf.get('project_id', 'demo-project')
    user = local_conf.get('user_id', 'demo-user')
    roles = local_conf.get('roles', 'admin,member,reader')

    def _filter(app):
        def middleware(environ, start_response):
            if not (environ.get('HTTP_X_PROJECT_ID') or environ.get('HTTP_X_TENANT_ID')):
                environ['HTTP_X_PROJECT_ID'] = project
            environ.setdefault('HTTP_X_USER_ID', user)
            environ.setdefault('HTTP_X_ROLES', roles)
            environ['HTTP_X_IDENTITY_STATUS'] = 'Confirmed'
            return app(environ, start_response)
        return middleware
    return _filter
PY
  local flavor=""; [ "$AUTH" = fakeidentity ] && flavor=fakeidentity
  cat >"$S/glance-api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PORT
workers = 1
log_file = $S/log/glance-api.log
debug = false
use_stderr = false
hashing_algorithm = $HASH
image_size_cap = 10995116277760
node_staging_uri = file://$S/staging/
enabled_import_methods = [glance-direct,copy-image]
[database]
connection = sqlite:///$S/glance.sqlite
[paste_deploy]
flavor = $flavor
config_file = $S/paste.ini
[glance_store]
stores = file
default_store = file
filesystem_store_datadir = $S/images
[os_glance_staging_store]
filesystem_store_datadir = $S/staging
[os_glance_tasks_store]
filesystem_store_datadir = $S/tasks
[task]
work_dir = $S/work
[oslo_concurrency]
lock_path = $S/lock
[oslo_policy]
enforce_new_defaults = false
enforce_scope = false
CONF
}

start() {
  if running; then echo "already running (pid $(cat "$PIDF"))"; echo "GLANCE_BASE_URL=$URL"; return 0; fi
  if curl -s -o /dev/null "$URL/"; then echo "port $PORT is busy (not ours)" >&2; exit 1; fi
  install
  local t0; t0=$(date +%s%N)
  write_config
  if [ ! -f "$S/glance.sqlite" ]; then
    nice -n 10 glance-manage --config-file "$S/glance-api.conf" db_sync >"$S/log/db_sync.log" 2>&1 \
      || { cat "$S/log/db_sync.log" >&2; exit 1; }
  fi
  local t1; t1=$(date +%s%N)
  PYTHONPATH=$S nohup nice -n 10 /usr/bin/glance-api --config-file "$S/glance-api.conf" >"$S/log/stdout.log" 2>&1 &
  echo $! >"$PIDF"
  for _ in $(seq 1 240); do
    if curl -sf -o /dev/null "$URL/healthcheck"; then
      echo "started pid $(cat "$PIDF") (auth=$AUTH, hash=$HASH): db_sync $(( (t1 - t0) / 1000000 )) ms, server $(( ($(date +%s%N) - t1) / 1000000 )) ms; log $S/log/glance-api.log"
      echo "GLANCE_BASE_URL=$URL"
      echo "stop: GLANCE_PORT=$PORT $SELF stop"
      return 0
    fi
    running || { echo "glance-api died:" >&2; tail -30 "$S/log/stdout.log" "$S/log/glance-api.log" >&2 || true; rm -f "$PIDF"; exit 1; }
    sleep 0.25
  done
  echo "timeout waiting for $URL" >&2; stop; exit 1
}

stop() {
  if running; then
    local pid; pid=$(cat "$PIDF"); kill "$pid"      # parent; its worker child exits with it
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "stopped pid $pid"
  else echo "not running"; fi
  rm -f "$PIDF"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  reset) stop; rm -rf "$S"; echo "wiped $S" ;;
  status) if running; then echo "running pid $(cat "$PIDF") GLANCE_BASE_URL=$URL"; else echo "not running"; exit 3; fi ;;
  *) echo "usage: $0 [start|stop|status|restart|reset]" >&2; exit 2 ;;
esac
