"""Help desks and consultations: companies, desks, filing and routing, the
access matrix, matching through the API, assignment, incident offers with
escalation ring by ring (also across a restart), messages, closing, rating."""

import os
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "desk test password"
SLA = 2


class World:
    """Desks in Osaka (27) and Tokyo (13), experts around Osaka, companies."""

    def __init__(self, srv):
        self.srv = srv
        self.n = 0
        self.admin = self.user("admin")
        self.desk = self.user("desk")
        self.tokyo_desk = self.user("desk", "13")
        self.osaka = self.admin.api("POST", "/api/v1/desks", {"prefecture": "27", "name": "大阪 駆け込み寺"}).json()["id"]
        self.tokyo = self.admin.api("POST", "/api/v1/desks", {"prefecture": "13", "name": "東京 駆け込み寺"}).json()["id"]
        self.admin.api("POST", "/api/v1/desks/%d/operators" % self.osaka, {"account_id": self.desk.id})
        self.admin.api("POST", "/api/v1/desks/%d/operators" % self.tokyo, {"account_id": self.tokyo_desk.id})
        # On-call responders: Osaka (ring 0), Hyogo (ring 1), Wakayama (Kinki, not a
        # neighbour of Osaka? it is: so Shiga for ring 2), Tokyo remote (ring 3).
        self.e_osaka = self.expert("27", on_call=True)
        self.e_hyogo = self.expert("28", on_call=True)
        self.e_shiga = self.expert("25", on_call=True)
        self.e_tokyo = self.expert("13", on_call=True, remote=True)
        self.e_advice = self.expert("27", on_call=False, roles=["adviser"],
                                    skills=[{"code": "governance", "level": 3}])
        self.e_conflicted = self.expert("27", on_call=True, conflicts=["ＵＴＭ Ｂ社"])
        self.sme = self.company("27", vendors=["utm b社"])
        self.other_sme = self.company("27")

    def user(self, role, pref="27"):
        self.n += 1
        return self.srv.account("%s%d@example.jp" % (role, self.n), role, PW, pref,
                                "%s %d" % (role, self.n))

    def expert(self, pref, on_call, remote=False, roles=("responder",), skills=None, conflicts=()):
        c = self.user("expert", pref)
        r = c.api("PUT", "/api/v1/experts/me", {
            "display_name": "専門家 %d" % c.id, "prefecture": pref, "remote": remote,
            "skills": skills or [{"code": "incident_response", "level": 3}], "roles": list(roles),
            "modes": ["remote", "onsite"], "on_call": on_call, "ethics_accepted": True,
            "hours_per_week": 8, "conflicts": list(conflicts)})
        assert r.status in (200, 201), r.text
        return c

    def company(self, pref, vendors=()):
        c = self.user("sme", pref)
        r = c.api("PUT", "/api/v1/companies/me", {"name": "株式会社 %d" % c.id, "prefecture": pref,
                                                  "industry": "E", "employees": "6-20",
                                                  "vendors": list(vendors)})
        assert r.status in (200, 201), r.text
        return c


