"""HTTP tests of accounts against the real server on a free port with a temporary database:
sign-up, login, sessions and their timeouts, roles, the account forms, login throttling."""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "correct horse battery"


def signup(c, email, role="sme", name="テスト 太郎", pref="27", password=PW):
    return c.api("POST", "/api/v1/accounts", {"email": email, "password": password,
                                              "display_name": name, "role": role,
                                              "prefecture": pref})


class Base(kk.ServerCase):
    def count_accounts(self):
        return self.srv.sql("SELECT count(*) FROM accounts")[0][0]

    def audit(self, event):
        return self.srv.sql("SELECT count(*) FROM audit_log WHERE event = ?", event)[0][0]


class ApiAccounts(Base):
    def test_signup_login_me_logout(self):
        c = self.srv.client()
        r = signup(c, "Hanako@Example.jp", role="expert", name="山田 花子", pref="01")
        self.assertEqual(r.status, 201, r.text)
        uid = r.json()["id"]
        r = c.login_api("hanako@example.JP", PW)
        self.assertEqual(r.status, 200)
        self.assertGreaterEqual(len(c.token), 22)
        r = c.get("/api/v1/me")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json(), {"id": uid, "email": "hanako@example.jp",
                                    "display_name": "山田 花子", "role": "expert",
                                    "prefecture": "01"})
        self.assertEqual(r.header("Cache-Control"), "no-store")
        r = c.request("DELETE", "/api/v1/session")
        self.assertEqual(r.status, 200)
        self.assertEqual(c.get("/api/v1/me").status, 401)
        self.assertGreaterEqual(self.audit("logout"), 1)

    def test_me_without_or_with_bad_token_is_401(self):
        c = self.srv.client()
        r = c.get("/api/v1/me")
        self.assertEqual(r.status, 401)
        self.assertEqual(r.json()["error"]["code"], "unauthorized")
        c.token = "A" * 43
        self.assertEqual(c.get("/api/v1/me").status, 401)
        c.token = "not a token"
        self.assertEqual(c.get("/api/v1/me").status, 401)

    def test_email_is_unique_case_insensitively(self):
        c = self.srv.client()
        self.assertEqual(signup(c, "dup@example.jp").status, 201)
        before = self.count_accounts()
        r = signup(c, "DUP@example.JP")
        self.assertEqual(r.status, 409)
        self.assertEqual(r.json()["error"]["field"], "email")
        self.assertEqual(self.count_accounts(), before)

    def test_bad_fields_get_400_naming_the_field_and_write_nothing(self):
        c = self.srv.client()
        before = self.count_accounts()
        cases = [
            ({"password": PW, "display_name": "x", "role": "sme", "prefecture": "13"}, "email"),
            ({"email": "a@b.jp", "password": "short", "display_name": "x", "role": "sme",
              "prefecture": "13"}, "password"),
            ({"email": "a@b.jp", "password": "x" * 257, "display_name": "x", "role": "sme",
              "prefecture": "13"}, "password"),
            ({"email": "a@b.jp", "password": PW, "display_name": "x", "role": "admin",
              "prefecture": "13"}, "role"),
            ({"email": "a@b.jp", "password": PW, "display_name": "x", "role": "desk",
              "prefecture": "13"}, "role"),
            ({"email": "a@b.jp", "password": PW, "display_name": "x", "role": "sme",
              "prefecture": "48"}, "prefecture"),
            ({"email": "a@b.jp", "password": PW, "display_name": "名" * 51, "role": "sme",
              "prefecture": "13"}, "display_name"),
            ({"email": "a@b.jp", "password": PW, "display_name": 5, "role": "sme",
              "prefecture": "13"}, "display_name"),
            ({"email": "a@b.jp", "password": PW, "display_name": "a\u0000b", "role": "sme",
              "prefecture": "13"}, None),
        ]
        for body, field in cases:
            r = c.api("POST", "/api/v1/accounts", body)
            self.assertEqual(r.status, 400, (body, r.text))
            err = r.json()["error"]
            if field:
                self.assertEqual(err["field"], field)
                self.assertTrue(err["message"])
        self.assertEqual(self.count_accounts(), before)

    def test_error_message_follows_accept_language(self):
        c = self.srv.client()
        body = {"email": "a@b.jp", "password": "short", "display_name": "x", "role": "sme",
                "prefecture": "13"}
        ja = c.api("POST", "/api/v1/accounts", body).json()["error"]["message"]
        en = c.api("POST", "/api/v1/accounts", body,
                   headers={"Accept-Language": "en"}).json()["error"]["message"]
        self.assertIn("パスワード", ja)
        self.assertIn("Password", en)
        self.assertIn("8", en)

    def test_invalid_utf8_json_is_400(self):
        c = self.srv.client()
        before = self.count_accounts()
        raw = (b'{"email":"u8@example.jp","password":"' + PW.encode() +
               b'","display_name":"\xff\xfe","role":"sme","prefecture":"13"}')
        r = c.api("POST", "/api/v1/accounts", raw=raw)
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["code"], "invalid_json")
        self.assertEqual(self.count_accounts(), before)

    def test_json_needs_json_content_type(self):
        c = self.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": "ct@example.jp"},
                  headers={"Content-Type": "text/plain"})
        self.assertEqual(r.status, 415)

    def test_oversized_body_is_413(self):
        c = self.srv.client()
        before = self.count_accounts()
        big = b'{"email":"' + b"a" * (1024 * 1024 + 10) + b'"}'
        r = c.api("POST", "/api/v1/accounts", raw=big)
        self.assertEqual(r.status, 413)
        self.assertEqual(r.json()["error"]["code"], "too_large")
        r = c.form("/signup", {"display_name": "x" * (1024 * 1024 + 10)})
        self.assertEqual(r.status, 413)
        self.assertIn("text/html", r.header("Content-Type"))
        self.assertEqual(self.count_accounts(), before)

    def test_same_answer_for_unknown_email_and_wrong_password(self):
        c = self.srv.client()
        signup(c, "known@example.jp")
        a = c.api("POST", "/api/v1/session", {"email": "known@example.jp", "password": "wrong-password"})
        b = c.api("POST", "/api/v1/session", {"email": "unknown@example.jp", "password": "wrong-password"})
        self.assertEqual(a.status, 401)
        self.assertEqual((a.status, a.body), (b.status, b.body))
        self.assertGreaterEqual(self.audit("login_failed"), 2)

    def test_password_change_ends_sessions(self):
        c = self.srv.client()
        signup(c, "pw@example.jp")
        c.login_api("pw@example.jp", PW)
        other = self.srv.client()
        other.login_api("pw@example.jp", PW)
        r = c.api("POST", "/api/v1/me/password", {"current_password": "nope-nope",
                                                  "new_password": "new password 2"})
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["field"], "current_password")
        r = c.api("POST", "/api/v1/me/password", {"current_password": PW,
                                                  "new_password": "new password 2"})
        self.assertEqual(r.status, 200)
        self.assertEqual(c.get("/api/v1/me").status, 401)
        self.assertEqual(other.get("/api/v1/me").status, 401)
        self.assertEqual(self.srv.client().login_api("pw@example.jp", PW).status, 401)
        self.assertEqual(self.srv.client().login_api("pw@example.jp", "new password 2").status, 200)
        uid = self.srv.sql("SELECT id FROM accounts WHERE email='pw@example.jp'")[0][0]
        self.assertEqual(self.srv.sql(
            "SELECT count(*) FROM audit_log WHERE event='password_changed' AND account_id=?",
            uid)[0][0], 1)

    def test_idle_and_absolute_timeouts(self):
        c = self.srv.client()
        signup(c, "idle@example.jp")
        c.login_api("idle@example.jp", PW)
        self.assertEqual(c.get("/api/v1/me").status, 200)
        sid = self.srv.sql("SELECT max(id) FROM sessions")[0][0]
        self.srv.sql("UPDATE sessions SET last_seen_at = last_seen_at - 25*3600 WHERE id = ?", sid)
        self.assertEqual(c.get("/api/v1/me").status, 401)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM sessions WHERE id = ?", sid)[0][0], 0)
        c.login_api("idle@example.jp", PW)
        sid = self.srv.sql("SELECT max(id) FROM sessions")[0][0]
        self.srv.sql("UPDATE sessions SET created_at = created_at - 8*24*3600 WHERE id = ?", sid)
        self.assertEqual(c.get("/api/v1/me").status, 401)

    def test_tokens_are_stored_only_as_hashes(self):
        c = self.srv.client()
        signup(c, "hash@example.jp")
        c.login_api("hash@example.jp", PW)
        rows = self.srv.sql("SELECT token_hash FROM sessions")
        self.assertTrue(rows)
        for (h,) in rows:
            self.assertEqual(len(h), 32)
            self.assertNotIn(c.token.encode(), h)
        dump = "\n".join(str(r) for r in self.srv.sql("SELECT * FROM sessions"))
        self.assertNotIn(c.token, dump)
        ph = self.srv.sql("SELECT password_hash FROM accounts WHERE email='hash@example.jp'")[0][0]
        self.assertTrue(ph.startswith("$argon2id$"))


