#!/usr/bin/env bash
# Content load with wrk against a Release build of Quire on SQLite (or PostgreSQL, with
# QUIRE_BENCH_PG="connection string" naming an empty database, as for http-load.sh).
# Starts its own server on 127.0.0.1:8091 with a throwaway data directory and a bootstrap
# admin, creates space BENCH, then measures three things:
#
#   1. GET of one ~4 KB page (expand=body.storage,version,space), 32 connections, next to a
#      bare Kestrel endpoint (bench/Quire.BareKestrel, 127.0.0.1:8092) that serves the very
#      same response bytes from memory: the requests/s ratio Quire/bare is the share of the
#      bare server's throughput that Quire keeps while authenticating, reading the database
#      and rendering.
#      1b. The same for GET /wiki/rest/api/user/current: sign-in and a small answer.
#   2. Page creation, 16 concurrent clients (bench/create-pages.lua): pages/second. Fails
#      if any request answered non-2xx, and checks the space holds as many new pages as wrk
#      counted.
#   3. Listing 200 children of one page (expand=version,space,history), 8 connections:
#      p50 and p99 latency.
#
#   bash bench/content-load.sh             # 15 s per measurement
#   DURATION=30s bash bench/content-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }
# jq when there is one, python3 otherwise: both only read a field or a count from JSON.
if command -v jq >/dev/null; then
  json() { jq -r "$1"; }
else
  # Translates the few jq paths used below (.a.b, .results | length) to Python.
  json() {
    python3 -c 'import json,sys
expr = sys.argv[1]; value = json.load(sys.stdin)
path, _, length = expr.partition("|")
for part in filter(None, path.strip().split(".")):
    value = value.get(part) if isinstance(value, dict) else None
print(len(value) if length.strip() == "length" else ("null" if value is None else value))' "$1"
  }
fi

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}  # untimed load before each measured run of reads and of creation: tiered compilation settles in about 15 s
PORT=${QUIRE_BENCH_PORT:-8091}
BARE_PORT=${BARE_BENCH_PORT:-8092}
BASE="http://127.0.0.1:$PORT"
BARE="http://127.0.0.1:$BARE_PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"
API="$BASE/wiki/rest/api"

source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"
quire_refuse_busy "$BARE/bytes"

DATA=$(mktemp -d)
BARE_SERVER=""
cleanup() {
  quire_stop
  if [ -n "$BARE_SERVER" ]; then kill "$BARE_SERVER" 2>/dev/null || true; wait "$BARE_SERVER" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT

quire_build
dotnet build -c Release bench/Quire.BareKestrel -v q -nologo >/dev/null
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
ENGINE=$QUIRE_ENGINE

post() { curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "$2" "$API$1"; }

post /space '{"key":"BENCH","name":"Content benchmark space"}' >/dev/null

# --- 1. GET one ~4 KB page, Quire against bare Kestrel -----------------------------------
# A heading and paragraphs of plain words, 4,096 characters of storage (bench/lib/quire.sh).
VALUE=$(quire_bench_page_value)
PAGE=$(post /content "{\"type\":\"page\",\"title\":\"Four kilobyte page\",\"space\":{\"key\":\"BENCH\"},\"body\":{\"storage\":{\"value\":\"$VALUE\",\"representation\":\"storage\"}}}" | json .id)
GET_PATH="/wiki/rest/api/content/$PAGE?expand=body.storage,version,space"
curl -sf -H "$AUTH" "$BASE$GET_PATH" >"$DATA/page.json"
echo "page $PAGE: storage value ${#VALUE} chars sent, $(json .body.storage.value <"$DATA/page.json" | tr -d '\n' | wc -c) stored; response $(wc -c <"$DATA/page.json") bytes"

rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }

