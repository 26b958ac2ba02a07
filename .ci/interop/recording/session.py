"""A person's session with tello-agent, for the recording check: connect, fly a
few commands (some answered with errors), optionally changing the simulator's
faults between them through tello-sim's control endpoint, then close with 1000.

usage: session.py ws://HOST:PORT/ [--control http://HOST:PORT]
Prints one line per response; exits non-zero only if the agent stops answering.
"""
import asyncio
import json
import sys
import urllib.request

import websockets


def set_faults(control, faults):
    if control is None:
        return
    request = urllib.request.Request(f"{control}/drones/0/faults", data=json.dumps(faults).encode(),
                                     method="PUT", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()


async def main(url, control):
    async with websockets.connect(url, origin="http://localhost:3000") as ws:
        greeting = json.loads(await asyncio.wait_for(ws.recv(), 10))
        print("greeting", greeting["type"])
        next_id = 0

        async def request(kind, data=None):
            nonlocal next_id
            next_id += 1
            await ws.send(json.dumps({"type": kind, "id": next_id, "data": data or {}}))
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), 120))
                if message.get("id") == next_id and message.get("type") == kind + "_response":
                    print(kind, (data or {}).get("action", ""), "success=%s" % message.get("success"), message.get("error", ""))
                    return message

        await request("connect_drone")
        await request("drone_command", {"action": "takeoff"})
        # A forced error: the drone refuses to turn.
        set_faults(control, {"forcedReplies": {"cw": "error Not joystick"}})
        await request("drone_command", {"action": "rotate_clockwise", "parameters": {"angle": 90}})
        await request("drone_command", {"action": "move_forward", "parameters": {"distance": 50}})
        # Loss on the way in and out: the agent's retries, probes and timeouts.
        set_faults(control, {"commandLoss": 0.4, "replyLoss": 0.2})
        await request("drone_command", {"action": "move_up", "parameters": {"distance": 30}})
        await request("drone_command", {"action": "get_battery"})
        # Late replies: each answer arrives after the next command.
        set_faults(control, {"lateReplies": True})
        await request("drone_command", {"action": "move_back", "parameters": {"distance": 20}})
        set_faults(control, {})
        await ws.send("not json")
        await request("natural_language_command", {"command": "向左飞30厘米然后降落"})
        await request("drone_command", {"action": "land"})
        await ws.close(code=1000, reason="session over")


if __name__ == "__main__":
    control = sys.argv[sys.argv.index("--control") + 1] if "--control" in sys.argv else None
    asyncio.run(main(sys.argv[1], control))
