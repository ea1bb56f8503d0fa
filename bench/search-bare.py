"""Times one SQL statement run directly against a SQLite database (see search-load.sh).

    python3 bench/search-bare.py DATABASE SECONDS "SQL"

Runs the statement over and over on one connection for SECONDS (fetching every row), after
five warm-up runs, and prints: runs, rows, p50 and p99 in milliseconds. This is the bare
query Quire's search is compared with: no HTTP, no sign-in, no permissions, no rendering.
Python's sqlite3 module, so the SQLite library is the system's, not the one Quire loads.
"""
import sqlite3, sys, time

path, seconds, sql = sys.argv[1], float(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
for _ in range(5):
    rows = len(db.execute(sql).fetchall())
times = []
end = time.perf_counter() + seconds
while time.perf_counter() < end:
    t = time.perf_counter()
    rows = len(db.execute(sql).fetchall())
    times.append(time.perf_counter() - t)
times.sort()
pct = lambda p: times[min(len(times) - 1, int(len(times) * p))] * 1000
print(f"runs={len(times)} rows={rows} p50={pct(0.50):.2f}ms p99={pct(0.99):.2f}ms")
