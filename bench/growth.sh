#!/usr/bin/env bash
# Growth (issue 14): the same reads, listings and searches at SIZES pages (10k, 100k and 1M by
# default), each corpus written by the bulk loader (`quire corpus load`: a breadth-first tree of
# 20 children per page over 4 spaces GR0..GR3, GR0's homepage with 6,000 children, bodies of a
# few hundred Zipf-drawn words from bench/search-words.txt) and then served by a Release build:
#
#   read      GET /content/{id}?expand=body.storage,version,space of a loaded page, -t2 -c32, and
#             the same bytes from bare Kestrel (bench/Quire.BareKestrel): req/s and their ratio
#   children  GET /content/{GR0 home}/child/page, first page and start=5000 (6,000 children)
#   space     GET /space/GR0/content/page?depth=all, first page and start=5000
#   desc      GET /content/{GR0 home}/descendant/page, first page and start=5000 (the whole space's tree)
#   cql       GET /content/search?cql=text ~ "WORD" (default validation, rank ~600 of 5,000)
#
# Listings and CQL run -t2 -c4; p50/p99 from wrk --latency. SQLite by default; PostgreSQL with
# QUIRE_BENCH_PG naming a server and user but no database ("Host=127.0.0.1;Port=55442;Username=postgres"):
# each size gets its own database growth_<N> there (created, or reused with QUIRE_BENCH_DATA).
#
#   bash bench/growth.sh
#   SIZES="10000 100000" QUIRE_BENCH_PG="Host=127.0.0.1;Port=55442;Username=postgres" bash bench/growth.sh
#
# QUIRE_BENCH_DATA=dir keeps each size's data directory (dir/<engine>-<N>) and database: a second
# run finds ids.json there and measures without loading again.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }

SIZES=${SIZES:-10000 100000 1000000}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-20s}
WORD=${WORD:-validation}
PORT=${QUIRE_BENCH_PORT:-8096}
BARE_PORT=${BARE_BENCH_PORT:-8097}
BASE="http://127.0.0.1:$PORT"
BARE="http://127.0.0.1:$BARE_PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"
API="$BASE/wiki/rest/api"
PG_SERVER=${QUIRE_BENCH_PG:-}
ENGINE_NAME=$([ -n "$PG_SERVER" ] && echo postgres || echo sqlite)

source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"
quire_refuse_busy "$BARE/bytes"

ROOT=${QUIRE_BENCH_DATA:-$(mktemp -d)}
mkdir -p "$ROOT"
BARE_SERVER=""
cleanup() {
  quire_stop
  if [ -n "$BARE_SERVER" ]; then kill "$BARE_SERVER" 2>/dev/null || true; wait "$BARE_SERVER" 2>/dev/null || true; fi
  [ -n "${QUIRE_BENCH_DATA:-}" ] || rm -rf "$ROOT"
}
trap cleanup EXIT

quire_build
dotnet build -c Release bench/Quire.BareKestrel -v q -nologo >/dev/null
QUIRE_DLL=src/Quire.Server/bin/Release/net10.0/quire.dll

field() { python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))[int(sys.argv[2])]; print(s[sys.argv[3]])' "$1" "$2" "$3"; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
SUMMARY="$ROOT/growth-$ENGINE_NAME.txt"; : >"$SUMMARY"

# One wrk run of a path: fails on any error answer; prints "p50 p99 req/s".
measure() {  # out-file, connections, path
  local out=$1 c=$2 url="$BASE$3"
  curl -sf -o /dev/null -H "$AUTH" "$url" || { echo "FAILED: $url"; exit 1; }
  wrk -t2 -c"$c" -d"$DURATION" --timeout 10s --latency -H "$AUTH" "$url" >"$out"
  if grep -q 'Non-2xx\|Socket errors' "$out"; then cat "$out"; echo "FAILED: errors in $url"; exit 1; fi
  echo "$(pct "$out" 50%) $(pct "$out" 99%) $(rps "$out")"
}

