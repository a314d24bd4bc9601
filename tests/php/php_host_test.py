#!/usr/bin/env python3
"""php_host_test.py: the PHP host (examples/php-host) under PHP's built-in server with several workers.

Standard library only. Builds nothing: it takes the built plugin and CLI.

  php_host_test.py --php PHP --cli CLI --manifest MANIFEST --module PLUGIN.so --definition CSMG.xml
                   --activities ACTIVITIES.tsv --host-dir examples/php-host --header plugin/include/sfe.h
                   [--events 2000] [--clients 16] [--workers 8] [unittest args: a class or test name]

Suites (unittest classes):
  Declarations  sfe.ffi.h declares what sfe.h declares (token for token, preprocessor aside); the PHP
                class's status constants and ABI version are sfe.h's and sfe/Version.h's.
  Load          prepares a store with the CLI (import CSMG, map examples/activities.tsv), starts
                `PHP_CLI_SERVER_WORKERS=W php -d ffi.enable=1 -S 127.0.0.1:PORT public/index.php`, posts
                N distinct LMS events (completions and attestations, each with its own event id) from C
                concurrent clients, and expects N times 201 and no failure; then checks with the CLI that
                the store holds each event exactly once (evidence and statements), that re-posted events
                are answered as duplicates and write nothing, that errors map to their HTTP codes, and
                that `audit verify` passes.
  Errors        a host whose store cannot be opened: /health 503, /events 500, as problem documents;
                no library configured; FFI restricted (ffi.enable=preload without preloading); the
                bearer token SFE_HOST_TOKEN asks for; a store locked by another writer past
                store.busy_timeout_ms: 503 busy with Retry-After, nothing written (SQLite only).
  Preloaded     the library preloaded through ffi.preload (sfe.ffi.h with FFI_SCOPE/FFI_LIB) and PHP's
                default ffi.enable=preload: the host runs without ffi.enable=1.

The store: SQLite (a file) by default; when SFE_TEST_PG holds a libpq admin conninfo (ctest's _pg
variant through tests/pg/with-pg.sh), a fresh PostgreSQL database of its own (tests/host/cli.py, Store),
given to the CLI in a --config file and to the PHP host as store.connector/store.url in SFE_CONFIG_JSON,
and dropped at the end.
"""

import argparse
import collections
import datetime
import http.client
import json
import os
import pwd
import queue
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
from cli import Cli, Store  # noqa: E402  (tests/host/cli.py: the CLI as a process, the test's store)

ARGS = None


# ---------------------------------------------------------------------------------------------------
# sfe.h and its FFI copy

