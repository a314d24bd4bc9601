#!/usr/bin/env python3
"""pull_test.py: `sfia-evidence pull` against the real test LRS (Learning Locker's statement service,
ctest fixture `lrs`), run as a process the way users run it.

Usage: pull_test.py --cli BIN --manifest MANIFEST --definition CSMG.xml [unittest args]

Foreign statements are POSTed to the LRS first: completions, passes and failures of mapped activities,
and statements that cannot count (an unmapped activity, no result, a Group actor, a voided one, one of
our own, an actor of another system). Exactly the countable ones must become evidence, once; every other
one of ours must be reported with its reason. All suites share one LRS per ctest run, so each test maps
activities whose IRIs are new (a fresh UUID in them) and looks only at its own statements.
"""

import http.server
import json
import os
import re
import threading
import sys
import time
import unittest
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "host"))
from cli import StoreCase, cli_test_arguments  # noqa: E402

EXIT_OK, EXIT_TEMPFAIL, EXIT_CONFIG = 0, 75, 78
ARGS = None
HOME = "https://lms.example.org"
PROFILE = "https://sfia-evidence.org/xapi/profile/v1.0"
VERB = "http://adlnet.gov/expapi/verbs/"


def lrs_url():
    state = os.environ.get("SFE_TEST_LRS_STATE")
    if not state:
        raise unittest.SkipTest("SFE_TEST_LRS_STATE is not set: run through ctest (fixture lrs)")
    with open(os.path.join(state, "url"), encoding="utf-8") as f:
        return f.read().strip()


