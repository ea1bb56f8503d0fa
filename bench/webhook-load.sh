#!/usr/bin/env bash
# Webhook delivery under load, against a Release build of Quire on SQLite (or PostgreSQL with
# QUIRE_BENCH_PG naming an empty database) and a local receiver (bench/Quire.WebhookReceiver on
# 127.0.0.1:8093, which answers 200 at once and times each delivery from the event's timestamp).
#
#   1. Page creation, 16 clients (bench/create-pages.lua), with no webhook, then with 10 webhooks
#      subscribed to page_created, so that every page makes 10 deliveries:
#      a. delivered meanwhile by the same server, to a receiver on the same two cores;
#      b. by a node that only raises them (Quire:Webhooks:Deliver=false), as a node that serves
#         the API while other nodes deliver: what the outbox itself costs a write (three runs
#         without and three with, alternating; the medians compared).
#      pages/second each way, and the ratios to no webhook.
#   2. Delivery latency from the event's timestamp (in the committing transaction) to its arrival,
#      p50 and p99, with one webhook while one client creates pages one after the other.
#   3. Delivery throughput: the events 1b raised wait in the outbox (10 deliveries per page); a
#      delivering node starts and the receiver times the arrivals, leaving out the first tenth
#      (the new process's JIT warm-up): deliveries/second.
#
#   bash bench/webhook-load.sh               # 15 s runs
#   DURATION=30s bash bench/webhook-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }
json() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

DURATION=${DURATION:-15s}
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

count_of() { awk '/^create-pages:/ { sub("completed=", "", $2); print $2 }' "$DATA/wrk-$1.txt"; }

# --- 1. page creation with no webhook, then 10 delivered by the same node ---------------------
echo "== warm-up"; create_rate warmup 16 >/dev/null
echo "== creation, no webhook"; NONE=$(create_rate none 16)
register 10
curl -sf -X POST "$RECEIVER/reset" >/dev/null
echo "== creation, 10 webhooks delivered by this node"; TEN=$(create_rate ten 16)
wait_for $(( $(count_of ten) * 10 ))
STATS=$(curl -sf "$RECEIVER/stats")
[ "$(echo "$STATS" | json count)" -eq "$(echo "$STATS" | json distinctEvents)" ] || { echo "FAILED: a delivery arrived twice: $STATS"; exit 1; }
echo "10 webhooks: $(echo "$STATS" | json count) deliveries for $(count_of ten) pages, each received once"
unregister

# --- 2. latency, one webhook, one client ----------------------------------------------------
register 1
curl -sf -X POST "$RECEIVER/reset" >/dev/null
echo "== latency: one client creating pages, one webhook"; create_rate latency 1 >/dev/null
wait_for "$(count_of latency)"
LATENCY=$(curl -sf "$RECEIVER/stats")
unregister

# --- 1b. 10 webhooks, raised by a node that does not deliver ----------------------------------
# Runs on this machine vary by 15% or more from one to the next, and the database grows through
# them, so runs without and with webhooks alternate, three of each, and their medians are compared.
register 10
quire_stop
export Quire__Webhooks__Deliver=false
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
echo "== warm-up of the restarted node"; create_rate warmup2 16 >/dev/null
RAISED=$(count_of warmup2)
WITHOUT=() WITH=()
for round in 1 2 3; do
  unregister
  echo "== creation, no webhook ($round)"; WITHOUT+=("$(create_rate without$round 16)")
  register 10
  echo "== creation, 10 webhooks, this node only raises ($round)"; WITH+=("$(create_rate with$round 16)")
  RAISED=$(( RAISED + $(count_of with$round) ))
done
quire_stop
unset Quire__Webhooks__Deliver

# --- 3. throughput: the backlog 1b left, delivered by a new node -------------------------------
# wrk counts the pages whose answers it read; a few more may have been created as it stopped.
BACKLOG=$(( RAISED * 10 ))
curl -sf -X POST "$RECEIVER/reset" >/dev/null
echo "== delivering about $BACKLOG waiting deliveries"
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
wait_for "$BACKLOG"
sleep 2
DRAIN=$(curl -sf "$RECEIVER/stats?skip=$(( BACKLOG / 10 ))")
[ "$(echo "$DRAIN" | json count)" -eq "$(echo "$DRAIN" | json distinctEvents)" ] || { echo "FAILED: a delivery arrived twice: $DRAIN"; exit 1; }

echo
awk -v n="$NONE" -v t="$TEN" 'BEGIN { printf "page creation: no webhook %.0f/s, 10 webhooks delivered by the same node %.0f/s: ratio %.3f\n", n, t, t / n }'
python3 -c 'import statistics,sys; a=[float(x) for x in sys.argv[1].split()]; b=[float(x) for x in sys.argv[2].split()]; print(f"page creation on a node that only raises: no webhook {a} /s, 10 webhooks {b} /s: medians {statistics.median(a):.0f} and {statistics.median(b):.0f}, ratio {statistics.median(b)/statistics.median(a):.3f}")' "${WITHOUT[*]}" "${WITH[*]}"
echo "latency (one client, one webhook, $(count_of latency) events): p50 $(echo "$LATENCY" | json p50) ms, p99 $(echo "$LATENCY" | json p99) ms, max $(echo "$LATENCY" | json max) ms"
python3 -c 'import json,sys; s=json.loads(sys.argv[1]); n=s["count"]; k=int(sys.argv[2]); d=(s["lastAt"]-s["firstAt"])/1000; print(f"delivery throughput: {n} deliveries, each once; after the first {k}: {n-k} in {d:.2f} s, {(n-k)/d:.0f}/s")' "$DRAIN" "$(( BACKLOG / 10 ))"
