"""Drone restart and kill: connect_drone works again after tello-sim restarts, and after an early emergency.

The agent flies an external tello-sim (`--drone 127.0.0.1:PORT`). The
simulator is killed (SIGKILL, like a battery pulled) once the agent has noticed
the link is gone, and started again on the same port: not in SDK mode, as a
real Tello after a restart. `connect_drone` must succeed and a move must fly
(the simulator's ground truth says so). Then a fresh agent and drone:
`emergency` before any `connect_drone`, after which connect must work too.
"""
import re
import signal
import time

from client import Client
from harness import Fleet, closed_port, until
from sim import start_sim, truth

# Flight at twice real speed (takeoff 2.5 s); the drone's 15 s auto-land is then 7.5 s, still past the
# agent's 5 s keepalive.
SIM_SPEED = 2
CONNECT_BOUND = 15  # seconds for one connect_drone answer: a probe timeout (7 s) and then `command`, with room


async def fly_a_move(client, control, results, what):
    """connect_drone, takeoff, forward 50 cm, land; the ground truth must show the move."""
    start = time.monotonic()
    connect, took = await client.timed_request("connect_drone", timeout=CONNECT_BOUND)
    ok = bool(connect) and connect.get("success") is True
    results.check(f"restart: {what}: connect_drone succeeds", ok,
                  f"{took:.1f} s: {str(connect)[:160] if connect else f'no answer within {CONNECT_BOUND} s'}")
    if not ok:
        return False
    takeoff, _ = await client.timed_request("drone_command", {"action": "takeoff"}, timeout=20)
    move, _ = await client.timed_request("drone_command", {"action": "move_forward", "parameters": {"distance": 50}},
                                         timeout=20)
    where = await truth(control)
    flew = (bool(takeoff) and takeoff.get("success") is True and bool(move) and move.get("success") is True
            and where["flying"] and 40 <= where["x"] <= 60)
    results.check(f"restart: {what}: a move flies", flew,
                  f"takeoff {takeoff and takeoff.get('success')}, move_forward 50 {move and move.get('success')}; "
                  f"truth x={where['x']:.0f} cm z={where['z']:.0f} cm flying={where['flying']} "
                  f"({time.monotonic() - start:.1f} s)")
    await client.timed_request("drone_command", {"action": "land"}, timeout=20)
    return flew


async def run(bin_dir, work, results):
    backend = f"http://127.0.0.1:{closed_port()}"
    async with Fleet(work, bin_dir) as fleet:
        sim, port, control = await start_sim(fleet, time_scale=SIM_SPEED)
        # Debug: each datagram the agent sends is logged, so the suite sees when it is probing.
        agent, address = await fleet.agent("--drone", f"127.0.0.1:{port}", "--backend", backend, "--log-level", "debug")
        client = await Client.connect(address, "pilot")
        first, took = await client.timed_request("connect_drone", timeout=CONNECT_BOUND)
        results.check("restart: first connect_drone", bool(first) and first.get("success") is True,
                      f"{took:.1f} s: {str(first)[:120]}")

        # The battery is pulled; the agent finds out (link lost) and, its keepalive unanswered, starts probing:
        # a probe ("send command=sn?" or another read in the rotation) after the kill.
        await sim.stop(signal.SIGKILL)
        killed_at = len(agent.log_text())
        probing = await until(lambda: re.search(r"debug dronelink: send command=(sn|time|height|tof)\?",
                                                agent.log_text()[killed_at:]), 20)
        results.note(f"agent probing the silent drone: {bool(probing)} ({agent.log_text().count('drone link lost')} "
                     f"link-lost line(s))")
        sim, _, control = await start_sim(fleet, port=port, time_scale=SIM_SPEED, name="tello-sim-restarted")
        if not await fly_a_move(client, control, results, "after tello-sim was killed and started again"):
            results.note("agent log tail:\n" + agent.tail(15))
        await client.close()

    async with Fleet(work, bin_dir) as fleet:
        sim, port, control = await start_sim(fleet, time_scale=SIM_SPEED, name="tello-sim-fresh")
        agent, address = await fleet.agent("--drone", f"127.0.0.1:{port}", "--backend", backend, name="agent-fresh")
        client = await Client.connect(address, "early")
        early, took = await client.timed_request("emergency", timeout=CONNECT_BOUND)
        results.note(f"emergency before any connect_drone: {took:.1f} s, {str(early)[:120]}")
        if not await fly_a_move(client, control, results, "after an emergency before the first connect"):
            results.note("agent log tail:\n" + agent.tail(15))
        await client.close()
