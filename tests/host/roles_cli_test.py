#!/usr/bin/env python3
"""roles_cli_test.py: the CLI's --as ID --role ROLE (issue 10, "Roles in the plugin").

With auth.enforce=true (in a --config file): without --as the CLI is the local operator with every
role, so the main job's commands work; `--as anna.schmidt --role learner` reads her own progress
(exit 0) but not another learner's (exit 77, the plugin's message), and may not map (77, store
unchanged). --role without --as, --as without --role and an unknown role are usage errors (64),
with nothing printed. With auth.enforce=false the same --as is sent but not enforced.

Standard library only; runs on SQLite and, with SFE_TEST_PG, on PostgreSQL.
"""

import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import Cli, StoreCase, cli_test_arguments, dump  # noqa: E402

ARGS = None
EXIT_USAGE, EXIT_UNAVAILABLE, EXIT_NOPERM = 64, 69, 77
LEARNER, OTHER = "anna.schmidt", "max.mustermann"


class Roles(StoreCase):
    prefix = "sfe-roles-cli-"

    def setUp(self):
        super().setUp()
        self.config = os.path.join(self.tmp, "enforce.properties")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(self.store.config_text() + "auth.enforce = true\n")
        # The local operator (no --as) under auth.enforce: every role, so all of this works.
        self.ok("import", ARGS.definition)
        self.ok("map", "kurs-1", "--skill", "CSMG", "--level", "3")
        for learner in (LEARNER, OTHER):
            self.ok("complete", "--learner", learner, "--activity", "kurs-1")

    def run_cli(self, *args, enforce=True):
        """The CLI on the test's store, under auth.enforce unless enforce=False."""
        if not enforce:
            return super().run_cli(*args)
        return self.cli.run("--config", self.config, "--db", self.store.path, *args)

    def test_learner_reads_own_progress_only(self):
        own = self.ok("--as", LEARNER, "--role", "learner", "progress", "--learner", LEARNER)
        self.assertIn(LEARNER, own.out)
        refused = self.run_cli("--as", LEARNER, "--role", "learner", "progress", "--learner", OTHER)
        self.assertEqual(refused.code, EXIT_NOPERM, refused)
        self.assertIn("forbidden", refused.err)
        self.assertIn(OTHER, refused.err)
        self.assertEqual(refused.out, "")

    def test_learner_may_not_map(self):
        before = dump(self.store)
        refused = self.run_cli("--as", LEARNER, "--role", "learner", "map", "kurs-2", "--skill", "CSMG",
                               "--level", "3")
        self.assertEqual(refused.code, EXIT_NOPERM, refused)
        self.assertIn("forbidden", refused.err)
        self.assertEqual(dump(self.store), before)

    def test_roles_repeated_or_as_a_list(self):
        # An auditor reads every learner's progress: the second role counts, either way it is given.
        self.ok("--as", LEARNER, "--role", "learner,auditor", "progress", "--learner", OTHER)
        self.ok("--as", LEARNER, "--role", "learner", "--role", "auditor", "progress", "--learner", OTHER)

    def test_usage_errors(self):
        cases = [
            (["--role", "learner", "progress", "--learner", LEARNER], "--role"),
            (["--as", LEARNER, "progress", "--learner", LEARNER], "--role"),
            (["--as", LEARNER, "--role", "teacher", "progress", "--learner", LEARNER], "teacher"),
        ]
        for args, named in cases:
            with self.subTest(args=args):
                result = self.run_cli(*args)
                self.assertEqual(result.code, EXIT_USAGE, result)
                self.assertIn(named, result.err)
                self.assertEqual(result.out, "")

    def test_not_enforced_by_default(self):
        # auth.enforce=false: the caller is sent and checked, not enforced.
        self.ok("--as", LEARNER, "--role", "learner", "progress", "--learner", OTHER, enforce=False)


class AccessInManifest(unittest.TestCase):
    """The manifest's <access> is read and checked by the CLI before it loads the library."""

    def setUp(self):
        self.cli = Cli(ARGS.cli, ARGS.manifest)
        self.tmp = tempfile.mkdtemp(prefix="sfe-roles-manifest-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def variant(self, old, new):
        with open(ARGS.manifest, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(text.count(old), 1, old)
        library = re.search(r'<library file="([^"]+)"', text).group(1)
        os.symlink(os.path.join(os.path.dirname(ARGS.manifest), library), os.path.join(self.tmp, library))
        path = os.path.join(self.tmp, os.path.basename(ARGS.manifest))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))
        return path

    def test_a_capability_naming_an_undeclared_role_is_refused(self):
        manifest = self.variant('roles="admin">Withdraws', 'roles="admin teacher">Withdraws')
        result = self.cli.run("--db", os.path.join(self.tmp, "store.db"), "skills", manifest=manifest)
        self.assertEqual(result.code, EXIT_UNAVAILABLE, result)
        self.assertRegex(result.err, re.escape(manifest) + r':\d+: capability sfe/evidence:withdraw: role "teacher" '
                                     r"is not declared")

    def test_a_capability_without_roles_fails_the_schema(self):
        manifest = self.variant('roles="admin">Withdraws', 'roles="">Withdraws')
        result = self.cli.run("--db", os.path.join(self.tmp, "store.db"), "skills", manifest=manifest)
        self.assertEqual(result.code, EXIT_UNAVAILABLE, result)
        self.assertIn("invalid plugin manifest", result.err)
        self.assertIn("roles", result.err)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
