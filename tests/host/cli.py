"""cli.py: runs the built sfia-evidence CLI as a process, for the host tests.

Standard library only. Every run gets an explicit --manifest (the built one unless a test gives
another), so nothing depends on where the tests are run from.
"""

import os
import sqlite3
import subprocess
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


def dump(db):
    """The store's whole content as SQL text: equal dumps mean an unchanged store."""
    connection = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


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