class Roles(Base):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv.add_user("root@example.jp", "admin", PW)

    def test_admin_gives_roles_others_cannot(self):
        sme = self.srv.client()
        uid = signup(sme, "member@example.jp").json()["id"]
        sme.login_api("member@example.jp", PW)
        r = sme.api("PATCH", "/api/v1/accounts/%d" % uid, {"role": "admin"})
        self.assertEqual(r.status, 403)
        self.assertEqual(sme.get("/api/v1/me").json()["role"], "sme")
        admin = self.srv.client()
        self.assertEqual(admin.login_api("root@example.jp", PW).status, 200)
        r = admin.api("PATCH", "/api/v1/accounts/%d" % uid, {"role": "desk"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["role"], "desk")
        self.assertEqual(sme.get("/api/v1/me").json()["role"], "desk")
        self.assertEqual(admin.api("PATCH", "/api/v1/accounts/%d" % uid,
                                   {"role": "owner"}).status, 400)
        self.assertEqual(admin.api("PATCH", "/api/v1/accounts/999999",
                                   {"role": "sme"}).status, 404)
        rows = self.srv.sql("SELECT detail FROM audit_log WHERE event='role_changed' AND account_id=?", uid)
        self.assertEqual(rows, [("sme->desk",)])

    def test_admin_page_needs_admin(self):
        anon = self.srv.client()
        r = anon.get("/admin/accounts")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").startswith("/login?next="))
        sme = self.srv.client()
        signup(sme, "page-sme@example.jp")
        sme.form("/login", {"email": "page-sme@example.jp", "password": PW})
        self.assertEqual(sme.get("/admin/accounts").status, 403)
        admin = self.srv.client()
        r = admin.form("/login", {"email": "root@example.jp", "password": PW})
        self.assertEqual(r.status, 303)
        page = admin.get("/admin/accounts")
        self.assertEqual(page.status, 200)
        self.assertIn("page-sme@example.jp", page.text)
        uid = self.srv.sql("SELECT id FROM accounts WHERE email='page-sme@example.jp'")[0][0]
        r = admin.form("/admin/accounts/%d/role" % uid, {"role": "expert"},
                       csrf=admin.csrf_token("/admin/accounts"))
        self.assertEqual(r.status, 303)
        self.assertEqual(self.srv.sql("SELECT role FROM accounts WHERE id=?", uid)[0][0], "expert")

    def test_admin_finds_an_imported_expert_and_mails_a_reset_link(self):
        admin = self.srv.client()
        admin.form("/login", {"email": "root@example.jp", "password": PW})
        for i in range(60):  # more than a page
            self.srv.sql("INSERT INTO accounts(email, password_hash, display_name, role, prefecture,"
                         " created_at, password_changed_at) VALUES (?, '!', ?, 'expert', '13', 0, 0)",
                         "imported%02d@example.jp" % i, "取込 %02d_%%" % i)
        page = admin.get("/admin/accounts").text
        self.assertIn("全 ", page)
        self.assertIn('href="/admin/accounts?q=&amp;role=&amp;page=2"', page)
        found = admin.get("/admin/accounts?q=imported07&role=expert").text
        self.assertIn("imported07@example.jp", found)
        self.assertNotIn("imported08@example.jp", found)
        self.assertIn("パスワード未設定", found)
        self.assertIn('value="imported07"', found)                  # the search is kept
        # LIKE's own characters are taken literally.
        self.assertIn("該当するアカウントはありません", admin.get("/admin/accounts?q=%25%25%25").text)
        self.assertIn("imported07@example.jp", admin.get("/admin/accounts?q=07_%25").text)
        self.assertIn("該当するアカウントはありません", admin.get("/admin/accounts?q=imported07&role=desk").text)
        uid = self.srv.sql("SELECT id FROM accounts WHERE email='imported07@example.jp'")[0][0]
        back = "/admin/accounts?q=imported07&role=expert&page=1"
        path = "/admin/accounts/%d/reset-link" % uid
        self.assertEqual(admin.form(path, {"back": back}, csrf=None).status, 403)  # no CSRF token
        r = admin.form(path, {"back": back}, csrf=admin.csrf_token("/admin/accounts"))
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), back)                # back where the admin was
        self.assertIn("パスワード設定用のリンクをメールで送りました", admin.get(back).text)
        mail = self.srv.sql("SELECT body FROM outbox WHERE recipient = 'imported07@example.jp'")
        self.assertEqual(len(mail), 1)
        link = re.search(r"/reset/[A-Za-z0-9_-]+", mail[0][0]).group(0)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM audit_log WHERE event = 'reset_link_sent' "
                                      "AND account_id = ?", uid)[0][0], 1)
        expert = self.srv.client()
        self.assertEqual(expert.get(link).status, 200)              # the link works
        r = admin.form("/admin/accounts/999999/reset-link", {}, csrf=admin.csrf_token("/admin/accounts"))
        self.assertEqual(r.status, 404)
        r = admin.form(path, {"back": "https://evil.example/"}, csrf=admin.csrf_token("/admin/accounts"))
        self.assertEqual(r.header("Location"), "/admin/accounts")   # never elsewhere


