#!/usr/bin/env python3
"""audit_test.py: what leaves the store is what the evidence log binds, seen through the CLI (issue 9).

Usage: audit_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml [unittest args]

  Sync     an edited pending statement is refused by `sync` (quarantined, never sent; the CLI says so)
  Verify   `audit verify` says when checkpoints exist but no certificate was given; --strict exits 3
  Export   `audit export`: the certificate, SHA256SUMS.sig, the shipped verify.sh (which catches a
           record edited in evidence.csv and evidence.json with SHA256SUMS recomputed), paths inside
           DIR whatever the store holds, modes 0600/0700
  Keys     `keys generate`: refuses to overwrite without --force, refuses a symlink or an existing
           file, 0600, keeps old certificates so older checkpoints still verify

With SFE_TEST_PG set, every test runs on a PostgreSQL database of its own (cli.Store).
"""

import hashlib
import json
import os
import stat
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, cli_test_arguments  # noqa: E402
from stored_text import plain_text  # noqa: E402
from fake_lrs import FakeLrs  # noqa: E402

EXIT_OK, EXIT_INCOMPLETE, EXIT_DATAERR, EXIT_CONFIG = 0, 3, 65, 78
ARGS = None


class AuditCase(StoreCase):
    prefix = "sfe-audit-"

    def keys(self, folder="keys", *extra):
        path = os.path.join(self.tmp, folder)
        self.ok("keys", "generate", path, *extra)
        return os.path.join(path, "signing-key.pem"), os.path.join(path, "signing-cert.pem")

    def signing_config(self, key, cert, name="signing.properties"):
        return self.write_config(name, ("audit.signing_key = %s\n" % key if key else "") +
                                 ("audit.signing_cert = %s\n" % cert if cert else ""))

    def record(self, *config):
        """CSMG imported, one course mapped; anna passed it with 0.2 and was attested by mueller."""
        self.ok(*config, "import", ARGS.definition)
        self.ok(*config, "map", "course-101", "--skill", "CSMG", "--level", "3", "--responsibility", "CSMG-3.1",
                "--name", "Grundlagen")
        self.ok(*config, "complete", "--learner", "anna", "--activity", "course-101", "--verb", "passed",
                "--score", "0.2")
        self.ok(*config, "attest", "--learner", "anna", "--responsibility", "CSMG-3.2", "--assessor", "mueller",
                "--note", "gut")

    def statements(self):
        return json.loads(self.ok("statements", "--json").out)


class Sync(AuditCase):
    def test_an_edited_pending_statement_is_refused_not_sent(self):
        self.record()
        listed = self.statements()
        learning = next(s for s in listed if s["verb"]["id"].endswith("/passed"))
        plain_text(self.store)
        edited = self.store.execute(
            "UPDATE statements SET body = replace(replace(replace(body, '\"scaled\":0.2', '\"scaled\":0.99'),"
            " '\"name\":\"anna\"', '\"name\":\"mallory\"'), '\"success\":false', '\"success\":true') WHERE id = ?",
            (learning["id"],))
        self.assertEqual(edited, 1)
        with FakeLrs() as lrs:
            result = self.fails(EXIT_DATAERR, "sync", env={"SFE_LRS_URL": lrs.url})
        self.assertIn("refused: 1 statement no longer matches the evidence log: quarantined, not sent", result.out)
        sent = [s["id"] for s in lrs.received]
        self.assertNotIn(learning["id"], sent)
        self.assertEqual(len(sent), len(listed) - 1, "the other statements still go")
        self.assertNotIn("mallory", json.dumps(lrs.received))
        outbox = json.loads(self.ok("outbox", "--json").out)
        self.assertEqual([q["id"] for q in outbox["quarantined"]], [learning["id"]])
        self.assertIn("does not match the evidence log", outbox["quarantined"][0]["reason"])
        # Put back into delivery, it is refused again: it is never sent.
        self.ok("outbox", "retry", learning["id"])
        with FakeLrs() as lrs:
            self.fails(EXIT_DATAERR, "sync", env={"SFE_LRS_URL": lrs.url})
        self.assertEqual(lrs.received, [])
        self.fails(EXIT_DATAERR, "audit", "verify")

    def test_untouched_statements_are_all_sent(self):
        self.record()
        with FakeLrs() as lrs:
            result = self.ok("sync", env={"SFE_LRS_URL": lrs.url})
        self.assertNotIn("refused", result.out)
        self.assertEqual(len(lrs.received), len(self.statements()))


