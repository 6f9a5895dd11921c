"""Registry: taxonomy, expert profiles and visibility, directory search,
certificates, CPD, communities, complaints, export and deletion."""

import html
import os
import urllib.parse
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "registry password"
FIELDS = ["modes", "hours_per_week", "on_call", "languages", "bio", "employer",
          "employer_supports", "background", "conflicts", "ethics_accepted"]
ALWAYS = ["id", "display_name", "prefecture", "serves", "remote", "skills", "roles",
          "certificate"]


def profile(**over):
    p = {"display_name": "山田 花子", "prefecture": "27", "serves": ["26"], "remote": False,
         "skills": [{"code": "incident_response", "level": 3}, {"code": "malware", "level": 2}],
         "roles": ["responder"], "modes": ["remote", "onsite"], "hours_per_week": 6,
         "on_call": True, "languages": ["ja", "en"], "bio": "<script>x</script> 大阪で活動",
         "employer": "なにわ電機", "employer_supports": True, "background": "practitioner",
         "conflicts": ["ウイルス対策ソフトA社"], "ethics_accepted": True}
    p.update(over)
    return p


class Registry(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)
        cls.srv.add_user("desk@example.jp", "desk", PW)
        cls.desk = cls.srv.client()
        cls.desk.login_api("desk@example.jp", PW)
        cls.sme = cls.new_user("sme")

    counter = 0

    @classmethod
    def new_user(cls, role="expert", pref="27"):
        cls.counter += 1
        c = cls.srv.client()
        email = "%s%d@example.jp" % (role, cls.counter)
        r = c.api("POST", "/api/v1/accounts", {"email": email, "password": PW,
                                               "display_name": "利用者", "role": role,
                                               "prefecture": pref})
        assert r.status == 201, r.text
        c.login_api(email, PW)
        c.id = r.json()["id"]
        c.email = email
        return c

    def new_expert(self, **over):
        c = self.new_user("expert")
        r = c.api("PUT", "/api/v1/experts/me", profile(**over))
        self.assertIn(r.status, (200, 201), r.text)
        self.assertEqual(r.json()["id"], c.id)
        return c

    def test_taxonomy(self):
        t = self.srv.client().get("/api/v1/taxonomy").json()
        codes = {s["code"] for s in t["skills"]}
        for c in ["awareness", "governance", "risk_assessment", "network", "malware", "cloud",
                  "web", "pentest", "incident_response", "forensics", "legal"]:
            self.assertIn(c, codes)
        self.assertGreaterEqual(len(codes), 20)
        for s in t["skills"]:
            self.assertEqual(len(s["levels"]), 4)
            self.assertTrue(all(s["levels"]) and s["name_ja"] and s["name_en"] and s["group"])
        self.assertEqual([r["code"] for r in t["roles"]],
                         ["evangelist", "adviser", "technical", "responder", "trainer"])
        self.assertEqual([b["code"] for b in t["backgrounds"]],
                         ["practitioner", "senior", "returning", "uturn", "side_job", "student"])

    def test_only_experts_have_profiles(self):
        r = self.sme.api("PUT", "/api/v1/experts/me", profile())
        self.assertEqual(r.status, 403)
        self.assertEqual(self.srv.client().api("PUT", "/api/v1/experts/me", profile()).status, 401)

    def test_visibility_matrix(self):
        for level in ["public", "users", "desks", "private"]:
            vis = {f: level for f in FIELDS if not (f == "conflicts" and level in ("desks", "private"))}
            e = self.new_expert(visibility=vis)
            other = self.new_expert()
            callers = {"anonymous": (self.srv.client(), {"public"}),
                       "sme": (self.sme, {"public", "users"}),
                       "other expert": (other, {"public", "users"}),
                       "desk": (self.desk, {"public", "users", "desks"}),
                       "admin": (self.admin, {"public", "users", "desks"}),
                       "owner": (e, {"public", "users", "desks", "private"})}
            for name, (c, sees) in callers.items():
                got = c.get("/api/v1/experts/%d" % e.id).json()
                for f in ALWAYS:
                    self.assertIn(f, got, (level, name, f))
                for f in FIELDS:
                    flevel = vis.get(f, "public")  # conflicts keep their default
                    self.assertEqual(f in got, flevel in sees, (level, name, f))

    def test_conflicts_cannot_be_hidden_from_companies_and_desks(self):
        c = self.new_user("expert")
        for level in ("desks", "private"):
            r = c.api("PUT", "/api/v1/experts/me", profile(visibility={"conflicts": level}))
            self.assertEqual(r.status, 400)
            self.assertEqual(r.json()["error"]["field"], "visibility")
        self.assertEqual(c.get("/api/v1/experts/%d" % c.id).status, 404)

    def test_desk_view_of_desk_fields_is_audited(self):
        e = self.new_expert(visibility={"employer": "desks"})
        before = self.srv.sql("SELECT count(*) FROM audit_log WHERE event='desk_fields_viewed'"
                              " AND account_id=?", e.id)[0][0]
        self.assertIn("employer", self.desk.get("/api/v1/experts/%d" % e.id).json())
        self.sme.get("/api/v1/experts/%d" % e.id)
        after = self.srv.sql("SELECT count(*) FROM audit_log WHERE event='desk_fields_viewed'"
                             " AND account_id=?", e.id)[0][0]
        self.assertEqual(after, before + 1)

    def test_bad_profiles_are_refused_and_nothing_written(self):
        c = self.new_user("expert")
        cases = [
            (profile(prefecture="99"), "prefecture"),
            (profile(serves=["27", "48"]), "serves"),
            (profile(skills=[{"code": "juggling", "level": 2}]), "skills"),
            (profile(skills=[{"code": "web", "level": 5}]), "skills"),
            (profile(skills=[{"code": "web", "level": 1}, {"code": "web", "level": 2}]), "skills"),
            (profile(roles=["wizard"]), "roles"),
            (profile(modes=["teleport"]), "modes"),
            (profile(hours_per_week=200), "hours_per_week"),
            (profile(background="astronaut"), "background"),
            (profile(languages=["日本語"]), "languages"),
            (profile(bio="x" * 2001), "bio"),
            (profile(display_name=""), "display_name"),
            (profile(visibility={"shoe_size": "public"}), "visibility"),
            (profile(visibility={"bio": "friends"}), "visibility"),
            (profile(conflicts="not a list"), "conflicts"),
        ]
        for body, field in cases:
            r = c.api("PUT", "/api/v1/experts/me", body)
            self.assertEqual(r.status, 400, (field, r.text))
            self.assertEqual(r.json()["error"]["field"], field)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM experts WHERE account_id=?", c.id)[0][0], 0)

    def test_update_keeps_ethics_date_and_replaces_lists(self):
        c = self.new_expert()
        first = c.get("/api/v1/experts/%d" % c.id).json()
        r = c.api("PUT", "/api/v1/experts/me", profile(skills=[{"code": "web", "level": 4}],
                                                       serves=[]))
        self.assertEqual(r.status, 200)
        got = c.get("/api/v1/experts/%d" % c.id).json()
        self.assertEqual(got["skills"], [{"code": "web", "level": 4}])
        self.assertEqual(got["serves"], [])
        self.assertEqual(got["ethics_accepted_on"], first["ethics_accepted_on"])
        c.api("PUT", "/api/v1/experts/me", profile(ethics_accepted=False))
        self.assertFalse(c.get("/api/v1/experts/%d" % c.id).json()["ethics_accepted"])


