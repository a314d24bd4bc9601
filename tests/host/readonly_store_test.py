#!/usr/bin/env python3
"""readonly_store_test.py: an auditor verifies a copy of a SQLite store that they may not write.

Usage: readonly_store_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml [unittest args]

The copy is a file of mode 0444 in a folder of mode 0555. Root may write whatever the modes say, so
when the tests run as root (as in CI) the CLI runs as the user nobody (setpriv), who really cannot.
Each read command must answer on the copy exactly as it answers on the writable original; a write
must fail naming the store. Three copies: one made with `.backup` (no -wal, no -shm), one of the
files as the plugin leaves them (the -wal still holds recent changes, with its -shm index), and
one with the -wal but without its index, which SQLite cannot read in a read-only folder: that one
must be refused with a message that says why and what to do.
SQLite only: a PostgreSQL database has no file modes (a read-only role is the database's business).
"""

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import Cli, read_definition, cli_test_arguments  # noqa: E402

EXIT_OK, EXIT_IOERR = 0, 74
ARGS = None
NOBODY = 65534
READS = [
    ["audit", "verify"],
    ["evidence"],
    ["evidence", "--learner", "anna", "--json"],
    ["skills"],
    ["progress", "--learner", "anna", "--explain"],
    ["statements"],
    ["outbox"],
    ["mappings"],
]


