"""Running it for real: make install and uninstall into a temporary prefix, the
systemd unit verified by systemd-analyze, kakekomi(8) rendered without a warning
and naming every option --help prints, and the configuration file with its
precedence (file, then environment, then options) and the secrets read from
files, against the real binary."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(kk.BIN)
COMMANDS = ["", "serve", "migrate", "seed", "user", "import", "backup"]


def run(*cmd, env=None, timeout=60):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, **(env or {})))


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.prefix = os.path.join(cls.tmp, "usr")
        cls.etc = os.path.join(cls.tmp, "etc")
        r = run("make", "-s", "-C", ROOT, "install", "BUILD=" + os.path.dirname(BIN),
                "PREFIX=" + cls.prefix, "SYSCONFDIR=" + cls.etc, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def path(self, *parts):
        return os.path.join(self.prefix, *parts)

    def test_files_and_the_unit(self):
        self.assertTrue(os.access(self.path("bin", "kakekomi"), os.X_OK))
        self.assertTrue(os.path.isfile(self.path("share", "man", "man8", "kakekomi.8")))
        self.assertTrue(os.path.isfile(os.path.join(self.etc, "kakekomi", "kakekomi.conf")))
        unit = self.path("lib", "systemd", "system", "kakekomi.service")
        text = open(unit, encoding="utf-8").read()
        self.assertIn("ExecStart=%s --config" % self.path("bin", "kakekomi"), text)
        for line in ("DynamicUser=yes", "StateDirectory=kakekomi", "ProtectSystem=strict",
                     "NoNewPrivileges=yes", "PrivateTmp=yes", "Restart=on-failure",
                     "KillSignal=SIGTERM", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX"):
            self.assertIn(line, text)
        units = [unit] + [self.path("lib", "systemd", "system", "kakekomi-backup." + k)
                          for k in ("service", "timer")]
        r = run("systemd-analyze", "verify", *units, env={"MANPATH": self.path("share", "man")})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stderr.strip(), "")
        backup = open(units[1], encoding="utf-8").read()
        self.assertIn("%s --db /var/lib/kakekomi/kakekomi.db backup" % self.path("bin", "kakekomi"), backup)
        self.assertIn("User=kakekomi", backup)  # the same dynamic user as the server
        # The installed binary runs, with the example settings as they are shipped.
        r = run(self.path("bin", "kakekomi"), "--config",
                self.path("share", "kakekomi", "kakekomi.conf.example"), "--db",
                os.path.join(self.tmp, "k.db"), "migrate")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_the_man_page_names_every_option(self):
        page = self.path("share", "man", "man8", "kakekomi.8")
        r = run("groff", "-man", "-Tutf8", "-ww", "-z", page, env={"LC_ALL": "C.UTF-8"})
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        r = run("man", "-l", page, env={"MANWIDTH": "80", "MAN_KEEP_FORMATTING": "0"})
        self.assertEqual(r.returncode, 0, r.stderr)
        text = re.sub(".\x08", "", r.stdout).replace("\u2010", "-")  # overstrikes off
        options = set()
        for cmd in COMMANDS:
            h = run(BIN, *([cmd] if cmd else []), "--help")
            self.assertEqual(h.returncode, 0, (cmd, h.stderr))
            options |= set(re.findall(r"--[a-z][a-z-]+", h.stdout))
        self.assertGreater(len(options), 25)
        missing = sorted(o for o in options if o not in text)
        self.assertEqual(missing, [])
        for section in ("NAME", "SYNOPSIS", "COMMANDS", "CONFIGURATION", "ENVIRONMENT", "FILES"):
            self.assertIn(section, text)

    def test_uninstall_keeps_the_settings(self):
        d = tempfile.mkdtemp()
        args = ["BUILD=" + os.path.dirname(BIN), "PREFIX=" + d + "/usr", "SYSCONFDIR=" + d + "/etc"]
        self.assertEqual(run("make", "-s", "-C", ROOT, "install", *args, timeout=300).returncode, 0)
        with open(d + "/etc/kakekomi/kakekomi.conf", "a", encoding="utf-8") as f:
            f.write("threads = 2\n")
        self.assertEqual(run("make", "-s", "-C", ROOT, "install", *args, timeout=300).returncode, 0)
        self.assertIn("threads = 2", open(d + "/etc/kakekomi/kakekomi.conf", encoding="utf-8").read())
        r = run("make", "-s", "-C", ROOT, "uninstall", *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        left = sorted(os.path.relpath(os.path.join(p, f), d) for p, _, fs in os.walk(d) for f in fs)
        self.assertEqual(left, ["etc/kakekomi/kakekomi.conf"])
        shutil.rmtree(d)


class Settings(unittest.TestCase):
    """The configuration file, the environment and the options, each over the one before."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.db = os.path.join(self.tmp, "k.db")
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            p.terminate()
            p.wait(timeout=10)
        shutil.rmtree(self.tmp)

    def conf(self, text):
        path = os.path.join(self.tmp, "kakekomi.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def serve(self, args, env=None):
        """Start the server; the port it answers on (of those given), or None."""
        p = subprocess.Popen([BIN] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env=dict(os.environ, **(env or {})))
        self.procs.append(p)
        return p

    def answers(self, port):
        for _ in range(100):
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=1) as r:
                    return r.status == 200
            except OSError:
                time.sleep(0.05)
        return False

    def test_file_then_environment_then_options(self):
        a, b, c = kk.free_port(), kk.free_port(), kk.free_port()
        conf = self.conf("# test\nlisten = 127.0.0.1:%d\ndb = %s\n" % (a, self.db))
        self.serve(["--config", conf, "serve"])
        self.assertTrue(self.answers(a))  # the file's address and database
        self.assertTrue(os.path.exists(self.db))
        self.serve(["--config", conf, "serve"], env={"KAKEKOMI_LISTEN": "127.0.0.1:%d" % b})
        self.assertTrue(self.answers(b))  # the environment over the file
        self.serve(["--config", conf, "serve", "--listen", "127.0.0.1:%d" % c],
                   env={"KAKEKOMI_LISTEN": "127.0.0.1:%d" % b})
        self.assertTrue(self.answers(c))  # the option over both

    def test_bad_settings_stop_it(self):
        conf = self.conf("listen = 127.0.0.1:1\nlisen = oops\n")
        r = run(BIN, "--config", conf, "--db", self.db, "migrate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("line 2: unknown setting \"lisen\"", r.stderr)
        r = run(BIN, "--config", self.conf("listen 127.0.0.1:1\n"), "--db", self.db, "migrate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("line 1", r.stderr)
        r = run(BIN, "--config", os.path.join(self.tmp, "none.conf"), "migrate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot read", r.stderr)
        r = run(BIN, "migrate", env={"KAKEKOMI_CONFIG": os.path.join(self.tmp, "none.conf")})
        self.assertEqual(r.returncode, 2)

    def test_secrets_from_files(self):
        port = kk.free_port()
        base = ["--db", self.db, "serve", "--listen", "127.0.0.1:%d" % port,
                "--webhook-url", "http://127.0.0.1:9/hook"]
        # Without its key a webhook is refused; with the key in a file (as a systemd
        # credential is), it starts.
        r = run(BIN, *base, timeout=20)
        self.assertEqual(r.returncode, 2)
        self.assertIn("KAKEKOMI_WEBHOOK_SECRET", r.stderr)
        key = os.path.join(self.tmp, "webhook-secret")
        with open(key, "w", encoding="utf-8") as f:
            f.write("a long shared secret\n")
        self.serve(base, env={"KAKEKOMI_WEBHOOK_SECRET_FILE": key})
        self.assertTrue(self.answers(port))
        r = run(BIN, *base, env={"KAKEKOMI_WEBHOOK_SECRET_FILE": key + ".missing"}, timeout=20)
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot read", r.stderr)
        conf = self.conf("webhook_secret_file = %s\n" % key)
        port2 = kk.free_port()
        self.serve(["--config", conf] + base[:4] + ["127.0.0.1:%d" % port2] + base[5:])
        self.assertTrue(self.answers(port2))


class Progress(unittest.TestCase):
    """Long work shows a bar on a terminal, and nothing in a pipe or a log."""

    def test_a_bar_on_a_terminal_only(self):
        import pty
        d = tempfile.mkdtemp()
        db = os.path.join(d, "k.db")
        self.assertEqual(kk.run_cli("migrate", db=db).returncode, 0)
        r = kk.run_cli("seed", "--experts", "3000", db=db)  # stderr is a pipe here
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        master, slave = pty.openpty()
        p = subprocess.Popen([BIN, "--db", db, "seed", "--experts", "3000"],
                             stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        self.assertEqual(p.wait(timeout=60), 0)
        os.close(master)
        text = out.decode("utf-8", "replace")
        self.assertIn("experts [", text)
        self.assertIn("3000/3000", text)
        self.assertIn("\r", text)
        shutil.rmtree(d)


class Restore(kk.ServerCase):
    """A backup taken while serving, restored once the server is stopped: what came after
    the backup is gone, the rest is back; refused while a server runs, and for a file that
    is not a sound kakekomi database (nothing is written then)."""

    def test_backup_then_restore(self):
        admin = self.srv.admin("restore test password")
        r = admin.api("POST", "/api/v1/communities", {"name": "残る会", "type": "network",
                                                      "prefectures": ["13"]})
        self.assertEqual(r.status, 201, r.text)
        backup = os.path.join(tempfile.mkdtemp(), "backup.db")
        r = kk.run_cli("backup", "--to", backup, db=self.srv.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        admin.api("POST", "/api/v1/communities", {"name": "消える会", "type": "network",
                                                  "prefectures": ["13"]})
        # While the server runs: refused, and nothing changes.
        r = kk.run_cli("restore", "--from", backup, db=self.srv.db)
        self.assertEqual(r.returncode, 1)
        self.assertIn("stop it before restoring", r.stderr)
        names = lambda: sorted(n for (n,) in self.srv.sql("SELECT name FROM communities"))
        self.assertEqual(names(), ["残る会", "消える会"])
        self.assertEqual(self.srv.stop(), 0)
        # A file that is not a sound database: refused, nothing written.
        bad = backup + ".bad"
        with open(backup, "rb") as f, open(bad, "wb") as g:
            data = bytearray(f.read())
            data[4096:8192] = b"\xff" * 4096  # a page of garbage
            g.write(data)
        for wrong in (bad, backup + ".missing", os.path.abspath(__file__)):
            r = kk.run_cli("restore", "--from", wrong, db=self.srv.db)
            self.assertEqual(r.returncode, 1, wrong)
            self.assertIn("nothing restored" if wrong == bad else "", r.stderr)
        self.assertEqual(names(), ["残る会", "消える会"])
        r = kk.run_cli("restore", "--from", backup, db=self.srv.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("restored from", r.stdout)
        self.assertEqual(names(), ["残る会"])
        self.srv.start()
        got = [c["name"] for c in self.srv.client().get("/api/v1/communities").json()["communities"]]
        self.assertEqual(got, ["残る会"])


if __name__ == "__main__":
    kk.main("install")
