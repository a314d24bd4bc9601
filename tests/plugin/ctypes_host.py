#!/usr/bin/env python3
"""ctypes_host.py: drives the plugin's C door from Python, as a non-C++ LMS host would.

Standard library only. Usage: ctypes_host.py MODULE DEFINITION.xml
The expected skill content is read from DEFINITION.xml itself, not written down here.
"""

import ctypes
import json
import os
import shutil
import sys
import tempfile
import time
import types
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
from cli import Store  # noqa: E402

SFE_OK, SFE_INVALID, SFE_NOTFOUND, SFE_MISUSE, SFE_CONFIG = 0, 2, 3, 6, 7
ABI_VERSION = 1          # the SFE_ABI_VERSION this host was written against
DEFINITION_NS = "{urn:sfia-evidence:definition:1.0}"

MODULE = None
DEFINITION = None


class SfeHost(ctypes.Structure):
    _fields_ = [
        ("abi_version", ctypes.c_int),
        ("host_data", ctypes.c_void_p),
        ("log", ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p)),
        ("now_ms", ctypes.CFUNCTYPE(ctypes.c_longlong, ctypes.c_void_p)),
    ]


class Door:
    """The C door's functions, declared from sfe.h. Strings the plugin returns are taken as
    c_void_p so that this host, not ctypes, frees them with sfe_free."""

    def __init__(self, path):
        lib = ctypes.CDLL(path)
        lib.sfe_abi_version.restype = ctypes.c_int
        lib.sfe_abi_version.argtypes = []
        lib.sfe_libversion.restype = ctypes.c_char_p
        lib.sfe_libversion.argtypes = []
        lib.sfe_open.restype = ctypes.c_int
        lib.sfe_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(SfeHost), ctypes.POINTER(ctypes.c_void_p),
                                 ctypes.POINTER(ctypes.c_void_p)]
        lib.sfe_call.restype = ctypes.c_int
        lib.sfe_call.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.sfe_errmsg.restype = ctypes.c_char_p
        lib.sfe_errmsg.argtypes = [ctypes.c_void_p]
        lib.sfe_errstr.restype = ctypes.c_char_p
        lib.sfe_errstr.argtypes = [ctypes.c_int]
        lib.sfe_free.restype = None
        lib.sfe_free.argtypes = [ctypes.c_void_p]
        lib.sfe_close.restype = None
        lib.sfe_close.argtypes = [ctypes.c_void_p]
        self.lib = lib

    def take_string(self, pointer):
        """Copies a plugin-owned string and releases it with sfe_free."""
        if not pointer:
            return None
        try:
            return ctypes.string_at(pointer).decode("utf-8")
        finally:
            self.lib.sfe_free(pointer)

    def open(self, config, host=None):
        handle = ctypes.c_void_p()
        error = ctypes.c_void_p()
        status = self.lib.sfe_open(json.dumps(config).encode("utf-8") if config is not None else None,
                                   ctypes.byref(host) if host is not None else None,
                                   ctypes.byref(handle), ctypes.byref(error))
        return status, handle, self.take_string(error.value)

    def open_raw(self, config_text):
        handle = ctypes.c_void_p()
        error = ctypes.c_void_p()
        status = self.lib.sfe_open(config_text.encode("utf-8"), None, ctypes.byref(handle), ctypes.byref(error))
        return status, handle, self.take_string(error.value)

    def call(self, handle, operation, request):
        response = ctypes.c_void_p()
        body = request if isinstance(request, (bytes, type(None))) else json.dumps(request).encode("utf-8")
        status = self.lib.sfe_call(handle, operation.encode("utf-8"), body, ctypes.byref(response))
        text = self.take_string(response.value)
        return status, (json.loads(text) if text else None)

    def errmsg(self, handle):
        return self.lib.sfe_errmsg(handle).decode("utf-8")


class StorePlugin:
    """One handle of the plugin on a test store (tests/host/cli.py's Store: a SQLite file, or a
    PostgreSQL database under the ctest fixture pg), with a silent log callback, the real clock and
    background sending off; `extra` adds configuration. Raises RuntimeError when sfe_open fails."""

    def __init__(self, door, store, extra=None):
        self.door = door
        config = dict(store.plugin_config(), **{"lrs.background": "false"})
        config.update(extra or {})
        log = SfeHost._fields_[2][1](lambda _data, _level, _message: None)
        now = SfeHost._fields_[3][1](lambda _data: int(time.time() * 1000))
        self._callbacks = (log, now)        # kept alive as long as the handle
        status, self.handle, error = door.open(config, SfeHost(ABI_VERSION, None, log, now))
        if status != SFE_OK:
            raise RuntimeError("sfe_open: status %d: %s" % (status, error))

    def call(self, op, request):
        return self.door.call(self.handle, op, request)

    def close(self):
        self.door.lib.sfe_close(self.handle)


def door_test_arguments(*names):
    """The positional arguments of a C door test module, one per name in `names` (such as "module",
    "definition"), as attributes holding absolute paths; the rest of the command line, for unittest,
    in `.rest`."""
    if len(sys.argv) <= len(names):
        sys.exit("usage: %s %s [unittest args]" % (os.path.basename(sys.argv[0]), " ".join(n.upper() for n in names)))
    args = types.SimpleNamespace(**{name: os.path.abspath(path) for name, path in zip(names, sys.argv[1:])})
    args.rest = sys.argv[1 + len(names):]
    return args


