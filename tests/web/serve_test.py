#!/usr/bin/env python3
"""serve_test.py: the reference web host `sfia-evidence serve`, driven over HTTP(S) (issue 11).

Usage: serve_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml --examples DIR [unittest args]

The store is set up as the main job does (examples/main-job.sh): the CSMG definition imported,
examples/activities.tsv mapped, examples/lms-events.jsonl replayed. Users (users add):
anna.schmidt (learner), teamlead.mueller (assessor), berta (admin), dora (auditor).

  Users     users add: the file is created 0600 with PBKDF2-SHA256 hashes (no password in it),
            adding a user again replaces it and says so, a symlinked users file is refused,
            serve refuses a users file others can read
  Matrix    every route for anonymous, learner, assessor, admin and auditor, with the expected
            status (200, 303 to /login, 401 for /api, 403, 404); the security headers on every
            response; every POST without the session's CSRF token refused (403)
  Login     wrong password or unknown user: 401 and no session cookie; the session cookie's flags;
            a new session id on each login; logout ends the session
  Pages     /learner in German by default with its chart (a bar per defined level), the language switch (?lang=en, kept in a cookie), the
            navigation with a logout form, a Content-Security-Policy that admits exactly the
            page's own <style> (its SHA-256) and no script
  Admin     /admin's uploads: a mappings CSV (dry run; one bad line refused with FILE:LINE:COL and
            nothing changed; fixed and imported), a definition; only for admins with the token
  Api       the plugin's JSON view models; errors as RFC 9457 problem+json; GET only for
            operations that read; server paths and "caller" refused
  AuditExport  /auditor's form: POST /auditor/export sends the plugin's audit bundle as one zip
            (SHA256SUMS matching its files), for roles the plugin allows (auditor, admin), 403 for a
            learner or without the token; the server's temporary folder is gone afterwards
  Expiry    --session-idle: a session unused for longer is gone (303 to /login); bad durations: 64
  Shutdown  SIGTERM while clients are connected (sending, idle, waiting for an answer): exit 0, no
            sanitizer report
  Tls       --tls-cert/--tls-key: HTTPS, and the session cookie gets Secure

With SFE_TEST_PG set, the store is a PostgreSQL database of its own (cli.Store).
"""

import argparse
import base64
import contextlib
import hashlib
import html
import http.client
import io
import json
import os
import re
import shutil
import socket
import ssl
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
from cli import Cli, Store, read_definition  # noqa: E402

ARGS = None
PASSWORDS = {
    "anna.schmidt": ("learner", "anna-passwort-1"),
    "teamlead.mueller": ("assessor", "mueller-passwort-2"),
    "berta": ("admin", "berta-passwort-3"),
    "dora": ("auditor", "dora-passwort-4"),
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
}


