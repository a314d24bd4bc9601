#!/usr/bin/env python3
"""cli_test.py: the sfia-evidence CLI as its users run it: a process, its output, its exit code.

Usage: cli_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml --data tests/data/host [unittest args]

With SFE_TEST_PG set (a libpq admin conninfo), Workflow runs on a PostgreSQL database of its own per test
(cli.Store); the other suites are about the CLI itself and always use SQLite files.
"""

import glob
import json
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import StoreCase, dump, normalised, read_definition, with_database, cli_test_arguments  # noqa: E402

EXIT_OK, EXIT_USAGE, EXIT_DATAERR, EXIT_UNAVAILABLE, EXIT_IOERR, EXIT_CONFIG = 0, 64, 65, 69, 74, 78
ARGS = None


class CliCase(StoreCase):
    prefix = "sfe-cli-"

    def setUp(self):
        super().setUp()
        self.db = self.store.path

    def assertExit(self, result, code):
        self.assertEqual(result.code, code, result)

    def import_csmg(self):
        # English: without --lang the import speaks the definition's language (German).
        result = self.run_cli("import", ARGS.definition, "--lang", "en")
        self.assertExit(result, EXIT_OK)
        return result


class Workflow(CliCase):
    """import, skills, show: what a user sees, checked against the definition file itself."""

    def test_import_skills_show(self):
        definition = read_definition(ARGS.definition)
        code = definition["code"]

        imported = self.import_csmg()
        self.assertRegex(imported.out, r"^imported %s from %s \(definition [0-9a-f]{12}\u2026\)\n$"
                         % (code, re.escape(ARGS.definition)))
        self.assertEqual(imported.err, "")
        self.assertTrue(self.store.exists())

        skills = self.run_cli("skills")
        self.assertExit(skills, EXIT_OK)
        lines = skills.out.splitlines()
        self.assertEqual(lines[0].split(), ["CODE", "NAME", "LANGUAGE", "FRAMEWORK", "LEVELS", "DEFINITION", "IMPORTED"])
        self.assertEqual(len(lines), 2, skills.out)
        self.assertTrue(lines[1].startswith(code + " "), lines[1])
        self.assertIn(definition["name"], lines[1])
        defined = sorted(n for n, level in definition["levels"].items() if level["defined"])
        self.assertIn(" %d-%d " % (defined[0], defined[-1]), lines[1])

        # --lang en: without it the labels are in the definition's language (German for CSMG; i18n_cli_test.py).
        shown = self.run_cli("show", code, "--level", "3", "--lang", "en")
        self.assertExit(shown, EXIT_OK)
        self.assertEqual(shown.err, "")
        level = definition["levels"][3]
        self.assertTrue(shown.out.startswith("%s (%s)\n" % (definition["name"], code)), shown.out)
        self.assertIn("Level 3 \u2013 %s\n" % level["phrase"], shown.out)
        text = normalised(shown.out)
        self.assertIn("Essence: " + normalised(level["essence"]), text)
        self.assertTrue(level["responsibilities"])
        for rid, sentence in level["responsibilities"]:
            self.assertIn("%s %s" % (rid, normalised(sentence)), text)
        for other in definition["levels"][2]["responsibilities"]:
            self.assertNotIn(other[0], shown.out)
        self.assertNotIn("Level 2", shown.out)

    def test_show_without_level_shows_every_level(self):
        definition = read_definition(ARGS.definition)
        self.import_csmg()
        shown = self.run_cli("show", definition["code"], "--lang", "en")
        self.assertExit(shown, EXIT_OK)
        for number, level in definition["levels"].items():
            self.assertRegex(shown.out, r"(?m)^Level %d\b" % number)
            for rid, sentence in level["responsibilities"]:
                self.assertIn("%s %s" % (rid, normalised(sentence)), normalised(shown.out))
        for step in definition["lowerLevelSteps"]:
            self.assertIn("\u2022 " + normalised(step), normalised(shown.out))
        undefined = [n for n, level in definition["levels"].items() if not level["defined"]]
        for number in undefined:
            self.assertRegex(shown.out, r"(?m)^Level %d\b.*\(not defined for this skill\)$" % number)

    def test_show_json_is_the_plugins_json(self):
        definition = read_definition(ARGS.definition)
        self.import_csmg()
        shown = self.run_cli("show", definition["code"], "--level", "3", "--json")
        self.assertExit(shown, EXIT_OK)
        skill = json.loads(shown.out)
        self.assertEqual(skill["code"], definition["code"])
        self.assertEqual([(r["id"], r["text"]) for r in skill["levels"][0]["responsibilities"]],
                         definition["levels"][3]["responsibilities"])
        skills = json.loads(self.run_cli("skills", "--json").out)
        self.assertEqual([s["code"] for s in skills["skills"]], [definition["code"]])

    def test_reimport_is_unchanged_and_writes_nothing(self):
        first = self.import_csmg()
        before = dump(self.store)
        again = self.run_cli("import", ARGS.definition, "--lang", "en")
        self.assertExit(again, EXIT_OK)
        self.assertTrue(again.out.startswith("unchanged: "), again.out)
        self.assertEqual(first.out.split("(definition")[1], again.out.split("(definition")[1])
        self.assertEqual(dump(self.store), before)

    def test_unknown_skill_is_a_data_error(self):
        self.import_csmg()
        result = self.run_cli("show", "NOPE")
        self.assertExit(result, EXIT_DATAERR)
        self.assertEqual(result.out, "")
        self.assertIn("NOPE", result.err)

    def test_db_defaults_to_the_working_folder(self):
        if self.store.postgres:
            self.skipTest("the default store.path is SQLite's; on PostgreSQL store.url names the store")
        result = self.cli.run("import", ARGS.definition, cwd=self.tmp)
        self.assertExit(result, EXIT_OK)
        self.assertTrue(os.path.isfile(os.path.join(self.tmp, "sfia-evidence.db")))

    def test_store_that_cannot_be_opened_is_an_io_error(self):
        # A person waits a few seconds, not a minute, to learn the folder (or database) does not exist.
        if self.store.postgres:
            config = os.path.join(self.tmp, "absent.properties")
            with open(config, "w", encoding="utf-8") as f:
                f.write("store.connector = postgresql\nstore.url = %s\n"
                        % with_database(self.store.admin, "sfe_no_such_database"))
            result = self.cli.run("--config", config, "skills", timeout=15)
            self.assertExit(result, EXIT_IOERR)
            self.assertIn("sfe_no_such_database", result.err)
            return
        result = self.cli.run("--db", os.path.join(self.tmp, "no", "such", "folder", "x.db"), "skills", timeout=15)
        self.assertExit(result, EXIT_IOERR)
        self.assertTrue(result.err)