def post(statements):
    request = urllib.request.Request(lrs_url() + "/statements", data=json.dumps(statements).encode("utf-8"),
                                     method="POST", headers={"Content-Type": "application/json",
                                                             "X-Experience-API-Version": "1.0.3",
                                                             "Authorization": "Basic dGVzdDp0ZXN0"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200, response.status
        return json.loads(response.read())


def account(name, home=HOME):
    return {"objectType": "Agent", "account": {"homePage": home, "name": name}}


def statement(actor, verb, activity, **extra):
    s = {"id": str(uuid.uuid4()), "actor": actor, "verb": {"id": VERB + verb, "display": {"en-US": verb}},
         "object": {"objectType": "Activity", "id": activity}, "timestamp": "2026-11-19T08:30:00.000Z"}
    s.update(extra)
    return s


class PullCase(StoreCase):
    """A fresh store with CSMG imported and three activities mapped; the CLI pointed at self.lrs_url()."""

    prefix = "sfe-pull-"

    def lrs_url(self):
        return lrs_url()

    def setUp(self):
        super().setUp()
        self.env = {"SFE_LRS_URL": self.lrs_url(), "SFE_LRS_USER": "test", "SFE_LRS_PASSWORD": "test"}
        # Activities known by IRIs no other test uses.
        run = uuid.uuid4().hex
        self.course = "https://courses.example.org/%s/course-a" % run
        self.exam = "https://courses.example.org/%s/exam-b" % run
        self.unmapped = "https://courses.example.org/%s/not-mapped" % run
        self.ok("import", ARGS.definition)
        self.ok("map", self.course, "--skill", "CSMG", "--level", "3")
        self.ok("map", self.course, "--skill", "CSMG", "--level", "2")
        self.ok("map", self.exam, "--skill", "CSMG", "--level", "4", "--type", "assessment")

    def run_cli(self, *args, env=None, timeout=None):
        # the LRS for every command; background sending off: the outbox's own statements are not tested here
        return super().run_cli(*args, env=dict(self.env, **(env or {})), timeout=timeout)

    def pull(self, *args):
        return json.loads(self.ok("pull", "--json", *args).out)

    def event_ids(self):
        return {row[0] for row in self.store.rows("SELECT DISTINCT event_id FROM evidence")}

    def evidence_count(self):
        return int(self.store.rows("SELECT COUNT(*) FROM evidence")[0][0])


class Pull(PullCase):
    def test_exactly_the_countable_statements_become_evidence_once(self):
        countable = [
            statement(account("anna"), "completed", self.course),                       # two mapped levels
            statement({"objectType": "Agent", "mbox": "mailto:bert@example.org"}, "passed", self.exam,
                      result={"score": {"scaled": 0.8}}),
            statement(account("anna"), "failed", self.exam),
            statement(account("carl"), "answered", self.exam, result={"success": True}),
            statement(account("dora"), "progressed", self.course, result={"completion": True}),
        ]
        voided_one = statement(account("anna"), "completed", self.exam)
        others = {
            "unmapped-activity": statement(account("anna"), "completed", self.unmapped),
            "no-result": statement(account("anna"), "experienced", self.course),
            "unsupported-verb": statement(account("anna"), "answered", self.course, result={"response": "b"}),
            "group-actor": statement({"objectType": "Group", "name": "team", "member": [account("anna")]},
                                     "completed", self.course),
            "own": statement(account("anna"), "completed", self.course,
                             context={"contextActivities": {"category": [{"id": PROFILE}]}}),
            "unknown-actor": statement(account("anna", "https://other-lms.example.org"), "completed", self.course),
        }
        post(countable + list(others.values()) + [voided_one])
        voiding = {"id": str(uuid.uuid4()), "actor": account("lms-admin"),
                   "verb": {"id": VERB + "voided", "display": {"en-US": "voided"}},
                   "object": {"objectType": "StatementRef", "id": voided_one["id"]}}
        post([voiding])
        expected_reasons = {s["id"]: reason for reason, s in others.items()}
        expected_reasons[voided_one["id"]] = "voided"
        expected_reasons[voiding["id"]] = "voiding"

        first = self.pull()
        self.assertEqual(self.event_ids(), {s["id"] for s in countable})
        # The course is mapped to two levels: anna's and dora's statements make two records each.
        self.assertEqual(self.evidence_count(), 7)
        reported = {s["id"]: s["reason"] for s in first["skipped"] if s["id"] in expected_reasons}
        self.assertEqual(reported, expected_reasons)
        self.assertEqual(first["recorded"], len(countable))
        self.assertIn("cursor", first)
        # Who the learners are: account names on lms.home_page, the mbox's address.
        learners = {row[0] for row in self.store.rows("SELECT learner FROM evidence")}
        self.assertEqual(learners, {"anna", "bert@example.org", "carl", "dora"})

        # A second pull (another process) continues at the stored cursor: nothing is recorded twice,
        # and the statements read before are not read again.
        second = self.pull()
        self.assertEqual(second["recorded"], 0)
        self.assertEqual(self.evidence_count(), 7)
        self.assertFalse({s["id"] for s in second["skipped"]} & set(expected_reasons))

        # New statements: the next pull takes in only those.
        later = statement(account("erik"), "completed", self.course)
        post([later])
        third = self.pull()
        self.assertEqual(third["recorded"], 1)
        self.assertEqual(self.event_ids(), {s["id"] for s in countable} | {later["id"]})
        self.assertFalse({s["id"] for s in third["skipped"]} & set(expected_reasons))

        # --since overrides the cursor: everything is read again, recorded nothing twice, reported again.
        again = self.pull("--since", "2000-01-01")
        self.assertEqual(again["recorded"], 0)
        self.assertGreaterEqual(again["duplicates"], len(countable) + 1)
        self.assertEqual({s["id"]: s["reason"] for s in again["skipped"] if s["id"] in expected_reasons},
                         expected_reasons)
        self.assertEqual(self.evidence_count(), 9)

    def test_since_reads_only_what_was_stored_after(self):
        before = statement(account("anna"), "completed", self.course)
        post([before])
        time.sleep(0.05)    # `stored` has milliseconds: the two posts must not share one instant
        since = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".%03dZ" % (int(time.time() * 1000) % 1000)
        time.sleep(0.05)
        after = statement(account("bert"), "passed", self.exam)
        post([after])
        report = self.pull("--since", since)
        self.assertEqual(self.event_ids(), {after["id"]})
        self.assertEqual(report["recorded"], 1)

    def test_text_report_names_each_statement_that_did_not_count(self):
        unmapped = statement(account("anna"), "completed", self.unmapped)
        post([unmapped])
        out = self.ok("pull", "--lang", "en").out
        self.assertIn("not counted: %s: its activity is not mapped to a skill level (%s)" % (unmapped["id"],
                                                                                           self.unmapped), out)
        self.assertRegex(out, r"statements? read in [\d,]+ pages?: ")

    def test_on_a_terminal_a_progress_bar_counts_the_statements_read(self):
        # From just before the post: the shared LRS holds the other suites' statements too.
        since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
        post([statement(account("anna"), "completed", self.course) for _ in range(3)])
        result, terminal = self.cli.run_on_terminal(*self.store.args("pull"), "pull", "--lang", "en", "--limit", "2",
                                                    "--since", since, env=self.env)
        out = result.out
        self.assertEqual(result.code, EXIT_OK, result)
        # The bar is on the terminal (stderr) only; the report on stdout has none of it.
        read = int(re.search(r"([\d,]+) statements? read in ([\d,]+) pages", out).group(1).replace(",", ""))
        self.assertGreaterEqual(read, 3)
        self.assertRegex(terminal, r"\rstatements read \d+")
        self.assertNotIn("\r", out)

    def test_without_an_lrs_pull_is_a_configuration_error(self):
        result = self.cli.run(*self.store.args("pull"), "pull")
        self.assertEqual(result.code, EXIT_CONFIG, result)


class LossyCursorLrs:
    """An LRS whose `more` chain ends early, as Learning Locker's memory store does once its cursor (a v1
    UUID string, whose leading field wraps every 7 minutes) falls out of `stored` order: the first page of
    a query has a `more` link, and that link answers an empty last page. Queries by `since` are right."""

    def __init__(self, statements):
        self.statements = statements        # in `stored` order, each with `stored`
        self.queries = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path, _, query = self.path.partition("?")
                params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
                owner.queries.append(params)
                if path.endswith("/about"):
                    body = {"version": ["1.0.3"]}
                elif "cursor" in params:
                    body = {"statements": [], "more": ""}
                else:
                    since = urllib.parse.unquote(params.get("since", ""))
                    rest = [s for s in owner.statements if s["stored"] > since]
                    limit = int(params.get("limit", "100"))
                    body = {"statements": rest[:limit],
                            "more": "/xAPI/statements?cursor=lost" if len(rest) > limit else ""}
                data = json.dumps(body).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Experience-API-Version", "1.0.3")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:%d/xAPI" % self.server.server_address[1]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class PullWhenMoreLosesStatements(PullCase):
    def lrs_url(self):
        return self.lrs.url

    def setUp(self):
        self.lrs = LossyCursorLrs([])
        self.addCleanup(self.lrs.close)
        super().setUp()
        self.sent = []
        for i in range(7):
            s = statement(account("learner-%d" % i), "completed", self.course)
            s["stored"] = "2026-11-19T08:30:0%d.000Z" % i
            self.sent.append(s)
        self.lrs.statements = self.sent

    def test_the_feed_ends_only_when_a_query_by_time_brings_nothing_new(self):
        report = self.pull("--limit", "3")
        self.assertEqual(self.event_ids(), {s["id"] for s in self.sent}, self.lrs.queries)
        self.assertEqual(report["recorded"], 7)
        self.assertEqual(report["duplicates"], 0)
        # The chain was followed, and queries by time from the last statement read went on to the end.
        self.assertTrue(any("cursor" in q for q in self.lrs.queries))
        self.assertEqual(self.pull("--limit", "3")["recorded"], 0)


def main():
    global ARGS
    ARGS = StoreCase.arguments = cli_test_arguments()
    unittest.main(argv=[sys.argv[0]] + ARGS.rest, verbosity=2)


if __name__ == "__main__":
    main()