class Pages(Base):
    def test_signup_login_logout_through_forms(self):
        c = self.srv.client()
        r = c.get("/signup")
        self.assertEqual(r.status, 200)
        self.assertIn("kk_anon", c.cookies)
        r = c.form("/signup", {"email": "form@example.jp", "password": PW, "consent": "1",
                               "display_name": "<script>alert(1)</script>", "role": "sme",
                               "prefecture": "27"})
        self.assertEqual(r.status, 303, r.text)
        # A new company is sent to what it must do first, and told so once.
        self.assertEqual(r.header("Location"), "/company")
        first = c.get("/company").text
        self.assertIn("登録が完了しました。まず会社のプロフィールを入力してください", first)
        self.assertNotIn("登録が完了しました", c.get("/company").text)
        cookie = [v for v in r.header_all("Set-Cookie") if v.startswith("kk_session=")][0]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)
        self.assertGreaterEqual(len(c.cookies["kk_session"]), 22)
        page = c.get("/account")
        self.assertEqual(page.status, 200)
        self.assertEqual(page.header("Cache-Control"), "no-store")
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page.text)
        self.assertNotIn("<script>alert(1)", page.text)
        self.assertIn("大阪府", page.text)
        old = c.cookies["kk_session"]
        r = c.form("/logout", {}, csrf=c.csrf_token("/account"))
        self.assertEqual(r.status, 303)
        self.assertEqual(self.srv.client().get("/account",
                         headers={"Cookie": "kk_session=" + old}).status, 303)
        r = c.form("/login", {"email": "FORM@example.jp", "password": PW, "next": "/account"})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/account")
        self.assertNotEqual(c.cookies["kk_session"], old)
        self.assertEqual(c.get("/account").status, 200)

    def test_form_errors_keep_input_and_name_the_field(self):
        c = self.srv.client()
        before = self.count_accounts()
        r = c.form("/signup", {"email": "keep@example.jp", "password": "short", "consent": "1",
                               "display_name": "残す名前", "role": "expert", "prefecture": "13"})
        self.assertEqual(r.status, 400)
        self.assertIn("パスワードは 8 文字以上", r.text)
        self.assertIn('value="keep@example.jp"', r.text)
        self.assertIn('value="残す名前"', r.text)
        self.assertEqual(self.count_accounts(), before)

    def test_signup_form_requires_consent(self):
        c = self.srv.client()
        before = self.count_accounts()
        r = c.form("/signup", {"email": "noconsent@example.jp", "password": PW,
                               "display_name": "同意なし", "role": "sme", "prefecture": "13"})
        self.assertEqual(r.status, 400)
        self.assertIn("利用目的への同意", r.text)
        self.assertEqual(self.count_accounts(), before)
        r = c.form("/signup", {"email": "consent@example.jp", "password": PW, "consent": "1",
                               "display_name": "同意あり", "role": "sme", "prefecture": "13"})
        self.assertEqual(r.status, 303)
        self.assertIsNotNone(self.srv.sql(
            "SELECT consent_at FROM accounts WHERE email='consent@example.jp'")[0][0])

    def test_invalid_utf8_in_form_is_400_and_writes_nothing(self):
        c = self.srv.client()
        before = self.count_accounts()
        csrf = c.csrf_token("/signup")
        raw = ("email=bad8%40example.jp&password=" + PW.replace(" ", "+") +
               "&display_name=%FF%FE&role=sme&prefecture=13&consent=1&csrf=" + csrf).encode()
        r = c.form("/signup", {}, raw=raw)
        self.assertEqual(r.status, 400)
        self.assertEqual(self.count_accounts(), before)

    def test_form_post_without_csrf_is_403_and_changes_nothing(self):
        c = self.srv.client()
        c.get("/signup")
        before = self.count_accounts()
        fields = {"email": "csrf@example.jp", "password": PW, "display_name": "x",
                  "role": "sme", "prefecture": "13"}
        self.assertEqual(c.form("/signup", fields, csrf=None).status, 403)
        self.assertEqual(c.form("/signup", fields, csrf="A" * 43).status, 403)
        other = self.srv.client()
        self.assertEqual(c.form("/signup", fields, csrf=other.csrf_token()).status, 403)
        self.assertEqual(self.count_accounts(), before)
        # A logged-in user's logout without the token does not log them out.
        signup(c, "csrf2@example.jp")
        c.form("/login", {"email": "csrf2@example.jp", "password": PW})
        self.assertEqual(c.form("/logout", {}, csrf=None).status, 403)
        self.assertEqual(c.get("/account").status, 200)

    def test_login_next_is_local_only(self):
        c = self.srv.client()
        signup(c, "next@example.jp")
        r = c.form("/login", {"email": "next@example.jp", "password": PW,
                              "next": "//evil.example/"})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/account")

    def test_same_page_for_unknown_email_and_wrong_password(self):
        c = self.srv.client()
        signup(c, "same@example.jp")
        a = c.form("/login", {"email": "same@example.jp", "password": "wrong-password"})
        b = c.form("/login", {"email": "nobody@example.jp", "password": "wrong-password"})
        self.assertEqual(a.status, 401)
        self.assertEqual(b.status, 401)
        strip = lambda t: re.sub(r'value="[^"]*"', "", t)
        self.assertEqual(strip(a.text), strip(b.text))

    def test_password_change_through_form(self):
        c = self.srv.client()
        signup(c, "formpw@example.jp")
        c.form("/login", {"email": "formpw@example.jp", "password": PW})
        old = c.cookies["kk_session"]
        r = c.form("/account/password", {"current_password": PW,
                                         "new_password": "another pass 3"},
                   csrf=c.csrf_token("/account"))
        self.assertEqual(r.status, 303)
        self.assertNotEqual(c.cookies["kk_session"], old)
        self.assertIn("パスワードを変更しました", c.get("/account?password=changed").text)
        self.assertEqual(self.srv.client().get(
            "/account", headers={"Cookie": "kk_session=" + old}).status, 303)


