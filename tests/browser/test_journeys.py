"""The people's journeys, one test each, in headless Chromium at phone size
(390×844), in Japanese, with one English pass: a new company, an expert, a
desk, an administrator and an anonymous visitor. Every page on the way is
checked with axe-core (no critical or serious fault) and for sideways
scrolling; each validation error met on the way must keep what was typed and
say what is wrong beside the field."""

import csv
import io
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import kk  # noqa: E402
from test_browser import SHOTS, BrowserCase  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PW = "journey test password"
PROFILE = {"ethics_accepted": True, "modes": ["remote", "onsite"], "roles": ["responder"],
           "skills": [{"code": "incident_response", "level": 3}], "on_call": False}


class Journey(BrowserCase):
    PW = PW

    # ---- the other people, through the API ----

    @classmethod
    def account(cls, email, role, pref, name):
        c = cls.srv.client()
        r = c.api("POST", "/api/v1/accounts", {"email": email, "password": PW, "consent": True,
                                               "display_name": name, "role": role,
                                               "prefecture": pref})
        assert r.status == 201, r.text
        c.login_api(email, PW)
        c.id = r.json()["id"]
        return c

    @classmethod
    def expert(cls, email, pref, name, **over):
        c = cls.account(email, "expert", pref, name)
        body = dict(PROFILE, display_name=name, prefecture=pref)
        body.update(over)
        r = c.api("PUT", "/api/v1/experts/me", body)
        assert r.status in (200, 201), r.text
        return c

    @classmethod
    def company(cls, email, pref, name, **over):
        c = cls.account(email, "sme", pref, name + " 担当")
        body = {"name": name, "prefecture": pref, "industry": "I", "employees": "6-20",
                "vendors": ["POSレジC社"]}
        body.update(over)
        r = c.api("PUT", "/api/v1/companies/me", body)
        assert r.status in (200, 201), r.text
        return c

    @classmethod
    def desk(cls, admin, pref, name, email):
        desk = admin.api("POST", "/api/v1/desks", {"prefecture": pref, "name": name}).json()["id"]
        cls.srv.add_user(email, "desk", PW, pref)
        op = cls.srv.sql("SELECT id FROM accounts WHERE email = ?", email)[0][0]
        admin.api("POST", "/api/v1/desks/%d/operators" % desk, {"account_id": op})
        return desk

    # ---- the browser ----

    def go(self, path):
        self.driver.get(self.url(path))

    def el(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def main_text(self):
        return self.el("main").text

    def click_and_wait(self, element):
        """Click, and wait until the next page has loaded."""
        self.driver.execute_script("window.kkOld = true")
        element.click()
        self.wait.until(lambda drv: drv.execute_script(
            "return !window.kkOld && document.readyState === 'complete'"))

    def submit(self, form_css):
        """Click the submit button of the form, and wait for the next page."""
        self.click_and_wait(self.el(form_css + " button[type=submit]"))

    def flash(self):
        return self.el("main .flash").text

    def error_beside(self, field_id):
        """The message under the label of the field with this id (its .field block)."""
        block = self.driver.find_element(
            By.XPATH, "//*[@id='%s']/ancestor::*[contains(@class,'field')][1]" % field_id)
        return block.find_element(By.CSS_SELECTOR, ".field-error").text

    def sign_up(self, role, name, email, pref):
        """Fill in and send the sign-up form that is on the screen."""
        self.el("input[name=role][value=%s]" % role).click()
        self.el("#display_name").send_keys(name)
        self.el("#email").send_keys(email)
        self.el("#password").send_keys(PW)
        Select(self.el("#prefecture")).select_by_value(pref)
        self.el("input[name=consent]").click()
        self.submit("form.stack")

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(SHOTS, "kakekomi-journey-%s.png" % name))

    def request_id(self):
        return int(re.search(r"/requests/(\d+)", self.driver.current_url).group(1))


