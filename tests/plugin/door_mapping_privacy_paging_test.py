#!/usr/bin/env python3
"""door_mapping_privacy_paging_test.py: `mappings`, `mappings.export` and `privacy.export` page through the C
door as every list operation does (issue 12, "bounded memory").

Usage: door_mapping_privacy_paging_test.py MODULE DEFINITION.xml [unittest args]

They take "limit" (1 to 10000, default 10000) and "after" (the "next" the previous page returned) and answer
"next" while there are more (docs/operations.md, "Paging"). Walking the pages with a small limit returns every
item exactly once and in the order of one page (mappings: skill, level, activity), also while mappings are
made or removed between pages; the pages of `mappings.export` make the file one page makes; the pages of
`privacy.export` hold the lists of one export in turn. Bad limits and cursors are refused naming the field.
On PostgreSQL when SFE_TEST_PG is set (tests/host/cli.py Store).
"""

import itertools
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ctypes_host import SFE_OK, StorePluginCase, door_test_arguments  # noqa: E402

ARGS = None
EVENTS = itertools.count()
LISTS = ("evidence", "attested", "statements", "verified")


class DoorCase(StorePluginCase):
    prefix = "sfe-mapping-paging-"

    def setUp(self):
        super().setUp()
        self.ok("import", {"path": ARGS.definition})
        # Activity ids whose byte order differs from a locale's ("B" < "a", "Z" < "ä"), at several levels.
        for i, activity in enumerate(("kurs-b", "Kurs-A", "kurs-a", "Zeta", "äther", "kurs-10", "kurs-9")):
            for level in (3, 4) if i % 2 else (3,):
                self.ok("map", {"activity": activity, "name": "Kurs %d" % i, "skill": "CSMG", "level": level,
                                "responsibilities": ["CSMG-%d.1" % level] if i % 3 == 0 else []})


class MappingPaging(DoorCase):
    def mappings(self, limit, request=None, between=None):
        return self.walk("mappings", "mappings", limit, request, between)[0]

    def test_mapping_pages_hold_every_mapping_once_in_order(self):
        single = self.ok("mappings", {})
        self.assertNotIn("next", single)
        self.assertEqual(len(single["mappings"]), 10)
        keys = [(m["skill"], m["level"], m["activity"]["id"].encode()) for m in single["mappings"]]
        self.assertEqual(keys, sorted(keys), "ordered by skill, level and activity, byte by byte")
        for limit in (1, 3, 4, 9, 10):
            self.assertEqual(self.mappings(limit), single["mappings"], "pages of %d" % limit)
        self.assertEqual(self.mappings(2, {"skill": "CSMG"}), single["mappings"])
        self.assertEqual(self.ok("mappings", {"skill": "NONE", "limit": 1}), {"mappings": []})

    def test_mappings_made_or_removed_between_pages_neither_shift_nor_repeat_the_others(self):
        before = [m["id"] for m in self.ok("mappings", {})["mappings"]]
        changes = iter([
            lambda: self.ok("map", {"activity": "AAA-first", "skill": "CSMG", "level": 3}),      # before the cursor
            lambda: self.ok("unmap", {"activity": "kurs-9", "skill": "CSMG", "level": 3}),      # a page seen
            lambda: self.ok("map", {"activity": "zzz-last", "skill": "CSMG", "level": 4}),      # after the cursor
        ])
        removed = [m["id"] for m in self.ok("mappings", {})["mappings"] if m["activity"]["id"] == "kurs-9"]
        listed = self.mappings(2, between=lambda: next(changes, lambda: None)())
        ids = [m["id"] for m in listed]
        self.assertEqual(len(ids), len(set(ids)), "no mapping twice")
        after = self.ok("mappings", {})["mappings"]
        for mapping_id in before:
            self.assertTrue(mapping_id in ids or mapping_id in removed, "no mapping skipped")
        self.assertIn("zzz-last", [m["activity"]["id"] for m in listed])
        self.assertNotIn("AAA-first", [m["activity"]["id"] for m in listed])
        self.assertIn("AAA-first", [m["activity"]["id"] for m in after])

    def test_a_cursor_of_a_removed_mapping_goes_on_after_it(self):
        first = self.ok("mappings", {"limit": 3})
        last = first["mappings"][-1]
        self.ok("unmap", {"mapping": last["id"]})
        following = self.ok("mappings", {"after": first["next"]})["mappings"]
        whole = self.ok("mappings", {})["mappings"]
        self.assertEqual(first["mappings"][:2] + following, whole)

    def test_export_pages_make_the_file_one_page_makes(self):
        single = self.ok("mappings.export", {})
        self.assertNotIn("next", single)
        self.assertEqual(single["rows"], 10)
        for limit in (1, 4, 10):
            pages = self.pages("mappings.export", limit)
            self.assertEqual("".join(p["csv"] for p in pages), single["csv"], "pages of %d" % limit)
            self.assertEqual(sum(p["rows"] for p in pages), 10)
            self.assertTrue(pages[0]["csv"].startswith("activity,name,type,skill,level,responsibilities,review\r\n"))
            for page in pages[1:]:
                self.assertFalse(page["csv"].startswith("activity,"), "the header once")

    def test_bad_limits_and_cursors_are_refused_naming_the_field(self):
        first = self.ok("mappings", {"limit": 2})
        export = self.ok("mappings.export", {"limit": 2})
        evidence_cursor = "evidence:1"
        for op in ("mappings", "mappings.export"):
            for bad in (0, -1, 10001, "10", 2.5, True):
                self.assertIn("'limit'", self.refused(op, {"limit": bad}, "limit"))
            self.assertIn("from 1 to 10000", self.refused(op, {"limit": 0}, "limit"))
            for garbage in ("", "garbage", op + ":", op + ":x\"y", op + ":00000000-0000-4000-8000-000000000000",
                            evidence_cursor, 5):
                self.refused(op, {"after": garbage}, "after")
        self.refused("mappings", {"after": export["next"]}, "after")
        self.refused("mappings.export", {"after": first["next"]}, "after")
        self.refused("evidence", {"after": first["next"]}, "after")


