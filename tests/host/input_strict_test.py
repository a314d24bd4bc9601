#!/usr/bin/env python3
"""input_strict_test.py: the CLI refuses control characters in ids and notes as the plugin does,
and says which field and which character, without echoing the character to the terminal.

Standard library only; runs on SQLite and, with SFE_TEST_PG, on PostgreSQL.
"""

import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import Cli, Store, dump, read_definition, cli_test_arguments  # noqa: E402

ARGS = None
EXIT_OK, EXIT_DATAERR = 0, 65


class StrictInput(unittest.TestCase):
    def setUp(self):
        self.cli = Cli(ARGS.cli, ARGS.manifest)
        self.tmp = tempfile.mkdtemp(prefix="sfe-input-")
        self.store = Store(self.tmp)
        definition = read_definition(ARGS.definition)
        self.code = definition["code"]
        self.responsibility = definition["levels"][3]["responsibilities"][0][0]
        self.run_ok("import", ARGS.definition)
        self.run_ok("map", "course-101", "--skill", self.code, "--level", "3")

    def tearDown(self):
        self.store.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args):
        return self.cli.run(*self.store.args(*args), *args)

    def run_ok(self, *args):
        result = self.run_cli(*args)
        self.assertEqual(result.code, EXIT_OK, result)
        return result

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
        self.run_ok("attest", "--learner", "u1", "--responsibility", self.responsibility, "--assessor", "a7",
                    "--note", "first\n\tsecond")
        records = json.loads(self.run_ok("evidence", "--learner", "u1", "--json").out)
        self.assertEqual([r["note"] for r in records if r["kind"] == "demonstrated"], ["first\n\tsecond"])


def main():
    global ARGS
    ARGS = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)


if __name__ == "__main__":
    main()