class NewCompany(Journey):
    """Sign up → company → file an incident → guidance → message → closing report → rating."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.responder = cls.expert("responder@example.jp", "31", "因幡 一郎", on_call=True,
                                   skills=[{"code": "ransomware", "level": 4}])

    def test_a_new_company_gets_help_for_an_incident(self):
        d = self.driver
        d.delete_all_cookies()
        self.go("/")
        d.find_element(By.LINK_TEXT, "新規登録").click()
        self.wait.until(EC.url_contains("/signup"))
        self.accessible()
        self.sign_up("sme", "鳥取 太郎", "owner@example.jp", "31")
        # Lands on the company's profile, told what to do first; nothing chosen for it.
        self.assertTrue(d.current_url.endswith("/company"))
        self.assertIn("まず会社のプロフィールを入力してください", self.flash())
        self.assertEqual(Select(self.el("#industry")).first_selected_option.get_attribute("value"), "")
        self.accessible()
        self.el("#name").send_keys("砂丘商店")
        Select(self.el("#industry")).select_by_value("I")
        self.el("#vendors").send_keys("POSレジC社")
        self.submit("form.stack")
        self.assertIn("会社のプロフィールを保存しました", self.flash())

        # An incident from the home page, with only spaces for a description first: the
        # error is beside the description, and the topic, the urgency and the kind are kept.
        self.go("/")
        self.el("section.urgent a[href='/requests/new?kind=incident']").click()
        self.wait.until(EC.url_contains("/requests/new"))
        self.assertTrue(self.el("input[name=urgency][value=high]").is_selected())
        self.el("input[name=topics][value=ransomware]").click()
        self.el("input[name=mode][value=onsite]").click()
        self.el("#description").send_keys("   ")
        self.submit("form.stack")
        self.assertTrue(self.error_beside("description"))
        self.assertTrue(self.el("input[name=topics][value=ransomware]").is_selected())
        self.assertTrue(self.el("input[name=mode][value=onsite]").is_selected())
        self.assertTrue(self.el("input[name=urgency][value=high]").is_selected())
        self.assertTrue(self.el("input[name=kind][value=incident]").is_selected())
        self.accessible()
        self.el("#description").clear()
        self.el("#description").send_keys("レジのパソコンに身代金を要求する画面が出ています")
        self.submit("form.stack")
        rid = self.request_id()
        guidance = self.el("section.guidance").text
        self.assertIn("電源は切らないで", guidance)
        self.assertIn("#9110", guidance)
        self.accessible()
        self.shot("company-guidance")

        # A message in the thread, confirmed.
        self.el("#body").send_keys("店は営業中です。レジ 1 台だけです。")
        self.submit("ul.thread + form")
        self.assertIn("メッセージを送信しました", self.flash())
        self.assertIn("レジ 1 台だけです", self.el("ul.thread").text)

        # The on-call expert accepts and closes with a report.
        path = "/api/v1/requests/%d" % rid
        self.assertEqual(self.responder.api("POST", path + "/accept").status, 200)
        self.assertEqual(self.responder.api("POST", path + "/close", {
            "report": "LAN から切り離し、バックアップから復旧しました。", "hours": 2}).status, 200)

        # The company reads the report, rates, and sees its rating instead of the form.
        self.go("/requests/%d" % rid)
        self.assertIn("バックアップから復旧しました", self.main_text())
        self.assertNotIn("相談窓口が対応できる専門家に連絡します", self.main_text())  # closed: nobody will call
        self.el("input[name=stars][value='4']").click()
        self.el("#comment").send_keys("夜でもすぐ来てくれました")
        self.submit("form[action$='/rating']")
        self.assertIn("評価を送信しました", self.flash())
        self.assertIn("★★★★", self.main_text())
        self.assertIn("夜でもすぐ来てくれました", self.main_text())
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "form[action$='/rating']"), [])
        self.accessible()
        self.shot("company-rated")


class Expert(Journey):
    """Profile with two languages → save → offer → accept → contact → close."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop = cls.company("shop@example.jp", "31", "倉吉製作所")

    def test_an_expert_takes_an_incident_and_closes_it(self):
        d = self.driver
        d.delete_all_cookies()
        self.go("/signup")
        self.sign_up("expert", "伯耆 花子", "hoki@example.jp", "31")
        self.assertIn("/experts/me/edit", d.current_url)
        self.accessible()

        # A language list the form cannot read: the message beside it, everything kept.
        Select(self.el("select[name='skill.incident_response']")).select_by_value("4")
        self.el("input[name=roles][value=responder]").click()
        self.el("input[name=on_call]").click()
        if not self.el("input[name=ethics_accepted]").is_selected():
            self.el("input[name=ethics_accepted]").click()
        self.el("#languages").clear()
        self.el("#languages").send_keys("日本語と英語")
        self.el("#bio").send_keys("鳥取で中小企業の IT を支えています。")
        self.submit("form.stack")
        self.assertTrue(self.error_beside("languages"))
        self.assertEqual(self.el("#languages").get_attribute("value"), "日本語と英語")
        self.assertEqual(self.el("#bio").get_attribute("value"), "鳥取で中小企業の IT を支えています。")
        self.assertEqual(Select(self.el("select[name='skill.incident_response']"))
                         .first_selected_option.get_attribute("value"), "4")
        self.assertTrue(self.el("input[name=on_call]").is_selected())
        self.accessible()
        self.el("#languages").clear()
        self.el("#languages").send_keys("ja, en")
        self.submit("form.stack")
        self.assertIn("プロフィールを保存しました", self.flash())
        # Saved again untouched, as it comes back: still fine, still two languages.
        self.go("/experts/me/edit")
        self.assertEqual(self.el("#languages").get_attribute("value"), "ja, en")
        self.submit("form.stack")
        self.assertIn("プロフィールを保存しました", self.flash())
        self.shot("expert-profile")

        # An incident nearby is offered; the expert accepts and sees whom to contact.
        rid = self.shop.api("POST", "/api/v1/requests", {
            "kind": "incident", "description": "取引先を名乗る不審なメールの添付を開いてしまった",
            "topics": ["incident_response"]}).json()["id"]
        self.go("/requests")
        card = self.el("a[href='/requests/%d']" % rid)
        card.click()
        self.wait.until(EC.url_contains("/requests/%d" % rid))
        self.assertNotIn("倉吉製作所", self.main_text())  # before accepting: no name
        self.accessible()
        self.submit("form[action$='/accept']")
        self.assertIn("この相談を引き受けました", self.flash())
        customer = self.main_text()
        self.assertIn("倉吉製作所", customer)
        self.assertIn("POSレジC社", customer)
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "a[href='mailto:shop@example.jp']")), 1)
        self.accessible()
        self.shot("expert-accepted")

        # Closing: hours the form cannot read come back beside the field, the report kept.
        self.el("#report").send_keys("添付ファイルを隔離し、パスワードを変更しました。")
        self.el("#hours").send_keys("二時間")
        self.submit("form[action$='/close']")
        self.assertTrue(self.error_beside("hours"))
        self.assertEqual(self.el("#report").get_attribute("value"), "添付ファイルを隔離し、パスワードを変更しました。")
        self.accessible()
        self.el("#hours").clear()
        self.el("#hours").send_keys("1.5")
        self.submit("form[action$='/close']")
        self.assertIn("相談を終了し、報告を送りました", self.flash())
        self.assertIn("パスワードを変更しました", self.main_text())


