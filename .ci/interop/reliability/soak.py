"""Bounded soak: clients churn through every close kind and request type; resources end flat.

Six clients, each a loop of short sessions (seeded), for SOAK_SECONDS: every
request type (connect_drone, drone_command moves and reads, natural language,
get_status, AI settings, video, status opt-out, unknown type, emergency,
disconnect, invalid JSON), and every way of leaving (clean 1000, 1001, a close
without status, a TCP reset, a protocol error, an oversized message, a client
that never reads). Every response must come back once, to its sender, with
its id; the agent's RSS, open descriptors and threads are sampled every second
and must end flat after the warm-up.
"""
import asyncio
import json
import random
import re
import time

import websockets

from client import Client
from harness import Fleet, Sampler, fd_count, mib, rss_bytes, thread_count, until
from rawws import Closed, RawWS, frame

SOAK_SECONDS = 65
WARM_UP_SECONDS = 15
CLIENTS = 6
# Bounds of "flat", after the warm-up: what a leak over a minute of churn would break.
RSS_GROWTH_BOUND = 16 * 1048576
FD_SLACK = 3
THREAD_SLACK = 4

CLOSE_KINDS = {  # kind -> the code the agent must log for it
    "clean 1000": 1000,
    "going away 1001": 1001,
    "no status (1005)": 1005,
    "TCP reset (1006)": 1006,
    "protocol error (1002)": 1002,
    "oversized (1009)": 1009,
    "never reads (1006)": 1006,
}
BROADCAST_RESPONSES = {"natural_language_command_response", "drone_command_response"}
PHRASES = ["起飞", "向前飞行50厘米", "向上飞行30厘米", "顺时针旋转90度", "悬停1秒", "降落", "起飞后向前飞30厘米，然后降落"]
MOVES = ["move_forward", "move_back", "move_left", "move_right", "move_up", "move_down"]


def request_mix(rng):
    """One random request as (type, data or None); None means a frame that is not JSON."""
    table = [
        (3, lambda: ("connect_drone", {})),
        (4, lambda: ("drone_command", {"action": rng.choice(MOVES), "parameters": {"distance": rng.randint(20, 80)}})),
        (1, lambda: ("drone_command", {"action": "rotate_clockwise", "parameters": {"degrees": rng.randint(10, 90)}})),
        (2, lambda: ("drone_command", {"action": rng.choice(["takeoff", "land"])})),
        (3, lambda: ("drone_command", {"action": rng.choice(["get_battery", "get_status"])})),
        (1, lambda: ("drone_command", {"action": "hover", "parameters": {"seconds": 1}})),
        (3, lambda: ("natural_language_command", {"command": rng.choice(PHRASES)})),
        (4, lambda: ("get_status", None)),
        (2, lambda: ("get_ai_settings", None)),
        (1, lambda: (rng.choice(["start_video", "stop_video"]), None)),
        (1, lambda: ("set_status_updates", {"enabled": rng.random() < 0.5})),
        (1, lambda: ("no_such_type", None)),
        (2, lambda: None),  # invalid JSON
    ]
    # Rare, as in life: they stop or drop the drone for everybody.
    if rng.random() < 0.03:
        return rng.choice([("emergency", None), ("disconnect_drone", None)])
    return rng.choices([make for _, make in table], weights=[w for w, _ in table])[0]()


class Tally:
    def __init__(self):
        self.registry = {}  # id key -> (client, request type)
        self.sessions = 0
        self.sent = 0
        self.answered = 0
        self.broadcasts = 0
        self.misrouted = []
        self.lost = []
        self.idless_errors = 0
        self.invalid_sent = 0
        self.agent_close = {}  # kind -> {code: count} the agent sent
        self.kinds = {kind: 0 for kind in CLOSE_KINDS}
        self.open_failures = []
        self.greeting_late = []

    def problem(self, bucket, text):
        if len(bucket) < 20:
            bucket.append(text)


