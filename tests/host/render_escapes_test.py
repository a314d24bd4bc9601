#!/usr/bin/env python3
"""render_escapes_test.py: text from the store never reaches the terminal raw.

The plugin now refuses control characters in what it is given, but a store written by an older
version, or edited by hand, may hold them: an assessor id or a note carrying ESC [ ... (recolour,
clear the screen), OSC (retitle the window) or C1 CSI. Every text the CLI prints escapes them
visibly (TextLayout::printable). Standard library only; runs on SQLite and, with SFE_TEST_PG, on
PostgreSQL.
"""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, read_definition, cli_test_arguments  # noqa: E402

ARGS = None
HOSTILE_ASSESSOR = "a7\x1b]0;owned\x07\x1b[2J"
HOSTILE_NOTE = "seen\x1b[31m red\x9b2J\x7f"


class Escapes(StoreCase):
    prefix = "sfe-render-"

    def setUp(self):
        super().setUp()
        self.definition = read_definition(ARGS.definition)
        self.code = self.definition["code"]
        level3 = [rid for rid, _ in self.definition["levels"][3]["responsibilities"]]
        self.ok("import", ARGS.definition)
        self.ok("map", "course-101", "--skill", self.code, "--level", "3")
        self.ok("complete", "--learner", "u1", "--activity", "course-101")
        for responsibility in level3:
            self.ok("attest", "--learner", "u1", "--responsibility", responsibility, "--assessor", "a7",
                    "--note", "fine")
        # What the plugin refuses today, written the way an older version or a hand edit would.
        changed = self.store.execute("UPDATE evidence SET assessor = ?, note = ? WHERE assessor = 'a7'",
                                     (HOSTILE_ASSESSOR, HOSTILE_NOTE))
        self.assertEqual(changed, len(level3))

    def assert_no_raw_controls(self, text):
        raw = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0]
        self.assertEqual(raw, [], "raw control characters reached the terminal:\n%r" % text)

    def test_evidence_escapes_assessor_ids_and_notes(self):
        out = self.ok("evidence", "--learner", "u1").out
        self.assert_no_raw_controls(out)
        self.assertIn("a7\\x1b]0;owned\\x07\\x1b[2J", out)
        # The JSON output carries the value exactly (JSON escapes it).
        records = json.loads(self.ok("evidence", "--learner", "u1", "--json").out)
        self.assertIn(HOSTILE_ASSESSOR, [r["assessor"] for r in records])

    def test_progress_explain_escapes_assessor_ids_and_notes(self):
        out = self.ok("progress", "--learner", "u1", "--skill", self.code, "--explain").out
        self.assert_no_raw_controls(out)
        self.assertIn("\\x1b", out)

    def test_mappings_escape_activity_names(self):
        self.assertEqual(self.store.execute("UPDATE activities SET name = ?", (HOSTILE_NOTE,)), 1)
        out = self.ok("mappings").out
        self.assert_no_raw_controls(out)
        self.assertIn("seen\\x1b[31m red\\u009b2J\\x7f", out)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
