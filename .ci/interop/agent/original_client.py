"""Drives tello-agent the way the original agent's own test script did
(connect, the six test phrases, a compound order, get_status), with the
Python `websockets` library as an independent client, and checks every reply.

Usage: python original_client.py ws://127.0.0.1:PORT/
Prints one line per check and a final `interop-agent: N passed, N failed`.
"""
import asyncio
import json
import sys

import websockets

PHRASES = [
    ("起飞", ["takeoff"]),
    ("向前飞行50厘米", ["move_forward"]),
    ("向上飞行30厘米", ["move_up"]),
    ("顺时针旋转90度", ["rotate_clockwise"]),
    ("悬停5秒", ["hover"]),
    ("降落", ["land"]),
    ("起飞后向前飞30厘米，然后降落", ["takeoff", "move_forward", "land"]),
]
STATUS_KEYS = {"connected", "flying", "battery", "temperature", "height", "speed", "position", "wifi_signal", "flight_time"}

passed = 0
failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


everything = []


async def reply_to(ws, type_, seen):
    """Next message of `<type_>_response`, keeping every other message in `seen`."""
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), timeout=60))
        everything.append(message)
        if message.get("type") == type_ + "_response":
            return message
        seen.append(message)


async def main(url):
    async with websockets.connect(url) as ws:
        hello = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
        check("connection_established first", hello == {
            "type": "connection_established", "success": True, "message": "连接已建立，等待命令..."}, hello)

        seen = []
        await ws.send(json.dumps({"type": "connect_drone", "data": {}}))
        connect = await reply_to(ws, "connect_drone", seen)
        check("connect_drone", connect.get("success") is True and isinstance(connect.get("battery"), int), connect)

        for phrase, actions in PHRASES:
            progress = []
            await ws.send(json.dumps({"type": "natural_language_command", "data": {"command": phrase}}))
            reply = await reply_to(ws, "natural_language_command", progress)
            planned = [c["action"] for c in reply.get("ai_analysis", {}).get("commands", [])]
            results = reply.get("execution_results", [])
            check(f"{phrase}: planned {actions}", planned == actions, planned)
            check(f"{phrase}: flown", reply.get("success") is True and len(results) == len(actions)
                  and all(r.get("success") for r in results), reply)
            steps = [m for m in progress if m.get("type") == "command_executing"]
            done = [m for m in progress if m.get("type") == "ai_commands_executed"]
            check(f"{phrase}: progress", len(steps) == len(actions) and len(done) == 1
                  and done[0]["data"] == {"total_commands": len(actions), "executed_commands": len(actions), "success": True},
                  progress)

        await ws.send(json.dumps({"type": "get_status"}))
        status = await reply_to(ws, "get_status", seen)
        check("get_status shape", STATUS_KEYS <= set(status.get("status", {})), status)
        check("get_status landed", status["status"]["flying"] is False and status["status"]["connected"] is True, status)

        await ws.send("{not json")
        error = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
        while error.get("type") == "drone_status":
            error = json.loads(await asyncio.wait_for(ws.recv(), timeout=10))
        check("invalid JSON", error == {"type": "error", "success": False, "error": "无效的JSON格式"}, error)

        await ws.send(json.dumps({"type": "drone_command", "data": {"action": "takeoff"}}))
        check("takeoff", (await reply_to(ws, "drone_command", seen)).get("success") is True)
        await ws.send(json.dumps({"type": "drone_command", "data": {"action": "move_forward", "parameters": {"distance": 900}}, "id": 7}))
        clamped = await reply_to(ws, "drone_command", seen)
        check("900 cm is clamped to 500 and says so", clamped.get("success") is True and clamped.get("id") == 7
              and clamped.get("data", {}).get("clamped") == {"from": 900, "to": 500}, clamped)
        await ws.send(json.dumps({"type": "drone_command", "data": {"action": "land"}}))
        check("land", (await reply_to(ws, "drone_command", seen)).get("success") is True)

        statuses = [m for m in everything if m.get("type") == "drone_status"]
        check("drone_status broadcasts", len(statuses) > 0 and STATUS_KEYS <= set(statuses[-1]["data"]), len(statuses))
    print(f"interop-agent: {passed} passed, {failed} failed")
    return failed == 0


if __name__ == "__main__":
    sys.exit(0 if asyncio.run(main(sys.argv[1])) else 1)
