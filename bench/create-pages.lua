-- wrk script for bench/content-load.sh: every request creates a new page.
--
--   wrk -t2 -c16 -d15s --latency -s bench/create-pages.lua -H "Authorization: Basic ..." \
--     http://127.0.0.1:8091/wiki/rest/api/content
--
-- Confluence refuses a second page with the same title in a space, so each title is made
-- unique from the thread's number (set in setup) and a per-thread counter. BENCH_SPACE picks
-- the space (default BENCH); BENCH_RUN is added to titles so that a second run against the
-- same database does not collide with the first. Credentials come from wrk's -H flag.

local space = os.getenv("BENCH_SPACE") or "BENCH"
local run = os.getenv("BENCH_RUN") or tostring(os.time())
-- BENCH_TASKS: inline tasks in each page's body (default none), for the cost of indexing them.
local tasks = ""
for i = 1, tonumber(os.getenv("BENCH_TASKS") or "0") do
  tasks = tasks .. string.format(
    "<ac:task-list><ac:task><ac:task-id>%d</ac:task-id><ac:task-status>incomplete</ac:task-status>" ..
    "<ac:task-body>Task %d</ac:task-body></ac:task></ac:task-list>", i, i)
end

local threads = 0

-- Runs once per thread in the main Lua state; `id` becomes a global in that thread's state.
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local counter = 0

-- Runs in each thread's own Lua state, after wrk has put the -H headers in wrk.headers.
-- wrk.format uses either the headers it is given or wrk.headers, never both, so the
-- Content-Type joins wrk.headers rather than being passed per request.
function init(args)
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local title = string.format("Load %s t%d n%d", run, id, counter)
  local body = string.format(
    '{"type":"page","title":"%s","space":{"key":"%s"},' ..
    '"body":{"storage":{"value":"<p>Created under load as %s.</p>%s","representation":"storage"}}}',
    title, space, title, tasks)
  return wrk.format("POST", nil, nil, body)
end

-- wrk counts any status above 399 as an error; print it plainly so the calling script can
-- fail on it without depending on the wording of wrk's own summary.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("create-pages: completed=%d non2xx=%d socket_errors=%d\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
