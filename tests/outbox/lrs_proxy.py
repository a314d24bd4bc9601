#!/usr/bin/env python3
#
# lrs_proxy.py
#
# Project: sfia-evidence, tests/outbox
#
# A TCP proxy in front of the test LRS that makes the LRS unreachable on cue, counted in POST
# requests, so a test can cut a drain at a chosen batch instead of guessing at timing.
# Python standard library only.
#
#   lrs_proxy.py TARGET_HOST TARGET_PORT
#
# It listens on 127.0.0.1 on a port the OS chooses and prints "listening PORT" first. Then it reads
# commands from stdin, one per line, each answered with "ok COMMAND" on stdout:
#
#   fault N refuse MS  when POST number N arrives (counting every POST since the proxy started, from 1),
#                      every connection is reset without forwarding it, and new connections are refused
#                      for MS milliseconds (the LRS host is down).
#   fault N stall MS   POST number N, and everything sent after it, reaches the LRS only MS milliseconds
#                      later (the LRS process is stopped with SIGSTOP, then continued): the client times
#                      out, but the LRS still stores what it receives late.
#   fault N lose MS    POST number N reaches the LRS, which stores it, but its response is dropped and the
#                      client's connection reset; new connections are refused for MS milliseconds
#                      (the network fails after the LRS acted).
#   fault N hold       POST number N reaches the LRS, and its response is never passed on.
#   damage ID          from now on, in every POST that carries the statement with id ID, that statement's
#                      actor mbox loses its "mailto:" before it reaches the LRS, which then refuses the
#                      request (400): an LRS stricter than the plugin, for a statement the store holds
#                      unchanged (so the evidence log still matches it).
#   posts              answers "posts K": how many POSTs have arrived.
#   quit               ends the proxy.
#
# Events on stdout: "fault N MODE" when a fault fires; "forwarded N late" when a stalled POST N goes
# on to the LRS; "stored N" when the LRS answered POST N of a fault (stall, lose, hold); "resumed"
# when an outage ends.
#
# It understands just enough HTTP/1.1 for a client that sends requests with Content-Length one after
# the other on a kept-alive connection (no pipelining, no chunked bodies), as LrsClient does.

import json
import socket
import struct
import sys
import threading
import time

TARGET = (sys.argv[1], int(sys.argv[2]))

lock = threading.Condition()
faults = {}            # POST number -> (mode, milliseconds)
posts = 0
refuse_until = 0.0     # monotonic time until which connections are refused
stall_until = 0.0      # monotonic time until which nothing is forwarded to the LRS
connections = set()    # open Connection objects
damaged = set()        # statement ids whose actor mbox is damaged on the way to the LRS
listener = None
port = 0


def damage(request):
    """The request with the actor mbox of every statement in `damaged` stripped of "mailto:"."""
    with lock:
        ids = set(damaged)
    end = request.find(b"\r\n\r\n")
    header, body = request[:end].decode("latin-1"), request[end + 4:]
    if not ids or not any(i.encode() in body for i in ids):
        return request
    statements = json.loads(body)
    for statement in statements if isinstance(statements, list) else [statements]:
        if statement.get("id") in ids and "mbox" in statement.get("actor", {}):
            statement["actor"]["mbox"] = statement["actor"]["mbox"].replace("mailto:", "", 1)
    body = json.dumps(statements, separators=(",", ":")).encode()
    lines = [line for line in header.split("\r\n") if not line.lower().startswith("content-length:")]
    lines.append("Content-Length: %d" % len(body))
    return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + body


