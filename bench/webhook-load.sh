#!/usr/bin/env bash
# Webhook delivery under load, against a Release build of Quire on SQLite (or PostgreSQL with
# QUIRE_BENCH_PG naming an empty database) and a local receiver (bench/Quire.WebhookReceiver on
# 127.0.0.1:8093, which answers 200 at once and times each delivery from the event's timestamp).
#
#   1. Page creation, 16 clients (bench/create-pages.lua), with no webhook, then with 10 webhooks
#      subscribed to page_created (every page then makes 10 deliveries, sent meanwhile by the same
#      server on the same two cores): pages/second each way, and the ratio.
#   2. Delivery latency from the event's timestamp (in the committing transaction) to its arrival,
#      p50 and p99, with one webhook while one client creates pages one after the other.
#   3. Delivery throughput: for FILL, pages are created by a node that does not deliver
#      (Quire:Webhooks:Deliver=false), so their events wait in the outbox; then a delivering node
#      starts and the receiver times its arrivals from the first to the last: events/second.
#
#   bash bench/webhook-load.sh               # 15 s runs, a 25 s backlog
#   DURATION=30s FILL=60s bash bench/webhook-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }
json() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

DURATION=${DURATION:-15s}
FILL=${FILL:-25s}  # how long phase 3 creates pages for its backlog (about 20,000 events on SQLite)
PORT=${QUIRE_BENCH_PORT:-8091}
RECEIVER_PORT=${RECEIVER_BENCH_PORT:-8093}
BASE="http://127.0.0.1:$PORT"
RECEIVER="http://127.0.0.1:$RECEIVER_PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"
API="$BASE/wiki/rest/api"

source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"
quire_refuse_busy "$RECEIVER/stats"

DATA=$(mktemp -d)
RECEIVER_PID=""
cleanup() {
  quire_stop
  if [ -n "$RECEIVER_PID" ]; then kill "$RECEIVER_PID" 2>/dev/null || true; wait "$RECEIVER_PID" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT

quire_build
dotnet build -c Release bench/Quire.WebhookReceiver -v q -nologo >/dev/null
dotnet bench/Quire.WebhookReceiver/bin/Release/net10.0/Quire.WebhookReceiver.dll --urls "$RECEIVER" >"$DATA/receiver.log" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 1 100); do curl -sf "$RECEIVER/stats" >/dev/null && break; sleep 0.2; done

quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
curl -sf -H "$AUTH" -H 'Content-Type: application/json' -X POST "$API/space" -d '{"key":"BENCH","name":"Bench"}' >/dev/null

hooks() { curl -sf -H "$AUTH" "$API/webhooks?limit=100" | python3 -c 'import json,sys; print(" ".join(str(w["id"]) for w in json.load(sys.stdin)["results"]))'; }
register() { # register N: N webhooks to the receiver, each at its own path, subscribed to page_created
  for i in $(seq 1 "$1"); do
    curl -sf -H "$AUTH" -H 'Content-Type: application/json' -X POST "$API/webhooks" \
      -d "{\"name\":\"bench $i\",\"url\":\"$RECEIVER/hook/$i\",\"events\":[\"page_created\"]}" >/dev/null
  done
}
unregister() { for id in $(hooks); do curl -sf -H "$AUTH" -X DELETE "$API/webhooks/$id" >/dev/null; done; }
create_rate() { # create_rate NAME CONNECTIONS: pages/s over DURATION
  BENCH_SPACE=BENCH BENCH_RUN="$1$$" wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"$DURATION" --latency -s bench/create-pages.lua -H "$AUTH" "$API/content" \
    | tee "$DATA/wrk-$1.txt" >&2
  awk '/Requests\/sec/ { print $2 }' "$DATA/wrk-$1.txt"
}
wait_for() { # wait_for N: until the receiver has N deliveries (at most 10 minutes)
  for _ in $(seq 1 3000); do
    [ "$(curl -sf "$RECEIVER/stats" | json count)" -ge "$1" ] && return 0; sleep 0.2
  done
  echo "FAILED: the receiver got $(curl -sf "$RECEIVER/stats" | json count) of $1 deliveries"; exit 1
}

# --- 1. page creation with 0 and with 10 webhooks --------------------------------------------
echo "== warm-up"; create_rate warmup 16 >/dev/null
echo "== creation, no webhook"; NONE=$(create_rate none 16)
register 10
curl -sf -X POST "$RECEIVER/reset" >/dev/null
echo "== creation, 10 webhooks"; TEN=$(create_rate ten 16)
CREATED_TEN=$(awk '/^create-pages:/ { sub("completed=", "", $2); print $2 }' "$DATA/wrk-ten.txt")
wait_for $(( CREATED_TEN * 10 ))
STATS=$(curl -sf "$RECEIVER/stats")
[ "$(echo "$STATS" | json count)" -eq "$(echo "$STATS" | json distinctEvents)" ] || { echo "FAILED: a delivery arrived twice: $STATS"; exit 1; }
echo "10 webhooks: $(echo "$STATS" | json count) deliveries for $CREATED_TEN pages, all received once"
unregister

# --- 2. latency, one webhook, one client ----------------------------------------------------
register 1
curl -sf -X POST "$RECEIVER/reset" >/dev/null
echo "== latency: one client creating pages, one webhook"; create_rate latency 1 >/dev/null
CREATED_ONE=$(awk '/^create-pages:/ { sub("completed=", "", $2); print $2 }' "$DATA/wrk-latency.txt")
wait_for "$CREATED_ONE"
LATENCY=$(curl -sf "$RECEIVER/stats")

# --- 3. throughput: a backlog of events, then a delivering node ----------------------------
quire_stop
export Quire__Webhooks__Deliver=false
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
echo "== filling the outbox for $FILL (this node does not deliver)"
BENCH_SPACE=BENCH BENCH_RUN="backlog$$" wrk -t2 -c16 -d"$FILL" -s bench/create-pages.lua -H "$AUTH" "$API/content" | tee "$DATA/wrk-backlog.txt" >&2
quire_stop
# wrk counts the pages whose answers it read; a few more may have been created as it stopped.
BACKLOG=$(awk '/^create-pages:/ { sub("completed=", "", $2); print $2 }' "$DATA/wrk-backlog.txt")
unset Quire__Webhooks__Deliver
curl -sf -X POST "$RECEIVER/reset" >/dev/null
echo "== delivering $BACKLOG waiting events"
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
wait_for "$BACKLOG"
DRAIN=$(curl -sf "$RECEIVER/stats")

echo
awk -v n="$NONE" -v t="$TEN" 'BEGIN { printf "page creation: no webhook %.0f/s, 10 webhooks %.0f/s, ratio %.3f\n", n, t, t / n }'
echo "latency (one client, one webhook, $CREATED_ONE events): p50 $(echo "$LATENCY" | json p50) ms, p99 $(echo "$LATENCY" | json p99) ms, max $(echo "$LATENCY" | json max) ms"
python3 -c 'import json,sys; s=json.loads(sys.argv[1]); n=s["count"]; d=(s["lastAt"]-s["firstAt"])/1000; print(f"delivery throughput: {n} events in {d:.2f} s from the first to the last arrival: {n/d:.0f}/s")' "$DRAIN"