class Usage(CliCase):
    def test_help(self):
        result = self.cli.run("--help", manifest=False)
        self.assertExit(result, EXIT_OK)
        for command in ("import FILE", "show CODE [--level N] [--json]", "skills"):
            self.assertIn(command, result.out)
        self.assertIn("--db", result.out)

    def test_command_help_needs_no_arguments_and_no_plugin(self):
        result = self.cli.run("show", "--help", manifest=os.path.join(self.tmp, "absent.xml"))
        self.assertExit(result, EXIT_OK)
        self.assertIn("--level", result.out)

    def test_usage_errors(self):
        cases = [
            ([], "no command given"),
            (["frobnicate"], 'unknown command "frobnicate"'),
            (["show"], "show: missing CODE"),
            (["show", "CSMG", "--level", "three"], "level"),
            (["show", "CSMG", "--level", "8"], "level"),
            (["show", "CSMG", "--colour"], "colour"),
            (["skills", "--level", "3"], "level"),
            (["import", "a.xml", "b.xml"], 'unexpected argument "b.xml"'),
            (["--db"], "db"),
            (["--db", "a.db", "skills", "--db", "b.db"], "db"),
        ]
        for args, hint in cases:
            with self.subTest(args=args):
                result = self.cli.run(*args, cwd=self.tmp)
                self.assertExit(result, EXIT_USAGE)
                lines = result.err.splitlines()
                self.assertTrue(lines[0].startswith("sfia-evidence: "), result.err)
                self.assertIn(hint, lines[0])
                self.assertEqual(result.out, "")
        self.assertEqual(os.listdir(self.tmp), [], "a usage error must not create a store")

    def test_options_work_before_and_after_the_command(self):
        self.import_csmg()
        before = self.cli.run("--db", self.db, "skills")
        after = self.cli.run("skills", "--db=" + self.db)
        self.assertExit(before, EXIT_OK)
        self.assertEqual(before.out, after.out)


