#!/usr/bin/env python3
"""i18n_cli_test.py (issue 10, language and time): what the CLI prints itself comes from the message
catalogs (i18n/messages/cli.{de,en}.properties), in the language --lang, ui.language or the definition
asks for, with the times people read in ui.time_zone; the plugin's refusals of a request's fields
come in the request's language (errors.{de,en}.properties).

Usage: i18n_cli_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml [unittest args]

Suites:
  Texts     skills, show, outbox, outbox retry, sync, audit verify/checkpoint/export, keys generate,
            verify, privacy erase, replay: German with --lang de (and no English interface word left),
            English with --lang en; ui.language as the default; show follows the definition's language
  Times     the import time `skills` shows is in ui.time_zone (Europe/Berlin by default): 23:30 UTC
            is the next day there
  Help      --help and usage errors in German with --lang de (no store)
With SFE_TEST_PG set the store suites run on a PostgreSQL database of their own (cli.Store).
"""

import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import Cli, StoreCase, normalised, read_definition, cli_test_arguments  # noqa: E402
from fake_lrs import FakeLrs  # noqa: E402

EXIT_OK, EXIT_USAGE, EXIT_DATAERR = 0, 64, 65
ARGS = None

# Words of the CLI's English interface that must not be left in its German output. Checked as whole
# words, case-insensitively, in output whose data (ids, the German definition) holds none of them.
ENGLISH = ["level", "essence", "responsibilities", "guidance", "development", "activities", "not defined",
           "imported", "language", "framework", "levels", "none", "pending", "delivered", "quarantined",
           "configured", "statements wait", "outbox", "retries", "requests", "elapsed", "nothing", "still",
           "evidence record", "evidence records", "log entry", "log entries", "checkpoint", "checkpoints",
           "signature", "signatures", "verified", "head", "store", "ok", "failed", "problems", "warning",
           "exported", "wrote", "keep it secret", "to sign", "configure", "erased", "now", "attestation",
           "by them", "auditor", "replayed", "events", "batch", "recorded", "duplicates", "seen before",
           "back in delivery", "sent with", "is required", "usage", "commands", "options", "the", "and", "of",
           "with", "for", "to"]


class I18nCase(StoreCase):
    prefix = "sfe-i18n-"

    def setUp(self):
        super().setUp()
        self.definition = read_definition(ARGS.definition)
        self.code = self.definition["code"]
        self.level3 = [rid for rid, _ in self.definition["levels"][3]["responsibilities"]]

    def prepare(self):
        self.ok("import", ARGS.definition)
        self.ok("map", "course-101", "--skill", self.code, "--level", "3", "--responsibility", self.level3[0],
                "--name", "Servicedesk-Grundlagen")

    def assertNoEnglish(self, text, ignore=()):
        """No English interface word in `text` (after removing `ignore`: ids, paths, option names)."""
        for part in ignore:
            text = text.replace(part, " ")
        text = re.sub(r"--[a-z-]+|\b[a-z]+\.[a-z_]+\b|`[^`]*`|\S+/\S+|sfia-evidence", " ", text)
        for word in ENGLISH:
            self.assertIsNone(re.search(r"(?i)(?<![\w-])%s(?![\w-])" % re.escape(word), text),
                              "English %r left in German output:\n%s" % (word, text))