def c_tokens(text):
    """The C tokens of a header's declarations: comments, preprocessor blocks that only concern C++
    or Windows (`#ifdef __cplusplus`, `#if defined(_WIN32)`), other preprocessor lines and SFE_API
    are dropped."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"^[ \t]*#[ \t]*if(?:def[ \t]+__cplusplus|[ \t]+defined\(_WIN32\))\b.*?^[ \t]*#[ \t]*endif[^\n]*",
                  " ", text, flags=re.S | re.M)
    text = re.sub(r"^[ \t]*#[^\n]*", " ", text, flags=re.M)
    return [t for t in re.findall(r"[A-Za-z_]\w*|\d+|\S", text) if t != "SFE_API"]


def defines(text):
    return {name: int(value) for name, value in re.findall(r"^#define\s+(SFE_[A-Z_]+)\s+(\d+)\b", text, re.M)}


def php_constants(php, host_dir):
    script = ('require "%s/src/SfeException.php"; require "%s/src/SfeResult.php"; require "%s/src/SfePlugin.php";'
              'echo json_encode((new ReflectionClass("Sfe\\\\SfePlugin"))->getConstants());') % ((host_dir,) * 3)
    completed = subprocess.run([php, "-n", "-r", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    if completed.returncode != 0:
        raise AssertionError("php failed: %s" % completed.stderr.decode())
    return json.loads(completed.stdout)


class Declarations(unittest.TestCase):

    def test_ffi_header_declares_what_sfe_h_declares(self):
        with open(ARGS.header, encoding="utf-8") as f:
            header = c_tokens(f.read())
        with open(os.path.join(ARGS.host_dir, "src", "sfe.ffi.h"), encoding="utf-8") as f:
            ffi = c_tokens(f.read())
        self.assertIn("sfe_call", header)
        if header != ffi:
            # Name the first difference, with some context, rather than two long token lists.
            i = next((i for i, (a, b) in enumerate(zip(header, ffi)) if a != b), min(len(header), len(ffi)))
            self.fail("examples/php-host/src/sfe.ffi.h differs from sfe.h at token %d:\n  sfe.h:      %s\n"
                      "  sfe.ffi.h:  %s" % (i, " ".join(header[max(0, i - 8):i + 8]), " ".join(ffi[max(0, i - 8):i + 8])))

    def test_ffi_header_names_its_scope_and_library(self):
        with open(os.path.join(ARGS.host_dir, "src", "sfe.ffi.h"), encoding="utf-8") as f:
            text = f.read()
        self.assertRegex(text, r'(?m)^#define FFI_SCOPE "SFE"$')
        self.assertRegex(text, r'(?m)^#define FFI_LIB "%s"$' % re.escape(os.path.basename(ARGS.module)))

    def test_status_codes_and_abi_version(self):
        with open(ARGS.header, encoding="utf-8") as f:
            codes = defines(f.read())
        version_h = ARGS.version_header or os.path.join(os.path.dirname(ARGS.header), "sfe", "Version.h")
        with open(version_h, encoding="utf-8") as f:
            abi = defines(f.read())["SFE_ABI_VERSION"]
        self.assertIn("SFE_BUSY", codes)
        constants = php_constants(ARGS.php, ARGS.host_dir)
        self.assertEqual({"SFE_" + name: value for name, value in constants.items()
                          if isinstance(value, int) and name != "ABI_VERSION"}, codes)
        self.assertEqual(constants["ABI_VERSION"], abi)


# ---------------------------------------------------------------------------------------------------
# The PHP server

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PhpServer:
    """`php -S 127.0.0.1:PORT public/index.php` with PHP_CLI_SERVER_WORKERS workers, in a process group
    of its own (stopped as a group: the workers are its children)."""

    def __init__(self, folder, name, env, workers, php_options=("-d", "ffi.enable=1")):
        self.log_path = os.path.join(folder, name + ".log")
        self.process = None
        environment = dict(os.environ)
        environment.update(env)
        environment["PHP_CLI_SERVER_WORKERS"] = str(workers)
        router = os.path.join(ARGS.host_dir, "public", "index.php")
        for _attempt in range(5):
            self.port = free_port()
            log = open(self.log_path, "ab")
            self.process = subprocess.Popen(
                [ARGS.php] + list(php_options) + ["-S", "127.0.0.1:%d" % self.port, router],
                cwd=folder, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True)
            log.close()
            if self._wait_listening():
                return
            self.stop()
        raise AssertionError("the PHP server did not start; its log:\n" + self.log())

    def _wait_listening(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def workers(self):
        """The pids of the server's worker processes (its children)."""
        children = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % entry) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(entry))
        return children

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # The workers are in the group too; make sure none outlives the test.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process = None


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status = status
        self.headers = headers
        self.body = body
        self.seconds = seconds

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return "HTTP %d %s" % (self.status, self.body[:500].decode("utf-8", "replace"))


def request(port, method, path, body=None, content_type="application/json", timeout=120, headers=None):
    """One HTTP request on a connection of its own; a Response, or the exception it raised."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = dict(headers or {})
        if body is not None:
            headers["Content-Type"] = content_type
            if isinstance(body, str):
                body = body.encode("utf-8")
        connection.request(method, path, body=body, headers=headers)
        reply = connection.getresponse()
        data = reply.read()
        return Response(reply.status, {k.lower(): v for k, v in reply.getheaders()}, data, time.monotonic() - started)
    finally:
        connection.close()


def post_all(port, bodies, clients):
    """Posts every body to /events from `clients` threads; returns ([Response or exception per body],
    wall seconds)."""
    results = [None] * len(bodies)
    work = queue.Queue()
    for i in range(len(bodies)):
        work.put(i)

    def client():
        while True:
            try:
                i = work.get_nowait()
            except queue.Empty:
                return
            try:
                results[i] = request(port, "POST", "/events", bodies[i])
            except Exception as e:          # noqa: BLE001 -- a failed call, counted as such
                results[i] = e

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.monotonic() - started


def summary(results):
    """Counts per outcome ("201", "503", "ConnectionResetError", …) and a few examples of each failure."""
    counts = collections.Counter()
    examples = collections.defaultdict(list)
    for r in results:
        key = str(r.status) if isinstance(r, Response) else type(r).__name__
        counts[key] += 1
        if len(examples[key]) < 3:
            examples[key].append(repr(r)[:400])
    return counts, examples


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


# ---------------------------------------------------------------------------------------------------
# The store and the events

def store_config(store):
    """The plugin configuration (for SFE_CONFIG_JSON) that opens the test's store."""
    if store.postgres:
        return {"store.connector": "postgresql", "store.url": store.url}
    return {"store.path": store.path}


