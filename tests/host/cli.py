"""cli.py: runs the built sfia-evidence CLI as a process, for the host tests.

Standard library only. Every run gets an explicit --manifest (the built one unless a test gives
another), so nothing depends on where the tests are run from.

Store gives each test its store: a SQLite file in the test's folder, or, when SFE_TEST_PG holds a
libpq admin conninfo (ctest's _pg variants set it through tests/pg/with-pg.sh), a fresh PostgreSQL
database of its own, reached through psql (python3 has no PostgreSQL driver here).
"""

import os
import re
import shutil
import pty
import sqlite3
import subprocess
import tempfile
import threading
import unittest
import uuid
import xml.etree.ElementTree as ET

DEFINITION_NS = "{urn:sfia-evidence:definition:1.0}"


class Result:
    def __init__(self, completed):
        self.code = completed.returncode
        # Strict decoding: output that is not valid UTF-8 fails the test right here.
        self.out = completed.stdout.decode("utf-8")
        self.err = completed.stderr.decode("utf-8")

    def __repr__(self):
        return "exit %d\n--- stdout\n%s--- stderr\n%s" % (self.code, self.out, self.err)


class Cli:
    def __init__(self, executable, manifest):
        self.executable = executable
        self.manifest = manifest

    def run(self, *args, cwd=None, env=None, manifest=None, timeout=60):
        """Runs `sfia-evidence --manifest M ARGS...`; manifest=False leaves --manifest out."""
        command = [self.executable]
        if manifest is not False:
            command += ["--manifest", manifest or self.manifest]
        command += list(args)
        environment = dict(os.environ)
        for name in ("SFE_PLUGIN_MANIFEST", "SFE_LRS_URL", "SFE_LRS_USER", "SFE_LRS_PASSWORD"):
            environment.pop(name, None)
        environment.update(env or {})
        return Result(subprocess.run(command, cwd=cwd, env=environment, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, timeout=timeout))

    def run_on_terminal(self, *args, terminal="stderr", env=None, timeout=60):
        """Runs like run() with one stream ("stdout" or "stderr") on a pseudo-terminal, as a user at a
        terminal sees it. The other stream is drained from its pipe on a thread, so neither can fill
        and block the process. Returns (Result, the terminal's bytes as text); in the Result the
        terminal's stream is empty."""
        command = [self.executable, "--manifest", self.manifest, *args]
        environment = dict(os.environ)
        for name in ("SFE_PLUGIN_MANIFEST", "SFE_LRS_URL", "SFE_LRS_USER", "SFE_LRS_PASSWORD"):
            environment.pop(name, None)
        environment.update(env or {})
        master, slave = pty.openpty()
        streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, terminal: slave}
        process = subprocess.Popen(command, env=environment, **streams)
        os.close(slave)
        piped = process.stderr if terminal == "stdout" else process.stdout
        drained = []
        reader = threading.Thread(target=lambda: drained.append(piped.read()))
        reader.start()
        shown = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:         # the terminal closed: the process has ended
                break
            if not chunk:
                break
            shown += chunk
        os.close(master)
        reader.join(timeout=timeout)
        piped.close()
        code = process.wait(timeout=timeout)
        other = drained[0] if drained else b""
        completed = subprocess.CompletedProcess(command, code, other if terminal == "stderr" else b"",
                                                other if terminal == "stdout" else b"")
        return Result(completed), shown.decode("utf-8")


def dump(db):
    """The store's whole content as text: equal dumps mean an unchanged store. `db` is a SQLite file
    path or a Store."""
    if isinstance(db, Store):
        return db.dump()
    connection = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def postgres_admin():
    """The admin conninfo of the test PostgreSQL server, or "" when the tests run on SQLite."""
    return os.environ.get("SFE_TEST_PG", "").strip()