class Texts(I18nCase):
    def test_skills_and_show(self):
        empty_de = self.ok("skills", "--lang", "de").out
        self.assertEqual(empty_de, "noch keine Skills importiert (sfia-evidence import DATEI)\n")
        self.assertEqual(self.ok("skills", "--lang", "en").out, "no skills imported yet (sfia-evidence import FILE)\n")
        self.prepare()

        german = self.ok("skills", "--lang", "de").out
        self.assertEqual(german.splitlines()[0].split(),
                         ["KÜRZEL", "NAME", "SPRACHE", "RAHMENWERK", "STUFEN", "DEFINITION", "IMPORTIERT"])
        self.assertNoEnglish(german.splitlines()[0])
        english = self.ok("skills", "--lang", "en").out
        self.assertEqual(english.splitlines()[0].split(),
                         ["CODE", "NAME", "LANGUAGE", "FRAMEWORK", "LEVELS", "DEFINITION", "IMPORTED"])

        level = self.definition["levels"][3]
        shown = self.ok("show", self.code, "--lang", "de").out
        text = normalised(shown)
        self.assertIn("Stufe 3 \u2013 %s\n" % level["phrase"], shown)
        self.assertIn("Wesen der Stufe: " + normalised(level["essence"]), text)
        self.assertIn("Verantwortlichkeiten:", shown)
        self.assertIn("Definition ", shown)
        for number, each in self.definition["levels"].items():
            self.assertRegex(shown, r"(?m)^Stufe %d\b" % number)
            if not each["defined"]:
                self.assertRegex(shown, r"(?m)^Stufe %d\b.*\(für diesen Skill nicht definiert\)$" % number)
        if self.definition["lowerLevelSteps"]:
            self.assertIn("Unterhalb der niedrigsten definierten Stufe:", shown)
        # The interface lines only: the rest is the definition's own (German) text.
        labels = "\n".join(line for line in shown.splitlines() if line.rstrip().endswith(":")
                           or re.match(r"^ *(Stufe \d|Wesen der Stufe|Hinweise|Entwicklung|Nicht definiert)", line))
        self.assertNoEnglish(labels)
        self.assertNotRegex(shown, r"(?m)^Level \d|Essence:|Responsibilities:|Guidance:|not defined for this skill")

        shown_en = self.ok("show", self.code, "--level", "3", "--lang", "en").out
        self.assertIn("Level 3 \u2013 %s\n" % level["phrase"], shown_en)
        self.assertIn("Essence: ", shown_en)
        self.assertIn("Responsibilities:", shown_en)

        # Without --lang or ui.language, the labels follow the definition's language (German here);
        # ui.language overrides that, --lang overrides ui.language.
        self.assertIn("Stufe 3 \u2013", self.ok("show", self.code, "--level", "3").out)
        english_config = self.write_config("en.properties", "ui.language = en\n")
        self.assertIn("Level 3 \u2013", self.ok("--config", english_config, "show", self.code, "--level", "3").out)
        self.assertIn("Stufe 3 \u2013",
                      self.ok("--config", english_config, "--lang", "de", "show", self.code, "--level", "3").out)
        german_config = self.write_config("de.properties", "ui.language = de\n")
        self.assertTrue(self.ok("--config", german_config, "skills").out.startswith("KÜRZEL"))
        self.assertTrue(self.ok("skills").out.startswith("CODE"), "English stays the default of a list")

    def test_outbox_sync_and_retry(self):
        self.prepare()
        self.ok("complete", "--learner", "u1", "--activity", "course-101")
        pending = len(self.store.rows("SELECT id FROM statements"))
        self.assertGreater(pending, 0)

        german = self.ok("outbox", "--lang", "de").out
        self.assertEqual(german, "LRS: keiner konfiguriert (lrs.url oder SFE_LRS_URL); die Statements warten im "
                                 "Postausgang\nStatements: %d ausstehend, 0 zugestellt, 0 in Quarantäne\n" % pending)
        self.assertNoEnglish(german)
        self.assertIn("statements: %d pending, 0 delivered, 0 quarantined" % pending,
                      self.ok("outbox", "--lang", "en").out)

        with FakeLrs() as lrs:
            synced = self.ok("sync", "--lang", "de", env={"SFE_LRS_URL": lrs.url}).out
        self.assertRegex(synced, r"^zugestellt %d, in Quarantäne 0, Wiederholungen 0, Anfragen \d+, Dauer \d+,\d s\n"
                         % pending)
        self.assertRegex(synced, r"\nnichts mehr ausstehend \(LRS http://\S+\)\n")
        self.assertNoEnglish(synced)
        with FakeLrs() as lrs:
            self.assertIn("nothing pending", self.ok("sync", "--lang", "en", env={"SFE_LRS_URL": lrs.url}).out)

        retried = self.ok("outbox", "retry", "--all", "--lang", "de").out
        self.assertEqual(retried, "0 Statements wieder in der Zustellung (gesendet mit dem nächsten sync)\n")
        refused = self.run_cli("outbox", "retry", "--lang", "de")
        self.assertEqual(refused.code, EXIT_USAGE, refused)
        self.assertIn("outbox retry: entweder eine Statement-ID oder --all angeben", refused.err)
        self.assertIn("Mehr dazu: 'sfia-evidence --help'.", refused.err)

    def test_audit_keys_verify_privacy(self):
        self.prepare()
        keys = os.path.join(self.tmp, "keys")
        generated = self.ok("keys", "generate", keys, "--lang", "de").out
        key, cert = os.path.join(keys, "signing-key.pem"), os.path.join(keys, "signing-cert.pem")
        self.assertEqual(generated, "%s (geheim halten) und %s geschrieben\nzum Signieren konfigurieren:\n"
                                    "  audit.signing_key = %s\n  audit.signing_cert = %s\n" % (key, cert, key, cert))
        config = self.write_config("signing.properties", "audit.signing_key = %s\naudit.signing_cert = %s\n" % (key, cert))

        self.ok("complete", "--learner", "u1", "--activity", "course-101")
        self.ok("attest", "--learner", "u1", "--responsibility", self.level3[0], "--assessor", "a7")
        signed = self.ok("--config", config, "audit", "checkpoint", "--lang", "de").out
        self.assertEqual(signed, "das Nachweisprotokoll ist bis Eintrag 2 signiert\n")

        verified = self.ok("--config", config, "audit", "verify", "--lang", "de").out
        self.assertTrue(verified.startswith("IN ORDNUNG: 2 Protokolleinträge, 2 Nachweise, 1 Prüfpunkt "
                                            "(1 Signatur geprüft); Kopf "), verified)
        self.assertNoEnglish(verified, ignore=re.findall(r"[0-9a-f]{16,}", verified))
        self.assertTrue(self.ok("--config", config, "audit", "verify", "--lang", "en").out
                        .startswith("OK: 2 log entries, 2 evidence records, 1 checkpoint (1 signature verified)"))

        bundle = os.path.join(self.tmp, "bundle")
        exported = self.ok("--config", config, "audit", "export", bundle, "--lang", "de").out
        self.assertTrue(exported.startswith("2 Nachweise, 2 Statements, 2 Protokolleinträge und 1 Prüfpunkt "
                                            "exportiert nach %s:\n" % bundle), exported)
        self.assertNoEnglish(exported.splitlines()[0], ignore=[bundle])

        evidence = self.store.rows("SELECT id FROM evidence WHERE kind = 'demonstrated'")[0][0]
        checked = self.ok("verify", evidence, "--auditor", "r9", "--lang", "de").out
        self.assertEqual(checked, "Nachweis %s geprüft (Prüfer/in r9)\n" % evidence)
        self.assertEqual(self.ok("verify", evidence, "--auditor", "r8", "--lang", "en").out,
                         "verified evidence %s (auditor r8)\n" % evidence)

        erased = self.ok("privacy", "erase", "--learner", "u1", "--lang", "de").out
        self.assertRegex(erased, r"^u1 gelöscht: jetzt erased-\S+ in 2 Nachweisen, 0 eigenen Bestätigungen und "
                                 r"\d+ Statements\n?")
        pseudonym = re.search(r"erased-\S+", erased).group(0)
        self.assertNoEnglish(erased, ignore=[pseudonym])

    def test_replay_and_the_plugins_field_errors(self):
        self.prepare()
        path = self.write("events.jsonl", json.dumps(
            {"type": "completion", "learner": "u1", "activity": "course-101", "eventId": "e1"}) + "\n")
        replayed = self.ok("replay", path, "--lang", "de").out
        self.assertEqual(replayed, "%s eingespielt: 1 Ereignis in 1 Stapel, 1 erfasst, 0 Duplikate "
                                   "(schon erfasst, nicht erneut geschrieben)\n" % path)
        self.assertNoEnglish(replayed, ignore=[path])
        self.assertEqual(self.ok("replay", path, "--lang", "en").out,
                         "replayed %s: 1 event in 1 batch, 0 recorded, 1 duplicate (seen before, not written again)\n"
                         % path)

        # The file's lines are checked before anything is sent, in the reader's language.
        bad = self.write("bad.jsonl", '{"type": "visit"}\n[1]\n{"type": \n')
        checked = self.run_cli("replay", bad, "--lang", "de")
        self.assertEqual(checked.code, EXIT_DATAERR, checked)
        self.assertEqual(checked.err.splitlines()[:2], ['%s:1: "type" muss "completion" oder "attestation" sein, '
                                                        'nicht "visit"' % bad, "%s:2: kein JSON-Objekt" % bad])
        self.assertTrue(checked.err.splitlines()[2].startswith("%s:3: kein gültiges JSON: " % bad), checked.err)
        absent = self.run_cli("replay", os.path.join(self.tmp, "absent.jsonl"), "--lang", "de")
        self.assertIn("absent.jsonl: die Datei kann nicht gelesen werden: ", absent.err)

        # A field the plugin refuses (presenter::Request), in the request's language.
        missing = self.write("missing.jsonl", json.dumps({"type": "completion", "activity": "course-101"}) + "\n")
        german = self.run_cli("replay", missing, "--lang", "de")
        self.assertEqual(german.code, EXIT_DATAERR, german)
        self.assertRegex(german.err.splitlines()[0], r"^%s:1\S*: .*'learner' fehlt, ist aber erforderlich$"
                         % re.escape(missing))
        self.assertEqual(german.err.splitlines()[1], "von den Zeilen 1-1 wurde nichts erfasst")
        english = self.run_cli("replay", missing)
        self.assertRegex(english.err.splitlines()[0], r"^%s:1\S*: .*'learner' is required$" % re.escape(missing))
        self.assertEqual(english.err.splitlines()[1], "nothing of lines 1-1 was recorded")