class Verify(AuditCase):
    def test_checkpoints_without_a_certificate_are_a_warning_and_strict_fails(self):
        key, cert = self.keys()
        config = self.signing_config(key, cert)
        self.record("--config", config)
        self.ok("--config", config, "audit", "checkpoint")
        full = self.ok("--config", config, "audit", "verify", "--strict")
        self.assertIn("(1 signature verified)", full.out)
        self.assertNotIn("warning", full.out)
        plain = self.ok("audit", "verify")
        self.assertIn("warning: 1 checkpoint(s) not verified: no certificate or key is configured", plain.out)
        self.assertIn("audit.signing_cert", plain.out)
        strict = self.fails(EXIT_INCOMPLETE, "audit", "verify", "--strict")
        self.assertIn("warning: 1 checkpoint(s) not verified", strict.out)
        report = json.loads(self.ok("audit", "verify", "--json").out)
        self.assertFalse(report["complete"])
        self.assertEqual(len(report["warnings"]), 1)

    def test_parts_give_the_verdict_of_one_run(self):
        # The command asks the plugin in parts (--chunk entries each, then the rest): the same report.
        self.record()
        one = json.loads(self.ok("audit", "verify", "--json").out)
        parts = json.loads(self.ok("audit", "verify", "--json", "--chunk", "1").out)
        self.assertEqual(parts["parts"], 3)             # entry 1, entry 2, the rest
        for key in ("ok", "entries", "evidenceRecords", "statements", "statementsMatched", "head", "storeCheck"):
            self.assertEqual(parts[key], one[key], key)
        plain_text(self.store)
        self.assertEqual(self.store.execute("UPDATE evidence SET outcome = 'not-demonstrated' WHERE kind = 'demonstrated'"), 1)
        one = json.loads(self.fails(EXIT_DATAERR, "audit", "verify", "--json").out)
        for chunk in ("1", "2"):
            parts = json.loads(self.fails(EXIT_DATAERR, "audit", "verify", "--json", "--chunk", chunk).out)
            self.assertEqual(parts["problems"], one["problems"], chunk)
            self.assertIn("entry 2 (record ", parts["firstProblem"]["message"])
        text = self.fails(EXIT_DATAERR, "audit", "verify", "--chunk", "1")
        self.assertIn("FAILED: 1 problem in 2 log entries", text.out)

    def test_parts_checked_side_by_side_give_the_verdict_of_one_run(self):
        # --jobs N: the store check and the ranges run N at a time; the report is the same, in log order.
        self.record()
        for learner in ("ben", "cara", "dora", "emil"):
            self.ok("complete", "--learner", learner, "--activity", "course-101", "--verb", "passed", "--score", "0.9")
        one = json.loads(self.ok("audit", "verify", "--json", "--jobs", "1").out)
        self.assertTrue(one["ok"])
        self.assertEqual(one["entries"], 6)
        for jobs in ("2", "4"):
            report = json.loads(self.ok("audit", "verify", "--json", "--chunk", "1", "--jobs", jobs).out)
            self.assertEqual(report["parts"], 7, jobs)            # six entries, the rest
            for key in ("ok", "entries", "evidenceRecords", "statements", "statementsMatched", "head", "storeCheck"):
                self.assertEqual(report[key], one[key], (jobs, key))
        plain_text(self.store)
        self.assertEqual(self.store.execute("UPDATE evidence SET outcome = 'failed' WHERE learner IN ('anna', 'dora')"
                                            " AND kind <> 'demonstrated'"), 2)
        one = json.loads(self.fails(EXIT_DATAERR, "audit", "verify", "--json", "--jobs", "1").out)
        self.assertEqual(len(one["problems"]), 2, one["problems"])
        for jobs in ("2", "3"):
            for chunk in ("1", "2"):
                report = json.loads(self.fails(EXIT_DATAERR, "audit", "verify", "--json", "--chunk", chunk,
                                               "--jobs", jobs).out)
                self.assertEqual(report["problems"], one["problems"], (jobs, chunk))
                self.assertEqual(report["firstProblem"], one["problems"][0], (jobs, chunk))
        for bad in ("0", "65", "two"):
            refused = self.fails(64, "audit", "verify", "--jobs", bad)
            self.assertIn("--jobs: '%s' is not a whole number from 1 to 64" % bad, refused.err)

    def test_a_damaged_store_file_is_reported_whichever_part_reads_it(self):
        # The statements table's root page overwritten: the store check says the file is damaged, and
        # a range that cannot read its statements becomes a problem of the report, not an error.
        if self.store.postgres:
            self.skipTest("PostgreSQL reads every table in full instead (audit_pg checks that)")
        self.record()
        rows = self.store.rows("SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master"
                               " WHERE name = 'statements'")
        page, size = rows[0]
        self.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with open(self.store.path, "r+b") as f:
            f.seek((page - 1) * size + 8)
            f.write(b"\x5a" * (size - 16))
        for jobs in ("1", "2"):
            result = self.fails(EXIT_DATAERR, "audit", "verify", "--json", "--chunk", "1", "--jobs", jobs)
            report = json.loads(result.out)
            self.assertFalse(report["ok"], jobs)
            self.assertIn("the store file is damaged", report["firstProblem"]["message"], jobs)
            unread = [p for p in report["problems"] if p["message"].startswith("the store could not be read")]
            self.assertTrue(unread, report["problems"])

    def test_store_check_is_quick_by_default_full_or_none_on_request(self):
        # --store-check: how the store file itself is checked; the entries are checked the same way always.
        self.record()
        checks = {}
        for option in ("quick", "full", "none"):
            report = json.loads(self.ok("audit", "verify", "--json", "--store-check", option).out)
            self.assertTrue(report["ok"], option)
            self.assertEqual(report["entries"], 2, option)
            checks[option] = report["storeCheck"]
        default = json.loads(self.ok("audit", "verify", "--json").out)
        self.assertEqual(default["storeCheck"], checks["quick"])
        self.assertIsNone(checks["none"])
        if self.store.postgres:
            self.assertEqual(checks["quick"], "every table read in full")
            self.assertEqual(checks["full"], "every table read in full")
        else:
            self.assertEqual(checks["quick"], "SQLite quick_check")
            self.assertEqual(checks["full"], "SQLite integrity_check")
        bad = self.fails(64, "audit", "verify", "--store-check", "fast")
        self.assertIn("--store-check: 'fast' is not one of full, quick, none", bad.err)
        # Skipping the store check never skips the entries: a changed record is still found.
        plain_text(self.store)
        self.assertEqual(self.store.execute("UPDATE evidence SET outcome = 'not-demonstrated' WHERE kind = 'demonstrated'"), 1)
        report = json.loads(self.fails(EXIT_DATAERR, "audit", "verify", "--json", "--store-check", "none").out)
        self.assertIn("entry 2 (record ", report["firstProblem"]["message"])

    def test_from_checks_what_came_after_a_signed_checkpoint(self):
        key, cert = self.keys()
        config = self.signing_config(key, cert)
        self.record("--config", config)
        self.ok("--config", config, "audit", "checkpoint")          # signs entry 2
        self.ok("--config", config, "attest", "--learner", "ben", "--responsibility", "CSMG-3.2",
                "--assessor", "mueller")                            # entry 3
        since = self.ok("--config", config, "audit", "verify", "--from", "3")
        self.assertIn("Checked the entries from 3 on, after the signed checkpoint at entry 2", since.out)
        report = json.loads(self.ok("--config", config, "audit", "verify", "--from", "3", "--json").out)
        self.assertEqual(report["entries"], 1)
        self.assertEqual(report["checkpoint"], 2)
        # A SEQ that does not follow a checkpoint is refused, named.
        refused = self.run_cli("--config", config, "audit", "verify", "--from", "2")
        self.assertNotEqual(refused.code, EXIT_OK)
        self.assertIn("from: 2 does not follow a checkpoint: there is no checkpoint at entry 1", refused.err)
        # Tampering after the checkpoint is found from it, as by a full run.
        plain_text(self.store)
        self.assertEqual(self.store.execute("UPDATE evidence SET outcome = 'not-demonstrated' WHERE learner = 'ben'"), 1)
        since = json.loads(self.fails(EXIT_DATAERR, "--config", config, "audit", "verify", "--from", "3", "--json").out)
        full = json.loads(self.fails(EXIT_DATAERR, "--config", config, "audit", "verify", "--json").out)
        self.assertEqual(since["firstProblem"], full["firstProblem"])
        self.assertIn("entry 3 (record ", since["firstProblem"]["message"])


