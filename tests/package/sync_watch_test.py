#!/usr/bin/env python3
"""sync_watch_test.py: `sfia-evidence sync --watch SECONDS`, the sender the sfia-evidence-sync service
runs (packaging/sfia-evidence-sync.service.in). It keeps delivering what the LMS records while it
runs, survives an LRS that refuses (the next pass tries again), and ends with exit 0 on SIGTERM, as
systemd stops it. Against tests/host/fake_lrs.py; SQLite, and PostgreSQL as package_sync_watch_pg.
  sync_watch_test.py --cli BIN --manifest MANIFEST --definition FILE
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
from cli import Cli, Store, cli_test_arguments  # noqa: E402
from fake_lrs import FakeLrs  # noqa: E402

ARGS = None
WAIT_S = 60     # the longest a condition may take to come true before the test fails


class SyncWatch(unittest.TestCase):
    def setUp(self):
        self.cli = Cli(ARGS.cli, ARGS.manifest)
        self.tmp = tempfile.mkdtemp(prefix="sfe-sync-watch-")
        self.store = Store(self.tmp)
        self.ok("import", ARGS.definition)
        self.ok("map", "course-101", "--skill", "CSMG", "--level", "3", "--type", "course")
        self.process = None

    def tearDown(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.store.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def ok(self, *args):
        result = self.cli.run(*self.store.args(*args), *args)
        self.assertEqual(result.code, 0, result)
        return result

    def counts(self):
        return json.loads(self.ok("outbox", "--json").out)["counts"]

    def complete(self, learner):
        self.ok("complete", "--learner", learner, "--activity", "course-101")

    def until(self, what, condition):
        """Waits for `condition()` to hold (checked every 100 ms), failing after WAIT_S seconds."""
        deadline = time.monotonic() + WAIT_S
        while not condition():
            self.assertIsNone(self.process.poll(), "sync --watch ended early while waiting for " + what)
            if time.monotonic() > deadline:
                self.fail("no %s within %d s" % (what, WAIT_S))
            time.sleep(0.1)

    def watch(self, lrs, *options):
        config = os.path.join(self.tmp, "sync.properties")
        with open(config, "w", encoding="utf-8") as f:
            f.write(self.store.config_text() + "lrs.url = %s\n" % lrs.url)
        self.process = subprocess.Popen([ARGS.cli, "--manifest", ARGS.manifest, "--db", self.store.path,
                                         "--config", config, "sync", "--watch", "1", *options],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        out, err = self.process.communicate(timeout=WAIT_S)
        return self.process.returncode, out, err

    def test_it_keeps_delivering_what_is_recorded_until_sigterm(self):
        self.complete("u1")
        with FakeLrs() as lrs:
            self.watch(lrs)
            self.until("delivery of the first statement", lambda: self.counts()["delivered"] == 1)
            # Recorded while it runs: a later pass sends it, without a new `sync`.
            self.complete("u2")
            self.until("delivery of the statement recorded later",
                       lambda: self.counts() == {"delivered": 2, "pending": 0, "quarantined": 0})
            code, out, err = self.stop()
        self.assertEqual(code, 0, err)
        self.assertEqual(len(lrs.received), 2, "each statement is posted once")
        self.assertGreaterEqual(out.count("delivered "), 2, out)

    def test_a_refusing_lrs_is_tried_again_at_the_next_pass(self):
        self.complete("u1")
        with FakeLrs(fail=True) as lrs:
            self.watch(lrs, "--time-limit", "1")
            lines = []
            deadline = time.monotonic() + WAIT_S
            while sum("still pending" in line for line in lines) < 2:
                self.assertLess(time.monotonic(), deadline, "fewer than two passes within %d s: %s" % (WAIT_S, lines))
                line = self.process.stdout.readline()
                if line == "":
                    self.fail("sync --watch ended after a refused pass: %s" % self.process.stderr.read())
                lines.append(line)
            code, _, err = self.stop()
        self.assertEqual(code, 0, err)
        self.assertEqual(self.counts()["pending"], 1)

    def test_without_an_lrs_it_ends_with_78_rather_than_loop(self):
        result = self.cli.run(*self.store.args("sync"), "sync", "--watch", "1", timeout=WAIT_S)
        self.assertEqual(result.code, 78, result)
        self.assertIn("lrs.url", result.err)


if __name__ == "__main__":
    ARGS = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
