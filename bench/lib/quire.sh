# Sourced by the load scripts in bench/: the Release build of Quire they measure, on its own
# port and data directory, with a bootstrap admin, on SQLite or on PostgreSQL when
# QUIRE_BENCH_PG names a database ("Host=...;Database=..."). Callers have `set -euo pipefail`.
#
#   source bench/lib/quire.sh
#   quire_refuse_busy "$BASE"             # another server there would answer for ours
#   quire_build                           # the Release build of src/Quire.Server
#   quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"   # sets QUIRE_PID and QUIRE_ENGINE
#   trap 'quire_stop; rm -rf "$DATA"' EXIT

QUIRE_PID=""
QUIRE_ENGINE=SQLite

quire_refuse_busy() {
  if curl -s -o /dev/null --max-time 1 "$1"; then echo "something already listens at $1; stop it first"; exit 1; fi
}

quire_build() {
  dotnet build -c Release src/Quire.Server -v q -nologo >/dev/null
}

# Starts the server and waits for /status; its log is appended to DATA/server.log, so a kept
# data directory keeps every run's log.
quire_start() {
  local base=$1 data=$2 email=$3 token=$4
  export Quire__DataDirectory="$data" Quire__Bootstrap__AdminEmail="$email" Quire__Bootstrap__AdminApiToken="$token"
  export Logging__LogLevel__Default=Warning
  # The load scripts measure the server, from one user and one address: the request budgets
  # (Quire:RateLimits) are off unless the caller sets them, e.g. to measure the limiter itself.
  export Quire__RateLimits__PerUser__TokenLimit="${Quire__RateLimits__PerUser__TokenLimit:-0}"
  export Quire__RateLimits__PerApp__TokenLimit="${Quire__RateLimits__PerApp__TokenLimit:-0}"
  if [ -n "${QUIRE_BENCH_PG:-}" ]; then
    QUIRE_ENGINE=PostgreSQL
    export Quire__Database__Provider=postgres Quire__Database__ConnectionString="$QUIRE_BENCH_PG"
  fi
  dotnet src/Quire.Server/bin/Release/net10.0/quire.dll --urls "$base" >>"$data/server.log" 2>&1 &
  QUIRE_PID=$!
  for _ in $(seq 1 100); do curl -sf "$base/status" >/dev/null && break; sleep 0.2; done
  kill -0 "$QUIRE_PID" 2>/dev/null || { echo "quire did not start:"; cat "$data/server.log"; exit 1; }
}

# `wait` on a killed process returns its signal status; under set -e a failing step would end
# the EXIT trap before the data directory is removed, so every step here is made harmless.
quire_stop() {
  if [ -n "$QUIRE_PID" ]; then kill "$QUIRE_PID" 2>/dev/null || true; wait "$QUIRE_PID" 2>/dev/null || true; fi
  QUIRE_PID=""
}

# The content benchmark's page body: a heading and paragraphs of plain words (nothing to escape in
# JSON), the last paragraph cut so the storage value is 4,096 characters. Prints it.
quire_bench_page_value() {
  local text="Quire serves the Confluence Cloud REST API. This paragraph is filler of ordinary words so that the page body has the size of a short real page, with nothing in it that needs escaping."
  local value="<h2>Benchmark page</h2>"
  while [ $(( ${#value} + ${#text} + 7 )) -le 4096 ]; do value+="<p>$text</p>"; done
  local rest=$(( 4096 - ${#value} - 7 ))
  if [ "$rest" -gt 0 ]; then value+="<p>${text:0:$rest}</p>"; fi
  printf '%s' "$value"
}
