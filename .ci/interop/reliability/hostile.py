"""Hostile input: malformed frames, hostile JSON and huge inputs, one at a time.

Each input comes from a raw-socket client while two well-behaved clients
(Python `websockets`) stay connected. After each: those two are still
connected and answered, the agent is alive, and what the input added to the
log has no line over the bound and no raw control character.
"""
import asyncio
import json
import re
import time

from client import Client
from harness import LOG_LINE_BOUND, Fleet, file_size, log_hygiene, until
from rawws import CONTINUATION, PING, TEXT, Closed, RawWS, frame

NOISE = {"drone_status", "command_executing", "ai_commands_executed"}
BROADCAST_RESPONSES = {"drone_command_response", "natural_language_command_response"}
REPLY_BOUND = 64 * 1024  # a reply to a huge input must not echo it
ORDER_BOUND = 20  # seconds for a huge order to be answered (or refused)
GET_STATUS_BOUND = 2.0  # seconds a get_status may take while huge orders are planned
FORGED = "2026-01-01T00:00:00.000Z info agent: forged line"

FRAMES = [  # (name, frame bytes, close code RFC 6455 requires)
    ("reserved opcode 0x3", frame(0x3, b"x"), 1002),
    ("unmasked client frame", frame(TEXT, b'{"type":"get_status"}', mask=False), 1002),
    ("text frame with invalid UTF-8", frame(TEXT, b'{"type":"get_status","x":"\xff\xfe\xc3"}'), 1007),
    ("fragmented ping (control frame without FIN)", frame(PING, b"x", fin=False), 1002),
    ("control frame over 125 bytes", frame(PING, b"x" * 200), 1002),
    ("reserved bit set", frame(TEXT, b"{}", rsv=4), 1002),
    ("continuation with nothing to continue", frame(CONTINUATION, b"x"), 1002),
]

DEPTH = 100_000
NINE_MIB = 9 * 1048576
JSON_CASES = [  # (name, frame text); the agent must answer and keep the connection
    ("id 1e309 (overflows a double)", '{"type":"get_status","id":1e309}'),
    ("distance 1e309", '{"type":"drone_command","id":"big-number","data":{"action":"move_forward","parameters":{"distance":1e309}}}'),
    ("lone surrogate in data", '{"type":"get_status","id":"surrogate","data":{"x":"\\ud800"}}'),
    ("lone surrogate in type", '{"type":"\\udc00get_status","id":"surrogate-type"}'),
    (f"nesting {DEPTH} levels deep", '{"type":"get_status","id":"deep","data":{"x":' + "[" * DEPTH + "]" * DEPTH + "}}"),
    ("9 MiB action string", json.dumps({"type": "drone_command", "id": "huge-action", "data": {"action": "A" * NINE_MIB}})),
    ("type with CR LF forging a log line", json.dumps({"type": f"get_status\r\n{FORGED}", "id": "crlf"})),
    ("type with ESC and NUL", json.dumps({"type": "\u001b[31mred\u001b[0m\u0000x", "id": "esc-nul"})),
    ("1 MiB id", json.dumps({"type": "get_status", "id": "I" * 1048576})),
    ("1 MiB type", json.dumps({"type": "T" * 1048576, "id": "huge-type"})),
]
VERBATIM_IDS = ["9007199254740993", "1.0", "-0", "12345678901234567890"]


async def first_reply(raw, timeout):
    """The next message that is not a broadcast: (text, parsed) or raises Closed/TimeoutError."""
    end = time.monotonic() + timeout
    while True:
        text = await raw.recv(max(0.1, end - time.monotonic()))
        try:
            message = json.loads(text)
        except ValueError:
            return text, None
        if message.get("type") not in NOISE:
            return text, message


async def still_connected(raw, tag):
    """The sender's own connection survives its bad input: a get_status is answered."""
    await raw.send_json({"type": "get_status", "id": tag})
    end = time.monotonic() + 10
    while time.monotonic() < end:
        message = json.loads(await raw.recv(max(0.1, end - time.monotonic())))
        if message.get("id") == tag:
            return message.get("type") == "get_status_response"
    return False


async def aftermath(agent, address, observers, log_from, broadcast_id=None):
    """What must hold after every input: (ok, detail). A lost observer is replaced, so the next input is judged alone.

    When the input's answer is broadcast, its effect on the others is only over once each has the broadcast
    (or has been disconnected by it)."""
    problems = []
    if broadcast_id is not None:
        landed = await until(lambda: all(not o.open or any(isinstance(m, dict) and m.get("id") == broadcast_id
                                                           for m in o.others) for o in observers), 15)
        if not landed:
            problems.append(f"the broadcast of {broadcast_id!r} did not reach the others within 15 s")
    if not agent.alive():
        problems.append(f"agent exited ({agent.process.returncode})")
    for i, observer in enumerate(observers):
        if observer.open:
            answer, took = await observer.timed_request("get_status", timeout=5)
            if answer is None:
                problems.append(f"{observer.name}: get_status unanswered after {took:.1f} s")
        if not observer.open:
            problems.append(f"{observer.name} was disconnected {observer.closed}")
            if agent.alive():
                try:
                    observers[i] = await Client.connect(address, observer.name)
                except Exception as error:  # a refused newcomer is part of the finding
                    problems.append(f"a new client could not connect: {error!r}")
    longest, over, control = 0, 0, None
    for path, start in log_from.items():
        a, b, c = log_hygiene(path, start)
        longest, over, control = max(longest, a), over + b, control or c
    if over:
        problems.append(f"{over} log line(s) over {LOG_LINE_BOUND} bytes (longest {longest})")
    if control:
        problems.append(f"raw control character in the log: {control}")
    return not problems, f"longest new log line {longest} B" + "".join(f"; {p}" for p in problems)


