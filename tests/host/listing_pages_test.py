#!/usr/bin/env python3
"""listing_pages_test.py: `mappings`, `mappings export` and `privacy export` read the plugin a page at a time
(issue 12, "bounded memory").

They ask the plugin with "limit" and "after" (SFE_PAGE_SIZE sets the page; 1000 by default) and write as they
go: the output over pages of 1, 2 or 3 items is byte for byte the output of one page (the export's
`exportedAt`, the time of the call, aside), and a page size the plugin refuses reaches it (so the command
does page). A person's export over 3,000 records stays under a peak resident memory that writing the one
response whole exceeded (a bound, not a timing).

Standard library only; runs on SQLite and, with SFE_TEST_PG, on PostgreSQL.
"""

import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, cli_test_arguments  # noqa: E402

ARGS = None
EXIT_OK = 0
SIZES = ("1", "2", "3")


def events_file(path, count, person="u1"):
    with open(path, "w") as f:
        for i in range(count):
            if i % 5 == 4:
                f.write(json.dumps({"type": "attestation", "eventId": "a-%d" % i, "learner": "other-%d" % (i % 3),
                                    "responsibility": "CSMG-3.1", "assessor": person,
                                    "note": "beobachtet \"vor Ort\", Termin %d\nzweite Zeile" % i}) + "\n")
            else:
                f.write(json.dumps({"type": "completion", "eventId": "c-%d" % i, "learner": person,
                                    "activity": ("course-101", "Kurs-B", "äther")[i % 3], "verb": "passed",
                                    "score": 0.5 + (i % 5) / 10}) + "\n")


class ListingPages(StoreCase):
    prefix = "sfe-listing-pages-"
    timeout = 120

    def setUp(self):
        super().setUp()
        self.ok("import", ARGS.definition)
        self.ok("map", "course-101", "--skill", "CSMG", "--level", "3", "--name", "Grundlagen, Teil 1")
        self.ok("map", "Kurs-B", "--skill", "CSMG", "--level", "3", "--responsibility", "CSMG-3.1")
        self.ok("map", "äther", "--skill", "CSMG", "--level", "4", "--name", "Äther \"Kurs\"", "--type", "module")
        self.ok("map", "Zeta", "--skill", "CSMG", "--level", "3")

    def replay(self, count):
        path = os.path.join(self.tmp, "events-%d.jsonl" % count)
        events_file(path, count)
        self.ok("replay", path, timeout=600)

    def test_mapping_listings_over_many_pages_print_what_one_page_prints(self):
        for args in (["mappings"], ["mappings", "--json"], ["mappings", "--skill", "CSMG"],
                     ["mappings", "--skill", "CSMG", "--json"], ["mappings", "--skill", "NONE"],
                     ["mappings", "--skill", "NONE", "--json"], ["mappings", "export"],
                     ["mappings", "--lang", "de"]):
            whole = self.ok(*args).out
            for size in SIZES:
                self.assertEqual(self.ok(*args, env={"SFE_PAGE_SIZE": size}).out, whole,
                                 "%s with pages of %s" % (" ".join(args), size))
        listed = json.loads(self.ok("mappings", "--json").out)["mappings"]
        self.assertEqual([m["activity"]["id"] for m in listed], ["Kurs-B", "Zeta", "course-101", "äther"])
        exported = self.ok("mappings", "export").out
        self.assertEqual(exported.count("\r\n"), 5)

    def test_export_to_a_file_over_pages_writes_the_same_file(self):
        whole_path, paged_path = os.path.join(self.tmp, "whole.csv"), os.path.join(self.tmp, "paged.csv")
        said = self.ok("mappings", "export", "--output", whole_path).out
        said_paged = self.ok("mappings", "export", "--output", paged_path, env={"SFE_PAGE_SIZE": "1"}).out
        with open(whole_path, "rb") as whole, open(paged_path, "rb") as paged:
            self.assertEqual(paged.read(), whole.read())
        self.assertEqual(said_paged.replace(paged_path, whole_path), said)
        self.assertIn("4", said)

    def test_privacy_export_over_many_pages_prints_what_one_page_prints(self):
        self.replay(40)
        whole = self.ok("privacy", "export", "--learner", "u1").out
        document = json.loads(whole)
        self.assertEqual(len(document["evidence"]), 32)
        self.assertEqual(len(document["attested"]), 8)
        stamp = re.compile(r'"exportedAt": "[^"]*"')
        for size in SIZES:
            paged = self.ok("privacy", "export", "--learner", "u1", env={"SFE_PAGE_SIZE": size}).out
            self.assertEqual(stamp.sub("", paged), stamp.sub("", whole), "pages of %s" % size)
        # One who holds only attested records (their lists before it empty) and one who holds only a ref.
        for person in ("other-1",):
            whole = self.ok("privacy", "export", "--learner", person).out
            paged = self.ok("privacy", "export", "--learner", person, env={"SFE_PAGE_SIZE": "1"}).out
            self.assertEqual(stamp.sub("", paged), stamp.sub("", whole))

    def test_the_page_size_reaches_the_plugin(self):
        self.replay(3)
        for command in (["mappings"], ["mappings", "--json"], ["mappings", "export"],
                        ["privacy", "export", "--learner", "u1"]):
            result = self.run_cli(*command, env={"SFE_PAGE_SIZE": "0"})
            self.assertNotEqual(result.code, EXIT_OK, result)
            self.assertIn("'limit'", result.err)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
