# Sourced by scripts/test.sh: starts Azurite (Microsoft's Azure Blob emulator, npm package) on 127.0.0.1 for
# the Azure storage driver tests, exports BERTH_TEST_AZURE_CONNECTION_STRING and appends its stop command to cleanups.
# The npm install (about 45 s) is kept in BERTH_TEST_AZURITE_HOME (default /opt/berth-test/azurite) for reruns;
# the blob data lives in the run directory and goes away with it.
azurite_version=3.37.0
azurite_home=${BERTH_TEST_AZURITE_HOME:-/opt/berth-test/azurite}
azurite_port=${BERTH_TEST_AZURITE_PORT:-10000}
azurite_bin="$azurite_home/node_modules/.bin/azurite-blob"

# Node.js comes with the machine image; a Debian package only when it does not (Debian's npm would conflict with
# a nodejs that bundles its own, which is why this is not in an azurite.packages file).
if ! command -v npm >/dev/null 2>&1; then
  echo "azurite.sh: npm not found; installing Debian's nodejs and npm" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 nodejs npm >&2 \
    || { echo "azurite.sh: could not install npm; install Node.js 18+ with npm and rerun scripts/test.sh" >&2; exit 1; }
fi
if [ "$(cat "$azurite_home/.version" 2>/dev/null)" != "$azurite_version" ] || [ ! -x "$azurite_bin" ]; then
  echo "installing azurite@$azurite_version into $azurite_home" >&2
  mkdir -p "$azurite_home"
  (cd "$azurite_home" && npm install --no-audit --no-fund --no-save --loglevel=error "azurite@$azurite_version" >&2)
  echo "$azurite_version" > "$azurite_home/.version"
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$azurite_port") 2>/dev/null; then
  echo "azurite.sh: port $azurite_port on 127.0.0.1 is already in use (set BERTH_TEST_AZURITE_PORT to use another)" >&2
  exit 1
fi

azurite_data="$BERTH_TEST_RUN_DIR/azurite"
mkdir -p "$azurite_data"
setsid "$azurite_bin" --blobHost 127.0.0.1 --blobPort "$azurite_port" --location "$azurite_data" \
  --skipApiVersionCheck --silent --loose >"$azurite_data/azurite.log" 2>&1 </dev/null &
azurite_pid=$!
# Azurite may linger on SIGTERM: give it a moment, then kill it, so the run never hangs in cleanup.
cleanups+=("kill -- -$azurite_pid 2>/dev/null; for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 $azurite_pid 2>/dev/null || break; sleep 0.3; done; kill -9 -- -$azurite_pid 2>/dev/null; wait $azurite_pid 2>/dev/null")

azurite_deadline=$(( $(date +%s) + 30 ))
until (exec 3<>"/dev/tcp/127.0.0.1/$azurite_port") 2>/dev/null; do
  if ! kill -0 "$azurite_pid" 2>/dev/null || [ "$(date +%s)" -ge "$azurite_deadline" ]; then
    echo "azurite did not start; log:" >&2
    tail -20 "$azurite_data/azurite.log" >&2
    exit 1
  fi
  sleep 0.2
done

# Azurite's published development account; it exists in every Azurite and nowhere else.
export BERTH_TEST_AZURE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;"