class Times(I18nCase):
    def test_import_time_in_the_readers_time_zone(self):
        self.ok("import", ARGS.definition)
        # Imported at 23:30 UTC on 14 March: in Berlin (UTC+1 then) it is 00:30 on the 15th.
        self.assertEqual(self.store.execute("UPDATE definition_versions SET imported_at = ?",
                                            ("2026-03-14T23:30:00.000Z",)), 1)
        german = self.ok("skills", "--lang", "de").out
        self.assertIn("15.03.2026, 00:30", german)
        self.assertNotIn("2026-03-14", german)
        english = self.ok("skills", "--lang", "en").out
        self.assertIn("Mar 15, 2026", english)
        # ui.time_zone: the same instant in UTC is still the 14th.
        utc = self.write_config("utc.properties", "ui.time_zone = UTC\n")
        self.assertIn("14.03.2026, 23:30", self.ok("--config", utc, "skills", "--lang", "de").out)
        # --json keeps what the store holds: UTC.
        skills = json.loads(self.ok("skills", "--json").out)["skills"]
        self.assertEqual(skills[0]["importedAt"], "2026-03-14T23:30:00.000Z")

        unknown = self.write_config("mars.properties", "ui.time_zone = Mars/Olympus\n")
        result = self.run_cli("--config", unknown, "skills")
        self.assertEqual(result.code, 78, result)
        self.assertIn('ui.time_zone: unknown time zone "Mars/Olympus"', result.err)
        german = self.run_cli("--config", unknown, "--lang", "de", "skills")
        self.assertEqual(german.code, 78, german)
        self.assertIn('ui.time_zone: unbekannte Zeitzone "Mars/Olympus"', german.err)
        typo = self.write_config("typo.properties", "ui.langauge = de\n")
        result = self.run_cli("--config", typo, "--lang", "de", "skills")
        self.assertEqual(result.code, 78, result)
        self.assertIn('unbekannter Konfigurationsschlüssel "ui.langauge"', result.err)


