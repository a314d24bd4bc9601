#!/usr/bin/env python3
"""auditor_test.py: what an auditor runs (issue 10), as a process: `evidence` searched by learner and
period (`--learner X --from DATE`, `--state`), and `evidence show ID`: the record, its log entry with
its hashes (compared with the store), the checkpoint that covers it and the statement made for it;
`withdraw` saying which level the learner no longer attains.

Standard library only; runs on SQLite and, with SFE_TEST_PG, on PostgreSQL.
"""

import hashlib
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, read_definition, cli_test_arguments  # noqa: E402
from stored_text import plain_text  # noqa: E402

ARGS = None
EXIT_OK, EXIT_USAGE, EXIT_DATAERR, EXIT_NOTFOUND = 0, 64, 65, 66


class Auditor(StoreCase):
    prefix = "sfe-auditor-"

    def setUp(self):
        super().setUp()
        definition = read_definition(ARGS.definition)
        self.code = definition["code"]
        self.level3 = [rid for rid, _ in definition["levels"][3]["responsibilities"]]
        self.ok("import", ARGS.definition)
        self.ok("map", "course-101", "--skill", self.code, "--level", "3", "--name", "Servicedesk-Grundlagen")

    @staticmethod
    def ids(out):
        """The evidence and statement ids complete and attest print under their first line."""
        lines = out.splitlines()
        return lines[1].split()[-1], lines[2].split()[-1]

    def recorded(self, *args):
        return self.ids(self.ok(*args).out)[0]

    def test_evidence_by_learner_from_a_date(self):
        old = self.recorded("complete", "--learner", "anna.schmidt", "--activity", "course-101",
                            "--at", "2026-01-10T09:00:00+01:00")
        new = self.recorded("attest", "--learner", "anna.schmidt", "--responsibility", self.level3[0],
                            "--assessor", "mueller", "--at", "2026-02-03T10:00:00Z")
        other = self.recorded("complete", "--learner", "ben.kraus", "--activity", "course-101",
                              "--at", "2026-02-04T10:00:00Z")

        found = json.loads(self.ok("evidence", "--learner", "anna.schmidt", "--from", "2026-02-01", "--json").out)
        self.assertEqual([r["id"] for r in found], [new])
        self.assertEqual(found[0]["state"], "active")
        table = self.ok("evidence", "--learner", "anna.schmidt", "--from", "2026-02-01", "--lang", "en").out
        lines = table.splitlines()
        self.assertEqual(lines[0].split()[:3], ["SEQ", "EVIDENCE", "OCCURRED"])
        self.assertIn("STATE", lines[0].split())
        self.assertEqual([line.split()[1] for line in lines[1:]], [new])
        german = self.ok("evidence", "--learner", "anna.schmidt", "--from", "2026-02-01", "--lang", "de").out
        self.assertEqual(german.splitlines()[0].split()[:3], ["NR", "NACHWEIS", "ZEITPUNKT"])
        self.assertIn("gültig", german)

        # Until a date, another learner, by assessor; a state after withdrawal.
        until = json.loads(self.ok("evidence", "--to", "2026-02-01", "--json").out)
        self.assertEqual([r["id"] for r in until], [old])
        by = json.loads(self.ok("evidence", "--assessor", "mueller", "--json").out)
        self.assertEqual([r["id"] for r in by], [new])
        self.ok("withdraw", other, "--reason", "falsche Person")
        withdrawn = json.loads(self.ok("evidence", "--state", "withdrawn", "--json").out)
        self.assertEqual([r["id"] for r in withdrawn], [other])
        self.assertEqual(self.ok("evidence", "--state", "verified", "--lang", "en").out,
                         "no evidence records match\n")

        # Bad values: the CLI refuses them naming the option (64); the plugin those it checks (65).
        bad = self.run_cli("evidence", "--state", "open")
        self.assertEqual(bad.code, EXIT_USAGE, bad)
        self.assertIn("state", bad.err)
        bad = self.run_cli("evidence", "--from", "gestern")
        self.assertEqual(bad.code, EXIT_USAGE, bad)
        self.assertIn("--from", bad.err)
        bad = self.run_cli("evidence", "--from", "2026-02-05", "--to", "2026-02-01")
        self.assertEqual(bad.code, EXIT_DATAERR, bad)
        self.assertIn("'to' must be later than 'from'", bad.err)

    def test_evidence_show_gives_the_record_with_its_proof(self):
        keys = os.path.join(self.tmp, "keys")
        self.ok("keys", "generate", keys)
        config = self.store.config_text() + "audit.signing_key = %s\naudit.signing_cert = %s\n" % (
            os.path.join(keys, "signing-key.pem"), os.path.join(keys, "signing-cert.pem"))
        signed = os.path.join(self.tmp, "signed.properties")
        with open(signed, "w", encoding="utf-8") as f:
            f.write(config)

        def run(*args):
            result = self.cli.run("--config", signed, *self.store.args("--config", signed, *args), *args)
            self.assertEqual(result.code, EXIT_OK, result)
            return result

        evidence, statement = self.ids(run("attest", "--learner", "anna.schmidt", "--responsibility", self.level3[1],
                                           "--assessor", "mueller").out)
        run("audit", "checkpoint")

        view = json.loads(run("evidence", "show", evidence, "--json").out)
        self.assertEqual(view["evidence"]["id"], evidence)
        entry = view["log"][0]
        plain_text(self.store)
        # The store keeps no prev_hash (schema 12): it is the chain hash of the entry before (64 zeros
        # before the first). Hashes are stored as their bytes.
        hex_of = self.store.hex_of
        rows = self.store.rows("SELECT l.seq, l.content, %s, CASE WHEN p.seq IS NULL THEN '%s' ELSE %s END, %s"
                               " FROM evidence_log l LEFT JOIN evidence_log p ON p.seq = l.seq - 1"
                               " WHERE l.evidence_id = '%s'" % (hex_of("l.content_sha256"), "0" * 64,
                                                                hex_of("p.chain_hash"), hex_of("l.chain_hash"), evidence))
        self.assertEqual(len(rows), 1)
        seq, content, content_sha, prev_hash, chain_hash = rows[0]
        self.assertEqual(str(entry["seq"]), str(seq))
        self.assertEqual(entry["content"], content)
        self.assertEqual(entry["contentSha256"], hashlib.sha256(content.encode("utf-8")).hexdigest())
        self.assertEqual(entry["contentSha256"], content_sha)
        self.assertEqual(entry["prevHash"], prev_hash)
        self.assertEqual(entry["chainHash"], hashlib.sha256((prev_hash + content_sha).encode()).hexdigest())
        self.assertEqual(entry["chainHash"], chain_hash)
        self.assertIsNotNone(entry["checkpoint"])
        self.assertGreaterEqual(entry["checkpoint"]["seq"], entry["seq"])
        body = self.store.rows("SELECT body FROM statements WHERE id = '%s'" % statement)[0][0]
        self.assertEqual([s["id"] for s in view["statements"]], [statement])
        self.assertEqual(view["statements"][0]["bodySha256"], hashlib.sha256(body.encode("utf-8")).hexdigest())
        self.assertTrue(view["statements"][0]["matchesLog"])

        text = run("evidence", "show", evidence, "--lang", "en").out
        self.assertTrue(text.startswith("Evidence %s (seq " % evidence), text)
        self.assertIn(content_sha, text)
        self.assertIn(chain_hash, text)
        self.assertIn(prev_hash, text)
        self.assertRegex(text, r"checkpoint \d+ \(entries 1 to \d+\), signed ")
        self.assertIn("%s: demonstration-attested, pending" % statement, text)
        self.assertIn("(matches its log entry)", text)
        self.assertIn('"id": "%s"' % statement, text)     # the statement's JSON under it
        german = run("evidence", "show", evidence, "--lang", "de").out
        self.assertTrue(german.startswith("Nachweis %s (Nr. " % evidence), german)
        self.assertIn("Prüfpunkt", german)

        # A record recorded after the checkpoint is not covered yet, and says so.
        later = self.ids(run("attest", "--learner", "ben.kraus", "--responsibility", self.level3[0],
                             "--assessor", "mueller").out)[0]
        self.assertIn("not yet covered by a checkpoint", run("evidence", "show", later, "--lang", "en").out)

        unknown = self.run_cli("evidence", "show", "no-such-record")
        self.assertNotEqual(unknown.code, EXIT_OK, unknown)
        self.assertIn("no evidence with id 'no-such-record'", unknown.err)

    def test_withdraw_names_the_level_no_longer_attained(self):
        ids = [self.recorded("attest", "--learner", "anna.schmidt", "--responsibility", rid, "--assessor", "mueller")
               for rid in self.level3]
        result = self.ok("withdraw", ids[0], "--reason", "falsch bewertet", "--lang", "en")
        self.assertIn("\nanna.schmidt no longer attains %s level 3\n" % self.code, result.out)
        again = self.ok("withdraw", ids[1], "--reason", "falsch bewertet", "--lang", "de")
        self.assertNotIn("erreicht", again.out)     # nothing more lost
        self.assertTrue(again.out.startswith("Nachweis %s zurückgezogen; 1 annullierendes Statement" % ids[1]),
                        again.out)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