class StorePluginCase(unittest.TestCase):
    """A test of the C door on a fresh store (cli.Store in a temporary folder: a SQLite file, or a
    PostgreSQL database under the ctest fixture pg) through one StorePlugin handle, all removed
    afterwards. The suite sets StorePluginCase.arguments to door_test_arguments("module", ...)'s result
    before unittest runs."""

    arguments = None
    prefix = "sfe-door-"

    def setUp(self):
        self.door = Door(self.arguments.module)
        self.folder = tempfile.mkdtemp(prefix=self.prefix)
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.store = Store(self.folder)
        self.addCleanup(self.store.close)
        self.plugin = StorePlugin(self.door, self.store)
        self.addCleanup(self.plugin.close)
        self.handle = self.plugin.handle

    def ok(self, op, request):
        """The response to `op`, which must answer SFE_OK."""
        status, response = self.door.call(self.handle, op, request)
        self.assertEqual(status, SFE_OK, "%s %r: %r" % (op, request, response))
        return response

    def refused(self, op, request, field):
        """The message of `op`'s refusal as SFE_INVALID, which must name `field`."""
        status, response = self.door.call(self.handle, op, request)
        self.assertEqual(status, SFE_INVALID, "%s %r: %r" % (op, request, response))
        self.assertIn("'%s'" % field, response["message"])
        return response["message"]

    def pages(self, op, limit, request=None, between=None):
        """Every page of `op` with `limit`, following "next" (which must be a cursor of `op`) to the
        end; `between` runs after each page but the last."""
        pages, after = [], None
        while True:
            page_request = dict(request or {}, limit=limit)
            if after is not None:
                page_request["after"] = after
            page = self.ok(op, page_request)
            pages.append(page)
            after = page.get("next")
            if after is None:
                return pages
            self.assertTrue(after.startswith(op + ":"), after)
            if between:
                between()

    def walk(self, op, key, limit, request=None, between=None):
        """The items (page[key]) of every page of `op` with `limit`, and the cursors between the pages;
        no page holds more than `limit` items, and each before the last holds `limit`."""
        pages = self.pages(op, limit, request, between)
        for page in pages:
            self.assertLessEqual(len(page[key]), limit)
        for page in pages[:-1]:
            self.assertEqual(len(page[key]), limit, "a page before the last is full")
        return [item for page in pages for item in page[key]], [page["next"] for page in pages[:-1]]


def definition_levels(path):
    """{level number: [(responsibility id, text), ...]} as DEFINITION.xml states it."""
    root = ET.parse(path).getroot()
    levels = {}
    for level in root.iter(DEFINITION_NS + "level"):
        levels[int(level.get("number"))] = [
            (r.get("id"), r.find(DEFINITION_NS + "text").text) for r in level.findall(DEFINITION_NS + "responsibility")]
    return root.find(DEFINITION_NS + "skill").get("code"), levels


