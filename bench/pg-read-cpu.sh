#!/usr/bin/env bash
# PostgreSQL CPU per page read: for each checkout given (each with a Release build of src/Quire.Server), ROUNDS times in
# alternation, a fresh database, the server on it with one 4 KB page, 15 s of warm-up, then 10 s of page reads
# (wrk -t2 -c32) while the CPU time of the local cluster's processes (the postmaster and its children, exited backends
# included) and of Quire are counted from /proc. The machine's speed moves by half within minutes; CPU per read moves
# less than requests/s, and alternating gives each build the same machine as often.
#
#   PGDATA=/tmp/pgh/data PGPORT=55433 PGUSER=quire bash bench/pg-read-cpu.sh /work/wt-base .
#
# The cluster must run locally (its data directory readable, for postmaster.pid) and let PGUSER create databases;
# the database quire_read_cpu is dropped and created for every run. Prints one line per build and round.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/quire.sh
: "${PGDATA:?the data directory of the local cluster}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
ROUNDS=${ROUNDS:-3}
PORT=${QUIRE_BENCH_PORT:-8095}
BASE="http://127.0.0.1:$PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"
HZ=$(getconf CLK_TCK)
POSTMASTER=$(head -1 "$PGDATA/postmaster.pid")
quire_refuse_busy "$BASE/status"
VALUE=$(quire_bench_page_value)
DATA=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA"' EXIT

# Clock ticks of the cluster so far: the postmaster with its reaped children (fields 14-17), and its live children.
cluster_ticks() {
  local total pid
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$POSTMASTER/stat")
  for pid in $(pgrep -P "$POSTMASTER"); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

for round in $(seq 1 "$ROUNDS"); do
  for dir in "$@"; do
    dropdb -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER" --if-exists quire_read_cpu 2>/dev/null
    createdb -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER" quire_read_cpu
    rm -rf "$DATA/site"; mkdir -p "$DATA/site"
    Quire__DataDirectory="$DATA/site" Quire__Bootstrap__AdminEmail=$EMAIL Quire__Bootstrap__AdminApiToken=$TOKEN \
      Logging__LogLevel__Default=Warning Quire__RateLimits__PerUser__TokenLimit=0 Quire__RateLimits__PerApp__TokenLimit=0 \
      Quire__Database__Provider=postgres \
      Quire__Database__ConnectionString="Host=127.0.0.1;Port=$PGPORT;Username=$PGUSER;Database=quire_read_cpu" \
      dotnet "$dir/src/Quire.Server/bin/Release/net10.0/quire.dll" --urls "$BASE" >"$DATA/server.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 150); do curl -sf "$BASE/status" >/dev/null && break; sleep 0.2; done
    curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"key":"BENCH","name":"Benchmark"}' "$BASE/wiki/rest/api/space" >/dev/null
    ID=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"type\":\"page\",\"title\":\"Four kilobyte page\",\"space\":{\"key\":\"BENCH\"},\"body\":{\"storage\":{\"value\":\"$VALUE\",\"representation\":\"storage\"}}}" \
      "$BASE/wiki/rest/api/content" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    URL="$BASE/wiki/rest/api/content/$ID?expand=body.storage,version,space"
    wrk -t2 -c32 -d15s -H "$AUTH" "$URL" >/dev/null
    before=$(cluster_ticks); quire_before=$(process_ticks "$PID")
    OUT=$(wrk -t2 -c32 -d10s -H "$AUTH" "$URL")
    sleep 0.3  # the backends' last ticks
    after=$(cluster_ticks); quire_after=$(process_ticks "$PID")
    if grep -q "Non-2xx" <<<"$OUT"; then echo "FAILED: non-2xx answers"; exit 1; fi
    REQUESTS=$(awk '/requests in/ {print $1}' <<<"$OUT")
    echo "round $round $dir: $(awk '/^Requests\/sec:/ {print $2}' <<<"$OUT") req/s," \
      "PostgreSQL $(( (after - before) * 1000000 / HZ / REQUESTS )) µs/read, Quire $(( (quire_after - quire_before) * 1000000 / HZ / REQUESTS )) µs/read"
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  done
done