class Throttling(kk.ServerCase):
    SERVER_ARGS = ["--trust-proxy"]

    def login(self, email, password, ip):
        return self.srv.client(headers={"X-Forwarded-For": ip}).api(
            "POST", "/api/v1/session", {"email": email, "password": password})

    def test_nobody_can_lock_the_owner_out(self):
        """Failures from elsewhere never hold back a client that has not failed."""
        signup(self.srv.client(), "victim@example.jp")
        for i in range(12):
            self.assertEqual(self.login("victim@example.jp", "wrong-pass", "10.0.1.%d" % i).status, 401)
        self.assertEqual(self.login("victim@example.jp", PW, "10.0.2.1").status, 200)

    def test_a_guessing_client_waits_longer_each_time(self):
        signup(self.srv.client(), "guessed@example.jp")
        # The first four wrong ones cost nothing; then the client waits 1, 2, 4 ... s.
        statuses = [self.login("guessed@example.jp", "wrong-pass", "10.0.5.5").status
                    for _ in range(7)]
        self.assertEqual(statuses[:4], [401] * 4)
        self.assertIn(429, statuses[4:])
        r = self.login("guessed@example.jp", PW, "10.0.5.5")  # even the right one, for now
        self.assertEqual(r.status, 429)
        self.assertEqual(r.json()["error"]["code"], "throttled")
        self.assertGreaterEqual(int(r.header("Retry-After")), 1)
        self.assertGreaterEqual(self.srv.sql(
            "SELECT count(*) FROM audit_log WHERE event='login_throttled'")[0][0], 1)
        self.assertEqual(self.login("guessed@example.jp", PW, "10.0.5.6").status, 200)

    def test_a_password_change_is_throttled_the_same_way(self):
        signup(self.srv.client(), "changer@example.jp")
        c = self.srv.client(headers={"X-Forwarded-For": "10.0.6.6"})
        self.assertEqual(c.login_api("changer@example.jp", PW).status, 200)
        statuses = [c.api("POST", "/api/v1/me/password", {"current_password": "not it",
                                                          "new_password": "a new password"}).status
                    for _ in range(7)]
        self.assertEqual(statuses[:4], [400] * 4)
        self.assertIn(429, statuses[4:])
        r = c.api("POST", "/api/v1/me/password", {"current_password": PW,
                                                  "new_password": "a new password"})
        self.assertEqual(r.status, 429)
        self.assertEqual(c.api("DELETE", "/api/v1/me", {"password": PW}).status, 429)

    def test_eleventh_login_from_one_ip_is_429(self):
        signup(self.srv.client(), "bystander@example.jp")
        for i in range(10):
            self.login("guess%d@example.jp" % i, "wrong-pass", "10.9.9.9")
        self.assertEqual(self.login("bystander@example.jp", PW, "10.9.9.9").status, 429)
        self.assertEqual(self.login("bystander@example.jp", PW, "10.9.9.10").status, 200)

    def test_form_login_is_throttled_too(self):
        signup(self.srv.client(), "formvictim@example.jp")
        for i in range(6):
            self.login("formvictim@example.jp", "wrong-pass", "10.0.3.3")
        c = self.srv.client(headers={"X-Forwarded-For": "10.0.3.3"})
        r = c.form("/login", {"email": "formvictim@example.jp", "password": PW})
        self.assertEqual(r.status, 429)
        self.assertIn("しばらく待って", r.text)


if __name__ == "__main__":
    kk.main("accounts")
