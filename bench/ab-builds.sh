#!/usr/bin/env bash
# A/B of two or more builds of Quire on this machine, whose speed can move by half within minutes:
# each build in turn is started fresh (SQLite, or PostgreSQL with ENGINE=postgres; a throwaway data directory, rate limits off), warmed
# up, and measured with the same wrk commands, for ROUNDS rounds, so every build sees the same
# machine as often. Each argument is a checkout with a Release build of src/Quire.Server
# (git worktree add /tmp/base <commit> && dotnet build -c Release /tmp/base/src/Quire.Server).
#
#   bash bench/ab-builds.sh /tmp/base .                 # page read (4 KB page) and /user/current
#   MODE=create bash bench/ab-builds.sh /tmp/base .     # page creation, 16 clients (create-pages.lua)
#   ENGINE=postgres PGPORT=55450 PGUSER=quire bash bench/ab-builds.sh /tmp/base .   # on PostgreSQL (a local cluster;
#                                                       # PostgreSQL 13 or later: the database quire_ab is dropped and created for every run)
#
# Prints one line per build and round: requests/s (and p99 for creation), and the server's CPU time per read or per
# page created, which other work on the machine disturbs less than requests per second.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/quire.sh
ROUNDS=${ROUNDS:-3}
MODE=${MODE:-read}
ENGINE=${ENGINE:-sqlite}
ENGINE_SETTINGS=()
if [ "$ENGINE" = postgres ]; then
  : "${PGHOST:=127.0.0.1}" "${PGPORT:?the port of the cluster}" "${PGUSER:?a user that may create databases}"
  export PGHOST PGPORT PGUSER
  ENGINE_SETTINGS=(Quire__Database__Provider=postgres "Quire__Database__ConnectionString=Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=quire_ab")
fi
PORT=${QUIRE_BENCH_PORT:-8093}
BASE="http://127.0.0.1:$PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"
quire_refuse_busy "$BASE/status"
VALUE=$(quire_bench_page_value)
DATA=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA"' EXIT

# The server's CPU time (user + system, in clock ticks) so far: divided by the requests of a run, the CPU a
# request costs, a figure that other work on the machine moves far less than requests per second.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
cpu_per_request() {
  local requests
  requests=$(awk '/requests in/ {print $1}' <<<"$3")
  awk -v t="$(( $2 - $1 ))" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}'
}

for round in $(seq 1 "$ROUNDS"); do
  for dir in "$@"; do
    rm -rf "$DATA/site"; mkdir -p "$DATA/site"
    if [ "$ENGINE" = postgres ]; then dropdb --force --if-exists quire_ab; createdb quire_ab; fi
    env "${ENGINE_SETTINGS[@]}" Quire__DataDirectory="$DATA/site" Quire__Bootstrap__AdminEmail=$EMAIL Quire__Bootstrap__AdminApiToken=$TOKEN \
      Logging__LogLevel__Default=Warning Quire__RateLimits__PerUser__TokenLimit=0 Quire__RateLimits__PerApp__TokenLimit=0 \
      dotnet "$dir/src/Quire.Server/bin/Release/net10.0/quire.dll" --urls "$BASE" >"$DATA/server.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 100); do curl -sf "$BASE/status" >/dev/null && break; sleep 0.2; done
    curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"key":"BENCH","name":"Benchmark"}' "$BASE/wiki/rest/api/space" >/dev/null
    if [ "$MODE" = create ]; then
      BENCH_SPACE=BENCH BENCH_RUN="w$round" wrk -t2 -c16 -d10s -s bench/create-pages.lua -H "$AUTH" "$BASE/wiki/rest/api/content" >/dev/null
      CPU0=$(cpu_ticks "$PID")
      OUT=$(BENCH_SPACE=BENCH BENCH_RUN="m$round" wrk -t2 -c16 -d15s --latency -s bench/create-pages.lua -H "$AUTH" "$BASE/wiki/rest/api/content")
      CPU1=$(cpu_ticks "$PID")
      echo "round $round $dir: create $(awk '/^Requests\/sec:/ {print $2}' <<<"$OUT") pages/s, p99 $(awk '$1 == "99%" {print $2}' <<<"$OUT") ($(cpu_per_request "$CPU0" "$CPU1" "$OUT") µs of server CPU each)"
    else
      ID=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
        -d "{\"type\":\"page\",\"title\":\"Four kilobyte page\",\"space\":{\"key\":\"BENCH\"},\"body\":{\"storage\":{\"value\":\"$VALUE\",\"representation\":\"storage\"}}}" \
        "$BASE/wiki/rest/api/content" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
      URL="$BASE/wiki/rest/api/content/$ID?expand=body.storage,version,space"
      wrk -t2 -c32 -d15s -H "$AUTH" "$URL" >/dev/null
      CPU0=$(cpu_ticks "$PID")
      OUT=$(wrk -t2 -c32 -d10s -H "$AUTH" "$URL")
      CPU1=$(cpu_ticks "$PID")
      READ=$(awk '/^Requests\/sec:/ {print $2}' <<<"$OUT")
      USER=$(wrk -t2 -c32 -d10s -H "$AUTH" "$BASE/wiki/rest/api/user/current" | awk '/^Requests\/sec:/ {print $2}')
      echo "round $round $dir: page read $READ req/s ($(cpu_per_request "$CPU0" "$CPU1" "$OUT") µs of server CPU each), /user/current $USER req/s"
    fi
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  done
done
