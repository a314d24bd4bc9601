#!/usr/bin/env python3
"""concurrency_test.py: the plugin run as an LMS runs it — many processes and threads on one store.

Standard library only. Every case runs on SQLite, and on PostgreSQL when SFE_TEST_PG is set (ctest's
_pg variants; see tests/pg). Usage:

  concurrency_test.py --cli CLI --manifest MANIFEST --module PLUGIN.so --definition CSMG.xml [CASE...]

Cases:
  ManyWriters     8 CLI processes x 50 attest/complete calls on one store: 400 of 400 exit 0, each
                  event recorded once, audit verify passes.
  NewStore        4 processes open one new store at once, 20 times: no failure.
  TwoSyncs        two `sync` at once against the real LRS (fixture lrs), through a counting proxy:
                  statements POSTed == statements in the store, and the LRS holds each once.
  Threads         one C-door handle: `progress` answers within 1 s while another thread's `sync`
                  waits on an LRS that answers 503; each thread reads its own sfe_errmsg.
  ThreadsWithSender  6 threads x 250 attestations (and progress) on one C-door handle while its
                  background sender delivers: 0 failed calls, each statement delivered once.
  EraseElsewhere  handle A caches a learner's reference, handle B (another "process") erases the
                  learner, A records again: the new record is not linked to the erased person, and
                  audit verify passes.
  KilledWriter    a writer SIGKILLed inside a large record's transaction: the next writer goes
                  ahead at once, nothing of the killed one is stored, audit verify passes.
  Busy            (SQLite) a writer holding the store past store.busy_timeout_ms: the CLI exits 75
                  with "busy", the C door answers SFE_BUSY / "error": "busy", nothing is written.
"""

import http.client
import http.server
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
from cli import Cli, Store, cli_test_arguments, tool_environment  # noqa: E402
from fake_lrs import FakeLrs  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "plugin"))
from ctypes_host import Door as CDoor  # noqa: E402

ARGS = None
SFE_OK, SFE_BUSY = 0, 10


def lrs_url():
    """The real test LRS's base URL, from the fixture's state directory; None when it is not running."""
    state = os.environ.get("SFE_TEST_LRS_STATE", "")
    path = os.path.join(state, "url")
    if not state or not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


class Workspace:
    """A temporary folder and a store prepared as an LMS admin would: CSMG imported, activities mapped."""

    def __init__(self, test):
        self.folder = tempfile.mkdtemp(prefix="sfe-concurrency-")
        self.store = Store(self.folder)
        test.addCleanup(self.store.close)
        self.cli = Cli(ARGS.cli, ARGS.manifest)

    def sfe(self, *args, env=None, timeout=120):
        return self.cli.run(*(self.store.args(*args) + list(args)), env=env, timeout=timeout)

    def prepare(self, test):
        for args in (("import", ARGS.definition),
                     ("map", "kurs-erstdiagnose", "--skill", "CSMG", "--level", "3", "--type", "course",
                      "--name", "Erstdiagnose"),
                     ("map", "kurs-telefonie", "--skill", "CSMG", "--level", "2", "--type", "course",
                      "--name", "Telefonie")):
            result = self.sfe(*args)
            test.assertEqual(result.code, 0, result)

    def config_json(self, **extra):
        """The C door's configuration for this store."""
        config = {"store.path": self.store.path, "log.level": "warning"}
        if self.store.postgres:
            config.update({"store.connector": "postgresql", "store.url": self.store.url})
        config.update(extra)
        return json.dumps(config)

    def count(self, sql):
        return int(self.store.rows(sql)[0][0])


def event_args(process, i):
    """The CLI arguments of event i of writer `process`: attestations and completions in turn."""
    if i % 2 == 0:
        return ["attest", "--learner", "learner-%d" % process, "--responsibility", "CSMG-3.%d" % (i % 5 + 1),
                "--assessor", "assessor-%d" % process, "--event-id", "ev-%d-%d" % (process, i)]
    return ["complete", "--learner", "learner-%d" % process, "--activity",
            "kurs-erstdiagnose" if i % 4 == 1 else "kurs-telefonie", "--event-id", "ev-%d-%d" % (process, i)]


