"""No dead ends on the demo: every local link on every page reached from the home
page, for a visitor and for each demo account, answers without a 4xx or 5xx
(a redirect must lead to a page that answers)."""

import html.parser
import os
import re
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

DEMO_PW = "kakekomi-demo"
PER_SHAPE = 3     # pages of one shape (/experts/N, /qa/N, ...) to follow
MAX_PAGES = 250   # per person


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def shape(path):
    """/experts/12?page=2 → /experts/N: pages that differ only by numbers."""
    return re.sub(r"\d+", "N", path)


class DemoLinks(kk.ServerCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="kk-links-")
        db = os.path.join(cls.dir, "demo.db")
        r = kk.run_cli("seed", "--demo", db=db)
        assert r.returncode == 0, r.stderr
        cls.srv = kk.Server(db=db)

    def crawl(self, client):
        seen, shapes, queue, bad = set(), {}, ["/"], []
        while queue and len(seen) < MAX_PAGES:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            r = client.get(path)
            if 300 <= r.status < 400:
                to = r.header("Location") or ""
                if to.startswith("/") and to not in seen:
                    queue.insert(0, to)
                continue
            if r.status >= 400:
                bad.append((path, r.status))
                continue
            if "text/html" not in (r.header("Content-Type") or ""):
                continue
            p = Links()
            p.feed(r.text)
            for href in p.hrefs:
                u = urllib.parse.urlsplit(urllib.parse.urljoin(path, href))
                if u.scheme or u.netloc or not u.path.startswith("/"):
                    continue  # mailto:, tel:, other sites
                if u.path.startswith("/static/"):
                    continue
                local = u.path + ("?" + u.query if u.query else "")
                k = shape(local)
                if local in seen or shapes.get(k, 0) >= PER_SHAPE:
                    continue
                shapes[k] = shapes.get(k, 0) + 1
                queue.append(local)
        return seen, bad

    def test_no_dead_link_for_anyone(self):
        people = [None, "sme@kakekomi.example", "expert@kakekomi.example",
                  "desk@kakekomi.example", "admin@kakekomi.example"]
        for email in people:
            with self.subTest(who=email or "visitor"):
                c = self.srv.client()
                if email:
                    r = c.form("/login", {"email": email, "password": DEMO_PW})
                    self.assertEqual(r.status, 303, r.text)
                seen, bad = self.crawl(c)
                self.assertGreater(len(seen), 20)   # it really went round the site
                self.assertEqual(bad, [])


if __name__ == "__main__":
    kk.main("links")