class Manifests(CliCase):
    """The manifest decides whether the library is loaded at all."""

    def setUp(self):
        super().setUp()
        with open(ARGS.manifest, encoding="utf-8") as f:
            self.abi = 'abiVersion="%s"' % re.search(r'abiVersion="(\d+)"', f.read()).group(1)

    def manifest_variant(self, old, new):
        """The built manifest with `old` replaced by `new`, in a temp folder beside a link to the
        real library, so that the one difference is the one the test makes."""
        with open(ARGS.manifest, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(text.count(old), 1, "the built manifest should contain %r once" % old)
        path = os.path.join(self.tmp, os.path.basename(ARGS.manifest))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))
        os.symlink(ARGS.module, os.path.join(self.tmp, os.path.basename(ARGS.module)))
        return path

    def loaded_objects(self, result_dir):
        """Every file the dynamic loader opened, from LD_DEBUG=files output."""
        text = ""
        for log in glob.glob(os.path.join(result_dir, "ld.*")):
            with open(log, encoding="utf-8", errors="replace") as f:
                text += f.read()
        return text

    def run_traced(self, manifest):
        trace = tempfile.mkdtemp(prefix="ld-", dir=self.tmp)
        result = self.cli.run("--db", self.db, "skills", manifest=manifest,
                              env={"LD_DEBUG": "files", "LD_DEBUG_OUTPUT": os.path.join(trace, "ld")})
        return result, self.loaded_objects(trace)

    def test_matching_abi_loads_the_library(self):
        # The control for the next test: the trace does show the library when it is loaded.
        manifest = self.manifest_variant(self.abi, self.abi)
        result, trace = self.run_traced(manifest)
        self.assertExit(result, EXIT_OK)
        self.assertIn(os.path.basename(ARGS.module), trace)

    def test_abi_mismatch_refuses_before_loading(self):
        manifest = self.manifest_variant(self.abi, 'abiVersion="999"')
        result, trace = self.run_traced(manifest)
        self.assertExit(result, EXIT_UNAVAILABLE)
        self.assertEqual(result.out, "")
        self.assertIn(manifest, result.err)
        host_abi = self.abi.split('"')[1]
        self.assertRegex(result.err, r"ABI version 999\b.*ABI version %s\b" % host_abi)
        self.assertIn("not loaded", result.err)
        self.assertNotIn(os.path.basename(ARGS.module), trace)
        self.assertFalse(os.path.exists(self.db), "the store must not be touched")

    def test_manifest_failing_its_schema(self):
        manifest = os.path.join(ARGS.data, "invalid-schema.plugin.xml")
        result = self.cli.run("--db", self.db, "skills", manifest=manifest)
        self.assertExit(result, EXIT_UNAVAILABLE)
        self.assertIn("invalid plugin manifest " + manifest, result.err)
        problems = [line for line in result.err.splitlines() if line.startswith(manifest + ":")]
        self.assertTrue(problems, result.err)
        self.assertTrue(all(re.match(re.escape(manifest) + r":\d+(:\d+)?: ", p) for p in problems), problems)
        self.assertIn("abiVersion", result.err)

    def test_manifest_with_a_doctype_is_refused(self):
        manifest = os.path.join(ARGS.data, "doctype.plugin.xml")
        result = self.cli.run("--db", self.db, "skills", manifest=manifest)
        self.assertExit(result, EXIT_UNAVAILABLE)
        self.assertIn(manifest + ":2:", result.err)
        self.assertIn("DOCTYPE is not allowed", result.err)
        self.assertNotIn("root:", result.err)      # /etc/passwd was never read

    def test_manifest_semantic_checks(self):
        manifest = self.manifest_variant('default="account"', 'default="mailbox"')
        result = self.cli.run("--db", self.db, "skills", manifest=manifest)
        self.assertExit(result, EXIT_UNAVAILABLE)
        self.assertRegex(result.err, re.escape(manifest) + r":\d+: configuration key xapi.actor: default \"mailbox\"")

    def test_manifest_from_the_environment_and_missing_manifests(self):
        result = self.cli.run("--db", self.db, "skills", manifest=False, env={"SFE_PLUGIN_MANIFEST": ARGS.manifest})
        self.assertExit(result, EXIT_OK)
        missing = os.path.join(self.tmp, "missing.plugin.xml")
        result = self.cli.run("--db", self.db, "skills", manifest=False, env={"SFE_PLUGIN_MANIFEST": missing})
        self.assertExit(result, EXIT_UNAVAILABLE)
        self.assertIn(missing, result.err)
        result = self.cli.run("--db", self.db, "skills", manifest=missing)
        self.assertExit(result, EXIT_UNAVAILABLE)

    def test_default_manifest_beside_the_executable(self):
        result = self.cli.run("--db", self.db, "skills", manifest=False)
        self.assertExit(result, EXIT_OK)

    def test_library_missing(self):
        manifest = self.manifest_variant(self.abi, self.abi)
        os.unlink(os.path.join(self.tmp, os.path.basename(ARGS.module)))
        result = self.cli.run("--db", self.db, "skills", manifest=manifest)
        self.assertExit(result, EXIT_UNAVAILABLE)
        self.assertIn(os.path.join(self.tmp, os.path.basename(ARGS.module)), result.err)