class Export(AuditCase):
    def verify_bundle(self, bundle):
        completed = subprocess.run(["sh", "verify.sh"], cwd=bundle, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   timeout=120)
        return completed.returncode, completed.stdout.decode("utf-8")

    def test_names_in_the_store_cannot_lead_outside_the_folder(self):
        self.record()
        escape = "../../escaped-" + os.path.basename(self.tmp)
        # As an attacker with the database would: the definition's id and the evidence's reference to it.
        prefix = "SET session_replication_role = replica; " if self.store.postgres else ""
        self.store.execute(prefix + "UPDATE definition_versions SET content_sha256 = ?", (escape,))
        self.store.execute(prefix + "UPDATE evidence SET definition_sha256 = ?", (escape,))
        bundle = os.path.join(self.tmp, "out", "bundle")
        os.makedirs(os.path.dirname(bundle))
        self.ok("audit", "export", bundle)
        before = set(os.listdir(self.tmp))
        self.assertFalse(os.path.exists(os.path.join(bundle, "definitions", escape + ".xml")))
        self.assertEqual(set(os.listdir(self.tmp)), before)
        self.assertEqual(os.listdir(os.path.join(self.tmp, "out")), ["bundle"], "nothing written beside the bundle")
        for folder, dirs, files in os.walk(bundle):
            for name in dirs + files:
                path = os.path.realpath(os.path.join(folder, name))
                self.assertTrue(path.startswith(os.path.realpath(bundle) + os.sep), path)
        definitions = os.listdir(os.path.join(bundle, "definitions"))
        self.assertEqual(len(definitions), 1)
        self.assertRegex(definitions[0], r"^[0-9a-f]{64}\.xml$")
        code, out = self.verify_bundle(bundle)
        self.assertEqual(code, 1, out)
        self.assertIn("definition is \"%s\"" % escape, out)

    def test_files_are_0600_and_folders_0700(self):
        key, cert = self.keys()
        config = self.signing_config(key, cert)
        self.record("--config", config)
        bundle = os.path.join(self.tmp, "bundle")
        self.ok("--config", config, "audit", "export", bundle)
        for folder, dirs, files in os.walk(bundle):
            self.assertEqual(stat.S_IMODE(os.stat(folder).st_mode), 0o700, folder)
            for name in files:
                self.assertEqual(stat.S_IMODE(os.stat(os.path.join(folder, name)).st_mode), 0o600, name)

    def test_without_the_certificate_export_is_refused(self):
        key, cert = self.keys()
        self.record("--config", self.signing_config(key, cert))
        self.ok("--config", self.signing_config(key, cert), "audit", "checkpoint")
        refused = self.fails(EXIT_CONFIG, "audit", "export", os.path.join(self.tmp, "b1"))
        self.assertIn("audit.signing_cert", refused.err)
        refused = self.fails(EXIT_CONFIG, "--config", self.signing_config(key, None, "key-only.properties"),
                             "audit", "export", os.path.join(self.tmp, "b2"))
        self.assertIn("audit.signing_cert", refused.err)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "b1")))

    def test_a_store_that_never_signed_exports_unsigned_and_the_script_says_so(self):
        self.record()
        bundle = os.path.join(self.tmp, "bundle")
        self.ok("audit", "export", bundle)
        code, out = self.verify_bundle(bundle)
        self.assertEqual(code, 1, out)
        self.assertIn("FAILED: not signed: signing-cert.pem and public-key.pem are missing", out)
        self.assertIn("records OK", out)

    def test_a_bundle_after_key_rotation_carries_both_certificates_and_verifies(self):
        key, cert = self.keys()
        config = self.signing_config(key, cert)
        self.record("--config", config)
        self.ok("--config", config, "audit", "checkpoint")
        self.keys("keys", "--force")
        self.ok("--config", config, "complete", "--learner", "berta", "--activity", "course-101")
        bundle = os.path.join(self.tmp, "bundle")
        self.ok("--config", config, "audit", "export", bundle)
        self.assertEqual(len(os.listdir(os.path.join(bundle, "keys"))), 2)
        code, out = self.verify_bundle(bundle)
        self.assertEqual(code, 0, out)
        self.assertIn("certificates: 2 in signing-cert.pem", out)
        self.assertIn("checkpoints: 2 verified", out)
        self.assertIn("bundle OK", out)

    def test_a_record_edited_in_csv_and_json_with_sums_recomputed_fails_the_script(self):
        key, cert = self.keys()
        config = self.signing_config(key, cert)
        self.record("--config", config)
        bundle = os.path.join(self.tmp, "bundle")
        self.ok("--config", config, "audit", "export", bundle)
        code, out = self.verify_bundle(bundle)
        self.assertEqual(code, 0, out)
        for name, old, new in (("evidence.csv", ",demonstrated,", ",not-demonstrated,"),
                               ("evidence.json", '"outcome":"demonstrated"', '"outcome":"not-demonstrated"')):
            path = os.path.join(bundle, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            self.assertIn(old, text)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace(old, new))
        sums = os.path.join(bundle, "SHA256SUMS")
        with open(sums, encoding="utf-8") as f:
            names = [line.split(None, 1)[1].strip() for line in f]
        lines = []
        for name in names:
            with open(os.path.join(bundle, name), "rb") as g:
                lines.append("%s  %s\n" % (hashlib.sha256(g.read()).hexdigest(), name))
        with open(sums, "w", encoding="utf-8") as f:
            f.write("".join(lines))
        code, out = self.verify_bundle(bundle)
        self.assertEqual(code, 1, out)
        self.assertIn("files OK", out)
        self.assertRegex(out, r"FAILED: evidence.csv: record \S+: outcome is \"not-demonstrated\", the log says "
                              r"\"demonstrated\"")
        self.assertRegex(out, r"FAILED: evidence.json: record \S+: outcome is \"not-demonstrated\"")


