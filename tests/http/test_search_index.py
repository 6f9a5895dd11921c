"""The search index keeps no copy of the text (migrations/028: FTS5 over the view qa_docs)
and follows every change by triggers: after random asks, answers, best answers, hidden
posts, confirmations with an update, and changes made by SQL (`kakekomi sql`: a title, a
date that moves the question in the index, a deleted question, an answer), every search
finds exactly what a brute-force scan of the questions finds, and FTS5's own check says the
index holds exactly what the view shows. A writer without the tokenizer (Python's sqlite3,
the sqlite3 shell) cannot change a question or an answer, and writes nothing; `kakekomi
reindex --check` rebuilds it to the same results."""

import os
import random
import sqlite3
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "search index password"
WORDS = ["カワセミ", "ヤマセミ", "ホオジロ", "ミソサザイ", "ジョウビタキ", "zeta9", "ルリビタキ"]
CHECK = "INSERT INTO qa_fts(qa_fts, rank) VALUES ('integrity-check', 1)"


def segments(db):
    """How many segments (b-trees) the index has: its structure record (FTS5's fts5_index.c:
    a 4-byte cookie, then varints: levels, segments, ...)."""
    con = sqlite3.connect(db)
    try:
        block = con.execute("SELECT block FROM qa_fts_data WHERE id = 10").fetchone()[0]
    finally:
        con.close()
    value, i = 0, 4
    for _ in range(2):  # the number of levels, then of segments
        value = 0
        while True:
            value = value << 7 | (block[i] & 0x7F)
            i += 1
            if not block[i - 1] & 0x80:
                break
    return value


