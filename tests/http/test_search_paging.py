"""Nothing is lost by paging: on 3,000 generated questions (many matches for common
words, more than the ranked candidates) and a few with Latin words, following the pages
of a search returns exactly the questions a brute-force scan finds — each term a
substring of the title or of the text with its visible answers, after NFKC and case
folding; a word of Latin letters or digits also as the start of a longer word — with no
question twice and the total exact. One and two characters, a Latin word, a phrase and
several terms, and each filtered by level (one lane of the index), by topic (all four
lanes) and by both; the ranked part first, then the rest newest first across the lanes."""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

CAP = 500  # COUNT_CAP in src/store/qa_search.c

PW = "search paging password"
LATIN = [  # title, body: which of these "UTF" finds is the point
    ("UTF8 の文字化けについて", "CSV を UTF8 で保存すると化けます。"),
    ("UTF-16 のファイルが開けない", "業務システムが UTF-16 で出力します。"),
    ("Ｕｔｆ８ と Shift_JIS の違い", "全角で書かれた Ｕｔｆ８ の説明をください。"),
    ("utf の設定はどこですか", "メールソフトの文字コードを utf にしたい。"),
    ("xutf という製品について", "社内で xutf を使っています。"),  # not a word start: not found
    ("UT の略語", "UT とは何の略ですか。"),  # shorter than the word: not found
]


