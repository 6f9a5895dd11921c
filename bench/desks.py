"""bench/desks.py PORT — set up the help-desk scenarios on the demo data and
print: the bearer token of the demo desk, and the ids of two requests (one
needing a single skill, one needing three roles). With --file N, file N
incidents as the demo company and print p50 and p99 of the time from filing to
the offers being queued (they are queued before the answer is sent)."""

import sys
import time

from kkbench import Server

server = Server(int(sys.argv[1]))
call, login = server.call, server.login

sme = login("sme@kakekomi.example")
if len(sys.argv) > 3 and sys.argv[2] == "--file":
    n = int(sys.argv[3])
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        s, j = call("POST", "/api/v1/requests", {"kind": "incident", "description": "bench %d" % i,
                                                 "topics": ["incident_response"]}, sme)
        times.append((time.perf_counter() - t0) * 1000)
        assert s == 201, j
    times.sort()
    print("%.2fms %.2fms" % (times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]))
    sys.exit(0)
desk = login("desk@kakekomi.example")
s, one = call("POST", "/api/v1/requests", {"kind": "advice", "description": "bench single",
                                           "topics": ["incident_response"]}, sme)
s, three = call("POST", "/api/v1/requests", {"kind": "advice", "description": "bench team",
                                             "roles": ["adviser", "technical", "responder"]}, sme)
s, m = call("GET", "/api/v1/requests/%d/matches" % three["id"], token=desk)
assert s == 200 and m["teams"], m
print(desk, one["id"], three["id"])