class LibPeer:
    """Python `websockets`, for the clean closes."""

    def __init__(self, ws):
        self.ws = ws

    @classmethod
    async def open(cls, address):
        return cls(await websockets.connect(f"ws://{address}/", max_size=None, ping_interval=None, open_timeout=10))

    async def send(self, text):
        await self.ws.send(text)

    async def recv(self, timeout):
        try:
            return await asyncio.wait_for(self.ws.recv(), timeout)
        except websockets.ConnectionClosed:
            rcvd = self.ws.protocol.close_rcvd
            raise Closed(rcvd.code if rcvd else 1006)

    async def leave(self, code):
        await asyncio.wait_for(self.ws.close(code), 10)


class RawPeer:
    """The raw-socket adversary, for everything else."""

    def __init__(self, raw):
        self.raw = raw

    @classmethod
    async def open(cls, address, rcvbuf=None):
        return cls(await RawWS.connect(address, rcvbuf=rcvbuf))

    async def send(self, text):
        await self.raw.send_text(text)

    async def recv(self, timeout):
        return await self.raw.recv(timeout)


async def session(address, kind, rng, name, tally):
    raw_kinds = kind not in ("clean 1000", "going away 1001")
    try:
        peer = await (RawPeer.open(address, rcvbuf=4096 if kind.startswith("never") else None)
                      if raw_kinds else LibPeer.open(address))
    except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as error:
        tally.problem(tally.open_failures, f"{name} {kind}: {error!r}")
        return
    tally.sessions += 1
    tally.kinds[kind] += 1
    pending = {}  # id key -> request type
    asked = set()  # request types this session sent
    answered = set()
    closed = asyncio.get_running_loop().create_future()

    def classify(message):
        type_ = message.get("type", "")
        if "id" not in message:
            if type_ == "error":
                tally.idless_errors += 1
            elif type_.endswith("_response"):
                tally.problem(tally.misrouted, f"{name}: a {type_} without id")
            else:
                tally.broadcasts += 1
            return
        key = json.dumps(message["id"])
        if key in pending:
            if type_ not in (pending[key] + "_response", "error"):
                tally.problem(tally.misrouted, f"{name}: id {key} ({pending[key]}) answered as {type_}")
            del pending[key]
            answered.add(key)
            tally.answered += 1
        elif key in answered:
            tally.problem(tally.misrouted, f"{name}: id {key} answered twice ({type_})")
        elif key in tally.registry:
            owner, request_type = tally.registry[key]
            if type_ not in BROADCAST_RESPONSES or type_ != request_type + "_response":
                tally.problem(tally.misrouted, f"{name} got {owner}'s id {key} ({request_type}) as {type_}")
            else:
                tally.broadcasts += 1
        else:
            tally.problem(tally.misrouted, f"{name}: unknown id {key} in {type_}")

    async def read():
        try:
            first = json.loads(await peer.recv(10))
            if first.get("type") != "connection_established":
                tally.problem(tally.greeting_late, f"{name}: first message {first.get('type')} id={first.get('id')}")
                classify(first)
            while True:
                text = await peer.recv(60)
                if isinstance(text, (bytes, bytearray)):
                    # The video relay's pictures (binary messages) go only to clients that sent start_video.
                    if "start_video" not in asked:
                        tally.problem(tally.misrouted, f"{name}: a binary message without start_video")
                    continue
                try:
                    classify(json.loads(text))
                except ValueError:
                    tally.problem(tally.misrouted, f"{name}: unparsable {text[:80]!r}")
        except Closed as c:
            closed.set_result(c.code)
        except (asyncio.TimeoutError, OSError) as error:
            closed.set_result(f"reader: {error!r}")

    reader = None if kind.startswith("never") else asyncio.create_task(read())
    try:
        for _ in range(rng.randint(2, 7)):
            request = request_mix(rng)
            if request is None:
                tally.invalid_sent += 1
                await peer.send("{oops")
                continue
            type_, data = request
            id_ = f"{name}-{tally.sent}" if rng.random() < 0.7 else 10_000_000 * (1 + int(name[1:])) + tally.sent
            key = json.dumps(id_)
            tally.registry[key] = (name, type_)
            pending[key] = type_
            asked.add(type_)
            tally.sent += 1
            message = {"type": type_, "id": id_}
            if data is not None:
                message["data"] = data
            await peer.send(json.dumps(message, ensure_ascii=False))
        if kind in ("clean 1000", "no status (1005)"):
            await until(lambda: not pending or closed.done(), 30)
            for key, type_ in pending.items():
                tally.problem(tally.lost, f"{name}: {type_} id {key} unanswered "
                              + (f"when the agent closed the session ({closed.result()})" if closed.done() else "after 30 s"))
        elif kind in ("going away 1001", "TCP reset (1006)"):
            await until(lambda: len(answered) >= 1 or closed.done(), 10)
        if closed.done() and not kind.startswith(("protocol error", "oversized")):
            tally.problem(tally.lost, f"{name} {kind}: the agent ended the session first ({closed.result()})")
        if kind == "clean 1000":
            await peer.leave(1000)
        elif kind == "going away 1001":
            await peer.leave(1001)
        elif kind == "no status (1005)":
            await peer.raw.send_raw(frame(0x8, b""))
            await asyncio.wait_for(asyncio.shield(closed), 15)
            peer.raw.abort(rst=False)
        elif kind.startswith("TCP reset"):
            peer.raw.abort(rst=True)
        elif kind.startswith("protocol error"):
            await peer.raw.send_raw(frame(0x3, b"reserved opcode"))
        elif kind.startswith("oversized"):
            await peer.raw.send_raw(frame(0x1, b"", length=10 * 1048576 + 1))
        elif kind.startswith("never reads"):
            # It stops reading with requests outstanding and broadcasts coming, then vanishes.
            await asyncio.sleep(rng.uniform(2, 4))
            peer.raw.abort(rst=True)
        if kind.startswith(("protocol error", "oversized")):
            code = await asyncio.wait_for(asyncio.shield(closed), 15) if reader else None
            tally.agent_close.setdefault(kind, {}).setdefault(code, 0)
            tally.agent_close[kind][code] += 1
            peer.raw.abort(rst=False)
    except Exception as error:  # whatever breaks a session is reported, never a crash of the soak
        tally.problem(tally.lost, f"{name} {kind}: session broke: {error!r}")
        if raw_kinds:
            peer.raw.abort()
    finally:
        if reader:
            reader.cancel()
            try:
                await reader
            except asyncio.CancelledError:
                pass


