"""Search over more rows than its sample window (20,000 generated questions):
totals are exact up to 500 matches and a lower bound ("500 件以上") beyond,
rare terms are counted exactly, filters hold for every hit, pages do not overlap,
and the first page is ranked by score."""

import os
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "search scale password"
ROWS = 20000
CAP = 500  # COUNT_CAP in src/store/qa_search.c

# Rows whose indexed text (title, body, visible answers) holds `word`, as SQL.
HOLDS = ("SELECT count(*) FROM questions q WHERE q.hidden = 0 AND (instr(q.title, ?1) OR"
         " instr(q.body, ?1) OR EXISTS (SELECT 1 FROM answers a WHERE a.question_id = q.id"
         " AND a.hidden = 0 AND instr(a.body, ?1)))")


class SearchScale(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv.seed("--questions", str(ROWS))
        cls.srv.add_user("asker@example.jp", "sme", PW)
        cls.asker = cls.srv.client()
        cls.asker.login_api("asker@example.jp", PW)
        r = cls.asker.api("POST", "/api/v1/questions", {
            "title": "珍しい単語ズワイガニ漁船のネットワーク", "body": "漁船の無線LANについての相談です。",
            "topic": "network", "level": 3})
        assert r.status == 201, r.text
        cls.rare = r.json()["id"]

    def search(self, **args):
        r = self.srv.client().get("/api/v1/search?" + urllib.parse.urlencode(args))
        self.assertEqual(r.status, 200, (args, r.text))
        return r.json()

    def test_totals_are_exact_up_to_the_cap_and_a_lower_bound_beyond(self):
        above = 0
        for word in ["対策", "詐", "パスワード", "について"]:
            truth = self.srv.sql(HOLDS, word)[0][0]
            self.assertGreater(truth, CAP, word)
            got = self.search(q=word)
            if truth <= CAP:
                self.assertEqual((got["total"], got["total_exact"]), (truth, True), word)
            else:
                above += 1
                self.assertEqual((got["total"], got["total_exact"]), (CAP, False), word)
            self.assertEqual(len(got["hits"]), 20)
            for h in got["hits"]:
                self.assertIn("<mark>", h["snippet"], word)
            scores = [h["score"] for h in got["hits"]]
            self.assertEqual(scores, sorted(scores, reverse=True), word)
        self.assertGreater(above, 0)  # one word at least is past the cap

    def test_rare_terms_are_counted_exactly(self):
        got = self.search(q="ズワイガニ")
        self.assertTrue(got["total_exact"])
        self.assertEqual(got["total"], 1)
        self.assertEqual(got["hits"][0]["question_id"], self.rare)
        got = self.search(q="漁船 無線")
        self.assertEqual((got["total"], got["total_exact"]), (1, True))
        self.assertEqual(self.search(q="ズワイガニ 対策")["total"], 0)

    def test_filters_hold_for_every_hit(self):
        got = self.search(q="対策", topic="malware", level=2)
        truth = self.srv.sql(HOLDS + " AND q.topic = 'malware' AND q.level = 2", "対策")[0][0]
        self.assertGreater(truth, 50)
        self.assertEqual((got["total"], got["total_exact"]), (truth, True))
        self.assertEqual(len(got["hits"]), 20)
        for h in got["hits"]:
            q = self.srv.client().get("/api/v1/questions/%d" % h["question_id"]).json()
            self.assertEqual((q["topic"], q["level"]), ("malware", 2))
        self.assertEqual(self.search(q="ズワイガニ", topic="network", level=3)["total"], 1)
        self.assertEqual(self.search(q="ズワイガニ", topic="network", level=2)["total"], 0)
        self.assertEqual(self.search(q="ズワイガニ", topic="malware")["total"], 0)

    def test_the_filter_words_are_not_found_by_typing_them(self):
        """The index's filter words (the topic in hex, with the level) are facet words: the
        same letters typed, or with the marker byte, find nothing; the filter still does."""
        word = "t" + "malware".encode().hex().upper()
        self.assertGreater(self.search(q="対策", topic="malware")["total"], 50)
        for q in (word, word + "l2", word.lower(), "\x1f" + word, "\x1f" + word + "l2"):
            self.assertEqual(self.search(q=q)["total"], 0, q)

    def test_pages_do_not_overlap(self):
        ids = []
        for page in (1, 2, 3):
            ids += [h["question_id"] for h in self.search(q="ウイルス", page=page)["hits"]]
        self.assertEqual(len(ids), 60)
        self.assertEqual(len(set(ids)), 60)

    def test_similar_questions_at_scale(self):
        r = self.srv.client().get("/api/v1/questions/similar?title=" +
                                  urllib.parse.quote("ズワイガニ漁船のネットワーク"))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["questions"][0]["id"], self.rare)

    def test_generated_history_is_not_followed_up(self):
        self.assertEqual(self.srv.sql("SELECT count(*) FROM questions WHERE followup < 2 AND id <> ?",
                                      self.rare)[0][0], 0)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM notifications WHERE kind = 'question_waiting'")[0][0], 0)

    def test_the_search_page_says_when_a_total_is_a_lower_bound(self):
        word = max(["対策", "詐", "パスワード", "について"], key=lambda w: self.srv.sql(HOLDS, w)[0][0])
        page = self.srv.client().get("/qa/search?q=" + urllib.parse.quote(word))
        self.assertEqual(page.status, 200)
        self.assertIn("%d 件以上" % CAP, page.text)
        self.assertIn("page=2", page.text)  # and the pages go on
        page = self.srv.client().get("/qa/search?q=" + urllib.parse.quote("ズワイガニ"))
        self.assertIn("1 件", page.text)
        self.assertNotIn("以上", page.text)


if __name__ == "__main__":
    kk.main("search-scale")