class Server:
    """A running `serve` process; its URL comes from the line it prints when it listens."""

    def __init__(self, cli, store, users, extra=()):
        command = [cli.executable, "--manifest", cli.manifest] + store.args() + [
            "serve", "--listen", "127.0.0.1:0", "--users", users] + list(extra)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SFE_LRS")}
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        line = self.process.stdout.readline().decode("utf-8")
        match = re.search(r"(https?)://([0-9.]+):([0-9]+)", line)
        if not match:
            self.process.kill()
            raise AssertionError("serve did not start: %r %s" % (line, self.process.stderr.read().decode()))
        self.scheme, self.host, self.port = match.group(1), match.group(2), int(match.group(3))
        self.responses = []

    def stop(self):
        """Sends SIGTERM; returns the exit code and what the server wrote to stderr (a sanitizer's
        report, for one), so that a failure says why."""
        self.process.terminate()
        try:
            _, errors = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, errors = self.process.communicate()
        return self.process.returncode, errors.decode("utf-8", "replace")

    def request(self, method, path, body=None, headers=None, cookies=None):
        """(status, headers as a dict of lists keyed by lower-case name, body text; bytes for a zip)."""
        if self.scheme == "https":
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            connection = http.client.HTTPSConnection(self.host, self.port, timeout=30, context=context)
        else:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        sent = dict(headers or {})
        if cookies:
            sent["Cookie"] = "; ".join("%s=%s" % item for item in cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read()
            if response.getheader("Content-Type") != "application/zip":     # downloads stay bytes
                text = text.decode("utf-8")
            received = {}
            for name, value in response.getheaders():
                received.setdefault(name.lower(), []).append(value)
            result = (response.status, received, text)
        finally:
            connection.close()
        self.responses.append((method, path, result))
        return result


def header(headers, name):
    values = headers.get(name.lower(), [])
    return values[0] if values else None


def session_cookie(headers):
    for value in headers.get("set-cookie", []):
        if value.startswith("sfe_session="):
            return value
    return None


def form(fields):
    return urllib.parse.urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded"}


def add_user(cli, users, user, role, password):
    """`users add USER --role ROLE --users USERS --password-stdin` with the password on stdin."""
    command = [cli.executable, "--manifest", cli.manifest, "users", "add", user, "--role", role,
               "--users", users, "--password-stdin"]
    return subprocess.run(command, input=(password + "\n").encode(), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)


class Client:
    """One logged-in user: their session cookie and CSRF token."""

    def __init__(self, server, user):
        self.server = server
        body, headers = form({"user": user, "password": PASSWORDS[user][1]})
        status, received, _ = server.request("POST", "/login", body, headers)
        if status != 303:
            raise AssertionError("login of %s: %d" % (user, status))
        self.cookie_header = session_cookie(received)
        self.session = self.cookie_header.split(";")[0].split("=", 1)[1]
        self.cookies = {"sfe_session": self.session}
        self.home = header(received, "Location")
        # Any page with the navigation carries the logout form and so the token.
        status, _, page = self.get("/nowhere")
        match = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        if not match:
            raise AssertionError("no CSRF token for %s in %s" % (user, page))
        self.csrf = match.group(1)

    def get(self, path, headers=None):
        return self.server.request("GET", path, headers=headers, cookies=self.cookies)

    def post(self, path, body="", headers=None):
        return self.server.request("POST", path, body, headers, cookies=self.cookies)

    def post_json(self, path, value, token=True):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["X-CSRF-Token"] = self.csrf if token is True else token
        return self.post(path, json.dumps(value), headers)


class WebCase(unittest.TestCase):
    """One store as after the main job, a users file and a server for the whole class."""

    @classmethod
    def setUpClass(cls):
        cls.cli = Cli(ARGS.cli, ARGS.manifest)
        cls.tmp = tempfile.mkdtemp(prefix="sfe-web-")
        cls.store = Store(cls.tmp)
        cls.run_cli("import", ARGS.definition)
        with open(os.path.join(ARGS.examples, "activities.tsv"), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                activity, kind, level, responsibilities, name = line.split("\t")
                args = ["map", activity, "--skill", "CSMG", "--level", level, "--type", kind, "--name", name]
                if responsibilities != "-":
                    for r in responsibilities.split():
                        args += ["--responsibility", r]
                cls.run_cli(*args)
        cls.run_cli("replay", os.path.join(ARGS.examples, "lms-events.jsonl"))
        cls.users = os.path.join(cls.tmp, "users.jsonl")
        for user, (role, password) in PASSWORDS.items():
            cls.add_user(user, role, password)
        cls.server = Server(cls.cli, cls.store, cls.users)

    @classmethod
    def tearDownClass(cls):
        code, errors = cls.server.stop()
        cls.store.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        if code != 0:
            raise AssertionError("serve exited %d after SIGTERM; its stderr:\n%s" % (code, errors))

    @classmethod
    def run_cli(cls, *args):
        result = cls.cli.run(*(cls.store.args(*args) + list(args)))
        if result.code != 0:
            raise AssertionError("%s: %r" % (" ".join(args), result))
        return result

    @classmethod
    def add_user(cls, user, role, password, users=None):
        return add_user(cls.cli, users or cls.users, user, role, password)

    def assertSecurityHeaders(self, method, path, headers):
        where = "%s %s" % (method, path)
        for name, value in SECURITY_HEADERS.items():
            self.assertEqual(header(headers, name), value, where)
        policy = header(headers, "Content-Security-Policy")
        self.assertIsNotNone(policy, where)
        self.assertIn("default-src 'self'", policy, where)
        self.assertIn("script-src 'none'", policy, where)
        self.assertIn("frame-ancestors 'self'", policy, where)
        self.assertNotIn("unsafe-inline", policy, where)
        self.assertNotIn("unsafe-eval", policy, where)


class Users(WebCase):
    def test_file_is_0600_with_pbkdf2_hashes(self):
        mode = stat.S_IMODE(os.stat(self.users).st_mode)
        self.assertEqual(mode, 0o600)
        with open(self.users, encoding="utf-8") as f:
            text = f.read()
        for user, (role, password) in PASSWORDS.items():
            self.assertNotIn(password, text)
        lines = [json.loads(line) for line in text.splitlines() if line and not line.startswith("#")]
        self.assertEqual([u["id"] for u in lines], list(PASSWORDS))
        for entry in lines:
            scheme, iterations, salt, key = entry["password"].split("$")
            self.assertEqual(scheme, "pbkdf2-sha256")
            self.assertGreaterEqual(int(iterations), 200000)
            user_password = PASSWORDS[entry["id"]][1]
            expected = hashlib.pbkdf2_hmac("sha256", user_password.encode(), base64.b64decode(salt), int(iterations))
            self.assertEqual(base64.b64decode(key), expected)
        self.assertEqual(len({u["password"].split("$")[2] for u in lines}), len(lines), "salts differ")

    def test_adding_again_replaces_and_says_so(self):
        path = os.path.join(self.tmp, "replace.jsonl")
        first = self.add_user("erik", "learner", "erstes-passwort", users=path)
        self.assertEqual(first.returncode, 0, first)
        self.assertIn(b"added", first.stdout)
        again = self.add_user("erik", "assessor", "zweites-passwort", users=path)
        self.assertEqual(again.returncode, 0, again)
        self.assertIn(b"replaced", again.stdout)
        with open(path, encoding="utf-8") as f:
            entries = [json.loads(line) for line in f if line.strip() and not line.startswith("#")]
        self.assertEqual([(e["id"], e["roles"]) for e in entries], [("erik", ["assessor"])])
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)

    def test_symlink_and_bad_input_refused(self):
        target = os.path.join(self.tmp, "elsewhere.txt")
        with open(target, "w") as f:
            f.write("unchanged\n")
        link = os.path.join(self.tmp, "link.jsonl")
        os.symlink(target, link)
        result = self.add_user("erik", "learner", "erstes-passwort", users=link)
        self.assertNotEqual(result.returncode, 0)
        with open(target) as f:
            self.assertEqual(f.read(), "unchanged\n")
        self.assertTrue(os.path.islink(link))
        path = os.path.join(self.tmp, "bad.jsonl")
        self.assertEqual(self.add_user("erik", "teacher", "erstes-passwort", users=path).returncode, 64)
        self.assertEqual(self.add_user("erik", "learner", "kurz", users=path).returncode, 64)
        self.assertFalse(os.path.exists(path))

    def test_serve_refuses_users_file_open_to_others(self):
        path = os.path.join(self.tmp, "open.jsonl")
        shutil.copy(self.users, path)
        os.chmod(path, 0o644)
        result = self.cli.run(*(self.store.args() + ["serve", "--listen", "127.0.0.1:0", "--users", path]))
        self.assertEqual(result.code, 78, result)
        self.assertIn("chmod 600", result.err)


class Matrix(WebCase):
    ROLES = ["anonymous", "learner", "assessor", "admin", "auditor"]
    USER_OF = {"learner": "anna.schmidt", "assessor": "teamlead.mueller", "admin": "berta", "auditor": "dora"}
    LOGIN = "login"     # 303 to /login
    # GET routes: the status each role gets (LOGIN: 303 to /login).
    GET_ROUTES = [
        ("/login", [200, 200, 200, 200, 200]),
        ("/learner", [LOGIN, 200, 403, 404, 404]),
        ("/learner?learner=anna.schmidt", [LOGIN, 200, 403, 200, 200]),
        ("/learner?learner=ben.keller", [LOGIN, 403, 403, 200, 200]),
        ("/admin", [LOGIN, 403, 403, 200, 403]),
        ("/admin/versions?skill=CSMG", [LOGIN, 403, 403, 200, 403]),
        ("/admin/diff?skill=CSMG&from=1&to=1", [LOGIN, 403, 403, 200, 403]),
        ("/auditor", [LOGIN, 403, 403, 403, 200]),
        ("/auditor/verify", [LOGIN, 403, 403, 403, 200]),
        ("/auditor?learner=anna.schmidt&state=active", [LOGIN, 403, 403, 403, 200]),
        ("/auditor/export", [405, 405, 405, 405, 405]),     # POST only (AuditExport)
        ("/api/skills", [401, 200, 200, 200, 200]),
        ("/api/progress?learner=anna.schmidt", [401, 200, 403, 200, 200]),
        ("/api/progress?learner=ben.keller", [401, 403, 403, 200, 200]),
        ("/api/coverage?skill=CSMG", [401, 403, 403, 200, 200]),
        ("/api/evidence?learner=anna.schmidt", [401, 200, 403, 200, 200]),
        ("/api/evidence", [401, 403, 403, 200, 200]),
        ("/api/mappings.export", [401, 403, 403, 200, 200]),
        ("/api/audit.verify", [401, 403, 403, 200, 200]),
        ("/nowhere", [404, 404, 404, 404, 404]),
    ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = {role: Client(cls.server, user) for role, user in cls.USER_OF.items()}

    def client_get(self, role, path):
        if role == "anonymous":
            return self.server.request("GET", path)
        return self.clients[role].get(path)

    def test_get_routes(self):
        for path, expected in self.GET_ROUTES:
            for role, want in zip(self.ROLES, expected):
                with self.subTest(path=path, role=role):
                    status, headers, body = self.client_get(role, path)
                    if want == self.LOGIN:
                        self.assertEqual(status, 303, body)
                        self.assertEqual(header(headers, "Location"), "/login")
                    else:
                        self.assertEqual(status, want, body[:500])
                    if path.startswith("/api/") and status >= 400:
                        self.assertEqual(header(headers, "Content-Type"), "application/problem+json")
                        problem = json.loads(body)
                        self.assertEqual(problem["status"], status)
                        for key in ("type", "title", "detail"):
                            self.assertTrue(problem[key], problem)

    def test_root_sends_each_role_home(self):
        homes = {"anonymous": "/login", "learner": "/learner", "assessor": "/learner", "admin": "/admin",
                 "auditor": "/auditor"}
        for role, home in homes.items():
            status, headers, _ = self.client_get(role, "/")
            self.assertEqual((status, header(headers, "Location")), (303, home), role)

    def test_posts_need_the_sessions_csrf_token(self):
        request = {"learner": "anna.schmidt", "skill": "CSMG"}
        anna, berta = self.clients["learner"], self.clients["admin"]
        # With the token: the plugin answers.
        status, _, body = anna.post_json("/api/progress", request)
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["learner"], "anna.schmidt")
        # Without it, with a wrong one, with another session's: refused before the plugin.
        for token in (False, "0" * 64, berta.csrf, anna.session):
            status, headers, body = anna.post_json("/api/progress", request, token=token)
            self.assertEqual(status, 403, (token, body))
            self.assertEqual(json.loads(body)["error"], "csrf")
        # Anonymous, form posts, logout: the same.
        status, _, _ = self.server.request("POST", "/api/progress", json.dumps(request),
                                           {"Content-Type": "application/json", "X-CSRF-Token": anna.csrf})
        self.assertEqual(status, 403)
        for path in ("/logout", "/api/map", "/api/audit.checkpoint", "/learner", "/admin", "/admin/mappings",
                     "/admin/import", "/auditor", "/auditor/export", "/nowhere"):
            for role in ("learner", "admin", "auditor"):
                body, headers = form({"csrf": "wrong"})
                status, _, _ = self.clients[role].post(path, body, headers)
                self.assertEqual(status, 403, (path, role))
                status, _, _ = self.clients[role].post(path, "", {"Content-Type": "application/json"})
                self.assertEqual(status, 403, (path, role))
        # The sessions are still there: a refused logout did not log anyone out.
        self.assertEqual(anna.get("/learner")[0], 200)

    def test_plugin_roles_decide_posts(self):
        for role in ("learner", "assessor", "auditor"):
            status, _, body = self.clients[role].post_json("/api/audit.checkpoint", {})
            self.assertEqual(status, 403, (role, body))
            self.assertEqual(json.loads(body)["error"], "forbidden")
        status, _, body = self.clients["auditor"].post_json("/api/withdraw", {"evidence": "x", "reason": "y"})
        self.assertEqual(status, 403, body)

    def test_security_headers_on_every_response(self):
        self.test_get_routes()
        self.test_posts_need_the_sessions_csrf_token()
        self.assertGreater(len(self.server.responses), 100)
        for method, path, (status, headers, body) in self.server.responses:
            self.assertSecurityHeaders(method, path, headers)
            if header(headers, "Content-Type") and header(headers, "Content-Type").startswith("text/html"):
                self.assertNotIn("<script", body.lower(), path)


class Login(WebCase):
    def test_wrong_password_and_unknown_user_refused(self):
        for user, password in (("anna.schmidt", "falsch-falsch"), ("anna.schmidt", ""), ("niemand", "irgendwas")):
            body, headers = form({"user": user, "password": password})
            status, received, page = self.server.request("POST", "/login", body, headers)
            self.assertEqual(status, 401, user)
            self.assertIsNone(session_cookie(received))
            self.assertIn('role="alert"', page)
            self.assertIn('<label for="password">', page)

    def test_cookie_flags_and_fresh_ids(self):
        first, second = Client(self.server, "anna.schmidt"), Client(self.server, "anna.schmidt")
        flags = [part.strip().lower() for part in first.cookie_header.split(";")]
        self.assertIn("httponly", flags)
        self.assertIn("samesite=strict", flags)
        self.assertIn("path=/", flags)
        self.assertNotIn("secure", flags)      # plain HTTP: see Tls
        self.assertEqual(len(first.session), 64)
        self.assertNotEqual(first.session, second.session)
        self.assertNotEqual(first.csrf, second.csrf)
        # A made-up session id is nobody.
        status, headers, _ = self.server.request("GET", "/learner", cookies={"sfe_session": "a" * 64})
        self.assertEqual((status, header(headers, "Location")), (303, "/login"))

    def test_logout_ends_the_session(self):
        anna = Client(self.server, "anna.schmidt")
        self.assertEqual(anna.get("/learner")[0], 200)
        body, headers = form({"csrf": anna.csrf})
        status, received, _ = anna.post("/logout", body, headers)
        self.assertEqual((status, header(received, "Location")), (303, "/login"))
        removed = session_cookie(received)
        self.assertTrue(removed.startswith("sfe_session=;"), removed)
        self.assertRegex(removed.lower(), r"max-age=0|expires=")
        status, received, _ = anna.get("/learner")
        self.assertEqual((status, header(received, "Location")), (303, "/login"))
        self.assertEqual(anna.post_json("/api/progress", {"learner": "anna.schmidt"})[0], 403)


class Pages(WebCase):
    def test_learner_page_german_by_default_with_navigation(self):
        anna = Client(self.server, "anna.schmidt")
        status, headers, page = anna.get("/learner")
        self.assertEqual(status, 200)
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        self.assertRegex(page, r'<html lang="de')
        self.assertIn('<nav aria-label="Hauptnavigation">', page)
        self.assertIn('action="/logout"', page)
        self.assertIn('name="csrf" value="%s"' % anna.csrf, page)
        self.assertIn("anna.schmidt", page)
        # The plugin's view: the definition's German sentences (html-escaped as the page has them).
        definition = read_definition(ARGS.definition)
        for _, sentence in definition["levels"][3]["responsibilities"]:
            self.assertIn(html.escape(sentence, quote=True), page)
        # The chart: inline SVG (no script, no style attribute), one bar per defined level, its
        # numbers those of the JSON view, in its accessible name.
        status, _, body = anna.get("/api/progress?learner=anna.schmidt&skill=CSMG")
        self.assertEqual(status, 200, body)
        levels = [l for l in json.loads(body)["skills"][0]["levels"] if l["defined"]]
        chart = re.search(r'<svg [^>]*role="img" aria-label="([^"]*)"', page)
        self.assertIsNotNone(chart)
        self.assertEqual(len(re.findall(r'<rect x="80" y="\d+" width="\d+" height="20" fill="#ffffff"', page)),
                         len(levels))
        for level in levels:
            self.assertIn(html.escape("Stufe %d: %s" % (level["level"], level["countText"])), chart.group(1))
        # A learner has no admin or audit link.
        self.assertNotIn('href="/admin"', page)
        self.assertNotIn('href="/auditor"', page)

    def test_language_switch_is_kept(self):
        anna = Client(self.server, "anna.schmidt")
        status, headers, page = anna.get("/learner?lang=en")
        self.assertEqual(status, 200)
        self.assertRegex(page, r'<html lang="en')
        self.assertIn('<nav aria-label="Main navigation">', page)
        language = [c for c in headers.get("set-cookie", []) if c.startswith("sfe_lang=en")]
        self.assertTrue(language, headers)
        anna.cookies["sfe_lang"] = "en"
        status, _, page = anna.get("/learner")
        self.assertRegex(page, r'<html lang="en')
        # The switch links keep the other query fields.
        berta = Client(self.server, "berta")
        _, _, page = berta.get("/learner?learner=anna.schmidt")
        self.assertIn('href="/learner?learner=anna.schmidt&amp;lang=en"', page)

    def test_policy_admits_exactly_the_pages_styles(self):
        berta = Client(self.server, "berta")
        for path in ("/admin", "/learner?learner=anna.schmidt", "/login"):
            status, headers, page = berta.get(path)
            self.assertEqual(status, 200, path)
            styles = re.findall(r"<style>(.*?)</style>", page, re.S)
            self.assertTrue(styles, path)
            policy = header(headers, "Content-Security-Policy")
            for style in styles:
                digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
                self.assertIn("'sha256-%s'" % digest, policy, path)
            self.assertNotIn("style=", page, path)    # attributes would need 'unsafe-hashes'
            self.assertNotIn("<script", page.lower(), path)

    def test_auditor_search(self):
        dora = Client(self.server, "dora")
        status, _, page = dora.get("/auditor?learner=anna.schmidt")
        self.assertEqual(status, 200)
        self.assertIn('<label for="filter-learner">', page)
        self.assertIn('value="anna.schmidt"', page)
        rows = re.findall(r'<a href="/auditor/record\?evidence=([^"]+)">', page)
        self.assertGreaterEqual(len(rows), 5)
        status, _, body = dora.get("/api/evidence.show?evidence=" + rows[0])
        self.assertEqual(status, 200, body)
        shown = json.loads(body)
        self.assertEqual(shown["evidence"]["learner"], "anna.schmidt")
        # The record's page: its log entries with their hashes, intact.
        status, _, page = dora.get("/auditor/record?evidence=" + rows[0])
        self.assertEqual(status, 200, page)
        for entry in shown["log"]:
            self.assertIn(entry["contentSha256"], page)
            self.assertIn(entry["chainHash"], page)
        self.assertIn("<td>ja</td>", page)
        self.assertNotIn("NEIN", page)
        status, _, page = dora.get("/auditor/verify")
        self.assertEqual(status, 200, page)
        self.assertIn("OK: nichts ist falsch.", page)
        for user in ("anna.schmidt", "berta"):
            client = Client(self.server, user)
            self.assertEqual(client.get("/auditor/record?evidence=" + rows[0])[0], 403, user)
            self.assertEqual(client.get("/auditor/verify")[0], 403, user)
        self.assertEqual(self.server.request("GET", "/auditor/verify")[0], 303)
        status, _, page = dora.get("/auditor?learner=niemand")
        self.assertEqual(status, 200)
        self.assertNotIn("/auditor/record", page)


class AuditExport(WebCase):
    """The server gets a TMPDIR of its own, to see that the export's temporary folder is removed."""

    @classmethod
    def setUpClass(cls):
        cls.server_tmp = tempfile.mkdtemp(prefix="sfe-web-tmp-")
        before = os.environ.get("TMPDIR")
        os.environ["TMPDIR"] = cls.server_tmp
        try:
            super().setUpClass()
        finally:
            if before is None:
                del os.environ["TMPDIR"]
            else:
                os.environ["TMPDIR"] = before

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.server_tmp, ignore_errors=True)

    def export(self, client, token=None):
        body, headers = form({"csrf": client.csrf if token is None else token})
        return client.post("/auditor/export", body, headers)

    def test_auditor_downloads_the_bundle_as_a_zip(self):
        dora = Client(self.server, "dora")
        status, _, page = dora.get("/auditor")
        self.assertEqual(status, 200)
        button = re.search(r'<form method="post" action="/auditor/export"[^>]*>\s*'
                           r'<input type="hidden" name="csrf" value="([0-9a-f]+)">', page)
        self.assertIsNotNone(button, page)
        self.assertEqual(button.group(1), dora.csrf)
        self.assertIn("Audit-Export herunterladen (ZIP)", page)

        status, headers, data = self.export(dora)
        self.assertEqual(status, 200, data[:500])
        self.assertEqual(header(headers, "Content-Type"), "application/zip")
        disposition = re.fullmatch(r'attachment; filename="(sfia-evidence-audit-\d{8}T\d{6}Z)\.zip"',
                                   header(headers, "Content-Disposition") or "")
        self.assertIsNotNone(disposition, headers)
        self.assertSecurityHeaders("POST", "/auditor/export", headers)
        root = disposition.group(1) + "/"
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = {n[len(root):]: archive.read(n) for n in archive.namelist()
                     if n.startswith(root) and not n.endswith("/")}
        self.assertIn("SHA256SUMS", files)
        self.assertIn("verify.sh", files)
        listed = {}
        for line in files["SHA256SUMS"].decode("utf-8").splitlines():
            digest, name = line.split("  ", 1)
            listed[name] = digest
        self.assertGreaterEqual(len(listed), 3)
        for name, digest in listed.items():
            with self.subTest(file=name):
                self.assertIn(name, files)
                self.assertEqual(hashlib.sha256(files[name]).hexdigest(), digest)
        # Everything in the zip is the bundle: listed in SHA256SUMS, or SHA256SUMS (and its signature).
        self.assertEqual(set(files) - set(listed) - {"SHA256SUMS", "SHA256SUMS.sig"}, set())
        # The evidence of the main job is in it.
        self.assertIn(b"anna.schmidt", b"".join(files.values()))
        self.assertEqual(os.listdir(self.server_tmp), [])

    def test_plugin_decides_who_exports_and_the_token_is_needed(self):
        # admins may export too (runtime::Capabilities: sfe/audit:export is admin, auditor).
        status, headers, _ = self.export(Client(self.server, "berta"))
        self.assertEqual((status, header(headers, "Content-Type")), (200, "application/zip"))
        for user in ("anna.schmidt", "teamlead.mueller"):
            status, headers, page = self.export(Client(self.server, user))
            self.assertEqual(status, 403, (user, page[:300]))
            self.assertNotEqual(header(headers, "Content-Type"), "application/zip")
        dora = Client(self.server, "dora")
        for token in ("", "0" * 64, Client(self.server, "berta").csrf):
            status, headers, _ = self.export(dora, token)
            self.assertEqual(status, 403, token)
            self.assertNotEqual(header(headers, "Content-Type"), "application/zip")
        status, headers, _ = self.server.request("POST", "/auditor/export", *form({"csrf": dora.csrf}))
        self.assertEqual(status, 403)
        # Refused or not: no temporary folder is left behind.
        self.assertEqual(os.listdir(self.server_tmp), [])


