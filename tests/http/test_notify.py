"""Notifications: e-mail through a local SMTP server that is down and comes
back (delivered exactly once), a signed webhook checked by a local receiver,
and the admins' mail page when no mail server is configured."""

import hashlib
import hmac
import http.server
import json
import os
import socket
import socketserver
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "notify test password"
SECRET = "webhook-secret-for-tests"


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept a message: it records each DATA it is given."""

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode(errors="replace").strip().upper()
            if cmd.startswith("EHLO") or cmd.startswith("HELO"):
                self.reply("250 test")
            elif cmd.startswith("MAIL") or cmd.startswith("RCPT") or cmd.startswith("RSET") \
                    or cmd.startswith("NOOP"):
                self.reply("250 ok")
            elif cmd == "DATA":
                self.reply("354 go ahead")
                data = b""
                while True:
                    l2 = self.rfile.readline()
                    if not l2 or l2 in (b".\r\n", b".\n"):
                        break
                    data += l2
                self.server.messages.append(data.decode("utf-8", "replace"))
                self.reply("250 queued")
            elif cmd == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 no")


class SMTPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), SMTPHandler)
        self.messages = []
        threading.Thread(target=self.serve_forever, daemon=True).start()


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.calls.append((self.headers.get("X-Kakekomi-Signature"), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *a):
        pass


def wait_for(pred, limit=15):
    deadline = time.time() + limit
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.1)
    return False


class Notifications(unittest.TestCase):
    def test_mail_waits_for_a_server_that_is_down_and_is_delivered_once(self):
        port = kk.free_port()
        hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
        hook.calls = []
        threading.Thread(target=hook.serve_forever, daemon=True).start()
        os.environ["KAKEKOMI_WEBHOOK_SECRET"] = SECRET
        srv = kk.Server(args=["--smtp-url", "smtp://127.0.0.1:%d" % port, "--retry-base", "1",
                              "--mail-from", "desk@kakekomi.example", "--webhook-url",
                              "http://127.0.0.1:%d/hook" % hook.server_address[1]])
        del os.environ["KAKEKOMI_WEBHOOK_SECRET"]
        smtp = None
        try:
            admin = srv.admin(PW)
            srv.add_user("desk@example.jp", "desk", PW)
            desk_id = admin.api("POST", "/api/v1/desks", {"prefecture": "13", "name": "東京"}).json()["id"]
            operator = srv.sql("SELECT id FROM accounts WHERE email = 'desk@example.jp'")[0][0]
            admin.api("POST", "/api/v1/desks/%d/operators" % desk_id, {"account_id": operator})
            sme = srv.client()
            sme.api("POST", "/api/v1/accounts", {"email": "co@example.jp", "password": PW,
                                                 "display_name": "会社", "role": "sme", "prefecture": "13"})
            sme.login_api("co@example.jp", PW)
            sme.api("PUT", "/api/v1/companies/me", {"name": "東京商事", "prefecture": "13",
                                                    "industry": "I", "employees": "1-5"})
            r = sme.api("POST", "/api/v1/requests", {"kind": "advice", "description": "相談です"})
            self.assertEqual(r.status, 201)
            # The mail server is down: the message waits and is retried.
            self.assertTrue(wait_for(lambda: srv.sql(
                "SELECT max(attempts) FROM outbox WHERE kind = 'mail'")[0][0] >= 1))
            self.assertEqual(srv.sql("SELECT count(*) FROM outbox WHERE kind='mail' AND delivered_at IS NOT NULL")[0][0], 0)
            smtp = SMTPServer(port)
            self.assertTrue(wait_for(lambda: len(smtp.messages) >= 1))
            time.sleep(3)  # more retry rounds: nothing is sent twice
            mails = [m for m in smtp.messages if "desk@example.jp" in m]
            self.assertEqual(len(mails), 1, smtp.messages)
            self.assertIn("Subject: =?UTF-8?B?", mails[0])
            self.assertIn("新しい相談が届きました", mails[0])
            self.assertIn("A new consultation request arrived", mails[0])
            self.assertEqual(srv.sql("SELECT count(*) FROM outbox WHERE kind='mail' AND delivered_at IS NULL")[0][0], 0)
            # Webhooks: every timeline step, signed with HMAC-SHA256.
            self.assertTrue(wait_for(lambda: len(hook.calls) >= 2))
            for sig, body in hook.calls:
                want = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                self.assertEqual(sig, "sha256=" + want)
            events = [json.loads(b)["event"] for _, b in hook.calls]
            self.assertIn("filed", events)
            self.assertIn("routed", events)
        finally:
            if smtp:
                smtp.shutdown()
            hook.shutdown()
            srv.close()

    def test_without_smtp_mail_is_kept_for_admins(self):
        srv = kk.Server()
        try:
            srv.add_user("admin@example.jp", "admin", PW)
            admin = srv.client()
            admin.form("/login", {"email": "admin@example.jp", "password": PW})
            e = srv.client()
            e.api("POST", "/api/v1/accounts", {"email": "ex@example.jp", "password": PW,
                                               "display_name": "<b>専門家</b>", "role": "expert",
                                               "prefecture": "13"})
            e.login_api("ex@example.jp", PW)
            e.api("PUT", "/api/v1/experts/me", {"display_name": "x", "prefecture": "13", "ethics_accepted": True,
                                                "roles": ["trainer"]})
            api_admin = srv.client()
            api_admin.login_api("admin@example.jp", PW)
            uid = srv.sql("SELECT id FROM accounts WHERE email='ex@example.jp'")[0][0]
            kk.complete_course(api_admin, uid, "trainer")
            number = api_admin.api("POST", "/api/v1/certifications", {"expert_id": uid, "level": "basic"}).json()["number"]
            srv.sql("UPDATE certificates SET expires_on = date('now', '+5 days') WHERE number = ?", number)
            self.assertEqual(srv.stop(), 0)
            srv.start()
            self.assertTrue(wait_for(lambda: srv.sql("SELECT count(*) FROM outbox WHERE recipient='ex@example.jp'")[0][0] == 1))
            page = admin.get("/admin/mail")
            self.assertEqual(page.status, 200)
            self.assertIn("ex@example.jp", page.text)
            self.assertIn("認定の有効期限が近づいています", page.text)
            self.assertIn("&lt;b&gt;専門家&lt;/b&gt;", page.text)
            self.assertEqual(e.get("/admin/mail").status, 403)
        finally:
            srv.close()


if __name__ == "__main__":
    kk.main("notify")
