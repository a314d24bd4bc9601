#!/usr/bin/env python3
"""progress_view_test.py: the learner's view through the CLI, after the main job (issue 10).

MainJob runs examples/main-job.sh into a folder of its own, then exactly the issue's acceptance
command, `sfia-evidence progress --learner anna.schmidt --skill CSMG --lang de`: it must name the
responsibilities by their German sentences and the next activities by name, with no UUID and no
English interface text. It also checks the pages the main job writes (the learner's page in
German, with the sentences and no UUID) and `--html` with `--lang en`. Standard library only;
SQLite (the main job runs on embedded defaults).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import Cli, cli_test_arguments  # noqa: E402

ARGS = None
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Interface words the English view writes; none may appear in the German one.
ENGLISH = ["demonstrated", "verified", "not yet", "learner", "level", "activities", "activity", "attained",
           "Next", "next steps", "partially", "covers", "done", "rule", "definition", "course", "module",
           "assessment", "task", "by", "on"]
SENTENCE_31 = "Fungiert als routinemäßige Anlaufstelle, die Unterstützungsanfragen empfängt und bearbeitet."
SENTENCE_42 = "Hilft bei der Spezifikation, Entwicklung, Erforschung und Beurteilung von Servicestandards."
NEXT_ACTIVITY = "Prüfung Servicestandards"      # examples/activities.tsv: level 4, CSMG-4.2 and CSMG-4.3


class MainJob(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sfe-progress-view-")
        cls.db = os.path.join(cls.tmp, "main-job.db")
        env = dict(os.environ, SFE_CLI=ARGS.cli, SFE_MAIN_DB=cls.db)
        cls.job = subprocess.run(["bash", os.path.join(ROOT, "examples", "main-job.sh")], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
        cls.cli = Cli(ARGS.cli, ARGS.manifest)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_cli(self, *args):
        result = self.cli.run("--db", self.db, *args)
        self.assertEqual(result.code, 0, result)
        return result.out

    def test_the_main_job_ran(self):
        self.assertEqual(self.job.returncode, 0, self.job.stdout + self.job.stderr)

    def test_progress_in_german_names_sentences_and_next_activities_without_ids_or_english(self):
        out = self.run_cli("progress", "--learner", "anna.schmidt", "--skill", "CSMG", "--lang", "de")
        self.assertIsNone(UUID.search(out), out)
        self.assertIn(SENTENCE_31, out)
        self.assertIn("nachgewiesen am 20.10.2026 von teamlead.mueller", out)
        self.assertIn(SENTENCE_42, out)
        self.assertIn(NEXT_ACTIVITY, out)
        next_steps = out[out.index("Nächste Schritte"):]
        self.assertIn(NEXT_ACTIVITY, next_steps)
        # No English interface text: the German sentences and names aside, no English word.
        for word in ENGLISH:
            self.assertIsNone(re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(word), out),
                              "English %r in the German view:\n%s" % (word, out))

    def test_the_main_job_writes_the_pages_and_prints_their_paths(self):
        page = os.path.join(self.tmp, "pages", "progress-anna.schmidt.html")
        self.assertIn(page + "\n", self.job.stdout)
        with open(page, encoding="utf-8") as f:
            html = f.read()
        self.assertIn('<html lang="de">', html)
        self.assertIn(SENTENCE_31, html)
        self.assertIn(NEXT_ACTIVITY, html)
        self.assertIsNone(UUID.search(html))
        coverage = os.path.join(self.tmp, "pages", "coverage-CSMG.html")
        self.assertIn(coverage + "\n", self.job.stdout)
        self.assertTrue(os.path.getsize(coverage) > 0)

    def test_the_page_in_english(self):
        page = os.path.join(self.tmp, "en.html")
        self.assertEqual(self.run_cli("progress", "--learner", "anna.schmidt", "--lang", "en", "--html", page),
                         page + "\n")
        with open(page, encoding="utf-8") as f:
            html = f.read()
        self.assertIn('<html lang="en">', html)
        self.assertIn("Next steps", html)
        self.assertIn(SENTENCE_31, html)        # the definition is German only
        self.assertIsNone(UUID.search(html))

    def test_an_unknown_learner_is_not_found(self):
        result = self.cli.run("--db", self.db, "progress", "--learner", "anna.schmitt", "--lang", "de")
        self.assertEqual(result.code, 65, result)
        self.assertIn("keine Nachweise für anna.schmitt vorhanden", result.err)


if __name__ == "__main__":
    ARGS = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
