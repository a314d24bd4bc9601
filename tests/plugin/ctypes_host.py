#!/usr/bin/env python3
"""ctypes_host.py: drives the plugin's C door from Python, as a non-C++ LMS host would.

Standard library only. Usage: ctypes_host.py MODULE DEFINITION.xml
The expected skill content is read from DEFINITION.xml itself, not written down here.
"""

import ctypes
import json
import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

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


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: ctypes_host.py MODULE DEFINITION.xml")
    MODULE, DEFINITION = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
