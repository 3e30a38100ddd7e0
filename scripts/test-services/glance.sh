# Sourced by scripts/test.sh: starts OpenStack Glance (Debian's glance-api, Images API v2) on 127.0.0.1 for the Glance
# driver tests, without Keystone: a paste filter gives every request a fixed project and admin roles, the database is
# sqlite and images live in the run directory (scripts/object-stores/glance.sh writes the configuration). Exports
# BERTH_TEST_GLANCE_URL and appends its stop command to cleanups.
# Port BERTH_TEST_GLANCE_PORT (9393, not Glance's 9292, which a packaged glance-api service may hold).
glance_dir="$BERTH_TEST_RUN_DIR/glance"
glance_port=${BERTH_TEST_GLANCE_PORT:-9393}
glance_started=$(date +%s%N)
mkdir -p "$glance_dir"
cleanups+=("STATE_DIR='$glance_dir' GLANCE_PORT=$glance_port '$repo/scripts/object-stores/glance.sh' stop >/dev/null")
STATE_DIR=$glance_dir GLANCE_PORT=$glance_port GLANCE_AUTH=fakeidentity GLANCE_HASH=sha256 \
  "$repo/scripts/object-stores/glance.sh" start >&2
echo "glance ready on 127.0.0.1:$glance_port in $(( ($(date +%s%N) - glance_started) / 1000000 )) ms" >&2

export BERTH_TEST_GLANCE_URL="http://127.0.0.1:$glance_port"