def multipart(fields, files):
    """A multipart/form-data body: fields {name: value}, files {name: (filename, bytes)}."""
    boundary = "sfe-boundary-7d1f0c"
    parts = []
    for name, value in fields.items():
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                      % (boundary, name, value)).encode())
    for name, (filename, content) in files.items():
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                      'Content-Type: application/octet-stream\r\n\r\n' % (boundary, name, filename)).encode()
                     + content + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return b"".join(parts), {"Content-Type": "multipart/form-data; boundary=" + boundary}


class Admin(WebCase):
    def test_mappings_upload_dry_run_bad_line_and_import(self):
        berta = Client(self.server, "berta")
        status, _, page = berta.get("/admin")
        self.assertEqual(status, 200)
        self.assertIn('<label for="mappings-csv">', page)
        self.assertIn('action="/admin/mappings"', page)
        _, _, body = berta.get("/api/mappings.export")
        csv = json.loads(body)["csv"]
        lines = csv.splitlines()
        # A dry run of what is stored changes nothing.
        body, headers = multipart({"csrf": berta.csrf, "dryRun": "1"}, {"csv": ("m.csv", csv.encode())})
        status, _, page = berta.post("/admin/mappings", body, headers)
        self.assertEqual(status, 200, page)
        self.assertIn("0 neu, 0 ersetzt, %d unverändert" % (len(lines) - 1), page)
        # One bad line (level 9): refused with where it is, nothing changed.
        bad = "\n".join(lines[:2] + ["neu-aktivitaet,Neu,course,CSMG,9,,"] + lines[2:]) + "\n"
        body, headers = multipart({"csrf": berta.csrf}, {"csv": ("m.csv", bad.encode())})
        status, _, page = berta.post("/admin/mappings", body, headers)
        self.assertEqual(status, 422, page)
        self.assertRegex(page, r":3:\d+")
        self.assertEqual(json.loads(berta.get("/api/mappings.export")[2])["csv"], csv)
        # Fixed, and not a dry run: imported.
        good = "\n".join(lines + ["neu-aktivitaet,Neu,course,CSMG,4,,"]) + "\n"
        body, headers = multipart({"csrf": berta.csrf}, {"csv": ("m.csv", good.encode())})
        status, _, page = berta.post("/admin/mappings", body, headers)
        self.assertEqual(status, 200, page)
        self.assertIn("1 neu", page)
        self.assertIn("neu-aktivitaet", json.loads(berta.get("/api/mappings.export")[2])["csv"])

    def test_versions_and_diff(self):
        berta = Client(self.server, "berta")
        versions = json.loads(berta.get("/api/versions?skill=CSMG")[2])["versions"]
        status, _, page = berta.get("/admin/versions?skill=CSMG")
        self.assertEqual(status, 200, page)
        self.assertIn("Versionen von CSMG", page)
        for version in versions:
            self.assertIn("<td>%s</td>" % version["version"], page)
        self.assertIn("<td>aktuell</td>", page)
        number = versions[0]["version"]
        status, _, page = berta.get("/admin/diff?skill=CSMG&from=%s&to=%s" % (number, number))
        self.assertEqual(status, 200, page)
        self.assertIn("Kein Satz hat sich geändert.", page)
        for user in ("anna.schmidt", "dora"):
            client = Client(self.server, user)
            self.assertEqual(client.get("/admin/versions?skill=CSMG")[0], 403, user)
            self.assertEqual(client.get("/admin/diff?skill=CSMG&from=1&to=1")[0], 403, user)

    def test_uploads_need_admin_and_token(self):
        with open(ARGS.definition, "rb") as f:
            xml = f.read()
        for user in ("anna.schmidt", "dora"):
            client = Client(self.server, user)
            body, headers = multipart({"csrf": client.csrf}, {"definition": ("d.xml", xml)})
            self.assertEqual(client.post("/admin/import", body, headers)[0], 403, user)
        berta = Client(self.server, "berta")
        body, headers = multipart({"csrf": "falsch"}, {"definition": ("d.xml", xml)})
        self.assertEqual(berta.post("/admin/import", body, headers)[0], 403)
        body, headers = multipart({"csrf": berta.csrf}, {"definition": ("d.xml", xml)})
        status, _, page = berta.post("/admin/import", body, headers)
        self.assertEqual(status, 200, page)
        self.assertIn("Schon gespeichert", page)
        body, headers = multipart({"csrf": berta.csrf}, {"definition": ("d.xml", xml.replace(b"</", b"<", 1))})
        status, _, page = berta.post("/admin/import", body, headers)
        self.assertEqual(status, 422, page)
        self.assertRegex(page, r"\d+:\d+")


