#!/usr/bin/env python3
"""One connection, nothing cached: each list/search request the UI makes,
timed right after a role patch (which stales the tenant's cached pages),
so every timed answer is computed. Prints the median and p90 of each.

Usage: uncached.py BASE_URL TOKEN USERS_PATH USER_ID [ROUNDS]
"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse

base, token, users, user = sys.argv[1:5]
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 40
url = urllib.parse.urlsplit(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
QUERIES = [
    "limit=50",
    "limit=50&q=a",
    "limit=50&q=novak",
    "limit=50&q=ada+novak",
    "limit=50&sort=-createdAt",
    "limit=50&role=customer.user",
    "limit=50&role=user.admin&status=active",
    "limit=50&status=invited&sort=email",
]


def call(method, path, body=None):
    conn.request(method, path, body=body, headers=headers)
    answer = conn.getresponse()
    data = answer.read()
    if answer.status >= 300:
        sys.exit(f"{method} {path}: {answer.status} {data[:200]!r}")
    return data


flip = 0
print(f"{'request':45} {'median':>8} {'p90':>8}  (ms, one connection, after a write)")
for query in QUERIES:
    times = []
    for _ in range(rounds):
        flip += 1
        change = "addRoles" if flip % 2 else "removeRoles"
        call("PATCH", f"{users}/{user}", json.dumps({change: ["pbx.agentcontrol"]}))
        start = time.perf_counter()
        call("GET", f"{users}?{query}")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{query:45} {statistics.median(times):8.2f} {times[int(len(times) * 0.9)]:8.2f}")
