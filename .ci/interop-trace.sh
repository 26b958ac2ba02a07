#!/usr/bin/env bash
# Interop: the HTML traces `tello-scenario` writes (a failing run, a passing
# run with faults, a record log, an hour-long recording), opened from the file system in Debian's
# chromium (headless, driven through the DevTools protocol from Python): they
# draw with no page error, and show what a reader needs. `diff` tells the
# failing run from the passing one. Traces and screenshots go to
# .build/interop-trace/ (printed). Prints `interop-trace: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh interop-trace

# The Chinese font: the orders in the traces are in Chinese.
ci_chromium
ci_build tello-scenario
ci_venv 'websockets==15.0.1'
tool="$bin/tello-scenario"

shots="$PWD/.build/interop-trace"
rm -rf "$shots"
mkdir -p "$shots"
: >"$work/results"
result() {  # ok|FAIL text
    echo "$1 $2" | tee -a "$work/results"
}

# A failing run: normal-command expecting the drone 15 cm further than it flies, with a loss fault mid-order.
python - "$work/broken.json" <<'PY'
import json, sys
scenario = json.load(open("scenarios/normal-command.json"))
scenario["name"] = "normal-command-broken"
for step in scenario["steps"]:
    if "expect_drone" in step:
        step["expect_drone"]["position_cm"] = {"x": 45, "y": 0, "z": 0}
scenario["steps"].insert(4, {"fault": {"kind": "loss", "rate": 0.2, "direction": "both"}})
scenario["steps"].insert(6, {"fault": {"kind": "clear"}})
json.dump(scenario, open(sys.argv[1], "w"), ensure_ascii=False)
PY
status=0
"$tool" run "$work/broken.json" --trace "$shots" >"$work/broken.out" || status=$?
if [ "$status" -eq 1 ] && [ -f "$shots/normal-command-broken-run1.html" ]; then
    result ok "a failing run wrote its trace (exit 1)"
else
    result FAIL "a failing run: exit $status, traces: $(ls "$shots")"; cat "$work/broken.out"
fi
# Passing runs: only with --trace-all. One has the link go down mid-flight (a shaded fault period).
"$tool" run scenarios/normal-command.json scenarios/link-loss-mid-flight.json --trace "$shots" >"$work/pass.out" \
    && [ ! -e "$shots/normal-command-run1.html" ] && result ok "a passing run writes no trace without --trace-all" \
    || result FAIL "a passing run and --trace: $(cat "$work/pass.out")"
"$tool" run scenarios/normal-command.json scenarios/link-loss-mid-flight.json --trace "$shots" --trace-all >"$work/all.out" \
    && [ -f "$shots/normal-command-run1.html" ] && [ -f "$shots/link-loss-mid-flight-run1.html" ] \
    && result ok "--trace-all traces passing runs" || result FAIL "--trace-all: $(cat "$work/all.out")"
# A record log written by hand from the format's description.
"$tool" trace Tests/ScenarioTests/Fixtures/record-session.jsonl -o "$shots/record-session.html" >"$work/trace.out" \
    && result ok "trace LOG: $(cat "$work/trace.out")" || result FAIL "trace LOG: $(cat "$work/trace.out")"
# An hour-long recording (state lines at 10 Hz, video at 30 fps: 145,000 events) still draws.
python - "$work/long-recording.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as log:
    def write(event): log.write(json.dumps(event) + "\n")
    write({"format": "tello-agent-record", "version": 1, "started": "2026-11-28T09:30:00Z", "drone": "192.168.10.1", "options": {}})
    write({"t": 0, "kind": "ws_open", "client": "c1", "address": "127.0.0.1:50000", "path": "/"})
    for tick in range(36000):
        t = tick / 10
        height = 80 if 10 < t < 3500 else 0
        write({"t": t, "kind": "drone_state", "text": f"pitch:0;roll:0;yaw:{tick // 10 % 360 - 180};vgx:0;vgy:0;vgz:0;templ:60;temph:62;"
               f"tof:{height + 10};h:{height};bat:{100 - tick // 400};baro:0.00;time:0;agx:0.00;agy:0.00;agz:-1000.00;\r\n"})
        for frame in range(3):
            write({"t": round(t + frame / 30, 3), "kind": "video", "bytes": 3700, "keyframe": frame == 0})
        if tick % 600 == 300:
            write({"t": t, "kind": "drone_out", "text": "forward 50" if tick % 1200 == 300 else "cw 90"})
            write({"t": t + 2, "kind": "drone_in", "text": "ok"})
        if tick % 50 == 0:
            write({"t": t, "kind": "ws_out", "client": "c1", "text": json.dumps({"type": "drone_status", "data": {"battery": 100 - tick // 400}})})
PY
"$tool" trace "$work/long-recording.jsonl" -o "$shots/long-recording.html" >"$work/long.out" \
    && result ok "trace of an hour-long recording: $(cat "$work/long.out")" || result FAIL "trace of an hour-long recording: $(cat "$work/long.out")"
# diff: the same run twice is the same; the failing and the passing run part, and it says where.
"$tool" diff "$shots/normal-command-run1.html" "$shots/normal-command-run1.html" >"$work/same.out" \
    && result ok "diff of a trace with itself: same" || result FAIL "diff of a trace with itself: $(cat "$work/same.out")"
status=0
"$tool" diff "$shots/normal-command-run1.html" "$shots/normal-command-broken-run1.html" >"$shots/diff.txt" || status=$?
if [ "$status" -eq 1 ] && grep -q '^first difference: ' "$shots/diff.txt"; then
    result ok "diff of the passing and the failing run: $(grep '^first difference: ' "$shots/diff.txt")"
else
    result FAIL "diff of the passing and the failing run: exit $status"; cat "$shots/diff.txt"
fi

python .ci/interop/trace/trace_pages.py chromium "$shots" | tee -a "$work/results" || true
echo "traces and screenshots: $shots"
passed="$(grep -c '^ok ' "$work/results" || true)"
failed="$(grep -c '^FAIL ' "$work/results" || true)"
echo "interop-trace: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