def say(line):
    with lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def reset(sock):
    """Closes the socket with a TCP reset, as a host that went away would. shutdown() first: close()
    alone neither wakes another thread blocked in recv() on it nor tells the peer anything."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


class Connection:
    def __init__(self, client):
        self.client = client
        self.upstream = socket.create_connection(TARGET)
        self.response_fate = None   # the fault mode for the answer to POST post_number; None: forward
        self.post_number = 0
        self.outage = 0             # "lose": milliseconds of refused connections after dropping the answer
        self.closed = False

    def close(self):
        with lock:
            if self.closed:
                return
            self.closed = True
            connections.discard(self)
        reset(self.client)
        reset(self.upstream)

    def requests(self):
        """Yields each complete request (bytes) the client sends, and its method."""
        buffer = b""
        while True:
            end = buffer.find(b"\r\n\r\n")
            while end < 0:
                chunk = self.client.recv(65536)
                if not chunk:
                    return
                buffer += chunk
                end = buffer.find(b"\r\n\r\n")
            header = buffer[:end].decode("latin-1")
            length = 0
            for line in header.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            total = end + 4 + length
            while len(buffer) < total:
                chunk = self.client.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            yield header.split(" ", 1)[0], buffer[:total]
            buffer = buffer[total:]

    def client_to_lrs(self):
        global posts, refuse_until, stall_until
        try:
            for method, request in self.requests():
                fault = None
                if method == "POST":
                    with lock:
                        posts += 1
                        number = posts
                        fault = faults.pop(number, None)
                if fault:
                    mode, milliseconds = fault
                    say("fault %d %s" % (number, mode))
                    if mode == "refuse":
                        refuse_for(milliseconds)
                        return
                    self.post_number = number
                    self.response_fate = mode
                    if mode == "stall":
                        with lock:
                            stall_until = time.monotonic() + milliseconds / 1000.0
                        threading.Thread(target=announce_resume, args=(stall_until,), daemon=True).start()
                    else:
                        self.outage = milliseconds
                wait_while_stalled()
                if method == "POST":
                    request = damage(request)
                self.upstream.sendall(request)
                if self.response_fate == "stall":
                    say("forwarded %d late" % number)
            # The client closed its end: so does the proxy towards the LRS, which still answers what
            # it received (lrs_to_client reads that answer to the end).
            self.upstream.shutdown(socket.SHUT_WR)
            return
        except OSError:
            pass
        self.close()

    def lrs_to_client(self):
        try:
            while True:
                chunk = self.upstream.recv(65536)
                if not chunk:
                    break
                fate, self.response_fate = self.response_fate, None
                if fate is not None:
                    say("stored %d" % self.post_number)
                if fate == "hold":
                    while self.upstream.recv(65536):
                        pass
                    return   # the client waits until it gives up or is killed; client_to_lrs sees that
                if fate == "lose":
                    self.close()
                    refuse_for(self.outage)
                    return
                try:
                    self.client.sendall(chunk)
                except OSError:
                    pass   # the client is gone (gave up waiting): let the LRS finish all the same
        except OSError:
            pass
        self.close()


def wait_while_stalled():
    while True:
        with lock:
            left = stall_until - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.05))


def announce_resume(until):
    time.sleep(max(0.0, until - time.monotonic()))
    say("resumed")


def refuse_for(milliseconds):
    """Resets every connection and closes the listening socket for a while."""
    global refuse_until
    with lock:
        refuse_until = time.monotonic() + milliseconds / 1000.0
        open_connections = list(connections)
    for connection in open_connections:
        connection.close()


def listen():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    sock.settimeout(0.02)
    return sock


def accept_loop():
    global listener, port
    listener = listen()
    port = listener.getsockname()[1]
    say("listening %d" % port)
    while True:
        with lock:
            refusing = time.monotonic() < refuse_until
        if refusing:
            if listener is not None:
                listener.close()   # connection refused from now on
                listener = None
            time.sleep(0.01)
            continue
        if listener is None:
            listener = listen()
            say("resumed")
        try:
            client, _ = listener.accept()
        except socket.timeout:
            continue
        client.settimeout(None)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            connection = Connection(client)
        except OSError:
            reset(client)
            continue
        connection.upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with lock:
            connections.add(connection)
        threading.Thread(target=connection.client_to_lrs, daemon=True).start()
        threading.Thread(target=connection.lrs_to_client, daemon=True).start()


def main():
    threading.Thread(target=accept_loop, daemon=True).start()
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] == "posts":
            with lock:
                count = posts
            say("posts %d" % count)
            continue
        if words[0] == "damage" and len(words) == 2:
            with lock:
                damaged.add(words[1])
            say("ok " + line.strip())
            continue
        if words[0] == "fault" and len(words) >= 3 and words[2] in ("refuse", "stall", "lose", "hold"):
            milliseconds = int(words[3]) if len(words) > 3 else 0
            with lock:
                faults[int(words[1])] = (words[2], milliseconds)
            say("ok " + line.strip())
            continue
        say("error unknown command: " + line.strip())


if __name__ == "__main__":
    main()