class Paging(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv.seed("--questions", "3000")
        asker = cls.srv.account("asker@example.jp", "sme", PW)
        for title, body in LATIN:
            r = asker.api("POST", "/api/v1/questions", {"title": title, "body": body,
                                                         "topic": "office_it", "level": 1})
            assert r.status == 201, r.text
        # the indexed text of every visible question: its title; its body and answers
        cls.docs, cls.facts = {}, {}
        for qid, title, body, topic, level, created, best in cls.srv.sql(
                "SELECT id, title, body, topic, level, created_at, best_answer_id IS NOT NULL"
                " FROM questions WHERE hidden = 0"):
            cls.docs[qid] = [kk.fold(title), kk.fold(body)]
            cls.facts[qid] = {"topic": topic, "level": level, "key": (created, best, qid)}
        for qid, body, addendum in cls.srv.sql(
                "SELECT question_id, body, coalesce(addendum, '') FROM answers WHERE hidden = 0"):
            if qid in cls.docs:
                cls.docs[qid][1] += "\n" + kk.fold(body) + "\n" + kk.fold(addendum)

    def brute(self, terms, latin=(), filters=None):
        """Questions holding every term (in the title or in the text); a Latin term also as
        the start of a word; with the filters' topic and level."""
        found = set()
        for qid, cols in self.docs.items():
            if any(self.facts[qid][k] != v for k, v in (filters or {}).items()):
                continue
            ok = True
            for t in terms:
                t = kk.fold(t)
                if t in latin:
                    pat = re.compile(r"(?<![a-z0-9])" + re.escape(t))
                    ok = any(pat.search(c) for c in cols)
                else:
                    ok = any(t in c for c in cols)
                if not ok:
                    break
            if ok:
                found.add(qid)
        return found

    def pages(self, q, filters):
        """Every hit, following the pages; their scores; the first and the last page."""
        ids, scores, page, first = [], [], 1, None
        while True:
            r = self.srv.client().get("/api/v1/search?" + urllib.parse.urlencode(
                dict(filters or {}, q=q, page=page)))
            self.assertEqual(r.status, 200, r.text)
            got = r.json()
            first = first or got
            ids += [h["question_id"] for h in got["hits"]]
            scores += [h["score"] for h in got["hits"]]
            if len(got["hits"]) < 20:
                return ids, scores, first, got
            page += 1

    def check(self, q, terms, latin=(), at_least=0, filters=None):
        want = self.brute(terms, latin, filters)
        self.assertGreater(len(want), at_least, q)
        ids, scores, first, last = self.pages(q, filters)
        self.assertEqual(len(ids), len(set(ids)), "%s: a question twice" % q)
        self.assertEqual(set(ids), want, (q, filters, len(want), len(ids), first["total"]))
        # past the ranked part (score 0), newest first, the best answered first in a second
        rest = ids[max([i + 1 for i, s in enumerate(scores) if s] or [0]):]
        keys = [self.facts[i]["key"] for i in rest]
        self.assertEqual(keys, sorted(keys, reverse=True), q)
        # exact up to the cap, else the cap as a lower bound; the last page has read them all
        self.assertEqual((first["total"], first["total_exact"]),
                         (len(want), True) if len(want) <= CAP else (CAP, False), q)
        self.assertEqual((last["total"], last["total_exact"]), (len(want), True), q)
        return ids, first

    def test_one_character(self):
        self.check("詐", ["詐"], at_least=100)

    def test_two_characters(self):
        ids, first = self.check("対策", ["対策"], at_least=400)
        # the ranked part first (scores in order), then the rest newest first
        scores = [h["score"] for h in first["hits"]]
        self.assertEqual(scores, sorted(scores, reverse=True))

    def test_a_latin_word_is_also_a_prefix(self):
        ids, _ = self.check("UTF", ["utf"], latin=("utf",))
        titles = {t for (t,) in self.srv.sql("SELECT title FROM questions WHERE id IN (%s)"
                                             % ",".join(map(str, ids)))}
        self.assertTrue({"UTF8 の文字化けについて", "UTF-16 のファイルが開けない",
                         "Ｕｔｆ８ と Shift_JIS の違い", "utf の設定はどこですか"} <= titles)
        self.assertNotIn("xutf という製品について", titles)
        self.check("ＵＴＦ８", ["utf8"], latin=("utf8",))

    def test_a_phrase(self):
        self.check('"パスワード"', ["パスワード"], at_least=100)

    def test_filters(self):
        """A level is one lane of the index, a topic a word in all four: the same rule."""
        topic = max({f["topic"] for f in self.facts.values()},
                    key=lambda t: sum(f["topic"] == t for f in self.facts.values()))
        for filters in ({"level": 2}, {"topic": topic}, {"topic": topic, "level": 3}):
            self.check("対策", ["対策"], filters=filters, at_least=5)
            self.check("詐", ["詐"], filters=filters)
            self.check("パスワード 設定", ["パスワード", "設定"], filters=filters)

    def test_the_ranked_part_follows_its_rule(self):
        """The ranked part is the rule's candidates (src/store/qa_search.c): the 300 newest
        matches; then, back to twice the time they span before the last of them (a day at
        least, two years at most), newest first, up to 100 more with a term in the title and
        up to 100 with a best answer. The index reads a slice of time at a time, so the
        newest are found by sorting: this fails when it ranks the slice's first rows."""
        for q, terms in (("対策", ["対策"]), ("詐", ["詐"]), ("セキュリティ", ["セキュリティ"])):
            want = sorted(self.brute(terms), key=lambda i: self.facts[i]["key"], reverse=True)
            ids, scores, _, _ = self.pages(q, None)
            ranked = {i for i, s in zip(ids, scores) if s}
            expect = set(want[:300])
            if len(want) > 300:
                newest, last = self.facts[want[0]]["key"][0], self.facts[want[299]]["key"][0]
                oldest = last - min(max(2 * (newest - last), 86400), 2 * 31536000)
                titled = best = 0
                for i in want[300:]:
                    created, has_best, _ = self.facts[i]["key"]
                    if created < oldest or (titled == 100 and best == 100):
                        break
                    if titled < 100 and any(kk.fold(t) in self.docs[i][0] for t in terms):
                        titled += 1
                        expect.add(i)
                    if best < 100 and has_best:
                        best += 1
                        expect.add(i)
            self.assertEqual(ranked, expect, (q, len(want), len(ranked), len(expect)))
        self.assertGreater(len(want), 300)  # the last at least goes past the 300

    def test_several_terms(self):
        self.check("パスワード 設定", ["パスワード", "設定"], at_least=20)
        self.check("ウイルス 対策 費用", ["ウイルス", "対策", "費用"])


if __name__ == "__main__":
    kk.main("search-paging")
