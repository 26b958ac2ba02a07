"""Emergency never refused: one client with a long move and 16+ get_battery polls in flight, then emergency.

The agent flies an external tello-sim; a page polls get_battery while a
500 cm move runs (reads may wait behind it). The same client's `emergency`
must be answered with success and the simulator's ground truth must show
the motors off, the drone out of the air.
"""
import asyncio
import time

from client import Client
from harness import Fleet, closed_port, until
from sim import start_sim, truth

POLLS = 20


async def run(bin_dir, work, results):
    async with Fleet(work, bin_dir) as fleet:
        sim, port, control = await start_sim(fleet)
        agent, address = await fleet.agent("--drone", f"127.0.0.1:{port}", "--backend", f"http://127.0.0.1:{closed_port()}")
        client = await Client.connect(address, "page")
        connect, _ = await client.timed_request("connect_drone", timeout=25)
        takeoff, _ = await client.timed_request("drone_command", {"action": "takeoff"}, timeout=25)
        if not (connect and connect.get("success") and takeoff and takeoff.get("success")):
            results.check("emergency: setup (connect, takeoff)", False, f"{connect}; {takeoff}")
            results.note("agent log tail:\n" + agent.tail(15))
            return

        move = asyncio.create_task(client.timed_request(
            "drone_command", {"action": "move_forward", "parameters": {"distance": 500}}, timeout=30))
        moving = await until(lambda: truth_activity(control), 5)
        polls = [asyncio.create_task(client.timed_request("drone_command", {"action": "get_battery"}, timeout=30))
                 for _ in range(POLLS)]
        await asyncio.sleep(0)
        in_flight = sum(1 for p in [move, *polls] if not p.done())
        sent = time.monotonic()
        answer, took = await client.timed_request("emergency", timeout=5)
        down = await until(lambda: truth_down(control), 3)
        where = await truth(control)
        refusals = [m for m in client.others if m.get("type") == "error"]
        ok = bool(answer) and answer.get("success") is True and bool(down)
        results.check("emergency: answered with success and the drone is down",
                      ok,
                      f"moving when sent: {bool(moving)}; {in_flight} requests of this client unanswered; "
                      f"answer in {took:.2f} s: {str(answer)[:120] if answer else 'none'}; "
                      f"truth motorsOn={where['motorsOn']} flying={where['flying']} x={where['x']:.0f} cm "
                      f"z={where['z']:.0f} cm {time.monotonic() - sent:.1f} s after sending"
                      + (f"; {len(refusals)} id-less error(s), first: {refusals[0].get('error')}" if refusals else ""))
        if not ok:
            results.note("agent log tail:\n" + agent.tail(15))
        for task in [move, *polls]:
            task.cancel()
        await asyncio.gather(move, *polls, return_exceptions=True)
        await client.close()


async def truth_activity(control):
    return (await truth(control)).get("activity") == "move"


async def truth_down(control):
    state = await truth(control)
    return not state["motorsOn"] and not state["flying"]