class Api(WebCase):
    def test_view_models_and_problems(self):
        berta = Client(self.server, "berta")
        status, headers, body = berta.get("/api/progress?learner=anna.schmidt&skill=CSMG&lang=en")
        self.assertEqual(status, 200, body)
        self.assertEqual(header(headers, "Content-Type"), "application/json")
        view = json.loads(body)
        self.assertEqual((view["learner"], view["lang"]), ("anna.schmidt", "en"))
        status, headers, body = berta.get("/api/progress?learner=niemand")
        self.assertEqual(status, 404)
        problem = json.loads(body)
        self.assertEqual(header(headers, "Content-Type"), "application/problem+json")
        self.assertEqual((problem["status"], problem["error"], problem["title"]), (404, "notfound", "Not Found"))
        self.assertIn("niemand", problem["detail"])
        status, _, body = berta.get("/api/evidence?level=9")
        self.assertEqual((status, json.loads(body)["error"]), (422, "invalid"))
        status, _, body = berta.post_json("/api/no.such.operation", {})
        self.assertEqual((status, json.loads(body)["error"]), (404, "misuse"))
        status, _, body = berta.get("/api/NO")
        self.assertEqual(status, 404)

    def test_writes_are_post_only_and_take_no_server_paths(self):
        berta = Client(self.server, "berta")
        status, headers, body = berta.get("/api/map?activity=a")
        self.assertEqual((status, header(headers, "Allow")), (405, "POST"))
        for request in ({"path": "/etc/passwd"}, {"file": "/etc/passwd"}, {"dir": "/tmp"},
                        {"learner": "anna.schmidt", "caller": {"id": "x", "roles": ["admin"]}}):
            status, _, body = berta.post_json("/api/import", request)
            self.assertEqual(status, 400, (request, body))
        status, _, body = berta.post("/api/progress", "{not json", {"Content-Type": "application/json",
                                                                     "X-CSRF-Token": berta.csrf})
        self.assertEqual(status, 400, body)
        status, _, body = berta.post("/api/progress", "learner=x", {"Content-Type": "text/plain",
                                                                     "X-CSRF-Token": berta.csrf})
        self.assertEqual(status, 415, body)