class Desk(Journey):
    """Queue with company and SLA → candidates → team → transfer, confirmed on both sides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.srv.admin(PW)
        cls.desk(admin, "31", "鳥取 駆け込み寺", "tottori-desk@example.jp")
        cls.desk(admin, "33", "岡山 駆け込み寺", "okayama-desk@example.jp")
        cls.expert("ir@example.jp", "31", "米子 次郎")
        cls.expert("law@example.jp", "31", "境港 三子", roles=["adviser"],
                   skills=[{"code": "legal", "level": 3}])
        cls.expert("oncall@example.jp", "33", "倉敷 四郎", on_call=True)  # the offer's ring
        cls.shop = cls.company("dune@example.jp", "31", "砂丘リゾート", industry="M")

    def test_a_desk_forms_a_team_and_transfers(self):
        d = self.driver
        rid = self.shop.api("POST", "/api/v1/requests", {
            "kind": "incident", "description": "予約サイトの顧客情報が漏れたかもしれない",
            "topics": ["incident_response", "legal"]}).json()["id"]
        self.login("tottori-desk@example.jp")
        self.go("/requests")
        card = self.el("a[href='/requests/%d']" % rid).find_element(By.XPATH, "ancestor::li[1]").text
        self.assertIn("砂丘リゾート", card)
        self.assertIn("担当未定", card)
        self.assertRegex(card, r"あと \d+ 分で打診範囲を拡大")
        self.accessible()
        self.shot("desk-queue")

        self.el("a[href='/requests/%d']" % rid).click()
        self.wait.until(EC.url_contains("/requests/%d" % rid))
        self.assertIn("砂丘リゾート", self.main_text())            # the customer card
        names = self.el("ol.candidates").text
        self.assertIn("米子 次郎", names)
        self.assertIn("境港 三子", names)
        self.accessible()
        # A team: one for the incident, one for the legal side.
        team = self.el("h3 + ol form")
        self.assertIn("インシデント対応", team.text)
        self.assertIn("境港 三子 (法務", team.text)
        members = re.findall(r"(\S+ \S+) \(", team.text)
        self.assertEqual(len(members), 2, team.text)
        self.click_and_wait(team.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        self.assertIn("担当の専門家を決めました", self.flash())
        on_it = " ".join(e.text for e in d.find_elements(By.CSS_SELECTOR, "li.assignee"))
        for name in members:
            self.assertIn(name, on_it)

        # Transfer to Shimane, which this desk serves itself: said beside the field, the
        # note kept.
        Select(self.el("form[action$='/transfer'] select")).select_by_value("32")
        self.el("#note").send_keys("岡山の本店側で対応するため")
        self.submit("form[action$='/transfer']")
        self.assertTrue(self.error_beside("prefecture"))
        self.assertEqual(self.el("#note").get_attribute("value"), "岡山の本店側で対応するため")
        self.accessible()
        Select(self.el("form[action$='/transfer'] select")).select_by_value("33")
        self.submit("form[action$='/transfer']")
        self.assertTrue(d.current_url.endswith("/requests"))
        self.assertIn("相談を移管しました", self.flash())
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "a[href='/requests/%d']" % rid), [])

        # The receiving desk is told, and reads why.
        self.login("okayama-desk@example.jp")
        self.assertTrue(self.el(".badge.unread").text)
        self.go("/requests/%d" % rid)
        self.assertIn("岡山の本店側で対応するため", self.el(".timeline").text)
        self.accessible()
        # The company sees where its request went, and its list names the new prefecture.
        self.login("dune@example.jp")
        self.go("/requests/%d" % rid)
        self.assertIn("岡山 駆け込み寺へ移管", self.el(".timeline").text)
        self.assertNotIn("本店側", self.main_text())                # the desks' note stays theirs
        self.go("/requests")
        self.assertIn("岡山県", self.el("a[href='/requests/%d']" % rid)
                      .find_element(By.XPATH, "ancestor::li[1]").text)


class Admin(Journey):
    """Import → reset link for an imported expert → certify → verify from the public
    profile → complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv.add_user("root@example.jp", "admin", PW)
        cls.customer = cls.company("customer@example.jp", "31", "湖山食品")

    def csv_file(self):
        header = ["email", "display_name", "prefecture", "serves", "remote", "skills", "roles",
                  "modes", "hours_per_week", "on_call", "languages", "bio", "employer",
                  "employer_supports", "background", "conflicts", "ethics_accepted_on",
                  "visibility", "hidden"]
        row = ["imported@example.jp", "取込 五郎", "31", "", "1", "awareness:3", "trainer",
               "remote", "4", "0", "ja", "地元の商工会で講師をしています", "", "0", "", "",
               "2026-04-01", "", "0"]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(header)
        w.writerow(row)
        f = tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False)
        f.write(b"\xef\xbb\xbf" + buf.getvalue().encode())
        f.close()
        return f.name

    def test_an_admin_brings_in_and_certifies_an_expert(self):
        d = self.driver
        self.login("root@example.jp")
        self.go("/admin/import")
        self.accessible()
        self.el("#file").send_keys(self.csv_file())
        self.submit("form.stack")
        self.assertIn("1 人を登録しました", self.main_text())

        # The imported expert has no password: the admin mails a link from the accounts page.
        self.go("/admin/accounts?q=imported")
        card = self.el("li.account")
        self.assertIn("パスワード未設定", card.text)
        self.accessible()
        self.submit("form[action$='/reset-link']")
        self.assertIn("パスワード設定用のリンクをメールで送りました", self.flash())
        body = self.srv.sql("SELECT body FROM outbox WHERE recipient = 'imported@example.jp'")[0][0]
        link = re.search(r"/reset/[A-Za-z0-9_-]+", body).group(0)
        eid = self.srv.sql("SELECT id FROM accounts WHERE email = 'imported@example.jp'")[0][0]

        # Certify from the expert's page: offered once the trainer's course is done, which
        # the admin confirms module by module, with a reason.
        self.go("/experts/%d" % eid)
        self.assertIn("講座の単元をすべて修了", self.main_text())
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "form[action$='/certify']"), [])
        self.accessible()
        for _ in range(3):
            self.el("form[action$='/modules'] input[name=reason]").send_keys("他団体の講座修了証を確認")
            self.submit("form[action$='/modules']")
            self.assertIn("単元を修了にしました", self.flash())
        self.assertIn("講師・トレーナー (修了)", self.main_text())
        self.submit("form[action$='/certify']")
        self.assertIn("認定を発行しました", self.flash())
        number = self.el("dl.facts a[href^='/verify/']").text
        self.assertTrue(number)
        self.shot("admin-certified")

        # The expert sets a password through the link: too short first (said beside the
        # field), then one that will do; logged in, on the profile to complete.
        d.delete_all_cookies()
        self.go(link)
        self.accessible()
        self.el("#new_password").send_keys("short")
        self.submit("form.stack")
        self.assertTrue(self.error_beside("new_password"))
        self.el("#new_password").send_keys("imported expert password")
        self.submit("form.stack")
        self.assertIn("パスワードを設定しました", self.flash())
        self.assertIn("/experts/me/edit", d.current_url)
        self.assertEqual(self.el("#display_name").get_attribute("value"), "取込 五郎")

        # Anyone verifies the certificate from the public profile.
        d.delete_all_cookies()
        self.go("/experts/%d" % eid)
        self.el("a[href='/verify/%s']" % number).click()
        self.wait.until(EC.url_contains("/verify/"))
        self.assertIn("この認定は有効です", self.main_text())
        self.assertIn("取込 五郎", self.main_text())
        self.accessible()

        # A company complains; too short first (kept, said beside the field); the admin
        # dismisses it with a reason.
        self.login("customer@example.jp")
        self.go("/experts/%d" % eid)
        self.el("details summary").click()
        self.el("form[action$='/complaints'] textarea").send_keys("短い")
        self.submit("form[action$='/complaints']")
        self.assertEqual(self.el("form[action$='/complaints'] textarea").get_attribute("value"), "短い")
        self.assertTrue(self.el("form[action$='/complaints'] .field-error").text)
        self.accessible()
        self.el("form[action$='/complaints'] textarea").send_keys("。講習の後に高額な製品を強く勧められました。")
        self.submit("form[action$='/complaints']")
        self.assertIn("申し立てを受け付けました", self.main_text())
        self.login("root@example.jp")
        self.go("/admin/complaints")
        self.assertIn("高額な製品", self.main_text())
        self.accessible()
        self.el("textarea[name=resolution]").send_keys("講習の資料を確認し、勧誘ではないと判断しました。")
        self.click_and_wait(self.el("button[name=status][value=dismissed]"))
        self.assertIn("申し立ての対応を記録しました", self.flash())


