#!/usr/bin/env bash
# What guessing passwords costs everyone else, against a Release build of Quire on SQLite (or
# PostgreSQL with QUIRE_BENCH_PG). Starts its own server on 127.0.0.1:8092, creates a user with
# a password, then measures with wrk (latency percentiles):
#   1. an authenticated read (API token) alone;
#   2. the same read while 16 clients guess the user's password;
#   3. with throttling off (a second start), wrong passwords for a known and for an unknown
#      e-mail, one client each: their latencies must match (no timing oracle), and the read
#      again under 16 guessing clients, to show what the PBKDF2 queue leaves for it.
#
#   bash bench/signin-abuse.sh
#   DURATION=20s bash bench/signin-abuse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }

source bench/lib/quire.sh

DURATION=${DURATION:-10s}
PORT=8092
BASE="http://127.0.0.1:$PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
basic() { printf 'Authorization: Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }
AUTH=$(basic "$EMAIL" "$TOKEN")
READ="$BASE/wiki/rest/api/user/current"
quire_refuse_busy "$BASE/status"

DATA=$(mktemp -d)
trap 'quire_stop; rm -rf "$DATA"' EXIT
quire_build

start_with_user() {
  quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"
  curl -s -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"userName":"victim","email":"victim@example.test","displayName":"Victim","password":"right-password"}' \
    "$BASE/wiki/rest/api/admin/user"
  curl -sf -H "$AUTH" "$READ" >/dev/null   # warm up the sign-in cache and JIT
}

latency() { wrk -t1 -c1 -d"$DURATION" --latency -H "$1" "$2" | grep -E '^\s+(50|90|99)%|Requests/sec|Non-2xx'; }

# Sixteen clients guessing in the background for $1; GUESSERS is their wrk's pid.
guessers() { wrk -t2 -c16 -d"$1" -H "$(basic victim@example.test wrong-guess)" "$READ" > "$DATA/guessers.txt" 2>&1 & GUESSERS=$!; }

echo "== engine: $QUIRE_ENGINE"
start_with_user
echo "== 1. authenticated read alone"
latency "$AUTH" "$READ"
echo "== 2. authenticated read while 16 clients guess victim's password (throttled: default limits)"
guessers 14s; sleep 1
latency "$AUTH" "$READ"
wait "$GUESSERS" || true
grep -E 'Requests/sec|Non-2xx' "$DATA/guessers.txt" | sed 's/^/   guessers: /'
echo "   a guess answers: $(curl -s -o /dev/null -w '%{http_code} Retry-After=%header{retry-after}' -H "$(basic victim@example.test wrong-guess)" "$READ")"
quire_stop

echo "== 3. throttling off"
export Quire__SignIn__MaxFailuresPerLogin=0 Quire__SignIn__MaxFailuresPerAddress=0
start_with_user
echo "-- wrong password, known e-mail"
latency "$(basic victim@example.test wrong-guess)" "$READ"
echo "-- wrong password, unknown e-mail"
latency "$(basic nobody@example.test wrong-guess)" "$READ"
echo "-- authenticated read while 16 clients guess (nothing throttled)"
guessers 14s; sleep 1
latency "$AUTH" "$READ"
wait "$GUESSERS" || true
grep -E 'Requests/sec' "$DATA/guessers.txt" | sed 's/^/   guessers: /'
