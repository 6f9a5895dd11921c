"""The self-assessment against a real server: the item bank, scoring through
the API, bad input refused with nothing written, another company's result is
404, the peer group widens until it has 10 companies and counts only those
that consent, the what-if, the screen-by-screen pages with answers kept, a
draft taken without an account and claimed at login, and the consultation
form pre-filled from the gaps."""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "assessment test password"


class Assessment(kk.ServerCase):
    n = 0

    def company(self, industry="E", employees="6-20", pref="27", consent=True):
        Assessment.n += 1
        email = "co%d@example.jp" % Assessment.n
        r = self.srv.client().api("POST", "/api/v1/accounts", {
            "email": email, "password": PW, "display_name": "Co %d" % Assessment.n,
            "role": "sme", "prefecture": pref})
        self.assertEqual(r.status, 201, r.text)
        c = self.srv.client()
        self.assertEqual(c.login_api(email, PW).status, 200)
        c.email = email
        r = c.api("PUT", "/api/v1/companies/me", {
            "name": "Co %d" % Assessment.n, "prefecture": pref, "industry": industry,
            "employees": employees, "vendors": [], "statistics_consent": consent})
        self.assertIn(r.status, (200, 201), r.text)
        return c

    def items(self):
        r = self.srv.client().get("/api/v1/assessment/items")
        self.assertEqual(r.status, 200)
        return r.json()["items"]

    def answers(self, answer="done", overrides=None):
        out = [{"item": it["id"], "answer": answer} for it in self.items()]
        for a in out:
            if overrides and a["item"] in overrides:
                a["answer"] = overrides[a["item"]]
        return out

    def count(self, table):
        return self.srv.sql("SELECT count(*) FROM %s" % table)[0][0]

    def test_items_are_the_bank_in_both_languages(self):
        items = self.items()
        self.assertTrue(30 <= len(items) <= 40)
        self.assertEqual({it["function"] for it in items}, {"GV", "ID", "PR", "DE", "RS", "RC"})
        first = items[0]
        for key in ("question", "why", "first_step", "effort", "skills", "roles", "answers"):
            self.assertTrue(first[key], key)
        self.assertIn("dont_know", first["answers"])
        en = self.srv.client(headers={"Accept-Language": "en"}).get("/api/v1/assessment/items")
        self.assertNotEqual(en.json()["items"][0]["question"], first["question"])

    def test_scores_and_bad_input(self):
        c = self.company(consent=False)
        before = self.count("assessments")
        ids = [it["id"] for it in self.items()]
        bad = [
            ({"answers": self.answers() + [{"item": "ZZ9", "answer": "done"}]}, "unknown_item"),
            ({"answers": self.answers()[:-1] + [dict(self.answers()[0])]}, "duplicate"),
            ({"answers": self.answers(overrides={ids[0]: "maybe"})}, "answer"),
            ({"answers": self.answers()[:-1]}, "incomplete"),
            ({"answers": "all done"}, "type"),
        ]
        for body, reason in bad:
            r = c.api("POST", "/api/v1/assessments", body)
            self.assertEqual(r.status, 400, reason)
            self.assertEqual(r.json()["error"]["field"], "answers")
            self.assertEqual(r.json()["error"]["reason"], reason)
        self.assertEqual(self.count("assessments"), before, "nothing written")
        # Everything done (3 of 4 points) is 75; reviewed is 100.
        r = c.api("POST", "/api/v1/assessments", {"answers": self.answers("done")})
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(r.json()["total"], 75)
        self.assertEqual(r.json()["functions"]["GV"], 75)
        self.assertEqual(r.json()["actions"], [])
        # Not applicable leaves an item out; the gaps become actions, five at most.
        over = {ids[0]: "not_done", ids[1]: "not_applicable", ids[7]: "dont_know"}
        r = c.api("POST", "/api/v1/assessments", {"answers": self.answers("reviewed", over)})
        self.assertEqual(r.status, 201)
        got = r.json()
        self.assertLess(got["total"], 100)
        self.assertEqual([a["item"] for a in got["actions"]][:2], [ids[0], ids[7]])
        hist = c.get("/api/v1/assessments").json()["assessments"]
        self.assertEqual(len(hist), 2)
        self.assertEqual(hist[0]["id"], got["id"])
        # Another company, a visitor and an admin do not see it.
        other = self.company()
        self.assertEqual(other.get("/api/v1/assessments/%d" % got["id"]).status, 404)
        self.assertEqual(self.srv.client().get("/assessments/%d" % got["id"]).status, 404)
        self.assertEqual(c.get("/api/v1/assessments/%d" % got["id"]).status, 200)

    def test_peers_widen_and_only_consenting_companies_count(self):
        # 10 companies of industry F in Kanto (13), sizes differ: industry + size has 5,
        # so the comparison widens to the industry. Two more refuse consent.
        totals = []
        for i in range(10):
            c = self.company(industry="F", employees="1-5" if i < 5 else "21-50", pref="13")
            answer = "done" if i % 2 else "partly"
            r = c.api("POST", "/api/v1/assessments", {"answers": self.answers(answer)})
            self.assertEqual(r.status, 201)
            totals.append(r.json()["total"])
        for i in range(2):
            c = self.company(industry="F", employees="1-5", pref="13", consent=False)
            c.api("POST", "/api/v1/assessments", {"answers": self.answers("not_done")})
        me = self.company(industry="F", employees="1-5", pref="13")
        r = me.api("POST", "/api/v1/assessments", {"answers": self.answers("reviewed")})
        bench = r.json()["benchmark"]
        self.assertEqual(bench["group"], "i:F")
        self.assertEqual(bench["size"], 11)  # the 10, and me; not the two who refused
        # 10 below 100 and me equal: (10 + 0.5) / 11.
        self.assertAlmostEqual(bench["percentile"], 100 * 10.5 / 11, places=3)
        # Withdrawing consent takes me out; a company that never agreed counts nowhere.
        me.api("PUT", "/api/v1/companies/me", {
            "name": "Me", "prefecture": "13", "industry": "F", "employees": "1-5",
            "vendors": [], "statistics_consent": False})
        n = self.srv.sql("SELECT n FROM peer_scores WHERE grp = 'i:F' AND score = 100")
        self.assertEqual(n[0][0] if n else 0, 0)
        self.assertEqual(self.srv.sql("SELECT sum(n) FROM peer_scores WHERE grp = 'i:F'")[0][0], 10)
        # The what-if: closing a gap raises the total; an unknown item is refused.
        low = self.company(industry="F", employees="1-5", pref="13")
        r = low.api("POST", "/api/v1/assessments", {"answers": self.answers("not_done")})
        aid, ids = r.json()["id"], [it["id"] for it in self.items()]
        sim = low.api("POST", "/api/v1/assessments/%d/simulate" % aid, {"actions": ids[:3]})
        self.assertEqual(sim.status, 200)
        self.assertGreater(sim.json()["total"], sim.json()["from"])
        self.assertIsNotNone(sim.json()["percentile"])
        bad = low.api("POST", "/api/v1/assessments/%d/simulate" % aid, {"actions": ["ZZ9"]})
        self.assertEqual(bad.status, 400)

    def test_pages_keep_answers_and_a_draft_is_claimed_at_login(self):
        visitor = self.srv.client()
        page = visitor.get("/assessment")
        self.assertEqual(page.status, 200)
        codes = sorted(set(re.findall(r'name="(GV\d)"', page.text)))
        self.assertGreaterEqual(len(codes), 5)
        csrf = visitor.csrf_token("/assessment")
        # A screen with one item unanswered: 400 beside it, the others kept as chosen.
        fields = {"step": "0"}
        for code in codes[1:]:
            fields[code] = "partly"
        r = visitor.form("/assessment", fields, csrf=csrf)
        self.assertEqual(r.status, 400)
        self.assertIn("field-error", r.text)
        self.assertEqual(len(re.findall(r'value="partly" checked', r.text)), len(codes) - 1)
        for step in range(6):
            page = visitor.get("/assessment?step=%d" % step)
            items = sorted(set(re.findall(r'<input type="radio" name="([A-Z]{2}\d)"', page.text)))
            fields = {"step": str(step)}
            for code in items:
                fields[code] = "not_done" if code.endswith("1") else "done"
            r = visitor.form("/assessment", fields, csrf=csrf)
            self.assertEqual(r.status, 303, r.text[:300])
            if step == 0:  # leaving and coming back: the answers are still there
                back = visitor.get("/assessment?step=0")
                self.assertEqual(back.text.count('value="done" checked'), len(items) - 1)
        result = r.header("Location")
        self.assertRegex(result, r"^/assessments/\d+$")
        page = visitor.get(result)
        self.assertEqual(page.status, 200)
        self.assertIn("<svg class=\"radar\"", page.text)
        self.assertIn("<table>", page.text)
        # Simulating by form shows the new total on the page.
        ticked = re.findall(r'name="actions" value="([A-Z]{2}\d)"', page.text)
        self.assertTrue(ticked)
        r = visitor.form(result + "/simulate", {"actions": ticked[0]}, csrf=csrf)
        self.assertEqual(r.status, 200)
        self.assertIn("notice", r.text)
        # Someone else's browser does not see the draft; logging in as a company claims it.
        self.assertEqual(self.srv.client().get(result).status, 404)
        owner = self.company()
        visitor.form("/login", {"email": owner.email, "password": PW}, csrf=csrf)
        aid = int(result.rsplit("/", 1)[1])
        self.assertEqual(self.srv.sql("SELECT company_id FROM assessments WHERE id = ?", aid)[0][0],
                         owner.get("/api/v1/me").json()["id"])
        self.assertEqual(visitor.get(result).status, 200)
        # "Consult about this": the request form with the gaps described and their topics ticked.
        r = visitor.form(result + "/consult", {}, csrf=visitor.csrf_token(result))
        self.assertEqual(r.status, 303, r.text[:500])
        form = visitor.get(r.header("Location"))
        self.assertEqual(form.status, 200)
        self.assertRegex(form.text, r"<textarea[^>]*>[^<]*\d+/100")
        self.assertRegex(form.text, r'name="topics" value="governance" checked')


if __name__ == "__main__":
    kk.main("assessment")