# against_bare NAME PATH: GETs PATH from Quire into NAME.json, starts bare Kestrel serving those
# bytes, and measures both with the same wrk command (the bare one stopped afterwards, so it
# takes nothing from the later runs). Leaves wrk's output in wrk-NAME-quire.txt / -bare.txt.
against_bare() {
  local name=$1 path=$2
  curl -sf -H "$AUTH" "$BASE$path" >"$DATA/$name.json"
  dotnet bench/Quire.BareKestrel/bin/Release/net10.0/Quire.BareKestrel.dll "$DATA/$name.json" --urls "$BARE" >"$DATA/bare.log" 2>&1 &
  BARE_SERVER=$!
  for _ in $(seq 1 100); do curl -sf "$BARE/bytes" >/dev/null && break; sleep 0.2; done
  kill -0 "$BARE_SERVER" 2>/dev/null || { echo "bare Kestrel did not start:"; cat "$DATA/bare.log"; exit 1; }
  # The baseline must be the same response, or the ratio compares different work.
  cmp -s "$DATA/$name.json" <(curl -sf "$BARE/bytes") || { echo "bare Kestrel does not serve the same bytes"; exit 1; }
  # Both are warmed up under the same load first: .NET compiles hot methods again with
  # optimizations after their first calls (tiered compilation), and a run that starts cold
  # measures unoptimized code (a page read gave 2,600 req/s in its first 10 s, 9,500 after 20 s).
  echo "== GET $path (Quire, $(wc -c <"$DATA/$name.json") bytes)"
  wrk -t2 -c32 -d"$WARMUP" -H "$AUTH" "$BASE$path" >/dev/null
  wrk -t2 -c32 -d"$DURATION" --latency -H "$AUTH" "$BASE$path" | tee "$DATA/wrk-$name-quire.txt"
  echo "== GET $BARE/bytes (bare Kestrel, same bytes)"
  wrk -t2 -c32 -d"$WARMUP" "$BARE/bytes" >/dev/null
  wrk -t2 -c32 -d"$DURATION" --latency "$BARE/bytes" | tee "$DATA/wrk-$name-bare.txt"
  kill "$BARE_SERVER"; wait "$BARE_SERVER" 2>/dev/null || true; BARE_SERVER=""
}

against_bare page "$GET_PATH"
QUIRE_RPS=$(rps "$DATA/wrk-page-quire.txt") BARE_RPS=$(rps "$DATA/wrk-page-bare.txt")
# --- 1b. GET /user/current (sign-in and a small answer), against bare Kestrel --------------
against_bare user /wiki/rest/api/user/current
USER_RPS=$(rps "$DATA/wrk-user-quire.txt") USER_BARE_RPS=$(rps "$DATA/wrk-user-bare.txt")

# --- 2. Page creation, 16 concurrent clients -----------------------------------------------
# Counts the pages of BENCH by paging through them (the listing reports no total size).
count_pages() {
  local start=0 total=0 size
  while :; do
    size=$(curl -sf -H "$AUTH" "$API/space/BENCH/content/page?depth=all&limit=250&start=$start" | json .size)
    total=$(( total + size )); start=$(( start + 250 ))
    [ "$size" -lt 250 ] && break
  done
  echo "$total"
}
# Creation is warmed up too, as the reads are: its own code (JSON binding, the body's checks, the insert and the
# answer) is compiled again by tiered compilation in its first seconds under load; a profile of a 10 s run from
# cold still had the JIT's background thread at 18% of the server's samples.
BENCH_SPACE=BENCH BENCH_RUN="w$$" wrk -t2 -c16 -d"$WARMUP" -s bench/create-pages.lua -H "$AUTH" "$API/content" >/dev/null
sleep 2 # the warm-up's last requests, cut off by wrk's exit, finish before the pages are counted
BEFORE=$(count_pages)
echo "== POST /wiki/rest/api/content (create pages, 16 connections)"
BENCH_SPACE=BENCH BENCH_RUN="r$$" wrk -t2 -c16 -d"$DURATION" --latency -s bench/create-pages.lua -H "$AUTH" "$API/content" | tee "$DATA/wrk-create.txt"
CREATED=$(awk '/^create-pages:/ { sub("completed=", "", $2); print $2 }' "$DATA/wrk-create.txt")
NON2XX=$(awk '/^create-pages:/ { sub("non2xx=", "", $3); print $3 }' "$DATA/wrk-create.txt")
SOCKET=$(awk '/^create-pages:/ { sub("socket_errors=", "", $4); print $4 }' "$DATA/wrk-create.txt")
if [ -z "$NON2XX" ] || [ "$NON2XX" -ne 0 ] || grep -q "Non-2xx or 3xx responses" "$DATA/wrk-create.txt"; then
  echo "FAILED: page creation answered ${NON2XX:-?} non-2xx responses; server log:"; tail -n 50 "$DATA/server.log"; exit 1
