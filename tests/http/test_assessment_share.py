"""A self-assessment from the result to help, against a real server: the
consultation filed through the API (whole result or one item) shares the
assessment with the desk and the experts on the case and nobody else; the
request form takes only the company's own assessment (400 and nothing written
otherwise); the Q&A about the weakest items; a profile change moves the peer
figures; the account export holds the assessments; deleting the account takes
its figures out of the statistics."""

import os
import re
import shutil
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402
from test_desks import World, PW  # noqa: E402


class Share(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.w = World(cls.srv)

    def items(self):
        return self.srv.client().get("/api/v1/assessment/items").json()["items"]

    def assess(self, company, gaps=("RC1", "RC2", "GV1")):
        answers = [{"item": it["id"], "answer": "not_done" if it["id"] in gaps else "done"}
                   for it in self.items()]
        r = company.api("POST", "/api/v1/assessments", {"answers": answers})
        self.assertEqual(r.status, 201, r.text)
        return r.json()["id"]

    def browser(self, api_client):
        """The same account logged in through the login form, as a browser is."""
        c = self.srv.client()
        r = c.form("/login", {"email": api_client.email, "password": PW})
        self.assertEqual(r.status, 303)
        return c

    def count(self, table):
        return self.srv.sql("SELECT count(*) FROM %s" % table)[0][0]

    def test_consult_shares_with_the_desk_and_the_experts_on_the_case(self):
        w = self.w
        aid = self.assess(w.sme)
        # Bad input first: nothing is filed.
        before = self.count("requests")
        r = w.sme.api("POST", "/api/v1/assessments/%d/consult" % aid, {"item": "ZZ9"})
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["field"], "item")
        self.assertEqual(w.other_sme.api("POST", "/api/v1/assessments/%d/consult" % aid, {}).status, 404)
        self.assertEqual(w.e_osaka.api("POST", "/api/v1/assessments/%d/consult" % aid, {}).status, 403)
        self.assertEqual(self.count("requests"), before, "nothing written")
        # The whole result: advice at the company's desk, its gaps' topics and roles.
        r = w.sme.api("POST", "/api/v1/assessments/%d/consult" % aid, {})
        self.assertEqual(r.status, 201, r.text)
        rid = r.json()["id"]
        mine = w.sme.get("/api/v1/requests/%d" % rid).json()
        self.assertEqual(mine["kind"], "advice")
        self.assertIn("backup", mine["topics"])
        self.assertIn("governance", mine["topics"])
        self.assertTrue(mine["roles"])
        self.assertIn("/100", mine["description"])
        self.assertEqual(mine["assessment"]["id"], aid)
        self.assertEqual(self.srv.sql("SELECT desk_id FROM requests WHERE id = ?", rid)[0][0], w.osaka)
        # The desk sees it, on the API and the page; an admin and an outsider do not.
        desk = w.desk.get("/api/v1/requests/%d" % rid).json()
        self.assertEqual(desk["assessment"]["total"], mine["assessment"]["total"])
        self.assertEqual([a["item"] for a in desk["assessment"]["gaps"]], ["GV1", "RC1", "RC2"])
        self.assertIn("shared-assessment", w.desk.get("/requests/%d" % rid).text)
        admin = w.admin.get("/api/v1/requests/%d" % rid)
        self.assertEqual(admin.status, 200)
        self.assertNotIn("assessment", admin.json())
        self.assertNotIn("shared-assessment", w.admin.get("/requests/%d" % rid).text)
        self.assertEqual(w.e_advice.get("/api/v1/requests/%d" % rid).status, 404)
        self.assertEqual(w.other_sme.get("/api/v1/assessments/%d" % aid).status, 404)
        # Once assigned, the expert sees it too.
        r = w.desk.api("POST", "/api/v1/requests/%d/assign" % rid, {"expert_ids": [w.e_advice.id]})
        self.assertEqual(r.status, 200, r.text)
        seen = w.e_advice.get("/api/v1/requests/%d" % rid).json()
        self.assertEqual(seen["assessment"]["id"], aid)
        self.assertIn("shared-assessment", w.e_advice.get("/requests/%d" % rid).text)
        # One item: only that gap in the description.
        r = w.sme.api("POST", "/api/v1/assessments/%d/consult" % aid, {"item": "RC2"})
        self.assertEqual(r.status, 201, r.text)
        one = w.sme.get("/api/v1/requests/%d" % r.json()["id"]).json()
        self.assertEqual(one["description"].count("\n- "), 1)
        self.assertIn("backup", one["topics"])

    def test_the_form_shares_only_the_companys_own_assessment(self):
        w = self.w
        aid = self.assess(w.sme)
        theirs = self.assess(w.other_sme)
        sme = self.browser(w.sme)
        # The pre-filled form for one item: its topics ticked, sharing ticked.
        form = sme.form("/assessments/%d/consult" % aid, {"item": "RC1"},
                          csrf=sme.csrf_token("/assessments/%d" % aid))
        self.assertEqual(form.status, 303)
        self.assertIn("item=RC1", form.header("Location"))
        page = sme.get(form.header("Location"))
        self.assertRegex(page.text, r'name="topics" value="backup" checked')
        self.assertRegex(page.text, r'name="assessment_id" value="%d" checked' % aid)
        self.assertNotRegex(page.text, r'name="topics" value="governance" checked')
        # Someone else's assessment in the form: 400 beside nothing, nothing written.
        csrf = sme.csrf_token("/requests/new")
        before = self.count("requests")
        r = sme.form("/requests/new", {"kind": "advice", "description": "相談したい",
                                         "assessment_id": str(theirs)}, csrf=csrf)
        self.assertEqual(r.status, 400)
        self.assertEqual(self.count("requests"), before)
        r = w.sme.api("POST", "/api/v1/requests", {"kind": "advice", "description": "相談",
                                                   "assessment_id": theirs})
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["field"], "assessment_id")
        self.assertEqual(self.count("requests"), before)
        # Its own: stored with the request.
        r = sme.form("/requests/new", {"kind": "advice", "description": "バックアップの相談",
                                         "topics": "backup", "assessment_id": str(aid)}, csrf=csrf)
        self.assertEqual(r.status, 303, r.text[:300])
        rid = int(re.search(r"/requests/(\d+)", r.header("Location")).group(1))
        self.assertEqual(self.srv.sql("SELECT assessment_id FROM requests WHERE id = ?", rid)[0][0], aid)

    def test_result_lists_questions_about_the_weakest_items(self):
        w = self.w
        aid = self.assess(w.sme, gaps=("RC1",))
        self.assertEqual(w.sme.get("/assessments/%d" % aid).status, 200)  # looked up once
        # A question asked since is there the next time (the lookup is not kept stale).
        r = w.sme.api("POST", "/api/v1/questions", {
            "title": "バックアップはどこに保存すればよいですか", "body": "外付けディスクに毎日取っています。",
            "topic": "backup", "level": 1})
        self.assertEqual(r.status, 201, r.text)
        qid = r.json()["id"]
        page = w.sme.get("/assessments/%d" % aid)
        self.assertEqual(page.status, 200)
        self.assertIn('href="/questions/%d"' % qid, page.text)
        # Every gap is listed (folded), with the answer given.
        gaps = re.search(r'<details class="gaps">(.*?)</details>', page.text, re.S).group(1)
        self.assertIn("重要なデータのバックアップを定期的に取っていますか", gaps)
        self.assertEqual(gaps.count("<li>"), 1)

    def test_profile_change_moves_the_figures_and_deletion_removes_them(self):
        w = self.w
        c = w.user("sme", "13")
        body = {"name": "移る会社", "prefecture": "13", "industry": "G", "employees": "1-5",
                "vendors": [], "statistics_consent": True}
        self.assertIn(c.api("PUT", "/api/v1/companies/me", body).status, (200, 201))
        self.assess(c)

        def n(grp):
            rows = self.srv.sql("SELECT coalesce(sum(n), 0) FROM peer_scores WHERE grp = ?", grp)
            return rows[0][0]
        self.assertEqual(n("i:G"), 1)
        body["industry"] = "H"
        self.assertEqual(c.api("PUT", "/api/v1/companies/me", body).status, 200)
        self.assertEqual((n("i:G"), n("i:H")), (0, 1))
        # The export holds the profile and the assessments with their answers.
        ex = c.get("/api/v1/me/export").json()
        self.assertEqual(ex["company"]["industry"], "H")
        self.assertEqual(len(ex["company"]["assessments"]), 1)
        self.assertEqual(ex["company"]["assessments"][0]["answers"]["RC1"], "not_done")
        # Deleted with the account, and out of the statistics.
        everyone = n("all")
        r = c.api("DELETE", "/api/v1/me", {"password": PW})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(n("i:H"), 0)
        self.assertEqual(n("all"), everyone - 1)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM assessments WHERE company_id IS NULL")[0][0], 0)