class Desks(kk.ServerCase):
    SERVER_ARGS = ["--incident-sla", str(SLA)]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.w = World(cls.srv)

    def file(self, company, **body):
        b = {"kind": "advice", "description": "社内のパソコンの対策を相談したい", "topics": ["incident_response"]}
        b.update(body)
        r = company.api("POST", "/api/v1/requests", b)
        self.assertEqual(r.status, 201, r.text)
        return r.json()

    def test_desk_operators_are_listed_to_admins_only(self):
        public = self.srv.client().get("/api/v1/desks").json()["desks"]
        self.assertTrue(public)
        self.assertNotIn("operators", public[0])  # who staffs a desk is not anyone's business
        self.assertNotIn("operators", self.w.sme.get("/api/v1/desks").json()["desks"][0])
        admin = {d["id"]: d for d in self.w.admin.get("/api/v1/desks").json()["desks"]}
        self.assertIn(self.w.desk.id, admin[self.w.osaka]["operators"])

    def test_company_profile_validation(self):
        c = self.w.user("sme")
        for body, field in [({"name": "", "prefecture": "27", "industry": "E", "employees": "1-5"}, "name"),
                            ({"name": "x", "prefecture": "27", "industry": "Z", "employees": "1-5"}, "industry"),
                            ({"name": "x", "prefecture": "27", "industry": "E", "employees": "7"}, "employees"),
                            ({"name": "x", "prefecture": "27", "industry": "E", "employees": "1-5",
                              "vendors": "A社"}, "vendors")]:
            r = c.api("PUT", "/api/v1/companies/me", body)
            self.assertEqual(r.status, 400, body)
            self.assertEqual(r.json()["error"]["field"], field)
        self.assertEqual(c.get("/api/v1/companies/me").status, 404)
        self.assertEqual(c.api("POST", "/api/v1/requests", {"kind": "advice", "description": "x"}).status, 409)
        self.assertEqual(self.w.e_osaka.api("PUT", "/api/v1/companies/me", {}).status, 403)

    def test_routing_and_block_fallback(self):
        self.assertEqual(self.file(self.w.sme)["desk_id"], self.w.osaka)
        nara = self.w.company("29")  # no desk in Nara: a desk of the Kinki block
        self.assertEqual(self.file(nara)["desk_id"], self.w.osaka)
        okinawa = self.w.company("47")  # Kyushu-Okinawa has no desk at all
        self.assertIsNone(self.file(okinawa)["desk_id"])

    def test_bad_requests_write_nothing(self):
        before = self.srv.sql("SELECT count(*) FROM requests")[0][0]
        for body, field in [({"kind": "gossip", "description": "x"}, "kind"),
                            ({"kind": "advice", "description": ""}, "description"),
                            ({"kind": "advice", "description": "x", "topics": ["cooking"]}, "topics"),
                            ({"kind": "advice", "description": "x", "roles": ["king"]}, "roles"),
                            ({"kind": "advice", "description": "x", "mode": "teleport"}, "mode"),
                            ({"kind": "advice", "description": "x", "urgency": "yesterday"}, "urgency")]:
            r = self.w.sme.api("POST", "/api/v1/requests", body)
            self.assertEqual(r.status, 400, body)
            self.assertEqual(r.json()["error"]["field"], field)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM requests")[0][0], before)

    def test_access_matrix(self):
        rid = self.file(self.w.sme, description="秘密の相談内容")["id"]
        path = "/api/v1/requests/%d" % rid
        for c in (self.w.sme, self.w.desk, self.w.admin):
            r = c.get(path)
            self.assertEqual(r.status, 200)
            self.assertEqual(r.json()["description"], "秘密の相談内容")
        for c in (self.w.other_sme, self.w.tokyo_desk, self.w.e_osaka):
            self.assertEqual(c.get(path).status, 404)
        self.assertEqual(self.srv.client().get(path).status, 401)
        self.assertNotIn(rid, [q["id"] for q in self.w.other_sme.get("/api/v1/requests").json()["requests"]])
        self.assertIn(rid, [q["id"] for q in self.w.desk.get("/api/v1/requests").json()["requests"]])
        self.assertNotIn(rid, [q["id"] for q in self.w.tokyo_desk.get("/api/v1/requests").json()["requests"]])
        for c in (self.w.sme, self.w.e_osaka, self.w.tokyo_desk):
            self.assertIn(c.get(path + "/matches").status, (403, 404))
            self.assertIn(c.api("POST", path + "/assign", {"expert_ids": [self.w.e_osaka.id]}).status, (403, 404))

    def test_desk_pages_edit_roles_and_show_the_allowance(self):
        rid = self.file(self.w.sme, description="<script>alert(1)</script>")["id"]
        page = "/requests/%d" % rid
        desk = self.srv.client()
        desk.form("/login", {"email": self.w.desk.email, "password": PW})
        html = desk.get(page)
        self.assertEqual(html.status, 200)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html.text)
        self.assertIn("無料相談枠", html.text)
        self.assertIn("ol class=\"candidates\"", html.text)
        csrf = desk.csrf_token(page)
        body = "roles=adviser&roles=trainer&urgency=high&csrf=" + csrf
        r = desk.form(page + "/edit", {}, raw=body.encode())
        self.assertEqual(r.status, 303)
        got = self.w.desk.get("/api/v1/requests/%d" % rid).json()
        self.assertEqual(got["roles"], ["adviser", "trainer"])
        self.assertEqual(got["urgency"], "high")
        other = self.srv.client()
        other.form("/login", {"email": self.w.other_sme.email, "password": PW})
        self.assertEqual(other.get(page).status, 404)
        self.assertEqual(other.form(page + "/messages", {"body": "x"}, csrf=other.csrf_token("/requests")).status, 404)

    def test_a_request_can_ask_for_an_expert_from_the_qa(self):
        page = self.w.sme.get("/requests/new?expert=%d&topic=backup" % self.w.e_osaka.id)
        self.assertEqual(page.status, 200)
        self.assertIn('name="expert_id"', page.text)
        self.assertIn('value="backup" checked', page.text)
        rid = self.file(self.w.sme, expert_id=self.w.e_osaka.id)["id"]
        events = self.w.desk.get("/api/v1/requests/%d" % rid).json()["timeline"]
        asked = [e for e in events if e["event"] == "expert_requested"]
        self.assertEqual(len(asked), 1)
        self.assertIn(str(self.w.e_osaka.id), asked[0]["detail"])

    def test_transfer_moves_the_request_to_the_other_desk(self):
        rid = self.file(self.w.sme)["id"]
        path = "/api/v1/requests/%d" % rid
        self.assertEqual(self.w.desk.api("POST", path + "/transfer", {"prefecture": "13"}).status, 400)
        same = self.w.desk.api("POST", path + "/transfer", {"prefecture": "27", "note": "自分の県"})
        self.assertEqual((same.status, same.json()["error"]["reason"]), (400, "same_desk"))
        r = self.w.desk.api("POST", path + "/transfer", {"prefecture": "13", "note": "東京の本社が対応"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["desk_id"], self.w.tokyo)
        self.assertIn(rid, [q["id"] for q in self.w.tokyo_desk.get("/api/v1/requests").json()["requests"]])
        self.assertEqual(self.w.desk.get(path).status, 404)
        moved = self.w.tokyo_desk.get(path).json()
        self.assertEqual(moved["timeline"][-1]["event"], "transferred")
        self.assertIn("東京の本社が対応", moved["timeline"][-1]["detail"])  # the desks read the note
        # The desks' note stays with the desks: the company sees the move, not the note,
        # on the API as on the page.
        mine = self.w.sme.get(path).json()["timeline"][-1]
        self.assertEqual(mine["event"], "transferred")
        self.assertNotIn("東京の本社が対応", mine.get("detail", ""))
        self.assertEqual(moved["prefecture"], "13")          # the company's list names Tokyo now
        self.assertEqual(self.srv.sql("SELECT count(*) FROM notifications WHERE account_id = ? "
                                      "AND kind = 'request_moved'", self.w.sme.id)[0][0], 1)

    def test_matches_assign_message_close_rate(self):
        rid = self.file(self.w.sme, topics=["incident_response"], roles=["adviser"])["id"]
        path = "/api/v1/requests/%d" % rid
        m = self.w.desk.get(path + "/matches").json()
        ids = [c["expert_id"] for c in m["candidates"]]
        self.assertNotIn(self.w.e_conflicted.id, ids)           # vendor conflict
        self.assertLess(ids.index(self.w.e_hyogo.id), ids.index(self.w.e_shiga.id))  # nearer first
        first = m["candidates"][0]
        self.assertTrue(any("Lv3" in x for x in first["reasons"]))
        # Nobody is both responder-skilled and an adviser: teams of two.
        self.assertTrue(m["teams"])
        self.assertEqual(len(m["teams"][0]["members"]), 2)
        covered = set()
        for mem in m["teams"][0]["members"]:
            covered |= set(mem["covers"])
        self.assertEqual(covered, {"incident_response", "adviser"})
        team = [mem["expert_id"] for mem in m["teams"][0]["members"]]
        r = self.w.desk.api("POST", path + "/assign", {"expert_ids": team})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["status"], "assigned")
        self.assertEqual(self.w.desk.api("POST", path + "/assign", {"expert_ids": [999999]}).status, 400)
        member = self.w.e_advice if self.w.e_advice.id in team else self.w.e_osaka
        self.assertEqual(member.get(path).status, 200)
        r = member.api("POST", path + "/messages", {"body": "担当します。まず状況を教えてください。"})
        self.assertEqual(r.status, 201)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM notifications WHERE account_id = ? AND kind = 'request_message'",
                                      self.w.sme.id)[0][0] >= 1, True)
        self.assertEqual(self.w.sme.api("POST", path + "/rating", {"stars": 5}).status, 409)
        self.assertEqual(member.api("POST", path + "/close", {"report": "対応完了", "hours": -1}).status, 400)
        r = member.api("POST", path + "/close", {"report": "ウイルス対策を整理し、手順書を渡した", "hours": 2.5})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(member.api("POST", path + "/close", {"report": "again", "hours": 1}).status, 409)
        self.assertEqual(self.w.sme.api("POST", path + "/rating", {"stars": 6}).status, 400)
        self.assertEqual(self.w.sme.api("POST", path + "/rating", {"stars": 4, "comment": "丁寧でした"}).status, 201)
        self.assertEqual(self.w.sme.api("POST", path + "/rating", {"stars": 1}).status, 409)
        got = self.w.desk.get(path).json()
        self.assertEqual(got["status"], "closed")
        self.assertGreaterEqual(got["allowance"]["used_hours"], 2.5)
        self.assertEqual(got["allowance"]["free_hours"], 10)
        events = [e["event"] for e in got["timeline"]]
        for ev in ("filed", "routed", "assigned", "closed", "rated"):
            self.assertIn(ev, events)

    def test_incident_guidance_offers_and_first_accept_wins(self):
        j = self.file(self.w.sme, kind="incident", description="ランサムウェアに感染した")
        self.assertIn("#9110", " ".join(j["guidance"]))
        rid = j["id"]
        path = "/api/v1/requests/%d" % rid
        got = self.w.sme.get(path).json()
        self.assertEqual(got["status"], "offered")
        self.assertEqual(got["ring"], 0)
        # The Osaka responder was offered it and sees only what is needed to decide.
        offer = self.w.e_osaka.get(path)
        self.assertEqual(offer.status, 200)
        self.assertNotIn("description", offer.json())
        self.assertEqual(offer.json()["company"], {"industry": "E", "employees": "6-20"})
        self.assertEqual(self.w.e_conflicted.get(path).status, 404)   # never offered: conflict
        self.assertEqual(self.w.e_hyogo.get(path).status, 404)        # ring 1 not yet
        self.assertEqual(self.w.e_hyogo.api("POST", path + "/accept").status, 404)
        r = self.w.e_osaka.api("POST", path + "/accept")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["status"], "assigned")
        self.assertEqual(self.w.e_osaka.api("POST", path + "/accept").status, 409)
        self.assertGreaterEqual(self.srv.sql("SELECT count(*) FROM audit_log WHERE event = 'incident_viewed'")[0][0], 1)

    def test_escalation_ring_by_ring_and_across_a_restart(self):
        rid = self.file(self.w.sme, kind="incident", description="不正アクセスの疑い")["id"]
        path = "/api/v1/requests/%d" % rid

        def ring_reached(n, limit=SLA * 4):
            deadline = time.time() + limit
            while time.time() < deadline:
                if self.w.desk.get(path).json()["ring"] >= n:
                    return True
                time.sleep(0.2)
            return False

        self.assertTrue(ring_reached(1))
        self.assertEqual(self.w.e_hyogo.get(path).status, 200)
        # Restart in the middle of the next SLA: the stored deadline carries on.
        self.assertEqual(self.srv.stop(), 0)
        self.srv.start()
        self.assertTrue(ring_reached(2))
        self.assertEqual(self.w.e_shiga.get(path).status, 200)
        self.assertTrue(ring_reached(3))
        self.assertEqual(self.w.e_tokyo.get(path).status, 200)
        got = self.w.desk.get(path).json()
        rings = [e["detail"] for e in got["timeline"] if e["event"] in ("offered", "escalated")]
        self.assertEqual([d.split(":")[0] for d in rings], ["ring 0", "ring 1", "ring 2", "ring 3"])
        self.assertGreaterEqual(self.srv.sql(
            "SELECT count(*) FROM notifications WHERE account_id = ? AND kind = 'incident_escalated'",
            self.w.desk.id)[0][0], 3)
        r = self.w.e_tokyo.api("POST", path + "/accept")
        self.assertEqual(r.status, 200)
        self.assertEqual(self.w.e_hyogo.api("POST", path + "/accept").status, 409)
        # Opening it again says it was taken, not that it never existed.
        taken = self.w.e_hyogo.get(path)
        self.assertEqual(taken.status, 409)
        self.assertEqual(taken.json()["error"]["code"], "offer_taken")
        self.assertEqual(self.w.other_sme.get(path).status, 404)  # a stranger learns nothing


