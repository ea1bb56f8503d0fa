#!/usr/bin/env bash
# Search benchmark (the CQL/search issue's Speed section): a site of PAGES pages (100,000 by
# default) built through the REST API by bench/search-corpus.py (Zipf-distributed words,
# labels, a three-level page tree, four spaces), then:
#   - the index's size: SQLite dbstat of the FTS5 tables, PostgreSQL pg_total_relation_size;
#   - wrk latency (-t2 -c4, DURATION each) of typical CQL queries through GET /search and
#     GET /content/search, and of the full-text query with one connection (-t1 -c1);
#   - the bare full-text query on the same database with one connection: the same MATCH /
#     @@ with the same space and order, no HTTP, permissions or rendering (bench/search-bare.cs,
#     Quire's own SQLite library, on SQLite, pgbench on PostgreSQL), and the MATCH / @@ alone returning every match.
# Release build, its own server on 127.0.0.1:8095 with a data directory (SQLite), or
# PostgreSQL with QUIRE_BENCH_PG="connection string" naming an empty database.
#
#   PAGES=100000 bash bench/search-load.sh
#   QUIRE_BENCH_PG="Host=127.0.0.1;Port=55432;Username=quire;Database=sbench" PAGES=100000 bash bench/search-load.sh
#
# QUIRE_BENCH_DATA=dir keeps the data directory (and, with PostgreSQL, the database): a second
# run with the same directory finds ids.json there and measures without building again.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }

PAGES=${PAGES:-100000}
DURATION=${DURATION:-10s}
PORT=${QUIRE_BENCH_PORT:-8095}
BASE="http://127.0.0.1:$PORT"
export BENCH_EMAIL=bench@quire.local BENCH_TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$BENCH_EMAIL" "$BENCH_TOKEN" | base64 -w0)"
source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"

KEEP=""
if [ -n "${QUIRE_BENCH_DATA:-}" ]; then DATA=$QUIRE_BENCH_DATA; KEEP=1; mkdir -p "$DATA"; else DATA=$(mktemp -d); fi
trap 'quire_stop; [ -n "$KEEP" ] || rm -rf "$DATA"' EXIT
quire_build
quire_start "$BASE" "$DATA" "$BENCH_EMAIL" "$BENCH_TOKEN"
ENGINE=$QUIRE_ENGINE
# libpq's form of the same connection string, for psql and pgbench.
if [ "$ENGINE" = PostgreSQL ]; then
  PGCONN=$(printf '%s' "$QUIRE_BENCH_PG" | tr ';' '\n' | sed -e 's/^Host=/host=/I' -e 's/^Port=/port=/I' -e 's/^Username=/user=/I' -e 's/^Database=/dbname=/I' | tr '\n' ' ')
fi

if [ ! -s "$DATA/ids.json" ]; then
  echo "== building $PAGES pages through the API ($ENGINE)"
  SECONDS=0
  python3 bench/search-corpus.py 127.0.0.1 "$PORT" "$PAGES" 4 8 >"$DATA/ids.json"
  echo "built in ${SECONDS}s: $(awk -v p="$PAGES" -v s="$SECONDS" 'BEGIN { printf "%.0f", p / s }') pages/s (labels included)"
fi
ANCESTOR=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["level1"]["SB0"][0])' "$DATA/ids.json")

echo "== index size"
if [ "$ENGINE" = SQLite ]; then
  sqlite3 "$DATA/quire.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  sqlite3 "$DATA/quire.db" "
    SELECT 'pages: ' || (SELECT count(*) FROM content WHERE type = 'page');
    SELECT 'database: ' || ((SELECT sum(pgsize) FROM dbstat) / 1048576) || ' MiB';
    SELECT 'content_search (all FTS5 tables): ' || ((SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'content_search%') / 1048576) || ' MiB';
    SELECT '  ' || name || ': ' || (sum(pgsize) / 1048576) || ' MiB' FROM dbstat WHERE name LIKE 'content_search%' GROUP BY name;
    SELECT 'content table: ' || ((SELECT sum(pgsize) FROM dbstat WHERE name = 'content') / 1048576) || ' MiB';
    SELECT 'index bytes per page: ' || ((SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'content_search%') / (SELECT count(*) FROM content));"
else
  psql "$PGCONN" -tA -c "ANALYZE" -c "
    SELECT 'pages: ' || (SELECT count(*) FROM content WHERE type = 'page');
    SELECT 'database: ' || (pg_database_size(current_database()) / 1048576) || ' MiB';
    SELECT 'content_search (table, TOAST, indexes): ' || (pg_total_relation_size('content_search') / 1048576) || ' MiB';
    SELECT '  table + TOAST: ' || (pg_table_size('content_search') / 1048576) || ' MiB, GIN document: '
        || (pg_relation_size('ix_content_search_document') / 1048576) || ' MiB, GIN title: ' || (pg_relation_size('ix_content_search_title') / 1048576) || ' MiB';
    SELECT 'content (table, TOAST, indexes): ' || (pg_total_relation_size('content') / 1048576) || ' MiB';
    SELECT 'index bytes per page: ' || (pg_total_relation_size('content_search') / (SELECT count(*) FROM content));"