class Keys(AuditCase):
    def mode(self, path):
        return stat.S_IMODE(os.lstat(path).st_mode)

    def test_an_existing_key_is_not_overwritten_without_force(self):
        key, cert = self.keys()
        with open(key, "rb") as f:
            before = f.read()
        result = self.fails(EXIT_DATAERR, "keys", "generate", os.path.dirname(key))
        self.assertIn("holds a signing key already", result.err)
        self.assertIn("--force", result.err)
        with open(key, "rb") as f:
            self.assertEqual(f.read(), before)

    def test_an_existing_world_readable_file_is_refused(self):
        folder = os.path.join(self.tmp, "shared")
        os.mkdir(folder)
        key = os.path.join(folder, "signing-key.pem")
        with open(key, "w") as f:
            f.write("")
        os.chmod(key, 0o644)
        self.fails(EXIT_DATAERR, "keys", "generate", folder)
        self.assertEqual(os.path.getsize(key), 0, "no private key written into the 0644 file")
        # With --force the key is replaced by a new 0600 file, not written into the old one.
        self.ok("keys", "generate", folder, "--force")
        self.assertEqual(self.mode(key), 0o600)

    def test_a_symlink_in_the_keys_place_is_refused(self):
        folder = os.path.join(self.tmp, "linked")
        os.mkdir(folder)
        target = os.path.join(self.tmp, "elsewhere.pem")
        os.symlink(target, os.path.join(folder, "signing-key.pem"))
        for extra in ([], ["--force"]):
            result = self.fails(EXIT_DATAERR, "keys", "generate", folder, *extra)
            self.assertIn("symbolic link", result.err)
            self.assertFalse(os.path.exists(target), "nothing written through the link")

    def test_a_new_key_is_0600_in_a_0700_folder(self):
        key, cert = self.keys()
        self.assertEqual(self.mode(key), 0o600)
        self.assertEqual(self.mode(os.path.dirname(key)), 0o700)

    def test_rotation_keeps_old_checkpoints_verifiable(self):
        key, cert = self.keys()
        config = self.signing_config(key, cert)
        self.record("--config", config)
        self.ok("--config", config, "audit", "checkpoint")
        self.keys("keys", "--force")
        with open(cert, encoding="utf-8") as f:
            self.assertEqual(f.read().count("BEGIN CERTIFICATE"), 2, "the old certificate is kept after the new one")
        self.ok("--config", config, "complete", "--learner", "berta", "--activity", "course-101")
        self.ok("--config", config, "audit", "checkpoint")
        verified = self.ok("--config", config, "audit", "verify", "--strict")
        self.assertIn("2 checkpoints (2 signatures verified)", verified.out)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