class SearchIndex(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv.seed("--questions", "300")
        cls.admin = cls.srv.admin(PW)
        cls.asker = cls.srv.account("asker@example.jp", "sme", PW)
        cls.expert = cls.srv.account("expert@example.jp", "expert", PW)
        r = cls.expert.api("PUT", "/api/v1/experts/me", {"display_name": "回答者", "prefecture": "13",
                                                         "ethics_accepted": True})
        assert r.status in (200, 201), r.text
        cls.changes(random.Random(20261130))

    @classmethod
    def changes(cls, rnd):
        def text():
            return "相談です。" + "、".join(rnd.sample(WORDS, 2)) + "について。"
        asked, answers = [], []
        for step in range(200):
            op = rnd.choice(["ask"] * 4 + ["answer"] * 5 + ["best", "hide_a", "hide_q", "confirm",
                                                            "title", "date", "delete", "sql_answer"])
            if op == "ask" or not asked:
                r = cls.asker.api("POST", "/api/v1/questions", {
                    "title": "質問%d %s" % (step, rnd.choice(WORDS)), "body": text(),
                    "topic": "awareness", "level": 1 + step % 4})
                assert r.status == 201, r.text
                asked.append(r.json()["id"])
                continue
            qid = rnd.choice(asked)
            if op == "answer":
                r = cls.expert.api("POST", "/api/v1/questions/%d/answers" % qid, {"body": text()})
                if r.status == 201:
                    answers.append((qid, r.json()["id"]))
            elif op == "best" and answers:
                q, aid = rnd.choice(answers)
                cls.asker.api("POST", "/api/v1/answers/%d/best" % aid)
            elif op == "hide_a" and answers:
                cls.admin.api("POST", "/api/v1/answers/%d/hide" % rnd.choice(answers)[1],
                              {"reason": "試験"})
            elif op == "hide_q":
                cls.admin.api("POST", "/api/v1/questions/%d/hide" % qid, {"reason": "試験"})
                asked.remove(qid)
            elif op == "confirm" and answers:
                cls.expert.api("POST", "/api/v1/answers/%d/confirm" % rnd.choice(answers)[1],
                               {"update": "追記：" + rnd.choice(WORDS)})
            elif op == "title":
                cls.srv.write("UPDATE questions SET title = ? WHERE id = ?",
                              "書き換え %s" % rnd.choice(WORDS), qid)
            elif op == "date":
                cls.srv.write("UPDATE questions SET created_at = created_at - ? WHERE id = ?",
                              rnd.randrange(1, 900) * 86400, qid)
            elif op == "delete":
                cls.srv.write("DELETE FROM questions WHERE id = ?", qid)
                asked.remove(qid)
                answers = [(q, a) for q, a in answers if q != qid]
            elif op == "sql_answer":
                cls.srv.write("INSERT INTO answers(question_id, body, created_at) VALUES (?, ?, 1)",
                              qid, text())

    def brute(self, word):
        """Visible questions whose title, text or visible answers (with their updates) hold word."""
        docs = {}
        for qid, title, body in self.srv.sql("SELECT id, title, body FROM questions WHERE hidden = 0"):
            docs[qid] = kk.fold(title) + "\n" + kk.fold(body)
        for qid, body, update in self.srv.sql(
                "SELECT question_id, body, coalesce(addendum, '') FROM answers WHERE hidden = 0"):
            if qid in docs:
                docs[qid] += "\n" + kk.fold(body) + "\n" + kk.fold(update)
        return {qid for qid, d in docs.items() if kk.fold(word) in d}

    def found(self, word):
        ids, page = [], 1
        while True:
            r = self.srv.client().get("/api/v1/search?" + urllib.parse.urlencode({"q": word, "page": page}))
            self.assertEqual(r.status, 200, r.text)
            hits = r.json()["hits"]
            ids += [h["question_id"] for h in hits]
            if len(hits) < 20:
                self.assertEqual(len(ids), len(set(ids)), word)
                return set(ids)
            page += 1

    def test_a_every_search_finds_what_the_questions_hold(self):
        total = 0
        for word in WORDS:
            want = self.brute(word)
            total += len(want)
            self.assertEqual(self.found(word), want, word)
        self.assertGreater(total, 40)  # the changes left plenty to find

    def test_b_the_index_holds_exactly_what_the_view_shows(self):
        # the seeded questions were written hidden = 2 and all shown at the end of the load
        self.assertEqual(self.srv.sql("SELECT count(*) FROM questions WHERE hidden = 2")[0][0], 0)
        self.assertGreaterEqual(self.srv.sql("SELECT count(*) FROM qa_fts_docsize")[0][0], 250)
        self.assertEqual(self.srv.write(CHECK), [])
        # and the check can fail: a row the view does not have
        r = kk.run_cli("sql", "BEGIN; INSERT INTO qa_fts(rowid, title, body, facets) VALUES "
                       "(1, 'x', 'y', 'z'); " + CHECK + "; COMMIT", db=self.srv.db)
        self.assertNotEqual(r.returncode, 0)
        r = kk.run_cli("sql", "ROLLBACK", db=self.srv.db)  # the failed script's transaction
        self.assertEqual(self.srv.write(CHECK), [])

    def test_c_a_writer_without_the_tokenizer_writes_nothing(self):
        before = self.srv.sql("SELECT count(*) FROM answers")[0][0]
        qid = self.srv.sql("SELECT id FROM questions WHERE hidden = 0 LIMIT 1")[0][0]
        con = sqlite3.connect(self.srv.db, timeout=10)
        with self.assertRaisesRegex(sqlite3.OperationalError, "no such tokenizer: kakekomi"):
            con.execute("INSERT INTO answers(question_id, body, created_at) VALUES (?, 'x', 1)", (qid,))
        con.close()
        self.assertEqual(self.srv.sql("SELECT count(*) FROM answers")[0][0], before)
        # a change the index does not see (answers' dates) stays possible
        self.srv.sql("UPDATE answers SET created_at = created_at WHERE question_id = ?", qid)

    def test_d_a_rebuild_gives_the_same_results(self):
        before = {w: self.found(w) for w in WORDS}
        r = kk.run_cli("reindex", "--check", db=self.srv.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("rebuilt", r.stdout)
        self.assertEqual({w: self.found(w) for w in WORDS}, before)
        self.assertEqual(kk.run_cli("reindex", "--bogus", db=self.srv.db).returncode, 2)

    def test_e_settling_moves_old_questions_and_loses_nothing(self):
        """A question 30 days old moves from the index's recent part (in time order) to its
        settled part (in slices by topic; migrations/030): the worker's job, which runs at
        start. Five recent questions moved back 40 days by SQL are settled; each search still
        finds what the questions hold, past the ranked part newest first, and the index equals
        the view. The job then merges the small segments that writes leave."""
        old = "hidden = 0 AND settled = 0 AND created_at < unixepoch() - 30 * 86400"
        self.assertEqual(self.srv.stop(), 0)
        moved = [i for (i,) in self.srv.sql(
            "SELECT id FROM questions WHERE hidden = 0 AND settled = 0 ORDER BY id LIMIT 5")]
        self.assertEqual(len(moved), 5)  # asked by the changes above: recent
        self.srv.write("UPDATE questions SET created_at = created_at - 40 * 86400 WHERE id IN (%s)"
                       % ",".join(map(str, moved)))
        self.assertEqual(self.srv.sql("SELECT count(*) FROM questions WHERE " + old)[0][0], 5)
        self.assertGreater(segments(self.srv.db), 2)  # the writes above each added some
        self.srv.start()
        for _ in range(100):
            if not self.srv.sql("SELECT count(*) FROM questions WHERE " + old)[0][0]:
                break
            time.sleep(0.1)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM questions WHERE " + old)[0][0], 0)
        # their keys are the settled part's (bit 61)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM questions WHERE id IN (%s) AND "
                                      "search_key & (1 << 61) = 0" % ",".join(map(str, moved))),
                         [(0,)])
        for w in WORDS + ["相談"]:
            self.assertEqual(self.found(w), self.brute(w), w)
        self.assertEqual(self.srv.write(CHECK), [])
        # and the job merged the small segments those writes left (migrations/031)
        self.assertLessEqual(segments(self.srv.db), 2)
        ids, page, scores = [], 1, []
        while True:
            got = self.srv.client().get("/api/v1/search?" + urllib.parse.urlencode(
                {"q": "相談", "page": page})).json()
            ids += [h["question_id"] for h in got["hits"]]
            scores += [h["score"] for h in got["hits"]]
            if len(got["hits"]) < 20:
                break
            page += 1
        key = {i: (c, b, i) for i, c, b in self.srv.sql(
            "SELECT id, created_at, best_answer_id IS NOT NULL FROM questions")}
        rest = [key[i] for i in ids[max([n + 1 for n, s in enumerate(scores) if s] or [0]):]]
        self.assertGreater(len(rest), 5)
        self.assertEqual(rest, sorted(rest, reverse=True))


if __name__ == "__main__":
    kk.main("search-index")
