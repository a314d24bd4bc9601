#!/usr/bin/env python3
"""roles_test.py: who may call what (issue 10, "Roles in the plugin"), through the C door.

Usage: roles_test.py MODULE DEFINITION.xml MANIFEST.xml [unittest args]

With auth.enforce=true every operation the plugin registers is called as each of the four roles.
What each role may do is written down here (EXPECTED, the policy of docs/operations.md "Roles"),
not taken from the plugin: an allowed call is never refused as forbidden (it may fail for other
reasons), a refused one answers SFE_FORBIDDEN with "error": "forbidden" and writes nothing (the
store's whole content, and the folders audit.export and keys.generate would write, unchanged).
Learners only their own progress and evidence; an assessor attests and an auditor verifies only in
their own name. A request without caller is refused as invalid; a malformed caller is invalid
whether or not auth.enforce is on; with auth.enforce=false nothing is refused for a role.
The operations the plugin registers (the "capabilities" operation) must all be in EXPECTED and in
the plugin's capability table, so a new operation cannot slip through; the manifest's <access>
must equal that table. On PostgreSQL when SFE_TEST_PG is set (tests/host/cli.py Store).
"""

import itertools
import os
import shutil
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "host"))
from ctypes_host import Door, StorePlugin, door_test_arguments  # noqa: E402
from cli import Store  # noqa: E402

SFE_OK, SFE_INVALID, SFE_FORBIDDEN = 0, 2, 11
MANIFEST_NS = "{urn:sfia-evidence:plugin-manifest:1.0}"
ROLES = ["learner", "assessor", "admin", "auditor"]
EVERYONE = set(ROLES)
READERS = {"admin", "auditor"}
ADMIN = {"admin"}

# Who may call each operation about someone else (a learner's progress of another learner, an
# attestation in another assessor's name, ...). docs/operations.md "Roles" says the same.
EXPECTED = {
    "capabilities": EVERYONE,
    "skills": EVERYONE, "show": EVERYONE, "versions": EVERYONE, "diff": EVERYONE,
    "import": ADMIN, "use": ADMIN,
    "mappings": READERS, "coverage": READERS, "mappings.export": READERS,
    "map": ADMIN, "unmap": ADMIN, "mappings.import": ADMIN,
    "complete": ADMIN, "attest": ADMIN, "verify": set(), "record": ADMIN, "withdraw": ADMIN,
    "evidence": READERS, "evidence.show": READERS, "statements": READERS, "progress": READERS,
    "audit.verify": READERS, "audit.export": READERS, "audit.checkpoint": ADMIN, "keys.generate": ADMIN,
    "privacy.export": READERS, "privacy.erase": ADMIN,
    "outbox": READERS, "store.stats": READERS, "sync": ADMIN, "retry": ADMIN,
    "pull": ADMIN, "record.statements": ADMIN,
}
# ... and in the caller's own name: the field that names them, and the role that may then.
OWN = {"progress": ("learner", "learner"), "evidence": ("learner", "learner"),
       "privacy.export": ("person", "learner"), "attest": ("assessor", "assessor"),
       "verify": ("auditor", "auditor")}

# Each role's caller id. The learner's "someone else" is OTHER.
IDS = {"learner": "anna.schmidt", "assessor": "julia.becker", "admin": "admin.adler", "auditor": "aud.mueller"}
OTHER = "other.person"

ARGS = None
COUNTER = itertools.count()


def caller(role, identity=None):
    return {"id": identity or IDS[role], "roles": [role]}


class RolesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.door = Door(ARGS.module)
        cls.folder = tempfile.mkdtemp(prefix="sfe-roles-")
        cls.store = Store(cls.folder)
        # Today's behaviour: auth.enforce=false, no caller. What the calls below need.
        cls.open_plugin = StorePlugin(cls.door, cls.store)
        setup = cls.open_plugin

        def ok(op, request):
            status, response = setup.call(op, request)
            if status != SFE_OK:
                raise RuntimeError("%s: %s" % (op, response))
            return response

        ok("import", {"path": ARGS.definition})
        ok("map", {"activity": "kurs-1", "name": "Kurs 1", "skill": "CSMG", "level": 3})
        for learner in (IDS["learner"], OTHER):
            ok("complete", {"learner": learner, "activity": "kurs-1"})
        attested = ok("attest", {"learner": OTHER, "responsibility": "CSMG-3.1", "assessor": IDS["assessor"]})
        cls.evidence = attested["evidence"][0]
        cls.plugin = StorePlugin(cls.door, cls.store, {"auth.enforce": "true"})

    @classmethod
    def tearDownClass(cls):
        cls.plugin.close()
        cls.open_plugin.close()
        cls.store.close()
        shutil.rmtree(cls.folder, ignore_errors=True)

    def request(self, op, about):
        """A request for `op` about `about` (a learner, assessor, auditor or person)."""
        folder = os.path.join(self.folder, "out-%s-%d" % (op, next(COUNTER)))
        return {
            "capabilities": {}, "skills": {}, "show": {"code": "CSMG"}, "versions": {"skill": "CSMG"},
            "diff": {"skill": "CSMG", "from": "1", "to": "1"}, "import": {"path": ARGS.definition},
            "use": {"skill": "CSMG", "version": "1"}, "mappings": {}, "coverage": {"skill": "CSMG"},
            "mappings.export": {},
            "map": {"activity": "kurs-2", "skill": "CSMG", "level": 3},
            "unmap": {"activity": "kurs-2"},
            "mappings.import": {"csv": "", "dryRun": True},
            "complete": {"learner": about, "activity": "kurs-1"},
            "attest": {"learner": OTHER if about != OTHER else IDS["learner"], "responsibility": "CSMG-3.2",
                       "assessor": about},
            "verify": {"evidence": self.evidence, "auditor": about},
            "record": {"events": [{"type": "completion", "learner": about, "activity": "kurs-1"}]},
            "withdraw": {"evidence": "00000000-0000-0000-0000-000000000000", "reason": "test"},
            "evidence": {"learner": about}, "evidence.show": {"evidence": self.evidence},
            "statements": {"learner": about}, "progress": {"learner": about},
            "audit.verify": {}, "audit.export": {"dir": folder}, "audit.checkpoint": {},
            "keys.generate": {"dir": folder}, "privacy.export": {"person": about},
            "privacy.erase": {"person": "nobody.at.all"}, "outbox": {}, "store.stats": {},
            "sync": {"timeLimitMs": 0}, "retry": {"all": True},
            "pull": {"pages": 1}, "record.statements": {"statements": []},
        }[op], folder

    def operations(self):
        status, response = self.plugin.call("capabilities", {"caller": caller("learner")})
        self.assertEqual(status, SFE_OK, response)
        return response

    def test_every_registered_operation_is_in_the_table_and_in_this_test(self):
        table = self.operations()
        covered = {op for c in table["capabilities"] for op in c["operations"]}
        self.assertGreaterEqual(len(table["operations"]), 30)
        for op in table["operations"]:
            self.assertIn(op, covered, "operation %s is in no capability (runtime::Capabilities)" % op)
            self.assertIn(op, EXPECTED, "operation %s: add it to EXPECTED here and to docs/operations.md" % op)
        self.assertIn("evidence.show", covered)
        self.assertEqual(table["roles"], ROLES)

    def test_manifest_access_equals_the_plugin_table(self):
        access = ET.parse(ARGS.manifest).getroot().find(MANIFEST_NS + "access")
        self.assertIsNotNone(access, "the manifest has no <access>")
        declared = [(c.get("name"), c.get("operations").split(), c.get("roles").split(), c.get("own"))
                    for c in access.findall(MANIFEST_NS + "capability")]
        table = [(c["name"], c["operations"], c["roles"], c["own"]) for c in self.operations()["capabilities"]]
        self.assertEqual(declared, table)
        self.assertEqual([r.get("name") for r in access.findall(MANIFEST_NS + "role")], ROLES)

    def test_every_operation_as_every_role(self):
        for op in self.operations()["operations"]:
            allowed = EXPECTED[op]
            before = self.store.dump()
            for role in ROLES:
                if role in allowed:
                    continue
                with self.subTest(op=op, role=role, expect="forbidden"):
                    request, folder = self.request(op, OTHER)
                    request["caller"] = caller(role)
                    status, response = self.plugin.call(op, request)
                    self.assertEqual(status, SFE_FORBIDDEN, response)
                    self.assertEqual(response["error"], "forbidden")
                    self.assertEqual(response["status"], SFE_FORBIDDEN)
                    self.assertIn(IDS[role], response["message"])
                    self.assertFalse(os.path.exists(folder), "%s as %s wrote %s" % (op, role, folder))
            self.assertEqual(self.store.dump(), before, "a refused %s changed the store" % op)
            for role in sorted(allowed):
                with self.subTest(op=op, role=role, expect="allowed"):
                    request, _ = self.request(op, OTHER)
                    request["caller"] = caller(role)
                    status, response = self.plugin.call(op, request)
                    self.assertNotEqual(status, SFE_FORBIDDEN, response)

    def test_reads_by_admins_and_auditors_answer(self):
        # Allowed is not only "not forbidden": these answer as they do without auth.enforce.
        for role in ("admin", "auditor"):
            for op in ("progress", "evidence", "statements", "coverage", "mappings.export", "audit.verify"):
                with self.subTest(op=op, role=role):
                    request, _ = self.request(op, OTHER)
                    request["caller"] = caller(role)
                    status, response = self.plugin.call(op, request)
                    self.assertEqual(status, SFE_OK, response)

    def test_own_records_only(self):
        for op, (field, role) in sorted(OWN.items()):
            with self.subTest(op=op, own=True):
                request, _ = self.request(op, IDS[role])
                request["caller"] = caller(role)
                status, response = self.plugin.call(op, request)
                self.assertNotEqual(status, SFE_FORBIDDEN, response)
            with self.subTest(op=op, own=False):
                request, _ = self.request(op, OTHER)
                request["caller"] = caller(role)
                status, response = self.plugin.call(op, request)
                self.assertEqual(status, SFE_FORBIDDEN, response)
                self.assertIn("'%s'" % field, response["message"])
                self.assertIn(OTHER, response["message"])
            with self.subTest(op=op, field_missing=True):
                request, _ = self.request(op, OTHER)
                del request[field]
                request["caller"] = caller(role)
                status, response = self.plugin.call(op, request)
                self.assertEqual(status, SFE_FORBIDDEN, response)

    def test_learner_reads_own_progress_and_evidence(self):
        me = caller("learner")
        status, response = self.plugin.call("progress", {"learner": IDS["learner"], "caller": me})
        self.assertEqual(status, SFE_OK, response)
        status, response = self.plugin.call("evidence", {"learner": IDS["learner"], "caller": me})
        self.assertEqual(status, SFE_OK, response)
        self.assertTrue(response["evidence"])
        self.assertEqual({e["learner"] for e in response["evidence"]}, {IDS["learner"]})

    def test_several_roles_combine(self):
        # A learner who is also an auditor reads others' progress through the auditor role.
        both = {"id": IDS["learner"], "roles": ["learner", "auditor"]}
        status, response = self.plugin.call("progress", {"learner": OTHER, "caller": both})
        self.assertEqual(status, SFE_OK, response)
        status, response = self.plugin.call("withdraw", {"evidence": self.evidence, "reason": "x", "caller": both})
        self.assertEqual(status, SFE_FORBIDDEN, response)

    def test_missing_caller_is_invalid(self):
        before = self.store.dump()
        for op in ("progress", "map", "skills"):
            with self.subTest(op=op):
                request, _ = self.request(op, OTHER)
                status, response = self.plugin.call(op, request)
                self.assertEqual(status, SFE_INVALID, response)
                self.assertIn("'caller' is required", response["message"])
        self.assertEqual(self.store.dump(), before)

    def test_malformed_caller_is_invalid_enforced_or_not(self):
        cases = [
            ({"id": "", "roles": ["admin"]}, "'id'"),
            ({"roles": ["admin"]}, "'id'"),
            ({"id": "x", "roles": []}, "'roles'"),
            ({"id": "x"}, "'roles'"),
            ({"id": "x", "roles": ["admin", "teacher"]}, "'roles[1]'"),
            ({"id": "x", "roles": "admin"}, "'roles'"),
            ({"id": "x", "roles": ["admin"], "groups": []}, "'groups'"),
            ("admin", "'caller'"),
        ]
        for plugin in (self.plugin, self.open_plugin):
            for given, named in cases:
                with self.subTest(caller=given, enforce=plugin is self.plugin):
                    status, response = plugin.call("skills", {"caller": given})
                    self.assertEqual(status, SFE_INVALID, response)
                    self.assertIn(named, response["message"])

    def test_without_enforce_nothing_is_forbidden(self):
        # auth.enforce=false (the default): no caller needed, and a caller's roles are not enforced.
        status, response = self.open_plugin.call("map", {"activity": "kurs-3", "skill": "CSMG", "level": 3})
        self.assertEqual(status, SFE_OK, response)
        status, response = self.open_plugin.call("unmap", {"activity": "kurs-3", "caller": caller("learner")})
        self.assertEqual(status, SFE_OK, response)
        status, response = self.open_plugin.call("progress", {"learner": OTHER, "caller": caller("learner")})
        self.assertEqual(status, SFE_OK, response)

    def test_forbidden_withdraw_and_map_leave_the_store_unchanged(self):
        before = self.store.dump()
        for role in ("learner", "assessor", "auditor"):
            status, _ = self.plugin.call("withdraw", {"evidence": self.evidence, "reason": "no",
                                                      "caller": caller(role)})
            self.assertEqual(status, SFE_FORBIDDEN)
            status, _ = self.plugin.call("map", {"activity": "kurs-9", "skill": "CSMG", "level": 3,
                                                 "caller": caller(role)})
            self.assertEqual(status, SFE_FORBIDDEN)
        self.assertEqual(self.store.dump(), before)
        status, response = self.plugin.call("evidence", {"caller": caller("auditor")})
        self.assertEqual(status, SFE_OK, response)
        record = [e for e in response["evidence"] if e["id"] == self.evidence]
        self.assertEqual(len(record), 1)
        self.assertIsNone(record[0]["withdrawnAt"])

    def test_errstr_names_the_status(self):
        self.assertIn(b"forbidden", self.door.lib.sfe_errstr(SFE_FORBIDDEN))


if __name__ == "__main__":
    ARGS = door_test_arguments("module", "definition", "manifest")
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
