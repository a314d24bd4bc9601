#!/usr/bin/env python3
"""bad_definition_test.py: one hostile or malformed definition file, imported through the CLI.

Usage: bad_definition_test.py --cli BIN --manifest M --definition CSMG.xml --bad-dir DIR NAME

On a store that already holds CSMG, `sfia-evidence --db DB import bad/NAME.xml` must exit 65,
print exactly the lines of DIR/NAME.expected (FILE standing for the path as typed) on stderr and
nothing on stdout, and leave the store as it was. NAME "too-large" has no file in DIR: it is made
here, one byte over the default import.max_bytes (see DIR/README.md).

With SFE_TEST_PG set (a libpq admin conninfo), the store is a PostgreSQL database of its own (cli.Store).
"""

import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli import Cli, Store, dump  # noqa: E402

EXIT_OK, EXIT_DATAERR = 0, 65
TOO_LARGE_BYTES = 16777216 + 1


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    for option in ("--cli", "--manifest", "--definition", "--bad-dir"):
        parser.add_argument(option, required=True)
    parser.add_argument("name")
    args = parser.parse_args()
    cli = Cli(os.path.abspath(args.cli), os.path.abspath(args.manifest))

    with open(os.path.join(args.bad_dir, args.name + ".expected"), encoding="utf-8") as f:
        expected_template = f.read()
    if not expected_template.endswith("\n"):
        expected_template += "\n"

    tmp = tempfile.mkdtemp(prefix="sfe-bad-")
    store = None
    try:
        store = Store(tmp)
        seeded = cli.run(*store.args(), "import", os.path.abspath(args.definition))
        if seeded.code != EXIT_OK:
            fail("seeding the store with %s failed: %r" % (args.definition, seeded))
        before = dump(store)

        # The path as a user would type it, relative to the working folder, with a folder in it.
        work = os.path.join(tmp, "work")
        os.makedirs(os.path.join(work, "bad"))
        typed = os.path.join("bad", args.name + ".xml")
        if args.name == "too-large":
            with open(os.path.join(work, typed), "wb") as f:
                f.truncate(TOO_LARGE_BYTES)
        else:
            shutil.copyfile(os.path.join(args.bad_dir, args.name + ".xml"), os.path.join(work, typed))

        result = cli.run(*store.args(), "import", typed, cwd=work)
        expected = expected_template.replace("FILE", typed)
        problems = []
        if result.code != EXIT_DATAERR:
            problems.append("exit %d, expected %d" % (result.code, EXIT_DATAERR))
        if result.err != expected:
            problems.append("stderr differs\n--- expected\n%s--- got\n%s" % (expected, result.err))
        if result.out != "":
            problems.append("stdout not empty: %r" % result.out)
        if dump(store) != before:
            problems.append("the store changed")
        if problems:
            fail("%s: %s" % (args.name, "\n".join(problems)))
        print("ok: %s refused with %d line(s), store unchanged" % (args.name, len(expected.splitlines())))
    finally:
        if store:
            store.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
