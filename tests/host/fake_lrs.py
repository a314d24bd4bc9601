"""fake_lrs.py: a minimal LRS in a thread, for the CLI's sync tests (standard library only).

It answers GET .../about with xAPI 1.0.3 and POST .../statements with 200 and the statement ids
(or, with fail=True, with 503), after `delay` seconds, and keeps what it was sent; with tls=(CERT, KEY)
(PEM files) it speaks HTTPS with that certificate. The real LRS conversation is tested in
tests/lrs and tests/delivery; here it only has to let `sync` succeed or fail on cue.
"""

import http.server
import json
import ssl
import threading
import time


class FakeLrs:
    def __init__(self, fail=False, delay=0.0, tls=None):
        self.fail = fail
        self.delay = delay          # seconds before each POST is answered
        self.received = []          # statement bodies, in the order they arrived
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def reply(self, status, body=b""):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path.endswith("/about"):
                    self.reply(200, json.dumps({"version": ["1.0.3"]}).encode())
                else:
                    self.reply(404)

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                time.sleep(owner.delay)
                if owner.fail:
                    self.reply(503)
                    return
                statements = body if isinstance(body, list) else [body]
                owner.received.extend(statements)
                self.reply(200, json.dumps([s["id"] for s in statements]).encode())

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = "%s://127.0.0.1:%d/xapi/" % ("https" if tls else "http", self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
