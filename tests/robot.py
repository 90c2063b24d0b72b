"""A group robot on 127.0.0.1 for notice tests: it keeps every JSON message posted to it
(with the query, to check the signature) and answers like DingTalk, or with a refusal."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Robot:
    def __init__(self):
        self.messages = []  # (query dict, JSON body)
        self.answer = {"errcode": 0, "errmsg": "ok"}
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/robot/send?access_token=t0k3n"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _handler(self):
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length).decode())
                query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
                robot.messages.append((query, body))
                out = json.dumps(robot.answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args):
                pass

        return Handler

    def contents(self):
        return [body["text"]["content"] for _, body in self.messages]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot():
    r = Robot()
    yield r
    r.close()
