#!/usr/bin/env bash
# Plays the scenario library (scenarios/*.json) 20 times against the real
# agent and fails if any run fails or any transcript differs from the first
# run's (issue 6). No outside peer needed: the agent, simulator and mocks run
# in-process over real loopback sockets on virtual time. scenarios/pending/
# (when present) holds bug reports that fail today and is not played here.
set -uo pipefail
cd "$(dirname "$0")/.."

swift build --product tello-scenario >/dev/null || { echo "interop-scenario: 0 passed, 1 failed (build)"; exit 1; }
bin="$(swift build --show-bin-path)/tello-scenario"
report="$(mktemp -d)/scenario-junit.xml"

"$bin" run scenarios --repeat 20 --junit "$report" | tee /tmp/interop-scenario.$$.log
status=${PIPESTATUS[0]}

summary=$(grep -E '^[0-9]+ scenarios?: ' /tmp/interop-scenario.$$.log | tail -1)
passed=$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
failed=$(echo "$summary" | sed -E 's/.*, ([0-9]+) failed.*/\1/')
rm -f /tmp/interop-scenario.$$.log
echo "JUnit report: $report"
echo "interop-scenario: ${passed:-0} passed, ${failed:-1} failed"
[ "$status" -eq 0 ] && [ "${failed:-1}" -eq 0 ]
