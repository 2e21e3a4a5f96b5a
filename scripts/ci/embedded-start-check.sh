#!/usr/bin/env bash
# The README's `npm start` as a newcomer runs it, inside scripts/ci/isolated.sh step (a) (nothing
# listens, redis-server and mosquitto hidden): the embedded profile serves the sample city, one
# `mosquitto_pub` of an event makes `curl` of that space show it occupied, Ctrl-C stops everything
# (no PostgreSQL left), and a restart keeps the data. Prints the time from `npm start` to the
# banner, first start (initdb, migrations, sample city) and restart. Needs a built checkout
# (`npm ci` builds dist/), curl and mosquitto_pub; the data goes to a temporary PARKING_LOCAL_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v mosquitto_pub >/dev/null || { echo "embedded-start-check: mosquitto_pub missing (apt-get install mosquitto-clients)" >&2; exit 1; }
LOCAL=$(mktemp -d /tmp/parking-start-check-XXXXXX)
chmod 711 "$LOCAL"
LOG="$LOCAL/npm-start.log"
PID=""
cleanup() {
  [ -n "$PID" ] && kill -INT -- -"$PID" 2>/dev/null && sleep 3
  [ -n "$PID" ] && kill -KILL -- -"$PID" 2>/dev/null || true
  rm -rf "$LOCAL"
}
trap cleanup EXIT
SPACE=sp-core-yan-an-rd-001
state() { curl -sf "$1/v1/spaces/$SPACE" | grep -o '"state":"[a-z]*"' | cut -d'"' -f4; }

start() { # -> sets PID, API, MQTT_PORT, prints the time to the banner
  : > "$LOG"
  local t0 t1
  t0=$(date +%s%N)
  # a newcomer's shell: no service configured (CI exports DATABASE_URL for its migrations)
  env -u DATABASE_URL -u REDIS_URL -u MQTT_URL PARKING_LOCAL_DIR="$LOCAL/data" \
    setsid npm start > "$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    grep -q "Ctrl-C stops everything" "$LOG" && break
    kill -0 "$PID" 2>/dev/null || { cat "$LOG"; echo "npm start exited" >&2; exit 1; }
    sleep 0.25
  done
  grep -q "Ctrl-C stops everything" "$LOG" || { cat "$LOG"; echo "no banner within 60 s" >&2; exit 1; }
  t1=$(date +%s%N)
  API=$(grep -m1 -oE "^  API +http://\S+" "$LOG" | awk '{print $2}')
  MQTT_PORT=$(grep -m1 -oE "^  MQTT +mqtt://\S+" "$LOG" | sed -E 's#.*:([0-9]+)$#\1#')
  echo "$1: npm start -> serving in $(( (t1 - t0) / 1000000 )) ms ($(grep -oE 'Serving after [0-9.]+ s' "$LOG"))"
}
stop() {
  kill -INT -- -"$PID"
  wait "$PID" || true
  PID=""
  sleep 1
  if pgrep -f "$LOCAL/data/pg" >/dev/null; then echo "PostgreSQL left running" >&2; exit 1; fi
}

start "first start"
[ "$(state "$API")" = "unknown" ] || { echo "expected unknown before any uplink" >&2; exit 1; }
mosquitto_pub -V mqttv311 -h 127.0.0.1 -p "$MQTT_PORT" -q 1 -t parking/v1/gateways/gw-01/events \
  -m "{\"sensorId\":\"sn-0001\",\"seq\":1,\"type\":\"startup\",\"occupied\":true,\"ts\":$(date +%s%3N)}"
for _ in $(seq 1 20); do [ "$(state "$API")" = "occupied" ] && break; sleep 0.1; done
[ "$(state "$API")" = "occupied" ] || { echo "the event did not reach the space" >&2; exit 1; }
echo "mosquitto_pub -> curl: $SPACE occupied"
stop
start "restart"
[ "$(state "$API")" = "occupied" ] || { echo "data lost across the restart" >&2; exit 1; }
grep -q "password" "$LOG" && { echo "a second admin password was printed" >&2; exit 1; }
stop
echo "embedded-start-check: ok"
