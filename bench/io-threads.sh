#!/usr/bin/env bash
# Manifest-GET latency while pushes and logins run, with request code on Kestrel's I/O threads (Berth:InlineScheduling=true)
# and on the thread pool (false, the default). Per mode: one server (filesystem, token auth), the image seeded, then
#   idle: `berth bench manifest` alone;
#   busy: the same while `berth bench push` (PUSH_CLIENTS clients, 4 MiB layers, each blob fsynced) and LOGIN_LOOPS
#         loops of password logins (GET /token with Basic: one bcrypt each) run.
# Prints the manifest p50/p99 of both and the busy/idle p99 ratio. Short on purpose: the machine is shared.
# Usage: bench/io-threads.sh   env: CLIENTS (16), DURATION (5s), PUSH_CLIENTS (8), LOGIN_LOOPS (2), NO_BUILD (skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${CLIENTS:-16} duration=${DURATION:-5s} push_clients=${PUSH_CLIENTS:-8} login_loops=${LOGIN_LOOPS:-2}
work=$(mktemp -d /tmp/berth-io-bench.XXXXXX)
port=5493 password=bench-password-1 berth_pid= load_pids=()
cleanup() {
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$berth_pid" ] && kill "$berth_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -n "${NO_BUILD:-}" ] || dotnet build src/Berth -c Release -v q >/dev/null
berth=(dotnet src/Berth/bin/Release/net10.0/berth.dll)
registry=http://127.0.0.1:$port/
auth=(--username admin --password "$password")

p99() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))["levels"][0]; l=v["latency"]; print("%.2f %.2f %d %d" % (l["p50"], l["p99"], v["operations"], sum(v["errors"].values())))' "$1"; }

run_mode() {
  local inline=$1
  "${berth[@]}" serve --listen 127.0.0.1:$port --data-dir "$work/data-$inline" --Auth:Mode=Token --Index:AdminPassword="$password" \
    --Berth:InlineScheduling="$inline" --GarbageCollection:Enabled=false --Logging:LogLevel:Default=Warning >"$work/serve-$inline.log" 2>&1 &
  berth_pid=$!
  until curl -s -o /dev/null "$registry/v2/"; do sleep 0.2; done
  "${berth[@]}" bench seed --registry "$registry" "${auth[@]}" >/dev/null
  "${berth[@]}" bench manifest --registry "$registry" "${auth[@]}" --no-seed -c "$clients" -d "$duration" --json "$work/idle-$inline.json" >/dev/null

  "${berth[@]}" bench push --registry "$registry" "${auth[@]}" -c "$push_clients" -d 600s --layers 1 --layer-size 4MiB >/dev/null 2>&1 &
  load_pids+=($!)
  for _ in $(seq "$login_loops"); do
    (while true; do curl -s -o /dev/null -u "admin:$password" "$registry/token?service=berth&scope=repository:bench/login:pull"; done) &
    load_pids+=($!)
  done
  sleep 2
  "${berth[@]}" bench manifest --registry "$registry" "${auth[@]}" --no-seed -c "$clients" -d "$duration" --json "$work/busy-$inline.json" >/dev/null
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${load_pids[@]}" 2>/dev/null || true
  load_pids=()
  kill "$berth_pid"; wait "$berth_pid" 2>/dev/null || true; berth_pid=

  read -r idle50 idle99 idleops idleerr <<<"$(p99 "$work/idle-$inline.json")"
  read -r busy50 busy99 busyops busyerr <<<"$(p99 "$work/busy-$inline.json")"
  printf 'InlineScheduling=%-5s manifest GET p50/p99 ms  idle %7s / %7s (%s ok, %s errors)   busy %7s / %7s (%s ok, %s errors)   busy/idle p99 %s\n' \
    "$inline" "$idle50" "$idle99" "$idleops" "$idleerr" "$busy50" "$busy99" "$busyops" "$busyerr" \
    "$(python3 -c "print('%.2fx' % ($busy99/$idle99) if $busy99 > 0 else 'n/a (no GET completed)')")"
}

echo "manifest GET at $clients clients for $duration; busy = + $push_clients pushing clients (4 MiB layers) + $login_loops login loops; load $(cut -d' ' -f1-3 /proc/loadavg)"
run_mode true
run_mode false
