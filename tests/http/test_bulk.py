"""Bulk data: CSV export (admin), all-or-nothing import (command line and admin
page), and the one-time password links imported experts use."""

import csv
import io
import os
import re
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "bulk data password"
HEADER = ["email", "display_name", "prefecture", "serves", "remote", "skills", "roles", "modes",
          "hours_per_week", "on_call", "languages", "bio", "employer", "employer_supports",
          "background", "conflicts", "ethics_accepted_on", "visibility", "hidden"]


def row(email, **over):
    r = {"email": email, "display_name": "取込 花子", "prefecture": "15", "serves": "16 20",
         "remote": "0", "skills": "web:3 awareness:2", "roles": "technical trainer",
         "modes": "remote onsite", "hours_per_week": "4", "on_call": "1", "languages": "ja en",
         "bio": "新潟で活動, \"引用\" あり\n二行目", "employer": "越後IT", "employer_supports": "1",
         "background": "uturn", "conflicts": "A社; B社", "ethics_accepted_on": "2026-04-01",
         "visibility": "employer=private bio=users", "hidden": "0"}
    r.update(over)
    return [r[h] for h in HEADER]


def write_csv(rows, bom=True):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for r in rows:
        w.writerow(r)
    f = tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False)
    f.write((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode())
    f.close()
    return f.name


class Bulk(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)

    def experts(self):
        return self.srv.sql("SELECT count(*) FROM experts")[0][0]

    def test_import_with_bad_rows_writes_nothing(self):
        before = self.experts()
        path = write_csv([row("ok1@example.jp"),
                          row("bad-email"),
                          row("ok2@example.jp", prefecture="50"),
                          row("ok3@example.jp", skills="web:9"),
                          row("ok4@example.jp", visibility="conflicts=private"),
                          row("ok1@example.jp")])
        r = kk.run_cli("import", "experts", path, db=self.srv.db)
        self.assertNotEqual(r.returncode, 0)
        lines = [l for l in r.stderr.splitlines() if l.startswith("line ")]
        self.assertEqual([int(re.match(r"line (\d+)", l).group(1)) for l in lines],
                         [4, 6, 8, 10, 12], r.stderr)  # each bio spans two lines
        self.assertIn("email", lines[0])
        self.assertIn("prefecture", lines[1])
        self.assertIn("skills", lines[2])
        self.assertIn("visibility", lines[3])
        self.assertEqual(self.experts(), before)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM accounts WHERE email LIKE 'ok%'")[0][0], 0)

    def test_import_then_reset_link_then_login(self):
        path = write_csv([row("niigata@example.jp"), row("nagano@example.jp", prefecture="20",
                                                         hidden="1")])
        r = kk.run_cli("import", "experts", path, db=self.srv.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("2 experts imported", r.stdout)
        got = self.srv.client().get("/api/v1/experts?pref=15").json()["experts"]
        e = [x for x in got if x["display_name"] == "取込 花子"][0]
        self.assertEqual(sorted(s["code"] for s in e["skills"]), ["awareness", "web"])
        self.assertEqual(e["conflicts"], ["A社", "B社"])
        self.assertNotIn("employer", self.admin.get("/api/v1/experts/%d" % e["id"]).json())
        self.assertNotIn(20, [x["prefecture"] for x in
                              self.srv.client().get("/api/v1/experts?pref=20").json()["experts"]])
        # No password yet: login fails; the one-time link sets one.
        self.assertEqual(self.srv.client().login_api("niigata@example.jp", "anything-at-all").status, 401)

        def link():
            r = kk.run_cli("user", "reset-link", "--email", "Niigata@example.jp", "--base-url",
                           "http://127.0.0.1:%d" % self.srv.port, db=self.srv.db)
            self.assertEqual(r.returncode, 0, r.stderr)
            return "/" + r.stdout.strip().split("/", 3)[3]
        older = link()
        path = link()
        c = self.srv.client()
        self.assertEqual(c.get(path).status, 200)
        self.assertEqual(c.form(path, {"new_password": "short"}, csrf=c.csrf_token(path)).status, 400)
        r = c.form(path, {"new_password": "niigata new password"}, csrf=c.csrf_token(path))
        self.assertEqual(r.status, 303)
        self.assertEqual(c.get("/account").status, 200)
        self.assertEqual(self.srv.client().login_api("niigata@example.jp", "niigata new password").status, 200)
        self.assertEqual(self.srv.client().get(path).status, 404)  # used once
        self.assertEqual(self.srv.client().get(older).status, 404)  # and every older one with it
        # A link outstanding when the password changes stops working too.
        pending = link()
        r = c.form("/account/password", {"current_password": "niigata new password",
                                         "new_password": "niigata newer password"},
                   csrf=c.csrf_token("/account"))
        self.assertEqual(r.status, 303, r.text[:300])
        self.assertEqual(self.srv.client().get(pending).status, 404)
        self.assertEqual(self.srv.client().get("/reset/" + "A" * 43).status, 404)

    def test_export_is_admin_only_with_bom_and_reimports(self):
        e = self.srv.client()
        e.api("POST", "/api/v1/accounts", {"email": "exp@example.jp", "password": PW,
                                           "display_name": "書き出し 太郎", "role": "expert",
                                           "prefecture": "46"})
        e.login_api("exp@example.jp", PW)
        e.api("PUT", "/api/v1/experts/me", {
            "display_name": "書き出し 太郎", "prefecture": "46", "skills": [{"code": "legal", "level": 2}],
            "roles": ["adviser"], "bio": "=HYPERLINK(\"http://x.example\") 秘密の自己紹介, \"quoted\"",
            "employer": "薩摩商事",
            "ethics_accepted": True, "visibility": {"employer": "private"}})
        self.assertEqual(e.get("/api/v1/experts.csv").status, 403)
        r = self.admin.get("/api/v1/experts.csv")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"))
        self.assertIn("text/csv", r.header("Content-Type"))
        rows = list(csv.reader(io.StringIO(r.body[3:].decode())))
        self.assertEqual(rows[0], HEADER)
        mine = [x for x in rows[1:] if x[0] == "exp@example.jp"][0]
        self.assertEqual(mine[HEADER.index("employer")], "")  # private: not exported
        # A cell that a spreadsheet would run as a formula is written with an apostrophe.
        self.assertEqual(mine[HEADER.index("bio")],
                         "'=HYPERLINK(\"http://x.example\") 秘密の自己紹介, \"quoted\"")
        # Into an empty database it imports again.
        fresh = os.path.join(tempfile.mkdtemp(), "fresh.db")
        f = tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False)
        f.write(r.body)
        f.close()
        res = kk.run_cli("import", "experts", f.name, db=fresh)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn("%d experts imported" % (len(rows) - 1), res.stdout)
        # ... and the import takes the apostrophe off again: the text is as it was.
        bio = sqlite3.connect(fresh).execute(
            "SELECT e.bio FROM experts e JOIN accounts a ON a.id = e.account_id"
            " WHERE a.email = 'exp@example.jp'").fetchone()[0]
        self.assertEqual(bio, "=HYPERLINK(\"http://x.example\") 秘密の自己紹介, \"quoted\"")

    def test_admin_import_page(self):
        c = self.srv.client()
        c.form("/login", {"email": "admin@example.jp", "password": PW})
        page = c.get("/admin/import")
        self.assertEqual(page.status, 200)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        before = self.experts()
        for rows, status in (([row("web1@example.jp"), row("web2@example.jp", roles="king")], 400),
                             ([row("web3@example.jp")], 200)):
            body = open(write_csv(rows), "rb").read()
            boundary = "kkboundary"
            data = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
                    "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
                    "Content-Type: text/csv\r\n\r\n" % (boundary, csrf, boundary)).encode() + body + \
                ("\r\n--%s--\r\n" % boundary).encode()
            r = c.request("POST", "/admin/import", body=data,
                          headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
            self.assertEqual(r.status, status, r.text[:500])
            if status == 400:
                self.assertIn("line 4: roles", r.text)
        self.assertEqual(self.experts(), before + 1)


if __name__ == "__main__":
    kk.main("bulk")