class Forms(kk.ServerCase):
    """The request forms in the browser: a bad value brings the page back with what was
    typed and the message beside the field; nothing is written."""
    SERVER_ARGS = ["--incident-sla", "3600"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.w = World(cls.srv)

    def web(self, api_client):
        c = self.srv.client()
        c.form("/login", {"email": api_client.email, "password": PW})
        return c

    def post(self, c, path, fields):
        fields = list(fields) + [("csrf", c.csrf_token())]  # one token per session
        return c.request("POST", path, body=urllib.parse.urlencode(fields).encode(),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})

    def count(self, table):
        return self.srv.sql("SELECT count(*) FROM %s" % table)[0][0]

    def test_new_request_keeps_kind_topics_urgency_and_text(self):
        c = self.web(self.w.sme)
        before = self.count("requests")
        long_text = "被害の状況です。" * 600  # over 4,000 characters
        r = self.post(c, "/requests/new", [("kind", "incident"), ("description", long_text),
                                          ("topics", "ransomware"), ("topics", "backup"),
                                          ("mode", "onsite"), ("urgency", "normal")])
        self.assertEqual(r.status, 400)
        page = r.text
        self.assertRegex(page, r'name="kind" value="incident" checked')
        self.assertRegex(page, r'name="topics" value="ransomware" checked')
        self.assertRegex(page, r'name="topics" value="backup" checked')
        self.assertNotRegex(page, r'name="topics" value="phishing_training" checked')
        self.assertRegex(page, r'name="mode" value="onsite" checked')
        self.assertRegex(page, r'name="urgency" value="normal" checked')
        self.assertIn(long_text, page)
        desc = page[page.index('for="description"'):]
        self.assertIn('class="field-error"', desc[:600])
        self.assertEqual(self.count("requests"), before)

    def test_an_incident_is_urgent_by_default(self):
        page = self.web(self.w.sme).get("/requests/new?kind=incident").text
        self.assertRegex(page, r'name="urgency" value="high" checked')
        self.assertRegex(page, r'name="kind" value="incident" checked')

    def test_message_and_rating_errors_keep_the_page(self):
        rid = self.w.sme.api("POST", "/api/v1/requests", {"kind": "advice", "description": "相談です",
                                                          "topics": ["awareness"]}).json()["id"]
        path = "/requests/%d" % rid
        c = self.web(self.w.sme)
        before = self.count("request_messages")
        long_body = "詳しく書きます。" * 600
        r = self.post(c, path + "/messages", [("body", long_body)])
        self.assertEqual(r.status, 400)
        self.assertIn(long_body, r.text)
        self.assertIn("#%d" % rid, r.text)  # the request's page, not a bare error page
        body = r.text[r.text.index('for="body"'):]
        self.assertIn('class="field-error"', body[:600])
        self.assertEqual(self.count("request_messages"), before)
        # Rating before the request is closed: the page says why, and stays the page.
        r = self.post(c, path + "/rating", [("stars", "4"), ("comment", "ありがとう")])
        self.assertEqual(r.status, 409)
        self.assertIn("#%d" % rid, r.text)
        self.assertIn("相談が終了してから評価してください", r.text)

    def test_the_timeline_speaks_in_words(self):
        rid = self.w.sme.api("POST", "/api/v1/requests", {"kind": "advice", "description": "相談です",
                                                          "topics": ["governance"]}).json()["id"]
        path = "/requests/%d" % rid
        desk = self.web(self.w.desk)
        assign = 'name="expert_ids" value="%d"' % self.w.e_advice.id
        self.assertIn(assign, desk.get(path).text)          # a candidate before
        self.assertEqual(self.w.desk.api("POST", "/api/v1%s/assign" % path,
                                         {"expert_ids": [self.w.e_advice.id]}).status, 200)
        self.assertNotIn(assign, desk.get(path).text)       # on the case: not offered again
        self.assertEqual(self.w.desk.api("POST", "/api/v1%s/transfer" % path,
                                         {"prefecture": "13", "note": "社内メモ: 東京の方が早い"}).status, 200)
        company = self.web(self.w.sme).get(path).text
        timeline = company[company.index('class="timeline"'):]
        self.assertIn("受付（事前の相談）", timeline)
        self.assertIn("大阪 駆け込み寺に振り分け", timeline)
        self.assertIn("専門家 %dさんを担当に決定" % self.w.e_advice.id, timeline)
        self.assertIn("東京 駆け込み寺へ移管", timeline)
        self.assertNotIn("社内メモ", company)                 # the desk's note stays internal
        self.assertNotRegex(timeline, r"expert \d|desk \d|ring \d")
        tokyo = self.web(self.w.tokyo_desk).get(path).text
        self.assertIn("社内メモ: 東京の方が早い", tokyo)


    def test_closing_report_and_rating_are_shown_once_given(self):
        j = self.w.sme.api("POST", "/api/v1/requests", {"kind": "incident", "description": "不審なログイン",
                                                        "topics": ["incident_response"]}).json()
        path = "/requests/%d" % j["id"]
        self.assertEqual(self.w.desk.api("POST", "/api/v1%s/assign" % path,
                                         {"expert_ids": [self.w.e_osaka.id]}).status, 200)
        company = self.web(self.w.sme)
        self.assertIn('class="card urgent guidance"', company.get(path).text)  # while it is open
        r = self.w.e_osaka.api("POST", "/api/v1%s/close" % path,
                               {"report": "パスワードを変更し、多要素認証を設定しました。", "hours": 2.5})
        self.assertEqual(r.status, 200, r.text)
        page = company.get(path).text
        self.assertIn("パスワードを変更し、多要素認証を設定しました。", page)   # the report, to the company
        self.assertIn("対応時間: 2.5 時間", page)
        self.assertNotIn('class="card urgent guidance"', page)   # a closed incident needs no first aid
        self.assertIn('action="%s/rating"' % path, page)
        self.assertIn("パスワードを変更し", self.web(self.w.desk).get(path).text)
        r = self.post(company, path + "/rating", [("stars", "4"), ("comment", "迅速でした")])
        self.assertEqual(r.status, 303)
        page = company.get(path).text
        self.assertIn("いただいた評価", page)
        self.assertIn("★★★★", page)
        self.assertIn("迅速でした", page)
        self.assertNotIn('action="%s/rating"' % path, page)      # the empty form is gone
        # The company was told of the closing: counted in the header until it reads them.
        self.assertRegex(company.get("/requests").text, r'class="badge unread" aria-label="未読のお知らせ \d+ 件"')
        company.get("/account")
        self.assertNotIn('class="badge unread"', company.get("/requests").text)
        # A second rating (an old tab): the page says it was rated already, not a dead end.
        r = self.post(company, path + "/rating", [("stars", "1")])
        self.assertEqual(r.status, 409)
        self.assertIn("この相談はすでに評価済みです", r.text)
        self.assertIn("いただいた評価", r.text)


    def test_who_the_customer_is_as_access_allows(self):
        j = self.w.sme.api("POST", "/api/v1/requests", {"kind": "incident", "description": "画面に警告が出る",
                                                        "topics": ["incident_response"]}).json()
        path = "/requests/%d" % j["id"]
        name = self.w.sme.get("/api/v1/companies/me").json()["name"]
        desk = self.web(self.w.desk).get(path).text
        for seen in (name, "E 製造業", "6-20 人", "utm b社", self.w.sme.email):
            self.assertIn(seen, desk)
        offered = self.web(self.w.e_osaka).get(path).text      # enough to decide, not who
        self.assertIn("大阪府", offered[offered.index('class="card company"'):])
        self.assertIn("E 製造業", offered)
        self.assertNotIn(name, offered)
        self.assertNotIn(self.w.sme.email, offered)
        self.assertEqual(self.w.e_osaka.api("POST", "/api/v1%s/accept" % path).status, 200)
        accepted = self.web(self.w.e_osaka).get(path).text     # on the case: the contact too
        self.assertIn(name, accepted)
        self.assertIn('href="mailto:%s"' % self.w.sme.email, accepted)


    def test_the_desk_queue_shows_customer_assignee_age_and_time_left(self):
        j = self.w.sme.api("POST", "/api/v1/requests", {"kind": "incident", "description": "不審なメール",
                                                        "topics": ["incident_response"]}).json()
        name = self.w.sme.get("/api/v1/companies/me").json()["name"]
        queue = self.web(self.w.desk).get("/requests").text
        card = queue[queue.index('href="/requests/%d"' % j["id"]):]
        card = card[:card.index("</li>")]
        self.assertIn(name, card)
        self.assertIn("E 製造業", card)
        self.assertIn("担当未定", card)
        self.assertRegex(card, r"(\d+ 分前|たった今)")
        self.assertRegex(card, r"あと \d+ 分で打診範囲を拡大")
        # The company's own list does not show the desk's details.
        self.assertNotIn("打診範囲を拡大", self.web(self.w.sme).get("/requests").text)

    def test_the_desk_searches_and_orders_its_queue(self):
        def file(text):
            return self.w.sme.api("POST", "/api/v1/requests", {"kind": "advice", "description": text,
                                                               "topics": ["governance"]}).json()["id"]
        older = file("倉庫の無線LANが遅い件について")
        newer = file("経理のパソコンにウイルス警告が出た件")
        self.srv.sql("UPDATE requests SET created_at = created_at - 3600 WHERE id = ?", older)
        desk = self.web(self.w.desk)
        def order(query):
            page = desk.get("/requests" + query).text
            return [int(x) for x in re.findall(r'<h2><a href="/requests/(\d+)"', page)]
        found = order("?q=" + urllib.parse.quote("無線LAN"))
        self.assertIn(older, found)
        self.assertNotIn(newer, found)
        self.assertEqual(order("?q=%%23%d" % newer), [newer])            # by number
        name = self.w.sme.get("/api/v1/companies/me").json()["name"]
        self.assertIn(newer, order("?q=" + urllib.parse.quote(name)))     # by company
        new_first, old_first = order("?sort=new"), order("?sort=old")
        self.assertLess(new_first.index(newer), new_first.index(older))
        self.assertLess(old_first.index(older), old_first.index(newer))
        page = desk.get("/requests?q=" + urllib.parse.quote("無線LAN") + "&sort=old").text
        self.assertIn('value="無線LAN"', page)                            # kept in the form
        self.assertIn('<option value="old" selected>', page)
        self.assertIn("該当する相談はありません", desk.get("/requests?q=zzzz").text)
        # A company has no such tools, and cannot reach other companies' requests through them.
        self.assertNotIn('name="sort"', self.web(self.w.sme).get("/requests").text)


if __name__ == "__main__":
    kk.main("desks")
