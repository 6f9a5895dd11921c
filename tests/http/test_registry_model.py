"""The registry in memory (src/domain/registry.c, src/app/registry.c) against a plain SQL
evaluation of the same rules, written here: a few thousand generated experts with random
skills, roles, places, modes, visibilities, certificates, conflicts, cases and ratings;
1,000 random directory queries (as anonymous, signed-in and desk callers) and 200 random
match requests give exactly the answers of the reference, before and after random changes
written straight to the database (so only the change log tells the server). A change of
visibility shows at once in the directory and in the match reasons, in the same process and
in a second server process on the same database."""
import os
import random
import sqlite3
import sys
import time
import unicodedata
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "registry model password"
SEED = int(os.environ.get("KK_SEED", "20261130"))
EXPERTS = 3000
WORDS = ["Cloud", "UTM", "forensics", "ネットワーク", "中小企業", "ransom", "VPN", "教育", "%", "_"]
VENDORS = ["ＵＴＭ Ｂ社", "utm b社", "Acme", "ACME", "ネットワーク商事", "Cloud Corp"]

# ---- the reference: the directory as SQL (the statements the server ran before the
# registry was held in memory) ----

FILTERS = """AND e.hidden = 0 AND (:role IS NULL OR EXISTS (SELECT 1 FROM expert_roles r
WHERE r.expert_id = e.account_id AND r.role = :role)) AND (:mode IS NULL OR ((e.modes & :mode) <> 0
AND e.v_modes <= :lvl)) AND (:on_call IS NULL OR (e.on_call = :on_call AND e.v_on_call <= :lvl))
AND (:certified IS NULL OR EXISTS (SELECT 1 FROM certificates c WHERE c.expert_id = e.account_id
AND c.status = 'valid') = :certified) AND (:like IS NULL OR e.display_name LIKE :like ESCAPE '\\'
OR (e.v_bio <= :lvl AND e.bio LIKE :like ESCAPE '\\'))"""
SKILL = """AND (:skill IS NULL OR EXISTS (SELECT 1 FROM expert_skills k WHERE k.expert_id =
e.account_id AND k.skill = :skill AND k.level >= :min_level))"""
SEARCH_PREF = """WITH tiers(code, tier) AS (SELECT :pref, 0 UNION ALL SELECT CASE WHEN a = :pref
THEN b ELSE a END, 1 FROM prefecture_links WHERE :near = 1 AND (a = :pref OR b = :pref) UNION ALL
SELECT p.code, 2 FROM prefectures p WHERE :near = 1 AND p.code <> :pref AND p.block = (SELECT block
FROM prefectures WHERE code = :pref)), best_tier(code, tier) AS (SELECT code, min(tier) FROM tiers
GROUP BY code), cand(expert_id, tier) AS (SELECT e.account_id, t.tier FROM best_tier t JOIN experts
e ON e.prefecture = t.code UNION ALL SELECT s.expert_id, t.tier FROM best_tier t JOIN expert_serves
s ON s.prefecture = t.code UNION ALL SELECT account_id, 3 FROM experts WHERE remote = 1),
best(expert_id, tier) AS (SELECT expert_id, min(tier) FROM cand GROUP BY expert_id) SELECT
e.account_id, b.tier FROM best b JOIN experts e ON e.account_id = b.expert_id WHERE 1 %s %s ORDER
BY b.tier, e.account_id""" % (SKILL, FILTERS)
SEARCH_ANY = "SELECT e.account_id, 0 FROM experts e WHERE 1 %s %s ORDER BY e.account_id" % (
    SKILL, FILTERS)


def like(q):
    if not q:
        return None
    return "%" + "".join("\\" + c if c in "%_\\" else c for c in q) + "%"


