"""bench/kkbench.py — what the bench's set-up scripts share: a JSON call to the
server under test and a login as a demo account."""

import http.client
import json


class Server:
    def __init__(self, port):
        self.port = port

    def call(self, method, path, body=None, token=None):
        """(status, parsed JSON or None) of one request."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = {"Content-Type": "application/json"}
        if token:
            h["Authorization"] = "Bearer " + token
        c.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, json.loads(data) if data else None

    def login(self, email):
        """The bearer token of a demo account (password kakekomi-demo)."""
        s, j = self.call("POST", "/api/v1/session", {"email": email, "password": "kakekomi-demo"})
        assert s == 200, j
        return j["token"]
