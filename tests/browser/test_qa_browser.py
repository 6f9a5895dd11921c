"""Browser test: ask a question and see similar questions, an expert answers,
the asker picks it as best, and a search finds it."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import kk  # noqa: E402
from test_browser import SHOTS, BrowserCase  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PW = "browser qa password"


class AskAnswerFind(BrowserCase):
    PW = PW

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for email, role in (("owner@example.jp", "sme"), ("pro@example.jp", "expert")):
            c = cls.srv.client()
            c.api("POST", "/api/v1/accounts", {"email": email, "password": PW, "display_name": email,
                                               "role": role, "prefecture": "04"})
            c.login_api(email, PW)
            if role == "expert":
                c.api("PUT", "/api/v1/experts/me", {"display_name": "仙台 次郎", "prefecture": "04",
                                                    "ethics_accepted": True})
            else:
                c.api("POST", "/api/v1/questions", {"title": "詐欺メールの見分け方を知りたい",
                                                    "body": "取引先を装ったメールが来ました。", "topic": "awareness",
                                                    "level": 1})

    def test_ask_answer_best_search(self):
        d = self.driver
        self.login("owner@example.jp")
        d.get(self.url("/qa/ask"))
        d.find_element(By.ID, "title").send_keys("詐欺メールを開いてしまった")
        # The script shows similar questions while the title is typed.
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#similar-live li a")))
        self.assertIn("詐欺メールの見分け方", d.find_element(By.ID, "similar-live").text)
        d.find_element(By.ID, "body").send_keys("添付ファイルを開いてしまいました。どうすればよいですか。")
        Select(d.find_element(By.ID, "topic")).select_by_value("incident_response")
        d.find_element(By.CSS_SELECTOR, "form.ask-form button[type=submit]").click()
        # The preview step lists similar questions too, then the question is posted.
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "div.similar")))
        self.assertIn("詐欺メールの見分け方", d.find_element(By.CSS_SELECTOR, "div.similar").text)
        d.find_element(By.CSS_SELECTOR, "form.ask-form button[type=submit]").click()
        self.wait.until(EC.url_matches(r"/qa/\d+$"))
        question_url = d.current_url

        self.login("pro@example.jp")
        d.get(question_url)
        d.find_element(By.ID, "body").send_keys("まずパソコンをLANから外し、電源は入れたまま、パスワードを別の端末から変更してください。")
        d.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "article.answer")))

        self.login("owner@example.jp")
        d.get(question_url)
        d.find_element(By.CSS_SELECTOR, "article.answer form[action$='/best'] button").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "article.answer.best")))
        self.assertIn("ベストアンサー", d.find_element(By.CSS_SELECTOR, "article.answer.best").text)
        d.save_screenshot(os.path.join(SHOTS, "kakekomi-qa.png"))

        d.get(self.url("/qa"))
        d.find_element(By.ID, "q").send_keys("電源")
        d.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
        self.wait.until(EC.url_contains("/qa/search"))
        hits = d.find_element(By.CSS_SELECTOR, "ul.hits")
        self.assertIn("詐欺メールを開いてしまった", hits.text)
        self.assertEqual(hits.find_element(By.TAG_NAME, "mark").text, "電源")


if __name__ == "__main__":
    kk.main("browser-qa")