class CDoorFromPython(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.door = Door(MODULE)
        cls.code, cls.levels = definition_levels(DEFINITION)

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory(prefix="sfe-ctypes-")
        self.db = os.path.join(self.folder.name, "ctypes.db")
        self.log_lines = []
        # Keep the callbacks referenced for as long as the plugin may call them.
        self.log_cb = SfeHost._fields_[2][1](lambda _data, level, message: self.log_lines.append((level, message)))
        self.now_cb = SfeHost._fields_[3][1](lambda _data: 1700000000123)
        self.host = SfeHost(ABI_VERSION, None, self.log_cb, self.now_cb)
        status, self.handle, error = self.door.open({"store.path": self.db}, self.host)
        self.assertEqual(status, SFE_OK, error)
        self.assertTrue(self.handle.value)

    def tearDown(self):
        self.door.lib.sfe_close(self.handle)
        self.folder.cleanup()

    def test_abi_and_version(self):
        self.assertEqual(self.door.lib.sfe_abi_version(), ABI_VERSION)
        self.assertRegex(self.door.lib.sfe_libversion().decode(), r"^\d+\.\d+\.\d+$")

    def test_import_show_and_reimport(self):
        status, imported = self.door.call(self.handle, "import", {"path": DEFINITION})
        self.assertEqual(status, SFE_OK, self.door.errmsg(self.handle))
        self.assertEqual(imported["result"], "imported")
        self.assertEqual(imported["skills"], [self.code])
        self.assertRegex(imported["definition"], r"^[0-9a-f]{64}$")
        self.assertEqual(self.door.errmsg(self.handle), "")

        status, again = self.door.call(self.handle, "import", {"path": DEFINITION})
        self.assertEqual((status, again["result"], again["definition"]), (SFE_OK, "unchanged", imported["definition"]))

        status, shown = self.door.call(self.handle, "show", {"code": self.code, "level": 3})
        self.assertEqual(status, SFE_OK, self.door.errmsg(self.handle))
        self.assertEqual(shown["code"], self.code)
        self.assertEqual([level["number"] for level in shown["levels"]], [3])
        self.assertEqual([(r["id"], r["text"]) for r in shown["levels"][0]["responsibilities"]], self.levels[3])

    def test_import_from_memory_names_the_upload(self):
        with open(DEFINITION, "rb") as f:
            xml = f.read().decode("utf-8")
        status, imported = self.door.call(self.handle, "import", {"xml": xml, "name": "upload.xml"})
        self.assertEqual((status, imported["result"]), (SFE_OK, "imported"), self.door.errmsg(self.handle))
        status, error = self.door.call(self.handle, "import", {"xml": "<definition", "name": "upload.xml"})
        self.assertEqual(status, SFE_INVALID)
        self.assertEqual(error["error"], "invalid")
        self.assertTrue(error["problems"])
        self.assertTrue(all(p["file"] == "upload.xml" for p in error["problems"]), error["problems"])
        self.assertTrue(error["message"].startswith("upload.xml:"), error["message"])

    def test_errors(self):
        status, error = self.door.call(self.handle, "show", {"code": "NOPE"})
        self.assertEqual(status, SFE_NOTFOUND)
        self.assertEqual((error["status"], error["error"]), (SFE_NOTFOUND, "notFound"))
        self.assertIn("NOPE", error["message"])
        self.assertEqual(self.door.errmsg(self.handle), error["message"])
        self.assertTrue(self.door.lib.sfe_errstr(status))

        status, error = self.door.call(self.handle, "show", b"[1, 2")
        self.assertEqual(status, SFE_INVALID)
        self.assertEqual(error["error"], "invalid")

        status, error = self.door.call(self.handle, "no-such-operation", {})
        self.assertEqual(status, SFE_MISUSE)
        self.assertIn("no-such-operation", self.door.errmsg(self.handle))

    def test_bad_configuration_gives_no_handle(self):
        status, handle, error = self.door.open_raw("{not json")
        self.assertEqual(status, SFE_CONFIG)
        self.assertFalse(handle.value)
        self.assertTrue(error)


class HandleLifetimes(unittest.TestCase):
    """Handles the host closed, and handles living side by side, each with its own host callbacks."""

    def setUp(self):
        self.door = Door(MODULE)
        self.folder = tempfile.TemporaryDirectory(prefix="sfe-ctypes-")
        self.addCleanup(self.folder.cleanup)
        self.hosts = []

    def host(self, lines):
        log = SfeHost._fields_[2][1](lambda _data, level, message: lines.append(message.decode("utf-8")))
        now = SfeHost._fields_[3][1](lambda _data: 1700000000123)
        host = SfeHost(ABI_VERSION, None, log, now)
        self.hosts.append((host, log, now))     # the callbacks must live as long as the handle
        return host

    def test_a_closed_handle_is_refused_and_closing_twice_is_harmless(self):
        status, handle, error = self.door.open({"store.path": os.path.join(self.folder.name, "a.db")})
        self.assertEqual(status, SFE_OK, error)
        self.door.lib.sfe_close(handle)
        status, response = self.door.call(handle, "skills", {})
        self.assertEqual(status, SFE_MISUSE)
        self.assertEqual(response["error"], "misuse")
        self.assertIn("closed", self.door.errmsg(handle))
        self.door.lib.sfe_close(handle)         # a second close: no-op, no crash
        # A handle opened later is never mistaken for the closed one.
        status, later, error = self.door.open({"store.path": os.path.join(self.folder.name, "b.db")})
        self.assertEqual(status, SFE_OK, error)
        self.addCleanup(self.door.lib.sfe_close, later)
        self.assertNotEqual(later.value, handle.value)
        self.assertEqual(self.door.call(handle, "skills", {})[0], SFE_MISUSE)
        self.assertEqual(self.door.call(later, "skills", {})[0], SFE_OK)

    def test_each_handle_logs_to_its_own_host_and_a_closed_one_is_never_called(self):
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
        from fake_lrs import FakeLrs
        a_lines, b_lines = [], []
        with FakeLrs(fail=True) as lrs:       # every POST answered 503: the sender logs its retries
            config = {"store.path": os.path.join(self.folder.name, "shared.db"), "lrs.url": lrs.url,
                      "lrs.background": "false", "log.level": "debug"}
            status, a, error = self.door.open(config, self.host(a_lines))
            self.assertEqual(status, SFE_OK, error)
            self.addCleanup(self.door.lib.sfe_close, a)
            status, b, error = self.door.open(config, self.host(b_lines))     # opened last
            self.assertEqual(status, SFE_OK, error)
            self.door.lib.sfe_close(b)
            b_lines_at_close = len(b_lines)
            self.assertEqual(self.door.call(a, "import", {"path": DEFINITION})[0], SFE_OK)
            self.assertEqual(self.door.call(a, "map", {"activity": "k1", "skill": "CSMG", "level": 3})[0], SFE_OK)
            self.assertEqual(self.door.call(a, "complete", {"learner": "l1", "activity": "k1"})[0], SFE_OK)
            status, summary = self.door.call(a, "sync", {"timeLimitMs": 1500})
            self.assertEqual(status, SFE_OK, summary)
        self.assertEqual(len(b_lines), b_lines_at_close, "the closed handle's callback was called: %r"
                         % b_lines[b_lines_at_close:])
        self.assertTrue(any("503" in line for line in a_lines), "A's delivery lines did not reach A: %r" % a_lines)


def reentry_child(module, definition, folder, on_sender_thread):
    """Runs in a child process (a deadlock must not hang the test): a host whose log callback calls
    sync on its own handle, while the handle syncs (on the caller's thread) or while its background
    sender retries (on the sender's thread). Prints what the calls returned, as JSON."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
    from fake_lrs import FakeLrs
    import threading
    door = Door(module)
    handle = ctypes.c_void_p()
    nested = []         # (status, message, thread name) of each call made from inside the callback

    def log(_data, _level, message):
        if len(nested) < 3:
            response = ctypes.c_void_p()
            status = door.lib.sfe_call(handle, b"sync", b"{}", ctypes.byref(response))
            text = door.take_string(response.value)
            nested.append((status, json.loads(text)["message"] if text else None, threading.current_thread().name))
            door.lib.sfe_close(handle)      # ignored from inside a callback: the handle stays open
        if on_sender_thread and len(nested) == 3:
            done.set()

    done = threading.Event()
    log_cb = SfeHost._fields_[2][1](log)
    host = SfeHost(ABI_VERSION, None, log_cb, SfeHost._fields_[3][1](0))
    with FakeLrs(fail=on_sender_thread) as lrs:
        config = {"store.path": os.path.join(folder, "reentry.db"), "lrs.url": lrs.url, "log.level": "debug",
                  "lrs.background": "true" if on_sender_thread else "false"}
        error = ctypes.c_void_p()
        status = door.lib.sfe_open(json.dumps(config).encode(), ctypes.byref(host), ctypes.byref(handle),
                                   ctypes.byref(error))
        assert status == SFE_OK, door.take_string(error.value)
        del nested[:]      # lines logged while opening came before the handle was known
        for operation, request in (("import", {"path": definition}),
                                   ("map", {"activity": "k1", "skill": "CSMG", "level": 3}),
                                   ("complete", {"learner": "l1", "activity": "k1"})):
            response = ctypes.c_void_p()
            assert door.lib.sfe_call(handle, operation.encode(), json.dumps(request).encode(),
                                     ctypes.byref(response)) == SFE_OK
            door.take_string(response.value)
        outer = None
        if on_sender_thread:
            done.wait(20)
        else:
            response = ctypes.c_void_p()
            outer = door.lib.sfe_call(handle, b"sync", b'{"timeLimitMs": 5000}', ctypes.byref(response))
            door.take_string(response.value)
        response = ctypes.c_void_p()
        after = door.lib.sfe_call(handle, b"outbox", b"{}", ctypes.byref(response))
        door.take_string(response.value)
        door.lib.sfe_close(handle)
    print(json.dumps({"outer": outer, "nested": nested, "after": after}))


class LogCallbacks(unittest.TestCase):
    """A host's log callback that calls back into the plugin, and callbacks around sfe_close."""

    def run_child(self, on_sender_thread):
        import subprocess
        with tempfile.TemporaryDirectory(prefix="sfe-ctypes-") as folder:
            try:
                child = subprocess.run([sys.executable, os.path.abspath(__file__), MODULE, DEFINITION, "--reentry-child",
                                        folder, "sender" if on_sender_thread else "caller"],
                                       capture_output=True, text=True, timeout=60)
            except subprocess.TimeoutExpired:
                self.fail("the host hung: a log callback calling back into its handle deadlocked the plugin")
        self.assertEqual(child.returncode, 0, child.stderr)
        return json.loads(child.stdout.strip().splitlines()[-1])

    def check_refused(self, nested):
        self.assertTrue(nested, "the callback was never called")
        for status, message, _thread in nested:
            self.assertEqual(status, SFE_MISUSE, message)
            self.assertIn("log callback", message)

    def test_a_callback_calling_back_during_sync_is_refused_not_deadlocked(self):
        result = self.run_child(on_sender_thread=False)
        self.assertEqual(result["outer"], SFE_OK)
        self.assertEqual(result["after"], SFE_OK, "sfe_close from inside the callback closed the handle")
        self.check_refused(result["nested"])
        self.assertTrue(all(thread == "MainThread" for _s, _m, thread in result["nested"]), result["nested"])

    def test_a_callback_calling_back_on_the_sender_thread_is_refused_not_deadlocked(self):
        result = self.run_child(on_sender_thread=True)
        self.check_refused(result["nested"])
        self.assertEqual(result["after"], SFE_OK, "sfe_close from inside the callback closed the handle")
        self.assertTrue(any(thread != "MainThread" for _s, _m, thread in result["nested"]), result["nested"])

    def test_no_callback_after_sfe_close_while_another_handle_syncs(self):
        """B's background sender logs its retries into B's callback; B is closed while A syncs on
        another thread, and from then on B's callback must never run (the host frees it)."""
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
        from fake_lrs import FakeLrs
        import threading
        door = Door(MODULE)
        folder = tempfile.TemporaryDirectory(prefix="sfe-ctypes-")
        self.addCleanup(folder.cleanup)
        closed = threading.Event()
        late = []
        b_lines = []

        def b_log(_data, _level, message):
            b_lines.append(message)
            if closed.is_set():
                late.append(message.decode("utf-8"))

        a_log = SfeHost._fields_[2][1](lambda _d, _l, _m: None)
        b_cb = SfeHost._fields_[2][1](b_log)
        now = SfeHost._fields_[3][1](0)
        a_host, b_host = SfeHost(ABI_VERSION, None, a_log, now), SfeHost(ABI_VERSION, None, b_cb, now)
        with FakeLrs(fail=True, delay=0.05) as lrs:
            store = os.path.join(folder.name, "shared.db")
            status, a, error = door.open({"store.path": store, "lrs.url": lrs.url, "lrs.background": "false",
                                          "log.level": "debug"}, a_host)
            self.assertEqual(status, SFE_OK, error)
            self.addCleanup(door.lib.sfe_close, a)
            status, b, error = door.open({"store.path": store, "lrs.url": lrs.url, "lrs.background": "true",
                                          "log.level": "trace"}, b_host)
            self.assertEqual(status, SFE_OK, error)
            self.assertEqual(door.call(a, "import", {"path": DEFINITION})[0], SFE_OK)
            self.assertEqual(door.call(a, "map", {"activity": "k1", "skill": "CSMG", "level": 3})[0], SFE_OK)
            for i in range(5):
                self.assertEqual(door.call(b, "complete", {"learner": "l%d" % i, "activity": "k1"})[0], SFE_OK)
            syncing = threading.Thread(target=lambda: door.call(a, "sync", {"timeLimitMs": 1500}))
            syncing.start()
            deadline = time.monotonic() + 10
            while not b_lines and time.monotonic() < deadline:
                time.sleep(0.01)
            self.assertTrue(b_lines, "B's sender never logged")
            door.lib.sfe_close(b)
            closed.set()
            syncing.join(30)
            self.assertFalse(syncing.is_alive())
            time.sleep(0.2)     # not an assertion: B's former threads would have had time to call
        self.assertEqual(late, [], "B's callback ran after sfe_close returned")


class StrictInput(unittest.TestCase):
    """Control characters and invalid UTF-8 never reach the store, whichever operation and field
    they come in; the error names the field and the character's position."""

    # (operation, a request that gets as far as reading its strings, the id/text fields it reads)
    CASES = [
        ("import", {"path": "x.xml"}, ["path"]),
        ("import", {"xml": "<x/>", "name": "n"}, ["name"]),
        ("show", {"code": "CSMG", "language": "de"}, ["code", "language"]),
        ("map", {"activity": "a", "skill": "CSMG", "level": 3, "name": "n", "type": "course"},
         ["activity", "skill", "name", "type"]),
        ("map", {"activity": "a", "skill": "CSMG", "level": 3, "responsibilities": ["CSMG-3.1"]}, ["responsibilities"]),
        ("unmap", {"activity": "a", "skill": "CSMG"}, ["activity", "skill"]),
        ("unmap", {"mapping": "m"}, ["mapping"]),
        ("mappings", {"skill": "CSMG"}, ["skill"]),
        ("coverage", {"skill": "CSMG"}, ["skill"]),
        ("complete", {"eventId": "e", "learner": "l", "activity": "k1", "verb": "completed",
                      "at": "2023-11-14T22:13:20Z"}, ["eventId", "learner", "activity", "verb", "at"]),
        ("attest", {"eventId": "e", "learner": "l", "responsibility": "CSMG-3.1", "assessor": "a",
                    "outcome": "demonstrated", "evidenceUrl": "https://x.example/e"},
         ["eventId", "learner", "responsibility", "assessor", "outcome", "evidenceUrl"]),
        ("withdraw", {"evidence": "e", "reason": "r", "eventId": "w"}, ["evidence", "eventId"]),
        ("evidence", {"learner": "l", "skill": "CSMG", "assessor": "a", "kind": "learning"},
         ["learner", "skill", "assessor", "kind"]),
        ("statements", {"learner": "l", "state": "pending"}, ["learner", "state"]),
        ("progress", {"learner": "l", "skill": "CSMG"}, ["learner", "skill"]),
        ("verify", {"evidence": "e", "auditor": "a", "note": "n"}, ["evidence", "auditor"]),
        ("privacy.export", {"person": "p"}, ["person"]),
        ("privacy.erase", {"person": "p"}, ["person"]),
        ("audit.export", {"dir": "d"}, ["dir"]),
        ("keys.generate", {"dir": "d", "commonName": "c"}, ["dir", "commonName"]),
        ("retry", {"id": "s"}, ["id"]),
    ]
    TEXT_CASES = [("attest", {"learner": "l", "responsibility": "CSMG-3.1", "assessor": "a"}, "note"),
                  ("withdraw", {"evidence": "e", "reason": "r"}, "reason"),
                  ("verify", {"evidence": "e", "auditor": "a"}, "note")]

    def setUp(self):
        self.door = Door(MODULE)
        self.folder = tempfile.TemporaryDirectory(prefix="sfe-ctypes-")
        self.addCleanup(self.folder.cleanup)
        status, self.handle, error = self.door.open({"store.path": os.path.join(self.folder.name, "strict.db")})
        self.assertEqual(status, SFE_OK, error)
        self.addCleanup(self.door.lib.sfe_close, self.handle)
        self.assertEqual(self.door.call(self.handle, "import", {"path": DEFINITION})[0], SFE_OK)
        self.assertEqual(self.door.call(self.handle, "map", {"activity": "k1", "skill": "CSMG", "level": 3})[0], SFE_OK)

    def refused(self, operation, request, field, position, character):
        status, error = self.door.call(self.handle, operation, request)
        self.assertEqual(status, SFE_INVALID, "%s %s: %r" % (operation, field, error))
        self.assertIn("'%s' contains the control character %s at character %d" % (field, character, position),
                      error["message"])

    def test_every_id_field_of_every_operation_refuses_control_characters(self):
        for operation, base, fields in self.CASES:
            for field in fields:
                for character, name in (("\u0000", "U+0000"), ("\u001b", "U+001B"), ("\t", "U+0009"),
                                        ("\n", "U+000A"), ("\u007f", "U+007F"), ("\u009b", "U+009B")):
                    request = dict(base)
                    if isinstance(base[field], list):
                        request[field] = ["CSMG-3.1", "ab" + character]
                        self.refused(operation, request, field + "[1]", 3, name)
                    else:
                        request[field] = "ab" + character + "cd"
                        self.refused(operation, request, field, 3, name)

    def test_free_text_takes_tabs_and_line_breaks_but_no_other_control_character(self):
        for operation, base, field in self.TEXT_CASES:
            request = dict(base)
            request[field] = "first line\r\n\tsecond \u001b[31mred"
            self.refused(operation, request, field, 21, "U+001B")
        status, recorded = self.door.call(self.handle, "attest", {
            "learner": "l1", "responsibility": "CSMG-3.1", "assessor": "a1", "note": "seen twice:\n\tat work\r\n"})
        self.assertEqual(status, SFE_OK, recorded)
        status, listed = self.door.call(self.handle, "evidence", {"learner": "l1"})
        self.assertEqual(listed["evidence"][0]["note"], "seen twice:\n\tat work\r\n")

    def test_a_nul_never_reaches_the_store_and_audit_verify_stays_ok(self):
        # Before: accepted, stored, read back cut short, and audit verify failed for the whole store.
        for field in ("assessor", "note", "eventId"):
            request = {"learner": "l1", "responsibility": "CSMG-3.1", "assessor": "a1", "eventId": "e1", "note": "n"}
            request[field] = "x\u0000y"
            self.refused("attest", request, field, 2, "U+0000")
        status, events = self.door.call(self.handle, "record", {"events": [
            {"type": "completion", "learner": "l2", "activity": "k1"},
            {"type": "attestation", "learner": "l2", "responsibility": "CSMG-3.1", "assessor": "a\u0000"}]})
        self.assertEqual(status, SFE_INVALID, events)
        self.assertIn("event 2 (attest): 'assessor' contains the control character U+0000 at character 2",
                      events["message"])
        status, listed = self.door.call(self.handle, "evidence", {})
        self.assertEqual((status, listed["evidence"]), (SFE_OK, []))
        self.assertEqual(self.door.call(self.handle, "attest", {"learner": "l1", "responsibility": "CSMG-3.1",
                                                                "assessor": "a1", "eventId": "e1"})[0], SFE_OK)
        status, verified = self.door.call(self.handle, "audit.verify", {})
        self.assertEqual(status, SFE_OK, verified)
        self.assertTrue(verified["ok"], verified)

    def test_invalid_utf8_is_refused_with_its_byte(self):
        status, error = self.door.call(self.handle, "attest", b'{"learner": "l\xc3(", "responsibility": "CSMG-3.1"}')
        self.assertEqual(status, SFE_INVALID)
        self.assertIn("not valid UTF-8 at byte 14", error["message"])
        status, error = self.door.call(self.handle, "attest", b'{"learner": "l\\ud800"}')
        self.assertEqual(status, SFE_INVALID)
        self.assertIn("unpaired surrogate", error["message"])

    def test_error_json_is_valid_utf8_whatever_the_operation_name(self):
        response = ctypes.c_void_p()
        status = self.door.lib.sfe_call(self.handle, b"sh\xffow\x1b[2J", b"{}", ctypes.byref(response))
        self.assertEqual(status, SFE_MISUSE)
        text = ctypes.string_at(response.value)
        self.door.lib.sfe_free(response.value)
        error = json.loads(text.decode("utf-8"))       # strict: raises on invalid UTF-8
        self.assertEqual(error["error"], "misuse")
        self.assertIn("unknown operation 'sh?ow?[2J'", error["message"])
        self.door.errmsg(self.handle)                  # decodes as UTF-8 too

    def test_a_field_given_twice_is_refused(self):
        status, error = self.door.call(self.handle, "attest",
                                       b'{"learner": "l1", "learner": "mallory", "responsibility": "CSMG-3.1", "assessor": "a"}')
        self.assertEqual(status, SFE_INVALID)
        self.assertIn("'learner' is given twice", error["message"])


class Configuration(unittest.TestCase):
    """The C door checks configuration keys as the CLI does: against the one list (Settings)."""

    def test_unknown_keys_and_bad_levels_are_config_errors(self):
        door = Door(MODULE)
        with tempfile.TemporaryDirectory(prefix="sfe-ctypes-") as folder:
            cwd = os.getcwd()
            os.chdir(folder)        # a misspelt store.path opened ./sfia-evidence.db here
            try:
                status, handle, error = door.open({"store.pth": os.path.join(folder, "x.db")})
            finally:
                os.chdir(cwd)
            self.assertEqual(status, SFE_CONFIG, error)
            self.assertFalse(handle.value)
            self.assertIn("unknown configuration key 'store.pth'", error)
            self.assertEqual(os.listdir(folder), [])
            status, handle, error = door.open({"store.path": os.path.join(folder, "x.db"), "log.level": "loud"})
            self.assertEqual(status, SFE_CONFIG, error)
            self.assertIn("log.level", error)
            status, handle, error = door.open({"store.path": os.path.join(folder, "x.db"), "log.level": "debug"})
            self.assertEqual(status, SFE_OK, error)
            door.lib.sfe_close(handle)


def memory_kib(field):
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith(field + ":")).split()[1])


