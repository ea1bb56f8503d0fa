#!/usr/bin/env bash
# v2 against v1 (issue 15's speed bar), with wrk against a Release build of Quire:
#
#   1. The same ~4 KB page read through v1 (GET /wiki/rest/api/content/{id}?expand=body.storage,version,space)
#      and through v2 (GET /wiki/api/v2/pages/{id}?body-format=storage), -t2 -c32, each warmed up
#      first: requests/s of each and the v2/v1 ratio.
#   2. With CORPUS naming a data directory the bulk loader wrote (bench/growth.sh with
#      QUIRE_BENCH_DATA keeps them, e.g. /tmp/growth-data/sqlite-100000): a space's page listing
#      (GET /wiki/api/v2/spaces/{GR0}/pages?limit=25), first page against a page DEPTH pages deep,
#      reached by following real next links (limit=250 per step); -t2 -c4, p50/p99.
#
#   bash bench/v2-load.sh
#   CORPUS=/tmp/growth-data/sqlite-100000 DEPTH=20000 bash bench/v2-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
DEPTH=${DEPTH:-20000}
PORT=${QUIRE_BENCH_PORT:-8093}
BASE="http://127.0.0.1:$PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"

source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"
if [ -n "${CORPUS:-}" ]; then DATA=$CORPUS; KEEP=1; else DATA=$(mktemp -d); KEEP=""; fi
cleanup() { quire_stop; [ -n "$KEEP" ] || rm -rf "$DATA"; }
trap cleanup EXIT

quire_build
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
py() { python3 -c "$1"; }
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }
OUT=$(mktemp -d)

# --- 1. The same page through v1 and v2 -------------------------------------------------
# A kept corpus may hold the space from an earlier run: create it when missing, and a page of a new title.
curl -sf -H "$AUTH" "$BASE/wiki/rest/api/space/VBENCH" >/dev/null ||
  curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"key":"VBENCH","name":"v2 benchmark"}' "$BASE/wiki/rest/api/space" >/dev/null
TEXT="Quire serves the Confluence Cloud REST API. This paragraph is filler of ordinary words so that the page body has the size of a short real page, with nothing in it that needs escaping."
VALUE="<h2>Benchmark page</h2>"
while [ $(( ${#VALUE} + ${#TEXT} + 7 )) -le 4096 ]; do VALUE+="<p>$TEXT</p>"; done
PAGE=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"type\":\"page\",\"title\":\"v2 bench page $RANDOM$RANDOM\",\"space\":{\"key\":\"VBENCH\"},\"body\":{\"storage\":{\"value\":\"$VALUE\",\"representation\":\"storage\"}}}" \
  "$BASE/wiki/rest/api/content" | py 'import json,sys; print(json.load(sys.stdin)["id"])')
V1="/wiki/rest/api/content/$PAGE?expand=body.storage,version,space"
V2="/wiki/api/v2/pages/$PAGE?body-format=storage"
for name in v1 v2; do
  path=$([ $name = v1 ] && echo "$V1" || echo "$V2")
  echo "== GET $path ($(curl -sf -H "$AUTH" "$BASE$path" | wc -c) bytes)"
  wrk -t2 -c32 -d"$WARMUP" -H "$AUTH" "$BASE$path" >/dev/null
  wrk -t2 -c32 -d"$DURATION" --latency -H "$AUTH" "$BASE$path" | tee "$OUT/wrk-$name.txt"
  if grep -q 'Non-2xx\|Socket errors' "$OUT/wrk-$name.txt"; then echo "FAILED: errors in $path"; exit 1; fi
done
V1_RPS=$(rps "$OUT/wrk-v1.txt"); V2_RPS=$(rps "$OUT/wrk-v2.txt")

# --- 2. A deep cursor page of a large space ------------------------------------------------
DEEP_LINE=""
if [ -n "${CORPUS:-}" ]; then
  SPACE_ID=$(curl -sf -H "$AUTH" "$BASE/wiki/rest/api/space/GR0" | py 'import json,sys; print(json.load(sys.stdin)["id"])')
  FIRST="/wiki/api/v2/spaces/$SPACE_ID/pages?limit=25"
  # Follow real next links DEPTH pages deep (250 a step), then ask for 25 from there.
  NEXT="/wiki/api/v2/spaces/$SPACE_ID/pages?limit=250"
  for _ in $(seq 1 $(( DEPTH / 250 ))); do
    NEXT=$(curl -sf -H "$AUTH" "$BASE$NEXT" | py 'import json,sys; print(json.load(sys.stdin)["_links"].get("next",""))')
    [ -n "$NEXT" ] || { echo "the space has fewer than $DEPTH pages"; exit 1; }
  done
  DEEP=${NEXT/limit=250/limit=25}
  for name in first deep; do
    path=$([ $name = first ] && echo "$FIRST" || echo "$DEEP")
    wrk -t2 -c4 -d"$WARMUP" -H "$AUTH" "$BASE$path" >/dev/null
    wrk -t2 -c4 -d"$DURATION" --latency -H "$AUTH" "$BASE$path" >"$OUT/wrk-$name.txt"
    if grep -q 'Non-2xx\|Socket errors' "$OUT/wrk-$name.txt"; then cat "$OUT/wrk-$name.txt"; echo "FAILED: errors in $path"; exit 1; fi
  done
  DEEP_LINE="space listing: first page p50=$(pct "$OUT/wrk-first.txt" 50%) p99=$(pct "$OUT/wrk-first.txt" 99%); $DEPTH deep p50=$(pct "$OUT/wrk-deep.txt" 50%) p99=$(pct "$OUT/wrk-deep.txt" 99%)"
fi

echo
echo "== v2 against v1 ($QUIRE_ENGINE, $DURATION per run)"
echo "page read: v1 $V1_RPS req/s, v2 $V2_RPS req/s, v2/v1 $(awk -v a="$V2_RPS" -v b="$V1_RPS" 'BEGIN { printf "%.3f", a / b }')"
[ -z "$DEEP_LINE" ] || echo "$DEEP_LINE"
rm -rf "$OUT"
