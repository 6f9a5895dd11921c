"""bench/assessment.py PORT DIR — for the self-assessment scenarios on the demo
data: log in as the demo company, write DIR/simulate.lua (wrk's POST of a
what-if with two actions) and print the bearer token and the id of the
company's latest assessment."""

import json
import os
import sys

from kkbench import Server

server = Server(int(sys.argv[1]))
out = sys.argv[2]
call = server.call

token = server.login("sme@kakekomi.example")
s, j = call("GET", "/api/v1/assessments", token=token)
assert s == 200 and j["assessments"], j
latest = j["assessments"][0]["id"]
s, j = call("GET", "/api/v1/assessments/%d" % latest, token=token)
assert s == 200 and j["benchmark"], j  # the peers are there to compare with
actions = [a["item"] for a in j["actions"]][:2]
with open(os.path.join(out, "simulate.lua"), "w") as f:
    f.write('wrk.method = "POST"\n')
    f.write('wrk.headers["Content-Type"] = "application/json"\n')
    f.write("wrk.body = '%s'\n" % json.dumps({"actions": actions}))
print(token, latest)
