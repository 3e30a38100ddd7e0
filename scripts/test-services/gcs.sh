# Sourced by scripts/test.sh: starts a Google Cloud Storage JSON-API emulator on 127.0.0.1 for the GCS driver tests,
# exports BERTH_TEST_GCS_BASE_URI and appends its stop command to cleanups.
# The emulator is the Cloud Storage emulator of npm firebase-tools, run by scripts/object-stores/gcs-emulator.js without
# its Java rules runtime (Debian 12 has no Java 21, and the rules jar is downloaded from Google at first start) and with
# a shim that gives resumable uploads GCS's multi-chunk semantics (the stock emulator finalizes on the first chunk).
# The npm install (about 4 minutes, 300 MB) is kept in BERTH_TEST_GCS_HOME (default /opt/berth-test/gcs-emulator) for
# reruns; the emulator keeps objects in memory and in the run directory, and loses them when it stops.
gcs_version=15.34.2
gcs_home=${BERTH_TEST_GCS_HOME:-/opt/berth-test/gcs-emulator}
gcs_port=${BERTH_TEST_GCS_PORT:-9199}
gcs_tools="$gcs_home/node_modules/firebase-tools"

if ! command -v npm >/dev/null 2>&1; then
  echo "gcs.sh: npm not found; installing Debian's nodejs and npm" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 nodejs npm >&2 \
    || { echo "gcs.sh: could not install npm; install Node.js 20+ with npm and rerun scripts/test.sh" >&2; exit 1; }
fi
if [ "$(cat "$gcs_home/.version" 2>/dev/null)" != "$gcs_version" ] || [ ! -f "$gcs_tools/package.json" ]; then
  echo "installing firebase-tools@$gcs_version into $gcs_home (about 4 minutes)" >&2
  mkdir -p "$gcs_home"
  (cd "$gcs_home" && nice -n 10 npm install --no-audit --no-fund --no-save --loglevel=error "firebase-tools@$gcs_version" >&2)
  echo "$gcs_version" > "$gcs_home/.version"
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$gcs_port") 2>/dev/null; then
  echo "gcs.sh: port $gcs_port on 127.0.0.1 is already in use (set BERTH_TEST_GCS_PORT to use another)" >&2
  exit 1
fi

gcs_data="$BERTH_TEST_RUN_DIR/gcs"
mkdir -p "$gcs_data"
TMPDIR=$gcs_data GCS_EMU_HOST=127.0.0.1 GCS_EMU_PORT=$gcs_port GCS_EMU_CHUNKED_RESUMABLE=1 FIREBASE_TOOLS_DIR=$gcs_tools \
  setsid node "$repo/scripts/object-stores/gcs-emulator.js" >"$gcs_data/emulator.log" 2>&1 </dev/null &
gcs_pid=$!
cleanups+=("kill -- -$gcs_pid 2>/dev/null; for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 $gcs_pid 2>/dev/null || break; sleep 0.3; done; kill -9 -- -$gcs_pid 2>/dev/null; wait $gcs_pid 2>/dev/null")

gcs_deadline=$(( $(date +%s) + 60 ))
until curl -sf -o /dev/null "http://127.0.0.1:$gcs_port/b"; do
  if ! kill -0 "$gcs_pid" 2>/dev/null || [ "$(date +%s)" -ge "$gcs_deadline" ]; then
    echo "the GCS emulator did not start; log:" >&2
    tail -20 "$gcs_data/emulator.log" >&2
    exit 1
  fi
  sleep 0.2
done

# The root URL, not .../storage/v1/: under that path the emulator lacks rewrite, copy and patch.
export BERTH_TEST_GCS_BASE_URI="http://127.0.0.1:$gcs_port/"
