"""A small misbehaving HTTP server on a free 127.0.0.1 port, for the client's fault tests.

Each request is handed to a script function that returns what to do: answer with a
status and body, stall without answering, or drop the connection without a word.
Every request is recorded (method, path, headers, body) so tests can count attempts
and check the headers of retries.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, payload, headers: dict[str, str] | None = None) -> Reply:
        body = json.dumps(payload, ensure_ascii=False).encode()
        return cls(status, body, {"Content-Type": "application/json", **(headers or {})})

    @classmethod
    def error(cls, status: int, code: str, field: str | None = None, **headers: str) -> Reply:
        return cls.json(
            status, {"errors": [{"code": code, "message": code, "field": field}]}, headers
        )


STALL = "stall"  # accept, read the request, never answer (until the server closes)
DROP = "drop"  # read the request, close the connection without answering

Script = Callable[[Request], "Reply | str"]


class FaultServer:
    def __init__(self, script: Script):
        self.requests: list[Request] = []
        self._script = script
        self._closing = threading.Event()
        self._connections: list = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def attempts(self, method: str, path: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and r.path.split("?")[0] == path]

    def stop(self) -> None:
        """Stop listening and cut kept-alive connections: later calls are refused."""
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        for connection in self._connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._thread.join(5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like the real backend under uvicorn

            def setup(self) -> None:
                super().setup()
                server._connections.append(self.connection)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    self.command, self.path, dict(self.headers.items()), self.rfile.read(length)
                )
                server.requests.append(request)
                action = server._script(request)
                if action == STALL:
                    server._closing.wait(30)
                    return
                if action == DROP:
                    self.close_connection = True
                    return
                self.send_response(action.status)
                for name, value in action.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(action.body)))
                self.end_headers()
                self.wfile.write(action.body)

            do_GET = do_POST = do_DELETE = do_HEAD = _handle

            def log_message(self, format, *args):  # keep pytest output clean
                pass

        return Handler