class Help(unittest.TestCase):
    def setUp(self):
        self.cli = Cli(ARGS.cli, ARGS.manifest)

    def test_help_and_usage_errors_in_german(self):
        german = self.cli.run("--lang", "de", "--help")
        self.assertEqual(german.code, EXIT_OK, german)
        self.assertTrue(german.out.startswith("Aufruf: sfia-evidence [OPTIONEN] BEFEHL [ARGUMENTE]"), german.out)
        for heading in ("Befehle:\n", "Optionen:\n", "'sfia-evidence BEFEHL --help' beschreibt einen Befehl.",
                        "Exit-Codes: 0 in Ordnung"):
            self.assertIn(heading, german.out)
        self.assertIn("die importierten Skills auflisten (aktuelle Versionen)", german.out)
        english = self.cli.run("--help")
        self.assertTrue(english.out.startswith("usage: sfia-evidence [OPTIONS] COMMAND"), english.out)
        self.assertIn("list the imported skills (current versions)", english.out)

        one = self.cli.run("skills", "--help", "--lang", "de")
        self.assertIn("die importierten Skills auflisten (aktuelle Versionen).", one.out)
        self.assertIn("die JSON-Antwort des Plugins statt Text ausgeben", one.out)
        self.assertIn("die Sprache der Ausgaben: de oder en", one.out)
        attest = self.cli.run("attest", "--help", "--lang", "de").out
        self.assertIn("die LMS-ID der Bewerterin oder des Bewerters", attest)
        self.assertIn("wann es geschah, RFC 3339 mit Zeitzone", attest)
        self.assertIn("the assessor's LMS id (not the learner's)", self.cli.run("attest", "--help").out)

        score = self.cli.run("complete", "--learner", "u1", "--activity", "a1", "--score", "viel", "--lang", "de")
        self.assertEqual(score.code, EXIT_USAGE, score)
        self.assertIn('complete: --score "viel" ist weder eine Zahl (skaliert, -1 bis 1) noch ROH/MAX', score.err)

        none = self.cli.run("--lang=de")
        self.assertEqual(none.code, EXIT_USAGE, none)
        self.assertEqual(none.err, "sfia-evidence: kein Befehl angegeben\nMehr dazu: 'sfia-evidence --help'.\n")


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest)
