# Sourced by scripts/test.sh: starts a real OpenID Connect provider (npm's oidc-provider, scripts/test-services/
# oidc-provider/server.mjs) on 127.0.0.1 for the OIDC sign-in tests and exports BERTH_TEST_OIDC_ISSUER. Clients register
# themselves (dynamic registration at $BERTH_TEST_OIDC_ISSUER/reg); the login page takes any password for olivia,
# oscar or opal. The npm install is kept in BERTH_TEST_OIDC_HOME (default /opt/berth-test/oidc-provider) for reruns.
oidc_version=9.13.3
oidc_home=${BERTH_TEST_OIDC_HOME:-/opt/berth-test/oidc-provider}
oidc_port=${BERTH_TEST_OIDC_PORT:-9090}
if ! command -v npm >/dev/null 2>&1; then
  echo "oidc-provider.sh: npm not found; installing Debian's nodejs and npm" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 nodejs npm >&2 \
    || { echo "oidc-provider.sh: could not install npm; install Node.js 20+ with npm and rerun scripts/test.sh" >&2; return 1; }
fi
if [ "$(cat "$oidc_home/.version" 2>/dev/null)" != "$oidc_version" ] || [ ! -d "$oidc_home/node_modules/oidc-provider" ]; then
  echo "installing oidc-provider@$oidc_version into $oidc_home" >&2
  mkdir -p "$oidc_home"
  (cd "$oidc_home" && npm install --no-audit --no-fund --no-save --loglevel=error "oidc-provider@$oidc_version" >&2) \
    || { echo "oidc-provider.sh: npm install oidc-provider failed" >&2; return 1; }
  echo "$oidc_version" > "$oidc_home/.version"
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$oidc_port") 2>/dev/null; then
  echo "oidc-provider.sh: port $oidc_port on 127.0.0.1 is in use (set BERTH_TEST_OIDC_PORT)" >&2
  return 1
fi

oidc_dir="$BERTH_TEST_RUN_DIR/oidc-provider"
mkdir -p "$oidc_dir"
# The script is copied next to node_modules so that Node resolves the package from there.
cp "$repo/scripts/test-services/oidc-provider/server.mjs" "$oidc_home/server.mjs"
OIDC_PORT=$oidc_port setsid node "$oidc_home/server.mjs" >"$oidc_dir/oidc-provider.log" 2>&1 </dev/null &
oidc_pid=$!
cleanups+=("kill $oidc_pid 2>/dev/null; wait $oidc_pid 2>/dev/null")
oidc_deadline=$(( $(date +%s) + 30 ))
until curl -sf "http://127.0.0.1:$oidc_port/.well-known/openid-configuration" >/dev/null 2>&1; do
  if ! kill -0 "$oidc_pid" 2>/dev/null || [ "$(date +%s)" -ge "$oidc_deadline" ]; then
    echo "oidc-provider did not start; log:" >&2
    tail -20 "$oidc_dir/oidc-provider.log" >&2
    return 1
  fi
  sleep 0.2
done
export BERTH_TEST_OIDC_ISSUER="http://127.0.0.1:$oidc_port"