class SeedData(unittest.TestCase):
    """seed --assessments: reproducible, spread unevenly, figures equal to the truth."""

    def seeded(self, n):
        db = os.path.join(self.tmp(), "kk.db")
        r = kk.run_cli("seed", "--assessments", str(n), db=db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("%d assessed companies added" % n, r.stdout)
        return sqlite3.connect(db)

    def test_seed_is_reproducible_uneven_and_its_figures_are_right(self):
        a, b = self.seeded(1500), self.seeded(1500)
        q = "SELECT c.prefecture, c.industry, c.employees, s.total FROM assessments s" \
            " JOIN companies c ON c.account_id = s.company_id ORDER BY s.id"
        rows = a.execute(q).fetchall()
        self.assertEqual(rows, b.execute(q).fetchall())
        self.assertEqual(len(rows), 1500)
        by_pref = {}
        for p, *_ in rows:
            by_pref[p] = by_pref.get(p, 0) + 1
        self.assertGreater(by_pref.get("13", 0), 3 * by_pref.get("31", 0))  # Tokyo ≫ Tottori
        def mean(ind):
            t = [r[3] for r in rows if r[1] == ind]
            return sum(t) / len(t)
        self.assertGreater(mean("G"), mean("N") + 10)  # IT companies score higher than hotels
        # The histogram of everyone is the consenting companies' totals, nothing else.
        truth = a.execute("SELECT s.total, count(*) FROM assessments s JOIN companies c"
                          " ON c.account_id = s.company_id WHERE c.statistics_consent = 1"
                          " GROUP BY 1").fetchall()
        figures = a.execute("SELECT score, n FROM peer_scores WHERE grp = 'all'"
                            " ORDER BY score").fetchall()
        self.assertEqual(sorted(truth), figures)
        self.assertLess(sum(n for _, n in figures), 1500)
        bad = kk.run_cli("seed", "--assessments", "0", db=os.path.join(self.tmp(), "x.db"))
        self.assertNotEqual(bad.returncode, 0)

    def tmp(self):
        d = tempfile.mkdtemp(prefix="kk-seed-")
        self.addCleanup(shutil.rmtree, d)
        return d


if __name__ == "__main__":
    kk.main("assessment-share")
