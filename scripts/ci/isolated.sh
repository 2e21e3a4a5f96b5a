#!/usr/bin/env bash
# CI job "isolated": the tests on a machine where nothing listens (docs/testing.md).
#
# Runs inside a private network + mount namespace (`unshare -n -m`, root): only loopback, up,
# and no service of the host reachable. Then
#   (a) with redis-server and mosquitto hidden (/bin/false bind-mounted over them):
#       `npx jest test/dev --selectProjects e2e` (`npm start`'s embedded profile), if present, then
#       scripts/ci/embedded-start-check.sh (the real `npm start`, mosquitto_pub and curl, timed);
#   (b) with the binaries visible: the README's `npm test`, which must find nothing and start
#       embedded PostgreSQL, a private redis-server and mosquitto by itself
#       (REQUIRE_ALL_SUITES=1: a suite that cannot run is an error).
# Arguments go to `npm test` (e.g. `scripts/ci/isolated.sh test/persistence` for a short run).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${PARKING_ISOLATED:-}" != "1" ]; then
  if [ "$(id -u)" != "0" ] || ! command -v unshare >/dev/null 2>&1; then
    echo "isolated.sh: needs root and unshare" >&2
    exit 2
  fi
  PARKING_ISOLATED=1 exec unshare --net --mount --propagation private -- "$0" "$@"
fi

ip link set lo up

echo "== isolated (a): redis-server and mosquitto hidden: test/dev"
if [ -d test/dev ]; then
  # a nested mount namespace: the bind mounts vanish when it ends
  unshare --mount --propagation private -- bash -euo pipefail -c '
    for b in redis-server mosquitto mosquitto_passwd; do
      p=$(command -v "$b" 2>/dev/null || true)
      if [ -n "$p" ]; then mount --bind /bin/false "$(readlink -f "$p")"; fi
    done
    if redis-server --version >/dev/null 2>&1 || mosquitto -h >/dev/null 2>&1; then
      echo "isolated.sh: could not hide redis-server/mosquitto" >&2; exit 1
    fi
    npx jest --ci test/dev --selectProjects e2e
    # the README command itself: npm start, mosquitto_pub, curl, Ctrl-C, restart (built dist/)
    scripts/ci/embedded-start-check.sh
  '
else
  echo "isolated.sh: no test/dev yet, (a) has nothing to run"
fi

echo "== isolated (b): nothing listening, binaries visible: npm test $*"
REQUIRE_ALL_SUITES=1 TEST_PRIVATE_SERVICES=1 npm test -- "$@"
