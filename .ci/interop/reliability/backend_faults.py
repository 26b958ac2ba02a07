"""Backend faults: the 3002 backend down, 500, 4xx, hanging, resetting, flapping, and an agent restart with --outbox.

One agent (no drone connected, so every natural-language order is planned
and its analysis handed to the 3002 bridge) and `bridge-mocks backend3002`
on one fixed port, restarted in a new mode per fault. The mock's log is the
ground truth: every order's analysis must be accepted (2xx) exactly once
once the backend is healthy again; nothing lost, nothing twice.
"""
import json
import os
import re
import time

from client import Client
from harness import Fleet, read_text, until

DELIVERY_BOUND = 10  # seconds from "backend healthy again" to every analysis accepted


class Backend:
    """The 3002 mock on a fixed port, in one mode at a time; its incarnations' logs together are the record."""

    def __init__(self, fleet):
        self.fleet = fleet
        self.port = 0
        self.current = None
        self.incarnations = []

    async def up(self, *mode):
        await self.down()
        self.current, self.port = await self.fleet.backend(*mode, port=self.port)
        self.incarnations.append(self.current)

    async def down(self):
        if self.current:
            await self.current.stop()
            self.current = None

    def requests(self):
        """[(idempotency key, behaviour)] in order, over every incarnation."""
        found = []
        for program in self.incarnations:
            found += re.findall(r"mock 3002 request method=POST \S+ analysis=(\S+) behaviour=(\"[^\"]*\"|\S+)",
                                read_text(program.log_path))
        return found

    def accepted(self):
        return [key for key, behaviour in self.requests() if behaviour.strip('"')[:1] == "2"]

    def attempts(self, key):
        return sum(1 for k, _ in self.requests() if k == key)

    def keys(self):
        return list(dict.fromkeys(k for k, _ in self.requests()))


def outbox_entries(path):
    try:
        with open(path) as f:
            return json.load(f).get("entries", [])
    except (FileNotFoundError, ValueError):
        return None


