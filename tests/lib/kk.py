"""Helpers for the HTTP and browser tests: a real kakekomi server on a free
port with a temporary database, a small cookie-keeping HTTP client, and a
unittest runner that ends with "SUITE: N passed, N failed"."""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
import unittest
import urllib.parse

import openapi

BIN = os.environ.get("KAKEKOMI_BIN") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "kakekomi")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(*args, db=None, stdin=None):
    cmd = [BIN] + (["--db", db] if db else []) + list(args)
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=60)


def fold(s):
    """What the search compares: NFKC, then case folded."""
    return unicodedata.normalize("NFKC", s).casefold()


def bind_literals(query, params):
    """query with each ? replaced by params' SQL literal (None, int or str)."""
    def literal(v):
        if v is None:
            return "NULL"
        if isinstance(v, int):
            return str(v)
        return "'" + str(v).replace("'", "''") + "'"
    parts = query.split("?")
    assert len(parts) == len(params) + 1, "one parameter per ?"
    return "".join(p + (literal(v) if i < len(params) else "") for i, (p, v) in
                   enumerate(zip(parts, list(params) + [None])))


class Server:
    """kakekomi serve on 127.0.0.1:<free port>; the log goes to self.log_path."""

    def __init__(self, db=None, args=()):
        self.dir = tempfile.mkdtemp(prefix="kk-test-")
        self.db = db or os.path.join(self.dir, "kk.db")
        self.args = list(args)
        self.log_path = os.path.join(self.dir, "server.log")
        self.proc = None
        self.start()

    def start(self):
        """Start (again on the same port, so clients keep working across a restart)."""
        if not getattr(self, "port", None):
            self.port = free_port()
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [BIN, "--db", self.db, "serve", "--listen", "127.0.0.1:%d" % self.port,
             "--threads", "2"] + self.args, stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.read_log())
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start: " + self.read_log())

    def stop(self):
        """SIGTERM; returns the exit status."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode

    def close(self):
        """Stop; a server that did not exit 0 (a crash, or a sanitizer's report) fails."""
        rc = self.stop()
        log = self.read_log()
        shutil.rmtree(self.dir, ignore_errors=True)
        if rc != 0:
            raise AssertionError("server exited %s:\n%s" % (rc, log[-4000:]))

    def read_log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def sql(self, query, *params):
        con = sqlite3.connect(self.db, timeout=10, isolation_level=None)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    def seed(self, *args):
        """`kakekomi seed ARGS` on this server's database; it must succeed."""
        r = run_cli("seed", *args, db=self.db)
        assert r.returncode == 0, r.stderr

    def write(self, query, *params):
        """Change questions or answers: `kakekomi sql`, which has the search index's tokenizer
        that their triggers need (Python's sqlite3 cannot load it). The rows it printed."""
        r = run_cli("sql", db=self.db, stdin=bind_literals(query, params))
        assert r.returncode == 0, r.stderr
        return [line.split("\t") for line in r.stdout.splitlines()]

    def client(self, **kw):
        return Client(self.port, **kw)

    def add_user(self, email, role, password, prefecture=None):
        """An account made with the CLI (the only way to make an admin or a desk operator)."""
        r = run_cli("user", "add", "--email", email, "--role", role,
                    *(("--prefecture", prefecture) if prefecture else ()),
                    "--password-stdin", db=self.db, stdin=password + "\n")
        assert r.returncode == 0, r.stderr

    def account(self, email, role, password, prefecture="27", name=None):
        """A client signed in (bearer token) as a new account of any role, with .id and
        .email: desks and admins made with the CLI, companies and experts by the API."""
        if role in ("desk", "admin"):
            self.add_user(email, role, password, prefecture)
        else:
            r = self.client().api("POST", "/api/v1/accounts", {
                "email": email, "password": password, "display_name": name or email.split("@")[0],
                "role": role, "prefecture": prefecture})
            assert r.status == 201, r.text
        c = self.client()
        assert c.login_api(email, password).status == 200
        c.id = c.get("/api/v1/me").json()["id"]
        c.email = email
        return c

    def admin(self, password, email="admin@example.jp"):
        """A client logged in as a new administrator."""
        self.add_user(email, "admin", password)
        c = self.client()
        c.login_api(email, password)
        return c


class ServerCase(unittest.TestCase):
    """One server with a temporary database for the test class, started with
    SERVER_ARGS; a subclass that needs more calls super().setUpClass() first."""
    SERVER_ARGS = ()

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(args=cls.SERVER_ARGS)

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()


class Response:
    def __init__(self, r):
        self.status = r.status
        self.headers = r.getheaders()
        self.body = r.read()
        self.text = self.body.decode("utf-8", "replace")

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        return json.loads(self.body)


class Client:
    """One browser-like client: keeps cookies, finds CSRF tokens in pages."""

    def __init__(self, port, headers=None):
        self.port = port
        self.cookies = {}
        self.headers = headers or {}
        self.token = None

    def request(self, method, path, body=None, headers=None):
        h = dict(self.headers)
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        h.update(headers or {})
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            c.request(method, path, body=body, headers=h)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered early (413) and closed; read what it said
        r = Response(c.getresponse())
        c.close()
        if path.startswith("/api/v1/") and method != "HEAD":
            openapi.check_response(method, path, r.status, r.header("content-type"), r.body)
        for v in r.header_all("Set-Cookie"):
            name, _, rest = v.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in v:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def form(self, path, fields, csrf=True, raw=None):
        """POST a urlencoded form; the CSRF token comes from a GET of the page first."""
        if csrf is True:
            csrf = self.csrf_token()
        data = dict(fields)
        if csrf:
            data["csrf"] = csrf
        body = raw if raw is not None else urllib.parse.urlencode(data).encode()
        return self.request("POST", path, body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    def csrf_token(self, path="/"):
        page = self.get(path).text
        m = re.search(r'name="csrf" value="([^"]+)"', page)
        return m.group(1) if m else None

    def api(self, method, path, data=None, raw=None, headers=None):
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        body = raw if raw is not None else (json.dumps(data).encode() if data is not None else None)
        return self.request(method, path, body=body, headers=h)

    def login_api(self, email, password):
        r = self.api("POST", "/api/v1/session", {"email": email, "password": password})
        if r.status == 200:
            self.token = r.json()["token"]
        return r


def complete_course(admin, expert_id, role):
    """An admin marks every course module of role done for expert_id (what certification
    needs besides the code of ethics), through the API."""
    modules = admin.get("/api/v1/course").json()["modules"]
    for m in modules:
        if m["role"] == role:
            r = admin.api("POST", "/api/v1/experts/%d/modules" % expert_id,
                          {"module": m["code"], "reason": "講座修了を確認"})
            assert r.status in (201, 409), r.text


def main(suite_name):
    """Run the module's tests; print "suite: N passed, N failed"; exit non-zero on failure."""
    loader = unittest.TestLoader()
    module = sys.modules["__main__"]
    names = sys.argv[1:]  # e.g. Class or Class.test_name: only those
    suite = loader.loadTestsFromNames(names, module) if names else loader.loadTestsFromModule(module)
    runner = unittest.TextTestRunner(verbosity=2, stream=sys.stdout)
    result = runner.run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = max(0, result.testsRun - failed - len(result.skipped))
    print("%s: %d passed, %d failed" % (suite_name, passed, failed))
    sys.exit(0 if failed == 0 else 1)
