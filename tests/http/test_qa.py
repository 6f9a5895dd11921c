"""Q&A: search correctness on a small hand-written corpus (two-character words,
phrases, no false matches, NFKC folding, hidden posts gone, any typed text is
safe), who may answer and pick the best answer, helpful marks, CPD points,
the archive rule, similar questions and the ask page's preview step."""

import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

PW = "qa test password"

CORPUS = [
    ("詐欺メールの見分け方", "取引先を装ったメールが届きました。被害を防ぐ方法を教えてください。"),
    ("ウイルス対策ソフトは必要ですか", "社内のパソコン10台にｳｲﾙｽ対策を入れるべきか迷っています。"),
    ("ＵＳＢメモリを紛失しました", "顧客名簿が入っていました。まず何をすべきですか。"),
    ("見積書の分け方", "方法について。詐取と欺く行為の違いは？"),           # 詐 and 欺 apart
    ("<b>太字</b>のタイトル", "本文に<script>alert(1)</script>があります。対策は？"),
]


class QA(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)
        cls.asker = cls.user("asker@example.jp", "sme")
        cls.other = cls.user("other@example.jp", "sme")
        cls.expert = cls.user("expert@example.jp", "expert")
        cls.expert.api("PUT", "/api/v1/experts/me", {"display_name": "回答 者", "prefecture": "13",
                                                     "ethics_accepted": True})
        cls.unethical = cls.user("noethics@example.jp", "expert")
        cls.unethical.api("PUT", "/api/v1/experts/me", {"display_name": "未同意", "prefecture": "13"})
        cls.ids = []
        for title, body in CORPUS:
            r = cls.asker.api("POST", "/api/v1/questions", {"title": title, "body": body,
                                                            "topic": "awareness", "level": 1})
            assert r.status == 201, r.text
            cls.ids.append(r.json()["id"])

    @classmethod
    def user(cls, email, role):
        c = cls.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": email, "password": PW, "display_name": email,
                                               "role": role, "prefecture": "13"})
        assert r.status == 201, r.text
        c.login_api(email, PW)
        c.id = r.json()["id"]
        return c

    def search(self, q, client=None):
        r = (client or self.srv.client()).get("/api/v1/search?q=" + urllib.parse.quote(q))
        self.assertEqual(r.status, 200, (q, r.text))
        return r.json()

    def found(self, q, corpus_only=False):
        hits = [h["question_id"] for h in self.search(q)["hits"]]
        return [h for h in hits if h in self.ids] if corpus_only else hits

    def test_two_character_words_and_no_false_matches(self):
        self.assertEqual(self.found("詐欺", True), [self.ids[0]])  # not the one with 詐取 and 欺く
        self.assertEqual(self.found("被害", True), [self.ids[0]])
        self.assertEqual(sorted(self.found("対策", True)), sorted([self.ids[1], self.ids[4]]))
        self.assertIn(self.ids[3], self.found("詐"))         # one character: the single characters

    def test_phrases_and_several_terms(self):
        self.assertEqual(self.found('"見分け方"'), [self.ids[0]])
        self.assertEqual(self.found("見積書 分け方"), [self.ids[3]])
        self.assertEqual(self.found("詐欺 USB"), [])          # all terms must match
        self.assertEqual(self.found("取引先を装った"), [self.ids[0]])

    def test_nfkc_folding(self):
        self.assertEqual(self.found("usb"), [self.ids[2]])
        self.assertEqual(self.found("ＵＳＢ"), [self.ids[2]])
        self.assertEqual(self.found("ウイルス対策"), [self.ids[1]])  # half-width in the body

    def test_anything_typed_is_safe(self):
        for q in ['"', '""', "*", "OR", "AND NOT", "NEAR(a b)", "a:b", "title:詐欺", "(", ")",
                  "'; DROP TABLE questions; --", "<script>", "^", "-", "\\", "詐欺\"", "\u3000", ""]:
            self.assertIsInstance(self.search(q)["hits"], list)
        self.assertEqual(self.srv.client().get("/api/v1/search?q=%FF%FE").status, 400)
        self.assertEqual(self.srv.client().get("/qa/search?q=%22%22*OR").status, 200)
        # Filters by topic and level, on the page and in the API.
        r = self.srv.client().get("/api/v1/search?q=%E8%A9%90%E6%AC%BA&topic=forensics")
        self.assertEqual(r.json()["hits"], [])
        r = self.srv.client().get("/api/v1/search?q=%E8%A9%90%E6%AC%BA&topic=awareness&level=1")
        self.assertIn(self.ids[0], [h["question_id"] for h in r.json()["hits"]])
        self.assertEqual(self.srv.client().get("/api/v1/search?q=x&level=9").status, 400)
        page = self.srv.client().get("/qa/search?q=%E8%A9%90%E6%AC%BA&topic=awareness&level=1")
        self.assertIn('name="topic"', page.text)
        self.assertIn("詐欺メールの見分け方", page.text)

    def test_markup_is_escaped_in_titles_snippets_and_pages(self):
        hit = self.search("太字")["hits"][0]
        self.assertEqual(hit["title"], "<b>太字</b>のタイトル")   # JSON keeps the text
        self.assertIn("&lt;b&gt;", hit["snippet"])
        self.assertIn("<mark>", hit["snippet"])
        page = self.srv.client().get("/qa/search?q=" + urllib.parse.quote("対策"))
        self.assertNotIn("<script>alert(1)", page.text)
        self.assertIn("&lt;script&gt;alert(1)", page.text)
        q = self.srv.client().get("/qa/%d" % self.ids[4])
        self.assertIn("&lt;b&gt;太字&lt;/b&gt;", q.text)

    def test_who_may_answer_and_pick_the_best(self):
        qid = self.ids[1]
        self.assertEqual(self.asker.api("POST", "/api/v1/questions/%d/answers" % qid,
                                        {"body": "会社の私が回答します。"}).status, 403)
        self.assertEqual(self.unethical.api("POST", "/api/v1/questions/%d/answers" % qid,
                                            {"body": "倫理規程に同意していません。"}).status, 403)
        self.assertEqual(self.expert.api("POST", "/api/v1/questions/%d/answers" % qid,
                                         {"body": "短い"}).status, 400)
        points_before = self.srv.sql("SELECT coalesce(sum(points), 0) FROM cpd_activities WHERE expert_id = ?"
                                     " AND kind = 'answer'", self.expert.id)[0][0]
        r = self.expert.api("POST", "/api/v1/questions/%d/answers" % qid,
                            {"body": "はい、必要です。まずOS標準の機能を有効にしましょう。"})
        self.assertEqual(r.status, 201)
        aid = r.json()["id"]
        self.assertEqual(self.other.api("POST", "/api/v1/answers/%d/best" % aid).status, 403)
        self.assertEqual(self.expert.api("POST", "/api/v1/answers/%d/best" % aid).status, 403)
        self.assertEqual(self.asker.api("POST", "/api/v1/answers/%d/best" % aid).status, 200)
        got = self.srv.client().get("/api/v1/questions/%d" % qid).json()
        self.assertEqual(got["best_answer_id"], aid)
        self.assertTrue(got["answers"][0]["best"])
        self.assertNotIn("asker", got)
        self.assertEqual(got["prefecture"], "13")
        self.assertEqual(self.expert.api("POST", "/api/v1/answers/%d/helpful" % aid).status, 403)
        self.assertEqual(self.other.api("POST", "/api/v1/answers/%d/helpful" % aid).status, 200)
        self.assertEqual(self.other.api("POST", "/api/v1/answers/%d/helpful" % aid).status, 409)
        points = self.srv.sql("SELECT sum(points) FROM cpd_activities WHERE expert_id = ? AND kind = 'answer'",
                              self.expert.id)[0][0]
        self.assertEqual(points - points_before, 2)  # a best answer is worth 2 points
        # The answer is searchable with its question.
        self.assertIn(qid, self.found("標準の機能"))

    def test_no_points_or_reputation_from_ones_own_question(self):
        """An expert who asks, answers and picks the best earns nothing by it."""
        selfish = self.user("selfish@example.jp", "expert")
        selfish.api("PUT", "/api/v1/experts/me", {"display_name": "自作自演", "prefecture": "13",
                                                  "ethics_accepted": True,
                                                  "skills": [{"code": "awareness", "level": 2}]})
        q = selfish.api("POST", "/api/v1/questions", {"title": "自分で答える質問です",
                                                      "body": "自分で答えて自分で選びます。",
                                                      "topic": "awareness", "level": 1})
        self.assertEqual(q.status, 201, q.text)
        a = selfish.api("POST", "/api/v1/questions/%d/answers" % q.json()["id"],
                        {"body": "自分の質問に、自分で長めの回答を書きます。"})
        self.assertEqual(a.status, 201, a.text)
        self.assertEqual(selfish.api("POST", "/api/v1/answers/%d/best" % a.json()["id"]).status, 200)
        points = self.srv.sql("SELECT coalesce(sum(points), 0) FROM cpd_activities WHERE expert_id = ?"
                              " AND kind = 'answer'", selfish.id)[0][0]
        self.assertEqual(points, 0)
        ranked = self.srv.client().get("/api/v1/experts/ranking").json()["experts"]
        self.assertNotIn(selfish.id, [e["id"] for e in ranked])

    def test_hidden_posts_disappear_at_once(self):
        r = self.asker.api("POST", "/api/v1/questions", {"title": "消える質問です", "body": "幽霊のような内容の質問です。",
                                                         "topic": "awareness", "level": 1})
        qid = r.json()["id"]
        aid = self.expert.api("POST", "/api/v1/questions/%d/answers" % qid,
                              {"body": "消える回答の本文：蜃気楼"}).json()["id"]
        self.assertEqual(self.found("蜃気楼"), [qid])
        self.assertEqual(self.other.api("POST", "/api/v1/answers/%d/hide" % aid, {}).status, 403)
        self.assertEqual(self.admin.api("POST", "/api/v1/answers/%d/hide" % aid, {"reason": "不適切"}).status, 200)
        self.assertEqual(self.found("蜃気楼"), [])
        self.assertEqual(self.found("幽霊"), [qid])
        self.assertEqual(self.admin.api("POST", "/api/v1/questions/%d/hide" % qid, {}).status, 200)
        self.assertEqual(self.found("幽霊"), [])
        self.assertEqual(self.srv.client().get("/api/v1/questions/%d" % qid).status, 404)
        self.assertEqual(self.srv.client().get("/qa/%d" % qid).status, 404)
        r = self.other.api("POST", "/api/v1/questions/%d/report" % self.ids[0], {"reason": "宣伝です"})
        self.assertEqual(r.status, 201)

    def test_a_best_answer_and_recency_lift_a_result(self):
        ids = []
        for i in range(3):
            r = self.asker.api("POST", "/api/v1/questions", {"title": "順位の確認：無停電電源装置",
                                                             "body": "同じ本文の質問です。", "topic": "awareness",
                                                             "level": 1})
            ids.append(r.json()["id"])
        self.assertEqual(self.found("無停電電源装置"), ids[::-1])  # the same text: newest first
        aid = self.expert.api("POST", "/api/v1/questions/%d/answers" % ids[0],
                              {"body": "回答の本文です、参考に。"}).json()["id"]
        self.assertEqual(self.asker.api("POST", "/api/v1/answers/%d/best" % aid).status, 200)
        self.assertEqual(self.found("無停電電源装置"), [ids[0], ids[2], ids[1]])  # the best answer lifts it

    def test_archive_rule(self):
        r = self.asker.api("POST", "/api/v1/questions", {"title": "古い質問について", "body": "ずっと前の質問の本文です。" * 20,
                                                         "topic": "awareness", "level": 2})
        qid = r.json()["id"]
        aid = self.expert.api("POST", "/api/v1/questions/%d/answers" % qid, {"body": "ベストな回答です。" * 30}).json()["id"]
        self.expert.api("POST", "/api/v1/questions/%d/answers" % qid, {"body": "別の回答です。" * 10})
        self.asker.api("POST", "/api/v1/answers/%d/best" % aid)
        self.srv.write("UPDATE questions SET created_at = created_at - 100 * 86400 WHERE id = ?", qid)
        anon = self.srv.client().get("/api/v1/questions/%d" % qid).json()
        self.assertTrue(anon["archived"])
        self.assertEqual(len(anon["answers"]), 1)                  # only the best answer
        self.assertTrue(anon["answers"][0]["body"].endswith("…"))  # and only its start
        self.assertLess(len(anon["answers"][0]["body"]), 200)
        self.assertTrue(self.other.get("/api/v1/questions/%d" % qid).json()["archived"])
        self.assertFalse(self.asker.get("/api/v1/questions/%d" % qid).json()["archived"])
        # Search snippets keep the same rule: the other answer's words find the question,
        # but its text is not shown to those who may not read it.
        q = "/api/v1/search?q=" + urllib.parse.quote("別の回答")
        hits = [h for h in self.srv.client().get(q).json()["hits"] if h["question_id"] == qid]
        self.assertEqual(len(hits), 1)
        self.assertNotIn("別の回答", hits[0]["snippet"].replace("<mark>", "").replace("</mark>", ""))
        mine = [h for h in self.asker.get(q).json()["hits"] if h["question_id"] == qid]
        self.assertIn("別の回答", mine[0]["snippet"].replace("<mark>", "").replace("</mark>", ""))
        self.assertEqual(self.other.api("POST", "/api/v1/accounts/%d/premium" % self.other.id,
                                        {"premium": True}).status, 403)
        self.assertEqual(self.admin.api("POST", "/api/v1/accounts/%d/premium" % self.other.id,
                                        {"premium": True}).status, 200)
        full = self.other.get("/api/v1/questions/%d" % qid).json()
        self.assertFalse(full["archived"])
        self.assertEqual(len(full["answers"]), 2)
        # The page says how to become premium, with a way to get there.
        page = self.srv.client().get("/qa/%d" % qid).text
        self.assertIn("相談窓口（駆け込み寺）が登録します", page)
        self.assertIn('href="/signup"', page[page.index("paywall"):])

    def test_similar_questions_and_the_preview_step(self):
        sim = self.srv.client().get("/api/v1/questions/similar?title=" + urllib.parse.quote("詐欺メールが来た"))
        self.assertIn(self.ids[0], [q["id"] for q in sim.json()["questions"]])
        c = self.srv.client()
        c.form("/login", {"email": "other@example.jp", "password": PW})
        csrf = c.csrf_token("/qa/ask")
        fields = {"title": "詐欺メールに返信してしまった", "body": "返信してしまいました。どうなりますか。",
                  "topic": "awareness", "level": "1"}
        before = self.srv.sql("SELECT count(*) FROM questions")[0][0]
        r = c.form("/qa/ask", fields, csrf=csrf)
        self.assertEqual(r.status, 200)
        self.assertIn("詐欺メールの見分け方", r.text)      # similar questions first
        self.assertIn('name="confirm"', r.text)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM questions")[0][0], before)
        fields["confirm"] = "1"
        r = c.form("/qa/ask", fields, csrf=csrf)
        self.assertEqual(r.status, 303)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM questions")[0][0], before + 1)
        bad = c.form("/qa/ask", {"title": "x", "body": "y", "topic": "awareness", "level": "1"}, csrf=csrf)
        self.assertEqual(bad.status, 400)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM questions")[0][0], before + 1)

    def test_page_forms_for_best_and_helpful_return_to_the_question(self):
        qid = self.asker.api("POST", "/api/v1/questions", {"title": "ページからの操作", "body": "ページのボタンを試します。",
                                                           "topic": "awareness", "level": 1}).json()["id"]
        aid = self.expert.api("POST", "/api/v1/questions/%d/answers" % qid, {"body": "ページから選ばれる回答です。"}).json()["id"]
        owner = self.srv.client()
        owner.form("/login", {"email": "asker@example.jp", "password": PW})
        page = "/qa/%d" % qid
        r = owner.form("/qa/answers/%d/best" % aid, {}, csrf=owner.csrf_token(page))
        self.assertEqual((r.status, r.header("Location")), (303, page))
        other = self.srv.client()
        other.form("/login", {"email": "other@example.jp", "password": PW})
        self.assertIn('action="/qa/answers/%d/helpful"' % aid, other.get(page).text)
        r = other.form("/qa/answers/%d/helpful" % aid, {}, csrf=other.csrf_token(page))
        self.assertEqual((r.status, r.header("Location")), (303, page))
        self.assertIn("ベストアンサー", owner.get(page).text)
        # Marked: the page shows it done and does not offer the button again.
        after = other.get(page).text
        self.assertIn("役に立った ✓", after)
        self.assertNotIn('action="/qa/answers/%d/helpful"' % aid, after)

    def test_ranking_and_unanswered_follow_up(self):
        r = self.srv.client().get("/api/v1/experts/ranking")
        self.assertEqual(r.status, 200)
        ranked = r.json()["experts"]
        self.assertTrue(ranked and ranked[0]["id"] == self.expert.id)
        self.assertGreaterEqual(ranked[0]["reputation"], 10)
        self.assertEqual(self.srv.client().get("/experts/ranking?pref=13").status, 200)
        # An expert with the topic's skill hears of a question unanswered for 7 days;
        # after 30 days the asker is pointed to the desk.
        skilled = self.user("skilled@example.jp", "expert")
        skilled.api("PUT", "/api/v1/experts/me", {"display_name": "森林", "prefecture": "13", "ethics_accepted": True,
                                                  "skills": [{"code": "forensics", "level": 3}]})
        q1 = self.asker.api("POST", "/api/v1/questions", {"title": "誰も答えない質問", "body": "一週間たっても回答がありません。",
                                                          "topic": "forensics", "level": 3}).json()["id"]
        q2 = self.asker.api("POST", "/api/v1/questions", {"title": "ひと月前の質問", "body": "三十日たっても回答がありません。",
                                                          "topic": "forensics", "level": 3}).json()["id"]
        self.srv.write("UPDATE questions SET created_at = created_at - 8 * 86400 WHERE id = ?", q1)
        self.srv.write("UPDATE questions SET created_at = created_at - 31 * 86400, followup = 1 WHERE id = ?", q2)
        self.assertEqual(self.srv.stop(), 0)
        self.srv.start()
        for c in (self.admin, self.asker, self.other, self.expert, self.unethical, skilled):
            r = c.api("GET", "/api/v1/me")  # bearer tokens survive the restart
            self.assertEqual(r.status, 200)
            self.assertIn("@", r.json()["email"])
        import time
        deadline = time.time() + 10
        while time.time() < deadline and self.srv.sql("SELECT followup FROM questions WHERE id = ?", q1)[0][0] != 1:
            time.sleep(0.1)
        self.assertEqual(self.srv.sql("SELECT followup FROM questions WHERE id = ?", q1)[0][0], 1)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM notifications WHERE account_id = ? AND kind = 'question_waiting'",
                                      skilled.id)[0][0], 1)
        self.assertEqual(self.srv.sql("SELECT followup FROM questions WHERE id = ?", q2)[0][0], 2)
        self.assertEqual(self.srv.sql("SELECT count(*) FROM notifications WHERE account_id = ? AND kind = 'question_go_to_desk'",
                                      self.asker.id)[0][0], 1)

    def test_lists_mark_answered_and_solved_with_dates(self):
        qid = self.asker.api("POST", "/api/v1/questions", {"title": "印の確認のための質問", "body": "印が付くかを確かめるための本文です。",
                                                           "topic": "governance", "level": 1}).json()["id"]
        def card(path):
            page = self.srv.client().get(path).text
            at = page.index('href="/qa/%d"' % qid)
            return page[at:page.index("</li>", at)]
        listed = card("/qa?topic=governance")
        self.assertIn("未回答", listed)
        self.assertRegex(listed, r"<time datetime=\"\d{4}-\d\d-\d\d")
        aid = self.expert.api("POST", "/api/v1/questions/%d/answers" % qid, {"body": "管理者を一人決めて、こうします。"}).json()["id"]
        self.assertIn("回答あり", card("/qa?topic=governance"))
        self.asker.api("POST", "/api/v1/answers/%d/best" % aid)
        self.assertIn("解決済み", card("/qa?topic=governance"))
        self.assertIn("解決済み", card("/qa/search?q=" + urllib.parse.quote("印の確認")))
        # One topic selector on /qa; choosing a topic without words lists that topic.
        self.assertEqual(self.srv.client().get("/qa").text.count('name="topic"'), 1)
        r = self.srv.client().get("/qa/search?q=&topic=governance&level=")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").endswith("/qa?topic=governance"))

    def test_no_results_offer_the_next_step(self):
        page = self.srv.client().get("/qa/search?q=" + urllib.parse.quote("存在しない語ゼゾヂ")).text
        self.assertIn("見つかりませんでした", page)
        self.assertIn('href="/qa/ask"', page)
        self.assertIn('href="/requests/new"', page)

    def test_a_bad_answer_comes_back_with_its_text(self):
        c = self.srv.client()
        c.form("/login", {"email": "expert@example.jp", "password": PW})
        qid = self.ids[0]
        page = "/qa/%d" % qid
        before = self.srv.sql("SELECT count(*) FROM answers WHERE question_id = ?", qid)[0][0]
        long_answer = "まずバックアップを確認してください。" * 500  # over 8,000 characters
        r = c.form(page + "/answers", {"body": long_answer}, csrf=c.csrf_token(page))
        self.assertEqual(r.status, 400)
        self.assertIn(long_answer, r.text)          # the expert's whole answer is kept
        self.assertIn(CORPUS[0][0], r.text)         # on the question's page
        self.assertIn("<title>%s | " % CORPUS[0][0], r.text)  # titled by the question
        body = r.text[r.text.index('for="body"'):]
        self.assertIn('class="field-error"', body[:600])
        self.assertEqual(self.srv.sql("SELECT count(*) FROM answers WHERE question_id = ?", qid)[0][0],
                         before)

    def test_old_answers_are_outdated_until_confirmed(self):
        qid = self.asker.api("POST", "/api/v1/questions", {"title": "二年前の回答について", "body": "古い回答は今も正しいですか。",
                                                           "topic": "awareness", "level": 1}).json()["id"]
        aid = self.expert.api("POST", "/api/v1/questions/%d/answers" % qid, {"body": "当時の回答の本文です。"}).json()["id"]
        self.srv.sql("UPDATE answers SET created_at = created_at - 800 * 86400 WHERE id = ?", aid)
        self.assertTrue(self.srv.client().get("/api/v1/questions/%d" % qid).json()["answers"][0]["outdated"])
        self.assertEqual(self.other.api("POST", "/api/v1/answers/%d/confirm" % aid, {}).status, 403)
        r = self.expert.api("POST", "/api/v1/answers/%d/confirm" % aid, {"update": "現在は多要素認証も推奨します。"})
        self.assertEqual(r.status, 200)
        got = self.srv.client().get("/api/v1/questions/%d" % qid).json()["answers"][0]
        self.assertFalse(got["outdated"])
        self.assertEqual(got["update"], "現在は多要素認証も推奨します。")
        self.assertIn(qid, self.found("多要素認証"))

    def test_admin_reports_page_hides_a_reported_answer(self):
        qid = self.asker.api("POST", "/api/v1/questions", {"title": "通報される回答", "body": "通報のテスト用の質問です。",
                                                           "topic": "awareness", "level": 1}).json()["id"]
        aid = self.expert.api("POST", "/api/v1/questions/%d/answers" % qid, {"body": "宣伝ばかりの回答：特売中"}).json()["id"]
        self.other.api("POST", "/api/v1/answers/%d/report" % aid, {"reason": "広告です"})
        admin = self.srv.client()
        admin.form("/login", {"email": "admin@example.jp", "password": PW})
        page = admin.get("/admin/reports")
        self.assertEqual(page.status, 200)
        self.assertIn("広告です", page.text)
        r = admin.form("/admin/answers/%d/hide" % aid, {}, csrf=admin.csrf_token("/admin/reports"))
        self.assertEqual((r.status, r.header("Location")), (303, "/admin/reports"))
        self.assertNotIn("広告です", admin.get("/admin/reports").text)
        self.assertEqual(self.found("特売中"), [])
        self.assertEqual(self.other.get("/admin/reports").status, 403)

    def test_bad_questions_are_refused(self):
        for body, field in [({"title": "短", "body": "十分に長い本文です。", "topic": "awareness", "level": 1}, "title"),
                            ({"title": "十分なタイトル", "body": "短い", "topic": "awareness", "level": 1}, "body"),
                            ({"title": "十分なタイトル", "body": "十分に長い本文です。", "topic": "cooking", "level": 1}, "topic"),
                            ({"title": "十分なタイトル", "body": "十分に長い本文です。", "topic": "awareness", "level": 5}, "level")]:
            r = self.asker.api("POST", "/api/v1/questions", body)
            self.assertEqual(r.status, 400, body)
            self.assertEqual(r.json()["error"]["field"], field)
        self.assertEqual(self.srv.client().api("POST", "/api/v1/questions", CORPUS and {
            "title": "匿名の質問です", "body": "ログインしていません。", "topic": "awareness", "level": 1}).status, 401)


if __name__ == "__main__":
    kk.main("qa")