class Visitor(Journey):
    """The directory near Tottori with correct labels → profile → verify; in Japanese, then
    the same in English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.srv.admin(PW)
        cls.home = cls.expert("home@example.jp", "31", "鳥取 在住")
        cls.serving = cls.expert("serving@example.jp", "33", "岡山 対応", serves=["31"])
        cls.near = cls.expert("near@example.jp", "33", "岡山 近隣")
        kk.complete_course(admin, cls.home.id, "responder")
        r = admin.api("POST", "/api/v1/certifications", {"expert_id": cls.home.id, "level": "basic"})
        assert r.status == 201, r.text
        cls.number = r.json()["number"]

    def card(self, name):
        return self.driver.find_element(
            By.XPATH, "//main//li[.//a[normalize-space()='%s']]" % name).text

    def visit(self, labels):
        d = self.driver
        self.go("/experts")
        self.accessible()
        Select(self.el("#pref")).select_by_value("31")
        if not self.el("input[name=near]").is_selected():
            self.el("input[name=near]").click()
        self.submit("form.filters")
        self.assertIn(labels["home"], self.card("鳥取 在住"))
        self.assertIn(labels["serving"], self.card("岡山 対応"))
        self.assertNotIn(labels["home"], self.card("岡山 対応"))   # not "in the prefecture"
        self.assertIn(labels["near"], self.card("岡山 近隣"))
        self.accessible()
        d.find_element(By.LINK_TEXT, "鳥取 在住").click()
        self.wait.until(EC.url_contains("/experts/%d" % self.home.id))
        self.accessible()
        self.el("a[href='/verify/%s']" % self.number).click()
        self.wait.until(EC.url_contains("/verify/"))
        self.assertIn(labels["valid"], self.main_text())
        self.accessible()
        # A number typed by hand, in lower case without hyphens, finds the same certificate.
        self.go("/verify")
        self.el("form.inline-form input").send_keys(self.number.lower().replace("-", ""))
        self.submit("form.inline-form")
        self.assertIn(labels["valid"], self.main_text())

    def test_a_visitor_finds_an_expert_near_tottori_and_verifies(self):
        self.driver.delete_all_cookies()
        self.visit({"home": "県内", "serving": "鳥取県にも対応", "near": "隣接県",
                    "valid": "この認定は有効です"})
        self.shot("visitor-verified")

    def test_the_same_in_english(self):
        d = self.driver
        d.delete_all_cookies()
        self.go("/")
        self.el("form.lang-switch button").click()
        self.wait.until(lambda drv: drv.execute_script("return document.documentElement.lang") == "en")
        self.visit({"home": "In the prefecture", "serving": "Also works in Tottori",
                    "near": "Neighbouring prefecture", "valid": "This certificate is valid."})
        self.shot("visitor-verified-en")


class SelfCheck(Journey):
    """An owner without an account takes the self-check screen by screen (a skipped item
    is named, the answers stay) → the result → signs up (the result comes along) → consults
    the desk about it with the form pre-filled → the request shows what was shared."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk(cls.srv.admin(PW), "32", "島根 駆け込み寺", "shimane-desk@example.jp")

    def answer_screen(self, skip=None):
        """Answer every item on the screen: recovery (backups) not done, the rest done."""
        names = sorted({e.get_attribute("name") for e in
                        self.driver.find_elements(By.CSS_SELECTOR, "input[type=radio]")})
        for name in names:
            if name == skip:
                continue
            value = "not_done" if name.startswith("RC") else "done"
            self.driver.execute_script("arguments[0].click()",
                                       self.el("input[name=%s][value=%s]" % (name, value)))
        return names

    def test_an_owner_sees_where_they_stand_and_asks_for_help(self):
        d = self.driver
        d.delete_all_cookies()
        self.go("/assessment")
        self.accessible()
        self.assertIn("6 分野中 1", self.main_text())
        names = self.answer_screen(skip="GV2")
        self.submit("form.stack")
        # The skipped item is named beside it; the other answers are still chosen.
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "fieldset .field-error"))
        self.assertTrue(self.el("input[name=GV3][value=done]").is_selected())
        self.accessible()
        self.el("input[name=GV2][value=partly]").click()
        self.submit("form.stack")
        for step in range(1, 6):
            self.assertIn("6 分野中 %d" % (step + 1), self.main_text())
            self.answer_screen()
            self.submit("form.stack")
        self.assertIn("/assessments/", d.current_url)
        self.assertTrue(self.el("svg.radar").is_displayed())
        actions = self.el("ol.actions-list").text
        self.assertIn("バックアップ", actions)
        self.accessible()
        self.shot("selfcheck-result")
        result = d.current_url

        # Signing up brings the result along; it is listed in the history.
        self.go("/signup")
        self.sign_up("sme", "出雲 花子", "izumo@example.jp", "32")
        self.el("#name").send_keys("出雲そば本舗")
        Select(self.el("#industry")).select_by_value("M")
        self.el("input[name=statistics_consent][value='1']").click()
        self.submit("form.stack")
        self.go("/assessments")
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "a[href='%s']" % result[len(self.url("")):]))
        self.accessible()

        # Consult about the result: the form is pre-filled with the gaps, sharing ticked.
        self.driver.get(result)
        self.submit("form[action$='/consult']:not(.inline)")
        self.assertIn("/requests/new", d.current_url)
        self.assertIn("/100", self.el("#description").get_attribute("value"))
        self.assertTrue(self.el("input[name=topics][value=backup]").is_selected())
        self.assertTrue(self.el("input[name=assessment_id]").is_selected())
        self.accessible()
        self.submit("form.stack")
        self.request_id()
        shared = self.el("section.shared-assessment").text
        self.assertIn("バックアップ", shared)
        self.accessible()
        self.shot("selfcheck-consulted")


