"""axe-core over every main page, in Japanese and in English, on a phone and on a
desktop, anonymous and signed in (an expert and a company of the demo data): no
critical and no serious fault, and no sideways scrolling."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import kk  # noqa: E402
from test_browser import BrowserCase  # noqa: E402

PUBLIC = ["/", "/experts", "/experts?pref=13&near=1", "/experts/5", "/communities",
          "/communities/1", "/events", "/events?pref=27&near=1", "/events/81", "/qa",
          "/qa/search?q=%E3%83%91%E3%82%B9%E3%83%AF%E3%83%BC%E3%83%89", "/qa/10", "/assessment",
          "/map", "/map/13", "/opendata", "/verify", "/ethics", "/login", "/signup"]
EXPERT = ["/account", "/experts/me/edit", "/experts/me/cpd", "/me/events", "/requests",
          "/events/new"]
COMPANY = ["/company", "/requests", "/requests/new", "/assessments", "/me/events"]


class EveryPage(BrowserCase):
    PW = "kakekomi-demo"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = kk.run_cli("seed", "--demo", db=cls.srv.db)
        assert r.returncode == 0, r.stderr

    def sweep(self, paths):
        for lang in ("ja", "en"):
            self.driver.get(self.url("/"))
            self.driver.add_cookie({"name": "kk_lang", "value": lang})
            for width, height in ((390, 844), (1280, 900)):
                self.driver.set_window_size(width, height)
                for path in paths:
                    with self.subTest(path=path, lang=lang, width=width):
                        self.driver.get(self.url(path))
                        self.accessible()

    def test_public_pages(self):
        self.driver.delete_all_cookies()
        self.sweep(PUBLIC)

    def test_an_experts_pages(self):
        self.login("expert@kakekomi.example")
        self.sweep(EXPERT)

    def test_a_companys_pages(self):
        self.login("sme@kakekomi.example")
        self.sweep(COMPANY)


if __name__ == "__main__":
    kk.main("a11y")
