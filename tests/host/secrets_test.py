#!/usr/bin/env python3
"""secrets_test.py: configuration that holds a secret never shows it, and an LRS certificate that
is not trusted is a configuration error, not "try again later".

Usage: secrets_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml --module PLUGIN.so [unittest args]

Each way a refused lrs.url or store.url reaches the user is tried through both doors: the CLI
(stdout, stderr with every log line at debug level; the URL from SFE_LRS_URL and from a --config
file) and the C door (the error string of sfe_open, sfe_errmsg, the error JSON and the host's log
callback, through ctypes as tests/plugin/ctypes_host.py). The secret must appear in none of them.

The certificate test runs an HTTPS LRS (Python's http.server with ssl) whose certificate openssl
makes for the test, self-signed: `sync` must exit 78 (EX_CONFIG) naming lrs.ca_file, not 75, and
succeed once lrs.ca_file names that certificate. The C door answers SFE_CONFIG.
"""

import json
import os
import shutil
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "plugin"))
from cli import StoreCase, cli_test_arguments  # noqa: E402
from fake_lrs import FakeLrs  # noqa: E402
from ctypes_host import ABI_VERSION, Door, SfeHost  # noqa: E402

EXIT_OK, EXIT_CONFIG, EXIT_IOERR, EXIT_TEMPFAIL = 0, 78, 74, 75
SFE_OK, SFE_STORE, SFE_CONFIG, SFE_NETWORK = 0, 5, 7, 9
SECRET = "S3cr3tXq"     # in every credential below; it must never be printed
ARGS = None

# lrs.url values that are refused, each carrying the secret in its user-info (some mistyped).
BAD_LRS_URLS = [
    "ftp://lrskey:%s@lrs.example/xapi" % SECRET,             # bad scheme
    "htps://%s@lrs.example/xapi" % SECRET,                    # bad scheme, a key as user-info
    "https://lrskey:%s@/xapi" % SECRET,                       # no host
    "https://lrskey:%s@[::1/xapi" % SECRET,                   # unparseable host
    "https://lrskey:%s@lrs.example:port/xapi" % SECRET,       # bad port
    "https:/lrskey:%s@lrs.example/xapi" % SECRET,             # one slash
    "lrskey:%s@lrs.example/xapi" % SECRET,                    # no scheme
    "https://lrskey:%s@lrs.example/xapi" % SECRET,            # well formed, but user-info is refused
    "https://lrskey:%s/x@lrs.example/xapi" % SECRET,          # a '/' in the password
]

# store.url values (PostgreSQL) that cannot be used, each with the password.
BAD_STORE_URLS = [
    "host=127.0.0.1 port=1 user=sfe password=%s dbname=lms" % SECRET,           # nothing listens
    "host=127.0.0.1 port=1 user=sfe password='%s' dbname=lms" % SECRET,         # quoted
    "host=127.0.0.1 port=1 user=sfe password='%s x' dbname=lms" % SECRET,       # a space Poco cannot pass
    "host=127.0.0.1 port=1 user=sfe password=%s dbname=lms bogus=1" % SECRET,   # unknown option
    "postgresql://sfe:%s@127.0.0.1:1/lms" % SECRET,
    "postgresql://sfe:%s@127.0.0.1:port/lms" % SECRET,                          # bad port
    "postgresql://sfe:%s%%zz@127.0.0.1:1/lms" % SECRET,                         # bad percent-escape
    "postgresql://sfe:%s@[::1/lms" % SECRET,                                    # unparseable host
]


class CDoor:
    """The C door of the built plugin, with a log callback that keeps every line."""

    def __init__(self):
        self.door = Door(ARGS.module)
        self.lines = []
        self.log_cb = SfeHost._fields_[2][1](lambda _data, _level, message: self.lines.append(message.decode("utf-8")))
        self.now_cb = SfeHost._fields_[3][1](lambda _data: 1700000000123)
        self.host = SfeHost(ABI_VERSION, None, self.log_cb, self.now_cb)

    def open(self, config):
        status, handle, error = self.door.open(dict(config, **{"log.level": "debug"}), self.host)
        return status, handle, error or ""

    def call(self, handle, op, request):
        status, response = self.door.call(handle, op, request)
        return status, response, self.door.errmsg(handle)

    def close(self, handle):
        self.door.lib.sfe_close(handle)


class SecretsCase(StoreCase):
    prefix = "sfe-secrets-"

    def config(self, name, lines):
        return self.write(name, "".join("%s = %s\n" % pair for pair in lines))

    def assertHidden(self, text, where):
        self.assertNotIn(SECRET, text, where)


