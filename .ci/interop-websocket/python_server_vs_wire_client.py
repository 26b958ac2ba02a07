"""Python `websockets` as the server against our client (`wire-echo client`).

Usage: python python_server_vs_wire_client.py PATH/TO/wire-echo
The server picks its behaviour from the request path; for each scenario our
client runs a command script and its stdout (one line per message, then
`closed INITIATOR CODE CLASS REASON`) is checked, as is what the server saw.
"""
import asyncio
import hashlib
import struct
import sys

import websockets

WIRE_ECHO = sys.argv[1]
seen = {}  # path -> close code the server observed


def digest(data):
    return hashlib.sha1(data).hexdigest()[:8]


def pattern(n):
    return bytes(i % 251 for i in range(n))


async def raw_frame(ws, first_byte, payload):
    """Unmasked server frame the library would refuse to build."""
    ws.transport.write(struct.pack("!BB", first_byte, len(payload)) + payload)


async def handler(ws):
    path = ws.request.path
    try:
        if path == "/echo":
            async for message in ws:
                await ws.send(message)
        elif path == "/fragments":
            await ws.send(["起", "飞", "!"])
            await ws.send([b"ab", b"", b"c"])
            pong = await ws.ping(b"are you there")
            await asyncio.wait_for(pong, 5)
            await ws.send("pong ok")
            await ws.close(1000, "scenario done")
        elif path == "/big":
            await ws.send(pattern(1 << 20))
            await ws.send("飞" * (1 << 18))
            await ws.close(1000)
        elif path == "/close-1001":
            await ws.close(1001, "going away")
        elif path == "/close-nostatus":
            await ws.close(code=None)
        elif path == "/vanish":
            ws.transport.abort()
        elif path == "/bad-utf8":
            await raw_frame(ws, 0x81, b"\xed\xa0\x80")
        elif path == "/rsv":
            await raw_frame(ws, 0xA2, b"x")
        elif path == "/oversized":
            await ws.send(b"x" * (10 * 1024 * 1024 + 1))
        elif path == "/client-closes":
            async for message in ws:
                await ws.send(message)
        await ws.wait_closed()
    except websockets.ConnectionClosed:
        pass
    finally:
        seen[path] = ws.close_code


async def run_client(port, path, script):
    proc = await asyncio.create_subprocess_exec(
        WIRE_ECHO, "client", f"ws://127.0.0.1:{port}{path}",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    out, _ = await asyncio.wait_for(proc.communicate(script.encode()), 20)
    return out.decode().splitlines()


async def main():
    results = []
    async with websockets.serve(handler, "127.0.0.1", 0, max_size=None, ping_interval=None) as server:
        port = server.sockets[0].getsockname()[1]

        async def scenario(name, path, script, expected_lines, server_code):
            try:
                lines = await run_client(port, path, script)
                for _ in range(100):
                    if path in seen:
                        break
                    await asyncio.sleep(0.02)
                problems = []
                if lines != ["open"] + expected_lines:
                    problems.append(f"client printed {lines!r}, expected {['open'] + expected_lines!r}")
                if seen.get(path) != server_code:
                    problems.append(f"server saw close code {seen.get(path)}, expected {server_code}")
                results.append((name, "; ".join(problems) or None))
            except Exception as e:
                results.append((name, f"{type(e).__name__}: {e}"))

        big = pattern(1 << 20)
        await scenario("echo text, binary, 1 MiB; client closes 1000", "/echo",
                       "text hello 起飞\nrecv\nbinary 1048576\nrecv\nclose 1000 bye\nwait\n",
                       ["text 12 " + digest("hello 起飞".encode()) + " hello 起飞",
                        f"binary 1048576 {digest(big)}", "closed local 1000 clean bye"], 1000)
        await scenario("fragmented messages and server ping", "/fragments", "wait\n",
                       ["text 7 " + digest("起飞!".encode()) + " 起飞!", f"binary 3 {digest(b'abc')}",
                        "text 7 " + digest(b"pong ok") + " pong ok", "closed remote 1000 clean scenario done"], 1000)
        await scenario("server sends 1 MiB binary and 768 KiB text", "/big", "wait\n",
                       [f"binary 1048576 {digest(big)}",
                        "text 786432 " + digest(("飞" * (1 << 18)).encode()), "closed remote 1000 clean "], 1000)
        await scenario("server closes 1001", "/close-1001", "wait\n", ["closed remote 1001 clean going away"], 1001)
        await scenario("server closes with no status -> 1005", "/close-nostatus", "wait\n",
                       ["closed remote 1005 clean "], 1005)
        await scenario("server vanishes without Close -> 1006", "/vanish", "wait\n",
                       ["closed transport 1006 abnormal peer closed TCP without a close frame"], 1006)
        await scenario("client closes 4001 with reason", "/client-closes", "close 4001 app reason\nwait\n",
                       ["closed local 4001 error app reason"], 4001)
        await scenario("client aborts (no Close) -> server sees 1006", "/client-closes", "abort\nwait\n",
                       ["closed local 1006 abnormal client abort command"], 1006)
        await scenario("invalid UTF-8 from server -> 1007", "/bad-utf8", "wait\n",
                       ["closed local 1007 error text is not valid UTF-8"], 1007)
        await scenario("RSV bits from server -> 1002", "/rsv", "wait\n",
                       ["closed local 1002 error reserved bits set without extension"], 1002)
        await scenario("message over 10 MiB -> 1009", "/oversized", "wait\n",
                       ["closed local 1009 error frame of 10485761 bytes over limit 10485760"], 1009)
    failed = 0
    for name, error in results:
        print(f"{'PASS' if error is None else 'FAIL'} python-server/{name}" + ("" if error is None else f": {error}"))
        failed += error is not None
    print(f"python-server: {len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


asyncio.run(main())