def with_database(conninfo, name):
    """`conninfo` (key=value or postgresql:// URI) naming database `name` instead of its own."""
    if re.match(r"^postgres(ql)?://", conninfo):
        match = re.match(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?(\?.*)?$", conninfo)
        return match.group(1) + "/" + name + (match.group(3) or "")
    # Single spaces between the pairs: Poco's PostgreSQL connector splits the string at every space.
    rest = " ".join(re.sub(r"(^|\s)dbname\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", " ", conninfo).split())
    return (rest + " " if rest else "") + "dbname=" + name


def sql_literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


class Store:
    """The store of one test. On SQLite: the file `folder`/store.db, passed with --db. On PostgreSQL
    (SFE_TEST_PG set): a new database, dropped by close(), whose store.connector and store.url sit in
    a .properties file outside `folder` (tests check that usage errors leave `folder` empty), passed
    with --config. Tests that pass their own --config put config_text() into it.

    rows() and execute() run SQL with `?` placeholders on either store, for what no command shows.
    """

    FIELD, RECORD = "\x1f", "\x1e"

    def __init__(self, folder):
        self.admin = postgres_admin()
        self.postgres = bool(self.admin)
        self.path = os.path.join(folder, "store.db")
        self.config = None
        if not self.postgres:
            return
        bindir = os.environ.get("SFE_TEST_PG_BINDIR", "")
        self.psql_binary = os.path.join(bindir, "psql") if bindir and os.path.exists(os.path.join(bindir, "psql")) \
            else (shutil.which("psql") or "psql")
        self.name = "sfe_host_" + uuid.uuid4().hex[:16]
        self._psql(self.admin, 'CREATE DATABASE "%s"' % self.name)
        self.url = with_database(self.admin, self.name)
        self._config_dir = tempfile.mkdtemp(prefix="sfe-pg-store-")
        self.config = os.path.join(self._config_dir, "store.properties")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(self.config_text())

    def close(self):
        if not self.postgres:
            return
        shutil.rmtree(self._config_dir, ignore_errors=True)
        # FORCE: a CLI process a test killed may still hold a connection.
        self._psql(self.admin, 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.name, check=False)

    def config_text(self):
        """The configuration lines that select this store ("" on SQLite, where --db does)."""
        if not self.postgres:
            return ""
        return "store.connector = postgresql\nstore.url = %s\n" % self.url

    def plugin_config(self):
        """The C door's configuration that selects this store: store.path on SQLite, store.connector and
        store.url on PostgreSQL."""
        if self.postgres:
            return {"store.connector": "postgresql", "store.url": self.url}
        return {"store.path": self.path}

    def args(self, *command):
        """The global options that select this store, for a CLI run with `command`: --db FILE on SQLite;
        on PostgreSQL --config FILE, unless the command has its own --config (which then holds
        config_text()), and --db all the same (store.path is ignored there)."""
        if self.postgres and "--config" not in command and not any(a.startswith("--config=") for a in command):
            return ["--config", self.config]
        return ["--db", self.path]

    def exists(self):
        """Whether the store was created: the file on SQLite, any table on PostgreSQL."""
        if not self.postgres:
            return os.path.isfile(self.path)
        return bool(self.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))

    def hex_of(self, column):
        """SQL for the hex digits of a hash the log stores as bytes (content_sha256, chain_hash; schema 12)."""
        return "ENCODE(%s, 'hex')" % column if self.postgres else "LOWER(HEX(%s))" % column

    def rows(self, sql, params=()):
        """The rows of a query, as tuples (of text on PostgreSQL)."""
        if not self.postgres:
            connection = sqlite3.connect(self.path)
            try:
                return [tuple(row) for row in connection.execute(sql, params)]
            finally:
                connection.close()
        out = self._psql(self.url, self._inline(sql, params), fields=True)
        if out.endswith("\n"):     # psql ends unaligned output with a newline after the last separator
            out = out[:-1]
        return [tuple(record.split(self.FIELD)) for record in out.split(self.RECORD) if record != ""]

    def execute(self, sql, params=()):
        """Runs a statement that changes the store (one transaction); returns the rows it changed."""
        if not self.postgres:
            connection = sqlite3.connect(self.path)
            try:
                with connection:
                    return connection.execute(sql, params).rowcount
            finally:
                connection.close()
        out = self._psql(self.url, self._inline(sql, params), quiet=False)
        match = re.search(r"^(?:UPDATE|DELETE|INSERT \d+) (\d+)$", out, re.M)
        return int(match.group(1)) if match else 0

    def dump(self):
        if not self.postgres:
            return dump(self.path)
        tables = [row[0] for row in self.rows(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")]
        # Every row of every table as text, in a stable order. Sequences are left out on purpose:
        # nextval() is not rolled back with a refused transaction, so it is no sign of a write.
        script = "".join('\\echo TABLE %s\nSELECT x::text FROM "%s" AS x ORDER BY 1;\n' % (t, t) for t in tables)
        return self._psql(self.url, None, script=script)

    @staticmethod
    def _inline(sql, params):
        """`sql` with each `?` replaced by its parameter as an SQL literal (psql takes no parameters)."""
        params = list(params)
        parts = sql.split("?")
        if len(parts) - 1 != len(params):
            raise ValueError("%d placeholders, %d parameters: %s" % (len(parts) - 1, len(params), sql))
        return parts[0] + "".join(sql_literal(p) + part for p, part in zip(params, parts[1:]))

    def _psql(self, conninfo, command, check=True, fields=False, quiet=True, script=None):
        args = [self.psql_binary, "-X", "-v", "ON_ERROR_STOP=1", "-d", conninfo] + (["-q"] if quiet else [])
        if fields:
            args += ["-A", "-t", "-F", self.FIELD, "-R", self.RECORD]
        elif script is not None:
            args += ["-A", "-t"]
        if command is not None:
            args += ["-c", command]
        completed = subprocess.run(args, input=(script or "").encode("utf-8"), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=60, env=tool_environment())
        if check and completed.returncode != 0:
            raise RuntimeError("psql %s failed (exit %d): %s" % (command or "script", completed.returncode,
                                                                 completed.stderr.decode("utf-8", "replace")))
        return completed.stdout.decode("utf-8")


class StoreCase(unittest.TestCase):
    """A test of the CLI on a fresh store in a temporary folder (a SQLite file, or a PostgreSQL database
    under the ctest fixture pg), removed afterwards. The suite sets StoreCase.arguments to
    cli_test_arguments()'s result before unittest runs."""

    arguments = None
    prefix = "sfe-test-"
    timeout = 60

    def setUp(self):
        self.cli = Cli(self.arguments.cli, self.arguments.manifest)
        self.tmp = tempfile.mkdtemp(prefix=self.prefix)
        self.store = Store(self.tmp)

    def tearDown(self):
        self.store.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args, **kwargs):
        """`sfia-evidence [store options] ARGS...` on this test's store; `kwargs` as Cli.run takes them
        (timeout: self.timeout unless given)."""
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return self.cli.run(*self.store.args(*args), *args, **kwargs)

    def ok(self, *args, **kwargs):
        """run_cli, which must exit 0."""
        result = self.run_cli(*args, **kwargs)
        self.assertEqual(result.code, 0, result)
        return result

    def fails(self, code, *args, **kwargs):
        """run_cli, which must exit `code`."""
        result = self.run_cli(*args, **kwargs)
        self.assertEqual(result.code, code, result)
        return result

    def write(self, name, text):
        """Writes `text` (UTF-8, line ends as given) to `name` in the test's folder; returns its path."""
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def write_config(self, name, text):
        """A --config file with `text` that also selects the test's store (the CLI takes one --config)."""
        return self.write(name, self.store.config_text() + text)

    def peak_kib(self, *args):
        """Runs the CLI on the test's store and returns its peak resident memory (KiB), from wait4's
        rusage; it must exit 0."""
        command = [self.cli.executable, "--manifest", self.cli.manifest, *self.store.args(*args), *args]
        # stderr to a file, not a pipe: a pipe nobody reads until the end would stop a chatty child.
        with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
            child = subprocess.Popen(command, stdout=sink, stderr=errors)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            errors.seek(0)
            err = errors.read()
        self.assertEqual(child.returncode, 0, err[-2000:])
        return usage.ru_maxrss


def normalised(text):
    """Text with every run of whitespace as one space, for comparing wrapped output."""
    return " ".join(text.split())


def read_definition(path):
    """What a definition file says about its first skill, read from the file itself:
    {"code", "name", "levels": {n: {"phrase", "essence", "defined", "responsibilities": [(id, text)]}},
     "lowerLevelSteps": [text]}."""
    root = ET.parse(path).getroot()
    skill = root.find(DEFINITION_NS + "skill")

    def text(element, name):
        found = element.find("%s%s/%stext" % (DEFINITION_NS, name, DEFINITION_NS))
        return found.text if found is not None else None

    levels = {}
    for level in skill.findall(DEFINITION_NS + "level"):
        responsibilities = [(r.get("id"), r.find(DEFINITION_NS + "text").text)
                            for r in level.findall(DEFINITION_NS + "responsibility")]
        levels[int(level.get("number"))] = {
            "phrase": text(level, "guidingPhrase"),
            "essence": text(level, "essence"),
            "defined": bool(responsibilities),
            "responsibilities": responsibilities,
        }
    steps = [step.find(DEFINITION_NS + "text").text
             for step in skill.findall("%slowerLevelsNotDefined/%sdevelopmentStep" % (DEFINITION_NS, DEFINITION_NS))]
    return {"code": skill.get("code"), "name": text(skill, "name"), "levels": levels, "lowerLevelSteps": steps}


def cli_test_arguments(*extra):
    """The arguments every CLI test module takes: --cli BIN --manifest MANIFEST --definition FILE, and
    one more required option for each name in `extra` (such as "module" for --module PLUGIN.so), all
    paths made absolute, since tests change folders; the rest, for unittest, in `.rest`."""
    import argparse
    names = ("cli", "manifest", "definition") + extra
    parser = argparse.ArgumentParser()
    for name in names:
        parser.add_argument("--" + name, required=True)
    args, args.rest = parser.parse_known_args()
    for name in names:
        setattr(args, name, os.path.abspath(getattr(args, name)))
    return args


def tool_environment():
    """The environment for tools that are not ours, such as psql: without the sanitizer runtime that
    sanitizer builds preload into interpreters which load the plugin module (tests/CMakeLists.txt).
    psql with ASan's runtime preloaded prints its answer and then hangs at exit."""
    return {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "LSAN_OPTIONS")}
