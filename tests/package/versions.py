#!/usr/bin/env python3
"""The versions agree: CHANGELOG.md's newest release, the package's Version, its Debian changelog, the
manifest's version, sfe_libversion() of the module, the generated sfe/Version.h, `sfia-evidence
--version`, sfia-evidence.pc and find_package's version file -- and the ABI of sfe/Version.h, the
manifest's abiVersion and sfe_abi_version(). One source (project(VERSION), cmake/SfeVersion.cmake)
should make them all; this checks that it did, in the build tree (--build, a ctest) or in the .deb
(--deb, tests/package/run.sh). Prints each value; exits 1 naming those that differ.
"""
import argparse
import ctypes
import glob
import gzip
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def newest_release(changelog):
    with open(changelog, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}", line)
            if m:
                return m.group(1)
    sys.exit("FAIL: %s has no release heading \"## [X.Y.Z] - YYYY-MM-DD\"" % changelog)


def one(pattern):
    found = glob.glob(pattern)
    if len(found) != 1:
        sys.exit("FAIL: expected one file %s, found %s" % (pattern, found or "none"))
    return found[0]


def defines(path):
    with open(path, encoding="utf-8") as f:
        return dict(re.findall(r'(?m)^#define (SFE_\w+) +"?([^"\s]+)"?', f.read()))


def library(path):
    lib = ctypes.CDLL(path)
    lib.sfe_libversion.restype = ctypes.c_char_p
    return lib.sfe_libversion().decode(), lib.sfe_abi_version()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changelog", required=True)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--build", help="a build tree")
    where.add_argument("--deb", help="the package")
    args = parser.parse_args()

    versions = {"CHANGELOG.md (newest release)": newest_release(args.changelog)}
    abis = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.deb:
            subprocess.run(["dpkg-deb", "-x", args.deb, tmp], check=True)
            versions["package Version"] = subprocess.run(["dpkg-deb", "-f", args.deb, "Version"], check=True,
                                                         capture_output=True, text=True).stdout.strip()
            with gzip.open(os.path.join(tmp, "usr/share/doc/sfia-evidence/changelog.gz"), "rt", encoding="utf-8") as f:
                m = re.match(r"^sfia-evidence \(([^)]+)\)", f.readline())
            versions["Debian changelog (changelog.gz)"] = m.group(1) if m else "(no entry)"
            plugin_dir = one(os.path.join(tmp, "usr/lib/*/sfia-evidence"))
            version_h = os.path.join(tmp, "usr/include/sfe/Version.h")
            cli = os.path.join(tmp, "usr/bin/sfia-evidence")
            pc = one(os.path.join(tmp, "usr/lib/*/pkgconfig/sfia-evidence.pc"))
            config_version = one(os.path.join(tmp, "usr/lib/*/cmake/SfiaEvidence/SfiaEvidenceConfigVersion.cmake"))
        else:
            plugin_dir = os.path.join(args.build, "lib/sfia-evidence")
            version_h = os.path.join(args.build, "generated/include/sfe/Version.h")
            cli = os.path.join(args.build, "bin/sfia-evidence")
            pc = os.path.join(args.build, "packaging/sfia-evidence.pc")
            config_version = os.path.join(args.build, "packaging/SfiaEvidenceConfigVersion.cmake")

        manifest = ET.parse(os.path.join(plugin_dir, "sfia-evidence.plugin.xml")).getroot()
        versions["manifest version"] = manifest.get("version")
        abis["manifest abiVersion"] = manifest.get("abiVersion")
        module = os.path.join(plugin_dir, "sfia-evidence-plugin.so")
        libversion, abi = library(module)
        versions["sfe_libversion()"] = libversion
        abis["sfe_abi_version()"] = str(abi)
        header = defines(version_h)
        versions["sfe/Version.h SFE_VERSION"] = header.get("SFE_VERSION")
        abis["sfe/Version.h SFE_ABI_VERSION"] = header.get("SFE_ABI_VERSION")
        out = subprocess.run([cli, "--version"], capture_output=True, text=True)
        m = re.match(r"^sfia-evidence (\S+)\nplugin ABI (\d+)$", out.stdout.strip())
        versions["sfia-evidence --version"] = m.group(1) if m and out.returncode == 0 else "(%r)" % out.stdout
        abis["sfia-evidence --version ABI"] = m.group(2) if m else "(none)"
        with open(pc, encoding="utf-8") as f:
            m = re.search(r"(?m)^Version: (\S+)$", f.read())
        versions["sfia-evidence.pc Version"] = m.group(1) if m else "(none)"
        with open(config_version, encoding="utf-8") as f:
            m = re.search(r'set\(PACKAGE_VERSION "([^"]+)"\)', f.read())
        versions["SfiaEvidenceConfigVersion.cmake"] = m.group(1) if m else "(none)"

    failed = False
    for title, values in (("version", versions), ("ABI", abis)):
        expected = next(iter(values.values()))
        for name, value in values.items():
            mark = "ok" if value == expected else "DIFFERS"
            failed |= value != expected
            print("   %-40s %-12s %s" % (name, value, mark))
    if failed:
        print("FAIL: the versions disagree: project(VERSION) in CMakeLists.txt is their one source", file=sys.stderr)
        return 1
    print("   all agree: %s, ABI %s" % (versions["CHANGELOG.md (newest release)"], abis["manifest abiVersion"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
