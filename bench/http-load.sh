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

DURATION=${DURATION:-15s}
PORT=8091
BASE="http://127.0.0.1:$PORT"
DATA=$(mktemp -d)
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"

dotnet build -c Release src/Quire.Server -v q -nologo >/dev/null
export Quire__DataDirectory="$DATA" Quire__Bootstrap__AdminEmail=$EMAIL Quire__Bootstrap__AdminApiToken=$TOKEN
export Logging__LogLevel__Default=Warning
if [ -n "${QUIRE_BENCH_PG:-}" ]; then
  export Quire__Database__Provider=postgres Quire__Database__ConnectionString="$QUIRE_BENCH_PG"
fi
dotnet src/Quire.Server/bin/Release/net10.0/quire.dll --urls "$BASE" >"$DATA/server.log" 2>&1 &
SERVER=$!
# `wait` on the killed server returns its signal status (143); under set -e that would end
# the trap there, leaving the data directory behind and the script exiting 143.
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT

for _ in $(seq 1 100); do curl -sf "$BASE/status" >/dev/null && break; sleep 0.2; done
curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"key":"BENCH","name":"Benchmark space","description":{"plain":{"value":"load test","representation":"plain"}}}' \
  "$BASE/wiki/rest/api/space" >/dev/null

for path in /wiki/rest/api/space/BENCH /wiki/rest/api/user/current; do
  echo "== GET $path"
  curl -sf -H "$AUTH" "$BASE$path" >/dev/null   # warm up the sign-in cache and JIT
  wrk -t2 -c32 -d"$DURATION" --latency -H "$AUTH" "$BASE$path"
done