async def client_loop(address, index, end, tally):
    rng = random.Random(1000 + index)
    kinds = list(CLOSE_KINDS)
    turn = index
    while time.monotonic() < end:
        await session(address, kinds[turn % len(kinds)], rng, f"c{index}", tally)
        turn += 1


def closes_logged(agent):
    return [int(c) for c in re.findall(r"client disconnected .*?\bcode=(\d+)", agent.log_text())]


async def run(bin_dir, work, results):
    async with Fleet(work, bin_dir) as fleet:
        _, backend_port = await fleet.backend()
        agent, address = await fleet.agent("--time-scale", 10, "--backend", f"http://127.0.0.1:{backend_port}")
        sampler = Sampler(agent.pid)
        baseline = (0, rss_bytes(agent.pid), fd_count(agent.pid), thread_count(agent.pid))
        sampler.start()
        tally = Tally()
        start = time.monotonic()
        end = start + SOAK_SECONDS
        await asyncio.gather(*(client_loop(address, i, end, tally) for i in range(CLIENTS)))
        elapsed = time.monotonic() - start

        # Settled: every session's close logged (bounded wait), then the final figures.
        all_logged = await until(lambda: len(closes_logged(agent)) >= tally.sessions, 20)
        await sampler.stop()
        final = sampler.samples[-1]
        samples = sampler.samples
        after_warm = [s for s in samples if s[0] >= WARM_UP_SECONDS]

        results.check("soak: every request answered once, to its sender, with its id",
                      not tally.misrouted and not tally.lost and not tally.open_failures,
                      f"{tally.sessions} sessions, {tally.sent} requests ({tally.sent / elapsed:.0f}/s), "
                      f"{tally.answered} answered, {tally.broadcasts} broadcasts seen, "
                      f"{tally.idless_errors} id-less errors for {tally.invalid_sent} invalid frames in {elapsed:.0f} s"
                      + "".join(f"\n       misrouted: {m}" for m in tally.misrouted)
                      + "".join(f"\n       lost: {m}" for m in tally.lost)
                      + "".join(f"\n       could not connect: {m}" for m in tally.open_failures))

        results.check("soak: connection_established is each client's first message", not tally.greeting_late,
                      f"{len(tally.greeting_late)} of {tally.sessions} sessions got something else first"
                      + "".join(f"\n       {m}" for m in tally.greeting_late))

        wrong_close = {kind: codes for kind, codes in tally.agent_close.items()
                       if set(codes) != {CLOSE_KINDS[kind]}}
        results.check("soak: the agent closes a protocol error with 1002 and an oversized message with 1009",
                      not wrong_close and len(tally.agent_close) == 2,
                      f"agent's close codes per kind: {tally.agent_close}")

        logged = closes_logged(agent)
        expected = {}
        for kind, count in tally.kinds.items():
            expected[CLOSE_KINDS[kind]] = expected.get(CLOSE_KINDS[kind], 0) + count
        seen = {code: logged.count(code) for code in sorted(set(logged) | set(expected))}
        results.check("soak: every close logged once, with its code",
                      all_logged and seen == {c: expected.get(c, 0) for c in seen},
                      f"sessions per kind {tally.kinds}; logged per code {seen}, expected {expected}")

        if not after_warm:
            results.check("soak: resources sampled", False, "no samples after the warm-up")
            return
        warm = after_warm[0]
        peak = max(samples, key=lambda s: s[1])
        growth = final[1] - warm[1]
        minutes = (after_warm[-1][0] - warm[0]) / 60 or 1
        results.check("soak: RSS flat after the warm-up", growth <= RSS_GROWTH_BOUND,
                      f"start {mib(baseline[1])}, after {WARM_UP_SECONDS} s warm-up {mib(warm[1])}, "
                      f"peak {mib(peak[1])} at {peak[0]:.0f} s, end {mib(final[1])} "
                      f"(growth {mib(growth)} over {minutes:.1f} min; bound {mib(RSS_GROWTH_BOUND)})")
        results.check("soak: open descriptors back to the idle count",
                      final[2] <= baseline[2] + FD_SLACK,
                      f"idle {baseline[2]}, max {max(s[2] for s in samples)} during churn, end {final[2]} "
                      f"(bound idle + {FD_SLACK})")
        warm_threads = max(s[3] for s in samples if s[0] < WARM_UP_SECONDS)
        results.check("soak: thread count bounded",
                      max(s[3] for s in after_warm) <= warm_threads + THREAD_SLACK,
                      f"idle {baseline[3]}, warm-up max {warm_threads}, after max {max(s[3] for s in after_warm)}, "
                      f"end {final[3]} (bound warm-up max + {THREAD_SLACK})")

        answer = None
        try:
            probe = await Client.connect(address, "final")
            answer = await probe.request("get_status", timeout=5)
            await probe.close()
        except Exception as error:  # any failure to answer is the finding
            answer = error
        ok = agent.alive() and isinstance(answer, dict) and answer.get("type") == "get_status_response"
        results.check("soak: agent alive and answering at the end", ok, f"get_status -> {str(answer)[:120]}")
        if not all(r for r in [ok, not tally.misrouted, not tally.lost, all_logged]):
            results.note("agent log tail:\n" + agent.tail())