class PrivacyPaging(DoorCase):
    """privacy.export of one person a page at a time."""

    def setUp(self):
        super().setUp()
        events = []
        for i in range(23):
            n = next(EVENTS)
            events.append({"type": "completion", "eventId": "c-%d" % n, "learner": "u1" if i % 3 else "u2",
                           "activity": "kurs-a", "verb": "passed", "score": 0.9})
        for i in range(5):
            n = next(EVENTS)
            events.append({"type": "attestation", "eventId": "a-%d" % n, "learner": "u2",
                           "responsibility": "CSMG-3.1", "assessor": "u1", "note": "gesehen %d" % i})
        for i in range(9):
            n = next(EVENTS)
            events.append({"type": "attestation", "eventId": "a-%d" % n, "learner": "u3",
                           "responsibility": "CSMG-3.1", "assessor": "u4"})
        self.ok("record", {"events": events})
        # u1 also audits: verifications of u3's records, several in one millisecond of the host's clock,
        # so pages of "verified" end between two of the same time (ordered by record then).
        for record in self.ok("evidence", {"learner": "u3"})["evidence"]:
            self.ok("verify", {"evidence": record["id"], "auditor": "u1"})

    def export_pages(self, limit, person="u1"):
        pages = self.pages("privacy.export", limit, {"person": person})
        for page in pages:
            self.assertLessEqual(sum(len(page[k]) for k in LISTS), limit)
        for page in pages[:-1]:
            self.assertEqual(sum(len(page[k]) for k in LISTS), limit, "a page before the last is full")
        # The levels attained come once, with the page on which "verified" begins.
        self.assertLessEqual(sum(1 for page in pages if page["attainments"]), 1)
        return pages

    def test_export_pages_hold_the_lists_of_one_export_in_turn(self):
        single = self.ok("privacy.export", {"person": "u1"})
        self.assertNotIn("next", single)
        self.assertEqual(len(single["evidence"]), 15)
        self.assertEqual(len(single["attested"]), 5)
        self.assertGreaterEqual(len(single["statements"]), 15)
        self.assertEqual(len(single["verified"]), 9)
        self.assertEqual(single["verified"], sorted(single["verified"], key=lambda v: (v["verifiedAt"], v["evidence"])))
        total = sum(len(single[k]) for k in LISTS)
        for limit in (1, 2, 7, 15, 20, total - 1, total):
            pages = self.export_pages(limit)
            self.assertEqual(len(pages), -(-total // limit), "pages of %d" % limit)
            for key in LISTS + ("attainments", "verified"):
                self.assertEqual([x for p in pages for x in p[key]], single[key], "%s in pages of %d" % (key, limit))
            for page in pages:
                self.assertEqual((page["person"], page["ref"]), ("u1", single["ref"]))
                self.assertEqual(list(page)[:8], list(single)[:8], "the members of one export, in its order")

    def test_export_refuses_bad_limits_and_cursors_naming_the_field(self):
        first = self.ok("privacy.export", {"person": "u1", "limit": 2})
        self.assertTrue(first["next"].startswith("privacy.export:"))
        for bad in (0, 10001, "5"):
            self.refused("privacy.export", {"person": "u1", "limit": bad}, "limit")
        for garbage in ("privacy.export:", "privacy.export:x5", "privacy.export:e", "privacy.export:e-1",
                        "privacy.export:v2026-12-01T00:00:00Z", "privacy.export:v,x", "privacy.export:vx,",
                        "evidence:5", self.ok("evidence", {"limit": 1})["next"]):
            self.refused("privacy.export", {"person": "u1", "after": garbage}, "after")
        self.refused("evidence", {"after": first["next"]}, "after")

    def test_nothing_held_is_still_not_found(self):
        status, response = self.door.call(self.handle, "privacy.export", {"person": "nobody", "limit": 1})
        self.assertNotEqual(status, SFE_OK, response)
        self.assertIn("nobody", response["message"])


if __name__ == "__main__":
    ARGS = StorePluginCase.arguments = door_test_arguments("module", "definition")
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
