#!/usr/bin/env bash
# Stops what start-swift.sh DATA_DIR started and deletes DATA_DIR.
set -uo pipefail
DATA=${1:?usage: $0 DATA_DIR}
for f in "$DATA"/run/*.pid; do
  [ -e "$f" ] || continue
  pid=$(cat "$f")
  # each server was started with setsid: signal its own process group only
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
done
for _ in $(seq 50); do
  alive=0
  for f in "$DATA"/run/*.pid; do [ -e "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && alive=1; done
  [ $alive = 0 ] && break
  sleep 0.1
done
for f in "$DATA"/run/*.pid; do
  [ -e "$f" ] || continue
  kill -KILL -- "-$(cat "$f")" 2>/dev/null
  rm -f "$f"
done
[ -d "$DATA/etc" ] && rm -rf "$DATA"
exit 0