for N in $SIZES; do
  DATA="$ROOT/$ENGINE_NAME-$N"; mkdir -p "$DATA"
  OPTIONS=(--data-directory "$DATA")
  if [ -n "$PG_SERVER" ]; then
    export QUIRE_BENCH_PG="$PG_SERVER;Database=growth_$N"
    OPTIONS+=(--database-provider postgres --connection-string "$QUIRE_BENCH_PG")
    PGCONN=$(printf '%s' "$PG_SERVER" | tr ';' '\n' | sed -e 's/^Host=/host=/I' -e 's/^Port=/port=/I' -e 's/^Username=/user=/I' | tr '\n' ' ')
  fi
  if [ ! -s "$DATA/ids.json" ]; then
    if [ -n "$PG_SERVER" ]; then psql "$PGCONN dbname=postgres" -qc "DROP DATABASE IF EXISTS growth_$N" -c "CREATE DATABASE growth_$N"; fi
    echo "== loading $N pages ($ENGINE_NAME)"
    SECONDS=0
    Quire__Bootstrap__AdminEmail=$EMAIL Quire__Bootstrap__AdminApiToken=$TOKEN Logging__LogLevel__Default=Warning \
      dotnet "$QUIRE_DLL" corpus load "${OPTIONS[@]}" --owner "$EMAIL" --pages "$N" --words bench/search-words.txt >"$DATA/ids.json" 2>"$DATA/load.log"
    echo "loaded in ${SECONDS}s" | tee -a "$DATA/load.log"
  fi
  # Planner statistics and visibility maps as a site that has run a while has them.
  if [ -n "$PG_SERVER" ]; then psql "$PGCONN dbname=growth_$N" -qc "VACUUM ANALYZE"; fi
  quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"

  HOME0=$(field "$DATA/ids.json" 0 homepageId)
  PAGE=$(field "$DATA/ids.json" 1 firstChildId)
  READ="/wiki/rest/api/content/$PAGE?expand=body.storage,version,space"
  curl -sf -H "$AUTH" "$BASE$READ" >"$DATA/page.json"
  dotnet bench/Quire.BareKestrel/bin/Release/net10.0/Quire.BareKestrel.dll "$DATA/page.json" --urls "$BARE" >"$DATA/bare.log" 2>&1 &
  BARE_SERVER=$!
  for _ in $(seq 1 100); do curl -sf "$BARE/bytes" >/dev/null && break; sleep 0.2; done
  cmp -s "$DATA/page.json" <(curl -sf "$BARE/bytes") || { echo "bare Kestrel does not serve the same bytes"; exit 1; }

  # Warmed up under load first, as content-load.sh does: tiered compilation settles in about 15 s.
  wrk -t2 -c32 -d"$WARMUP" -H "$AUTH" "$BASE$READ" >/dev/null
  read -r _ READ_P99 READ_RPS < <(measure "$DATA/wrk-read.txt" 32 "$READ")
  wrk -t2 -c32 -d"$WARMUP" "$BARE/bytes" >/dev/null
  wrk -t2 -c32 -d"$DURATION" --latency "$BARE/bytes" >"$DATA/wrk-bare.txt"
  BARE_RPS=$(rps "$DATA/wrk-bare.txt")
  kill "$BARE_SERVER"; wait "$BARE_SERVER" 2>/dev/null || true; BARE_SERVER=""
  printf '%s %8s  read       req/s=%s bare=%s ratio=%s p99=%s\n' "$ENGINE_NAME" "$N" "$READ_RPS" "$BARE_RPS" \
    "$(awk -v q="$READ_RPS" -v b="$BARE_RPS" 'BEGIN { printf "%.3f", q / b }')" "$READ_P99" | tee -a "$SUMMARY"

  row() {  # name, path
    read -r p50 p99 r < <(measure "$DATA/wrk-$1.txt" 4 "$2")
    printf '%s %8s  %-10s p50=%s p99=%s req/s=%s  %s\n' "$ENGINE_NAME" "$N" "$1" "$p50" "$p99" "$r" "$2" | tee -a "$SUMMARY"
  }
  row children "/wiki/rest/api/content/$HOME0/child/page"
  row children5k "/wiki/rest/api/content/$HOME0/child/page?start=5000"
  row space "/wiki/rest/api/space/GR0/content/page?depth=all"
  row space5k "/wiki/rest/api/space/GR0/content/page?depth=all&start=5000"
  row desc "/wiki/rest/api/content/$HOME0/descendant/page"
  row desc5k "/wiki/rest/api/content/$HOME0/descendant/page?start=5000"
  row cql "/wiki/rest/api/content/search?cql=$(urlencode "text ~ \"$WORD\"")"
  quire_stop
done

echo
echo "== Growth ($ENGINE_NAME, $DURATION per run)"
cat "$SUMMARY"
