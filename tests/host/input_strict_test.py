#!/usr/bin/env python3
"""input_strict_test.py: the CLI refuses control characters in ids and notes as the plugin does,
and says which field and which character, without echoing the character to the terminal.

Standard library only; runs on SQLite and, with SFE_TEST_PG, on PostgreSQL.
"""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, dump, read_definition, cli_test_arguments  # noqa: E402

ARGS = None
EXIT_DATAERR = 65


class StrictInput(StoreCase):
    prefix = "sfe-input-"

    def setUp(self):
        super().setUp()
        definition = read_definition(ARGS.definition)
        self.code = definition["code"]
        self.responsibility = definition["levels"][3]["responsibilities"][0][0]
        self.ok("import", ARGS.definition)
        self.ok("map", "course-101", "--skill", self.code, "--level", "3")

    def test_control_characters_in_ids_and_notes_are_refused_naming_the_field(self):
        before = dump(self.store)
        for args, message in (
                (["--assessor", "a7\x1b[2J"], "'assessor' contains the control character U+001B at character 3"),
                (["--assessor", "a7", "--note", "ok\x07"], "'note' contains the control character U+0007 at character 3"),
                (["--assessor", "a\tb"], "'assessor' contains the control character U+0009 at character 2")):
            result = self.run_cli("attest", "--learner", "u1", "--responsibility", self.responsibility, *args)
            self.assertEqual(result.code, EXIT_DATAERR, result)
            self.assertIn(message, result.err)
            self.assertNotIn("\x1b", result.err + result.out)
            self.assertNotIn("\x07", result.err + result.out)
        self.assertEqual(dump(self.store), before, "a refused event wrote to the store")

    def test_a_note_may_hold_tabs_and_line_breaks(self):
        self.ok("attest", "--learner", "u1", "--responsibility", self.responsibility, "--assessor", "a7",
                    "--note", "first\n\tsecond")
        records = json.loads(self.ok("evidence", "--learner", "u1", "--json").out)
        self.assertEqual([r["note"] for r in records if r["kind"] == "demonstrated"], ["first\n\tsecond"])


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