def reader_prefix():
    """The command prefix that runs as a user who cannot write the copy: nobody, when we are root."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"]


def runnable_by_nobody(tmp):
    """The CLI and the plugin folder (manifest and module) where nobody can run them: as built, when
    every folder up to them is searchable by others; else a copy under `tmp` (CI may clone into a
    folder only root can enter, such as /root)."""
    def reachable(path):
        folder = path
        while folder != "/":
            folder = os.path.dirname(folder)
            if not os.stat(folder).st_mode & stat.S_IXOTH:
                return False
        return True
    if os.geteuid() != 0 or (reachable(ARGS.cli) and reachable(ARGS.manifest)):
        return ARGS.cli, ARGS.manifest
    app = os.path.join(tmp, "app")
    os.makedirs(app)
    cli = shutil.copy2(ARGS.cli, os.path.join(app, os.path.basename(ARGS.cli)))
    plugin = shutil.copytree(os.path.dirname(ARGS.manifest), os.path.join(app, "plugin"))
    for folder, _, _ in os.walk(app):
        os.chmod(folder, 0o755)
    return cli, os.path.join(plugin, os.path.basename(ARGS.manifest))


class ReadOnlyCopy(unittest.TestCase):
    def setUp(self):
        if os.geteuid() == 0 and not shutil.which("setpriv"):
            self.skipTest("running as root without setpriv: cannot run the CLI as a user who cannot write")
        self.tmp = tempfile.mkdtemp(prefix="sfe-readonly-")
        os.chmod(self.tmp, 0o755)
        self.cli = Cli(*runnable_by_nobody(self.tmp))
        self.original = os.path.join(self.tmp, "live", "store.db")
        os.mkdir(os.path.dirname(self.original))
        code = read_definition(ARGS.definition)["code"]
        level3 = [rid for rid, _ in read_definition(ARGS.definition)["levels"][3]["responsibilities"]]
        for args in (["import", ARGS.definition],
                     ["map", "c1", "--skill", code, "--level", "3", "--responsibility", level3[0]],
                     ["complete", "--learner", "anna", "--activity", "c1", "--score", "0.8"],
                     ["attest", "--learner", "anna", "--responsibility", level3[1], "--assessor", "mm",
                      "--note", "klar erklärt"],
                     ["complete", "--learner", "ben", "--activity", "c1"]):
            self.write(*args)

    def tearDown(self):
        for folder, _, _ in os.walk(self.tmp):
            os.chmod(folder, 0o755)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, *args, db=None):
        result = self.cli.run("--db", db or self.original, *args)
        self.assertEqual(result.code, EXIT_OK, result)
        return result

    def as_reader(self, db, *args):
        """Runs the CLI on `db` as a user who may read the copy but not write it."""
        command = reader_prefix() + [self.cli.executable, "--manifest", self.cli.manifest, "--db", db] + list(args)
        completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                                   cwd=self.tmp, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
        return completed.returncode, completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8")

    def copy(self, name, suffixes):
        """The original's files with `suffixes` ("" for the store file) copied into a new folder,
        then made read-only: files 0444, folder 0555."""
        folder = os.path.join(self.tmp, name)
        os.mkdir(folder)
        for suffix in suffixes:
            shutil.copyfile(self.original + suffix, os.path.join(folder, "store.db" + suffix))
            os.chmod(os.path.join(folder, "store.db" + suffix), 0o444)
        os.chmod(folder, 0o555)
        return os.path.join(folder, "store.db")

    def snapshot(self, folder):
        files = {}
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), "rb") as f:
                files[name] = f.read()
        return files

    def assert_reads_like_the_original(self, copy):
        before = self.snapshot(os.path.dirname(copy))
        for args in READS:
            code, out, err = self.as_reader(copy, *args)
            self.assertEqual(code, EXIT_OK, "%s on the read-only copy: exit %d\n%s" % (args, code, err))
            expected = self.write(*args).out
            self.assertEqual(out, expected, args)
        code, out, err = self.as_reader(copy, "privacy", "export", "--learner", "anna")
        self.assertEqual(code, EXIT_OK, err)
        self.assertIn("klar erklärt", out)
        code, out, err = self.as_reader(copy, "complete", "--learner", "anna", "--activity", "c1")
        self.assertEqual(code, EXIT_IOERR, out + err)
        self.assertIn("the store %s is open read-only" % copy, err)
        self.assertIn("it can be read and verified, not changed", err)
        self.assertEqual(self.snapshot(os.path.dirname(copy)), before, "the copy changed")

    def test_a_copy_made_with_backup_in_a_read_only_folder(self):
        backup = os.path.join(self.tmp, "backup.db")
        source = sqlite3.connect(self.original)
        target = sqlite3.connect(backup)
        source.backup(target)
        target.close()
        source.close()
        folder = os.path.join(self.tmp, "clean")
        os.mkdir(folder)
        copy = os.path.join(folder, "store.db")
        shutil.copyfile(backup, copy)
        os.chmod(copy, 0o444)
        os.chmod(folder, 0o555)
        self.assertEqual(sorted(os.listdir(folder)), ["store.db"])
        self.assert_reads_like_the_original(copy)

    def test_a_copy_of_the_files_with_their_write_ahead_log(self):
        # The plugin does not checkpoint when it closes: recent changes are in the -wal only.
        self.assertGreater(os.path.getsize(self.original + "-wal"), 0)
        copy = self.copy("with-wal", ["", "-wal", "-shm"])
        self.assert_reads_like_the_original(copy)

    def test_a_read_only_file_in_a_folder_the_reader_may_write(self):
        folder = os.path.join(self.tmp, "shared")
        os.mkdir(folder)
        copy = os.path.join(folder, "store.db")
        for suffix in ("", "-wal"):
            shutil.copyfile(self.original + suffix, copy + suffix)
            os.chmod(copy + suffix, 0o444)
        os.chmod(folder, 0o777)
        for args in READS[:3]:
            code, out, err = self.as_reader(copy, *args)
            self.assertEqual(code, EXIT_OK, "%s: exit %d\n%s" % (args, code, err))
            self.assertEqual(out, self.write(*args).out, args)

    def test_a_write_ahead_log_without_its_index_is_refused_with_the_reason(self):
        copy = self.copy("wal-only", ["", "-wal"])
        code, out, err = self.as_reader(copy, "audit", "verify")
        self.assertEqual(code, EXIT_IOERR, out + err)
        self.assertIn("its write-ahead log %s-wal holds changes not yet in the store file" % copy, err)
        self.assertIn("%s-shm is missing and cannot be created in the read-only folder" % copy, err)
        self.assertIn(".backup", err)


if __name__ == "__main__":
    ARGS = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
