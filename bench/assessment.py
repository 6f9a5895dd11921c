"""bench/assessment.py PORT DIR — for the self-assessment scenarios on the demo
data: log in as the demo company, write DIR/simulate.lua (wrk's POST of a
what-if with two actions) and print the bearer token and the id of the
company's latest assessment."""

import http.client
import json
import os
import sys

port, out = int(sys.argv[1]), sys.argv[2]


def call(method, path, body=None, token=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    h = {"Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, json.loads(data) if data else None


s, j = call("POST", "/api/v1/session", {"email": "sme@kakekomi.example", "password": "kakekomi-demo"})
assert s == 200, j
token = j["token"]
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
