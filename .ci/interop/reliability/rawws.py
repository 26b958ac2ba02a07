"""A raw-socket WebSocket client (RFC 6455) that can misbehave on purpose:
any frame bits, unmasked frames, lying length headers, an empty close
payload, a TCP reset instead of a close, a tiny receive buffer and never
reading. The well-behaved peer of the suite is Python `websockets`; this is
the adversary's.
"""
import asyncio
import base64
import hashlib
import json
import os
import socket
import struct

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, BINARY, CLOSE, PING, PONG, CONTINUATION = 0x1, 0x2, 0x8, 0x9, 0xA, 0x0


class Closed(Exception):
    """The agent closed: `code` from its close frame (1005 if empty, 1006 if TCP went first)."""

    def __init__(self, code, reason=""):
        super().__init__(f"closed {code} {reason}")
        self.code = code
        self.reason = reason


def frame(opcode, payload=b"", fin=True, mask=True, rsv=0, length=None):
    """One frame's bytes; `length` lies about the payload length when given."""
    n = len(payload) if length is None else length
    head = bytes([(0x80 if fin else 0) | (rsv << 4) | opcode])
    bit = 0x80 if mask else 0
    if n < 126:
        head += bytes([bit | n])
    elif n < 65536:
        head += bytes([bit | 126]) + struct.pack("!H", n)
    else:
        head += bytes([bit | 127]) + struct.pack("!Q", n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + mask_bytes(payload, key)


def mask_bytes(payload, key):
    if not payload:
        return b""
    repeated = (key * (len(payload) // 4 + 1))[:len(payload)]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(len(payload), "big")


class RawWS:
    def __init__(self, reader, writer, sock):
        self.reader = reader
        self.writer = writer
        self.sock = sock

    @classmethod
    async def connect(cls, address, rcvbuf=None, timeout=10):
        host, port = address.rsplit(":", 1)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        sock.setblocking(False)
        await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, (host, int(port))), timeout)
        reader, writer = await asyncio.open_connection(sock=sock, limit=1 << 20)
        key = base64.b64encode(os.urandom(16))
        writer.write(b"GET / HTTP/1.1\r\nHost: " + address.encode() + b"\r\nUpgrade: websocket\r\n"
                     b"Connection: Upgrade\r\nSec-WebSocket-Key: " + key + b"\r\nSec-WebSocket-Version: 13\r\n\r\n")
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        if not head.startswith(b"HTTP/1.1 101") or accept not in head:
            writer.close()
            raise ConnectionError(f"handshake refused: {head[:200]!r}")
        return cls(reader, writer, sock)

    async def send_raw(self, data):
        self.writer.write(data)
        await self.writer.drain()

    async def send_text(self, text):
        await self.send_raw(frame(TEXT, text.encode() if isinstance(text, str) else text))

    async def send_json(self, value):
        await self.send_text(json.dumps(value, ensure_ascii=False))

    async def recv_frame(self, timeout):
        async def read():
            b0, b1 = await self.reader.readexactly(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", await self.reader.readexactly(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", await self.reader.readexactly(8))[0]
            key = await self.reader.readexactly(4) if b1 & 0x80 else None
            payload = await self.reader.readexactly(n)
            return bool(b0 & 0x80), b0 & 0x0F, mask_bytes(payload, key) if key else payload
        return await asyncio.wait_for(read(), timeout)

    async def recv(self, timeout):
        """The next message: str for text, bytes for binary (the video relay's pictures); answers
        pings; raises Closed when the agent closes."""
        parts = []
        first_opcode = None
        while True:
            try:
                fin, opcode, payload = await self.recv_frame(timeout)
            except (asyncio.IncompleteReadError, ConnectionError):
                raise Closed(1006)
            if opcode == PING:
                await self.send_raw(frame(PONG, payload))
                continue
            if opcode == PONG:
                continue
            if opcode == CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
                raise Closed(code, payload[2:].decode("utf-8", errors="replace"))
            if first_opcode is None:
                first_opcode = opcode
            parts.append(payload)
            if fin:
                message = b"".join(parts)
                return message if first_opcode == 2 else message.decode("utf-8", errors="replace")

    async def recv_json(self, timeout):
        return json.loads(await self.recv(timeout))

    async def until_closed(self, timeout):
        """Reads (discarding messages) until the agent's close; its code, or None if none came in time."""
        try:
            async with asyncio.timeout(timeout):
                while True:
                    await self.recv(timeout)
        except Closed as closed:
            return closed.code
        except TimeoutError:
            return None

    async def close(self, code=1000, reason="", timeout=5):
        """A close handshake; `code=None` sends an empty close payload (the peer reports 1005)."""
        payload = b"" if code is None else struct.pack("!H", code) + reason.encode()
        try:
            await self.send_raw(frame(CLOSE, payload))
            await self.until_closed(timeout)
        except (ConnectionError, OSError):
            pass
        self.abort(rst=False)

    def abort(self, rst=True):
        """Drops TCP with no close frame; `rst` resets it (SO_LINGER 0) instead of a FIN."""
        try:
            if rst:
                self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.writer.transport.abort()
        except OSError:
            pass
