"""tello-sim as an external drone: started on loopback with its HTTP control
endpoint, whose ground truth (docs/tello-sim.md) says what the drone really did."""
import asyncio
import json
import urllib.request

from harness import port_of


async def start_sim(fleet, port=0, time_scale=1, name="tello-sim"):
    """A started tello-sim; returns (program, command port, control URL).
    Exact (clean, SDK-guide timing): these checks are about the agent under load, not the drone's quirks."""
    program = fleet.program(name, "tello-sim", "--bind", "127.0.0.1", "--command-port", port, "--control-port", 0,
                            "--time-scale", time_scale, "--seed", 7, "--exact", "--model", "edu")
    command, control = (await program.start(listening=2))[:2]
    return program, port_of(command), f"http://{control}"


async def truth(control):
    """The drone's ground truth (x, y, z cm, motorsOn, flying, sdkMode, activity, ...)."""
    def get():
        with urllib.request.urlopen(f"{control}/drones/0/truth", timeout=3) as response:
            return json.load(response)
    return await asyncio.to_thread(get)