class ManyWriters(unittest.TestCase):
    PROCESSES, CALLS = 8, 50

    def test_every_call_succeeds_and_is_recorded_once(self):
        ws = Workspace(self)
        ws.prepare(self)
        before = ws.count("SELECT COUNT(*) FROM lms_events")
        failures = []
        lock = threading.Lock()

        def writer(process):
            # One process per call, as PHP-FPM workers would: each opens the store, migrates nothing,
            # records one event and exits.
            for i in range(self.CALLS):
                result = ws.sfe(*event_args(process, i))
                if result.code != 0:
                    with lock:
                        failures.append((process, i, result))

        threads = [threading.Thread(target=writer, args=(p,)) for p in range(self.PROCESSES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [], "%d of %d calls failed; first: %r" % (
            len(failures), self.PROCESSES * self.CALLS, failures[:1]))
        self.assertEqual(ws.count("SELECT COUNT(*) FROM lms_events") - before, self.PROCESSES * self.CALLS)
        # Each event once: attestations make one record, completions one per mapping (one here).
        self.assertEqual(ws.count("SELECT COUNT(*) FROM evidence WHERE event_id LIKE 'ev-%'"),
                         self.PROCESSES * self.CALLS)
        verify = ws.sfe("audit", "verify")
        self.assertEqual(verify.code, 0, verify)
        self.assertIn("OK", verify.out)


class NewStore(unittest.TestCase):
    ROUNDS, PROCESSES = 20, 4

    def test_processes_opening_one_new_store_at_once(self):
        failures = []
        for round_ in range(self.ROUNDS):
            ws = Workspace(self)
            barrier = threading.Barrier(self.PROCESSES)
            results = [None] * self.PROCESSES

            def opener(index):
                barrier.wait()
                results[index] = ws.sfe("skills")

            threads = [threading.Thread(target=opener, args=(i,)) for i in range(self.PROCESSES)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            failures += [(round_, r) for r in results if r.code != 0]
            # The schema is there once, at the latest version, whoever created it.
            self.assertEqual(ws.count("SELECT COUNT(*) FROM schema_migrations"),
                             ws.count("SELECT MAX(version) FROM schema_migrations"))
        self.assertEqual(failures, [], "%d of %d opens failed; first: %r" % (
            len(failures), self.ROUNDS * self.PROCESSES, failures[:1]))


class CountingProxy:
    """Forwards every request to the LRS and counts the statements POSTed (a JSON array or object)."""

    def __init__(self, target, delay=0.0):
        self.target = urllib.parse.urlsplit(target)
        self.delay = delay          # seconds added to each POST, so that two senders surely overlap
        self.posted = []
        self.lock = threading.Lock()
        self.in_flight = self.most_in_flight = 0
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def forward(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length) if length else None
                posting = self.command == "POST" and body
                if posting:
                    statements = json.loads(body)
                    with owner.lock:
                        owner.posted.extend(s["id"] for s in (statements if isinstance(statements, list)
                                                              else [statements]))
                        owner.in_flight += 1
                        owner.most_in_flight = max(owner.most_in_flight, owner.in_flight)
                    time.sleep(owner.delay)
                connection = http.client.HTTPConnection(owner.target.hostname, owner.target.port, timeout=60)
                path = owner.target.path.rstrip("/") + self.path[len("/xapi"):]
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                connection.request(self.command, path, body=body, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                connection.close()
                if posting:
                    with owner.lock:
                        owner.in_flight -= 1

            do_GET = do_POST = do_PUT = forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/xapi" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class TwoSyncs(unittest.TestCase):
    def test_two_syncs_post_each_statement_once(self):
        target = lrs_url()
        if not target:
            self.fail("the test LRS is not running (ctest fixture lrs, SFE_TEST_LRS_STATE)")
        ws = Workspace(self)
        ws.prepare(self)
        events = os.path.join(ws.folder, "events.jsonl")
        with open(events, "w", encoding="utf-8") as f:
            for i in range(400):
                f.write(json.dumps({"type": "completion", "eventId": "two-syncs-%s-%d" % (ws.folder[-8:], i),
                                    "learner": "sync-learner-%d" % (i % 20), "activity": "kurs-erstdiagnose"})
                        + "\n")
        replay = ws.sfe("replay", events)
        self.assertEqual(replay.code, 0, replay)
        stored = ws.count("SELECT COUNT(*) FROM statements")
        self.assertGreaterEqual(stored, 400)

        proxy = CountingProxy(target, delay=0.05)
        self.addCleanup(proxy.close)
        env = {"SFE_LRS_URL": proxy.url}
        results, spans = [None, None], [None, None]

        def sync(index):
            started = time.monotonic()
            results[index] = ws.sfe("sync", env=env, timeout=300)
            spans[index] = (started, time.monotonic())

        threads = [threading.Thread(target=sync, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for r in results:
            self.assertEqual(r.code, 0, r)
        # The two ran at the same time (each takes at least 8 batches x 50 ms), yet only one posted.
        self.assertLess(max(spans[0][0], spans[1][0]), min(spans[0][1], spans[1][1]), "the syncs did not overlap")
        self.assertEqual(proxy.most_in_flight, 1, "two senders posted at the same time")
        self.assertEqual(len(proxy.posted), stored, "POSTed %d statements for %d stored" % (len(proxy.posted), stored))
        self.assertEqual(len(set(proxy.posted)), stored)
        self.assertEqual(ws.count("SELECT COUNT(*) FROM statements WHERE state = 'delivered'"), stored)
        self.assertEqual(ws.count("SELECT COUNT(*) FROM outbox_lease"), 0, "the lease outlived both syncs")


class Door(CDoor):
    """tests/plugin/ctypes_host.py's Door, as this suite uses it: open raises on failure, call also
    returns this thread's sfe_errmsg right after the call."""

    def open(self, config):
        status, handle, error = self.open_raw(config)
        if status != SFE_OK:
            raise RuntimeError("sfe_open: status %d: %s" % (status, error))
        return handle

    def call(self, handle, operation, request=None):
        """(status, response object, this thread's sfe_errmsg right after the call)."""
        status, response = super().call(handle, operation, request or {})
        return status, response if response is not None else {}, self.errmsg(handle)


class Threads(unittest.TestCase):
    def test_progress_answers_while_sync_waits_on_an_unavailable_lrs(self):
        ws = Workspace(self)
        ws.prepare(self)
        self.assertEqual(ws.sfe(*event_args(1, 1)).code, 0)
        lrs = FakeLrs(fail=True).__enter__()     # /about answers; every POST gets 503
        self.addCleanup(lrs.__exit__, None, None, None)
        door = Door(ARGS.module)
        handle = door.open(ws.config_json(**{"lrs.url": lrs.url, "lrs.background": "false"}))
        self.addCleanup(door.lib.sfe_close, handle)

        sync_result = []
        sync = threading.Thread(target=lambda: sync_result.append(door.call(handle, "sync", {"timeLimitMs": 6000})))
        sync.start()
        time.sleep(1.0)          # the sync is now waiting out the LRS's 503s
        self.assertTrue(sync.is_alive(), "sync ended before the test could call progress beside it")
        started = time.monotonic()
        status, response, _ = door.call(handle, "progress", {"learner": "learner-1", "skill": "CSMG"})
        elapsed = time.monotonic() - started
        self.assertEqual(status, SFE_OK, response)
        self.assertLess(elapsed, 1.0, "progress took %.2f s beside a sync" % elapsed)
        self.assertTrue(sync.is_alive(), "the sync did not overlap the progress call")
        sync.join(30)
        self.assertFalse(sync.is_alive(), "sync did not honour its time limit")
        status, summary, _ = sync_result[0]
        self.assertEqual(status, SFE_OK, summary)
        self.assertFalse(summary["finished"], "sync against a 503 LRS reported the outbox empty: %r" % summary)
        self.assertEqual(summary["delivered"], 0, summary)

    def test_each_thread_reads_its_own_errmsg(self):
        ws = Workspace(self)
        ws.prepare(self)
        door = Door(ARGS.module)
        handle = door.open(ws.config_json())
        self.addCleanup(door.lib.sfe_close, handle)
        mismatches = []

        def failing():
            for _ in range(200):
                status, _, message = door.call(handle, "show", {"code": "NOPE"})
                if status == SFE_OK or "NOPE" not in message:
                    mismatches.append(("failing", status, message))

        def succeeding():
            for _ in range(200):
                status, _, message = door.call(handle, "skills")
                if status != SFE_OK or message != "":
                    mismatches.append(("succeeding", status, message))

        threads = [threading.Thread(target=f) for f in (failing, succeeding, failing, succeeding)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(mismatches, [], "first: %r" % (mismatches[:1],))


class ThreadsWithSender(unittest.TestCase):
    THREADS, CALLS = 6, 250

    def test_threads_recording_beside_the_background_sender_never_fail(self):
        ws = Workspace(self)
        ws.prepare(self)
        lrs = FakeLrs().__enter__()
        self.addCleanup(lrs.__exit__, None, None, None)
        door = Door(ARGS.module)
        handle = door.open(ws.config_json(**{"lrs.url": lrs.url, "lrs.background": "true", "lrs.batch": "20"}))
        failures, lock = [], threading.Lock()

        def recorder(thread):
            for i in range(self.CALLS):
                request = {"eventId": "bg-%d-%d" % (thread, i), "learner": "bg-learner-%d" % (i % 30),
                           "responsibility": "CSMG-3.%d" % (i % 5 + 1), "assessor": "bg-assessor-%d" % thread}
                status, response, message = door.call(handle, "attest", request)
                if status != SFE_OK:
                    with lock:
                        failures.append((status, message))
                if i % 25 == 0:        # learners look at their progress meanwhile
                    status, response, message = door.call(handle, "progress", {"learner": request["learner"]})
                    if status != SFE_OK:
                        with lock:
                            failures.append((status, message))

        threads = [threading.Thread(target=recorder, args=(t,)) for t in range(self.THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [], "%d calls failed; first: %r" % (len(failures), failures[:1]))
        # The background sender delivers everything, each statement once.
        deadline = time.monotonic() + 60
        while ws.count("SELECT COUNT(*) FROM statements WHERE state = 'pending'") and time.monotonic() < deadline:
            time.sleep(0.2)
        door.lib.sfe_close(handle)
        stored = ws.count("SELECT COUNT(*) FROM statements")
        self.assertEqual(ws.count("SELECT COUNT(*) FROM statements WHERE state = 'delivered'"), stored)
        ids = [s["id"] for s in lrs.received]
        self.assertEqual(len(ids), stored)
        self.assertEqual(len(set(ids)), stored)
        verify = ws.sfe("audit", "verify")
        self.assertEqual(verify.code, 0, verify)


class EraseElsewhere(unittest.TestCase):
    def test_no_process_links_a_new_record_to_an_erased_person(self):
        ws = Workspace(self)
        ws.prepare(self)
        door = Door(ARGS.module)
        a = door.open(ws.config_json())
        self.addCleanup(door.lib.sfe_close, a)
        b = door.open(ws.config_json())
        self.addCleanup(door.lib.sfe_close, b)
        attest = {"learner": "erin", "responsibility": "CSMG-3.1", "assessor": "assessor-x"}
        status, first, _ = door.call(a, "attest", dict(attest, eventId="erase-1"))
        self.assertEqual(status, SFE_OK, first)
        ref_sql = "SELECT %s FROM evidence WHERE id = ?" % ws.store.hex_of("learner_ref")  # kept as bytes
        old_ref = ws.store.rows(ref_sql, (first["evidence"][0],))[0][0]
        self.assertEqual(ws.store.rows("SELECT COUNT(*) FROM learner_refs WHERE ref = ?", (old_ref,))[0][0]
                         in (1, "1"), True, "the ref as learner_refs has it")

        status, erased, _ = door.call(b, "privacy.erase", {"person": "erin"})
        self.assertEqual(status, SFE_OK, erased)

        status, second, _ = door.call(a, "attest", dict(attest, eventId="erase-2", responsibility="CSMG-3.2"))
        self.assertEqual(status, SFE_OK, second)
        new_ref = ws.store.rows(ref_sql, (second["evidence"][0],))[0][0]
        self.assertNotEqual(new_ref, old_ref, "the new record links to the erased person's reference")
        self.assertEqual(ws.store.rows("SELECT COUNT(*) FROM learner_refs WHERE ref = ?", (old_ref,))[0][0]
                         in (0, "0"), True)
        status, verified, message = door.call(a, "audit.verify")
        self.assertEqual(status, SFE_OK, message)
        verify = ws.sfe("audit", "verify")
        self.assertEqual(verify.code, 0, verify)


KILLED_WRITER = r"""
import ctypes, json, sys
lib = ctypes.CDLL(sys.argv[1])
lib.sfe_open.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
lib.sfe_call.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
handle, error, out = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
assert lib.sfe_open(sys.argv[2].encode(), None, ctypes.byref(handle), ctypes.byref(error)) == 0
events = [{"type": "completion", "eventId": "killed-%d" % i, "learner": "k%d" % (i % 50),
           "activity": "kurs-erstdiagnose"} for i in range(int(sys.argv[3]))]
print("recording", flush=True)
lib.sfe_call(handle, b"record", json.dumps({"events": events}).encode(), ctypes.byref(out))
print("recorded", flush=True)
"""


class KilledWriter(unittest.TestCase):
    def test_a_writer_killed_inside_its_transaction_blocks_no_one(self):
        ws = Workspace(self)
        ws.prepare(self)
        writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, ARGS.module, ws.config_json(), "20000"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(writer.stdout.readline().strip(), b"recording")
        # Wait until it holds the store's write lock (inside one of its transactions): a writer
        # that may wait only 50 ms is then told busy.
        probe = os.path.join(ws.folder, "probe.properties")
        with open(probe, "w", encoding="utf-8") as f:
            f.write(ws.store.config_text() + "store.busy_timeout_ms = 50\n")
        deadline = time.monotonic() + 30
        while True:
            result = ws.cli.run("--config", probe, "--db", ws.store.path, "attest", "--learner", "probe",
                                "--responsibility", "CSMG-3.1", "--assessor", "prober")
            if result.code == 75:
                break
            self.assertEqual(result.code, 0, result)
            self.assertLess(time.monotonic(), deadline, "the writer never held the store's lock")
            time.sleep(0.05)
        writer.kill()
        writer.wait()
        started = time.monotonic()
        result = ws.sfe(*event_args(1, 0))
        self.assertEqual(result.code, 0, result)
        self.assertLess(time.monotonic() - started, 5.0, "the next writer waited for the dead one")
        # A record writes its events 1,000 per transaction (docs/operations.md): chunks committed
        # before the kill stay, whole; the chunk it was killed in leaves nothing.
        kept = ws.count("SELECT COUNT(*) FROM lms_events WHERE event_id LIKE 'killed-%'")
        self.assertEqual(kept % 1000, 0, "the killed transaction left a part behind: %d events" % kept)
        self.assertLess(kept, 20000, "the writer finished before it was killed")
        verify = ws.sfe("audit", "verify")
        self.assertEqual(verify.code, 0, verify)


class Busy(unittest.TestCase):
    def test_a_writer_that_cannot_get_the_lock_is_told_busy(self):
        ws = Workspace(self)
        ws.prepare(self)
        before = ws.store.dump()
        if ws.store.postgres:
            # Another node holds the store's write lock (the plugin's advisory lock) in a transaction.
            holder = subprocess.Popen(
                [ws.store.psql_binary, "-X", "-q", "-d", ws.store.url],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=tool_environment())
            holder.stdin.write(b"BEGIN;\n\\o /dev/null\nSELECT pg_advisory_xact_lock(8315156054467834996);\n"
                               b"\\o\n\\echo locked\n")
            holder.stdin.flush()
            self.assertEqual(holder.stdout.readline().strip(), b"locked")
            release = lambda: (holder.stdin.write(b"ROLLBACK;\n\\q\n"), holder.stdin.close(), holder.wait())
        else:
            connection = sqlite3.connect(ws.store.path, isolation_level=None, timeout=0)
            connection.execute("BEGIN IMMEDIATE")
            release = lambda: (connection.execute("ROLLBACK"), connection.close())
        try:
            config = os.path.join(ws.folder, "busy.properties")
            with open(config, "w", encoding="utf-8") as f:
                f.write(ws.store.config_text() + "store.busy_timeout_ms = 300\n")
            started = time.monotonic()
            result = ws.cli.run("--config", config, "--db", ws.store.path, *event_args(1, 0))
            elapsed = time.monotonic() - started
            self.assertEqual(result.code, 75, result)
            self.assertIn("busy", result.err)
            self.assertGreaterEqual(elapsed, 0.3)

            door = Door(ARGS.module)
            handle = door.open(ws.config_json(**{"store.busy_timeout_ms": "200"}))
            self.addCleanup(door.lib.sfe_close, handle)
            status, response, message = door.call(handle, "attest", {
                "learner": "l", "responsibility": "CSMG-3.1", "assessor": "a", "eventId": "busy-1"})
            self.assertEqual(status, SFE_BUSY, response)
            self.assertEqual(response["error"], "busy")
            self.assertIn("busy", message)
            # The operator's view: the refused write and how long it waited.
            status, stats, _ = door.call(handle, "store.stats")
            self.assertEqual(status, SFE_OK, stats)
            self.assertEqual((stats["writes"], stats["busy"]), (1, 1), stats)
            self.assertGreaterEqual(stats["lockWait"]["maxMs"], 200, stats)
            self.assertEqual(stats["connector"], "postgresql" if ws.store.postgres else "sqlite")
        finally:
            release()
        self.assertEqual(ws.store.dump(), before, "a refused call wrote to the store")


if __name__ == "__main__":
    ARGS = cli_test_arguments("module")
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)