def read_activities(path):
    activities = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            activity, kind, level, responsibilities, name = line.rstrip("\n").split("\t")
            activities.append((activity, kind, level, responsibilities, name))
    return activities


def make_events(count, run, responsibilities, activities):
    """`count` distinct LMS events, three completions to two attestations, each with its own event id,
    at past times one second apart."""
    base = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(days=1)
    events = []
    for i in range(count):
        at = (base + datetime.timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        learner = "php-learner-%03d" % (i % 150)
        event_id = "php-%s-%05d" % (run, i)
        if i % 5 < 3:
            event = {"type": "completion", "eventId": event_id, "learner": learner,
                     "activity": activities[i % len(activities)], "at": at}
            if i % 3 == 1:
                event.update(verb="passed", score={"raw": 60 + i % 40, "min": 0, "max": 100})
        else:
            event = {"type": "attestation", "eventId": event_id, "learner": learner,
                     "responsibility": responsibilities[i % len(responsibilities)],
                     "assessor": "php-assessor-%d" % (i % 7),
                     "outcome": ("demonstrated", "partial", "demonstrated", "not-demonstrated")[i % 4], "at": at}
            if i % 4 == 0:
                event["note"] = "Beobachtet am Servicedesk (Ereignis %d)." % i
        events.append(event)
    return events


class HostTest(unittest.TestCase):
    """A store of the test's own, prepared as examples/main-job.sh prepares it."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="sfe-php-")
        self.cli = Cli(ARGS.cli, ARGS.manifest)
        self.store = Store(self.folder)
        self.servers = []

    def tearDown(self):
        for server in self.servers:
            server.stop()
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def sfe(self, *args, check=True):
        result = self.cli.run(*(self.store.args(*args) + list(args)), cwd=self.folder, timeout=300)
        if check:
            self.assertEqual(result.code, 0, "sfia-evidence %s: %r" % (" ".join(args), result))
        return result

    def sfe_json(self, *args):
        return json.loads(self.sfe(*args, "--json").out)

    def prepare_store(self):
        self.sfe("import", ARGS.definition)
        activities = read_activities(ARGS.activities)
        for activity, kind, level, responsibilities, name in activities:
            args = ["map", activity, "--skill", "CSMG", "--level", level, "--type", kind, "--name", name]
            if responsibilities != "-":
                for r in responsibilities.split():
                    args += ["--responsibility", r]
            self.sfe(*args)
        shown = self.sfe_json("show", "CSMG")
        responsibilities = [r["id"] for level in shown["levels"] for r in level["responsibilities"]]
        self.assertTrue(responsibilities)
        return [a[0] for a in activities], responsibilities

    def server(self, name, config, workers, php_options=("-d", "ffi.enable=1"), library=True, env=None):
        env = dict(env or {}, SFE_CONFIG_JSON=json.dumps(config))
        if library:
            env["SFE_PLUGIN_LIBRARY"] = ARGS.module
        server = PhpServer(self.folder, name, env, workers, php_options)
        self.servers.append(server)
        return server


class Load(HostTest):

    def test_concurrent_events_are_recorded_exactly_once(self):
        activities, responsibilities = self.prepare_store()
        server = self.server("php-server", store_config(self.store), ARGS.workers)
        store_name = "PostgreSQL" if self.store.postgres else "SQLite"

        health = request(server.port, "GET", "/health")
        self.assertEqual(health.status, 200, health)
        self.assertEqual(health.json()["skills"], ["CSMG"])
        self.assertEqual(health.json()["abi"], 1)
        self.assertEqual(len(server.workers()), ARGS.workers, "the server's worker processes")

        run = datetime.datetime.now().strftime("%H%M%S")
        events = make_events(ARGS.events, run, responsibilities, activities)
        bodies = [json.dumps(e, ensure_ascii=False) for e in events]
        results, seconds = post_all(server.port, bodies, ARGS.clients)
        counts, examples = summary(results)
        latencies = [r.seconds for r in results if isinstance(r, Response)]
        print("\n%s, %d workers, %d clients: %d events in %.2f s = %.0f events/s; outcomes %s; latency p50 %.0f ms, "
              "p95 %.0f ms, max %.0f ms" % (
                  store_name, ARGS.workers, ARGS.clients, len(bodies), seconds, len(bodies) / seconds,
                  dict(counts), 1000 * percentile(latencies, 50), 1000 * percentile(latencies, 95),
                  1000 * max(latencies)), file=sys.stderr)
        failures = {k: v for k, v in counts.items() if k != "201"}
        if failures:
            self.fail("%d of %d events failed: %s\nexamples: %s\nserver log (tail):\n%s" % (
                sum(failures.values()), len(bodies), failures,
                json.dumps({k: examples[k] for k in failures}, indent=1, ensure_ascii=False), server.log()[-3000:]))

        # Each answer: one recorded event, its own evidence and statements.
        answered_evidence = collections.Counter()
        answered_statements = collections.Counter()
        evidence_of = {}
        for event, r in zip(events, results):
            self.assertEqual(r.headers.get("content-type"), "application/json")
            body = r.json()
            self.assertEqual((body["recorded"], body["duplicates"], len(body["results"])), (1, 0, 1), body)
            result = body["results"][0]
            self.assertEqual((result["eventId"], result["duplicate"]), (event["eventId"], False))
            self.assertTrue(result["evidence"], body)
            evidence_of[event["eventId"]] = sorted(result["evidence"])
            answered_evidence.update(result["evidence"])
            answered_statements.update(result["statements"])
        self.assertEqual([k for k, n in answered_evidence.items() if n > 1], [], "evidence ids answered twice")
        self.assertEqual([k for k, n in answered_statements.items() if n > 1], [], "statement ids answered twice")

        # The store: every event exactly once, with exactly the records it was answered with.
        stored = self.sfe_json("evidence")
        stored = stored["evidence"] if isinstance(stored, dict) else stored
        by_event = collections.defaultdict(list)
        for record in stored:
            by_event[record["eventId"]].append(record["id"])
        self.assertEqual(len(by_event), ARGS.events, "distinct recorded events")
        self.assertEqual({k: sorted(v) for k, v in by_event.items()}, evidence_of)
        self.assertEqual(len(stored), len(answered_evidence))
        self.assertEqual(len({r["id"] for r in stored}), len(stored), "duplicate evidence records")
        statements = self.sfe_json("statements")
        statements = statements["statements"] if isinstance(statements, dict) else statements
        statement_ids = collections.Counter(s["id"] for s in statements)
        self.assertEqual([k for k, n in statement_ids.items() if n > 1], [], "duplicate statements in the outbox")
        self.assertEqual(set(answered_statements) - set(statement_ids), set(), "answered statements not stored")

        # Re-posted events are duplicates: 200, nothing written.
        sample = list(range(0, ARGS.events, 20))
        again, _seconds = post_all(server.port, [bodies[i] for i in sample], ARGS.clients)
        counts, examples = summary(again)
        self.assertEqual(dict(counts), {"200": len(sample)}, json.dumps(examples, indent=1, ensure_ascii=False))
        for i, r in zip(sample, again):
            body = r.json()
            self.assertEqual((body["recorded"], body["duplicates"]), (0, 1), body)
            self.assertEqual((body["results"][0]["eventId"], body["results"][0]["duplicate"]),
                             (events[i]["eventId"], True))
        self.assertEqual(len(self.evidence()), len(stored), "re-posted events wrote evidence")

        recorded = self.check_errors(server, activities, responsibilities)
        self.assertEqual(len(self.evidence()), len(stored) + recorded, "refused events wrote evidence")

        verified = self.sfe("audit", "verify")
        self.assertIn("OK", verified.out)
        audit = self.sfe_json("audit", "verify")
        self.assertTrue(audit["ok"], audit)
        self.assertEqual(audit["evidenceRecords"], len(stored) + recorded)
        self.assertNotIn("Fatal error", server.log())
        self.assertNotIn("Segmentation", server.log())

    def evidence(self):
        stored = self.sfe_json("evidence")
        return stored["evidence"] if isinstance(stored, dict) else stored

    def check_errors(self, server, activities, responsibilities):
        port = server.port

        def problem(response, status, error=None):
            self.assertEqual(response.status, status, response)
            self.assertEqual(response.headers.get("content-type"), "application/problem+json", response)
            body = response.json()
            self.assertEqual(body["status"], status)
            self.assertTrue(body["title"] and body["detail"] and body["type"], body)
            if error:
                self.assertEqual(body["error"], error, body)
                self.assertEqual(body["type"], "urn:sfia-evidence:error:" + error)
            return body

        at = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        completion = {"type": "completion", "learner": "php-errors", "activity": activities[0], "at": at}

        body = problem(request(port, "POST", "/events", json.dumps(dict(completion, eventId="php-e1",
                                                                         activity="no-such-activity"))),
                       404, "notFound")
        self.assertIn("no-such-activity", body["detail"])
        self.assertEqual(body["sfeStatus"] & 0xff, 3)
        problem(request(port, "POST", "/events", json.dumps(dict(completion, eventId="php-e2", verb="liked"))),
                422, "invalid")
        problem(request(port, "POST", "/events", json.dumps(
            {"type": "attestation", "eventId": "php-e3", "learner": "php-errors", "assessor": "php-errors",
             "responsibility": responsibilities[0], "at": at})), 422, "invalid")
        # A batch is one transaction: one bad event refuses it, the good one is not recorded either.
        body = problem(request(port, "POST", "/events", json.dumps(
            {"events": [dict(completion, eventId="php-e4"), dict(completion, eventId="php-e5", verb="liked")]})),
            422, "invalid")
        self.assertIn("event 2", body["detail"])
        problem(request(port, "POST", "/events", '{"type": "completion", '), 400)
        problem(request(port, "POST", "/events", '[1, 2]'), 400)
        problem(request(port, "POST", "/events", json.dumps(completion), content_type="text/plain"), 415)
        body = problem(request(port, "GET", "/events"), 405)
        self.assertEqual(request(port, "GET", "/events").headers.get("allow"), "POST")
        problem(request(port, "GET", "/no-such-path"), 404)
        # A batch of two good events: one call, both recorded.
        response = request(port, "POST", "/events", json.dumps(
            {"events": [dict(completion, eventId="php-e6"), dict(completion, eventId="php-e7", learner="php-errors-2")]}))
        self.assertEqual(response.status, 201, response)
        self.assertEqual((response.json()["recorded"], response.json()["duplicates"]), (2, 0))
        return 2


class Errors(HostTest):

    def test_a_store_that_cannot_be_opened(self):
        config = {"store.path": os.path.join(self.folder, "no", "such", "folder", "store.db")}
        if self.store.postgres:
            config = {"store.connector": "postgresql", "store.url": self.store.url.replace(
                "dbname=" + self.store.name, "dbname=" + self.store.name + "_missing")}
        server = self.server("php-broken", config, 1)
        response = request(server.port, "GET", "/health")
        self.assertEqual(response.status, 503, response)
        self.assertEqual(response.headers.get("content-type"), "application/problem+json")
        self.assertEqual(response.headers.get("retry-after"), "1")
        response = request(server.port, "POST", "/events", json.dumps(
            {"type": "completion", "eventId": "x", "learner": "l", "activity": "a"}))
        self.assertEqual(response.status, 500, response)
        body = response.json()
        self.assertEqual((body["status"], body["sfeStatus"] & 0xff != 0), (500, True), body)
        self.assertNotIn("Fatal error", server.log())

    def test_token(self):
        server = self.server("php-token", store_config(self.store), 1, env={"SFE_HOST_TOKEN": "s3cret-token"})
        event = json.dumps({"type": "completion", "eventId": "t1", "learner": "l", "activity": "nope"})
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0LXRva2Vu"}):
            response = request(server.port, "POST", "/events", event, headers=headers)
            self.assertEqual(response.status, 401, response)
            self.assertEqual(response.headers.get("content-type"), "application/problem+json")
            self.assertIn("Bearer", response.headers.get("www-authenticate", ""))
        # With the token the request reaches the plugin (which has no store content: 500 or 404).
        response = request(server.port, "POST", "/events", event, headers={"Authorization": "Bearer s3cret-token"})
        self.assertNotEqual(response.status, 401, response)

    def test_busy_store_is_503_with_retry_after(self):
        if self.store.postgres:
            self.skipTest("the write lock is held from outside through SQLite only")
        activities, _responsibilities = self.prepare_store()
        config = dict(store_config(self.store), **{"store.busy_timeout_ms": "300"})
        server = self.server("php-busy", config, 2)
        at = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        event = json.dumps({"type": "completion", "eventId": "php-busy-1", "learner": "b1", "activity": activities[0],
                            "at": at})
        locker = sqlite3.connect(self.store.path, isolation_level=None, timeout=10)
        try:
            locker.execute("BEGIN IMMEDIATE")       # another writer holds the store's write lock
            response = request(server.port, "POST", "/events", event)
            locker.execute("ROLLBACK")
        finally:
            locker.close()
        self.assertEqual(response.status, 503, response)
        self.assertEqual(response.headers.get("content-type"), "application/problem+json")
        self.assertEqual(response.headers.get("retry-after"), "1")
        body = response.json()
        self.assertEqual((body["error"], body["sfeStatus"] & 0xff, body["type"]), ("busy", 10, "urn:sfia-evidence:error:busy"))
        self.assertEqual(self.sfe_json("evidence"), [], "a busy call wrote evidence")
        # Sent again once the lock is gone: recorded.
        response = request(server.port, "POST", "/events", event)
        self.assertEqual(response.status, 201, response)

    def test_no_library_configured(self):
        server = self.server("php-nolib", store_config(self.store), 1, library=False)
        response = request(server.port, "GET", "/health")
        self.assertEqual(response.status, 503, response)
        self.assertIn("SFE_PLUGIN_LIBRARY", response.json()["detail"])

    def test_ffi_restricted(self):
        # PHP's default ffi.enable=preload outside the CLI: FFI::cdef is refused, the host says so.
        server = self.server("php-restricted", store_config(self.store), 1, php_options=("-d", "ffi.enable=preload"))
        response = request(server.port, "GET", "/health")
        self.assertEqual(response.status, 503, response)
        self.assertIn("ffi.enable", response.json()["detail"])


def preload_options():
    """php -d options for the preloaded mode (examples/php-host/preload.php)."""
    return ("-d", "ffi.enable=preload",
            "-d", "ffi.preload=" + os.path.join(ARGS.host_dir, "src", "sfe.ffi.h"),
            "-d", "opcache.enable=1", "-d", "opcache.enable_cli=1",
            "-d", "opcache.preload=" + os.path.join(ARGS.host_dir, "preload.php"),
            "-d", "opcache.preload_user=" + pwd.getpwuid(os.getuid()).pw_name)


class Preloaded(HostTest):

    def test_preloaded_library_without_ffi_enable(self):
        activities, _responsibilities = self.prepare_store()
        # ffi.preload loads sfe.ffi.h at start-up; its FFI_LIB names the library, found by the dynamic
        # loader through LD_LIBRARY_PATH. opcache.preload preloads the Sfe classes, the only code
        # that may use FFI when ffi.enable stays at PHP's default, preload.
        paths = [os.path.dirname(ARGS.module)] + [p for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p]
        server = self.server("php-preloaded", store_config(self.store), 2, library=False,
                             env={"LD_LIBRARY_PATH": ":".join(paths)}, php_options=preload_options())
        response = request(server.port, "GET", "/health")
        self.assertEqual(response.status, 200, "%r\n%s" % (response, server.log()))
        at = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        event = {"type": "completion", "eventId": "php-preloaded-1", "learner": "p1", "activity": activities[0], "at": at}
        response = request(server.port, "POST", "/events", json.dumps(event))
        self.assertEqual(response.status, 201, response)
        response = request(server.port, "POST", "/events", json.dumps(event))
        self.assertEqual((response.status, response.json()["duplicates"]), (200, 1), response)
        self.assertEqual([r["eventId"] for r in self.sfe_json("evidence")], ["php-preloaded-1"])


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--php", default=shutil.which("php") or "php")
    parser.add_argument("--cli", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--definition", required=True)
    parser.add_argument("--activities", required=True)
    parser.add_argument("--host-dir", required=True)
    parser.add_argument("--header", required=True)
    parser.add_argument("--version-header", help="sfe/Version.h (generated by CMake; default: beside --header)")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=8)
    ARGS, rest = parser.parse_known_args()
    for name in ("cli", "manifest", "module", "definition", "activities", "host_dir", "header"):
        setattr(ARGS, name, os.path.abspath(getattr(ARGS, name)))
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