def reference_directory(db, q, level):
    args = {"pref": q.get("pref"), "near": 1 if q.get("near") else 0, "skill": q.get("skill"),
            "min_level": int(q.get("min_level") or 1), "role": q.get("role"),
            "mode": {"remote": 1, "onsite": 2}.get(q.get("mode")),
            "on_call": None if q.get("on_call") is None else int(q["on_call"]),
            "certified": None if q.get("certified") is None else int(q["certified"]),
            "like": like(q.get("q")), "lvl": level}
    sql = SEARCH_PREF if q.get("pref") else SEARCH_ANY
    return [(i, t) for i, t in db.execute(sql, args)]


# ---- the reference: matching (the rules of src/domain/match.c, over every relevant expert) ----

REMOTE_POINTS, ONSITE_POINTS = [20, 15, 10, 5], [40, 25, 10, 0]


def fold(s):
    return unicodedata.normalize("NFKC", s).casefold()


def distance(db, target, places):
    if target in places:
        return 0
    nb = {b if a == target else a for a, b in db.execute(
        "SELECT a, b FROM prefecture_links WHERE a = ? OR b = ?", (target, target))}
    if nb & places:
        return 1
    block = {c for (c,) in db.execute(
        "SELECT code FROM prefectures WHERE block = (SELECT block FROM prefectures WHERE code = ?)",
        (target,))}
    return 2 if block & places else 3


def reference_matches(db, request_id, now):
    kind, mode, pref, company = db.execute(
        "SELECT kind, mode, prefecture, company_id FROM requests WHERE id = ?", (request_id,)).fetchone()
    topics = [t for (t,) in db.execute("SELECT skill FROM request_topics WHERE request_id = ?", (request_id,))]
    roles = [r for (r,) in db.execute("SELECT role FROM request_roles WHERE request_id = ?", (request_id,))]
    vendors = [fold(v) for (v,) in db.execute("SELECT name FROM company_vendors WHERE company_id = ?", (company,))]
    incident, onsite = kind == "incident", mode == "onsite"
    if incident and not topics and not roles:
        roles = ["responder"]
    marks = ",".join("?" * len(topics)) or "NULL"
    rmarks = ",".join("?" * len(roles)) or "NULL"
    pool = db.execute(
        """SELECT e.account_id, e.prefecture, e.remote, e.modes, e.on_call, e.hours_per_week,
        (SELECT status FROM certificates c WHERE c.expert_id = e.account_id ORDER BY id DESC LIMIT 1),
        (SELECT count(*) FROM request_assignees x JOIN requests q ON q.id = x.request_id
          WHERE x.expert_id = e.account_id AND q.status <> 'closed'),
        (SELECT count(*) FROM ratings g JOIN request_assignees x ON x.request_id = g.request_id
          WHERE x.expert_id = e.account_id),
        (SELECT coalesce(sum(g.stars), 0) FROM ratings g JOIN request_assignees x
          ON x.request_id = g.request_id WHERE x.expert_id = e.account_id),
        (SELECT max(assigned_at) FROM request_assignees x WHERE x.expert_id = e.account_id)
        FROM experts e WHERE e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL AND
        (e.account_id IN (SELECT expert_id FROM expert_skills WHERE skill IN (%s))
         OR e.account_id IN (SELECT expert_id FROM expert_roles WHERE role IN (%s)))""" % (marks, rmarks),
        topics + roles).fetchall()
    out = []
    for (eid, home, remote, modes, on_call, hours, cert, open_cases, ratings, stars, last) in pool:
        places = {home} | {p for (p,) in db.execute("SELECT prefecture FROM expert_serves WHERE expert_id = ?", (eid,))}
        conflicts = [fold(c) for (c,) in db.execute("SELECT name FROM expert_conflicts WHERE expert_id = ?", (eid,))]
        skills = dict(db.execute("SELECT skill, level FROM expert_skills WHERE expert_id = ?", (eid,)))
        eroles = {r for (r,) in db.execute("SELECT role FROM expert_roles WHERE expert_id = ?", (eid,))}
        if cert in ("suspended", "revoked") or any(v.lower() == c.lower() for v in vendors for c in conflicts):
            continue
        d = distance(db, pref, places)
        can_remote, can_onsite = bool(remote or modes & 1), bool(modes & 2)
        if d == 3 and (onsite or not can_remote):
            continue
        if onsite and not can_onsite and d != 0:
            continue
        score = (ONSITE_POINTS if onsite else REMOTE_POINTS)[d]
        relevant = 0
        for t in topics:
            if t in skills:
                score += 10 * skills[t]
                relevant += 1
        for r in roles:
            if r in eroles:
                score += 15
                relevant += 1
        if relevant == 0:
            continue
        if incident and on_call:
            score += 20
        if cert == "valid":
            score += 15
        if ratings:
            avg10 = stars * 10 // ratings
            score += int((avg10 - 30) * 5 / 10)  # C truncates toward zero
        capacity = hours // 4 if hours >= 4 else 1
        if open_cases >= capacity:
            score -= 25
        elif open_cases > 0:
            score -= 5 * open_cases
        days = (now - last) // 86400 if last else -1
        if 0 <= days < 7:
            score -= 6
        elif 7 <= days < 30:
            score -= 2
        out.append((eid, score))
    out.sort(key=lambda x: (-x[1], x[0]))
    return out[:20]