async def run(bin_dir, work, results):
    async with Fleet(work, bin_dir) as fleet:
        _, backend_port = await fleet.backend()
        agent, address = await fleet.agent("--time-scale", 10, "--backend", f"http://127.0.0.1:{backend_port}")
        observers = [await Client.connect(address, f"observer{i}") for i in (1, 2)]
        connected = await observers[0].request("connect_drone", timeout=20)
        results.note(f"observer1 connect_drone: success={connected.get('success')}")

        async def case(name, body):
            log_from = {agent.log_path: file_size(agent.log_path), agent.out_path: file_size(agent.out_path)}
            start = time.monotonic()
            broadcast_id = None
            try:
                ok, detail, *broadcast = await body()
                broadcast_id = broadcast[0] if broadcast else None
            except Exception as error:  # the input broke the exchange itself: that is the finding
                ok, detail = False, f"{type(error).__name__}: {error}"
            after_ok, after = await aftermath(agent, address, observers, log_from, broadcast_id)
            results.check(f"hostile: {name}", ok and after_ok, f"{detail}; {after} ({time.monotonic() - start:.1f} s)")
            if not (ok and after_ok):
                results.note("agent log tail:\n" + agent.tail(12))
            return ok and after_ok

        for name, data, code in FRAMES:
            async def send_frame(data=data, code=code):
                raw = await RawWS.connect(address)
                await raw.recv(10)  # connection_established
                await raw.send_raw(data)
                got = await raw.until_closed(15)
                raw.abort(rst=False)
                return got == code, f"agent closed with {got}, expected {code}"
            await case(name, send_frame)

        for name, text in JSON_CASES:
            async def send_json(text=text, name=name):
                raw = await RawWS.connect(address)
                await raw.recv(10)
                await raw.send_text(text)
                request_id = re.search(r'"id": ?"([^"]*)"', text[:200])
                broadcastable = re.search(r'"type": ?"(drone_command|natural_language_command)"', text[:200])
                try:
                    reply, message = await first_reply(raw, 30)
                except Closed as closed:
                    # Closed by the agent over its own answer: whether the others got it too is still to be seen.
                    return False, f"the agent closed the sender: {closed.code} {closed.reason}", \
                        request_id.group(1) if request_id and broadcastable else None
                kind = message.get("type") if message else "unparsable"
                # An id is echoed as sent (that is its point); anything else of a huge input must not come back.
                ok = len(reply) <= REPLY_BOUND or name == "1 MiB id"
                detail = f"reply {kind[:60]!r} {len(reply)} B" + ("" if ok else f" (over {REPLY_BOUND} B: input echoed)")
                if "forged" in text and re.search("^" + re.escape(FORGED), agent.log_text(), re.M):
                    ok, detail = False, detail + "; the forged line stands alone in the log"
                alive = await still_connected(raw, "after")
                await raw.close()
                broadcast = message.get("id") if message and kind in BROADCAST_RESPONSES else None
                return ok and alive, detail + ("" if alive else "; sender's connection did not survive"), broadcast
            await case(name, send_json)

        async def verbatim():
            raw = await RawWS.connect(address)
            await raw.recv(10)
            wrong = []
            for token in VERBATIM_IDS:
                await raw.send_text(f'{{"type":"get_status","id":{token}}}')
                reply, _ = await first_reply(raw, 10)
                echoed = re.search(r'"id"\s*:\s*(-?[0-9][0-9.eE+-]*|"[^"]*")', reply)
                echoed = echoed.group(1) if echoed else None
                if echoed != token:
                    wrong.append(f"{token} -> {echoed}")
            await raw.close()
            return not wrong, f"{len(VERBATIM_IDS) - len(wrong)}/{len(VERBATIM_IDS)} echoed verbatim" + \
                ("" if not wrong else f" (wrong: {', '.join(wrong)})")
        await case("ids echoed verbatim (2^53+1, 1.0, -0, 20 digits)", verbatim)

        async def huge_orders():
            # Two 1 MiB orders of one unknown word at once; meanwhile a third client's get_status must stay quick.
            order = {"type": "natural_language_command", "data": {"command": "zq" * (1048576 // 2)}}
            senders = [await Client.connect(address, f"orderer{i}") for i in (1, 2)]
            futures = [asyncio.create_task(s.timed_request(order["type"], order["data"], timeout=ORDER_BOUND))
                       for s in senders]
            latencies = []
            end = time.monotonic() + ORDER_BOUND
            while not latencies or (not all(f.done() for f in futures) and time.monotonic() < end):
                answer, took = await observers[1].timed_request("get_status", timeout=max(0.1, end - time.monotonic()))
                latencies.append(took if answer else float("inf"))
                await asyncio.sleep(0.25)
            orders = [await f for f in futures]
            for s in senders:
                await s.close(timeout=2)
            worst = max(latencies) if latencies else 0
            answered = [took for answer, took in orders if answer is not None]
            ok = worst <= GET_STATUS_BOUND and len(answered) == 2
            worst_text = f"{worst:.2f} s" if worst != float("inf") else f"unanswered within {ORDER_BOUND} s"
            return ok, (f"orders answered in {', '.join(f'{t:.1f} s' for t in answered) or 'none'} "
                        f"(bound {ORDER_BOUND} s); get_status meanwhile: worst {worst_text} over {len(latencies)} "
                        f"(bound {GET_STATUS_BOUND} s)")
        await case("two 1 MiB natural-language orders", huge_orders)

        for observer in observers:
            await observer.close()
