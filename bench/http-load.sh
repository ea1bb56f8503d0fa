#!/usr/bin/env bash
# HTTP load with wrk against a Release build of Quire on SQLite (or PostgreSQL, with
# QUIRE_BENCH_PG="connection string"). Starts its own server on 127.0.0.1:8091 with a
# throwaway data directory, creates one space, then runs wrk with 32 connections on
# GET /space/{key} and GET /user/current. Stops the server when done.
#
#   bash bench/http-load.sh            # 15 s per endpoint
#   DURATION=30s bash bench/http-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }

source bench/lib/quire.sh

DURATION=${DURATION:-15s}
PORT=8091
BASE="http://127.0.0.1:$PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"
quire_refuse_busy "$BASE/status"

DATA=$(mktemp -d)
trap 'quire_stop; rm -rf "$DATA"' EXIT
quire_build
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"key":"BENCH","name":"Benchmark space","description":{"plain":{"value":"load test","representation":"plain"}}}' \
  "$BASE/wiki/rest/api/space" >/dev/null

for path in /wiki/rest/api/space/BENCH /wiki/rest/api/user/current; do
  echo "== GET $path"
  curl -sf -H "$AUTH" "$BASE$path" >/dev/null   # warm up the sign-in cache and JIT
  wrk -t2 -c32 -d"$DURATION" --latency -H "$AUTH" "$BASE$path"
done
