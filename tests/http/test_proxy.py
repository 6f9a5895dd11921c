"""kakekomi behind nginx, as dist/nginx-kakekomi.conf sets it up (with a self-signed
certificate, test ports and paths): a login over HTTPS and HTTP/2, the session cookie
Secure, the audit log naming the forwarded client (not nginx), one request id in both
logs, /metrics not served to the world; and X-Forwarded-For sent straight to a kakekomi
without --trust-proxy ignored."""

import http.client
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PW = "proxy test password"


class BehindNginx(kk.ServerCase):
    SERVER_ARGS = ["--trust-proxy", "--secure-cookies"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dir = tempfile.mkdtemp()
        key, cert = os.path.join(cls.dir, "key.pem"), os.path.join(cls.dir, "cert.pem")
        r = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                            "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        cls.port = kk.free_port()
        site = open(os.path.join(ROOT, "dist", "nginx-kakekomi.conf"), encoding="utf-8").read()
        https = site[site.index("server {", site.index("return 301")):]  # the TLS server only
        https = (https.replace("listen 443 ssl http2;", "listen 127.0.0.1:%d ssl http2;" % cls.port)
                      .replace("    listen [::]:443 ssl http2;\n", "")
                      .replace("/etc/letsencrypt/live/kakekomi.example.jp/fullchain.pem", cert)
                      .replace("/etc/letsencrypt/live/kakekomi.example.jp/privkey.pem", key)
                      .replace("http://127.0.0.1:8080", "http://127.0.0.1:%d" % cls.srv.port))
        os.makedirs(os.path.join(cls.dir, "logs"))
        with open(os.path.join(cls.dir, "nginx.conf"), "w", encoding="utf-8") as f:
            f.write("daemon off;\npid %s/nginx.pid;\nerror_log %s/error.log;\n"
                    "events {}\nhttp {\n  log_format ids '$remote_addr $request_id $status';\n"
                    "  access_log %s/access.log ids;\n%s}\n" % (cls.dir, cls.dir, cls.dir, https))
        cls.nginx = subprocess.Popen(["/usr/sbin/nginx", "-p", cls.dir, "-c",
                                      os.path.join(cls.dir, "nginx.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                cls.https("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        cls.nginx.terminate()
        cls.nginx.wait(timeout=10)
        shutil.rmtree(cls.dir)
        super().tearDownClass()

    @classmethod
    def https(cls, method, path, body=None, headers=None, source="127.0.0.1"):
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        c = http.client.HTTPSConnection("127.0.0.1", cls.port, context=ctx, timeout=10,
                                        source_address=(source, 0))
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        r.text = r.read().decode("utf-8", "replace")
        c.close()
        return r

    def test_login_over_tls_with_the_forwarded_address(self):
        self.srv.add_user("tls@example.jp", "sme", PW)
        # From 127.0.0.3: nginx connects to kakekomi from 127.0.0.1, and forwards the rest.
        r = self.https("POST", "/api/v1/session", b'{"email": "tls@example.jp", "password": "%s"}'
                       % PW.encode(), {"Content-Type": "application/json"}, source="127.0.0.3")
        self.assertEqual(r.status, 200, r.text)
        form = self.https("GET", "/login", source="127.0.0.3")
        cookies = [v for k, v in form.getheaders() if k.lower() == "set-cookie"]
        self.assertTrue(cookies)
        self.assertTrue(all("Secure" in c for c in cookies), cookies)
        ip = self.srv.sql("SELECT ip FROM audit_log WHERE event = 'login_ok' ORDER BY id DESC LIMIT 1")[0][0]
        self.assertEqual(ip, "127.0.0.3")

    def test_one_request_id_in_both_logs(self):
        r = self.https("GET", "/healthz")
        rid = r.getheader("X-Request-Id")
        self.assertRegex(rid, r"^[0-9a-f]{32}$")  # nginx's $request_id, kept by kakekomi
        # Both write their line once the answer is sent, so the client may read it first.
        nginx_log = lambda: open(os.path.join(self.dir, "access.log"), encoding="utf-8").read()
        for _ in range(100):
            if rid in self.srv.read_log() and rid in nginx_log():
                break
            time.sleep(0.05)
        self.assertIn(rid, self.srv.read_log())
        self.assertIn(rid, nginx_log())

    def test_http2_and_no_metrics_for_the_world(self):
        out = subprocess.run(["curl", "-sk", "--http2", "-o", "/dev/null", "-w", "%{http_version}",
                              "https://127.0.0.1:%d/healthz" % self.port], capture_output=True, text=True)
        self.assertEqual(out.stdout, "2")
        self.assertEqual(self.https("GET", "/metrics").status, 404)


class Direct(kk.ServerCase):
    """No --trust-proxy: a client that sends X-Forwarded-For itself is not believed."""

    def test_forwarded_for_is_ignored(self):
        self.srv.add_user("direct@example.jp", "sme", PW)
        c = self.srv.client(headers={"X-Forwarded-For": "203.0.113.9"})
        self.assertEqual(c.api("POST", "/api/v1/session", {"email": "direct@example.jp",
                                                           "password": PW}).status, 200)
        ip = self.srv.sql("SELECT ip FROM audit_log WHERE event = 'login_ok'")[0][0]
        self.assertEqual(ip, "127.0.0.1")


if __name__ == "__main__":
    kk.main("proxy")
