"""HTTP tests of the server itself against the real server on a free port with a temporary
database: health, headers, error pages, static files, the access log, prefectures, restart,
shutdown and the command line."""

import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "correct horse battery"


class Basics(kk.ServerCase):
    def test_healthz(self):
        r = self.srv.client().get("/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.text, "ok\n")

    def test_security_headers_on_every_kind_of_response(self):
        c = self.srv.client()
        for path in ["/", "/healthz", "/static/style.css", "/nope", "/api/v1/me", "/login"]:
            r = c.get(path)
            csp = r.header("Content-Security-Policy")
            self.assertIsNotNone(csp, path)
            self.assertNotIn("unsafe-inline", csp)
            self.assertIn("frame-ancestors 'none'", csp)
            self.assertEqual(r.header("X-Content-Type-Options"), "nosniff", path)
            self.assertIsNotNone(r.header("Referrer-Policy"), path)

    def test_home_is_japanese_by_default(self):
        r = self.srv.client().get("/")
        self.assertEqual(r.status, 200)
        self.assertIn('<html lang="ja">', r.text)
        self.assertIn("駆け込み寺", r.text)
        self.assertIn('name="viewport"', r.text)
        self.assertNotIn("<script>", r.text)
        self.assertNotIn("style=", r.text)

    def test_language_switch_to_english(self):
        c = self.srv.client()
        r = c.form("/lang", {"lang": "en", "next": "/login"})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/login")
        page = c.get("/login").text
        self.assertIn('<html lang="en">', page)
        self.assertIn("Log in", page)

    def test_error_pages_html_and_json(self):
        c = self.srv.client()
        r = c.get("/no/such/page")
        self.assertEqual(r.status, 404)
        self.assertIn("text/html", r.header("Content-Type"))
        self.assertIn("ページが見つかりません", r.text)
        r = c.get("/api/v1/nothing")
        self.assertEqual(r.status, 404)
        self.assertEqual(r.json()["error"]["code"], "not_found")
        self.assertTrue(r.json()["error"]["message"])
        r = c.request("DELETE", "/api/v1/prefectures")
        self.assertEqual(r.status, 405)
        self.assertEqual(r.json()["error"]["code"], "method_not_allowed")
        r = c.get("/logout")
        self.assertEqual(r.status, 405)
        self.assertIn("text/html", r.header("Content-Type"))

    def test_static_files_are_cached(self):
        r = self.srv.client().get("/static/style.css")
        self.assertEqual(r.status, 200)
        self.assertIn("text/css", r.header("Content-Type"))
        self.assertIn("max-age", r.header("Cache-Control"))
        self.assertEqual(self.srv.client().get("/static/../Makefile").status, 404)

    def rss_kb(self):
        with open("/proc/%d/status" % self.srv.proc.pid) as f:
            return int(next(line for line in f if line.startswith("VmRSS:")).split()[1])

    def test_a_form_of_many_empty_fields_is_refused_without_memory(self):
        """One POST of a=&a=&... before login or CSRF must cost no more than its bytes."""
        before = self.rss_kb()
        body = b"a=&" * 340000  # just under 1 MiB
        for _ in range(3):
            r = self.srv.client().request("POST", "/login", body=body,
                                          headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(r.status, 413)
        self.assertLess(self.rss_kb() - before, 30 * 1024)  # was ~110 MB a request
        # A form of ordinary size still works.
        r = self.srv.client().form("/login", {"email": "x@example.jp", "password": "wrong password"})
        self.assertEqual(r.status, 401)  # read, and refused for the password, not the size

    def test_access_log_escapes_control_characters(self):
        self.srv.client().get("/healthz")
        self.srv.client().get("/x%0Ainjected%1b")
        self.srv.client().get("/y%20200%201us")  # a space would let a path pose as fields
        # The line is written when the request completes, just after the reply.
        log = ""
        for _ in range(100):
            log = self.srv.read_log()
            if "injected" in log and "x201us" in log:
                break
            time.sleep(0.05)
        self.assertRegex(log, r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ GET /healthz 200 \d+us [0-9a-f]{16}")
        self.assertIn("/x\\x0ainjected\\x1b 404", log)
        self.assertNotIn("\ninjected", log)
        self.assertIn("/y\\x20200\\x201us 404", log)


    def test_every_answer_carries_its_request_id_which_the_log_names(self):
        ids = []
        for path in ("/healthz", "/", "/api/v1/nothing-here", "/static/style.css"):
            r = self.srv.client().get(path)
            rid = r.header("X-Request-Id")
            self.assertRegex(rid or "", r"^[0-9a-f]{16}$", path)
            ids.append(rid)
        self.assertEqual(len(set(ids)), len(ids))  # each its own
        # Without --trust-proxy, an id sent by the client is not taken.
        r = self.srv.client().get("/healthz", headers={"X-Request-Id": "from-the-client"})
        self.assertNotEqual(r.header("X-Request-Id"), "from-the-client")
        log = ""
        for _ in range(100):
            log = self.srv.read_log()
            if ids[2] in log:
                break
            time.sleep(0.05)
        self.assertRegex(log, r"GET /api/v1/nothing-here 404 \d+us " + ids[2])


class ProxiedRequestIds(kk.ServerCase):
    """Behind a reverse proxy (--trust-proxy), its request id is kept, so one id follows a
    request through nginx's log and kakekomi's; anything that is not a plain id is not."""
    SERVER_ARGS = ["--trust-proxy"]

    def test_the_proxys_id_is_kept(self):
        c = self.srv.client()
        self.assertEqual(c.get("/healthz", headers={"X-Request-Id": "7f3a9c0d2b1e4f56a7b8c9d0e1f2a3b4"})
                         .header("X-Request-Id"), "7f3a9c0d2b1e4f56a7b8c9d0e1f2a3b4")
        for bad in ("a b", "x" * 33, "<script>", ""):
            rid = c.get("/healthz", headers={"X-Request-Id": bad}).header("X-Request-Id")
            self.assertRegex(rid, r"^[0-9a-f]{16}$", bad)


class Prefectures(kk.ServerCase):
    def test_all_47_with_symmetric_neighbours(self):
        r = self.srv.client().get("/api/v1/prefectures")
        self.assertEqual(r.status, 200)
        prefs = r.json()
        self.assertEqual([p["code"] for p in prefs], ["%02d" % i for i in range(1, 48)])
        by = {p["code"]: p for p in prefs}
        for p in prefs:
            self.assertTrue(p["name_ja"] and p["name_en"] and p["block"])
            for n in p["neighbours"]:
                self.assertIn(p["code"], by[n]["neighbours"], (p["code"], n))
        self.assertEqual(by["13"]["name_ja"], "東京都")
        self.assertEqual(sorted(by["13"]["neighbours"]), ["11", "12", "14", "19"])
        self.assertEqual(by["01"]["neighbours"], ["02"])  # Seikan Tunnel
        self.assertIn("40", by["35"]["neighbours"])        # Kanmon
        self.assertIn("37", by["33"]["neighbours"])        # Seto-Ohashi
        self.assertEqual(by["47"]["neighbours"], [])
        self.assertEqual(len({(p["tile"]["col"], p["tile"]["row"]) for p in prefs}), 47)
        self.assertEqual(len({p["block"] for p in prefs}), 8)


class Restart(unittest.TestCase):
    def test_restart_keeps_every_account_and_stops_cleanly(self):
        srv = kk.Server()
        try:
            emails = ["keep%d@example.jp" % i for i in range(5)]
            for e in emails:
                r = srv.client().api("POST", "/api/v1/accounts", {
                    "email": e, "password": PW, "display_name": "テスト 太郎", "role": "sme",
                    "prefecture": "27"})
                self.assertEqual(r.status, 201)
            uid = srv.sql("SELECT min(id) FROM accounts")[0][0]
            srv.sql("INSERT INTO sessions(token_hash, account_id, kind, created_at, last_seen_at)"
                    " VALUES (randomblob(32), ?, 'web', 0, 0)", uid)
            srv.sql("INSERT INTO login_failures(at, email, ip) VALUES (0, 'old@x.jp', '1.2.3.4')")
            self.assertEqual(srv.stop(), 0)
            self.assertIn("stopped", srv.read_log())
            srv.start()
            # The worker removes expired sessions and stale login failures at start.
            for _ in range(100):
                left = srv.sql("SELECT (SELECT count(*) FROM sessions WHERE created_at = 0)"
                               " + (SELECT count(*) FROM login_failures WHERE at = 0)")[0][0]
                if left == 0:
                    break
                time.sleep(0.05)
            self.assertEqual(left, 0)
            for e in emails:
                self.assertEqual(srv.client().login_api(e, PW).status, 200, e)
        finally:
            srv.close()


class Shutdown(unittest.TestCase):
    def test_stop_is_prompt_even_while_the_worker_runs(self):
        # The worker runs its jobs at start: a SIGTERM then must not be lost
        # (it once was, and the worker slept its whole 300 s interval). stop() kills
        # a server that has not exited after 20 s, which makes the status non-zero.
        srv = kk.Server()
        try:
            for _ in range(8):
                self.assertEqual(srv.stop(), 0)
                self.assertIn("stopped", srv.read_log())
                srv.start()
        finally:
            srv.close()


class CommandLine(unittest.TestCase):
    def test_bad_flag_prints_usage_and_exits_2(self):
        for args in (["serve", "--nope"], ["--bogus"], ["frobnicate"], ["backup"],
                     ["serve", "--threads", "0"]):
            r = kk.run_cli(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("usage:", r.stderr)

    def test_a_webhook_without_its_secret_does_not_start(self):
        """Events signed with an empty key could be forged by anyone."""
        env = dict(os.environ)
        env.pop("KAKEKOMI_WEBHOOK_SECRET", None)
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        r = subprocess.run([kk.BIN, "--db", os.path.join(d, "kk.db"), "serve", "--listen",
                            "127.0.0.1:%d" % kk.free_port(), "--webhook-url", "http://127.0.0.1:9/h"],
                           env=env, capture_output=True, text=True, timeout=20)
        self.assertEqual(r.returncode, 2)
        self.assertIn("KAKEKOMI_WEBHOOK_SECRET", r.stderr)

    def test_help(self):
        r = kk.run_cli("serve", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--listen", r.stdout)
        self.assertEqual(kk.run_cli("--help").returncode, 0)

    def test_migrate_twice_seed_backup(self):
        import tempfile
        d = tempfile.mkdtemp()
        db = os.path.join(d, "k.db")
        r1 = kk.run_cli("migrate", db=db)
        r2 = kk.run_cli("migrate", db=db)
        self.assertEqual(r1.returncode, 0)
        self.assertEqual(r1.stdout, r2.stdout)
        self.assertEqual(kk.run_cli("seed", "--demo", db=db).returncode, 0)
        self.assertEqual(kk.run_cli("seed", "--demo", db=db).returncode, 0)
        r = kk.run_cli("backup", "--to", os.path.join(d, "b.db"), db=db)
        self.assertEqual(r.returncode, 0, r.stderr)
        import sqlite3
        con = sqlite3.connect(os.path.join(d, "b.db"))
        self.assertEqual(con.execute("SELECT count(*) FROM accounts WHERE email NOT LIKE 'seed-%'").fetchone()[0], 4)
        self.assertEqual(con.execute("SELECT count(*) FROM experts").fetchone()[0], 301)
        self.assertEqual(con.execute("SELECT count(DISTINCT prefecture) FROM experts").fetchone()[0], 47)
        self.assertEqual(con.execute("SELECT count(*) FROM communities").fetchone()[0], 30)
        self.assertEqual(con.execute("SELECT count(*) FROM prefectures").fetchone()[0], 47)
        self.assertEqual(con.execute("SELECT count(*) FROM questions").fetchone()[0], 400)  # once
        self.assertGreater(con.execute("SELECT count(*) FROM answers").fetchone()[0], 300)
        import time
        self.assertEqual(con.execute("SELECT count(*) FROM answers WHERE created_at > ?",
                                     (int(time.time()) + 5,)).fetchone()[0], 0)  # none after today
        con.close()
        srv = kk.Server(db=db)
        try:
            got = srv.client().get("/api/v1/search?q=" + urllib.parse.quote("パスワード")).json()
            self.assertGreater(got["total"], 10)  # the demo Q&A is indexed
        finally:
            srv.close()
        env_db = dict(os.environ, KAKEKOMI_DB=db)
        import subprocess
        r = subprocess.run([kk.BIN, "migrate"], env=env_db, capture_output=True, text=True)
        self.assertIn(db, r.stdout)

    def test_user_add_validates(self):
        import tempfile
        db = os.path.join(tempfile.mkdtemp(), "k.db")
        r = kk.run_cli("user", "add", "--email", "x@example.jp", "--role", "root",
                       "--password-stdin", db=db, stdin=PW + "\n")
        self.assertEqual(r.returncode, 2)
        r = kk.run_cli("user", "add", "--email", "x@example.jp", "--role", "desk",
                       "--password-stdin", db=db, stdin="short\n")
        self.assertEqual(r.returncode, 2)
        r = kk.run_cli("user", "add", "--email", "x@example.jp", "--role", "desk",
                       "--password-stdin", db=db, stdin=PW + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    kk.main("server")