fi

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
SUMMARY="$DATA/summary.txt"; : >"$SUMMARY"
run() {  # name, path, cql, connections
  local name=$1 path=$2 cql=$3 c=$4 url out
  url="$BASE/wiki/rest/api/$path?cql=$(urlencode "$cql")"
  local check
  check=$(curl -sf -H "$AUTH" "$url" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["results"]), d.get("totalSize", "-"))') \
    || { echo "FAILED: $url"; exit 1; }
  out="$DATA/wrk-$name-c$c.txt"
  wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"$DURATION" --timeout 10s --latency -H "$AUTH" "$url" >"$out"
  grep -q 'Non-2xx\|Socket errors' "$out" && { cat "$out"; echo "FAILED: errors"; exit 1; }
  printf '%-14s %-16s c=%s results=%s total=%s p50=%s p99=%s req/s=%s  %s\n' "$name" "$path" "$c" $check \
    "$(pct "$out" 50%)" "$(pct "$out" 99%)" "$(rps "$out")" "$cql" | tee -a "$SUMMARY"
}

echo "== HTTP (wrk, $DURATION each)"
WORD=${WORD:-validation}
for path in search content/search; do
  run text "$path" "text ~ \"$WORD\" AND space = SB0 ORDER BY lastmodified DESC" 4
  run text "$path" "text ~ \"$WORD\" AND space = SB0 ORDER BY lastmodified DESC" 1
  run text-common "$path" "text ~ \"property\" AND space = SB0 ORDER BY lastmodified DESC" 4
  run label "$path" "label = label3 AND type = page" 4
  run ancestor "$path" "ancestor = $ANCESTOR" 4
done

echo "== bare full-text queries, one connection ($DURATION each)"
SECS=${DURATION%s}
if [ "$ENGINE" = SQLite ]; then
  SPACE_ID=$(sqlite3 "$DATA/quire.db" "SELECT id FROM spaces WHERE key = 'SB0'")
  echo "bare, same answer: $(dotnet run bench/search-bare.cs -- "$DATA/quire.db" "$SECS" "
    SELECT c.id FROM content c WHERE c.space_id = $SPACE_ID AND c.status = 'current'
      AND c.id IN (SELECT rowid FROM content_search WHERE content_search MATCH '\"$WORD\"')
    ORDER BY c.updated_at DESC, c.id DESC LIMIT 25")" | tee -a "$SUMMARY"
  echo "bare, MATCH alone (every match): $(dotnet run bench/search-bare.cs -- "$DATA/quire.db" "$SECS" \
    "SELECT rowid FROM content_search WHERE content_search MATCH '\"$WORD\"'")" | tee -a "$SUMMARY"
else
  SPACE_ID=$(psql "$PGCONN" -tA -c "SELECT id FROM spaces WHERE key = 'SB0'")
  bare_pg() {  # label, sql
    local dir; dir=$(mktemp -d -p "$DATA")
    printf '%s\n' "$2" >"$dir/q.sql"
    (cd "$dir" && pgbench -n -c1 -T"$SECS" -f q.sql -l "$PGCONN" >/dev/null 2>&1)
    local rows; rows=$(psql "$PGCONN" -tA -c "SELECT count(*) FROM ($2) q")
    echo "$1: $(cat "$dir"/pgbench_log.* | awk '{ print $3 / 1000 }' | sort -n | awk -v r="$rows" '{ v[NR] = $1 } END { printf "runs=%d rows=%s p50=%.2fms p99=%.2fms", NR, r, v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1] }')" | tee -a "$SUMMARY"
  }
  bare_pg "bare, same answer" "SELECT c.id FROM content c WHERE c.space_id = $SPACE_ID AND c.status = 'current' AND c.id IN (SELECT x.content_id FROM content_search x WHERE x.document @@ plainto_tsquery('english', '$WORD')) ORDER BY c.updated_at DESC, c.id DESC LIMIT 25"
  bare_pg "bare, @@ alone (every match)" "SELECT x.content_id FROM content_search x WHERE x.document @@ plainto_tsquery('english', '$WORD')"
fi

echo
echo "== Summary ($ENGINE, $(python3 -c 'import json,sys; print(sum(len(v) for v in json.load(open(sys.argv[1]))["level1"].values()) * 100)' "$DATA/ids.json") pages (approx.), $DURATION per run)"
cat "$SUMMARY"
