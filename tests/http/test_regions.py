"""The regional dashboard against a real server: random activity written
straight into the database (the triggers keep the aggregates) and through the
API, then every published figure compared with a brute-force query over the
raw tables, for several periods, as an admin (nothing held back) and as the
public (1 and 2 held back and listed); the open data's CSV (BOM, CRLF, columns,
one row per prefecture and month) and JSON; the pages; bad periods."""

import csv
import io
import os
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "regions test password"
DAY = 86400
JST = 9 * 3600


def day_of(t):
    return (t + JST) // DAY


class Regions(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)
        cls.now = int(time.time())
        cls.activity()

    @classmethod
    def activity(cls):
        """Random requests, questions and first responses over 400 days, then changes
        (escalations, transfers, answers, hiding) and deletions, written as other code
        would: through SQL, so that only the triggers keep the figures."""
        rnd = random.Random(20190318)
        db = sqlite3.connect(cls.srv.db)
        db.execute("PRAGMA busy_timeout = 5000")
        prefs = ["13", "13", "13", "27", "27", "23", "01", "31", "32", "47"]
        for i in range(600):
            t = cls.now - rnd.randrange(400 * DAY)
            p = rnd.choice(prefs)
            kind = "incident" if rnd.random() < 0.3 else "advice"
            cur = db.execute(
                "INSERT INTO requests(company_id, prefecture, filed_in, kind, description, mode,"
                " urgency, status, created_at, updated_at) VALUES (1, ?, ?, ?, 'x', 'remote',"
                " 'normal', 'open', ?, ?)", (p, p, kind, t, t))
            rid = cur.lastrowid
            if rnd.random() < 0.5:
                db.execute("INSERT INTO request_events(request_id, at, event) VALUES (?, ?, ?)",
                           (rid, t + rnd.randrange(1, 3 * DAY), rnd.choice(["assigned", "accepted"])))
            if rnd.random() < 0.2:  # a second, later one does not count
                db.execute("INSERT INTO request_events(request_id, at, event) VALUES (?, ?, 'accepted')",
                           (rid, t + 5 * DAY))
        ids = [r[0] for r in db.execute("SELECT id FROM requests")]
        for rid in rnd.sample(ids, 120):
            db.execute("UPDATE requests SET ring = ? WHERE id = ?", (rnd.choice([1, 2, 3]), rid))
        for rid in rnd.sample(ids, 60):
            db.execute("UPDATE requests SET prefecture = ? WHERE id = ?", (rnd.choice(prefs), rid))
        for rid in rnd.sample(ids, 40):
            db.execute("DELETE FROM requests WHERE id = ?", (rid,))
        db.commit()
        db.close()
        # Questions through `kakekomi sql`: their search index's triggers need its tokenizer.
        script = ["BEGIN"]
        for i in range(500):
            t = cls.now - rnd.randrange(400 * DAY)
            script.append(kk.bind_literals(
                "INSERT INTO questions(title, body, topic, level, prefecture, answers, hidden,"
                " created_at) VALUES ('q', 'b', 'backup', 1, ?, ?, 0, ?)",
                (rnd.choice(prefs + [None]), rnd.choice([0, 0, 1, 2]), t)))
        cls.srv.write(";\n".join(script + ["COMMIT"]))
        qids = [r[0] for r in cls.srv.sql("SELECT id FROM questions")]
        script = ["BEGIN"]
        for qid in rnd.sample(qids, 80):
            script.append("UPDATE questions SET answers = %d WHERE id = %d" % (rnd.choice([0, 1]), qid))
        for qid in rnd.sample(qids, 30):
            script.append("UPDATE questions SET hidden = 1 WHERE id = %d" % qid)
        for qid in rnd.sample(qids, 20):
            script.append("DELETE FROM questions WHERE id = %d" % qid)
        cls.srv.write(";\n".join(script + ["COMMIT"]))

    def truth(self, first, last):
        """Every figure of days first..last per prefecture, by brute force."""
        db = sqlite3.connect(self.srv.db)
        out = {}

        def put(sql, *names):
            for row in db.execute(sql, (first, last)):
                for name, v in zip(names, row[1:]):
                    out.setdefault(row[0], {})[name] = v
        d = "(created_at + 32400) / 86400 BETWEEN ? AND ?"
        put("SELECT filed_in, sum(kind = 'advice'), sum(kind = 'incident'),"
            " sum(kind = 'incident' AND ring >= 1), sum(prefecture <> filed_in)"
            " FROM requests WHERE " + d + " GROUP BY 1",
            "requests_advice", "requests_incident", "incidents_widened", "requests_transferred")
        put("SELECT prefecture, count(*), sum(answers = 0) FROM questions WHERE hidden = 0"
            " AND prefecture IS NOT NULL AND " + d + " GROUP BY 1", "questions", "questions_unanswered")
        firsts = db.execute(
            "SELECT q.filed_in, min(e.at) - q.created_at FROM requests q JOIN request_events e"
            " ON e.request_id = q.id WHERE e.event IN ('assigned', 'accepted') AND"
            " (q.created_at + 32400) / 86400 BETWEEN ? AND ? GROUP BY q.id", (first, last)).fetchall()
        by = {}
        for p, s in firsts:
            by.setdefault(p, []).append(s)
        for p, secs in by.items():
            secs.sort()
            out.setdefault(p, {})["responses"] = len(secs)
            out[p]["median_first_response_s"] = secs[(len(secs) - 1) // 2]
        db.close()
        return out

    def regions(self, client, query):
        r = client.get("/api/v1/regions" + query)
        self.assertEqual(r.status, 200, r.text)
        return r.json()

    def test_every_figure_equals_brute_force(self):
        today = day_of(self.now)
        for query, first, last in [("", today - 364, today), ("?period=30", today - 29, today),
                                   ("?period=90", today - 89, today)]:
            truth = self.truth(first, last)
            got = self.regions(self.admin, query)
            self.assertTrue(got["unsuppressed"])
            checked = 0
            for p in got["prefectures"]:
                want = truth.get(p["code"], {})
                for name in ("requests_advice", "requests_incident", "incidents_widened",
                             "requests_transferred", "questions", "questions_unanswered",
                             "responses", "median_first_response_s"):
                    self.assertEqual(p["metrics"][name], want.get(name, 0 if name != "median_first_response_s" else None),
                                     (query, p["code"], name))
                    checked += 1
                self.assertEqual(p["suppressed"], [])
            self.assertEqual(checked, 47 * 8)
        # A year by its dates is the same as ?from=&to=.
        self.assertEqual(self.regions(self.admin, "?period=2025")["from"], "2025-01-01")

    def test_the_public_sees_small_counts_held_back(self):
        public = self.regions(self.srv.client(), "?period=365")
        admin = self.regions(self.admin, "?period=365")
        self.assertFalse(public["unsuppressed"])
        held = 0
        for pub, adm in zip(public["prefectures"], admin["prefectures"]):
            for name, v in adm["metrics"].items():
                if isinstance(v, int) and name not in ("median_first_response_s",) and 1 <= v <= 2:
                    self.assertIsNone(pub["metrics"][name], (pub["code"], name))
                    self.assertIn(name, pub["suppressed"])
                    held += 1
                elif name in pub["suppressed"]:
                    self.assertIsNone(pub["metrics"][name])
                else:
                    self.assertEqual(pub["metrics"][name], v, (pub["code"], name))
        self.assertGreater(held, 0)

    def test_registry_figures_now(self):
        c = self.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": "tottori@example.jp", "password": PW,
                                               "display_name": "鳥取 一", "role": "expert",
                                               "prefecture": "31"})
        self.assertEqual(r.status, 201, r.text)
        c.login_api("tottori@example.jp", PW)
        before = self.regions(self.admin, "")["prefectures"][30]["metrics"]["experts_active"]
        r = c.api("PUT", "/api/v1/experts/me", {
            "display_name": "鳥取 一", "prefecture": "31", "skills": [{"code": "backup", "level": 2}],
            "roles": ["adviser"], "modes": ["remote"], "on_call": True, "ethics_accepted": True})
        self.assertIn(r.status, (200, 201), r.text)
        after = self.regions(self.admin, "")["prefectures"][30]["metrics"]
        self.assertEqual(after["experts_active"], before + 1)  # the cache saw the change
        db = sqlite3.connect(self.srv.db)
        want = db.execute("SELECT count(*) FROM experts WHERE prefecture = '31' AND hidden = 0"
                          " AND ethics_accepted_at IS NOT NULL").fetchone()[0]
        self.assertEqual(after["experts_active"], want)
        pub = self.regions(self.srv.client(), "")["prefectures"][30]
        self.assertIsNone(pub["metrics"]["experts_active"])  # one expert: held back
        self.assertIn("experts_active", pub["suppressed"])

    ROLES = ("evangelist", "adviser", "technical", "responder", "trainer")
    TYPES = ("chamber", "municipality", "association", "network", "vendor", "university",
             "police", "other")

    def test_every_registry_figure_and_type_equals_brute_force(self):
        """Random experts (hidden or not, ethics or not, certified, on call shown or not,
        roles), communities of every type, desks and companies written through SQL, then
        every registry figure and every prefecture's type compared with brute force."""
        rnd = random.Random(47)
        db = sqlite3.connect(self.srv.db)
        db.execute("PRAGMA foreign_keys = ON")
        prefs = ["%02d" % i for i in range(1, 48) if i != 31]  # Tottori is the next test's
        heavy = ["13"] * 6 + ["27"] * 4 + ["23"] * 3 + ["22", "04", "40"] * 2 + prefs
        t = self.now
        for i in range(400):
            cur = db.execute("INSERT INTO accounts(email, password_hash, display_name, role,"
                             " prefecture, created_at, password_changed_at) VALUES (?, 'x', ?,"
                             " 'expert', '13', ?, ?)", ("reg%d@example.jp" % i, "E%d" % i, t, t))
            eid = cur.lastrowid
            p = rnd.choice(heavy)
            db.execute("INSERT INTO experts(account_id, display_name, prefecture, on_call, v_on_call,"
                       " ethics_accepted_at, hidden, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
                       " ?, ?, ?)", (eid, "E%d" % i, p, rnd.random() < 0.3, rnd.choice([0, 0, 1, 2]),
                                     t if rnd.random() < 0.8 else None, rnd.random() < 0.1, t, t))
            for role in rnd.sample(self.ROLES, rnd.randrange(0, 3)):
                db.execute("INSERT INTO expert_roles VALUES (?, ?)", (eid, role))
            if rnd.random() < 0.4:
                db.execute("INSERT INTO certificates(number, expert_id, level, issued_on, expires_on,"
                           " status, updated_at) VALUES (?, ?, 'basic', '2026-01-01', '2029-01-01', ?, ?)",
                           ("N%d" % i, eid, rnd.choice(["valid", "valid", "expired", "revoked"]), t))
        communities = []
        for i in range(120):
            cur = db.execute("INSERT INTO communities(name, type, created_at) VALUES (?, ?, ?)",
                             ("C%d" % i, rnd.choice(self.TYPES), t))
            communities.append(cur.lastrowid)
            for p in set(rnd.choice(heavy) for _ in range(rnd.randrange(1, 4))):
                db.execute("INSERT INTO community_prefectures VALUES (?, ?)", (cur.lastrowid, p))
        for p in rnd.sample(prefs, 15):  # desks, some hosted by a community, some twice
            for _ in range(rnd.choice([1, 1, 2])):
                db.execute("INSERT INTO desks(prefecture, name, community_id, created_at)"
                           " VALUES (?, 'D', ?, ?)", (p, rnd.choice(communities + [None]), t))
        for i in range(300):  # companies: some prefectures mostly manufacturers
            p = rnd.choice(["13", "23", "23", "22", "18", "01"])
            cur = db.execute("INSERT INTO accounts(email, password_hash, display_name, role,"
                             " prefecture, created_at, password_changed_at) VALUES (?, 'x', 'S',"
                             " 'sme', ?, ?, ?)", ("co%d@example.jp" % i, p, t, t))
            db.execute("INSERT INTO companies(account_id, name, prefecture, industry, employees,"
                       " created_at, updated_at) VALUES (?, 'S', ?, ?, '1-5', ?, ?)",
                       (cur.lastrowid, p, "E" if rnd.random() < (0.6 if p in ("23", "22") else 0.1)
                        else "I", t, t))
        db.commit()

        def by_pref(sql):
            return {row[0]: row[1:] for row in db.execute(sql)}
        active = "e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL"
        experts = by_pref("SELECT prefecture, count(*), sum(EXISTS (SELECT 1 FROM certificates c"
                          " WHERE c.expert_id = e.account_id AND c.status = 'valid')),"
                          " sum(on_call = 1 AND v_on_call = 0) FROM experts e WHERE " + active +
                          " GROUP BY 1")
        roles = {}
        for p, role, n in db.execute("SELECT e.prefecture, r.role, count(*) FROM expert_roles r"
                                     " JOIN experts e ON e.account_id = r.expert_id WHERE " + active +
                                     " GROUP BY 1, 2"):
            roles[(p, role)] = n
        ncomm = by_pref("SELECT prefecture, count(*) FROM community_prefectures GROUP BY 1")
        host = {}
        for p, ty in db.execute("SELECT d.prefecture, c.type FROM desks d JOIN communities c"
                                " ON c.id = d.community_id ORDER BY d.id"):
            host.setdefault(p, ty)
        kinds = {}
        for p, ty in db.execute("SELECT p.prefecture, c.type FROM community_prefectures p"
                                " JOIN communities c ON c.id = p.community_id"):
            kinds.setdefault(p, {}).setdefault(ty, 0)
            kinds[p][ty] += 1
        mix = by_pref("SELECT prefecture, count(*), sum(industry = 'E') FROM companies GROUP BY 1")
        got = self.regions(self.admin, "")
        industry_seen = 0
        for pr in got["prefectures"]:
            c, m = pr["code"], pr["metrics"]
            e = experts.get(c, (0, 0, 0))
            self.assertEqual((m["experts_active"], m["experts_certified"], m["responders_on_call"]),
                             tuple(e), c)
            self.assertEqual(m["communities"], ncomm.get(c, (0,))[0], c)
            for role in self.ROLES:
                self.assertEqual(m["experts_" + role], roles.get((c, role), 0), (c, role))
            if c in host:
                want = host[c]
            elif c in kinds:
                want = max(self.TYPES, key=lambda ty: (kinds[c].get(ty, 0), -self.TYPES.index(ty)))
            else:
                want = "none"
            n, made = mix.get(c, (0, 0))
            if n >= 10 and made * 10 >= n * 3:
                want += "+industry"
                industry_seen += 1
            self.assertEqual(pr["type"], want, c)
        self.assertGreaterEqual(industry_seen, 2)
        # The map filters by type: manufacturing picks exactly those tagged.
        page = self.srv.client().get("/map?type=industry")
        self.assertEqual(page.status, 200)
        self.assertEqual(page.text.count('<rect class="tile"'), industry_seen)
        self.assertEqual(page.text.count('<rect class="tile dim"'), 47 - industry_seen)
        assoc = sum(1 for pr in got["prefectures"] if pr["type"].split("+")[0] == "association")
        page = self.srv.client().get("/map?type=association")
        self.assertEqual(page.text.count('<rect class="tile"'), assoc)
        # The public: every count of 1 or 2 held back, the rest as the admin sees them.
        pub = self.regions(self.srv.client(), "")
        for a, b in zip(got["prefectures"], pub["prefectures"]):
            for role in self.ROLES:
                v = a["metrics"]["experts_" + role]
                self.assertEqual(b["metrics"]["experts_" + role], None if 1 <= v <= 2 else v)
        db.close()

    def test_open_data_csv_and_json(self):
        r = self.srv.client().get("/opendata/prefectures-monthly.csv")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"))
        self.assertIn(b"\r\n", r.body)
        rows = list(csv.reader(io.StringIO(r.body[3:].decode("utf-8"), newline="")))
        head = rows[0]
        self.assertEqual(head[:4], ["month", "prefecture", "name_ja", "name_en"])
        self.assertEqual(head[-1], "suppressed")
        self.assertIn("requests_advice", head)
        body = rows[1:]
        self.assertEqual(len(body) % 47, 0)
        months = sorted({row[0] for row in body})
        self.assertGreaterEqual(len(months), 13)
        # One month of Tokyo against brute force, as the public sees it.
        db = sqlite3.connect(self.srv.db)
        month = months[-2]
        n = db.execute("SELECT count(*) FROM requests WHERE filed_in = '13' AND kind = 'advice'"
                       " AND strftime('%Y-%m', ((created_at + 32400) / 86400) * 86400, 'unixepoch') = ?",
                       (month,)).fetchone()[0]
        row = next(x for x in body if x[0] == month and x[1] == "13")
        cell = row[head.index("requests_advice")]
        if 1 <= n <= 2:
            self.assertEqual(cell, "")
            self.assertIn("requests_advice", row[-1].split())
        else:
            self.assertEqual(int(cell), n)
        j = self.srv.client().get("/opendata/prefectures-monthly.json").json()
        self.assertEqual(j["licence"], "CC BY 4.0")
        self.assertEqual(len(j["rows"]), len(body))
        first = j["rows"][0]
        self.assertEqual(set(first), {"month", "prefecture", "metrics", "suppressed"})
        self.assertIn("median_first_response_s", first["metrics"])

    def test_pages_and_bad_periods(self):
        c = self.srv.client()
        page = c.get("/map?metric=requests_advice&period=90")
        self.assertEqual(page.status, 200)
        self.assertIn('<svg class="tilemap"', page.text)
        self.assertEqual(page.text.count('<rect class="tile'), 47)
        self.assertIn('href="/map/13"', page.text)
        self.assertEqual(c.get("/map/13").status, 200)
        self.assertIn("東京都", c.get("/map/13").text)
        self.assertEqual(c.get("/map/48").status, 404)
        self.assertEqual(c.get("/map/x").status, 404)
        self.assertEqual(c.get("/opendata").status, 200)
        for q, field in [("?period=7", "period"), ("?from=2025-13-01&to=2025-12-31", "from"),
                         ("?from=2025-01-01&to=2024-01-01", "to")]:
            r = c.get("/api/v1/regions" + q)
            self.assertEqual(r.status, 400, q)
            self.assertEqual(r.json()["error"]["field"], field)
        self.assertEqual(c.get("/map?period=abc").status, 400)
        self.assertEqual(c.get("/map?type=%22%3E%3Cscript%3E").status, 400)
        self.assertEqual(c.get("/map?type=chamber").status, 200)
        en = self.srv.client()
        en.cookies["kk_lang"] = "en"
        self.assertIn("Where help is missing", en.get("/map").text)
        self.assertIn("Tokyo", en.get("/map/13").text)

    def test_a_prefectures_months_follow_new_activity(self):
        """The monthly charts are cached per generation: new requests show at once."""
        admin = self.srv.client()
        self.assertEqual(admin.form("/login", {"email": "admin@example.jp", "password": PW}).status, 303)
        month = time.strftime("%Y-%m", time.gmtime(self.now + JST))

        def this_month():
            page = admin.get("/map/35").text
            m = re.search(r"<tr><td>%s</td><td class=\"num\">([0-9]+)</td>" % month, page)
            return int(m.group(1))
        before = this_month()
        db = sqlite3.connect(self.srv.db)
        for _ in range(3):
            db.execute("INSERT INTO requests(company_id, prefecture, filed_in, kind, description, mode,"
                       " urgency, status, created_at, updated_at) VALUES (1, '35', '35', 'advice', 'x',"
                       " 'remote', 'normal', 'open', ?, ?)", (self.now, self.now))
        db.commit()
        db.close()
        self.assertEqual(this_month(), before + 3)

    def upload(self, client, csrf, label, body):
        b = "kkboundary"
        parts = ""
        for name, value in (("csrf", csrf), ("label", label)):
            if value is not None:
                parts += "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, name, value)
        data = (parts + "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n"
                "Content-Type: text/csv\r\n\r\n" % b).encode("utf-8") + body + ("\r\n--%s--\r\n" % b).encode()
        return client.request("POST", "/admin/reference", body=data,
                              headers={"Content-Type": "multipart/form-data; boundary=" + b})

    def test_reference_upload_all_or_nothing_and_rates(self):
        admin = self.srv.client()
        self.assertEqual(admin.form("/login", {"email": "admin@example.jp", "password": PW}).status, 303)
        page = admin.get("/admin/reference")
        self.assertEqual(page.status, 200)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        db = sqlite3.connect(self.srv.db)
        names = [r[0] for r in db.execute("SELECT name_ja FROM prefectures ORDER BY code")]
        good = ["prefecture,establishments"] + ['%02d,"%s"' % (i + 1, "{:,}".format(1000 * (i + 1)))
                                               for i in range(47)]
        good[13] = '%s,"13,000"' % names[12]  # by name, with a thousands separator
        bad = list(good)
        bad[5] = "05,0"
        bad[6] = "火星,100"
        bad[8] = bad[7]
        del bad[20]
        r = self.upload(admin, csrf, "事業所数", "\r\n".join(bad).encode("utf-8"))
        self.assertEqual(r.status, 400)
        for line in (6, 7, 9):
            self.assertIn("%d 行目" % line, r.text)
        self.assertIn("火星", r.text)
        self.assertIn(names[19], r.text)  # no line for the one deleted
        self.assertEqual(db.execute("SELECT count(*) FROM region_reference").fetchone()[0], 0)
        r = self.upload(admin, csrf, None, "\r\n".join(good).encode("utf-8"))
        self.assertEqual(r.status, 400)  # a label is required
        self.assertEqual(db.execute("SELECT count(*) FROM region_reference").fetchone()[0], 0)
        r = self.upload(admin, csrf, "事業所数", ("\ufeff" + "\r\n".join(good)).encode("utf-8"))
        self.assertEqual(r.status, 200, r.text[:500])
        self.assertEqual(db.execute("SELECT count(*), sum(value) FROM region_reference").fetchone(),
                         (47, 1000 * 47 * 48 // 2))
        self.assertEqual(db.execute("SELECT count(*) FROM audit_log WHERE event = 'region_reference_imported'").fetchone()[0], 1)
        # Someone else may not.
        other = self.srv.client()
        self.assertIn(self.upload(other, csrf, "x", b"01,1").status, (303, 403))  # to the login
        self.assertEqual(db.execute("SELECT count(*) FROM region_reference").fetchone()[0], 47)
        # The map per 10,000 of it: Tokyo's advice requests ÷ 13,000 × 10,000.
        n = self.regions(self.admin, "?period=365")["prefectures"][12]["metrics"]["requests_advice"]
        m = admin.get("/map?metric=requests_advice&period=365&per=reference")
        self.assertEqual(m.status, 200)
        self.assertIn("事業所数", m.text)
        self.assertIn('aria-label="東京都: %.1f"' % (n * 10000 / 13000), m.text)

    def test_weak_companies_per_function_equal_brute_force(self):
        items = self.srv.client().get("/api/v1/assessment/items").json()["items"]
        for i, (consent, answer) in enumerate([(True, "not_done"), (True, "done"), (True, "partly"),
                                               (True, "not_done"), (False, "not_done")]):
            c = self.srv.client()
            email = "assessed%d@example.jp" % i
            self.assertEqual(c.api("POST", "/api/v1/accounts", {
                "email": email, "password": PW, "display_name": "A %d" % i, "role": "sme",
                "prefecture": "41"}).status, 201)
            c.login_api(email, PW)
            self.assertIn(c.api("PUT", "/api/v1/companies/me", {
                "name": "佐賀 %d" % i, "prefecture": "41", "industry": "E", "employees": "1-5",
                "vendors": [], "statistics_consent": consent}).status, (200, 201))
            answers = [{"item": it["id"], "answer": answer if it["function"] != "RC" else "done"}
                       for it in items]
            self.assertEqual(c.api("POST", "/api/v1/assessments", {"answers": answers}).status, 201)
        got = self.regions(self.admin, "")["prefectures"][40]["metrics"]
        db = sqlite3.connect(self.srv.db)
        n, gv_weak, gv_all, rc_weak = db.execute(
            "SELECT count(*), sum(a.gv BETWEEN 0 AND 49), sum(a.gv >= 0), sum(a.rc BETWEEN 0 AND 49)"
            " FROM assessments a JOIN companies c ON c.account_id = a.company_id"
            " WHERE c.prefecture = '41' AND a.counted_in IS NOT NULL").fetchone()
        self.assertEqual(n, 4)  # the one that refused is not counted
        self.assertEqual(got["assessed_companies"], n)
        self.assertAlmostEqual(got["weak_govern_share"], round(gv_weak / gv_all, 3))
        self.assertEqual(got["weak_recover_share"], 0)
        self.assertEqual(rc_weak, 0)
        # The public sees the count (4) but not a share made of 1 or 2 companies.
        pub = self.regions(self.srv.client(), "")["prefectures"][40]
        self.assertEqual(pub["metrics"]["assessed_companies"], 4)
        self.assertIn("weak_govern_share", pub["suppressed"])  # 2 of 4: held back
        self.assertEqual(pub["metrics"]["weak_recover_share"], 0)


class CommunityTypesMigration(unittest.TestCase):
    """023 rebuilds the communities table to allow industry associations: a database
    made before it (migrate --to 22) keeps every community, member, prefecture and desk,
    and every foreign key; and a failed foreign key check leaves the database as it was."""

    def old_database(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        path = os.path.join(d, "k.db")
        r = kk.run_cli("migrate", "--to", "22", db=path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("schema version 22", r.stdout)
        return path

    def test_rebuild_keeps_every_row(self):
        path = self.old_database()
        db = sqlite3.connect(path)
        db.executescript("""
            PRAGMA foreign_keys = ON;
            INSERT INTO accounts(id, email, password_hash, display_name, role, prefecture,
                                 created_at, password_changed_at)
              VALUES (7, 'e@example.jp', 'x', 'E', 'expert', '13', 0, 0);
            INSERT INTO experts(account_id, display_name, prefecture, created_at, updated_at)
              VALUES (7, 'E', '13', 0, 0);
            INSERT INTO communities(id, name, type, created_at) VALUES (5, 'C', 'chamber', 0);
            INSERT INTO community_prefectures VALUES (5, '13'), (5, '14');
            INSERT INTO community_members VALUES (5, 7, 0);
            INSERT INTO desks(prefecture, name, community_id, created_at) VALUES ('13', 'D', 5, 0);
        """)
        with self.assertRaises(sqlite3.IntegrityError):
            db.execute("INSERT INTO communities(name, type, created_at) VALUES ('x', 'association', 0)")
        db.close()
        r = kk.run_cli("migrate", db=path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("applying migrations/023_community_associations.sql", r.stderr)
        db = sqlite3.connect(path)
        db.execute("PRAGMA foreign_keys = ON")
        self.assertEqual(db.execute("SELECT id, name, type FROM communities").fetchall(),
                         [(5, "C", "chamber")])
        self.assertEqual(db.execute("SELECT count(*) FROM community_prefectures WHERE community_id = 5").fetchone()[0], 2)
        self.assertEqual(db.execute("SELECT count(*) FROM community_members WHERE community_id = 5").fetchone()[0], 1)
        self.assertEqual(db.execute("SELECT community_id FROM desks").fetchone()[0], 5)
        self.assertEqual(db.execute("PRAGMA foreign_key_check").fetchall(), [])
        db.execute("INSERT INTO communities(name, type, created_at) VALUES ('x', 'association', 0)")
        gen = db.execute("SELECT value FROM settings WHERE key = 'registry_gen'").fetchone()[0]
        db.execute("UPDATE communities SET type = 'network' WHERE id = 5")
        self.assertEqual(db.execute("SELECT value FROM settings WHERE key = 'registry_gen'").fetchone()[0], gen + 1)
        # The foreign keys still act: deleting the community cascades to its rows.
        db.execute("DELETE FROM communities WHERE id = 5")
        self.assertEqual(db.execute("SELECT count(*) FROM community_members").fetchone()[0], 0)
        self.assertIsNone(db.execute("SELECT community_id FROM desks").fetchone()[0])
        db.commit()
        db.close()

    def test_a_broken_foreign_key_stops_it(self):
        path = self.old_database()
        db = sqlite3.connect(path)
        db.executescript("""
            PRAGMA foreign_keys = OFF;
            INSERT INTO community_members VALUES (99, 99, 0);
        """)
        db.close()
        r = kk.run_cli("migrate", db=path)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("breaks a foreign key", r.stderr)
        db = sqlite3.connect(path)
        self.assertEqual(db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0], 22)
        self.assertEqual(db.execute("PRAGMA foreign_keys").fetchone()[0], 0)  # this connection's
        db.close()
        self.assertNotEqual(kk.run_cli("migrate", "--to", "x", db=path).returncode, 0)


if __name__ == "__main__":
    kk.main("regions")