# ---- generated data ----

class World:
    def __init__(self, srv, rng):
        self.srv, self.rng = srv, rng
        self.db = sqlite3.connect(srv.db, timeout=30)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.prefs = [c for (c,) in self.db.execute("SELECT code FROM prefectures ORDER BY code")]
        self.skills = [c for (c,) in self.db.execute("SELECT code FROM skills ORDER BY sort")]
        self.roles = [c for (c,) in self.db.execute("SELECT code FROM expert_role_types ORDER BY sort")]
        self.next_id = 100000
        self.now = int(time.time())
        self.experts = []
        self.companies = []
        self.requests = []

    def pref(self):
        # most experts in a few prefectures, so tiers and pages have many to order
        return self.rng.choice(self.prefs[12:15] * 6 + self.prefs)

    def expert(self):
        r, eid = self.rng, self.next_id
        self.next_id += 1
        self.db.execute("INSERT INTO accounts(id, email, password_hash, display_name, role, prefecture,"
                        " created_at, password_changed_at) VALUES (?, ?, 'x', ?, 'expert', '13', ?, ?)",
                        (eid, "e%d@example.jp" % eid, "expert %d" % eid, self.now, self.now))
        self.write_profile(eid, new=True)
        self.experts.append(eid)
        return eid

    def write_profile(self, eid, new=False):
        r = self.rng
        words = " ".join(r.sample(WORDS, r.randint(0, 3)))
        name = "%s %d" % (r.choice(["山田", "Sato", "sato", "ＳＡＴＯ", "田中 UTM"]), eid)
        vis = [r.randint(0, 3) for _ in range(11)]
        vis[8] = r.randint(0, 1)  # conflicts: public or users only
        cols = (eid, name, self.pref(), int(r.random() < 0.3), r.randint(0, 3), r.choice([0, 2, 4, 8, 16]),
                int(r.random() < 0.4), "ja", words, "", 0, None,
                None if r.random() < 0.1 else self.now - 86400, int(r.random() < 0.05), *vis, self.now, self.now)
        self.db.execute("INSERT OR REPLACE INTO experts(account_id, display_name, prefecture, remote, modes,"
                        " hours_per_week, on_call, languages, bio, employer, employer_supports, background,"
                        " ethics_accepted_at, hidden, v_modes, v_hours_per_week, v_on_call, v_languages, v_bio,"
                        " v_employer, v_employer_supports, v_background, v_conflicts, v_ethics_accepted,"
                        " v_modules, created_at, updated_at) VALUES (%s)" % ",".join("?" * 27), cols)
        for table in ("expert_skills", "expert_roles", "expert_serves", "expert_conflicts"):
            self.db.execute("DELETE FROM %s WHERE expert_id = ?" % table, (eid,))
        for s in r.sample(self.skills, r.randint(0, 4)):
            self.db.execute("INSERT INTO expert_skills VALUES (?, ?, ?)", (eid, s, r.randint(1, 4)))
        for ro in r.sample(self.roles, r.randint(0, 2)):
            self.db.execute("INSERT INTO expert_roles VALUES (?, ?)", (eid, ro))
        for p in r.sample(self.prefs, r.choice([0, 0, 1, 3])):
            self.db.execute("INSERT OR IGNORE INTO expert_serves VALUES (?, ?)", (eid, p))
        for v in r.sample(VENDORS, r.choice([0, 0, 0, 1])):
            self.db.execute("INSERT OR IGNORE INTO expert_conflicts VALUES (?, ?)", (eid, v))
        if new and r.random() < 0.4:
            self.certificate(eid)

    def certificate(self, eid):
        r = self.rng
        self.db.execute("INSERT INTO certificates(number, expert_id, level, issued_on, expires_on, status,"
                        " updated_at) VALUES (?, ?, 'basic', '2026-01-01', '2027-01-01', ?, ?)",
                        ("KK-%d-%d" % (eid, r.randint(0, 10 ** 9)), eid,
                         r.choice(["valid", "valid", "expired", "suspended", "revoked"]), self.now))

    def company(self):
        cid = self.next_id
        self.next_id += 1
        self.db.execute("INSERT INTO accounts(id, email, password_hash, display_name, role, prefecture,"
                        " created_at, password_changed_at) VALUES (?, ?, 'x', ?, 'sme', '13', ?, ?)",
                        (cid, "c%d@example.jp" % cid, "company %d" % cid, self.now, self.now))
        self.db.execute("INSERT INTO companies(account_id, name, prefecture, industry, employees, created_at,"
                        " updated_at) VALUES (?, ?, ?, 'E', '6-20', ?, ?)",
                        (cid, "株式会社 %d" % cid, self.pref(), self.now, self.now))
        for v in self.rng.sample(VENDORS, self.rng.choice([0, 1, 2])):
            self.db.execute("INSERT OR IGNORE INTO company_vendors VALUES (?, ?)", (cid, v))
        self.companies.append(cid)

    def request(self, status=None):
        r = self.rng
        cid = r.choice(self.companies)
        kind = r.choice(["advice", "incident"])
        pref = self.pref()
        cur = self.db.execute(
            "INSERT INTO requests(company_id, prefecture, filed_in, kind, description, mode, urgency,"
            " status, created_at, updated_at) VALUES (?, ?, ?, ?, 'generated', ?, 'normal', ?, ?, ?)",
            (cid, pref, pref, kind, r.choice(["remote", "onsite"]),
             status or r.choice(["open", "assigned", "closed"]), self.now, self.now))
        rid = cur.lastrowid
        for s in r.sample(self.skills, r.choice([0, 1, 1, 2, 3])):
            self.db.execute("INSERT INTO request_topics VALUES (?, ?)", (rid, s))
        for ro in r.sample(self.roles, r.choice([0, 0, 1, 2])):
            self.db.execute("INSERT INTO request_roles VALUES (?, ?)", (rid, ro))
        self.requests.append(rid)
        return rid

    def assign(self):
        """A past case: assignees (days ago, away from a day's edge), maybe rated."""
        r = self.rng
        rid = self.request()
        days = r.choice([0, 3, 10, 40])
        for eid in r.sample(self.experts, r.randint(1, 2)):
            self.db.execute("INSERT OR IGNORE INTO request_assignees VALUES (?, ?, ?)",
                            (rid, eid, self.now - days * 86400 - 3 * 3600))
        if r.random() < 0.5:
            self.db.execute("INSERT OR REPLACE INTO ratings VALUES (?, ?, '', ?)", (rid, r.randint(1, 5), self.now))

    def change(self):
        """A random change to the registry, written straight to the database."""
        r, eid = self.rng, self.rng.choice(self.experts)
        what = r.randrange(7)
        if what == 0:
            self.write_profile(eid)
        elif what == 1:
            self.db.execute("UPDATE experts SET hidden = 1 - hidden WHERE account_id = ?", (eid,))
        elif what == 2:
            f = r.choice(["v_bio", "v_on_call", "v_modes", "v_hours_per_week"])
            self.db.execute("UPDATE experts SET %s = ? WHERE account_id = ?" % f, (r.randint(0, 3), eid))
        elif what == 3:
            self.certificate(eid)
        elif what == 4:
            self.db.execute("UPDATE certificates SET status = ? WHERE expert_id = ?",
                            (r.choice(["valid", "suspended", "expired"]), eid))
        elif what == 5:
            self.db.execute("DELETE FROM accounts WHERE id = ?", (eid,))
            self.experts.remove(eid)
        else:
            self.expert()

    def commit(self):
        self.db.commit()