# A profile that matches none of the Directory filters.
QUIET = {"roles": ["evangelist"], "on_call": False, "skills": [{"code": "ics", "level": 1}]}


class ProfileForm(kk.ServerCase):
    """The profile form as an expert uses it: what it shows saves again unchanged, and a
    bad value brings the form back with everything typed and the message beside it."""

    def web_expert(self, email):
        c = self.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": email, "password": PW, "display_name": "山陰 花子",
                                               "role": "expert", "prefecture": "31"})
        self.assertEqual(r.status, 201, r.text)
        c.form("/login", {"email": email, "password": PW})
        return c, r.json()["id"]

    @staticmethod
    def fields_of(page):
        """The form's fields as a browser would send them untouched."""
        form = page[page.index('class="stack profile-form"'):]
        form = form[:form.index("</form>")]
        out = []
        for m in re.finditer(r'<input([^>]*)>', form):
            a = dict(re.findall(r'(\w[\w.-]*)="([^"]*)"', m.group(1)))
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in m.group(1):
                    out.append((a["name"], a.get("value", "on")))
            elif "name" in a and a.get("type") != "submit":
                out.append((a["name"], html.unescape(a.get("value", ""))))
        for m in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
            sel = re.search(r'<option value="([^"]*)" selected', m.group(2))
            if sel:
                out.append((m.group(1), sel.group(1)))
        for m in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
            out.append((m.group(1), html.unescape(m.group(2))))
        return out

    def post(self, c, fields):
        return c.request("POST", "/experts/me/edit", body=urllib.parse.urlencode(fields).encode(),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})

    def test_two_languages_save_and_save_again_untouched(self):
        c, uid = self.web_expert("roundtrip@example.jp")
        fields = [f for f in self.fields_of(c.get("/experts/me/edit").text) if f[0] != "languages"]
        fields += [("languages", "ja、en"), ("ethics_accepted", "1"), ("hours_per_week", "6")]
        fields = [f for f in fields if f[0] != "hours_per_week" or f[1] == "6"]
        r = self.post(c, fields)
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(self.srv.sql("SELECT languages FROM experts WHERE account_id = ?", uid)[0][0], "ja,en")
        page = c.get("/experts/me/edit").text
        self.assertIn('value="ja, en"', page)
        again = self.fields_of(page)
        r = self.post(c, again)  # untouched: saves without an error
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(self.srv.sql("SELECT languages, hours_per_week FROM experts WHERE account_id = ?",
                                      uid)[0], ("ja,en", 6))
        # The next page says what happened, once (a flash kept in the session, not the URL).
        self.assertEqual(r.header("Location"), "/experts/%d" % uid)
        self.assertIn("プロフィールを保存しました", c.get(r.header("Location")).text)
        self.assertNotIn("プロフィールを保存しました", c.get(r.header("Location")).text)

    def test_each_visibility_select_has_its_own_name(self):
        c, _ = self.web_expert("names@example.jp")
        labels = re.findall(r'<select class="vis"[^>]*aria-label="([^"]+)"', c.get("/experts/me/edit").text)
        self.assertGreaterEqual(len(labels), 10)
        self.assertEqual(len(labels), len(set(labels)), labels)
        self.assertIn("経歴の区分の公開範囲", labels)

    def test_an_error_keeps_everything_typed(self):
        c, uid = self.web_expert("typo@example.jp")
        fields = [f for f in self.fields_of(c.get("/experts/me/edit").text)
                  if f[0] not in ("hours_per_week", "bio", "skill.forensics", "display_name")]
        fields += [("hours_per_week", "200"), ("bio", "鳥取で中小企業を支援しています。"),
                   ("skill.forensics", "3"), ("display_name", "山陰 花子（米子）"), ("roles", "responder")]
        r = self.post(c, fields)
        self.assertEqual(r.status, 400)
        page = r.text
        # The message stands beside the hours, and what was typed is all there.
        hours = page[page.index('for="hours_per_week"'):]
        self.assertIn('class="field-error"', hours[:400])
        self.assertIn('value="200"', hours[:1200])
        self.assertIn("鳥取で中小企業を支援しています。", page)
        self.assertIn('value="山陰 花子（米子）"', page)
        self.assertRegex(page, r'name="skill.forensics">.*?<option value="3" selected', )
        self.assertRegex(page, r'name="roles" value="responder" checked')
        self.assertEqual(self.srv.sql("SELECT count(*) FROM experts WHERE account_id = ?", uid)[0][0], 0)


