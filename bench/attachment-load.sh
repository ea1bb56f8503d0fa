#!/usr/bin/env bash
# Attachment throughput and memory against a Release build of Quire on SQLite with the file
# blob store (or PostgreSQL with QUIRE_BENCH_PG="connection string" naming an empty
# database; add QUIRE_BENCH_BLOBS=database for bytes in PostgreSQL). Starts its own server
# on 127.0.0.1:8093 with a throwaway data directory, creates space BENCH and one page, then:
#
#   1. uploads a 100 MB file (curl, multipart) and downloads it again: MB/s each way, and
#      checks the downloaded bytes are the uploaded ones;
#   2. uploads and downloads a 200 MB file while sampling the server's resident memory
#      every 50 ms: its growth over the idle baseline (peak RSS minus RSS before).
#
#   bash bench/attachment-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${QUIRE_BENCH_PORT:-8093}
BASE="http://127.0.0.1:$PORT"
API="$BASE/wiki/rest/api"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"
source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"

DATA=$(mktemp -d)
FILES=$(mktemp -d)
trap 'quire_stop; rm -rf "$DATA" "$FILES"' EXIT

quire_build
export Quire__Attachments__MaxUploadBytes=$((256 * 1024 * 1024))
if [ -n "${QUIRE_BENCH_PG:-}" ]; then export Quire__Attachments__Store=${QUIRE_BENCH_BLOBS:-files}; fi
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
SERVER=$QUIRE_PID
if [ "$QUIRE_ENGINE" = PostgreSQL ]; then ENGINE="PostgreSQL, ${QUIRE_BENCH_BLOBS:-files} store"; else ENGINE="SQLite, file store"; fi

post() { curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "$2" "$API$1"; }
post /space '{"key":"BENCH","name":"Benchmark space"}' >/dev/null
PAGE=$(post /content '{"type":"page","title":"Files","space":{"key":"BENCH"}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
# Warm up: JIT the upload and download paths with a small file first.
head -c 65536 /dev/urandom >"$FILES/warm.bin"
curl -sf -H "$AUTH" -H 'X-Atlassian-Token: no-check' -F "file=@$FILES/warm.bin" "$API/content/$PAGE/child/attachment" >/dev/null
curl -sf -H "$AUTH" -o /dev/null "$BASE/wiki/download/attachments/$PAGE/warm.bin"

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER/status"; }

# upload NAME MB -> prints "upload_seconds download_seconds peak_rss_kb baseline_rss_kb"
measure() {
  local name=$1 mb=$2
  head -c $((mb * 1024 * 1024)) /dev/urandom >"$FILES/$name"
  sleep 1
  local baseline peak=0 sampler
  baseline=$(rss_kb)
  ( while kill -0 "$SERVER" 2>/dev/null; do rss_kb; sleep 0.05; done ) >"$FILES/$name.rss" &
  sampler=$!
  local up down
  up=$(curl -sf -o "$FILES/$name.json" -w '%{time_total}' -H "$AUTH" -H 'X-Atlassian-Token: no-check' \
    -F "file=@$FILES/$name;type=application/octet-stream" "$API/content/$PAGE/child/attachment")
  down=$(curl -sf -o "$FILES/$name.down" -w '%{time_total}' -H "$AUTH" "$BASE/wiki/download/attachments/$PAGE/$name")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  cmp -s "$FILES/$name" "$FILES/$name.down" || { echo "downloaded bytes of $name differ from the upload"; exit 1; }
  peak=$(sort -n "$FILES/$name.rss" | tail -1)
  rm -f "$FILES/$name.down"
  echo "$up $down $peak $baseline"
}

echo "== $ENGINE"
read -r up down _ _ < <(measure hundred.bin 100)
awk -v u="$up" -v d="$down" 'BEGIN { printf "100 MB: upload %.2f s (%.1f MB/s), download %.2f s (%.1f MB/s)\n", u, 100/u, d, 100/d }'
read -r up down peak baseline < <(measure twohundred.bin 200)
awk -v u="$up" -v d="$down" -v p="$peak" -v b="$baseline" 'BEGIN {
  printf "200 MB: upload %.2f s (%.1f MB/s), download %.2f s (%.1f MB/s)\n", u, 200/u, d, 200/d
  printf "server RSS: %.1f MB before, %.1f MB at peak, growth %.1f MB\n", b/1024, p/1024, (p-b)/1024 }'
