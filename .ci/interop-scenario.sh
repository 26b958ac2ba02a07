#!/usr/bin/env bash
# Plays the scenario library (scenarios/*.json) 20 times against the real
# agent and fails if any run fails or any transcript differs from the first
# run's. No outside peer needed: the agent, simulator and mocks run
# in-process over real loopback sockets on virtual time. scenarios/pending/
# (when present) holds bug reports that fail today and is not played here.
#
# A run that stops making progress fails on its own after the runner's stall
# timeout (--stall-timeout, 60 s of wall time by default), printing what it
# was waiting for. As a last resort the whole library is stopped after
# SCENARIO_TIME_LIMIT seconds (default 1800) so CI gets an answer, not a
# timeout. The full output stays in a log file whose path is printed last,
# and each failing run's HTML trace in a folder printed beside it.
set -uo pipefail
cd "$(dirname "$0")/.."

swift build --product tello-scenario >/dev/null || { echo "interop-scenario: 0 passed, 1 failed (build)"; exit 1; }
bin="$(swift build --show-bin-path)/tello-scenario"
out="$(mktemp -d)"
report="$out/scenario-junit.xml"
log="$out/scenario.log"
limit="${SCENARIO_TIME_LIMIT:-1800}"

# A failing run (or one whose transcript parts from run 1's) leaves an HTML trace to look at.
traces="$out/traces"
timeout --kill-after=30 "$limit" "$bin" run scenarios --repeat 20 --junit "$report" --trace "$traces" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "interop-scenario: the library did not finish within $limit s and was stopped (exit $status)" | tee -a "$log"
fi

summary=$(grep -E '^[0-9]+ scenarios?: ' "$log" | tail -1)
passed=$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
failed=$(echo "$summary" | sed -E 's/.*, ([0-9]+) failed.*/\1/')
echo "JUnit report: $report"
echo "log: $log"
[ -n "$(ls -A "$traces" 2>/dev/null)" ] && echo "traces of failing runs: $traces"
echo "interop-scenario: ${passed:-0} passed, ${failed:-1} failed"
[ "$status" -eq 0 ] && [ "${failed:-1}" -eq 0 ]
