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


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: ctypes_host.py MODULE DEFINITION.xml")
    MODULE, DEFINITION = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
