"""Browser test in headless Chromium: sign up and log in through the forms,
on a phone-sized window, and check that the pages are Japanese."""

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

SHOTS = os.environ.get("KAKEKOMI_SHOTS", tempfile.gettempdir())
AXE = os.path.join(os.path.dirname(__file__), "axe", "node_modules", "axe-core", "axe.min.js")


def chromium(profile):
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 "--window-size=390,844", "--lang=en-US",
                 "--user-data-dir=" + profile):
        o.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


class BrowserCase(kk.ServerCase):
    """A server and one headless Chromium per test class; a subclass sets PW for login()."""
    PW = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = tempfile.mkdtemp(prefix="kk-chrome-")
        cls.driver = chromium(cls.profile)
        cls.wait = WebDriverWait(cls.driver, 15)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.profile, ignore_errors=True)
        super().tearDownClass()

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.srv.port, path)

    def accessible(self):
        """axe-core over the page as it stands: no critical or serious fault, and no
        sideways scrolling on the phone-sized window."""
        d = self.driver
        with open(AXE, encoding="utf-8") as f:
            d.execute_script(f.read())
        d.set_script_timeout(60)
        found = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
            "v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(' '))])));")
        bad = [v for v in found if v[1] in ("critical", "serious")]
        self.assertEqual(bad, [], "axe-core on " + d.current_url)
        w = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(w[0], w[1], "wider than the screen: " + d.current_url)

    def login(self, email):
        d = self.driver
        d.delete_all_cookies()
        d.get(self.url("/login"))
        d.find_element(By.ID, "email").send_keys(email)
        d.find_element(By.ID, "password").send_keys(self.PW)
        d.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
        self.wait.until(EC.url_contains("/account"))


class SignupAndLogin(BrowserCase):
    def no_horizontal_scroll(self):
        w = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(w[0], w[1], "page is wider than the phone screen")

    def test_signup_then_login_in_japanese(self):
        d = self.driver
        d.get(self.url("/"))
        d.delete_all_cookies()  # a fresh visitor: no language chosen yet
        d.get(self.url("/"))
        self.assertEqual(d.find_element(By.TAG_NAME, "html").get_attribute("lang"), "ja")
        self.assertIn("駆け込み寺", d.title)
        self.no_horizontal_scroll()
        d.save_screenshot(os.path.join(SHOTS, "kakekomi-home.png"))

        d.find_element(By.LINK_TEXT, "新規登録").click()
        self.wait.until(EC.url_contains("/signup"))
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "新規登録")
        d.find_element(By.CSS_SELECTOR, "input[name=role][value=expert]").click()
        d.find_element(By.ID, "display_name").send_keys("ブラウザ 花子")
        d.find_element(By.ID, "email").send_keys("browser@example.jp")
        d.find_element(By.ID, "password").send_keys("ブラウザの合言葉です")
        Select(d.find_element(By.ID, "prefecture")).select_by_value("40")
        d.find_element(By.CSS_SELECTOR, "input[name=consent]").click()
        self.no_horizontal_scroll()
        d.save_screenshot(os.path.join(SHOTS, "kakekomi-signup.png"))
        d.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()

        # An expert lands on the profile to complete, told once what to do first.
        self.wait.until(EC.url_contains("/experts/me/edit"))
        self.assertIn("登録が完了しました", d.find_element(By.CSS_SELECTOR, "main .flash").text)
        self.assertEqual(d.find_element(By.ID, "display_name").get_attribute("value"), "ブラウザ 花子")
        d.get(self.url("/account"))
        body = d.find_element(By.TAG_NAME, "main").text
        self.assertNotIn("登録が完了しました", body)  # once
        self.assertIn("ブラウザ 花子", body)
        self.assertIn("福岡県", body)
        self.assertIn("専門家", body)
        self.no_horizontal_scroll()
        d.save_screenshot(os.path.join(SHOTS, "kakekomi-account.png"))

        d.find_element(By.CSS_SELECTOR, "nav form button").click()  # ログアウト
        self.wait.until(EC.presence_of_element_located((By.LINK_TEXT, "ログイン")))
        d.find_element(By.LINK_TEXT, "ログイン").click()
        self.wait.until(EC.url_contains("/login"))
        d.find_element(By.ID, "email").send_keys("browser@example.jp")
        d.find_element(By.ID, "password").send_keys("間違いの合言葉です")
        d.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.error")))
        self.assertIn("正しくありません", d.find_element(By.CSS_SELECTOR, "p.error").text)
        d.find_element(By.ID, "email").clear()
        d.find_element(By.ID, "email").send_keys("BROWSER@example.jp")
        d.find_element(By.ID, "password").send_keys("ブラウザの合言葉です")
        d.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
        self.wait.until(EC.url_contains("/account"))
        self.assertIn("ブラウザ 花子", d.find_element(By.TAG_NAME, "main").text)
        self.assertEqual(d.find_element(By.TAG_NAME, "html").get_attribute("lang"), "ja")

    def test_language_switch_button(self):
        d = self.driver
        d.get(self.url("/login"))
        d.find_element(By.CSS_SELECTOR, "form.lang-switch button").click()
        self.wait.until(lambda drv: drv.execute_script("return document.documentElement.lang") == "en")
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Log in")
        d.find_element(By.CSS_SELECTOR, "form.lang-switch button").click()
        self.wait.until(lambda drv: drv.execute_script("return document.documentElement.lang") == "ja")


if __name__ == "__main__":
    kk.main("browser")
