#!/usr/bin/env bash
# Plays the scenario library (scenarios/*.json) 20 times against the real
# agent in memory, then 20 times live (--live: real loopback sockets), and
# fails if any run fails, any transcript differs from the first run's, or a
# live transcript differs from the in-memory one. No outside peer needed: the
# agent, simulator and mocks run in-process on virtual time. scenarios/pending/
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

source .ci/lib.sh interop-scenario
ci_build tello-scenario
# Not $work: the logs, the report and the traces outlive the run.
out="$(mktemp -d)"
report="$out/scenario-junit.xml"
log="$out/scenario.log"
limit="${SCENARIO_TIME_LIMIT:-1800}"

# A failing run (or one whose transcript parts from run 1's) leaves an HTML trace to look at.
traces="$out/traces"
timeout --kill-after=30 "$limit" "$bin/tello-scenario" run scenarios --repeat 20 --jobs 2 --verbose --trace "$traces" > "$out/memory.log" 2>&1
memory_status=$?
grep -E '^(\[|[0-9]+ scenarios?: |library)' "$out/memory.log" | sed 's/^/in memory: /' | tee "$log"
timeout --kill-after=30 "$limit" "$bin/tello-scenario" run scenarios --repeat 20 --live --verbose --junit "$report" > "$out/live.log" 2>&1
status=$?
grep -vE '^(---|[a-z0-9-]+: )' "$out/live.log" | tee -a "$log"
# The transcripts (every line after a '--- transcript of' marker), wall times aside, must be the same in both modes.
if ! diff <(grep -vE ' wall|^\[|^library|^[0-9]+ scenarios?: ' "$out/memory.log") \
          <(grep -vE ' wall|^\[|^library|^[0-9]+ scenarios?: ' "$out/live.log") > "$out/modes.diff"; then
    echo "interop-scenario: live and in-memory transcripts differ (see $out/modes.diff)" | tee -a "$log"
    status=1
fi
[ "$memory_status" -eq 0 ] || status=$memory_status
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
