"""Browser test: a company files an incident through the form and sees the
first-aid guidance; a desk operator assigns an expert in the UI; the expert
sees the case."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import kk  # noqa: E402
from test_browser import SHOTS, BrowserCase  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PW = "browser desk password"


class IncidentFlow(BrowserCase):
    PW = PW

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for email, role in (("admin@example.jp", "admin"), ("desk@example.jp", "desk")):
            cls.srv.add_user(email, role, PW, "40")
        admin = cls.srv.client()
        admin.login_api("admin@example.jp", PW)
        desk = admin.api("POST", "/api/v1/desks", {"prefecture": "40", "name": "福岡 駆け込み寺"}).json()["id"]
        op = cls.srv.sql("SELECT id FROM accounts WHERE email = 'desk@example.jp'")[0][0]
        admin.api("POST", "/api/v1/desks/%d/operators" % desk, {"account_id": op})
        e = cls.srv.client()
        e.api("POST", "/api/v1/accounts", {"email": "expert@example.jp", "password": PW,
                                           "display_name": "博多 花子", "role": "expert",
                                           "prefecture": "40"})
        e.login_api("expert@example.jp", PW)
        e.api("PUT", "/api/v1/experts/me", {
            "display_name": "博多 花子", "prefecture": "40", "ethics_accepted": True,
            "skills": [{"code": "incident_response", "level": 4}], "roles": ["responder"],
            "modes": ["remote", "onsite"], "on_call": False})
        c = cls.srv.client()
        c.api("POST", "/api/v1/accounts", {"email": "shop@example.jp", "password": PW,
                                           "display_name": "天神商店", "role": "sme",
                                           "prefecture": "40"})

    def test_incident_filed_assigned_seen(self):
        d = self.driver
        self.login("shop@example.jp")
        # One tap from the home page: report an incident (and #9110 is a phone link).
        d.get(self.url("/"))
        self.assertEqual(d.find_element(By.CSS_SELECTOR, "section.urgent a[href^='tel:']")
                         .get_attribute("href"), "tel:%239110")
        d.find_element(By.CSS_SELECTOR, "section.urgent a[href='/requests/new?kind=incident']").click()
        self.wait.until(EC.url_contains("/company"))  # the company profile comes first
        # No industry is chosen for the company; it says what it does.
        industry = Select(d.find_element(By.ID, "industry"))
        self.assertEqual(industry.first_selected_option.get_attribute("value"), "")
        industry.select_by_value("I")
        d.find_element(By.ID, "vendors").send_keys("POSレジC社")
        d.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
        self.wait.until(EC.url_contains("/requests/new"))
        d.get(self.url("/requests/new?kind=incident"))
        self.assertTrue(d.find_element(By.CSS_SELECTOR, "input[name=kind][value=incident]").is_selected())
        d.find_element(By.ID, "description").send_keys("店のパソコンの画面に身代金を要求する表示が出ました")
        d.find_element(By.CSS_SELECTOR, "input[name=topics][value=incident_response]").click()
        # An incident is urgent from the start.
        self.assertTrue(d.find_element(By.CSS_SELECTOR, "input[name=urgency][value=high]").is_selected())
        d.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
        self.wait.until(EC.url_matches(r"/requests/\d+$"))
        request_url = d.current_url
        guidance = d.find_element(By.CSS_SELECTOR, "section.guidance").text
        self.assertIn("電源は切らないで", guidance)
        self.assertIn("#9110", guidance)
        self.assertIn("身代金", guidance)
        d.save_screenshot(os.path.join(SHOTS, "kakekomi-incident.png"))

        self.login("desk@example.jp")
        d.get(self.url("/requests"))
        d.find_element(By.CSS_SELECTOR, ".cards .card h2 a").click()
        self.wait.until(EC.url_matches(r"/requests/\d+$"))
        cand = d.find_element(By.CSS_SELECTOR, "ol.candidates li")
        self.assertIn("博多 花子", cand.text)
        self.assertIn("インシデント対応 Lv4", cand.text)
        cand.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.assignee")))
        self.assertIn("博多 花子", d.find_element(By.CSS_SELECTOR, "li.assignee").text)
        d.save_screenshot(os.path.join(SHOTS, "kakekomi-desk.png"))

        self.login("expert@example.jp")
        d.get(self.url("/requests"))
        d.find_element(By.CSS_SELECTOR, ".cards .card h2 a").click()
        self.wait.until(EC.url_matches(r"/requests/\d+$"))
        self.assertEqual(d.current_url, request_url)
        self.assertIn("身代金を要求する表示", d.find_element(By.TAG_NAME, "main").text)
        d.find_element(By.ID, "body").send_keys("担当します。電源は入れたまま、LANケーブルを抜いてください。")
        d.find_element(By.CSS_SELECTOR, "ul.thread + form button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul.thread li")))
        self.assertIn("LANケーブル", d.find_element(By.CSS_SELECTOR, "ul.thread").text)


if __name__ == "__main__":
    kk.main("browser-desk")