async def run(bin_dir, work, results):
    async with Fleet(work, bin_dir) as fleet:
        backend = Backend(fleet)
        await backend.up()  # picks the port every later incarnation reuses
        outbox = os.path.join(work, "outbox.json")
        # Debug: the "backend not running" lines say when an outage has been met, so the suite waits on them.
        agent_args = ("--time-scale", 10, "--backend", f"http://127.0.0.1:{backend.port}", "--outbox", outbox,
                      "--log-level", "debug")
        agent, address = await fleet.agent(*agent_args)
        client = await Client.connect(address, "orders")
        state = {"orders": 0, "agent": agent, "client": client}

        async def order():
            # A distinct plan per order, so each analysis is its own body.
            state["orders"] += 1
            reply = await state["client"].request("natural_language_command",
                                                  {"command": f"向前飞行{20 + state['orders']}厘米"}, timeout=15)
            if reply.get("type") != "natural_language_command_response":
                raise RuntimeError(f"order not answered as expected: {reply}")

        async def retried(before, count, timeout=8):
            """Waits until the mock has seen `count` attempts of the first key it had not seen among `before` keys."""
            def seen():
                keys = backend.keys()
                return len(keys) > before and backend.attempts(keys[before]) >= count
            return await until(seen, timeout)

        def refusals():
            return state["agent"].log_text().count("3002 backend not running")

        async def outage_met(before, count):
            """Waits until the agent has found nobody listening `count` more times (the outage is real to it)."""
            return await until(lambda: refusals() >= before + count, 10)

        async def delivered(what, phase):
            """Once the backend is healthy: each of this phase's orders accepted once, within the bound."""
            since = time.monotonic()
            expected = state["orders"] - phase["orders"]
            def new_accepted():
                return set(backend.accepted()) - phase["accepted"]
            ok = await until(lambda: len(new_accepted()) >= expected, DELIVERY_BOUND)
            accepted = backend.accepted()
            twice = sorted({k for k in accepted if accepted.count(k) > 1})
            took = time.monotonic() - since
            good = ok and not twice and len(new_accepted()) == expected
            results.check(f"backend: {what}", good,
                          f"{expected} order(s), {len(new_accepted())} accepted"
                          f"{f' {took:.1f} s after the backend was healthy' if ok else f' after {DELIVERY_BOUND} s'}; "
                          f"{len(backend.requests())} POSTs seen in all"
                          + (f"; accepted twice: {twice}" if twice else ""))
            if not good:
                results.note("agent log tail:\n" + state["agent"].tail(12))
            return good

        def phase():
            """Where a phase starts: orders so far and analyses already accepted."""
            return {"orders": state["orders"], "accepted": set(backend.accepted())}

        # Healthy first: the reference.
        start = phase()
        await order()
        await delivered("healthy backend: analysis delivered", start)

        # Down: nothing listens; two orders; the backend comes back once the agent has been refused 3 times.
        await backend.down()
        start, seen = phase(), refusals()
        await order()
        await order()
        await outage_met(seen, 3)
        await backend.up()
        await delivered("down (refused 3 times): kept, delivered when it came back", start)

        for mode, what in [
            (("--status", 500, "--body", '{"error":"scripted"}'), "500"),
            (("--status", 404, "--body", '{"error":"no such route"}'), "404 (a proxy or half-deployed backend)"),
            (("--reset",), "connection reset"),
            (("--close",), "connection closed without a reply"),
            (("--hang",), "hang (abandoned at the 5 s deadline)"),
        ]:
            await backend.up(*mode)
            start, before = phase(), len(backend.keys())
            await order()
            again = await retried(before, 2)
            attempts = backend.attempts(backend.keys()[before]) if len(backend.keys()) > before else 0
            results.note(f"{what}: {attempts} attempt(s) seen" + ("" if again else " (no retry within 8 s)"))
            await backend.up()
            await delivered(f"{what}: kept and delivered once healthy", start)

        # Flapping: down and up four times, an order in each state. The backend only goes down once the
        # last round is accepted: killed in the middle of a 200, the agent could not know it was
        # delivered, and its retry (same idempotency key) is not a duplicate to blame on it.
        start = phase()
        for _ in range(4):
            await backend.down()
            seen = refusals()
            await order()
            await outage_met(seen, 1)
            await backend.up()
            await order()
            await until(lambda: len(set(backend.accepted()) - start["accepted"]) >= state["orders"] - start["orders"],
                        DELIVERY_BOUND)
        await delivered("flapping (down/up x4, an order in each state)", start)

        # Restart with --outbox: two orders while down, the agent stops, a new one delivers them.
        await backend.down()
        start, seen = phase(), refusals()
        await order()
        await order()
        await outage_met(seen, 1)
        pending = await until(lambda: len(outbox_entries(outbox) or []) >= 2, 5)
        await state["client"].close()
        status = await agent.stop()
        kept = outbox_entries(outbox)
        results.check("backend: undelivered analyses on disk across an agent restart",
                      pending and status == 0 and kept is not None and len(kept) == 2,
                      f"outbox held {len(kept) if kept is not None else 'no file'} entries after SIGTERM "
                      f"(exit {status}), 2 expected")
        agent, address = await fleet.agent(*agent_args, name="agent-restarted")
        state["agent"] = agent
        state["client"] = await Client.connect(address, "orders2")
        await backend.up()
        await delivered("restart with --outbox: delivered by the new agent", start)
        emptied = await until(lambda: outbox_entries(outbox) == [], 5)
        results.check("backend: outbox file empty once everything is delivered", emptied,
                      f"{len(outbox_entries(outbox) or [])} entries left")
        accepted = backend.accepted()
        results.check("backend: over every fault, each order's analysis accepted exactly once",
                      len(accepted) == len(set(accepted)) == state["orders"],
                      f"{state['orders']} orders, {len(set(accepted))} analyses accepted, "
                      f"{len(accepted) - len(set(accepted))} accepted twice, {len(backend.requests())} POSTs")
        await state["client"].close()