class Secrets(SecretsCase):
    def test_a_refused_lrs_url_never_shows_its_credentials(self):
        door = CDoor()
        for url in BAD_LRS_URLS:
            # CLI, from the environment and from a configuration file, for a command that uses the
            # LRS and one that does not (the settings are read either way).
            for command in (["sync"], ["skills"]):
                result = self.cli.run("--db", self.store.path, *command, env={"SFE_LRS_URL": url})
                self.assertEqual(result.code, EXIT_CONFIG, (url, result))
                self.assertIn("lrs.url", result.err)
                self.assertHidden(result.out + result.err, (url, command, result))
            config = self.config("lrs.properties", [("lrs.url", url), ("log.level", "debug")])
            result = self.cli.run("--db", self.store.path, "--config", config, "sync")
            self.assertEqual(result.code, EXIT_CONFIG, (url, result))
            self.assertHidden(result.out + result.err, (url, result))
            # C door.
            status, handle, error = door.open({"store.path": self.store.path, "lrs.url": url})
            self.assertEqual(status, SFE_CONFIG, (url, error))
            self.assertIn("lrs.url", error)
            self.assertHidden(error + "\n".join(door.lines), (url, error, door.lines))
            if handle:
                door.close(handle)

    def test_a_store_url_that_fails_never_shows_its_password(self):
        urls = list(BAD_STORE_URLS)
        admin = os.environ.get("SFE_TEST_PG", "").strip()
        if admin:
            # A server that answers: a database that does not exist, a role that does not.
            pairs = dict(p.split("=", 1) for p in admin.split())
            base = "host=%s port=%s" % (pairs.get("host", "127.0.0.1"), pairs.get("port", "5432"))
            urls += ["%s user=sfe password=%s dbname=sfe_no_such_db" % (base, SECRET),
                     "%s user=no_such_role password=%s dbname=postgres" % (base, SECRET),
                     "postgresql://sfe:%s@%s:%s/sfe_no_such_db" % (SECRET, pairs.get("host", "127.0.0.1"),
                                                                   pairs.get("port", "5432"))]
        door = CDoor()
        for url in urls:
            config = self.config("store.properties", [("store.connector", "postgresql"), ("store.url", url),
                                                      ("log.level", "debug")])
            result = self.cli.run("--config", config, "skills", timeout=60)
            self.assertIn(result.code, (EXIT_CONFIG, EXIT_IOERR), (url, result))
            self.assertIn("store", result.err)
            self.assertHidden(result.out + result.err, (url, result))
            status, handle, error = door.open({"store.connector": "postgresql", "store.url": url})
            self.assertIn(status, (SFE_CONFIG, SFE_STORE), (url, error))
            self.assertHidden(error + "\n".join(door.lines), (url, error, door.lines))
            if handle:
                door.close(handle)

    def test_a_working_store_url_and_lrs_credentials_are_not_shown(self):
        """What is shown on success: store.stats, the start-up log line, sync's lines, outbox."""
        if not self.store.postgres:
            self.skipTest("the store's password exists on PostgreSQL only")
        url = self.store.url + " password=" + SECRET
        config = self.config("ok.properties", [("store.connector", "postgresql"), ("store.url", url),
                                               ("log.level", "debug")])
        result = self.cli.run("--config", config, "import", ARGS.definition)
        self.assertEqual(result.code, EXIT_OK, result)
        self.assertHidden(result.out + result.err, result)
        door = CDoor()
        status, handle, error = door.open({"store.connector": "postgresql", "store.url": url,
                                           "lrs.url": "http://127.0.0.1:1/xapi", "lrs.user": "lrskey",
                                           "lrs.password": SECRET})
        self.assertEqual(status, SFE_OK, error)
        try:
            for op in ("store.stats", "outbox", "sync"):
                status, response, message = door.call(handle, op, {})
                self.assertHidden(json.dumps(response) + message, (op, response, message))
        finally:
            door.close(handle)
        self.assertTrue(door.lines)
        self.assertHidden("\n".join(door.lines), door.lines)


class SelfSignedLrs(FakeLrs):
    """The fake LRS over HTTPS, with a certificate openssl makes now, self-signed for 127.0.0.1."""

    def __init__(self, folder):
        self.cert = os.path.join(folder, "lrs-cert.pem")
        self.key = os.path.join(folder, "lrs-key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.key,
                        "-out", self.cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        super().__init__(tls=(self.cert, self.key))


class Certificate(SecretsCase):
    def record(self):
        for args in (["import", ARGS.definition], ["map", "c1", "--skill", "CSMG", "--level", "3"],
                     ["complete", "--learner", "anna", "--activity", "c1"]):
            self.ok(*args)

    def test_an_untrusted_certificate_is_a_configuration_error(self):
        if not shutil.which("openssl"):
            self.skipTest("no openssl to make the certificate")
        self.record()
        with SelfSignedLrs(self.tmp) as lrs:
            refused = self.run_cli("sync", env={"SFE_LRS_URL": lrs.url}, timeout=60)
            self.assertEqual(refused.code, EXIT_CONFIG, refused)
            self.assertIn("certificate", refused.err)
            self.assertIn("lrs.ca_file", refused.err)
            self.assertIn("will not heal by retrying", refused.err)
            self.assertEqual(lrs.received, [])

            door = CDoor()
            status, handle, error = door.open(dict(self.store.plugin_config(),
                                                   **{"lrs.url": lrs.url, "lrs.background": "false"}))
            self.assertEqual(status, SFE_OK, error)
            try:
                status, response, message = door.call(handle, "sync", {})
                self.assertEqual(status, SFE_CONFIG, (response, message))
                self.assertIn("lrs.ca_file", message)
            finally:
                door.close(handle)

            # What the message says to do is enough.
            trusted = self.write_config("trusted.properties", "lrs.ca_file = %s\n" % lrs.cert)
            delivered = self.run_cli("--config", trusted, "sync", env={"SFE_LRS_URL": lrs.url}, timeout=60)
            self.assertEqual(delivered.code, EXIT_OK, delivered)
            self.assertEqual(len(lrs.received), 1)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments("module")
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