@contextlib.contextmanager
def store_with_admin(test, prefix):
    """A fresh store in a new folder with the definition imported and a users file holding the admin
    berta, for a test that starts servers of its own: yields (cli, store, users file, folder), and
    removes them afterwards."""
    cli = Cli(ARGS.cli, ARGS.manifest)
    tmp = tempfile.mkdtemp(prefix=prefix)
    store = Store(tmp)
    try:
        result = cli.run(*(store.args() + ["import", ARGS.definition]))
        test.assertEqual(result.code, 0, result)
        users = os.path.join(tmp, "users.jsonl")
        added = add_user(cli, users, "berta", "admin", PASSWORDS["berta"][1])
        test.assertEqual(added.returncode, 0, added)
        yield cli, store, users, tmp
    finally:
        store.close()
        shutil.rmtree(tmp, ignore_errors=True)


class Expiry(unittest.TestCase):
    def test_idle_session_expires(self):
        with store_with_admin(self, "sfe-web-idle-") as (cli, store, users, _):
            for bad in ("0", "soon", "25h", "-5m"):
                result = cli.run(*(store.args() + ["serve", "--listen", "127.0.0.1:0", "--users", users,
                                                   "--session-idle", bad]))
                self.assertEqual(result.code, 64, (bad, result))
            server = Server(cli, store, users, ["--session-idle", "2s"])
            try:
                berta = Client(server, "berta")
                self.assertEqual(berta.get("/admin")[0], 200)
                # Unused for longer than the idle time: the session is gone, the token with it.
                time.sleep(3)
                status, headers, _ = berta.get("/admin")
                self.assertEqual((status, header(headers, "Location")), (303, "/login"))
                self.assertEqual(berta.post_json("/api/audit.checkpoint", {})[0], 403)
            finally:
                code, errors = server.stop()
                self.assertEqual(code, 0, errors)


