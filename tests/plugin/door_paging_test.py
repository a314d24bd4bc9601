#!/usr/bin/env python3
"""door_paging_test.py: the C door's list operations page with a cursor (issue 12, "bounded memory").

Usage: door_paging_test.py MODULE DEFINITION.xml [unittest args]

`evidence`, `statements` and `outbox` take "limit" (1 to 10000, default 10000) and "after" (the
"next" the previous page returned) and answer "next" while there are more. Walking the pages with a
small limit returns every item exactly once and in order, also while items are recorded between
pages; a cursor of another operation, a made-up one and limits out of range are refused naming the
field. On PostgreSQL when SFE_TEST_PG is set (tests/host/cli.py Store).
"""

import itertools
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ctypes_host import StorePluginCase, door_test_arguments  # noqa: E402

ARGS = None
EVENTS = itertools.count()


class Paging(StorePluginCase):
    prefix = "sfe-paging-"

    def setUp(self):
        super().setUp()
        self.ok("import", {"path": ARGS.definition})
        self.ok("map", {"activity": "kurs-1", "name": "Kurs 1", "skill": "CSMG", "level": 3})
        self.record(23)

    def record(self, n):
        events = []
        for _ in range(n):
            i = next(EVENTS)
            events.append({"type": "completion", "eventId": "e-%d" % i, "learner": "l%d" % (i % 5),
                           "activity": "kurs-1"})
        self.ok("record", {"events": events})

    def test_evidence_pages_hold_every_record_once_in_order(self):
        single = self.ok("evidence", {})
        self.assertNotIn("next", single)        # 23+ records: one default page
        self.assertGreaterEqual(len(single["evidence"]), 23)
        paged, cursors = self.walk("evidence", "evidence", 4)
        self.assertEqual(paged, single["evidence"])
        self.assertEqual(len(cursors), (len(paged) - 1) // 4)

    def test_records_added_between_pages_are_listed_once_at_the_end(self):
        before = [r["id"] for r in self.ok("evidence", {})["evidence"]]
        paged, _ = self.walk("evidence", "evidence", 5, between=lambda: self.record(2))
        after = [r["id"] for r in self.ok("evidence", {"limit": 10000})["evidence"]]
        ids = [r["id"] for r in paged]
        self.assertEqual(len(ids), len(set(ids)), "no record twice")
        self.assertEqual(ids[:len(before)], before)
        self.assertEqual(ids, after, "every record, the new ones too, in recording order")
        seqs = [r["seq"] for r in paged]
        self.assertEqual(seqs, sorted(seqs))

    def test_filters_hold_across_pages(self):
        single = self.ok("evidence", {"learner": "l2"})["evidence"]
        paged, _ = self.walk("evidence", "evidence", 2, {"learner": "l2"})
        self.assertEqual(paged, single)
        self.assertTrue(all(r["learner"] == "l2" for r in paged))

    def test_statements_pages_hold_every_statement_once_in_order(self):
        single = self.ok("statements", {})
        self.assertNotIn("next", single)
        paged, _ = self.walk("statements", "statements", 3, between=lambda: self.record(1))
        ids = [s["id"] for s in paged]
        self.assertEqual(len(ids), len(set(ids)))
        everything = self.ok("statements", {"limit": 10000})["statements"]
        self.assertEqual(paged, everything)
        self.assertGreater(len(everything), len(single["statements"]))
        by_learner, _ = self.walk("statements", "statements", 2, {"learner": "l3"})
        self.assertEqual(by_learner, self.ok("statements", {"learner": "l3"})["statements"])

    def test_outbox_pages_its_quarantined_statements(self):
        page = self.ok("outbox", {"limit": 1})
        self.assertEqual(page["quarantined"], [])
        self.assertNotIn("next", page)
        self.refused("outbox", {"after": "statements:1"}, "after")

    def test_bad_cursors_are_refused_naming_after(self):
        first = self.ok("evidence", {"limit": 2})
        from_statements = self.ok("statements", {"limit": 2})["next"]
        self.refused("evidence", {"after": from_statements}, "after")
        self.refused("statements", {"after": first["next"]}, "after")
        for garbage in ("", "garbage", "evidence:", "evidence:-3", "evidence:0", "evidence:1x", "evidence:1 ",
                        "evidence:99999999999999999999999"):
            self.refused("evidence", {"after": garbage}, "after")
        self.refused("evidence", {"after": 5}, "after")

    def test_limits_out_of_range_are_refused_naming_limit(self):
        for bad in (0, -1, 10001, 1 << 40, "10", 2.5, True):
            message = self.refused("evidence", {"limit": bad}, "limit")
            self.refused("statements", {"limit": bad}, "limit")
            self.refused("outbox", {"limit": bad}, "limit")
        self.assertIn("from 1 to 10000", self.refused("evidence", {"limit": 0}, "limit"))
        self.assertEqual(len(self.ok("evidence", {"limit": 10000})["evidence"]),
                         len(self.ok("evidence", {"limit": 1})["evidence"]) + len(
                             self.ok("evidence", {"limit": 10000, "after": self.ok("evidence", {"limit": 1})["next"]})
                             ["evidence"]))
        self.assertTrue(message)

    def test_the_last_page_has_no_next(self):
        total = len(self.ok("evidence", {})["evidence"])
        exact = self.ok("evidence", {"limit": total})
        self.assertEqual(len(exact["evidence"]), total)
        self.assertNotIn("next", exact)
        short = self.ok("evidence", {"limit": total - 1})
        self.assertIn("next", short)
        last = self.ok("evidence", {"limit": total, "after": short["next"]})
        self.assertEqual(len(last["evidence"]), 1)
        self.assertNotIn("next", last)


if __name__ == "__main__":
    ARGS = StorePluginCase.arguments = door_test_arguments("module", "definition")
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