fi
if [ "$SOCKET" -ne 0 ]; then
  echo "FAILED: page creation had $SOCKET socket errors (timeouts or resets); the figure is not valid"; exit 1
fi
# wrk counts only the responses it read before the deadline; up to one request per
# connection may still have been in flight and created its page after that.
sleep 1
AFTER=$(count_pages)
if [ $(( AFTER - BEFORE )) -lt "$CREATED" ] || [ $(( AFTER - BEFORE )) -gt $(( CREATED + 16 )) ]; then
  echo "FAILED: wrk counted $CREATED created pages but the space gained $(( AFTER - BEFORE ))"; exit 1
fi
echo "cross-check: wrk counted $CREATED created pages, space BENCH gained $(( AFTER - BEFORE ))"
CREATE_RPS=$(rps "$DATA/wrk-create.txt")

# --- 3. Listing 200 children -------------------------------------------------------------
PARENT=$(post /content '{"type":"page","title":"Parent of 200","space":{"key":"BENCH"},"body":{"storage":{"value":"<p>Parent.</p>","representation":"storage"}}}' | json .id)
# Four at a time: fast enough, and xargs exits non-zero (ending the script) if any fails.
seq 1 200 | xargs -P4 -I{} curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"type\":\"page\",\"title\":\"Child {}\",\"space\":{\"key\":\"BENCH\"},\"ancestors\":[{\"id\":\"$PARENT\"}],\"body\":{\"storage\":{\"value\":\"<p>Child {} of the listing benchmark.</p>\",\"representation\":\"storage\"}}}" \
  "$API/content"
LIST_PATH="/wiki/rest/api/content/$PARENT/child/page?limit=200&expand=version,space,history"
LISTED=$(curl -sf -H "$AUTH" "$BASE$LIST_PATH" | json '.results | length')
[ "$LISTED" -eq 200 ] || { echo "FAILED: the listing returned $LISTED children, not 200"; exit 1; }
echo "== GET $LIST_PATH (200 children)"
wrk -t2 -c8 -d"$DURATION" --latency -H "$AUTH" "$BASE$LIST_PATH" | tee "$DATA/wrk-list.txt"

echo
echo "== Summary ($ENGINE, $DURATION per run)"
awk -v q="$QUIRE_RPS" -v b="$BARE_RPS" 'BEGIN { printf "GET 4 KB page: Quire %s req/s, bare Kestrel %s req/s, ratio Quire/bare %.3f\n", q, b, q / b }'
awk -v q="$USER_RPS" -v b="$USER_BARE_RPS" 'BEGIN { printf "GET /user/current: Quire %s req/s, bare Kestrel %s req/s, ratio Quire/bare %.3f\n", q, b, q / b }'
echo "create pages (16 clients): $CREATE_RPS pages/s, p50 $(pct "$DATA/wrk-create.txt" 50%), p99 $(pct "$DATA/wrk-create.txt" 99%), $CREATED created, 0 non-2xx"
echo "list 200 children (8 connections): p50 $(pct "$DATA/wrk-list.txt" 50%), p99 $(pct "$DATA/wrk-list.txt" 99%), $(rps "$DATA/wrk-list.txt") req/s"