def random_query(rng, w):
    q = {}
    if rng.random() < 0.6:
        q["pref"] = w.pref()
        if rng.random() < 0.5:
            q["near"] = "1"
    if rng.random() < 0.5:
        q["skill"] = rng.choice(w.skills)
        if rng.random() < 0.5:
            q["min_level"] = str(rng.randint(1, 4))
    if rng.random() < 0.3:
        q["role"] = rng.choice(w.roles)
    if rng.random() < 0.3:
        q["mode"] = rng.choice(["remote", "onsite"])
    if rng.random() < 0.3:
        q["on_call"] = rng.choice(["0", "1"])
    if rng.random() < 0.3:
        q["certified"] = rng.choice(["0", "1"])
    if rng.random() < 0.3:
        word = rng.choice(WORDS + ["sato", "SATO", "ＳＡＴＯ", "山田 1", "utm"])
        q["q"] = word
    return q


class Model(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rng = random.Random(SEED)
        cls.admin = cls.srv.admin(PW)
        cls.srv.add_user("user@example.jp", "sme", PW, "13")
        cls.user = cls.srv.client()
        cls.user.login_api("user@example.jp", PW)
        cls.anon = cls.srv.client()
        cls.w = World(cls.srv, cls.rng)
        for _ in range(EXPERTS):
            cls.w.expert()
        for _ in range(40):
            cls.w.company()
        for _ in range(600):
            cls.w.assign()
        cls.w.commit()

    def directory_round(self, n):
        callers = [(self.anon, 0), (self.user, 1), (self.admin, 2)]
        nonempty = 0
        for _ in range(n):
            q = random_query(self.rng, self.w)
            client, level = self.rng.choice(callers)
            want = reference_directory(self.w.db, q, level)
            pages = max(1, (len(want) + 19) // 20)
            page = self.rng.choice([1, 1, 2, pages, pages + 1])
            r = client.get("/api/v1/experts?" + urllib.parse.urlencode(dict(q, page=str(page))))
            self.assertEqual(r.status, 200, r.text)
            got = r.json()
            self.assertEqual(got["total"], len(want), q)
            expected = want[(page - 1) * 20:page * 20]
            self.assertEqual([e["id"] for e in got["experts"]], [i for i, _ in expected], (q, page, level))
            nonempty += bool(expected)
            if "pref" in q:
                names = ["same", "neighbour", "block", "remote"]
                self.assertEqual([e["distance"] for e in got["experts"]], [names[t] for _, t in expected], q)
        self.assertGreater(nonempty, n // 3)  # most queries find someone: the test compares lists

    def match_round(self, n):
        found = 0
        for _ in range(n):
            rid = self.w.request(status="open")
            self.w.commit()
            r = self.admin.get("/api/v1/requests/%d/matches" % rid)
            self.assertEqual(r.status, 200, r.text)
            got = [(c["expert_id"], c["score"]) for c in r.json()["candidates"]]
            self.assertEqual(got, reference_matches(self.w.db, rid, int(time.time())), rid)
            found += len(got) >= 5
        self.assertGreater(found, n // 2)

    def test_directory_and_matching_equal_the_reference_through_changes(self):
        self.directory_round(400)
        self.match_round(80)
        for _ in range(3):
            for _ in range(self.rng.randint(20, 60)):
                self.w.change()
            for _ in range(20):
                self.w.assign()
            self.w.commit()
            self.directory_round(200)
            self.match_round(40)



class Visibility(kk.ServerCase):
    """On its own database, so the expert is the only candidate near."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)
        cls.w = World(cls.srv, random.Random(SEED))
        cls.w.company()
        cls.w.commit()

    def test_a_visibility_change_shows_at_once_in_both_processes(self):
        other = kk.Server(db=self.srv.db)
        try:
            c = self.srv.client()
            email = "visible@example.jp"
            self.assertEqual(c.api("POST", "/api/v1/accounts", {
                "email": email, "password": PW, "display_name": "見える 専門家", "role": "expert",
                "prefecture": "47"}).status, 201)
            c.login_api(email, PW)
            profile = {"display_name": "見える 専門家", "prefecture": "47", "bio": "zebracrossing の専門",
                       "skills": [{"code": "incident_response", "level": 3}], "roles": ["responder"],
                       "modes": ["remote"], "on_call": True, "ethics_accepted": True, "hours_per_week": 8,
                       "visibility": {"bio": "public", "on_call": "desks"}}
            self.assertIn(c.api("PUT", "/api/v1/experts/me", profile).status, (200, 201))
            me = c.get("/api/v1/me").json()["id"]
            servers = [self.srv, other]

            def found(srv):
                r = srv.client().get("/api/v1/experts?q=zebracrossing")
                return [e["id"] for e in r.json()["experts"]]
            for s in servers:
                self.assertEqual(found(s), [me])
            # an incident in Okinawa: the on-call reason shows to the desk
            rid = self.w.request(status="open")
            self.w.db.execute("UPDATE requests SET kind = 'incident', prefecture = '47', mode = 'remote'"
                              " WHERE id = ?", (rid,))
            self.w.db.execute("DELETE FROM request_topics WHERE request_id = ?", (rid,))
            self.w.db.execute("DELETE FROM request_roles WHERE request_id = ?", (rid,))
            self.w.db.execute("INSERT INTO request_roles VALUES (?, 'responder')", (rid,))
            self.w.commit()
            admin2 = other.client()
            admin2.login_api("admin@example.jp", PW)

            def reasons(client):
                for cand in client.get("/api/v1/requests/%d/matches" % rid).json()["candidates"]:
                    if cand["expert_id"] == me:
                        return cand["reasons"]
                self.fail("the expert is not a candidate")
            for client in (self.admin, admin2):
                self.assertIn("緊急対応可", reasons(client))
            # Now private: the directory and the reasons follow at once, in both processes.
            profile["visibility"] = {"bio": "private", "on_call": "private"}
            self.assertEqual(c.api("PUT", "/api/v1/experts/me", profile).status, 200)
            for s in servers:
                self.assertEqual(found(s), [])
            for client in (self.admin, admin2):
                self.assertNotIn("緊急対応可", reasons(client))
            # and back
            profile["visibility"] = {"bio": "public", "on_call": "desks"}
            self.assertEqual(c.api("PUT", "/api/v1/experts/me", profile).status, 200)
            for s in servers:
                self.assertEqual(found(s), [me])
        finally:
            other.close()


if __name__ == "__main__":
    kk.main("registry-model")
