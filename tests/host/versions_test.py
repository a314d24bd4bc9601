#!/usr/bin/env python3
"""versions_test.py: a skill's stored definition versions listed (`versions CODE`, the current one
marked), compared (`diff CODE V1 V2`: the sentences added, changed and removed, per level) and an
earlier one made current explicitly (`use CODE VERSION`); re-importing a stored version says which
version it is and how to make it current.

Standard library only; runs on SQLite and, with SFE_TEST_PG, on PostgreSQL.
"""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, read_definition, cli_test_arguments  # noqa: E402

ARGS = None
EXIT_DATAERR = 65


class Versions(StoreCase):
    prefix = "sfe-versions-"

    def setUp(self):
        super().setUp()
        definition = read_definition(ARGS.definition)
        self.code = definition["code"]
        self.level = [n for n, level in sorted(definition["levels"].items()) if level["defined"]][0]
        self.changed_id, self.old_text = definition["levels"][self.level]["responsibilities"][1]
        self.removed_id, self.removed_text = definition["levels"][self.level]["responsibilities"][-1]
        # Version 2: one sentence reworded, the level's last responsibility dropped.
        with open(ARGS.definition, encoding="utf-8") as f:
            xml = f.read()
        self.new_text = self.old_text.rstrip(".") + " (überarbeitet)."
        v2 = xml.replace(">%s<" % self.old_text, ">%s<" % self.new_text, 1)
        start = v2.index('<responsibility id="%s">' % self.removed_id)
        end = v2.index("</responsibility>", start) + len("</responsibility>")
        v2 = v2[:start] + v2[end:]
        self.v2 = os.path.join(self.tmp, "v2.xml")
        with open(self.v2, "w", encoding="utf-8") as f:
            f.write(v2)
        self.ok("import", ARGS.definition)
        self.ok("map", "quiz-1", "--skill", self.code, "--level", str(self.level),
                    "--responsibility", self.changed_id)
        self.ok("import", self.v2)

    def versions(self):
        return json.loads(self.ok("versions", self.code, "--json").out)["versions"]

    def current_definition(self):
        skills = json.loads(self.ok("skills", "--json").out)["skills"]
        return [s["definition"] for s in skills if s["code"] == self.code][0]

    def test_versions_lists_both_and_marks_the_current(self):
        versions = self.versions()
        self.assertEqual([(v["version"], v["current"]) for v in versions], [(1, False), (2, True)])
        self.assertEqual(versions[1]["definition"], self.current_definition())
        self.assertEqual(versions[1]["source"], self.v2)
        text = self.ok("versions", self.code).out
        self.assertRegex(text, r"\n2 +current ")

    def test_diff_names_the_sentences_changed_and_removed_per_level(self):
        diff = json.loads(self.ok("diff", self.code, "1", "2", "--json").out)
        self.assertEqual([level["level"] for level in diff["levels"]], [self.level])
        level = diff["levels"][0]
        self.assertEqual(level["changed"], [{"id": self.changed_id, "before": self.old_text, "after": self.new_text}])
        self.assertEqual(level["removed"], [{"id": self.removed_id, "before": self.removed_text}])
        self.assertEqual(level["added"], [])
        back = json.loads(self.ok("diff", self.code, "2", "1", "--json").out)["levels"][0]
        self.assertEqual(back["added"], [{"id": self.removed_id, "after": self.removed_text}])
        text = self.ok("diff", self.code, "1", "2").out
        self.assertIn("~ %s changed\n      was: %s\n      now: %s\n" % (self.changed_id, self.old_text, self.new_text),
                      text)
        self.assertIn("- %s removed\n" % self.removed_id, text)
        # A version by a prefix of its hash.
        prefix = self.versions()[0]["definition"][:10]
        self.assertEqual(json.loads(self.ok("diff", self.code, prefix, "2", "--json").out)["levels"],
                         diff["levels"])
        self.assertIn("no sentence differs", self.ok("diff", self.code, "2", "2").out)

    def test_an_unknown_version_is_refused_naming_the_versions_command(self):
        result = self.run_cli("diff", self.code, "1", "3")
        self.assertEqual(result.code, EXIT_DATAERR, result)
        self.assertIn("'3' is not a stored version of %s" % self.code, result.err)
        self.assertIn("sfia-evidence versions %s" % self.code, result.err)

    def test_reimporting_says_which_version_and_how_to_make_it_current(self):
        result = self.ok("import", ARGS.definition, "--lang", "en")
        self.assertIn("is already stored", result.out)
        self.assertIn("%s: this is version 1; version 2 is current (sfia-evidence use %s 1 makes this one current)"
                      % (self.code, self.code), result.out)
        self.assertEqual(self.versions()[1]["current"], True, "re-importing made the old version current")

    def test_use_makes_an_earlier_version_current_explicitly(self):
        first = self.versions()[0]["definition"]
        self.assertTrue(json.loads(self.ok("mappings", "--json").out)["mappings"][0]["flagged"])
        result = self.ok("use", self.code, "1", "--lang", "en")
        self.assertIn("%s version 1 (definition %s" % (self.code, first[:12]), result.out)
        self.assertIn("is current now", result.out)
        self.assertEqual(self.current_definition(), first)
        self.assertEqual([v["current"] for v in self.versions()], [True, False])
        show = json.loads(self.ok("show", self.code, "--json").out)
        texts = [r["text"] for level in show["levels"] if level["number"] == self.level
                 for r in level["responsibilities"]]
        self.assertIn(self.old_text, texts)
        # quiz-1 was flagged by version 2 (its responsibility reworded); version 1 has its text again.
        quiz = json.loads(self.ok("mappings", "--json").out)["mappings"][0]
        self.assertFalse(quiz["flagged"], quiz)
        self.assertEqual(quiz["definition"], first)
        self.assertIn("current already; nothing changed", self.ok("use", self.code, "1", "--lang", "en").out)
        self.assertIn("this is version 2; version 1 is current", self.ok("import", self.v2, "--lang", "en").out)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