def memory_child(module, definition, folder, events, valid, limit):
    """Runs in a child process, so that its peak memory is the plugin's: one record call of
    `events` events (the last one invalid unless `valid`). Prints the request's size, the call's
    status and message, and how far the peak resident memory rose during the call (KiB)."""
    door = Door(module)
    # The page cache is a fixed bound of its own (store.cache_mib, 32 MiB by default), not a cost of
    # the request: pinned at SQLite's 2 MiB here, so the rise measured is what the request costs.
    config = {"store.path": os.path.join(folder, "memory.db"), "store.cache_mib": "2"}
    if limit:
        config["door.max_request_bytes"] = limit
    status, handle, error = door.open(config)
    assert status == SFE_OK, error
    assert door.call(handle, "import", {"path": definition})[0] == SFE_OK
    assert door.call(handle, "map", {"activity": "k1", "skill": "CSMG", "level": 3})[0] == SFE_OK
    # Built from one template, so the request is the only large thing this process holds.
    template = ('{"type": "completion", "eventId": "event-%%07d-%s", "learner": "learner-%%05d", '
                '"activity": "k1", "at": "2023-11-14T22:13:20Z", "verb": "passed", "score": {"scaled": 0.85}}'
                % ("x" * 40))
    parts = [template % (i, i % 50000) for i in range(events - 1)]
    parts.append(template % (events, 1) if valid else '{"type": "completion-typo", "learner": "l", "activity": "k1"}')
    request = ('{"events": [' + ", ".join(parts) + ']}').encode()
    del parts
    ctypes.CDLL(None).malloc_trim(0)      # what Python freed goes back to the system, not to the call
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")        # the peak so far is forgotten: from here it is the call's
    before = memory_kib("VmRSS")
    response = ctypes.c_void_p()
    started = time.monotonic()
    status = door.lib.sfe_call(handle, b"record", request, ctypes.byref(response))
    seconds = time.monotonic() - started
    rise = memory_kib("VmHWM") - before
    text = door.take_string(response.value)
    body = json.loads(text)
    door.lib.sfe_close(handle)
    print(json.dumps({"bytes": len(request), "status": status, "message": body.get("message"),
                      "recorded": body.get("recorded"), "results": len(body.get("results", [])),
                      "riseKiB": rise, "seconds": seconds}))


