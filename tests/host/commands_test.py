#!/usr/bin/env python3
"""commands_test.py: the sfia-evidence commands beyond import/show, run as a process the way users
run them: mapping, recording, evidence, statements, progress, replay, delivery, audit, privacy.

Usage: commands_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml [unittest args]

Expectations come from the definition file itself (read_definition) and from the store (sqlite3, or
psql on PostgreSQL), not from numbers written down here.

With SFE_TEST_PG set (a libpq admin conninfo), every test runs on a PostgreSQL database of its own
(cli.Store): the CLI gets store.connector/store.url in a --config file.
"""

import hashlib
import html.parser
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, dump, normalised, read_definition, cli_test_arguments  # noqa: E402
from stored_text import plain_text, version  # noqa: E402
from fake_lrs import FakeLrs  # noqa: E402

EXIT_OK, EXIT_USAGE, EXIT_DATAERR, EXIT_CANTCREAT, EXIT_TEMPFAIL, EXIT_CONFIG = 0, 64, 65, 73, 75, 78
ARGS = None
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


class CommandCase(StoreCase):
    prefix = "sfe-commands-"

    def setUp(self):
        super().setUp()
        self.db = self.store.path
        self.definition = read_definition(ARGS.definition)
        self.code = self.definition["code"]
        self.level3 = [rid for rid, _ in self.definition["levels"][3]["responsibilities"]]

    def prepare(self):
        """CSMG imported; course-101 mapped to the first two responsibilities of level 3,
        course-102 to level 3 as a whole."""
        self.ok("import", ARGS.definition)
        self.ok("map", "course-101", "--skill", self.code, "--level", "3", "--responsibility", self.level3[0],
                "--responsibility", self.level3[1], "--name", "Servicedesk-Grundlagen")
        self.ok("map", "course-102", "--skill", self.code, "--level", "3", "--type", "module")

    def attest(self, learner, responsibility, assessor="a7"):
        out = self.ok("attest", "--learner", learner, "--responsibility", responsibility, "--assessor", assessor).out
        return re.search(r"^  evidence   (\S+)$", out, re.M).group(1)

    def evidence(self, *filters):
        return json.loads(self.ok("evidence", "--json", *filters).out)

    def store_bodies(self, where="1=1"):
        plain_text(self.store)
        return [row[0] for row in self.store.rows("SELECT body FROM statements WHERE %s ORDER BY seq" % where)]

    def progress_line(self, learner, level):
        out = self.ok("progress", "--learner", learner, "--skill", self.code, "--lang", "en").out
        return re.search(r"^  %d .*$" % level, out, re.M).group(0)