class Configuration(CliCase):
    def test_config_file_in_each_format_sets_the_store(self):
        configured = os.path.join(self.tmp, "configured.db")
        for name, text in [("c.properties", "store.path = %s\n" % configured),
                           ("c.ini", "[store]\npath = %s\n" % configured),
                           ("c.xml", "<config><store><path>%s</path></store></config>\n" % configured)]:
            with self.subTest(format=name):
                config = self.write(name, text)
                result = self.cli.run("--config", config, "import", ARGS.definition, cwd=self.tmp)
                self.assertExit(result, EXIT_OK)
                self.assertTrue(os.path.isfile(configured))
                self.assertFalse(os.path.exists(os.path.join(self.tmp, "sfia-evidence.db")))
                os.unlink(configured)

    def test_configuration_errors(self):
        cases = [
            (self.write("typo.properties", "store.pth = x.db\n"), "store.pth"),
            (self.write("c.yaml", "store: x\n"), "unsupported"),
            (os.path.join(self.tmp, "absent.properties"), "does not exist"),
            (self.write("level.properties", "log.level = chatty\n"), "chatty"),
        ]
        for config, hint in cases:
            with self.subTest(config=config):
                result = self.cli.run("--config", config, "--db", self.db, "skills")
                self.assertExit(result, EXIT_CONFIG)
                self.assertIn(hint, result.err)
                self.assertFalse(os.path.exists(self.db))

    def test_environment_overrides_the_file_and_db_overrides_both(self):
        # The plugin refuses an lrs.url that is not an http(s) URL when it starts, which shows
        # which layer's value it received. Nothing listens on the valid one; the CLI does not wait.
        unusable = "not a url"
        valid = "http://127.0.0.1:9/xapi/"
        bad_file = self.write("bad-lrs.properties", "lrs.url = %s\n" % unusable)
        good_file = self.write("good-lrs.properties", "lrs.url = %s\n" % valid)

        result = self.cli.run("--config", bad_file, "--db", self.db, "skills")
        self.assertExit(result, EXIT_CONFIG)
        self.assertIn(unusable, result.err)
        result = self.cli.run("--config", bad_file, "--db", self.db, "skills", env={"SFE_LRS_URL": valid})
        self.assertExit(result, EXIT_OK)
        result = self.cli.run("--config", good_file, "--db", self.db, "skills", env={"SFE_LRS_URL": unusable})
        self.assertExit(result, EXIT_CONFIG)
        self.assertIn(unusable, result.err)

        db_file = self.write("db.properties", "store.path = %s\n" % os.path.join(self.tmp, "from-file.db"))
        result = self.cli.run("--config", db_file, "--db", self.db, "import", ARGS.definition)
        self.assertExit(result, EXIT_OK)
        self.assertTrue(os.path.isfile(self.db))
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "from-file.db")))

    def test_log_level_from_the_config_file_reaches_stderr(self):
        config = self.write("debug.properties", "log.level = debug\n")
        quiet = self.cli.run("--db", self.db, "import", ARGS.definition)
        self.assertEqual(quiet.err, "")
        loud = self.cli.run("--config", config, "--db", self.db, "skills")
        self.assertExit(loud, EXIT_OK)
        self.assertIn("sfia-evidence", loud.err)


if __name__ == "__main__":
    ARGS = StoreCase.arguments = cli_test_arguments("module", "data")
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