class RegionalMap(Journey):
    """Anyone opens the map of where help is missing on a phone, chooses a figure and a
    period, follows a tile to its prefecture, and finds the open data."""

    def test_the_map_leads_to_a_prefecture(self):
        d = self.driver
        d.delete_all_cookies()
        self.go("/map")
        self.accessible()
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "svg.tilemap rect.tile")), 47)
        Select(self.el("#metric")).select_by_value("requests_advice")
        Select(self.el("#period")).select_by_value("90")
        self.submit("form.filters")
        self.assertIn("metric=requests_advice", d.current_url)
        self.assertEqual(Select(self.el("#period")).first_selected_option.get_attribute("value"), "90")
        self.accessible()
        self.shot("map")
        self.click_and_wait(self.el("svg.tilemap a[href='/map/31']"))
        self.assertTrue(d.current_url.endswith("/map/31"))
        self.assertEqual(self.el("main h1").text, "鳥取県")
        self.assertTrue(self.el("svg.bars").is_displayed())
        self.accessible()
        self.shot("map-tottori")
        self.click_and_wait(d.find_element(By.LINK_TEXT, "地図に戻る"))
        self.click_and_wait(d.find_element(By.LINK_TEXT, "オープンデータ"))
        self.assertIn("CC BY 4.0", self.main_text())
        self.accessible()