class Evidence(CommandCase):
    def test_workflow(self):
        self.prepare()
        n = len(self.level3)

        # Level 3: two sentences covered by course-101, the others only as a whole by course-102 (mapped to the
        # whole level); the other levels' sentences are gaps.
        coverage = self.ok("coverage", self.code, "--lang", "en").out
        self.assertRegex(coverage, r"(?m)^  %s  \S" % re.escape(self.level3[0]))
        self.assertIn("  covered by Servicedesk-Grundlagen (course)\n", coverage)
        self.assertIn("  covered only as a whole by course-102 (module)\n", coverage)
        self.assertIn("  Level 3 as a whole: course-102 (module).", coverage)
        self.assertIn("  UNCOVERED\n", coverage)
        total = sum(len(level["responsibilities"]) for level in self.definition["levels"].values())
        n3 = len(self.level3)
        self.assertTrue(coverage.endswith("%s: 2 of %d responsibilities covered, %d only as a whole, %d UNCOVERED\n"
                                          % (self.code, total, n3 - 2, total - n3)), coverage)
        mappings = json.loads(self.ok("mappings", "--json").out)["mappings"]
        self.assertEqual(sorted(m["activity"]["id"] for m in mappings), ["course-101", "course-102"])

        completed = self.ok("complete", "--learner", "u1", "--activity", "course-101", "--score", "85/100",
                            "--event-id", "lms-1")
        self.assertRegex(completed.out, r"^recorded event lms-1: 1 evidence record, 1 statement queued")
        before = dump(self.store)
        again = self.ok("complete", "--learner", "u1", "--activity", "course-101", "--event-id", "lms-1")
        self.assertIn("duplicate", again.out)
        self.assertEqual(dump(self.store), before)
        attested = [self.attest("u1", rid) for rid in self.level3[:3]]

        records = self.evidence("--learner", "u1")
        self.assertEqual([r["kind"] for r in records], ["learning"] + ["demonstrated"] * 3)
        # "85/100" is raw 85 of 0..100; the plugin derives scaled 0.85 from them.
        self.assertEqual(records[0]["score"], {"scaled": 0.85, "raw": 85, "min": 0, "max": 100})
        self.assertEqual([r["id"] for r in records[1:]], attested)
        # The table speaks the definition's language unless --lang says otherwise.
        table = self.ok("evidence", "--learner", "u1", "--kind", "demonstrated", "--lang", "en").out.splitlines()
        self.assertEqual(table[0].split()[:3], ["SEQ", "EVIDENCE", "OCCURRED"])
        self.assertEqual([line.split()[1] for line in table[1:]], attested)

        # The bodies are kept compressed with the store's own dictionary (version 2), which the import
        # wrote to text_dictionaries; each CLI run is a new process that reads them back from there.
        self.assertEqual({version(z) for (z,) in self.store.rows("SELECT body_z FROM statements")}, {2})
        # statements --json: exactly the bodies the store will send, in outbox order.
        statements = self.ok("statements", "--json")
        bodies = self.store_bodies()
        self.assertEqual(len(bodies), 4)
        self.assertEqual(json.loads(statements.out), [json.loads(b) for b in bodies])
        position = 0
        for body in bodies:
            found = statements.out.find(body, position)
            self.assertGreaterEqual(found, 0, "a body is not in the output byte for byte")
            position = found + len(body)

        phrase = self.definition["levels"][3]["phrase"]
        line = self.progress_line("u1", 3)
        self.assertRegex(line, r"^  3 %s\s+\[#+\.+\] 3/%d demonstrated  1/2 activities$" % (re.escape(phrase), n))
        progress = json.loads(self.ok("progress", "--learner", "u1", "--json").out)
        level3 = [l for l in progress["skills"][0]["levels"] if l["level"] == 3][0]
        self.assertEqual(level3["responsibilitiesDemonstrated"], 3)
        self.assertFalse(level3["attained"])

        page = os.path.join(self.tmp, "progress.html")
        html_run = self.ok("progress", "--learner", "u1", "--html", page)
        self.assertEqual(html_run.out, page + "\n")
        with open(page, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('<html lang="de">', text)     # the definition's language when neither --lang nor ui.language
        self.assertIn(phrase, text)
        self.assertIn(self.definition["levels"][3]["responsibilities"][0][1], text)
        self.assertIn("Servicedesk-Grundlagen", text)
        self.assertIsNone(re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//|url\(|@import""", text, re.I))
        self.assertNotRegex(text, r"https?://")
        HtmlBalance.check(self, text)

        for rid in self.level3[3:]:
            self.attest("u1", rid)
        self.assertTrue(self.progress_line("u1", 3).endswith("attained \u2713"))

        withdrawn = attested[0]
        statement_of_withdrawn = json.loads(self.store_bodies("evidence_id = '%s'" % withdrawn)[0])["id"]
        result = self.ok("withdraw", withdrawn, "--reason", "assessed the wrong person")
        # Level 3 was attained with it: the learner no longer attains it, and withdraw says so.
        self.assertRegex(result.out, r"^withdrew evidence %s; 1 voiding statement queued for the LRS: \S+\n"
                                     r"u1 no longer attains %s level 3\n$" % (withdrawn, re.escape(self.code)))
        line = self.progress_line("u1", 3)
        self.assertRegex(line, r" %d/%d demonstrated " % (n - 1, n))
        self.assertFalse(line.endswith("\u2713"))
        sent = json.loads(self.ok("statements", "--json").out)
        voids = [s for s in sent if s["verb"]["id"] == VOIDED]
        self.assertIn(statement_of_withdrawn, [s["object"]["id"] for s in voids])
        self.fails(EXIT_DATAERR, "withdraw", withdrawn, "--reason", "again")

        verified = self.ok("audit", "verify")
        self.assertTrue(verified.out.startswith("OK: "), verified.out)
        self.assertEqual(self.store.execute("UPDATE evidence SET outcome = 'partial' WHERE id = ?", (attested[1],)), 1)
        tampered = self.fails(EXIT_DATAERR, "audit", "verify")
        self.assertTrue(tampered.out.startswith("FAILED: "), tampered.out)
        self.assertIn(attested[1], tampered.out)
        report = json.loads(self.fails(EXIT_DATAERR, "audit", "verify", "--json").out)
        self.assertFalse(report["ok"])
        self.assertIn(attested[1], report["firstProblem"]["message"])

    def test_progress_explain_names_reasons_records_and_statements(self):
        self.prepare()
        self.ok("complete", "--learner", "u1", "--activity", "course-101", "--score", "0.5")
        record = self.attest("u1", self.level3[0])
        statement = json.loads(self.store_bodies("evidence_id = '%s'" % record)[0])["id"]
        out = self.ok("progress", "--learner", "u1", "--skill", self.code, "--explain", "--lang", "en").out
        block = out[out.index("\n  3 "):out.index("\n  4 ")]
        sentence = self.definition["levels"][3]["responsibilities"][1][1]
        self.assertRegex(block, r"(?m)^      why: not yet attested as demonstrated: %s$" % re.escape(sentence))
        self.assertRegex(block, r"(?m)^      %s demonstrated: %s attested demonstrated by a7 .*; statements %s$"
                         % (re.escape(self.level3[0]), record, statement))
        self.assertRegex(block, r"(?m)^      %s learning: \S+ completed course-101, score 0.5 " % re.escape(self.level3[1]))

    def test_html_page_escapes_what_it_shows(self):
        self.prepare()
        learner = "o'brien <b>&co</b>"
        self.ok("complete", "--learner", learner, "--activity", "course-101")
        page = os.path.join(self.tmp, "p.html")
        self.ok("progress", "--learner", learner, "--html", page)
        with open(page, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("o&apos;brien &lt;b&gt;&amp;co&lt;/b&gt;", text)
        self.assertNotIn("<b>&co", text)
        HtmlBalance.check(self, text)

    def test_html_page_that_cannot_be_written(self):
        self.prepare()
        self.ok("complete", "--learner", "u1", "--activity", "course-101")
        result = self.fails(EXIT_CANTCREAT, "progress", "--learner", "u1",
                            "--html", os.path.join(self.tmp, "no", "such", "p.html"))
        self.assertIn("p.html", result.err)

    def test_refused_events_write_nothing(self):
        self.prepare()
        before = dump(self.store)
        for args in (["complete", "--learner", "u1", "--activity", "course-999"],
                     ["complete", "--learner", "u1", "--activity", "course-101", "--score", "1.5"],
                     ["complete", "--learner", "u1", "--activity", "course-101", "--score", "120/100"],
                     ["attest", "--learner", "u1", "--responsibility", self.level3[0], "--assessor", "u1"],
                     ["attest", "--learner", "u1", "--responsibility", self.code + "-9.9", "--assessor", "a7"]):
            with self.subTest(args=args):
                result = self.fails(EXIT_DATAERR, *args)
                self.assertEqual(result.out, "")
                self.assertTrue(result.err)
        self.assertEqual(dump(self.store), before)

    def test_unmap(self):
        self.prepare()
        removed = self.ok("unmap", "course-101", "--skill", self.code, "--level", "3")
        self.assertRegex(removed.out, r"^removed 1 mapping: \S+\n$")
        remaining = json.loads(self.ok("mappings", "--json").out)["mappings"]
        self.assertEqual([m["activity"]["id"] for m in remaining], ["course-102"])
        self.ok("unmap", "--mapping", remaining[0]["id"])
        self.assertIn("no active mappings", self.ok("mappings").out)
        self.fails(EXIT_DATAERR, "unmap", "course-101")


class HtmlBalance(html.parser.HTMLParser):
    """Checks that every element of a page is closed in order (void elements aside)."""
    VOID = {"meta", "br", "img", "link", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.open = []
        self.errors = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append("</%s> closes %s" % (tag, self.open[-1] if self.open else "nothing"))
        else:
            self.open.pop()

    @staticmethod
    def check(test, text):
        parser = HtmlBalance()
        parser.feed(text)
        parser.close()
        test.assertEqual(parser.errors, [])
        test.assertEqual(parser.open, [])
        test.assertTrue(text.startswith("<!DOCTYPE html>"))


class Replay(CommandCase):
    def lines(self, *events):
        return "".join((json.dumps(e) if isinstance(e, dict) else e) + "\n" for e in events)

    def test_replay_records_then_counts_duplicates(self):
        self.prepare()
        path = self.write("events.jsonl", self.lines(
            {"type": "completion", "learner": "u1", "activity": "course-101", "eventId": "e1"},
            "",
            {"type": "attestation", "learner": "u1", "responsibility": self.level3[0], "assessor": "a7",
             "eventId": "e2"}))
        result = self.ok("replay", path)
        self.assertEqual(result.out, "replayed %s: 2 events in 1 batch, 2 recorded, 0 duplicates "
                                     "(seen before, not written again)\n" % path)
        self.assertEqual(len(self.evidence("--learner", "u1")), 2)
        before = dump(self.store)
        again = self.ok("replay", path)
        self.assertIn(", 0 recorded, 2 duplicates", again.out)
        self.assertEqual(dump(self.store), before)

    def test_malformed_lines_are_refused_before_anything_is_sent(self):
        self.prepare()
        before = dump(self.store)
        path = self.write("bad.jsonl", self.lines(
            {"type": "completion", "learner": "u1", "activity": "course-101"},
            '{"type": "completion", "learner": ',
            {"type": "enrolment", "learner": "u1"},
            "[1, 2]"))
        result = self.fails(EXIT_DATAERR, "replay", path)
        self.assertEqual(result.out, "")
        self.assertEqual([line.split(": ")[0] for line in result.err.splitlines()],
                         ["%s:%d" % (path, n) for n in (2, 3, 4)])
        self.assertEqual(dump(self.store), before)

    def test_refused_event_is_named_by_its_line_and_its_batch_writes_nothing(self):
        self.prepare()
        before = dump(self.store)
        path = self.write("refused.jsonl", self.lines(
            {"type": "completion", "learner": "u1", "activity": "course-101"},
            "",
            {"type": "attestation", "learner": "u1", "responsibility": "NOPE-3.9", "assessor": "a7"},
            {"type": "completion", "learner": "u2", "activity": "course-101"}))
        result = self.fails(EXIT_DATAERR, "replay", path)
        self.assertRegex(result.err.splitlines()[0], r"^%s:3: .*NOPE-3\.9" % re.escape(path))
        self.assertEqual(dump(self.store), before)

        path = self.write("missing.jsonl", self.lines(
            {"type": "completion", "learner": "u1", "activity": "course-101"},
            {"type": "completion", "activity": "course-101"}))
        result = self.fails(EXIT_DATAERR, "replay", path)
        self.assertRegex(result.err.splitlines()[0], r"^%s:2: .*learner" % re.escape(path))
        self.assertEqual(dump(self.store), before)

    def test_missing_file(self):
        path = os.path.join(self.tmp, "absent.jsonl")
        result = self.fails(EXIT_DATAERR, "replay", path)
        self.assertTrue(result.err.startswith(path + ": cannot read"), result.err)


class Delivery(CommandCase):
    def record_some(self):
        self.prepare()
        self.ok("complete", "--learner", "u1", "--activity", "course-101")
        self.attest("u1", self.level3[0])
        return self.store_bodies()

    def counts(self, env=None):
        return json.loads(self.ok("outbox", "--json", env=env).out)["counts"]

    def test_sync_without_an_lrs_is_a_configuration_error(self):
        self.record_some()
        result = self.fails(EXIT_CONFIG, "sync")
        self.assertIn("lrs.url", result.err)
        self.assertIn("none configured", self.ok("outbox").out)

    def test_sync_delivers_everything(self):
        bodies = self.record_some()
        with FakeLrs() as lrs:
            result = self.ok("sync", env={"SFE_LRS_URL": lrs.url})
        self.assertRegex(result.out, r"^delivered %d, quarantined 0, retries 0, requests \d+, elapsed [\d.]+ s\n"
                         % len(bodies))
        self.assertIn("nothing pending", result.out)
        self.assertNotIn("\r", result.out, "no progress bar when stdout is not a terminal")
        self.assertEqual([s["id"] for s in lrs.received], [json.loads(b)["id"] for b in bodies])
        self.assertEqual(self.counts(), {"delivered": len(bodies), "pending": 0, "quarantined": 0})

    def test_sync_exits_75_while_statements_stay_pending(self):
        bodies = self.record_some()
        with FakeLrs(fail=True) as lrs:
            result = self.fails(EXIT_TEMPFAIL, "sync", "--time-limit", "1", env={"SFE_LRS_URL": lrs.url}, timeout=30)
        self.assertIn("%d statements still pending" % len(bodies), result.out)
        self.assertIn("503", result.out)
        self.assertEqual(self.counts()["pending"], len(bodies))

    def test_sync_on_a_terminal_draws_a_progress_bar(self):
        bodies = self.record_some()
        config = self.write_config("one-by-one.properties", "lrs.batch = 1\n")
        with FakeLrs(delay=0.5) as lrs:
            result, text = self.cli.run_on_terminal("--db", self.db, "--config", config, "sync", terminal="stdout",
                                                    env={"SFE_LRS_URL": lrs.url}, timeout=30)
            self.assertEqual(result.code, EXIT_OK, result)
        self.assertRegex(text, r"\r\[#*\.*\] \d+/%d delivered, 0 quarantined, \d+ pending" % len(bodies))
        self.assertIn("\r\x1b[Kdelivered %d, quarantined 0" % len(bodies), text)
        self.assertEqual(len(lrs.received), len(bodies))

    def test_retry_of_an_unknown_statement(self):
        self.record_some()
        self.assertEqual(self.ok("outbox", "retry", "--all").out, "0 statements back in delivery (sent with the next sync)\n")
        self.fails(EXIT_DATAERR, "outbox", "retry", "no-such-statement")


class Signing(CommandCase):
    def test_keys_checkpoint_verify_export(self):
        self.prepare()
        keys = os.path.join(self.tmp, "keys")
        generated = self.ok("keys", "generate", keys, "--name", "Test Auditor")
        key, cert = os.path.join(keys, "signing-key.pem"), os.path.join(keys, "signing-cert.pem")
        self.assertIn("audit.signing_key = %s\n" % key, generated.out)
        self.assertTrue(os.path.isfile(key) and os.path.isfile(cert))
        config = self.write_config("signing.properties", "audit.signing_key = %s\naudit.signing_cert = %s\n" % (key, cert))

        self.ok("complete", "--learner", "u1", "--activity", "course-101")
        self.attest("u1", self.level3[0])
        self.fails(EXIT_CONFIG, "audit", "checkpoint")
        signed = self.ok("--config", config, "audit", "checkpoint")
        self.assertEqual(signed.out, "the evidence log is signed up to entry 2\n")
        verified = self.ok("--config", config, "audit", "verify")
        self.assertIn("1 checkpoint (1 signature verified)", verified.out)

        bundle = os.path.join(self.tmp, "bundle")
        exported = self.ok("--config", config, "audit", "export", bundle)
        listed = [line.strip() for line in exported.out.splitlines()[1:]]
        self.assertIn("SHA256SUMS", listed)
        for name in listed:
            self.assertTrue(os.path.isfile(os.path.join(bundle, name)), name)
        with open(os.path.join(bundle, "SHA256SUMS"), encoding="utf-8") as f:
            for line in f:
                digest, name = line.split(None, 1)
                with open(os.path.join(bundle, name.strip().lstrip("*")), "rb") as g:
                    self.assertEqual(hashlib.sha256(g.read()).hexdigest(), digest, name)


class Privacy(CommandCase):
    def test_export_and_erase(self):
        self.prepare()
        self.ok("complete", "--learner", "u1", "--activity", "course-101")
        self.attest("u1", self.level3[0])
        self.attest("u2", self.level3[0], assessor="u1")
        exported = json.loads(self.ok("privacy", "export", "--learner", "u1").out)
        self.assertEqual(exported["person"], "u1")
        self.assertEqual(len(exported["evidence"]), 2)
        erased = self.ok("privacy", "erase", "--learner", "u1")
        self.assertRegex(erased.out, r"^erased u1: now erased-\S+ in 2 evidence records, 1 attestation by them and ")
        self.fails(EXIT_DATAERR, "privacy", "export", "--learner", "u1")
        self.assertEqual(self.evidence("--learner", "u1"), [])
        self.ok("audit", "verify")


class CommandUsage(CommandCase):
    def test_usage_errors(self):
        cases = [
            (["complete", "--activity", "course-101"], "learner"),
            (["progress", "--learner", "u1", "--colour"], "colour"),
            (["progress"], "learner"),
            (["evidence", "--kind", "skill"], "kind"),
            (["evidence", "--from", "yesterday"], "from"),
            (["complete", "--learner", "u1", "--activity", "a", "--score", "abc"], "score"),
            (["complete", "--learner", "u1", "--activity", "a", "--verb", "done"], "verb"),
            (["map", "course-101", "--skill", "CSMG"], "level"),
            (["unmap", "course-101", "--mapping", "m1"], "either"),
            (["unmap"], "either"),
            (["outbox", "retry"], "either"),
            (["outbox", "retry", "s1", "--all"], "either"),
            (["sync", "--time-limit", "0"], "time-limit"),
            (["progress", "--learner", "u1", "--json", "--html", "p.html"], "--html"),
            (["audit"], "audit: missing sub-command (checkpoint, export, verify)"),
            (["audit", "frob"], 'unknown command "audit frob"'),
            (["withdraw", "e1"], "reason"),
            (["replay"], "missing FILE"),
        ]
        for args, hint in cases:
            with self.subTest(args=args):
                result = self.cli.run(*args, cwd=self.tmp)
                self.assertEqual(result.code, EXIT_USAGE, result)
                first = result.err.splitlines()[0]
                self.assertTrue(first.startswith("sfia-evidence: "), result.err)
                self.assertIn(hint, first)
                self.assertEqual(result.out, "")
        self.assertEqual(os.listdir(self.tmp), [], "a usage error must not create a store")

    def test_help_lists_every_command(self):
        out = normalised(self.cli.run("--help", manifest=False).out)
        for synopsis in ("map ACTIVITY --skill CODE --level N [--responsibility ID ...] [--name TEXT] [--type TYPE]",
                         "unmap [ACTIVITY] [--skill CODE] [--level N] [--mapping ID]",
                         "complete --learner ID --activity ACTIVITY [--score S]",
                         "replay FILE", "outbox [--json]", "outbox retry [ID] [--all]", "sync",
                         "progress --learner ID [--skill CODE] [--explain] [--json] [--html FILE]",
                         "verify EVIDENCE-ID --auditor ID [--note TEXT]", "audit verify [--json]",
                         "audit checkpoint", "audit export DIR", "keys generate DIR [--name CN]",
                         "privacy export --learner ID", "privacy erase --learner ID"):
            self.assertIn(synopsis, out)

    def test_subcommand_help(self):
        result = self.cli.run("audit", "verify", "--help", manifest=os.path.join(self.tmp, "absent.xml"))
        self.assertEqual(result.code, EXIT_OK, result)
        self.assertIn("audit verify [--json]", result.out)
        self.assertIn("exit 65", result.out)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
