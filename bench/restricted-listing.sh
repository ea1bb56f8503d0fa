#!/usr/bin/env bash
# Restricted listing benchmark (the permissions issue): a space of 10,000 pages, 1,000 of them
# under read restrictions (990 inherited from ten restricted section pages), listed with
# depth=all (GET /content/{homepage}/descendant/page, 100 per page) by a reader who may read
# half of the restricted pages, and by the site admin, who is named in every restriction.
# Built by bench/restricted-listing.py through the REST API; measured with wrk, 4 connections,
# at the first page (start=0) and a deep one (start=5000, which walks and filters as much).
# Release build, its own server on 127.0.0.1:8093 with a throwaway data directory (SQLite), or
# PostgreSQL with QUIRE_BENCH_PG="connection string" naming an empty database.
#
#   bash bench/restricted-listing.sh           # 15 s per measurement
#   DURATION=30s bash bench/restricted-listing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }

DURATION=${DURATION:-15s}
PORT=${QUIRE_BENCH_PORT:-8093}
BASE="http://127.0.0.1:$PORT"
export BENCH_EMAIL=bench@quire.local BENCH_TOKEN=bench-token-0123456789abcdef
ADMIN_AUTH="Authorization: Basic $(printf '%s:%s' "$BENCH_EMAIL" "$BENCH_TOKEN" | base64 -w0)"
READER_AUTH="Authorization: Basic $(printf '%s:%s' reader@quire.local reader-password | base64 -w0)"
source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"

DATA=$(mktemp -d)
trap 'quire_stop; rm -rf "$DATA"' EXIT
quire_build
quire_start "$BASE" "$DATA" "$BENCH_EMAIL" "$BENCH_TOKEN"
ENGINE=$QUIRE_ENGINE

echo "== building 10,000 pages through the API"
SECONDS=0
HOME_ID=$(python3 bench/restricted-listing.py 127.0.0.1 "$PORT")
echo "built in ${SECONDS}s; homepage $HOME_ID"

# Cross-check what each one sees: every page for the admin, 9,500 for the reader.
count() {
  local auth="$1" start=0 total=0 size
  while :; do
    size=$(curl -sf -H "$auth" "$BASE/wiki/rest/api/content/$HOME_ID/descendant/page?limit=250&start=$start" \
      | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["results"]))')
    total=$(( total + size )); start=$(( start + 250 ))
    [ "$size" -lt 250 ] && break
  done
  echo "$total"
}
ADMIN_SEES=$(count "$ADMIN_AUTH") READER_SEES=$(count "$READER_AUTH")
echo "admin sees $ADMIN_SEES pages, reader sees $READER_SEES"
[ "$ADMIN_SEES" -eq 10000 ] && [ "$READER_SEES" -eq 9500 ] || { echo "FAILED: expected 10000 and 9500"; exit 1; }

pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
for start in 0 5000; do
  for who in admin reader; do
    auth=$ADMIN_AUTH; [ "$who" = reader ] && auth=$READER_AUTH
    url="$BASE/wiki/rest/api/content/$HOME_ID/descendant/page?limit=100&start=$start"
    curl -sf -H "$auth" "$url" >/dev/null
    echo "== $who: GET descendant/page?limit=100&start=$start"
    wrk -t2 -c4 -d"$DURATION" --latency -H "$auth" "$url" | tee "$DATA/wrk-$who-$start.txt"
  done
done

echo
echo "== Summary ($ENGINE, $DURATION per run, 4 connections; 100 pages per response)"
for start in 0 5000; do
  a="$DATA/wrk-admin-$start.txt" r="$DATA/wrk-reader-$start.txt"
  echo "start=$start: admin p50 $(pct "$a" 50%) p99 $(pct "$a" 99%) $(rps "$a") req/s; reader p50 $(pct "$r" 50%) p99 $(pct "$r" 99%) $(rps "$r") req/s"
  awk -v a="$(rps "$a")" -v r="$(rps "$r")" -v s="$start" 'BEGIN { printf "start=%s: reader/admin time per listing %.2f\n", s, a / r }'
done
