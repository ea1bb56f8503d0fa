"""Builds the search benchmark's site through Quire's REST API (see search-load.sh).

    python3 bench/search-corpus.py HOST PORT PAGES [SPACES] [WORKERS]

PAGES pages (default 100,000 in search-load.sh) spread evenly over SPACES spaces (default 4,
keys SB0, SB1, ...), created by WORKERS concurrent connections (default 8), every one with
POST /content as a client would. Text: words drawn from bench/search-words.txt (the 5,000
most frequent words of the .NET reference documentation, by rank) with a Zipf distribution
(the word of rank r weighs 1/r), so a few words are in nearly every page and most in few.
Each page: a title of 3 to 6 words plus its number (titles are unique in a space), a body in
storage format of 3 to 6 paragraphs of 20 to 80 words, one page in four with an <h2>, one in
eight with a code macro. Tree, per space: 1% of its pages under the homepage (level 1), 10%
under a level-1 page chosen at random (level 2), the rest under a level-2 page (level 3);
each level is created after the one above it. Labels: 30% of pages get 1 to 3 global labels
(POST /content/{id}/label) from 200 names (label0 ... label199), also Zipf-distributed.
Seeded, so two runs build the same text. Prints, as JSON on stdout, the ids the benchmark
queries need: each space's level-1 pages. Progress goes to stderr.
"""
import base64, http.client, itertools, json, os, random, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

host, port, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
nspaces = int(sys.argv[4]) if len(sys.argv) > 4 else 4
workers = int(sys.argv[5]) if len(sys.argv) > 5 else 8
email, token = os.environ["BENCH_EMAIL"], os.environ["BENCH_TOKEN"]
auth = "Basic " + base64.b64encode(f"{email}:{token}".encode()).decode()

words = open(os.path.join(os.path.dirname(__file__), "search-words.txt")).read().split()
word_weights = list(itertools.accumulate(1.0 / r for r in range(1, len(words) + 1)))
labels = [f"label{i}" for i in range(200)]
label_weights = list(itertools.accumulate(1.0 / r for r in range(1, len(labels) + 1)))

local = threading.local()

def call(method, path, body=None, expect=(200, 201, 204)):
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(host, port)
    headers = {"Authorization": auth, "Content-Type": "application/json"}
    local.conn.request(method, "/wiki/rest/api" + path, json.dumps(body) if body is not None else None, headers)
    response = local.conn.getresponse()
    data = response.read()
    if response.status not in expect:
        raise SystemExit(f"{method} {path} answered {response.status}: {data[:300]!r}")
    return json.loads(data) if data else None

def text(rng, n):
    return " ".join(rng.choices(words, cum_weights=word_weights, k=n))

def body(rng):
    parts = []
    if rng.random() < 0.25:
        parts.append(f"<h2>{text(rng, rng.randint(2, 5)).capitalize()}</h2>")
    for _ in range(rng.randint(3, 6)):
        parts.append(f"<p>{text(rng, rng.randint(20, 80)).capitalize()}.</p>")
    if rng.random() < 0.125:
        parts.append('<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">csharp</ac:parameter>'
                     f"<ac:plain-text-body><![CDATA[var {rng.choice(words)} = {rng.choice(words)}();]]></ac:plain-text-body></ac:structured-macro>")
    return "".join(parts)

done = 0
done_lock = threading.Lock()
started = time.time()

def create(job):
    number, space, parent = job
    rng = random.Random(number)
    title = f"{text(rng, rng.randint(3, 6)).capitalize()} {number}"
    page = call("POST", "/content", {
        "type": "page", "title": title, "space": {"key": space}, "ancestors": [{"id": parent}],
        "body": {"storage": {"value": body(rng), "representation": "storage"}},
    })["id"]
    if rng.random() < 0.3:
        names = sorted(set(rng.choices(labels, cum_weights=label_weights, k=rng.randint(1, 3))))
        call("POST", f"/content/{page}/label", [{"prefix": "global", "name": n} for n in names])
    global done
    with done_lock:
        done += 1
        if done % 1000 == 0:
            print(f"{done}/{total} pages, {done / (time.time() - started):.0f}/s", file=sys.stderr)
    return page

homes = {}
for i in range(nspaces):
    key = f"SB{i}"
    call("POST", "/space", {"key": key, "name": f"Search benchmark {i}"})
    homes[key] = call("GET", f"/space/{key}?expand=homepage")["homepage"]["id"]

per_space = total // nspaces
sizes = [max(1, per_space // 100), max(1, per_space // 10)]
sizes.append(per_space - sum(sizes))
number = itertools.count()
parents = {key: [home] for key, home in homes.items()}
level1 = {}
with ThreadPoolExecutor(workers) as pool:
    for level, size in enumerate(sizes):
        jobs, owners = [], []
        for key in homes:
            rng = random.Random(f"{key}-{level}")
            for _ in range(size):
                jobs.append((next(number), key, rng.choice(parents[key])))
                owners.append(key)
        ids = list(pool.map(create, jobs))
        parents = {key: [] for key in homes}
        for key, id in zip(owners, ids):
            parents[key].append(id)
        if level == 0:
            level1 = {key: list(v) for key, v in parents.items()}
print(f"{done} pages in {time.time() - started:.0f}s ({done / (time.time() - started):.0f}/s)", file=sys.stderr)
print(json.dumps({"homes": homes, "level1": level1}))
