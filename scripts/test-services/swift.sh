# Sourced by scripts/test.sh: starts an OpenStack Swift all-in-one (s3api + slo + tempauth) on 127.0.0.1 once for
# the whole run, for the S3 driver (Swift's S3 API) and the Swift driver (native API) tests; exports how to reach
# both and appends its stop command to cleanups.
# Ports: BERTH_TEST_SWIFT_PORT (8080, both APIs), BERTH_TEST_SWIFT_BACKEND_PORT (6200..6203).
swift_dir="$BERTH_TEST_RUN_DIR/swift"
swift_port=${BERTH_TEST_SWIFT_PORT:-8080}
swift_started=$(date +%s%N)
cleanups+=("$repo/scripts/object-stores/stop-swift.sh '$swift_dir'")
SWIFT_S3_PORT=$swift_port SWIFT_BACKEND_PORT=${BERTH_TEST_SWIFT_BACKEND_PORT:-6200} \
  "$repo/scripts/object-stores/start-swift.sh" "$swift_dir" >&2
echo "swift ready on 127.0.0.1:$swift_port in $(( ($(date +%s%N) - swift_started) / 1000000 )) ms" >&2

export BERTH_TEST_SWIFT_S3_ENDPOINT="http://127.0.0.1:$swift_port"
export BERTH_TEST_SWIFT_S3_REGION=us-east-1
export BERTH_TEST_SWIFT_S3_ACCESS_KEY=test:tester
export BERTH_TEST_SWIFT_S3_SECRET_KEY=testing
export BERTH_TEST_SWIFT_AUTH_URL="http://127.0.0.1:$swift_port/auth/v1.0"
export BERTH_TEST_SWIFT_USER=test:tester
export BERTH_TEST_SWIFT_KEY=testing