def raw_child(module, definition, folder, operation, path):
    """Like memory_child, for a request read from a file: one call, and how far the peak rose."""
    door = Door(module)
    status, handle, error = door.open({"store.path": os.path.join(folder, "raw.db")})
    assert status == SFE_OK, error
    assert door.call(handle, "import", {"path": definition})[0] == SFE_OK
    with open(path, "rb") as f:
        request = f.read()
    ctypes.CDLL(None).malloc_trim(0)
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    before = memory_kib("VmRSS")
    response = ctypes.c_void_p()
    status = door.lib.sfe_call(handle, operation.encode(), request, ctypes.byref(response))
    rise = memory_kib("VmHWM") - before
    body = json.loads(door.take_string(response.value))
    door.lib.sfe_close(handle)
    print(json.dumps({"bytes": len(request), "status": status, "message": body.get("message"), "riseKiB": rise}))


class BoundedRequests(unittest.TestCase):
    """A request's memory is a few times its size; door.max_request_bytes bounds the size."""

    def assertRiseBelow(self, result, limit):
        # Under AddressSanitizer freed memory sits in a 256 MB quarantine and every allocation
        # carries redzones, so the peak measures the sanitizer; the bounds hold for the real build.
        if os.environ.get("SFE_SANITIZE"):
            return
        self.assertLess(result["riseKiB"] * 1024, limit, result)

    def run_child(self, events, valid, limit=None):
        import subprocess
        with tempfile.TemporaryDirectory(prefix="sfe-ctypes-") as folder:
            child = subprocess.run([sys.executable, os.path.abspath(__file__), MODULE, DEFINITION, "--memory-child",
                                    folder, str(events), "valid" if valid else "refused", str(limit or 0)],
                                   capture_output=True, text=True, timeout=600)
        self.assertEqual(child.returncode, 0, child.stderr[-3000:])
        return json.loads(child.stdout.strip().splitlines()[-1])

    def test_a_20_mib_record_request_that_is_refused_costs_a_few_times_its_size(self):
        # Poco's DOM made this 5.8 GB: about 290 times the request.
        result = self.run_child(events=110000, valid=False)
        self.assertGreater(result["bytes"], 20 << 20)
        self.assertEqual(result["status"], SFE_INVALID, result)
        self.assertIn("event 110000", result["message"])
        self.assertIn("'type' must be completion or attestation", result["message"])
        self.assertRiseBelow(result, 3 * result["bytes"])

    def test_a_large_valid_record_costs_a_few_times_its_size(self):
        # 40,000 events (8.5 MB): the peak rose by about 70 times the request before (a DOM of the
        # request, every event's records and statements at once, a DOM of the response); now the
        # text, one chunk and the response text, about 5 times (most of it the store's own caches).
        result = self.run_child(events=40000, valid=True)
        self.assertEqual((result["status"], result["recorded"], result["results"]), (SFE_OK, 40000, 40000), result)
        self.assertRiseBelow(result, 8 * result["bytes"])

    def test_a_request_over_door_max_request_bytes_is_refused_before_parsing(self):
        result = self.run_child(events=12000, valid=True, limit=1 << 20)
        self.assertGreater(result["bytes"], 1 << 20)
        self.assertEqual(result["status"], SFE_INVALID, result)
        self.assertIn("door.max_request_bytes", result["message"])
        self.assertIn(str(result["bytes"]), result["message"])
        self.assertIsNone(result["recorded"])
        self.assertRiseBelow(result, result["bytes"] // 4)    # not even one copy

    def test_a_large_record_is_written_in_chunks_and_a_retry_records_only_the_rest(self):
        door = Door(MODULE)
        folder = tempfile.TemporaryDirectory(prefix="sfe-ctypes-")
        self.addCleanup(folder.cleanup)
        status, handle, error = door.open({"store.path": os.path.join(folder.name, "chunks.db")})
        self.assertEqual(status, SFE_OK, error)
        self.addCleanup(door.lib.sfe_close, handle)
        self.assertEqual(door.call(handle, "import", {"path": DEFINITION})[0], SFE_OK)
        self.assertEqual(door.call(handle, "map", {"activity": "k1", "skill": "CSMG", "level": 3})[0], SFE_OK)
        events = [{"type": "completion", "eventId": "e%d" % i, "learner": "l%d" % (i % 7), "activity": "k1"}
                  for i in range(2500)]
        events[2100]["activity"] = "not-mapped"      # in the third chunk: found only when it is written
        status, error = door.call(handle, "record", {"events": events})
        self.assertEqual(status, SFE_NOTFOUND, error)
        self.assertIn("event 2101 (complete): unknown activity 'not-mapped'", error["message"])
        self.assertIn("events 1 to 2000 were recorded before it", error["message"])
        status, listed = door.call(handle, "evidence", {})
        self.assertEqual(len(listed["evidence"]), 2000)
        events[2100]["activity"] = "k1"
        status, done = door.call(handle, "record", {"events": events})
        self.assertEqual(status, SFE_OK, done)
        self.assertEqual((done["recorded"], done["duplicates"], len(done["results"])), (500, 2000, 2500))
        self.assertEqual([r["eventId"] for r in done["results"]], ["e%d" % i for i in range(2500)])
        self.assertTrue(all(r["duplicate"] == (i < 2000) for i, r in enumerate(done["results"])))
        status, listed = door.call(handle, "evidence", {})
        self.assertEqual(len(listed["evidence"]), 2500)
        status, verified = door.call(handle, "audit.verify", {})
        self.assertTrue(verified["ok"], verified)

    def run_raw(self, operation, request):
        import subprocess
        with tempfile.TemporaryDirectory(prefix="sfe-ctypes-") as folder:
            path = os.path.join(folder, "request.json")
            with open(path, "wb") as f:
                f.write(request)
            child = subprocess.run([sys.executable, os.path.abspath(__file__), MODULE, DEFINITION, "--raw-child",
                                    folder, operation, path], capture_output=True, text=True, timeout=600)
        self.assertEqual(child.returncode, 0, child.stderr[-3000:])
        return json.loads(child.stdout.strip().splitlines()[-1])

    def test_requests_of_many_tiny_values_cost_less_than_their_size(self):
        # Per element or member, an index would cost more than the text: nothing is held per element,
        # objects hold at most 1024 members, string lists at most 1024 strings.
        n = 10 << 20
        for operation, request, message in (
                ("record", b'{"events": [' + b"0," * n + b'0]}', "'events[0]' must be an object"),
                ("record", b'{"events": [{"type": "completion"' + b''.join(b', "f%d": 0' % i for i in range(1500000)) + b'}]}',
                 "an object with more than 1024 members"),
                ("map", b'{"activity": "a", "skill": "CSMG", "level": 3, "responsibilities": [' + b'"",' * n + b'""]}',
                 "'responsibilities' holds more than 1024 strings")):
            result = self.run_raw(operation, request)
            self.assertEqual(result["status"], SFE_INVALID, result)
            self.assertIn(message, result["message"])
            self.assertRiseBelow(result, result["bytes"])

    def test_door_max_request_bytes_must_be_an_integer_in_range(self):
        door = Door(MODULE)
        with tempfile.TemporaryDirectory(prefix="sfe-ctypes-") as folder:
            for bad in ("12", "lots", str(2 << 30)):
                status, handle, error = door.open({"store.path": os.path.join(folder, "x.db"),
                                                   "door.max_request_bytes": bad})
                self.assertEqual(status, SFE_CONFIG, error)
                self.assertIn("door.max_request_bytes", error)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: ctypes_host.py MODULE DEFINITION.xml")
    MODULE, DEFINITION = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if len(sys.argv) == 7 and sys.argv[3] == "--raw-child":
        raw_child(MODULE, DEFINITION, sys.argv[4], sys.argv[5], sys.argv[6])
        sys.exit(0)
    if len(sys.argv) == 8 and sys.argv[3] == "--memory-child":
        memory_child(MODULE, DEFINITION, sys.argv[4], int(sys.argv[5]), sys.argv[6] == "valid", int(sys.argv[7]))
        sys.exit(0)
    if len(sys.argv) == 6 and sys.argv[3] == "--reentry-child":
        reentry_child(MODULE, DEFINITION, sys.argv[4], sys.argv[5] == "sender")
        sys.exit(0)
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
