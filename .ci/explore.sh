#!/usr/bin/env bash
# Explores a fixed range of seeds with `tello-scenario explore` (generated
# clients, requests and faults against the real agent, every invariant
# checked; docs/scenario.md, "The explorer") and fails on any violation.
# A failing seed is shrunk and written, with its whole generated scenario,
# into a folder whose path is printed; replay one with
# `tello-scenario explore --replay FILE` or `--seeds 1 --start SEED`.
#
# The range is 2000 seeds, each played in memory as `tello-scenario run`
# plays, one seed per core at a time (`--jobs`, default the number of cores;
# the output is the same for any count); EXPLORE_SEEDS, EXPLORE_START and
# EXPLORE_JOBS change them. EXPLORE_TIME_LIMIT (seconds, default 900) stops a
# run that hangs.
set -uo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh explore
ci_build tello-scenario
# Not $work: the log and the shrunk scenarios outlive the run.
out="$(mktemp -d)"
log="$out/explore.log"
seeds="${EXPLORE_SEEDS:-2000}"
start="${EXPLORE_START:-1}"
limit="${EXPLORE_TIME_LIMIT:-900}"
cores="$(nproc)"
jobs="${EXPLORE_JOBS:-$(( cores < 64 ? cores : 64 ))}"

timeout --kill-after=30 "$limit" "$bin/tello-scenario" explore --seeds "$seeds" --start "$start" --jobs "$jobs" --out "$out/shrunk" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "explore: did not finish within $limit s and was stopped (exit $status)" | tee -a "$log"
fi
echo "log: $log"
[ -d "$out/shrunk" ] && echo "shrunk scenarios: $out/shrunk"
if [ "$status" -eq 0 ]; then
    echo "explore: seeds $start to $((start + seeds - 1)), no violation"
else
    echo "explore: FAILED (exit $status)"
fi
[ "$status" -eq 0 ]
