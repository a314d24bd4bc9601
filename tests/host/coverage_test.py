#!/usr/bin/env python3
"""coverage_test.py (issue 10): what an admin reads of coverage and of a new definition version.

`coverage CODE --lang de` names every responsibility by its German sentence, marks a mapping flagged
for review (it covers nothing) with its reason, and says what a whole-level mapping covers, with no
English interface text; `coverage CODE --html FILE` writes that view as a page (lang="de"); `import`
of a new version prints the sentences it changed and the mappings it flagged, with their reasons,
instead of pointing to --json, and --json holds the same details.

Standard library only; runs on SQLite and, with SFE_TEST_PG, on PostgreSQL.
"""

import html
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, read_definition, cli_test_arguments  # noqa: E402

ARGS = None
EXIT_USAGE = 64


def words(text):
    """Text with its line breaks and indents folded, as wrapped output reads."""
    return " ".join(text.split())


class Coverage(StoreCase):
    prefix = "sfe-coverage-"

    def setUp(self):
        super().setUp()
        definition = read_definition(ARGS.definition)
        self.code = definition["code"]
        self.levels = definition["levels"]
        self.changed_id, self.old_text = self.levels[3]["responsibilities"][0]
        self.kept_id, self.kept_text = self.levels[3]["responsibilities"][1]
        with open(ARGS.definition, encoding="utf-8") as f:
            xml = f.read()
        self.new_text = self.old_text.rstrip(".") + " (überarbeitet)."
        self.v2 = os.path.join(self.tmp, "v2.xml")
        with open(self.v2, "w", encoding="utf-8") as f:
            f.write(xml.replace(">%s<" % self.old_text, ">%s<" % self.new_text, 1))
        self.ok("import", ARGS.definition)
        self.ok("map", "tel-1", "--skill", self.code, "--level", "3", "--responsibility", self.changed_id,
                    "--name", "Telefonie")
        self.ok("map", "req-1", "--skill", self.code, "--level", "3", "--responsibility", self.kept_id,
                    "--name", "Anfragen beantworten", "--type", "module")
        self.ok("map", "week-4", "--skill", self.code, "--level", "4", "--name", "Servicewoche")

    def test_coverage_in_german_names_sentences_marks_flagged_and_states_the_whole_level(self):
        self.ok("import", self.v2)
        out = self.ok("coverage", self.code, "--lang", "de").out
        text = words(out)
        self.assertIn("Stufe 3: %s" % self.levels[3]["phrase"], out)
        # Every sentence of every level, by its (current) text.
        for number, level in self.levels.items():
            for rid, sentence in level["responsibilities"]:
                self.assertIn(words(self.new_text if rid == self.changed_id else sentence), text, rid)
        self.assertIn("abgedeckt durch Anfragen beantworten (Modul)", text)
        # tel-1's sentence was reworded: the mapping needs review and covers nothing.
        self.assertIn("ZU PRÜFEN: Telefonie (Kurs): zu prüfen, deckt nichts ab, bis sie neu zugeordnet ist: "
                      "der Wortlaut von %s hat sich geändert" % self.changed_id, text)
        self.assertNotIn("abgedeckt durch Telefonie", text)
        # week-4 develops level 4 as a whole: its sentences are not gaps.
        self.assertIn("Stufe 4 als Ganzes: Servicewoche (Kurs).", text)
        self.assertIn("nur als Ganzes abgedeckt durch Servicewoche (Kurs)", text)
        self.assertIn("NICHT ABGEDECKT", text)
        total = sum(len(level["responsibilities"]) for level in self.levels.values())
        n4 = len(self.levels[4]["responsibilities"])
        self.assertTrue(out.endswith("%s: 1 von %d Verantwortlichkeiten abgedeckt, %d nur als Ganzes, %d NICHT "
                                     "ABGEDECKT; 1 Zuordnung zu prüfen\n" % (self.code, total, n4, total - 1 - n4)),
                        out)
        for english in ("covered", "UNCOVERED", "Level ", "whole", "review"):
            self.assertNotIn(english, out)

    def test_coverage_html_writes_the_page_in_the_readers_language(self):
        self.ok("import", self.v2)
        page = os.path.join(self.tmp, "coverage.html")
        result = self.ok("coverage", self.code, "--lang", "de", "--html", page)
        self.assertEqual(result.out, page + "\n")
        with open(page, encoding="utf-8") as f:
            written = f.read()
        self.assertIn('<html lang="de">', written)
        self.assertIn("<th scope=\"col\">Verantwortlichkeit</th>", written)
        content = html.unescape(written)
        self.assertIn(self.new_text, content)
        self.assertIn(self.kept_text, content)
        self.assertIn('<span class="mark">ZU PRÜFEN</span>', content)
        self.assertIn("Stufe 4 als Ganzes: Servicewoche (Kurs).", content)
        both = self.run_cli("coverage", self.code, "--json", "--html", page)
        self.assertEqual(both.code, EXIT_USAGE, both)

    def test_import_of_a_new_version_prints_what_changed_and_what_needs_review(self):
        result = self.ok("import", self.v2, "--lang", "en")
        out = result.out
        self.assertNotIn("--json", out)
        self.assertIn("%s: version 2 replaces version 1 as the current one; the sentences it changes:\n" % self.code,
                      out)
        self.assertIn("  level 3\n    ~ %s changed\n        was: %s\n        now: %s\n"
                      % (self.changed_id, self.old_text, self.new_text), out)
        text = words(out)
        self.assertIn("1 activity mapping needs review: it covers nothing until mapped again", text)
        self.assertIn("Telefonie (course), %s level 3: the wording of %s changed" % (self.code, self.changed_id), text)

    def test_import_details_in_json_and_german(self):
        imported = json.loads(self.ok("import", self.v2, "--json").out)
        self.assertEqual([f["activity"]["id"] for f in imported["flagged"]], ["tel-1"])
        self.assertEqual(imported["flagged"][0]["reasons"][0]["kind"], "changed")
        self.assertEqual(imported["flagged"][0]["reasons"][0]["responsibility"], self.changed_id)
        change = imported["changes"][0]
        self.assertEqual((change["skill"], change["fromVersion"], change["toVersion"]), (self.code, 1, 2))
        self.assertEqual(change["levels"][0]["changed"],
                         [{"id": self.changed_id, "before": self.old_text, "after": self.new_text}])
        # use says the same in German: back to version 1 nothing needs review, version 2 again flags tel-1.
        back = words(self.ok("use", self.code, "1", "--lang", "de").out)
        self.assertIn("ist jetzt aktuell", back)
        self.assertNotIn("zu prüfen", back)
        again = words(self.ok("use", self.code, "2", "--lang", "de").out)
        self.assertIn("1 Zuordnung einer Aktivität ist zu prüfen", again)
        self.assertIn("Telefonie (Kurs), %s Stufe 3: der Wortlaut von %s hat sich geändert"
                      % (self.code, self.changed_id), again)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
