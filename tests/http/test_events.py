"""Learning and events against a real server: who may hold an event, bad input
(400 naming the field, nothing written), fifty registrations at once for ten
places (exactly ten get one), the waiting list moving up, cancelling an event
(everyone told), attendance turning into verified CPD that renewal counts, the
iCalendar feeds read by a real parser (python3-icalendar), the list nearest
first, events held on the regional dashboard, and the pages."""

import concurrent.futures
import csv
import io
import os
import re
import sqlite3
import sys
import time
import urllib.parse

import icalendar

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "events test password"
HOUR = 3600
DAY = 86400


def iso(t):
    """Japan time with its offset, as the API takes it."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+09:00", time.gmtime(t + 9 * HOUR))


class Events(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)
        cls.now = int(time.time())
        r = cls.admin.api("POST", "/api/v1/communities", {
            "name": "福岡セキュリティ勉強会", "type": "network", "prefectures": ["40"]})
        assert r.status == 201, r.text
        cls.community = r.json()["id"]
        cls.organiser = cls.expert("organiser@example.jp", "40")
        assert cls.organiser.api("POST", "/api/v1/communities/%d/members" % cls.community).status == 201

    @classmethod
    def expert(cls, email, pref, name=None):
        c = cls.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": email, "password": PW,
                                                "display_name": name or email.split("@")[0],
                                                "role": "expert", "prefecture": pref})
        assert r.status == 201, r.text
        c.login_api(email, PW)
        r = c.api("PUT", "/api/v1/experts/me", {
            "display_name": name or email.split("@")[0], "prefecture": pref,
            "skills": [{"code": "backup", "level": 2}], "roles": ["trainer"], "modes": ["remote"],
            "ethics_accepted": True})
        assert r.status in (200, 201), r.text
        c.id = c.api("GET", "/api/v1/me").json()["id"]
        return c

    def company(self, email, pref="40"):
        c = self.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": email, "password": PW, "display_name": "社長",
                                                "role": "sme", "prefecture": pref})
        self.assertEqual(r.status, 201, r.text)
        c.login_api(email, PW)
        c.id = c.api("GET", "/api/v1/me").json()["id"]
        return c

    def event(self, client=None, **over):
        body = {"title": "中小企業のためのバックアップ勉強会", "kind": "study", "audience": "everyone",
                "starts_at": iso(self.now + 10 * DAY), "ends_at": iso(self.now + 10 * DAY + 2 * HOUR),
                "prefecture": "40", "venue": "博多駅前会議室", "online": False, "capacity": 20,
                "cpd_points": 3, "skills": ["backup"], "description": "持ち物: ノート PC"}
        body.update(over)
        return (client or self.admin).api("POST", "/api/v1/events", body)

    def count(self, table="events"):
        return self.srv.sql("SELECT count(*) FROM %s" % table)[0][0]

    def test_bad_input_names_the_field_and_writes_nothing(self):
        before = self.count()
        for over, field in [
            ({"ends_at": iso(self.now + 9 * DAY)}, "ends_at"),              # end before start
            ({"capacity": -1}, "capacity"),
            ({"capacity": 0}, "capacity"),
            ({"prefecture": "48"}, "prefecture"),
            ({"starts_at": iso(self.now - DAY)}, "starts_at"),              # in the past
            ({"starts_at": "来週の火曜"}, "starts_at"),
            ({"venue": "", "online": False}, "venue"),                      # nowhere to go
            ({"kind": "party"}, "kind"),
            ({"skills": ["cooking"]}, "skills"),
            ({"title": ""}, "title"),
            ({"cpd_points": 99}, "cpd_points"),
            ({"community_id": 999999}, "community_id"),
        ]:
            r = self.event(**over)
            self.assertEqual(r.status, 400, (over, r.text))
            self.assertEqual(r.json()["error"]["field"], field, over)
        self.assertEqual(self.count(), before)
        # Online only needs no venue.
        self.assertEqual(self.event(venue="", online=True).status, 201)

    def test_only_organisers_hold_and_run_events(self):
        stranger = self.expert("stranger@example.jp", "40")
        before = self.count()
        r = self.event(stranger, community_id=self.community)
        self.assertEqual(r.status, 403, r.text)
        self.assertEqual(self.event(stranger).status, 403)  # the platform's: admins only
        self.assertEqual(self.count(), before)
        # An admin marks the member an organiser; now it may hold the community's events.
        r = self.admin.api("POST", "/api/v1/communities/%d/organisers" % self.community,
                           {"expert_id": self.organiser.id})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM audit_log WHERE event = 'organiser_added'")[0][0], 1)
        r = self.event(self.organiser, community_id=self.community, title="CTF 入門")
        self.assertEqual(r.status, 201, r.text)
        eid = r.json()["id"]
        got = self.srv.client().get("/api/v1/events/%d" % eid).json()
        self.assertEqual(got["community"], "福岡セキュリティ勉強会")
        self.assertFalse(got["organiser"])
        self.assertTrue(self.organiser.get("/api/v1/events/%d" % eid).json()["organiser"])
        # Someone else may not edit, cancel, see the list or mark attendance.
        changed = dict(got, capacity=5, title="乗っ取り")
        for m, p, body in [("PUT", "", changed), ("POST", "/cancel", None),
                           ("GET", "/registrations", None), ("POST", "/attendance", {"account_ids": []})]:
            self.assertEqual(stranger.api(m, "/api/v1/events/%d%s" % (eid, p), body).status, 403, p)
        self.assertEqual(self.srv.sql("SELECT title, status FROM events WHERE id = ?", eid)[0],
                         ("CTF 入門", "scheduled"))
        r = self.organiser.api("PUT", "/api/v1/events/%d" % eid, dict(got, title="CTF 入門 (改)"))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["title"], "CTF 入門 (改)")

    def test_fifty_at_once_for_ten_places(self):
        eid = self.event(capacity=10, title="満席になる演習", kind="exercise").json()["id"]
        people = [self.company("rush%d@example.jp" % i) for i in range(50)]

        def register(c):
            return c.api("POST", "/api/v1/events/%d/registrations" % eid).json()["status"]
        with concurrent.futures.ThreadPoolExecutor(max_workers=25) as pool:
            got = list(pool.map(register, people))
        self.assertEqual(got.count("registered"), 10)
        self.assertEqual(got.count("waitlisted"), 40)
        rows = dict(self.srv.sql("SELECT status, count(*) FROM event_registrations WHERE event_id = ?"
                                 " GROUP BY 1", eid))
        self.assertEqual(rows, {"registered": 10, "waitlisted": 40})
        ev = self.srv.client().get("/api/v1/events/%d" % eid).json()
        self.assertEqual((ev["registered"], ev["waiting"], ev["places_left"]), (10, 40, 0))
        # Registering again changes nothing.
        again = people[0].api("POST", "/api/v1/events/%d/registrations" % eid)
        self.assertEqual(again.status, 200)
        # One with a place cancels: the first on the waiting list (by arrival) moves up, is told.
        first_waiting = self.srv.sql("SELECT account_id FROM event_registrations WHERE event_id = ?"
                                     " AND status = 'waitlisted' ORDER BY seq LIMIT 1", eid)[0][0]
        holder = next(c for c, s in zip(people, got) if s == "registered")
        r = holder.request("DELETE", "/api/v1/events/%d/registrations/me" % eid)
        self.assertEqual(r.status, 200, r.text)
        self.assertTrue(r.json()["waiting_list_moved"])
        self.assertEqual(self.srv.sql("SELECT status FROM event_registrations WHERE event_id = ?"
                                      " AND account_id = ?", eid, first_waiting)[0][0], "registered")
        self.assertEqual(self.srv.sql("SELECT count(*) FROM notifications WHERE account_id = ?"
                                      " AND kind = 'event_promoted'", first_waiting)[0][0], 1)
        mover = next(c for c in people if c.id == first_waiting)
        self.assertEqual(mover.get("/api/v1/events/%d" % eid).json()["registration"]["status"], "registered")
        second = next(c for c, s in zip(people, got) if s == "waitlisted" and c.id != first_waiting)
        pos = second.get("/api/v1/events/%d" % eid).json()["registration"]["position"]
        self.assertTrue(1 <= pos <= 39)
        self.assertEqual(holder.request("DELETE", "/api/v1/events/%d/registrations/me" % eid).status, 404)
        # The capacity cannot go below the places taken; raising it moves the list up.
        ev = self.admin.get("/api/v1/events/%d" % eid).json()
        r = self.admin.api("PUT", "/api/v1/events/%d" % eid, dict(ev, capacity=5))
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["field"], "capacity")
        r = self.admin.api("PUT", "/api/v1/events/%d" % eid, dict(ev, capacity=13))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual((r.json()["registered"], r.json()["waiting"]), (13, 36))
        # The organiser's CSV: a byte-order mark, every one in order, no e-mail addresses.
        c = self.srv.client()
        self.assertEqual(c.form("/login", {"email": "admin@example.jp", "password": PW}).status, 303)
        r = c.get("/events/%d/registrants.csv" % eid)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(r.body[3:].decode("utf-8"), newline="")))
        self.assertEqual(rows[0], ["order", "display_name", "role", "status", "attended", "registered_at"])
        self.assertEqual(len(rows) - 1, 49)
        self.assertNotIn(b"@example.jp", r.body)
        self.assertEqual(people[3].get("/events/%d/registrants.csv" % eid).status, 403)

    def test_cancelling_tells_everyone(self):
        eid = self.event(capacity=1, title="中止になる講座", kind="course").json()["id"]
        a, b = self.company("cancel-a@example.jp"), self.company("cancel-b@example.jp")
        for c in (a, b):
            c.api("POST", "/api/v1/events/%d/registrations" % eid)
        mails = self.count("outbox")
        r = self.admin.api("POST", "/api/v1/events/%d/cancel" % eid)
        self.assertEqual(r.status, 200, r.text)
        for c in (a, b):
            self.assertEqual(self.srv.sql("SELECT count(*) FROM notifications WHERE account_id = ?"
                                          " AND kind = 'event_cancelled'", c.id)[0][0], 1)
        self.assertEqual(self.count("outbox"), mails + 2)
        self.assertEqual(self.admin.api("POST", "/api/v1/events/%d/cancel" % eid).status, 409)
        r = self.company("late@example.jp").api("POST", "/api/v1/events/%d/registrations" % eid)
        self.assertEqual(r.status, 409)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM audit_log WHERE event = 'event_cancelled'")[0][0], 1)

    def test_reminded_the_day_before_once(self):
        eid = self.event(title="明日の勉強会", starts_at=iso(self.now + 20 * HOUR),
                         ends_at=iso(self.now + 22 * HOUR)).json()["id"]
        later = self.event(title="来週の勉強会").json()["id"]
        a = self.company("remind@example.jp")
        for e in (eid, later):
            a.api("POST", "/api/v1/events/%d/registrations" % e)
        reminders = lambda: self.srv.sql("SELECT count(*) FROM notifications WHERE account_id = ?"
                                         " AND kind = 'event_reminder'", a.id)[0][0]
        self.assertEqual(reminders(), 0)
        for _ in range(2):  # the worker runs its jobs at start
            self.assertEqual(self.srv.stop(), 0)
            self.srv.start()
            for _ in range(50):
                if reminders():
                    break
                time.sleep(0.1)
            self.assertEqual(reminders(), 1)  # once, for tomorrow's only
        self.assertIsNotNone(self.srv.sql("SELECT reminded_at FROM events WHERE id = ?", eid)[0][0])
        self.assertIsNone(self.srv.sql("SELECT reminded_at FROM events WHERE id = ?", later)[0][0])
        body = self.srv.sql("SELECT body FROM outbox WHERE recipient = 'remind@example.jp'"
                            " ORDER BY id DESC LIMIT 1")[0][0]
        self.assertIn("明日です", body)
        self.assertIn("/events/%d" % eid, body)

    def test_a_self_check_suggests_events_near_on_its_weak_spots(self):
        items = self.srv.client().get("/api/v1/assessment/items").json()["items"]
        owner = self.company("selfcheck@example.jp", "40")
        self.assertIn(owner.api("PUT", "/api/v1/companies/me", {
            "name": "博多工業", "prefecture": "40", "industry": "E", "employees": "6-20",
            "vendors": []}).status, (200, 201))
        answers = [{"item": it["id"], "answer": "not_done"} for it in items]
        aid = owner.api("POST", "/api/v1/assessments", {"answers": answers}).json()["id"]
        result = owner.get("/api/v1/assessments/%d" % aid).json()
        first = {a["item"] for a in result["actions"][:3]}
        skills = sorted({s for it in items if it["id"] in first for s in it["skills"]})
        self.assertTrue(skills)
        skill = skills[0]
        near = self.event(prefecture="41", title="佐賀の弱点セミナー", audience="companies",
                          kind="seminar", skills=[skill]).json()["id"]
        self.event(prefecture="01", title="北海道の弱点セミナー", audience="companies",
                   kind="seminar", skills=[skill])
        self.event(prefecture="40", title="専門家だけの演習", audience="experts",
                   kind="exercise", skills=[skill])
        web = self.srv.client()
        web.form("/login", {"email": "selfcheck@example.jp", "password": PW})
        page = web.get("/assessments/%d" % aid).text
        self.assertIn("佐賀の弱点セミナー", page)
        self.assertIn("/events/%d" % near, page)
        self.assertNotIn("北海道の弱点セミナー", page)  # too far
        self.assertNotIn("専門家だけの演習", page)      # not for companies

    def test_the_community_page_names_organisers_and_lists_its_events(self):
        member = self.expert("member-page@example.jp", "40")
        self.assertEqual(member.api("POST", "/api/v1/communities/%d/members" % self.community).status, 201)
        admin = self.srv.client()
        admin.form("/login", {"email": "admin@example.jp", "password": PW})
        page = admin.get("/communities/%d" % self.community).text
        self.assertIn("主催者にする", page)
        r = admin.form("/communities/%d/organisers" % self.community, {"expert_id": member.id, "on": "1"})
        self.assertEqual(r.status, 303)
        self.assertEqual(self.srv.sql("SELECT organiser FROM community_members WHERE community_id = ?"
                                      " AND expert_id = ?", self.community, member.id)[0][0], 1)
        # Not an admin: refused, nothing changes.
        web = self.srv.client()
        web.form("/login", {"email": "member-page@example.jp", "password": PW})
        r = web.form("/communities/%d/organisers" % self.community, {"expert_id": member.id, "on": "0"})
        self.assertEqual(r.status, 403)
        self.assertEqual(self.srv.sql("SELECT organiser FROM community_members WHERE community_id = ?"
                                      " AND expert_id = ?", self.community, member.id)[0][0], 1)
        # The organiser holds one of the community's events; the page lists it, with its feed.
        eid = self.event(member, community_id=self.community, title="コミュニティの勉強会").json()["id"]
        page = self.srv.client().get("/communities/%d" % self.community).text
        self.assertIn("コミュニティの勉強会", page)
        self.assertIn("/communities/%d/events.ics" % self.community, page)
        self.assertIn("主催者", page)
        cal = icalendar.Calendar.from_ical(self.srv.client().get("/communities/%d/events.ics" % self.community).body)
        self.assertIn("event-%d@kakekomi" % eid, [str(c["UID"]) for c in cal.walk("VEVENT")])

    def test_event_points_renew_a_certificate(self):
        holder = self.expert("renewer@example.jp", "40")
        kk.complete_course(self.admin, holder.id, "trainer")
        number = self.admin.api("POST", "/api/v1/certifications",
                                {"expert_id": holder.id, "level": "basic"}).json()["number"]
        r = holder.api("POST", "/api/v1/certifications/%s/renew" % number)
        self.assertEqual(r.status, 409)  # no points yet
        eid = self.event(cpd_points=20, title="丸一日の演習", kind="exercise", audience="experts").json()["id"]
        holder.api("POST", "/api/v1/events/%d/registrations" % eid)
        self.srv.sql("UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?",
                     self.now - 8 * HOUR, self.now - HOUR, eid)
        self.assertEqual(self.admin.api("POST", "/api/v1/events/%d/attendance" % eid,
                                        {"account_ids": [holder.id]}).status, 200)
        r = holder.api("POST", "/api/v1/certifications/%s/renew" % number)
        self.assertEqual(r.status, 200, r.text)

    def test_audience(self):
        eid = self.event(audience="experts", title="専門家向け演習").json()["id"]
        r = self.company("owner-audience@example.jp").api("POST", "/api/v1/events/%d/registrations" % eid)
        self.assertEqual(r.status, 403)
        self.assertEqual(r.json()["error"]["code"], "audience")
        self.assertEqual(self.srv.sql("SELECT count(*) FROM event_registrations WHERE event_id = ?", eid)[0][0], 0)

    def test_attendance_becomes_verified_cpd_that_renewal_counts(self):
        eid = self.event(capacity=5, cpd_points=6, title="対応演習", kind="exercise").json()["id"]
        came, missed = self.expert("came@example.jp", "40"), self.expert("missed@example.jp", "41")
        owner = self.company("owner-cpd@example.jp")
        for c in (came, missed, owner):
            self.assertEqual(c.api("POST", "/api/v1/events/%d/registrations" % eid).status, 201)
        r = self.admin.api("POST", "/api/v1/events/%d/attendance" % eid, {"account_ids": [came.id]})
        self.assertEqual(r.status, 409)  # not started yet
        # Time passes: the event took place yesterday.
        self.srv.sql("UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?",
                     self.now - DAY, self.now - DAY + 3 * HOUR, eid)
        stranger = self.company("not-registered@example.jp")
        r = self.admin.api("POST", "/api/v1/events/%d/attendance" % eid,
                           {"account_ids": [came.id, stranger.id]})
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["field"], "account_ids")
        self.assertEqual(self.srv.sql("SELECT count(*) FROM cpd_activities WHERE event_id = ?", eid)[0][0], 0)
        r = self.admin.api("POST", "/api/v1/events/%d/attendance" % eid, {"account_ids": [came.id, owner.id]})
        self.assertEqual(r.status, 200, r.text)
        cpd = came.get("/api/v1/cpd").json()
        got = [a for a in cpd["activities"] if a.get("event_id") == eid]
        self.assertEqual(len(got), 1)
        self.assertTrue(got[0]["verified"])
        self.assertEqual((got[0]["points"], got[0]["hours"], got[0]["kind"]), (6, 3.0, "event"))
        self.assertEqual(cpd["points_12_months"], 6)  # what renewal counts
        self.assertEqual(missed.get("/api/v1/cpd").json()["points_12_months"], 0)
        # Marked twice: still once. Unmarked: the points go.
        self.admin.api("POST", "/api/v1/events/%d/attendance" % eid, {"account_ids": [came.id, owner.id]})
        self.assertEqual(came.get("/api/v1/cpd").json()["points_12_months"], 6)
        self.admin.api("POST", "/api/v1/events/%d/attendance" % eid, {"account_ids": [owner.id]})
        self.assertEqual(came.get("/api/v1/cpd").json()["points_12_months"], 0)
        self.admin.api("POST", "/api/v1/events/%d/attendance" % eid, {"account_ids": [came.id]})
        # Self-reported points stay possible and show as such.
        r = came.api("POST", "/api/v1/cpd", {"kind": "training", "date": time.strftime("%Y-%m-%d"),
                                                         "hours": 2, "note": "独学"})
        self.assertEqual(r.status, 201, r.text)
        acts = came.get("/api/v1/cpd").json()["activities"]
        self.assertEqual(sorted(a["verified"] for a in acts), [False, True])
        came_web = self.srv.client()
        came_web.form("/login", {"email": "came@example.jp", "password": PW})
        page = came_web.get("/experts/me/cpd").text
        self.assertIn("確認済み", page)
        self.assertIn("自己申告", page)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM audit_log WHERE event = 'event_attendance'"
                                      " AND detail LIKE ?", "event %d:%%" % eid)[0][0], 4)

    def test_a_course_session_completes_its_modules(self):
        modules = [m["code"] for m in self.srv.client().get("/api/v1/course").json()["modules"]
                   if m["role"] == "trainer"]
        r = self.event(kind="course", audience="experts", title="講座 第1回", modules=["nope"])
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["field"], "modules")
        eid = self.event(kind="course", audience="experts", title="講座 第1回",
                         modules=modules[:2]).json()["id"]
        self.assertEqual(self.srv.client().get("/api/v1/events/%d" % eid).json()["modules"], sorted(modules[:2]))
        trainee = self.expert("trainee@example.jp", "40")  # a trainer (see expert())
        self.assertEqual(trainee.api("POST", "/api/v1/events/%d/registrations" % eid).status, 201)
        # Before the session: the CPD page offers it, as it covers what is missing.
        web = self.srv.client()
        web.form("/login", {"email": "trainee@example.jp", "password": PW})
        page = web.get("/experts/me/cpd").text
        self.assertIn("講座 第1回", page)
        self.srv.sql("UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?",
                     self.now - 2 * HOUR, self.now - HOUR, eid)
        self.assertEqual(self.admin.api("POST", "/api/v1/events/%d/attendance" % eid,
                                        {"account_ids": [trainee.id]}).status, 200)
        course = trainee.get("/api/v1/cpd").json()["course"]
        self.assertEqual(sorted(d["module"] for d in course["done"]), sorted(modules[:2]))
        self.assertTrue(all(d["event_id"] == eid for d in course["done"]))
        self.assertEqual(course["roles"], [{"role": "trainer", "complete": False, "missing": modules[2:]}])
        # Not complete: no certificate yet. Unmarked: the modules go again.
        r = self.admin.api("POST", "/api/v1/certifications", {"expert_id": trainee.id, "level": "basic"})
        self.assertEqual(r.json()["error"]["code"], "course_incomplete")
        self.admin.api("POST", "/api/v1/events/%d/attendance" % eid, {"account_ids": []})
        self.assertEqual(trainee.get("/api/v1/cpd").json()["course"]["done"], [])

    def test_feeds_parse_as_icalendar(self):
        eid = self.event(title="鹿児島; 勉強会, 第1回", prefecture="46", venue="天文館",
                         description="一行目\n二行目、長い説明" * 10).json()["id"]
        feed = self.srv.client().get("/events/46.ics")
        self.assertEqual(feed.status, 200)
        self.assertTrue(feed.header("Content-Type").startswith("text/calendar"))
        for line in feed.body.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)
        cal = icalendar.Calendar.from_ical(feed.body)
        evs = [c for c in cal.walk("VEVENT")]
        ev = next(c for c in evs if str(c["UID"]) == "event-%d@kakekomi" % eid)
        self.assertEqual(str(ev["SUMMARY"]), "鹿児島; 勉強会, 第1回")
        self.assertIn("一行目\n二行目", str(ev["DESCRIPTION"]))
        self.assertEqual(int(ev.decoded("DTSTART").timestamp()) // 60, (self.now + 10 * DAY) // 60)
        self.assertEqual(self.srv.client().get("/events/48.ics").status, 404)
        self.assertEqual(self.srv.client().get("/communities/%d/events.ics" % self.community).status, 200)
        # The private feed: only with its secret; a new secret ends the old one.
        me = self.company("feed@example.jp", "46")
        me.api("POST", "/api/v1/events/%d/registrations" % eid)
        web = self.srv.client()
        web.form("/login", {"email": "feed@example.jp", "password": PW})
        page = web.get("/me/events").text
        url = re.search(r"(/me/events/[A-Za-z0-9_-]{43}\.ics)", page).group(1)
        mine = icalendar.Calendar.from_ical(self.srv.client().get(url).body)
        self.assertEqual([str(c["UID"]) for c in mine.walk("VEVENT")], ["event-%d@kakekomi" % eid])
        self.assertEqual(self.srv.client().get("/me/events/%s.ics" % ("A" * 43)).status, 404)
        self.assertEqual(web.form("/me/events/feed", {}).status, 303)
        self.assertEqual(self.srv.client().get(url).status, 404)
        new = re.search(r"(/me/events/[A-Za-z0-9_-]{43}\.ics)", web.get("/me/events").text).group(1)
        self.assertNotEqual(new, url)
        self.assertEqual(self.srv.client().get(new).status, 200)

    def test_nearest_first(self):
        ids = {}
        for pref in ("13", "40", "41", "46", "01"):  # Fukuoka: Saga (41) borders it; Kagoshima (46) is in its block
            ids[pref] = self.event(prefecture=pref, title="近さ " + pref,
                                   starts_at=iso(self.now + 20 * DAY + int(pref) * 60),
                                   ends_at=iso(self.now + 20 * DAY + int(pref) * 60 + HOUR)).json()["id"]
        got = self.srv.client().get("/api/v1/events?pref=40&near=1&month=" +
                                    time.strftime("%Y-%m", time.gmtime(self.now + 20 * DAY + 9 * HOUR))).json()
        order = [(e["prefecture"], e["tier"]) for e in got["events"] if e["title"].startswith("近さ")]
        self.assertEqual(order[0], ("40", 0))
        tiers = [t for _, t in order]
        self.assertEqual(tiers, sorted(tiers))
        self.assertEqual(dict(order)["41"], 1)   # a neighbour
        self.assertEqual(dict(order)["46"], 2)   # the same block (九州)
        self.assertEqual(dict(order)["13"], 3)
        r = self.srv.client().get("/api/v1/events?pref=99")
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["field"], "pref")
        self.assertEqual(self.srv.client().get("/api/v1/events?month=2026-13").status, 400)
        self.assertEqual(self.srv.client().get("/api/v1/events?from=2026-02-30").json()["error"]["field"], "from")
        day = time.strftime("%Y-%m-%d", time.gmtime(self.now + 20 * DAY + 9 * HOUR))
        later = self.srv.client().get("/api/v1/events?pref=40&near=1&from=" + day).json()
        self.assertTrue(later["events"])
        self.assertTrue(all(e["starts_at"][:10] >= day for e in later["events"]))

    def test_events_held_on_the_regional_dashboard(self):
        eid = self.event(prefecture="45", title="宮崎で開いた会").json()["id"]
        self.srv.sql("UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?",
                     self.now - 3 * DAY, self.now - 3 * DAY + HOUR, eid)
        for i in range(3):
            e2 = self.event(prefecture="45", title="宮崎 %d" % i).json()["id"]
            self.srv.sql("UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?",
                         self.now - (10 + i) * DAY, self.now - (10 + i) * DAY + HOUR, e2)
        cancelled = self.event(prefecture="45", title="中止").json()["id"]
        self.srv.sql("UPDATE events SET starts_at = ?, ends_at = ?, status = 'cancelled' WHERE id = ?",
                     self.now - 5 * DAY, self.now - 5 * DAY + HOUR, cancelled)
        got = self.admin.get("/api/v1/regions?period=30").json()["prefectures"][44]["metrics"]
        want = self.srv.sql("SELECT count(*) FROM events WHERE prefecture = '45' AND status = 'scheduled'"
                            " AND (starts_at + 32400) / 86400 BETWEEN (? + 32400) / 86400 - 29 AND (? + 32400) / 86400",
                            self.now, self.now)[0][0]
        self.assertEqual(want, 4)
        self.assertEqual(got["events_held"], want)

    def test_pages(self):
        eid = self.event(title="ページで見る勉強会").json()["id"]
        c = self.srv.client()
        page = c.get("/events?pref=40&near=1")
        self.assertEqual(page.status, 200)
        self.assertIn("ページで見る勉強会", page.text)
        self.assertIn("/events/40.ics", page.text)
        p = c.get("/events/%d" % eid)
        self.assertIn("ログインして申し込む", p.text)
        self.assertEqual(c.get("/events/999999").status, 404)
        self.assertEqual(c.get("/events?kind=party").status, 400)
        # Register from the page, then cancel.
        owner = self.company("page-owner@example.jp")
        web = self.srv.client()
        web.form("/login", {"email": "page-owner@example.jp", "password": PW})
        self.assertEqual(web.get("/events").status, 303)  # to the events near them
        r = web.form("/events/%d/register" % eid, {})
        self.assertEqual(r.status, 303)
        self.assertIn("参加が決まっています", web.get("/events/%d" % eid).text)
        self.assertIn("ページで見る勉強会", web.get("/me/events").text)
        self.assertEqual(web.form("/events/%d/unregister" % eid, {}).status, 303)
        self.assertIn("参加を申し込む", web.get("/events/%d" % eid).text)
        # The organiser's form: a bad end keeps everything typed, the message beside the field.
        admin = self.srv.client()
        admin.form("/login", {"email": "admin@example.jp", "password": PW})
        self.assertEqual(admin.get("/events/new").status, 200)
        before = self.count()
        fields = [("title", "フォームの会"), ("kind", "seminar"), ("audience", "companies"),
                  ("starts_at", "2030-01-10T19:00"), ("ends_at", "2030-01-10T18:00"),
                  ("prefecture", "40"), ("venue", "天神"), ("capacity", "30"), ("cpd_points", "0"),
                  ("skills", "backup"), ("skills", "phishing_training"), ("description", "説明")]
        raw = urllib.parse.urlencode(fields + [("csrf", admin.csrf_token("/events/new"))]).encode()
        r = admin.form("/events/new", {}, raw=raw)
        self.assertEqual(r.status, 400)
        self.assertIn("フォームの会", r.text)
        self.assertIn('value="2030-01-10T18:00"', r.text)
        self.assertIn("終了日時は開始日時より後にしてください", r.text)
        self.assertRegex(r.text, r'value="phishing_training"[^>]*checked')
        self.assertEqual(self.count(), before)
        fields[4] = ("ends_at", "2030-01-10T21:00")
        raw = urllib.parse.urlencode(fields + [("csrf", admin.csrf_token("/events/new"))]).encode()
        r = admin.form("/events/new", {}, raw=raw)
        self.assertEqual(r.status, 303, r.text[:300])
        new = int(r.header("Location").rsplit("/", 1)[1])
        ev = self.srv.client().get("/api/v1/events/%d" % new).json()
        self.assertEqual((ev["starts_at"], ev["skills"]), ("2030-01-10T19:00:00+09:00", ["backup", "phishing_training"]))
        # The edit form saves unchanged without error (round trip).
        form = admin.get("/events/%d/edit" % new).text
        pairs = re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', form)
        self.assertIn(("starts_at", "2030-01-10T19:00"), pairs)
        en = self.srv.client()
        en.cookies["kk_lang"] = "en"
        self.assertIn("Study groups and events", en.get("/events").text)
        self.assertIn("Log in to register", en.get("/events/%d" % eid).text)


if __name__ == "__main__":
    kk.main("events")