class Events(Journey):
    """An expert in Saga finds a study group next door in Fukuoka, registers from their phone;
    the community's organiser (an admin named them) marks who came once it has started; the
    expert's CPD page shows the points as verified. An error in the organiser's form keeps
    what was typed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)
        cls.community = cls.admin.api("POST", "/api/v1/communities", {
            "name": "福岡セキュリティ勉強会", "type": "network", "prefectures": ["40"]}).json()["id"]
        cls.organiser = cls.expert("organiser@example.jp", "40", "博多 一郎")
        cls.organiser.api("POST", "/api/v1/communities/%d/members" % cls.community)
        cls.admin.api("POST", "/api/v1/communities/%d/organisers" % cls.community,
                      {"expert_id": cls.organiser.id})
        cls.learner = cls.expert("learner@example.jp", "41", "佐賀 花子")

    def test_an_expert_registers_and_attendance_becomes_cpd(self):
        d = self.driver
        # The organiser holds an event in the browser; a bad end comes back with everything.
        self.login("organiser@example.jp")
        self.go("/events/new")
        self.accessible()
        Select(self.el("#community_id")).select_by_value(str(self.community))
        self.el("#title").send_keys("バックアップ勉強会 第1回")
        Select(self.el("#kind")).select_by_value("study")
        start = "2030-01-10T19:00"
        d.execute_script("document.getElementById('starts_at').value = arguments[0];"
                         "document.getElementById('ends_at').value = arguments[1];",
                         start, "2030-01-10T18:00")
        Select(self.el("#prefecture")).select_by_value("40")
        self.el("#venue").send_keys("博多駅前会議室")
        self.el("#capacity").send_keys("20")
        self.el("#cpd_points").clear()
        self.el("#cpd_points").send_keys("3")
        self.el("input[name=skills][value=backup]").click()
        self.submit("form.stack")
        self.assertIn("開始日時より後", self.error_beside("ends_at"))
        self.assertEqual(self.el("#title").get_attribute("value"), "バックアップ勉強会 第1回")
        self.assertTrue(self.el("input[name=skills][value=backup]").is_selected())
        self.accessible()
        d.execute_script("document.getElementById('ends_at').value = '2030-01-10T21:00'")
        self.submit("form.stack")
        self.assertIn("催しを作りました", self.flash())
        event = int(re.search(r"/events/(\d+)", d.current_url).group(1))
        # The expert next door finds it nearest first, and registers.
        self.login("learner@example.jp")
        self.go("/events")
        self.assertIn("pref=41", d.current_url)
        self.accessible()
        item = d.find_element(By.LINK_TEXT, "バックアップ勉強会 第1回")
        self.assertIn("近隣", item.find_element(By.XPATH, "ancestor::li").text)
        self.shot("events")
        self.click_and_wait(item)
        self.accessible()
        self.submit("section.register form")
        self.assertIn("参加を申し込みました", self.flash())
        self.assertIn("参加が決まっています", self.main_text())
        self.shot("event")
        # The event takes place; the organiser marks who came.
        self.srv.sql("UPDATE events SET starts_at = strftime('%s', 'now') - 7200,"
                     " ends_at = strftime('%s', 'now') - 3600 WHERE id = ?", event)
        self.login("organiser@example.jp")
        self.go("/events/%d/registrants" % event)
        self.accessible()
        self.el("input[name=account_ids][value='%d']" % self.learner.id).click()
        self.submit("main form")
        self.assertIn("出席を保存しました", self.flash())
        # The expert's CPD page shows the points, verified, with the event's name.
        self.login("learner@example.jp")
        self.go("/experts/me/cpd")
        self.accessible()
        row = d.find_element(By.LINK_TEXT, "バックアップ勉強会 第1回").find_element(By.XPATH, "ancestor::tr")
        self.assertIn("確認済み", row.text)
        self.assertIn("3", row.text)
        self.shot("cpd")


if __name__ == "__main__":
    kk.main("journeys")
