"""Browser test: an expert fills the profile form on a phone-sized window,
then appears in the directory for their prefecture."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import kk  # noqa: E402
from test_browser import SHOTS, BrowserCase  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PW = "browser registry pw"


class ProfileToDirectory(BrowserCase):
    PW = PW

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": "shimane@example.jp", "password": PW,
                                               "display_name": "島根 太郎", "role": "expert",
                                               "prefecture": "32"})
        assert r.status == 201, r.text

    def test_fill_profile_then_found_in_directory(self):
        d = self.driver
        self.login("shimane@example.jp")
        d.get(self.url("/experts/me/edit"))
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "プロフィールを編集")
        name = d.find_element(By.ID, "display_name")
        name.clear()
        name.send_keys("島根 太郎（出雲）")
        Select(d.find_element(By.ID, "prefecture")).select_by_value("32")
        d.find_element(By.CSS_SELECTOR, "input[name=serves][value='31']").click()
        Select(d.find_element(By.NAME, "skill.incident_response")).select_by_value("3")
        Select(d.find_element(By.NAME, "skill.awareness")).select_by_value("2")
        d.find_element(By.CSS_SELECTOR, "input[name=roles][value=responder]").click()
        d.find_element(By.CSS_SELECTOR, "input[name=on_call]").click()
        d.find_element(By.ID, "bio").send_keys("出雲市で製造業の支援をしています。")
        d.find_element(By.ID, "conflicts").send_keys("UTM製品B社")
        Select(d.find_element(By.NAME, "visibility.employer")).select_by_value("private")
        d.find_element(By.CSS_SELECTOR, "input[name=ethics_accepted]").click()
        w = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(w[0], w[1])
        d.save_screenshot(os.path.join(SHOTS, "kakekomi-profile-form.png"))
        d.find_element(By.CSS_SELECTOR, "form.profile-form button[type=submit]").click()
        self.wait.until(EC.url_matches(r"/experts/\d+$"))
        main = d.find_element(By.TAG_NAME, "main").text
        self.assertIn("島根 太郎（出雲）", main)
        self.assertIn("インシデント対応 Lv3", main)
        self.assertIn("UTM製品B社", main)
        # On a phone each value has the width of the card, not a one-character column.
        widths = d.execute_script(
            "return [...document.querySelectorAll('dl.facts dd')].map(e => e.getBoundingClientRect().width)")
        self.assertTrue(widths)
        self.assertGreater(min(widths), 200, widths)

        # The directory for Shimane lists the expert; Tottori too (served prefecture).
        for pref in ("32", "31"):
            d.get(self.url("/experts"))
            Select(d.find_element(By.ID, "pref")).select_by_value(pref)
            d.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
            self.wait.until(EC.url_contains("pref=" + pref))
            cards = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".cards .card h2")]
            self.assertIn("島根 太郎（出雲）", cards, pref)
        d.save_screenshot(os.path.join(SHOTS, "kakekomi-directory.png"))
        d.get(self.url("/experts?pref=47"))
        self.assertNotIn("島根 太郎（出雲）",
                         [e.text for e in d.find_elements(By.CSS_SELECTOR, ".cards .card h2")])


if __name__ == "__main__":
    kk.main("browser-registry")
