"""Python `websockets` as the client against our server (wire-echo).

Usage: python python_client_vs_wire_echo.py PORT SERVER_LOG
Each case prints PASS/FAIL; server-side close codes are checked in wire-echo's
log (one `websocket closed client=127.0.0.1:PORT ... code=N` line per connection).
"""
import asyncio
import re
import sys
import struct
import time

import websockets

PORT = int(sys.argv[1])
LOG = sys.argv[2]
URL = f"ws://127.0.0.1:{PORT}/"
results = []


async def server_close(local_port, timeout=5.0):
    """The (initiator, code) wire-echo logged for the connection from local_port."""
    pattern = re.compile(rf"websocket closed client=127\.0\.0\.1:{local_port} initiator=(\w+) code=(\d+)")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(LOG, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = pattern.search(line)
                if m:
                    return m.group(1), int(m.group(2))
        await asyncio.sleep(0.02)
    return None


async def case(name, body):
    try:
        await asyncio.wait_for(body(), timeout=20)
        results.append((name, None))
    except Exception as e:  # report every failure, keep going
        results.append((name, f"{type(e).__name__}: {e}"))


def check(condition, what):
    if not condition:
        raise AssertionError(what)


async def raw_send(ws, first_byte, payload):
    """Write a masked frame the library would refuse to build (bad UTF-8, RSV bit)."""
    mask = b"\x11\x22\x33\x44"
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    if len(payload) < 126:
        header = struct.pack("!BB", first_byte, 0x80 | len(payload))
    else:
        header = struct.pack("!BBH", first_byte, 0x80 | 126, len(payload))
    ws.transport.write(header + mask + masked)


async def echo_text_binary():
    async with websockets.connect(URL) as ws:
        await ws.send("hello 起飞 🚁")
        check(await ws.recv() == "hello 起飞 🚁", "text echo")
        await ws.send(b"\x00\x01\xff")
        check(await ws.recv() == b"\x00\x01\xff", "binary echo")
        await ws.send("")
        check(await ws.recv() == "", "empty text echo")


async def echo_one_mebibyte():
    async with websockets.connect(URL, max_size=None) as ws:
        big = bytes(i % 251 for i in range(1 << 20))
        await ws.send(big)
        check(await ws.recv() == big, "1 MiB binary echo")
        text = "飞" * (1 << 18)
        await ws.send(text)
        check(await ws.recv() == text, "768 KiB text echo")


async def fragmented():
    async with websockets.connect(URL) as ws:
        await ws.send(["起", "飞", " ok"])
        check(await ws.recv() == "起飞 ok", "fragmented text")
        await ws.send([b"a", b"", b"bc"])
        check(await ws.recv() == b"abc", "fragmented binary")


async def ping_pong():
    async with websockets.connect(URL) as ws:
        waiter = await ws.ping(b"payload")
        await asyncio.wait_for(waiter, 5)
        waiter = await ws.ping(b"")
        await asyncio.wait_for(waiter, 5)


async def close_with(code, reason):
    ws = await websockets.connect(URL)
    port = ws.local_address[1]
    await ws.close(code, reason)
    check(ws.close_code == code, f"echoed close code {ws.close_code}")
    seen = await server_close(port)
    check(seen == ("remote", code), f"server saw {seen}")


async def close_no_status():
    ws = await websockets.connect(URL)
    port = ws.local_address[1]
    await ws.close(code=None)
    check(ws.protocol.close_rcvd is not None and ws.protocol.close_rcvd.code == 1005, "server answered with an empty Close")
    seen = await server_close(port)
    check(seen == ("remote", 1005), f"server saw {seen}")


async def vanish():
    ws = await websockets.connect(URL)
    port = ws.local_address[1]
    ws.transport.abort()  # RST, no Close frame
    seen = await server_close(port)
    check(seen == ("transport", 1006), f"server saw {seen}")


async def expect_failure(first_byte, payload, code):
    ws = await websockets.connect(URL)
    port = ws.local_address[1]
    await raw_send(ws, first_byte, payload)
    try:
        await ws.recv()
    except websockets.ConnectionClosed:
        pass
    await ws.wait_closed()
    check(ws.close_code == code, f"client saw close code {ws.close_code}")
    seen = await server_close(port)
    check(seen == ("local", code), f"server saw {seen}")


async def oversized():
    ws = await websockets.connect(URL, max_size=None)
    port = ws.local_address[1]
    try:
        await ws.send(b"x" * (2 * 1024 * 1024 + 1))  # wire-echo runs with --max-message 2 MiB
        await ws.recv()
    except websockets.ConnectionClosed:
        pass
    await ws.wait_closed()
    check(ws.close_code == 1009, f"client saw close code {ws.close_code}")
    seen = await server_close(port)
    check(seen == ("local", 1009), f"server saw {seen}")


async def main():
    await case("echo text and binary", echo_text_binary)
    await case("echo 1 MiB", echo_one_mebibyte)
    await case("fragmented messages", fragmented)
    await case("ping/pong", ping_pong)
    await case("client closes 1000", lambda: close_with(1000, "done"))
    await case("client closes 1001", lambda: close_with(1001, "tab closed"))
    await case("client closes 4000 (application code)", lambda: close_with(4000, "app"))
    await case("client closes with no status -> 1005", close_no_status)
    await case("client vanishes without Close -> 1006", vanish)
    await case("RSV1 without extension -> 1002", lambda: expect_failure(0xC1, b"x", 1002))
    await case("invalid UTF-8 text -> 1007", lambda: expect_failure(0x81, b"\xce\xba\xe1\xbd", 1007))
    await case("continuation without start -> 1002", lambda: expect_failure(0x80, b"x", 1002))
    await case("reserved opcode 3 -> 1002", lambda: expect_failure(0x83, b"", 1002))
    await case("ping of 126 bytes -> 1002", lambda: expect_failure(0x89, b"p" * 126, 1002))
    await case("fragmented ping -> 1002", lambda: expect_failure(0x09, b"p", 1002))
    await case("message over limit -> 1009", oversized)
    failed = 0
    for name, error in results:
        print(f"{'PASS' if error is None else 'FAIL'} python-client/{name}" + ("" if error is None else f": {error}"))
        failed += error is not None
    print(f"python-client: {len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


asyncio.run(main())
