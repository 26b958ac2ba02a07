"""Checks that a planted regression failed the converted scenario at the
right step: the expectation of the first `move_*` drone_command response.

usage: failing_step.py SCENARIO.json OUTPUT.txt
"""
import json
import re
import sys

scenario = json.load(open(sys.argv[1], encoding="utf-8"))
output = open(sys.argv[2], encoding="utf-8").read()
expected = next(index + 1 for index, step in enumerate(scenario["steps"])
                if "expect" in step and step["message"].get("type") == "drone_command_response"
                and str(step["message"].get("action", "")).startswith("move_"))
found = re.search(r"run 1, step (\d+) \(expect ", output)
if not found:
    print(f"FAIL no failing step in the output:\n{output[:2000]}")
    sys.exit(1)
if int(found.group(1)) != expected:
    print(f"FAIL failed at step {found.group(1)}, the first move's response is step {expected}")
    sys.exit(1)
if "$.id" not in output:
    print("FAIL the failure does not name the missing id")
    sys.exit(1)
print(f"ok: failed at step {expected}, the first move's response, naming $.id")
