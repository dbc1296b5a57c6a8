"""A loopback TCP proxy that loses one response after the server has committed the request.

It forwards each HTTP/1.1 request to the real backend and reads the backend's full
answer (so the backend has finished: the order is in the database), then — for the
first request matching `drop_first` — closes the client's connection instead of
relaying that answer. That is exactly "connection reset mid-POST" as a kiosk sees it.

`cut()` takes the network away altogether (every request from then on, on a new or a kept
connection, is closed unanswered and reaches no backend) until `restore()`.
"""

from __future__ import annotations

import socket
import threading
from typing import BinaryIO


class DropProxy:
    def __init__(self, upstream_url: str, drop_first: str = "-", relay_bytes: int = 0):
        """`drop_first` is the start of the request line to lose once, e.g. "POST /api/v1/orders "
        (the default matches no request: a proxy that only cuts); `relay_bytes` of that answer
        still go through before the cut (a truncated download)."""
        self._relay_bytes = relay_bytes
        host, port = upstream_url.removeprefix("http://").split(":")
        self._upstream = (host, int(port))
        self._drop_first = drop_first.encode()
        self._lock = threading.Lock()
        self.dropped: list[bytes] = []  # request heads whose answers were lost
        self._cut = threading.Event()
        self.refused = 0  # requests that met a cut network
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    def cut(self) -> None:
        self._cut.set()

    def restore(self) -> None:
        self._cut.clear()

    def _accept_loop(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # listener closed
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _should_drop(self, request: bytes) -> bool:
        with self._lock:
            if self.dropped or not request.startswith(self._drop_first):
                return False
            self.dropped.append(request.split(b"\r\n\r\n")[0])
            return True

    def _relay(self, client: socket.socket) -> None:
        with client, socket.create_connection(self._upstream) as upstream:
            from_client = client.makefile("rb")
            from_upstream = upstream.makefile("rb")
            while True:
                request = read_message(from_client)
                if request is None:
                    return
                if self._cut.is_set():
                    with self._lock:
                        self.refused += 1
                    return  # the network is down: the backend never sees it
                upstream.sendall(request)
                response = read_message(from_upstream)
                if response is None:
                    return
                if self._should_drop(request):
                    client.sendall(response[: self._relay_bytes])
                    return  # closing the client socket: the answer is lost in transit
                client.sendall(response)


def read_message(stream: BinaryIO) -> bytes | None:
    """One HTTP/1.1 message (head + body by Content-Length or chunked), or None at EOF."""
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        line = stream.readline()
        if not line:
            return None
        head += line
    fields = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip().lower()
    if fields.get(b"transfer-encoding") == b"chunked":
        return head + _read_chunks(stream)
    return head + stream.read(int(fields.get(b"content-length", b"0")))


def _read_chunks(stream: BinaryIO) -> bytes:
    body = b""
    while True:
        size_line = stream.readline()
        body += size_line
        size = int(size_line.split(b";")[0], 16)
        body += stream.read(size + 2)  # data + CRLF (or, for size 0, the final CRLF)
        if size == 0:
            return body