class Shutdown(unittest.TestCase):
    def test_sigterm_while_connections_are_open_exits_0(self):
        """SIGTERM while clients are connected (one still sending its request, one idle after an
        answer, one waiting for an answer): the server closes them and exits 0, with nothing a
        sanitizer would report (threads answering them outlived the plugin session before)."""
        with store_with_admin(self, "sfe-web-stop-") as (cli, store, users, _):
            for attempt in range(5):
                server = Server(cli, store, users)
                clients = []
                try:
                    for request in (b"GET /login HTTP/1.1\r\nHost: x\r\n",               # still sending
                                    b"GET /login HTTP/1.1\r\nHost: x\r\n\r\n",           # keep-alive after it
                                    b"GET /api/progress HTTP/1.1\r\nHost: x\r\n\r\n"):   # being answered
                        client = socket.create_connection((server.host, server.port), timeout=10)
                        client.sendall(request)
                        clients.append(client)
                    time.sleep(0.05 * attempt)
                finally:
                    code, errors = server.stop()
                    for client in clients:
                        client.close()
                self.assertEqual(code, 0, errors)
                self.assertNotIn("Sanitizer", errors)
                self.assertNotIn("runtime error", errors)


class Tls(unittest.TestCase):
    def test_https_and_secure_cookie(self):
        with store_with_admin(self, "sfe-web-tls-") as (cli, store, users, tmp):
            keys = os.path.join(tmp, "keys")
            result = cli.run(*(store.args() + ["keys", "generate", keys, "--name", "localhost"]))
            self.assertEqual(result.code, 0, result)
            server = Server(cli, store, users, ["--tls-cert", os.path.join(keys, "signing-cert.pem"),
                                                "--tls-key", os.path.join(keys, "signing-key.pem")])
            try:
                self.assertEqual(server.scheme, "https")
                berta = Client(server, "berta")
                self.assertIn("secure", [p.strip().lower() for p in berta.cookie_header.split(";")])
                status, headers, _ = berta.get("/admin")
                self.assertEqual(status, 200)
                self.assertEqual(header(headers, "X-Content-Type-Options"), "nosniff")
            finally:
                code, errors = server.stop()
                self.assertEqual(code, 0, errors)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    for name in ("cli", "manifest", "definition", "examples"):
        parser.add_argument("--" + name, required=True)
    ARGS, rest = parser.parse_known_args()
    for name in ("cli", "manifest", "definition", "examples"):
        setattr(ARGS, name, os.path.abspath(getattr(ARGS, name)))
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