class Directory(kk.ServerCase):
    """A small map of experts to check distance tiers and filters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ids = {}
        n = 0
        for name, pref, serves, remote, skill, level, role, on_call in [
                ("nara", "29", [], False, "web", 3, "technical", False),         # Nara
                ("osaka", "27", [], False, "incident_response", 4, "responder", True),
                ("kyoto-serves-nara", "26", ["29"], False, "web", 2, "trainer", False),
                ("mie", "24", [], False, "web", 1, "adviser", False),            # neighbour of Nara
                ("hyogo", "28", [], False, "web", 4, "technical", False),        # Kinki, not a neighbour
                ("tokyo-remote", "13", [], True, "web", 4, "adviser", False),
                ("tokyo", "13", [], False, "web", 4, "adviser", False)]:
            n += 1
            c = cls.srv.client()
            email = "dir%d@example.jp" % n
            c.api("POST", "/api/v1/accounts", {"email": email, "password": PW,
                                               "display_name": name, "role": "expert",
                                               "prefecture": pref})
            c.login_api(email, PW)
            r = c.api("PUT", "/api/v1/experts/me", profile(
                display_name=name, prefecture=pref, serves=serves, remote=remote,
                skills=[{"code": skill, "level": level}], roles=[role], on_call=on_call,
                bio="得意分野は%s" % skill))
            assert r.status in (200, 201), r.text
            cls.ids[name] = r.json()["id"]

    def names(self, query):
        r = self.srv.client().get("/api/v1/experts?" + query)
        self.assertEqual(r.status, 200, r.text)
        j = r.json()
        self.assertEqual(j["total"], len(j["experts"]))
        return [e["display_name"] for e in j["experts"]]

    def test_pref_includes_served_and_remote(self):
        self.assertEqual(self.names("pref=29"), ["nara", "kyoto-serves-nara", "tokyo-remote"])

    def test_near_widens_nearest_first(self):
        got = self.names("pref=29&near=1")
        self.assertEqual(got[:2], ["nara", "kyoto-serves-nara"])
        self.assertLess(got.index("mie"), got.index("hyogo"))      # neighbour before block
        self.assertLess(got.index("hyogo"), got.index("tokyo-remote"))
        self.assertNotIn("tokyo", got)

    def test_cards_say_how_near_in_words_that_are_true(self):
        page = self.srv.client().get("/experts?pref=29&near=1").text
        card = {}
        for m in re.finditer(r'<li class="card expert"><h2><a[^>]*>([^<]+)</a></h2><p class="meta">([^<]*)',
                             page):
            card[m.group(1)] = m.group(2).strip()
        self.assertEqual(card["nara"], "奈良県 · 県内")
        # Kyoto's expert is here because she serves Nara: not "in the prefecture" beside 京都府.
        self.assertEqual(card["kyoto-serves-nara"], "京都府 · 奈良県にも対応")
        self.assertEqual(card["mie"], "三重県 · 隣接県")
        self.assertIn("専門家の役割", page)          # the role filter's label
        self.assertNotIn("利用者の種類", page)

    def test_filters(self):
        self.assertEqual(self.names("skill=web&min_level=4"), ["hyogo", "tokyo-remote", "tokyo"])
        self.assertEqual(self.names("role=responder"), ["osaka"])
        self.assertEqual(self.names("on_call=1"), ["osaka"])
        self.assertEqual(self.names("q=kyoto"), ["kyoto-serves-nara"])
        self.assertEqual(self.names("q=incident_response"), ["osaka"])   # in the biography
        self.assertEqual(self.names("q=%25"), [])                           # LIKE wildcard is literal
        self.assertEqual(self.names("certified=1"), [])

    def test_cached_searches_see_every_change(self):
        local = lambda: [n for n in self.names("pref=44") if n != "tokyo-remote"]
        self.assertEqual(local(), [])
        c = self.srv.client()
        c.api("POST", "/api/v1/accounts", {"email": "oita@example.jp", "password": PW,
                                           "display_name": "oita", "role": "expert",
                                           "prefecture": "44"})
        c.login_api("oita@example.jp", PW)
        c.api("PUT", "/api/v1/experts/me", profile(display_name="oita", prefecture="44", **QUIET))
        self.assertEqual(local(), ["oita"])
        c.api("PUT", "/api/v1/experts/me", profile(display_name="oita2", prefecture="44", **QUIET))
        self.assertEqual(local(), ["oita2"])
        c.api("PUT", "/api/v1/experts/me", profile(display_name="oita2", prefecture="45", **QUIET))
        self.assertEqual(local(), [])

    def test_bad_query_values_are_400(self):
        for q, field in [("pref=48", "pref"), ("skill=nope", "skill"), ("min_level=9", "min_level"),
                         ("role=king", "role"), ("mode=fly", "mode"), ("on_call=maybe", "on_call"),
                         ("page=0", "page"), ("q=" + "x" * 101, "q")]:
            r = self.srv.client().get("/api/v1/experts?" + q)
            self.assertEqual(r.status, 400, q)
            self.assertEqual(r.json()["error"]["field"], field)

    def test_hidden_filters_respect_visibility(self):
        # An expert who hides on_call is not found by an anonymous on_call filter.
        c = self.srv.client()
        c.api("POST", "/api/v1/accounts", {"email": "hid@example.jp", "password": PW,
                                           "display_name": "hid", "role": "expert",
                                           "prefecture": "47"})
        c.login_api("hid@example.jp", PW)
        c.api("PUT", "/api/v1/experts/me", profile(display_name="hid", prefecture="47",
                                                   on_call=True,
                                                   visibility={"on_call": "private"}))
        self.assertNotIn("hid", self.names("pref=47&on_call=1"))
        self.assertIn("hid", self.names("pref=47"))


class Certificates(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)

    def expert(self, email):
        c = self.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": email, "password": PW,
                                               "display_name": "認定 太郎", "role": "expert",
                                               "prefecture": "40"})
        c.login_api(email, PW)
        c.api("PUT", "/api/v1/experts/me", profile(display_name="認定 太郎", prefecture="40"))
        c.id = r.json()["id"]
        return c

    def issue(self, c):
        kk.complete_course(self.admin, c.id, "responder")
        r = self.admin.api("POST", "/api/v1/certifications", {"expert_id": c.id, "level": "basic"})
        self.assertEqual(r.status, 201, r.text)
        return r.json()

    def verify(self, number):
        return self.srv.client().get("/api/v1/certifications/" + number)

    def test_issue_and_verify_without_login(self):
        c = self.expert("cert1@example.jp")
        before = self.srv.client().get("/api/v1/experts?certified=1").json()["total"]
        cert = self.issue(c)
        self.assertRegex(cert["number"], r"^KK(-[0-9A-Z]{4}){5}$")
        r = self.verify(cert["number"])
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["status"], "valid")
        self.assertEqual(r.json()["name"], "認定 太郎")
        self.assertEqual(r.json()["expires_on"], cert["expires_on"])
        page = self.srv.client().get("/verify/" + cert["number"])
        self.assertEqual(page.status, 200)
        self.assertIn("認定 太郎", page.text)
        certified = self.srv.client().get("/api/v1/experts?certified=1").json()
        self.assertEqual(certified["total"], before + 1)
        self.assertIn(c.id, [e["id"] for e in certified["experts"]])

    def test_unknown_numbers_get_the_same_404(self):
        bodies = set()
        for n in ["KK-0000-0000-0000-0000-0000", "x", "%27%20OR%201%3D1", "A" * 60, "A" * 200]:
            r = self.verify(n)
            self.assertEqual(r.status, 404, n)
            bodies.add(r.body)
        self.assertEqual(len(bodies), 1)

    def test_verify_takes_numbers_as_people_type_them(self):
        c = self.expert("cert9@example.jp")
        num = self.issue(c)["number"]
        web = self.srv.client()
        typed = num.lower().replace("-", " ")
        r = web.get("/verify?number=" + urllib.parse.quote(typed))
        self.assertEqual((r.status, r.header("Location")), (303, "/verify/" + num))
        page = web.get("/verify/" + num.replace("-", "").lower())
        self.assertEqual(page.status, 200)
        self.assertIn("この認定は有効です", page.text)
        full_width = num.translate(str.maketrans("0123456789ABCDEFGHJKMNPQRSTVWXYZ-",
                                                 "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＭＮＰＱＲＳＴＶＷＸＹＺ－"))
        self.assertEqual(self.verify(urllib.parse.quote(full_width)).json()["number"], num)
        # An unknown number: the verification page says so, with the form to try again.
        r = web.get("/verify?number=KK-0000-0000-0000-0000-0000")
        self.assertEqual(r.status, 303)
        r = web.get(r.header("Location"))
        self.assertEqual(r.status, 404)
        self.assertIn("この番号の認定は見つかりませんでした", r.text)
        self.assertIn('name="number"', r.text)
        r = web.get("/verify?number=nonsense")
        self.assertEqual(r.status, 404)
        self.assertIn('value="nonsense"', r.text)
        # Linked from every page, and from a certified expert's public profile.
        self.assertIn('href="/verify"', web.get("/").text)
        self.assertIn('class="verify-link"', web.get("/experts/%d" % c.id).text)

    def test_certification_needs_a_roles_course_and_the_ethics(self):
        c = self.expert("course@example.jp")
        certs = lambda: self.srv.sql("SELECT count(*) FROM certificates WHERE expert_id = ?", c.id)[0][0]
        r = self.admin.api("POST", "/api/v1/certifications", {"expert_id": c.id, "level": "basic"})
        self.assertEqual(r.status, 409)
        self.assertEqual(r.json()["error"]["code"], "course_incomplete")
        modules = [m["code"] for m in self.srv.client().get("/api/v1/course").json()["modules"]
                   if m["role"] == "responder"]
        self.assertEqual(len(modules), 3)
        # Marking: an admin only, a known module, a reason; audited; once.
        mark = lambda who, body: who.api("POST", "/api/v1/experts/%d/modules" % c.id, body)
        self.assertEqual(mark(c, {"module": modules[0], "reason": "x"}).status, 403)
        self.assertEqual(mark(self.admin, {"module": modules[0]}).json()["error"]["field"], "reason")
        self.assertEqual(mark(self.admin, {"module": "nope", "reason": "x"}).json()["error"]["field"], "module")
        self.assertEqual(self.srv.sql("SELECT count(*) FROM module_completions WHERE account_id = ?", c.id)[0][0], 0)
        for m in modules[:2]:
            self.assertEqual(mark(self.admin, {"module": m, "reason": "修了証を確認"}).status, 201)
        self.assertEqual(mark(self.admin, {"module": modules[0], "reason": "again"}).status, 409)
        r = self.admin.api("POST", "/api/v1/certifications", {"expert_id": c.id, "level": "basic"})
        self.assertEqual(r.status, 409)
        cpd = c.get("/api/v1/cpd").json()["course"]
        self.assertEqual(cpd["roles"], [{"role": "responder", "complete": False, "missing": [modules[2]]}])
        self.assertEqual(mark(self.admin, {"module": modules[2], "reason": "修了証を確認"}).status, 201)
        # Without the code of ethics, still no.
        c.api("PUT", "/api/v1/experts/me", profile(display_name="認定 太郎", prefecture="40", ethics_accepted=False))
        r = self.admin.api("POST", "/api/v1/certifications", {"expert_id": c.id, "level": "basic"})
        self.assertEqual(r.json()["error"]["code"], "ethics_missing")
        self.assertEqual(certs(), 0)
        c.api("PUT", "/api/v1/experts/me", profile(display_name="認定 太郎", prefecture="40"))
        r = self.admin.api("POST", "/api/v1/certifications", {"expert_id": c.id, "level": "basic"})
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(certs(), 1)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM audit_log WHERE event = 'module_marked'"
                                      " AND account_id = ?", c.id)[0][0], 3)
        # The profile shows the course as far as the expert lets people see it.
        got = self.srv.client().get("/api/v1/experts/%d" % c.id).json()
        self.assertEqual(got["course"]["roles"][0]["complete"], True)
        c.api("PUT", "/api/v1/experts/me", profile(display_name="認定 太郎", prefecture="40",
                                                   visibility={"modules": "private"}))
        self.assertNotIn("course", self.srv.client().get("/api/v1/experts/%d" % c.id).json())
        self.assertIn("course", c.get("/api/v1/experts/%d" % c.id).json())

    def test_only_admins_issue(self):
        c = self.expert("cert2@example.jp")
        r = c.api("POST", "/api/v1/certifications", {"expert_id": c.id, "level": "advanced"})
        self.assertEqual(r.status, 403)
        r = self.admin.api("POST", "/api/v1/certifications", {"expert_id": 99999, "level": "basic"})
        self.assertEqual(r.status, 400)
        r = self.admin.api("POST", "/api/v1/certifications", {"expert_id": c.id, "level": "gold"})
        self.assertEqual(r.status, 400)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM certificates WHERE expert_id=?", c.id)[0][0], 0)

    def test_suspend_reinstate_revoke_are_audited(self):
        c = self.expert("cert3@example.jp")
        num = self.issue(c)["number"]
        self.assertEqual(self.admin.api("POST", "/api/v1/certifications/%s/suspend" % num,
                                        {}).status, 400)  # a reason is required
        r = self.admin.api("POST", "/api/v1/certifications/%s/suspend" % num, {"reason": "苦情を調査中"})
        self.assertEqual(r.json()["status"], "suspended")
        self.assertEqual(self.verify(num).json()["status"], "suspended")
        r = self.admin.api("POST", "/api/v1/certifications/%s/reinstate" % num, {"reason": "問題なし"})
        self.assertEqual(r.json()["status"], "valid")
        r = self.admin.api("POST", "/api/v1/certifications/%s/revoke" % num, {"reason": "倫理規程違反"})
        self.assertEqual(r.json()["status"], "revoked")
        r = self.admin.api("POST", "/api/v1/certifications/%s/reinstate" % num, {"reason": "x"})
        self.assertEqual(r.status, 409)
        self.assertEqual(c.api("POST", "/api/v1/certifications/%s/suspend" % num,
                               {"reason": "x"}).status, 403)
        events = [e for (e,) in self.srv.sql(
            "SELECT event FROM audit_log WHERE account_id=? AND event LIKE 'certificate_%' ORDER BY id", c.id)]
        self.assertEqual(events, ["certificate_issued", "certificate_suspended",
                                  "certificate_reinstated", "certificate_revoked"])

    def test_expiry_by_date_and_renewal_with_points(self):
        c = self.expert("cert4@example.jp")
        num = self.issue(c)["number"]
        self.srv.sql("UPDATE certificates SET expires_on = '2020-01-01' WHERE number = ?", num)
        soon = self.expert("soon@example.jp")
        soon_num = self.issue(soon)["number"]
        self.srv.sql("UPDATE certificates SET expires_on = date('now', '+10 days') WHERE number = ?",
                     soon_num)
        self.assertEqual(self.srv.stop(), 0)
        self.srv.start()  # the worker applies expiry at start, then every few minutes
        for _ in range(100):
            if self.verify(num).json()["status"] == "expired":
                break
            time.sleep(0.05)
        self.assertEqual(self.verify(num).json()["status"], "expired")
        # Holders are reminded once, 30 days before expiry.
        self.assertEqual(self.srv.sql("SELECT count(*) FROM notifications WHERE account_id = ?"
                                      " AND kind = 'cert_expiring'", soon.id)[0][0], 1)
        self.assertEqual(self.verify(soon_num).json()["status"], "valid")
        c.token = None
        c.login_api("cert4@example.jp", PW)
        r = c.api("POST", "/api/v1/certifications/%s/renew" % num)
        self.assertEqual(r.status, 409)
        self.assertEqual(r.json()["error"]["code"], "cpd_insufficient")
        self.assertEqual(r.json()["error"]["required"], 20)
        r = c.api("POST", "/api/v1/cpd", {"kind": "teaching", "hours": 10, "date": "2026-01-15",
                                          "note": "地域セミナー講師"})
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(r.json()["points"], 20)
        cpd = c.get("/api/v1/cpd").json()
        self.assertEqual(cpd["missing"], 0)
        r = c.api("POST", "/api/v1/certifications/%s/renew" % num)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["status"], "valid")
        self.assertGreater(r.json()["expires_on"], "2026-01-01")
        other = self.expert("cert5@example.jp")
        self.assertEqual(other.api("POST", "/api/v1/certifications/%s/renew" % num).status, 404)

    def test_admin_pages_suspend_and_hide(self):
        c = self.expert("cert7@example.jp")
        num = self.issue(c)["number"]
        admin = self.srv.client()
        admin.form("/login", {"email": "admin@example.jp", "password": PW})
        page = admin.get("/experts/%d" % c.id)
        self.assertIn("/admin/certificates/%s/suspend" % num, page.text)
        csrf = admin.csrf_token("/experts/%d" % c.id)
        self.assertEqual(admin.form("/admin/certificates/%s/suspend" % num, {}, csrf=csrf).status, 400)
        r = admin.form("/admin/certificates/%s/suspend" % num, {"reason": "調査"}, csrf=csrf)
        self.assertEqual(r.status, 303)
        self.assertEqual(self.verify(num).json()["status"], "suspended")
        r = admin.form("/admin/experts/%d/hide" % c.id, {"reason": "調査"}, csrf=csrf)
        self.assertEqual(r.status, 303)
        self.assertEqual(self.srv.client().get("/experts/%d" % c.id).status, 404)
        self.assertEqual(c.form("/admin/experts/%d/unhide" % c.id, {"reason": "x"}, csrf=None).status, 403)

    def test_cpd_bad_input(self):
        c = self.expert("cert6@example.jp")
        for body, field in [({"kind": "nap", "hours": 1, "date": "2026-01-01"}, "kind"),
                            ({"kind": "event", "hours": 0, "date": "2026-01-01"}, "hours"),
                            ({"kind": "event", "hours": "2", "date": "2026-01-01"}, "hours"),
                            ({"kind": "event", "hours": 2, "date": "2026-02-30"}, "date"),
                            ({"kind": "event", "hours": 2, "date": "2999-01-01"}, "date")]:
            r = c.api("POST", "/api/v1/cpd", body)
            self.assertEqual(r.status, 400, body)
            self.assertEqual(r.json()["error"]["field"], field)
        self.assertEqual(c.get("/api/v1/cpd").json()["activities"], [])


class CommunitiesAndPrivacy(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)

    def expert(self, email, **over):
        c = self.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": email, "password": PW, "consent": True,
                                               "display_name": "会員", "role": "expert",
                                               "prefecture": "01"})
        c.login_api(email, PW)
        c.api("PUT", "/api/v1/experts/me", profile(prefecture="01", **over))
        c.id = r.json()["id"]
        return c

    def test_communities_run_north_to_south(self):
        for name, pref in (("あいう沖縄ネット", "47"), ("わをん北海道会", "01"), ("かきく東京会", "13")):
            self.assertEqual(self.admin.api("POST", "/api/v1/communities", {
                "name": name, "type": "network", "prefectures": [pref]}).status, 201)
        names = [c["name"] for c in self.srv.client().get("/api/v1/communities").json()["communities"]]
        mine = [n for n in names if n in ("あいう沖縄ネット", "わをん北海道会", "かきく東京会")]
        self.assertEqual(mine, ["わをん北海道会", "かきく東京会", "あいう沖縄ネット"])

    def test_communities(self):
        r = self.admin.api("POST", "/api/v1/communities", {
            "name": "北海道セキュリティ勉強会", "type": "network", "prefectures": ["01"],
            "description": "札幌で毎月開催", "contact": "https://example.jp/"})
        self.assertEqual(r.status, 201, r.text)
        cid = r.json()["id"]
        self.assertEqual(self.admin.api("POST", "/api/v1/communities",
                                        {"name": "x", "type": "club", "prefectures": ["01"]}).status, 400)
        self.assertEqual(self.admin.api("POST", "/api/v1/communities",
                                        {"name": "x", "type": "other", "prefectures": []}).status, 400)
        e = self.expert("member@example.jp")
        self.assertEqual(e.api("POST", "/api/v1/communities", {"name": "y", "type": "other",
                                                               "prefectures": ["01"]}).status, 403)
        self.assertEqual(e.api("POST", "/api/v1/communities/%d/members" % cid).status, 201)
        self.assertEqual(e.api("POST", "/api/v1/communities/%d/members" % cid).status, 200)
        got = self.srv.client().get("/api/v1/communities?pref=01").json()["communities"]
        self.assertEqual([(g["name"], g["members"]) for g in got], [("北海道セキュリティ勉強会", 1)])
        self.assertEqual(self.srv.client().get("/api/v1/communities?pref=47").json()["communities"], [])
        self.assertEqual(self.srv.client().get("/api/v1/communities?type=police").json()["communities"], [])
        self.assertEqual(self.srv.client().get("/api/v1/communities?type=club").status, 400)
        # An industry association (業界団体) is a type of its own.
        r = self.admin.api("POST", "/api/v1/communities", {
            "name": "愛知工業会 情報セキュリティ部会", "type": "association", "prefectures": ["23"]})
        self.assertEqual(r.status, 201, r.text)
        got = self.srv.client().get("/api/v1/communities?type=association").json()["communities"]
        self.assertEqual([g["name"] for g in got], ["愛知工業会 情報セキュリティ部会"])
        self.assertIn("業界団体", self.srv.client().get("/communities/%d" % r.json()["id"]).text)
        self.assertEqual(e.request("DELETE", "/api/v1/communities/%d/members/me" % cid).status, 200)
        self.assertEqual(self.srv.client().get("/api/v1/communities/%d" % cid).json()["members"], 0)

    def test_a_community_has_its_own_page(self):
        cid = self.admin.api("POST", "/api/v1/communities", {
            "name": "函館セキュリティの会", "type": "network", "prefectures": ["02"],
            "description": "函館で隔月開催", "contact": "hakodate@example.jp"}).json()["id"]
        shown = self.expert("shown-member@example.jp", display_name="函館 公開")
        hidden = self.expert("hidden-member@example.jp", display_name="函館 非公開")
        for e in (shown, hidden):
            self.assertEqual(e.api("POST", "/api/v1/communities/%d/members" % cid).status, 201)
        self.assertEqual(self.admin.api("POST", "/api/v1/experts/%d/hide" % hidden.id,
                                        {"reason": "調査"}).status, 200)
        page = self.srv.client().get("/communities/%d" % cid)
        self.assertEqual(page.status, 200)
        self.assertIn("<title>函館セキュリティの会 |", page.text)
        self.assertIn("函館で隔月開催", page.text)
        self.assertIn("hakodate@example.jp", page.text)
        self.assertIn('href="/experts/%d"' % shown.id, page.text)
        self.assertNotIn("函館 非公開", page.text)                 # a hidden profile stays out
        listed = self.srv.client().get("/api/v1/communities/%d" % cid).json()["member_list"]
        self.assertEqual([m["id"] for m in listed], [shown.id])    # in the API too
        self.assertIn('href="/communities/%d"' % cid, self.srv.client().get("/communities").text)
        self.assertEqual(self.srv.client().get("/communities/999999").status, 404)
        self.assertEqual(self.srv.client().get("/communities/abc").status, 404)
        # An expert sees one button: join, then (a member) leave, back on the same page.
        web = self.srv.client()
        self.expert("joiner@example.jp")
        web.form("/login", {"email": "joiner@example.jp", "password": PW})
        before = web.get("/communities/%d" % cid).text
        self.assertIn("/communities/%d/join" % cid, before)
        self.assertNotIn("/communities/%d/leave" % cid, before)
        r = web.form("/communities/%d/join" % cid, {}, csrf=web.csrf_token("/communities/%d" % cid))
        self.assertEqual(r.header("Location"), "/communities/%d" % cid)
        after = web.get("/communities/%d" % cid).text
        self.assertIn("コミュニティに参加しました", after)
        self.assertIn("参加中", after)
        self.assertNotIn("/communities/%d/join" % cid, after)

    def test_a_short_complaint_comes_back_with_its_text(self):
        e = self.expert("accused2@example.jp")
        c = self.srv.client()
        c.api("POST", "/api/v1/accounts", {"email": "complainer2@example.jp", "password": PW,
                                           "display_name": "会社", "role": "sme", "prefecture": "01"})
        c.form("/login", {"email": "complainer2@example.jp", "password": PW})
        page = "/experts/%d" % e.id
        before = self.srv.sql("SELECT count(*) FROM complaints")[0][0]
        r = c.form(page + "/complaints", {"body": "短すぎる"}, csrf=c.csrf_token(page))
        self.assertEqual(r.status, 400)
        self.assertIn("短すぎる</textarea>", r.text)
        self.assertIn('<details class="card" open>', r.text)   # the form is open, on the profile
        body = r.text[r.text.index('for="body"'):]
        self.assertIn('class="field-error"', body[:600])
        self.assertEqual(self.srv.sql("SELECT count(*) FROM complaints")[0][0], before)

    def test_complaint_and_hide(self):
        e = self.expert("accused@example.jp")
        sme = self.srv.client()
        sme.api("POST", "/api/v1/accounts", {"email": "complainer@example.jp", "password": PW,
                                             "display_name": "会社", "role": "sme", "prefecture": "01"})
        sme.login_api("complainer@example.jp", PW)
        self.assertEqual(sme.api("POST", "/api/v1/experts/%d/complaints" % e.id,
                                 {"body": "短い"}).status, 400)
        r = sme.api("POST", "/api/v1/experts/%d/complaints" % e.id,
                    {"body": "相談の後に自社製品の購入を強く勧められました。"})
        self.assertEqual(r.status, 201)
        self.assertEqual(sme.get("/api/v1/complaints").status, 403)
        listed = self.admin.get("/api/v1/complaints?status=open").json()["complaints"]
        self.assertIn(r.json()["id"], [c["id"] for c in listed])
        self.assertEqual(self.admin.api("POST", "/api/v1/experts/%d/hide" % e.id,
                                        {"reason": "苦情の調査"}).status, 200)
        self.assertEqual(sme.get("/api/v1/experts/%d" % e.id).status, 404)
        self.assertEqual(self.admin.get("/api/v1/experts/%d" % e.id).status, 200)
        self.assertEqual(e.get("/api/v1/experts/%d" % e.id).status, 200)
        self.assertNotIn(e.id, [x["id"] for x in self.srv.client().get("/api/v1/experts?pref=01").json()["experts"]])
        r = self.admin.api("POST", "/api/v1/complaints/%d/resolve" % r.json()["id"],
                           {"status": "upheld", "resolution": "非公開とし、本人に注意"})
        self.assertEqual(r.status, 200)
        events = {ev for (ev,) in self.srv.sql("SELECT event FROM audit_log WHERE account_id=?", e.id)}
        self.assertTrue({"complaint_filed", "expert_hidden", "complaint_resolved"} <= events)

    def test_export_and_delete(self):
        e = self.expert("leaving@example.jp", bio="消える自己紹介")
        cid = self.admin.api("POST", "/api/v1/communities", {"name": "消える会", "type": "other",
                                                             "prefectures": ["01"]}).json()["id"]
        e.api("POST", "/api/v1/communities/%d/members" % cid)
        e.api("POST", "/api/v1/cpd", {"kind": "event", "hours": 2, "date": "2026-03-01"})
        data = e.get("/api/v1/me/export").json()
        self.assertEqual(data["account"]["email"], "leaving@example.jp")
        self.assertIn("consent_at", data["account"])
        self.assertEqual(data["expert"]["bio"], "消える自己紹介")
        self.assertEqual(len(data["cpd"]), 1)
        self.assertEqual([c["name"] for c in data["communities"]], ["消える会"])
        # Only with the password, as on the page; a wrong one deletes nothing.
        for body in (None, {"password": "not the password"}):
            r = e.api("DELETE", "/api/v1/me", body)
            self.assertEqual(r.status, 400, body)
            self.assertEqual(r.json()["error"]["field"], "password")
        self.assertEqual(e.get("/api/v1/me").status, 200)
        r = e.api("DELETE", "/api/v1/me", {"password": PW})
        self.assertEqual(r.status, 200)
        self.assertEqual(self.srv.client().get("/api/v1/experts/%d" % e.id).status, 404)
        self.assertEqual(e.get("/api/v1/me").status, 401)
        for table, col in [("accounts", "id"), ("experts", "account_id"), ("cpd_activities", "expert_id"),
                           ("community_members", "expert_id"), ("sessions", "account_id")]:
            self.assertEqual(self.srv.sql("SELECT count(*) FROM %s WHERE %s=?" % (table, col), e.id)[0][0],
                             0, table)
        rows = self.srv.sql("SELECT event, ip, detail FROM audit_log WHERE account_id=?", e.id)
        self.assertIn(("account_deleted", None, None), rows)
        self.assertTrue(all(ip is None and detail is None for _, ip, detail in rows))
        dump = "\n".join(str(r) for r in self.srv.sql("SELECT * FROM audit_log"))
        self.assertNotIn("leaving@example.jp", dump)
        self.assertEqual(self.srv.client().login_api("leaving@example.jp", PW).status, 401)


if __name__ == "__main__":
    kk.main("registry")
