#!/usr/bin/env bash
# A page view in the web interface under wrk: a Release build of Quire on SQLite (or PostgreSQL
# with QUIRE_BENCH_PG, as content-load.sh), space BENCH with the content benchmark's page (a
# 4,096-character storage body of a heading and paragraphs), signed in through the sign-in form
# (the session cookie), then GET /wiki/spaces/BENCH/pages/ID/... : the whole HTML page (session
# lookup, content read, breadcrumbs, labels, attachments, comments, body render, layout).
#
#   bash bench/web-page-load.sh                  # 15 s per measurement
#   DURATION=30s bash bench/web-page-load.sh
#
# Prints wrk's output for one connection (latency: the server time of one view plus loopback)
# and for 8 connections (throughput).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
PORT=${QUIRE_BENCH_PORT:-8093}
BASE="http://127.0.0.1:$PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"

source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"
DATA=$(mktemp -d)
trap 'quire_stop; rm -rf "$DATA"' EXIT
quire_build
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"

post() { curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "$2" "$BASE/wiki/rest/api$1"; }
post /space '{"key":"BENCH","name":"Content benchmark space"}' >/dev/null
VALUE=$(quire_bench_page_value)
PAGE=$(post /content "{\"type\":\"page\",\"title\":\"Four kilobyte page\",\"space\":{\"key\":\"BENCH\"},\"body\":{\"storage\":{\"value\":\"$VALUE\",\"representation\":\"storage\"}}}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

# Sign in as a browser does: the form's antiforgery token and cookie, then the session cookie.
JAR="$DATA/cookies"
FORM=$(curl -sf -c "$JAR" -b "$JAR" "$BASE/wiki/login.action")
CSRF=$(printf '%s' "$FORM" | grep -o 'name="__antiforgery" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -sf -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "__antiforgery=$CSRF" \
  --data-urlencode "os_username=$EMAIL" --data-urlencode "os_password=$TOKEN" "$BASE/wiki/login.action"
SESSION=$(awk '$6 == "quire-session" { print $7 }' "$JAR")
[ -n "$SESSION" ] || { echo "the sign-in form did not start a session"; exit 1; }
URL="$BASE/wiki/spaces/BENCH/pages/$PAGE/Four+kilobyte+page"
BYTES=$(curl -sf -H "Cookie: quire-session=$SESSION" "$URL" | tee "$DATA/page.html" | wc -c)
grep -q '<h1>Four kilobyte page</h1>' "$DATA/page.html" || { echo "the page view did not show the page"; exit 1; }
echo "page $PAGE: $BYTES bytes of HTML ($QUIRE_ENGINE)"

wrk -t2 -c8 -d"$WARMUP" -H "Cookie: quire-session=$SESSION" "$URL" >/dev/null
echo "== one connection: latency of one page view"
wrk -t1 -c1 -d"$DURATION" --latency -H "Cookie: quire-session=$SESSION" "$URL"
echo "== 8 connections: throughput"
wrk -t2 -c8 -d"$DURATION" --latency -H "Cookie: quire-session=$SESSION" "$URL"
