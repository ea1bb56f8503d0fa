"""Builds the restricted-listing benchmark's space through Quire's REST API (see restricted-listing.sh).

Space RBENCH: under its homepage, 100 sections of 100 pages each (the section and 99 pages
below it) = 10,000 pages. Ten sections carry a read restriction on the section page, which
its 99 pages inherit: 1,000 pages under read restrictions (990 of them inherited). The admin
is named in all ten; the reader (a new user) in five of them, through a group in two and by
account in three, so the reader may read half of the restricted pages. Prints the homepage id.
"""
import base64, http.client, json, os, sys

host, port = sys.argv[1], int(sys.argv[2])
email, token = os.environ["BENCH_EMAIL"], os.environ["BENCH_TOKEN"]
conn = http.client.HTTPConnection(host, port)
auth = "Basic " + base64.b64encode(f"{email}:{token}".encode()).decode()

def call(method, path, body=None, expect=(200, 201, 204)):
    headers = {"Authorization": auth, "Content-Type": "application/json"}
    conn.request(method, "/wiki/rest/api" + path, json.dumps(body) if body is not None else None, headers)
    response = conn.getresponse()
    data = response.read()
    if response.status not in expect:
        sys.exit(f"{method} {path} answered {response.status}: {data[:300]!r}")
    return json.loads(data) if data else None

def page(title, parent):
    return call("POST", "/content", {
        "type": "page", "title": title, "space": {"key": "RBENCH"}, "ancestors": [{"id": parent}],
        "body": {"storage": {"value": f"<p>{title}: a page of the restricted listing benchmark.</p>", "representation": "storage"}},
    })["id"]

admin = call("GET", "/user/current")["accountId"]
reader = call("POST", "/admin/user", {"userName": "reader", "email": "reader@quire.local", "displayName": "Reader", "password": "reader-password"})["accountId"]
group = call("POST", "/group", {"name": "bench-readers"})["id"]
call("POST", f"/group/userByGroupId?groupId={group}", {"accountId": reader})
call("POST", "/space", {"key": "RBENCH", "name": "Restricted listing benchmark"})
home = call("GET", "/space/RBENCH?expand=homepage")["homepage"]["id"]

for s in range(100):
    section = page(f"Section {s}", home)
    for p in range(99):
        page(f"Section {s} page {p}", section)
    if s % 10 == 0:  # sections 0, 10, ..., 90 are restricted
        n = s // 10
        users = [{"type": "known", "accountId": admin}]
        groups = []
        if n in (0, 1):
            groups.append({"type": "group", "id": group})
        elif n in (2, 3, 4):
            users.append({"type": "known", "accountId": reader})
        call("POST", f"/content/{section}/restriction", [{"operation": "read", "restrictions": {"user": users, "group": groups}}])
    print(f"section {s + 1}/100", file=sys.stderr, end="\r")
print(home)
