#!/usr/bin/env python3
"""mappings_csv_test.py: `mappings export` writes the active mappings as CSV (a header naming the
columns, RFC 4180 quoting, UTF-8) and `mappings import` reads it back: in one transaction, every
problem named as FILE:LINE:COL (exit 65, nothing changed), a dry run that changes nothing, and a
result that names each mapping replaced and each activity renamed; `map` says so too.

Standard library only; runs on SQLite and, with SFE_TEST_PG, on PostgreSQL.
"""

import csv
import io
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, dump, read_definition, cli_test_arguments  # noqa: E402

ARGS = None
EXIT_DATAERR = 65
HEADER = "activity,name,type,skill,level,responsibilities,review"


class MappingsCsv(StoreCase):
    prefix = "sfe-mappings-csv-"

    def setUp(self):
        super().setUp()
        definition = read_definition(ARGS.definition)
        self.code = definition["code"]
        self.defined = [n for n, level in sorted(definition["levels"].items()) if level["defined"]]
        self.level = self.defined[0]
        self.ids = [rid for rid, _ in definition["levels"][self.level]["responsibilities"]]
        self.ok("import", ARGS.definition)
        self.ok("map", "course-101", "--skill", self.code, "--level", str(self.level), "--name",
                    'Servicedesk, "Grundlagen" – Teil 1')
        self.ok("map", "quiz-7", "--skill", self.code, "--level", str(self.level), "--type", "assessment",
                    "--responsibility", self.ids[0], "--responsibility", self.ids[1])
        self.ok("map", "quiz-7", "--skill", self.code, "--level", str(self.defined[1]), "--type", "assessment")

    def export(self):
        return self.ok("mappings", "export").out

    def test_export_has_a_header_and_quotes_as_rfc_4180(self):
        text = self.export()
        self.assertTrue(text.startswith(HEADER + "\r\n"), text)
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        self.assertEqual(len(rows), 3)
        course = [r for r in rows if r["activity"] == "course-101"][0]
        self.assertEqual(course["name"], 'Servicedesk, "Grundlagen" – Teil 1')
        self.assertIn('"Servicedesk, ""Grundlagen"" – Teil 1"', text)
        quiz = [r for r in rows if r["activity"] == "quiz-7" and r["level"] == str(self.level)][0]
        self.assertEqual(quiz["responsibilities"].split(" "), self.ids[:2])
        self.assertEqual(quiz["type"], "assessment")
        out = os.path.join(self.tmp, "out.csv")
        result = self.ok("mappings", "export", "--output", out)
        with open(out, encoding="utf-8", newline="") as f:
            self.assertEqual(f.read(), text)
        self.assertIn("3 mappings", result.out)

    def test_round_trip_leaves_every_mapping_unchanged(self):
        before_store = dump(self.store)
        path = self.write("all.csv", self.export())
        result = self.ok("mappings", "import", path, "--json")
        response = json.loads(result.out)
        self.assertEqual((response["added"], response["replaced"], response["unchanged"]), (0, 0, 3))
        self.assertEqual([r["outcome"] for r in response["rows"]], ["unchanged"] * 3)
        self.assertEqual(dump(self.store), before_store, "importing the export changed the store")
        self.assertIn("0 added, 0 replaced, 3 unchanged", self.ok("mappings", "import", path).out)

    def test_a_flagged_mapping_round_trips_with_its_review_note(self):
        # A new definition version rewords the first responsibility: quiz-7's mapping is flagged for review.
        with open(ARGS.definition, encoding="utf-8") as f:
            xml = f.read()
        start = xml.index('<responsibility id="%s">' % self.ids[0])
        end = xml.index("</text>", start)
        reworded = xml[:end] + " (neu gefasst)" + xml[end:]
        self.ok("import", self.write("v2.xml", reworded))
        text = self.export()
        quiz = [r for r in csv.DictReader(io.StringIO(text, newline=""))
                if r["activity"] == "quiz-7" and r["level"] == str(self.level)][0]
        self.assertIn(self.ids[0], quiz["review"])
        before_store = dump(self.store)
        response = json.loads(self.ok("mappings", "import", self.write("all.csv", text), "--json").out)
        self.assertEqual(response["unchanged"], 3, response)
        self.assertEqual(dump(self.store), before_store)
        # Emptying the note maps the row again against the current definition: the flag is cleared.
        cleared = text.replace(quiz["review"], "")
        response = json.loads(self.ok("mappings", "import", self.write("clear.csv", cleared), "--json").out)
        self.assertEqual((response["replaced"], response["unchanged"]), (1, 2), response)
        self.assertEqual(self.export(), cleared)

    def test_one_bad_line_exits_65_names_file_line_column_and_changes_nothing(self):
        before = self.export()
        before_store = dump(self.store)
        good = "new-course,Neu,course,%s,%d,,\r\n" % (self.code, self.level)
        bad = "quiz-9,Quiz,assessment,%s,%d,%s-99.9,\r\n" % (self.code, self.level, self.code)
        path = self.write("bad.csv", HEADER + "\r\n" + good + bad)
        result = self.run_cli("mappings", "import", path)
        self.assertEqual(result.code, EXIT_DATAERR, result)
        column = len("quiz-9,Quiz,assessment,%s,%d," % (self.code, self.level)) + 1
        self.assertIn("%s:3:%d: responsibilities: '%s-99.9' is not a responsibility of %s level %d"
                      % (path, column, self.code, self.code, self.level), result.err)
        self.assertEqual(self.export(), before)
        self.assertEqual(dump(self.store), before_store, "a refused import wrote to the store")

    def test_every_problem_is_reported_not_only_the_first(self):
        path = self.write("bad.csv", HEADER + "\r\n"
                          + "a1,A,course,%s,9,,\r\n" % self.code
                          + "a2,\"B\tC\",course,%s,%d,,\r\n" % (self.code, self.level)
                          + "a3,C,lecture,NOPE,%d,,\r\n" % self.level
                          + "a4,\"unclosed,course\r\n")
        result = self.run_cli("mappings", "import", path)
        self.assertEqual(result.code, EXIT_DATAERR, result)
        level_col = len("a1,A,course,%s," % self.code) + 1
        for expected in ("%s:2:%d: level: '9' is not a level from 1 to 7" % (path, level_col),
                         "%s:3:6: the control character U+0009 has no place in a mapping cell" % path,
                         "%s:4:6: type: type 'lecture' is not one of course, module, assessment, task" % path,
                         "%s:4:14: skill: no skill with code 'NOPE' has been imported" % path,
                         "%s:5:4: the quoted cell is not closed: the text ends inside it" % path):
            self.assertIn(expected, result.err)
        self.assertEqual(len(result.err.strip().split("\n")), 5, result.err)
        self.assertNotIn("\t", result.err)

    def test_a_cell_that_is_not_utf8_is_located(self):
        path = os.path.join(self.tmp, "latin1.csv")
        with open(path, "wb") as f:
            f.write((HEADER + "\r\n").encode() + b"k\xfcrs,x,course," + self.code.encode() + b",3,,\r\n")
        result = self.run_cli("mappings", "import", path)
        self.assertEqual(result.code, EXIT_DATAERR, result)
        self.assertIn("%s:2:2: the text is not valid UTF-8 here" % path, result.err)

    def test_a_dry_run_reports_what_would_change_and_changes_nothing(self):
        before_store = dump(self.store)
        text = self.export().replace(",%s %s," % (self.ids[0], self.ids[1]), ",%s," % self.ids[2])
        text += "new-course,Neu,module,%s,%d,,\r\n" % (self.code, self.level)
        path = self.write("change.csv", text)
        result = self.ok("mappings", "import", path, "--dry-run")
        self.assertIn("1 added, 1 replaced, 2 unchanged (dry run: nothing was changed)", result.out)
        self.assertEqual(dump(self.store), before_store, "a dry run wrote to the store")
        result = self.ok("mappings", "import", path)
        self.assertIn("1 added, 1 replaced, 2 unchanged", result.out)
        self.assertNotIn("dry run", result.out)
        self.assertNotEqual(dump(self.store), before_store)
        self.assertEqual(sorted(self.export().split("\r\n")), sorted(text.split("\r\n")))

    def test_replaced_mappings_and_renamed_activities_are_named(self):
        mappings = json.loads(self.ok("mappings", "--json").out)["mappings"]
        old = [m for m in mappings if m["activity"]["id"] == "quiz-7" and m["level"] == self.level][0]
        text = self.export().replace(",%s %s," % (self.ids[0], self.ids[1]), ",%s," % self.ids[0])
        text = text.replace("quiz-7,quiz-7,", "quiz-7,Abschlusstest,")
        path = self.write("rename.csv", text)
        result = self.ok("mappings", "import", path)
        self.assertIn("replaced mapping %s (%s level %d for %s, %s)"
                      % (old["id"], self.code, self.level, self.ids[0], self.ids[1]), result.out)
        self.assertIn('renamed activity quiz-7 from "quiz-7" to "Abschlusstest" in all its 2 mappings', result.out)
        line = [i + 1 for i, row in enumerate(text.split("\r\n")) if row.startswith("quiz-7,")][0]
        self.assertIn("%s:%d: replaced mapping" % (path, line), result.out)

    def test_map_says_it_replaced_and_renamed(self):
        mappings = json.loads(self.ok("mappings", "--json").out)["mappings"]
        old = [m for m in mappings if m["activity"]["id"] == "course-101"][0]
        result = self.ok("map", "course-101", "--skill", self.code, "--level", str(self.level),
                             "--responsibility", self.ids[0], "--name", "Grundlagen")
        self.assertIn("replaced mapping %s (%s level %d as a whole)" % (old["id"], self.code, self.level), result.out)
        self.assertIn('renamed activity course-101 from "Servicedesk, "Grundlagen" – Teil 1" to "Grundlagen" '
                      "in its one mapping", result.out)

    def test_the_same_activity_and_level_twice_or_two_names_are_refused(self):
        path = self.write("twice.csv", HEADER + "\r\n"
                          + "x1,Eins,course,%s,%d,,\r\n" % (self.code, self.level)
                          + "x1,Zwei,course,%s,%d,,\r\n" % (self.code, self.defined[1])
                          + "x1,Eins,course,%s,%d,%s,\r\n" % (self.code, self.level, self.ids[0]))
        result = self.run_cli("mappings", "import", path)
        self.assertEqual(result.code, EXIT_DATAERR, result)
        self.assertIn("%s:3:4: name: 'Zwei' differs from the name 'Eins' given on line 2: an activity has one name"
                      % path, result.err)
        self.assertIn("%s:4:1: activity: the same activity, skill and level as on line 2" % path, result.err)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
