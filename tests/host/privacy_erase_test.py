#!/usr/bin/env python3
"""privacy_erase_test.py: `privacy erase` while the LMS keeps the store open.

Usage: privacy_erase_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml --module PLUGIN.so [unittest args]

The LMS is a second process (this file run with --lms) that loads the plugin through the C door
(ctypes, as tests/plugin/ctypes_host.py), records events and keeps its handle open throughout; a
third connection (Python's sqlite3) stays open beside it. The CLI erases a person from its own
process. Afterwards nothing the person wrote or that was written about them may be found anywhere:
not in `privacy export`, not in `audit export`, and on SQLite not one byte of it in the store file
or its -wal, right after the erasure and again 50 records later. The erasure names the statements
the LRS still holds. On PostgreSQL (SFE_TEST_PG set) the same, with every row of every table in
place of the files.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "plugin"))
from cli import StoreCase, read_definition, cli_test_arguments  # noqa: E402
from fake_lrs import FakeLrs  # noqa: E402

EXIT_DATAERR = 65
ARGS = None

PERSON = "jane.doe"
# Free texts by or about the person, each unique in the store so that a count means this text.
TEXTS = {
    "attestation note about her": "Jane Doe erklärte den Ablauf XQ1",
    "withdrawal reason of her record": "Jane Doe bat um Rücknahme XQ2",
    "verification note on her record": "Jane Doe geprüft vom Audit XQ3",
    "her note as assessor": "bewertet von Jane Doe XQ4",
    "her note as auditor": "Jane Doe prüfte dies XQ5",
}


def lms_main(module, config):
    """The LMS process: opens the plugin once, then runs one operation per stdin line
    ({"op", "request"}) and answers each with one line ({"status", "response", "error"})."""
    from ctypes_host import ABI_VERSION, Door, SfeHost  # noqa: E402
    door = Door(module)
    log = SfeHost._fields_[2][1](lambda _data, _level, _message: None)
    now = SfeHost._fields_[3][1](lambda _data: int(time.time() * 1000))
    host = SfeHost(ABI_VERSION, None, log, now)
    status, handle, error = door.open(config, host)
    print(json.dumps({"status": status, "error": error}), flush=True)
    if status != 0:
        return 1
    for line in sys.stdin:
        command = json.loads(line)
        status, response = door.call(handle, command["op"], command.get("request", {}))
        print(json.dumps({"status": status, "response": response,
                          "error": door.errmsg(handle) if status else ""}), flush=True)
    door.lib.sfe_close(handle)
    return 0


class Lms:
    """The LMS process, kept running (and its handle open) until close()."""

    def __init__(self, config):
        self.process = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--lms", ARGS.module,
                                         json.dumps(config)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, encoding="utf-8")
        opened = json.loads(self.process.stdout.readline())
        if opened["status"] != 0:
            raise RuntimeError("the LMS could not open the plugin: %s" % opened["error"])

    def call(self, op, request):
        self.process.stdin.write(json.dumps({"op": op, "request": request}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if answer["status"] != 0:
            raise AssertionError("%s %s: status %d: %s" % (op, request, answer["status"], answer["error"]))
        return answer["response"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()


class PrivacyCase(StoreCase):
    prefix = "sfe-privacy-"

    def setUp(self):
        super().setUp()
        definition = read_definition(ARGS.definition)
        self.code = definition["code"]
        self.level3 = [rid for rid, _ in definition["levels"][3]["responsibilities"]]
        self.level1 = [rid for rid, _ in definition["levels"][1]["responsibilities"]]
        self.lms = None
        self.reader = None

    def tearDown(self):
        if self.reader is not None:
            self.reader.close()
        if self.lms is not None:
            self.lms.close()
        super().tearDown()

    def residue(self):
        """{what: occurrences} of the person's id and of each text in what the store holds: the
        store file and its -wal on SQLite (read while every connection stays open), every row of
        every table on PostgreSQL."""
        if self.store.postgres:
            places = {"rows": self.store.dump().encode("utf-8")}
        else:
            places = {}
            for suffix in ("", "-wal"):
                path = self.store.path + suffix
                if os.path.exists(path):
                    with open(path, "rb") as f:
                        places["db" + suffix] = f.read()
        needles = dict(TEXTS, id=PERSON)
        return {"%s in %s" % (what, place): data.count(text.encode("utf-8"))
                for place, data in places.items() for what, text in needles.items()}

    def record(self, learner, **fields):
        request = dict(fields, learner=learner)
        return self.lms.call("complete" if "activity" in fields else "attest", request)["evidence"][0]



class EraseWhileOpen(PrivacyCase):
    def test_erase_leaves_no_trace_while_the_store_stays_open(self):
        self.ok("import", ARGS.definition)
        self.ok("map", "c1", "--skill", self.code, "--level", "3", "--responsibility", self.level3[0])
        self.lms = Lms(self.store.plugin_config())
        if not self.store.postgres:
            # A third connection, open and idle, as another worker of the LMS would hold it.
            self.reader = sqlite3.connect(self.store.path)
            self.reader.execute("SELECT COUNT(*) FROM evidence").fetchall()

        # Others' records, before and among hers, so that her rows share pages with theirs.
        for i in range(60):
            self.record("learner%02d" % i, activity="c1", score=0.5)
        self.record(PERSON, activity="c1", score=0.9)
        attested = self.record(PERSON, responsibility=self.level3[1], assessor="mm",
                               note=TEXTS["attestation note about her"])
        withdrawn = self.record(PERSON, responsibility=self.level3[2], assessor="mm", note="ok")
        self.lms.call("withdraw", {"evidence": withdrawn, "reason": TEXTS["withdrawal reason of her record"]})
        self.lms.call("verify", {"evidence": attested, "auditor": "aud1",
                                 "note": TEXTS["verification note on her record"]})
        erika = self.record("erika", responsibility=self.level1[0], assessor=PERSON,
                            note=TEXTS["her note as assessor"])
        other = self.record("erika", responsibility=self.level1[1], assessor="mm")
        self.lms.call("verify", {"evidence": other, "auditor": PERSON, "note": TEXTS["her note as auditor"]})
        for i in range(60):
            self.record("learner%02d" % i, activity="c1", score=0.7)

        # Her statements so far reach the LRS; one more stays pending.
        with FakeLrs() as lrs:
            self.ok("sync", env={"SFE_LRS_URL": lrs.url})
            url = lrs.url
        self.record(PERSON, activity="c1", score=1.0)
        # The LMS has read through every path a learner's page takes (the progress query keeps its
        # statements prepared on the LMS's connection), and stays open.
        for learner in (PERSON, "erika", "learner00"):
            self.lms.call("progress", {"learner": learner, "explain": True})
            self.lms.call("evidence", {"learner": learner})
        # What the LRS holds about her: statements naming her or quoting a text of hers.
        sent_about_her = sorted(s["id"] for s in lrs.received
                                if any(t in json.dumps(s, ensure_ascii=False) for t in [PERSON] + list(TEXTS.values())))
        self.assertTrue(sent_about_her)
        before = self.residue()
        # The test looks where the person really is: each text is found before.
        for what in list(TEXTS) + ["id"]:
            self.assertTrue(sum(n for k, n in before.items() if k.startswith(what + " in ")), (what, before))

        erased = self.ok("privacy", "erase", "--learner", PERSON, env={"SFE_LRS_URL": url})
        notice = "%d statements were delivered to the LRS at %s and are still held there: erase them there" \
            % (len(sent_about_her), url.rstrip("/"))
        self.assertIn(notice, erased.out)
        listed = re.findall(r"^  ([0-9a-f-]{36})$", erased.out.split(notice, 1)[1], re.M)
        self.assertEqual(sorted(listed), sent_about_her, erased.out)

        after = self.residue()
        print("occurrences before the erasure: %s" % before)
        print("right after, the store still open: %s" % after)
        self.assertEqual([k for k, n in after.items() if n], [], after)

        # The LMS goes on: 50 records later, nothing of her has come back into the -wal.
        for i in range(50):
            self.record("learner%02d" % (i % 60), activity="c1", score=0.8)
        later = self.residue()
        print("50 records later: %s" % later)
        self.assertEqual([k for k, n in later.items() if n], [], later)

        # What an auditor or the person is shown afterwards.
        self.ok("audit", "verify")
        bundle = os.path.join(self.tmp, "bundle")
        self.ok("audit", "export", bundle)
        for name in sorted(os.listdir(bundle)):
            path = os.path.join(bundle, name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    data = f.read()
                for text in list(TEXTS.values()) + [PERSON]:
                    self.assertNotIn(text.encode("utf-8"), data, "%s in the bundle's %s" % (text, name))
        gone = self.cli.run(*self.store.args(), "privacy", "export", "--learner", PERSON)
        self.assertEqual(gone.code, EXIT_DATAERR, gone)
        for learner in ("erika", "aud1", "mm"):
            exported = self.ok("privacy", "export", "--learner", learner).out
            for text in list(TEXTS.values()) + [PERSON]:
                self.assertNotIn(text, exported, learner)
        self.assertIn(erika, self.ok("evidence", "--learner", "erika").out)


class EraseWhileReading(PrivacyCase):
    """A connection that is reading an older snapshot when the erasure commits keeps SQLite from
    emptying the -wal: the erasure still succeeds, and says what is left to do."""

    def test_erase_says_when_a_reader_kept_the_write_ahead_log(self):
        if self.store.postgres:
            self.skipTest("PostgreSQL has no write-ahead log file of the store's own")
        self.ok("import", ARGS.definition)
        self.ok("map", "c1", "--skill", self.code, "--level", "3", "--responsibility", self.level3[0])
        self.ok("complete", "--learner", PERSON, "--activity", "c1")
        self.reader = sqlite3.connect(self.store.path, isolation_level=None)
        self.reader.execute("BEGIN")
        self.reader.execute("SELECT COUNT(*) FROM evidence").fetchall()     # holds its snapshot
        config = self.write("short.properties", "store.busy_timeout_ms = 200\n")
        erased = self.ok("--config", config, "privacy", "erase", "--learner", PERSON)
        self.assertIn("warning: another connection kept reading the store, so its write-ahead log (the -wal file) "
                      "still holds the erased values", erased.out)
        self.reader.execute("COMMIT")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--lms":
        sys.path.insert(0, os.path.join(HERE, "..", "plugin"))
        return lms_main(sys.argv[2], json.loads(sys.argv[3]))
    global ARGS
    ARGS = StoreCase.arguments = cli_test_arguments("module")
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)


if __name__ == "__main__":
    sys.exit(main())
