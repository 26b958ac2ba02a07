"""Summarizes an Autobahn index.json: every case must be OK, NON-STRICT or
INFORMATIONAL, and its close behaviour OK or INFORMATIONAL.
Usage: python autobahn_summary.py index.json"""
import collections
import json
import sys

ACCEPTED = {"OK", "NON-STRICT", "INFORMATIONAL"}
report = json.load(open(sys.argv[1]))
passed = failed = 0
for agent, cases in report.items():
    counts = collections.Counter(case["behavior"] for case in cases.values())
    for case_id, case in sorted(cases.items()):
        if case["behavior"] in ACCEPTED and case["behaviorClose"] in {"OK", "INFORMATIONAL"}:
            passed += 1
        else:
            failed += 1
            print(f"FAIL autobahn/{agent}/{case_id}: {case['behavior']} close={case['behaviorClose']}")
    print(f"autobahn {agent}: {len(cases)} cases {dict(counts)}")
print(f"autobahn: {passed} passed, {failed} failed")
