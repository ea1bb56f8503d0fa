#!/usr/bin/env bash
# Rendered bodies against the stored one, with wrk, on a Release build of Quire (SQLite, or
# PostgreSQL with QUIRE_BENCH_PG naming an empty database). Creates one ~20 KB page of the
# shapes real pages have (headings, paragraphs with marks, a table, code and info macros, a
# task list, page links, an attachment image), then measures
# GET /content/{id}?expand=X for X = body.storage, body.view, body.export_view and
# body.atlas_doc_format, 32 connections each, and prints each one's requests/s beside storage's.
# Issue 13 asks the rendered read to stay within 1.5x of the stored one.
#
#   bash bench/body-views.sh                # 15 s per measurement
#   DURATION=30s bash bench/body-views.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)"; exit 1; }
DURATION=${DURATION:-15s}
PORT=${QUIRE_BENCH_PORT:-8091}
BASE="http://127.0.0.1:$PORT"
EMAIL=bench@quire.local
TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$EMAIL" "$TOKEN" | base64 -w0)"
API="$BASE/wiki/rest/api"

source bench/lib/quire.sh
quire_refuse_busy "$BASE/status"
DATA=$(mktemp -d)
trap 'quire_stop; rm -rf "$DATA"' EXIT
quire_build
quire_start "$BASE" "$DATA" "$EMAIL" "$TOKEN"

post() { curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d @- "$API$1"; }
id_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

echo '{"key":"VIEWS","name":"Body views"}' | post /space >/dev/null
for title in "Target page" "Another target"; do
  python3 -c 'import json,sys; print(json.dumps({"type":"page","title":sys.argv[1],"space":{"key":"VIEWS"},"body":{"storage":{"value":"<p>target</p>","representation":"storage"}}}))' "$title" | post /content >/dev/null
done

# The page: sections repeated until the storage is about 20 KB.
BODY=$(python3 - <<'PY'
section = (
    '<h2>Section {n}</h2><p>Quire serves the <strong>Confluence</strong> REST API with <em>faithful</em> bodies; '
    'see <ac:link><ri:page ri:content-title="Target page" /><ac:plain-text-link-body><![CDATA[the target]]></ac:plain-text-link-body></ac:link>.</p>'
    '<table><tbody><tr><th>Name</th><th>Value</th></tr><tr><td>alpha</td><td>1</td></tr><tr><td>beta</td><td>2</td></tr></tbody></table>'
    '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Note {n}</ac:parameter><ac:rich-text-body><p>Read this first.</p></ac:rich-text-body></ac:structured-macro>'
    '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">java</ac:parameter><ac:plain-text-body><![CDATA[if (a < b) {{ run({n}); }}]]></ac:plain-text-body></ac:structured-macro>'
    '<ac:task-list><ac:task><ac:task-id>{n}</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>do item {n}</ac:task-body></ac:task></ac:task-list>'
    '<p><ac:image><ri:attachment ri:filename="diagram.png" /></ac:image></p>'
)
body, n = '', 1
while len(body) < 20000:
    body += section.format(n=n); n += 1
import json; print(json.dumps({"type":"page","title":"Rich page","space":{"key":"VIEWS"},"body":{"storage":{"value":body,"representation":"storage"}}}))
PY
)
PAGE=$(printf '%s' "$BODY" | post /content | id_of)
printf 'x' > "$DATA/diagram.png"
curl -sf -H "$AUTH" -H 'X-Atlassian-Token: no-check' -F "file=@$DATA/diagram.png;type=image/png" "$API/content/$PAGE/child/attachment" >/dev/null
echo "page $PAGE: $(printf '%s' "$BODY" | wc -c) bytes of request"

rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
declare -A RESULT
for expand in body.storage body.view body.export_view body.atlas_doc_format; do
  url="$API/content/$PAGE?expand=$expand"
  echo "== GET ?expand=$expand ($(curl -sf -H "$AUTH" "$url" | wc -c) bytes)"
  wrk -t2 -c32 -d"$DURATION" --latency -H "$AUTH" "$url" | tee "$DATA/wrk-$expand.txt"
  RESULT[$expand]=$(rps "$DATA/wrk-$expand.txt")
done
echo
echo "engine: $QUIRE_ENGINE"
for expand in body.storage body.view body.export_view body.atlas_doc_format; do
  awk -v e="$expand" -v r="${RESULT[$expand]}" -v s="${RESULT[body.storage]}" 'BEGIN { printf "%-24s %10.0f req/s   storage/this = %.2f\n", e, r, s / r }'
done
